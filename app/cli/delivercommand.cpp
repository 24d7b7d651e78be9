// deliver: opens N clients on one channel, sends one trigger and prints where it went.

#include "delivercommand.h"

#include "cli.h"

#include "clientset.h"
#include "deliverytracker.h"
#include "logstore.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTimer>

namespace cs::cli {

namespace {

constexpr int kMaxClients = 500;

struct DeliverOptions {
    int clients = 3;
    QString channel;
    QString event;
    QByteArray data;
    QString userIdPrefix;
    int excludeClient = -1;     // index into the clients, or -1
    int clientEventFrom = -1;   // index into the clients, or -1
    double timeoutSeconds = 5;  // per phase: connecting and subscribing, then delivery
};

// The clients are named A, B, C…; K may be that name or its 1-based number.
std::optional<int> clientIndex(const QString &value, int count)
{
    bool isNumber = false;
    const int number = value.toInt(&isNumber);
    if (isNumber)
        return number >= 1 && number <= count ? std::optional<int>(number - 1) : std::nullopt;
    int index = 0;
    for (const QChar c : value) {
        if (c < u'A' || c > u'Z')
            return std::nullopt;
        index = index * 26 + (c.unicode() - u'A' + 1);
    }
    return index >= 1 && index <= count ? std::optional<int>(index - 1) : std::nullopt;
}

// Connects every client, waits for each to be subscribed, then runs one delivery check.
class DeliverRun : public QObject {
public:
    DeliverRun(const Credentials &credentials, const AuthEndpoints &endpoints, const DeliverOptions &options)
        : m_clients(&m_log),
          m_tracker(&m_clients),
          m_options(options)
    {
        // Only the matrix is printed; keep the log small.
        m_log.setCap(10'000);
        AuthorizerFactory authorizer;
        if (endpoints.channel) {
            authorizer = [endpoints](const Credentials &c) -> std::unique_ptr<Authorizer> {
                return std::make_unique<EndpointAuthorizer>(*endpoints.channel, endpoints.user, c.key, c.secret);
            };
        }
        for (int i = 1; i <= options.clients; ++i) {
            ClientSpec spec{credentials,
                            authorizer,
                            {QStringLiteral("%1-%2").arg(options.userIdPrefix).arg(i), {}},
                            {}};
            Client *client = *m_clients.add(spec);  // names A, B, … are free in a new set
            watch(client);
        }
        m_tracker.setTimeoutMs(int(options.timeoutSeconds * 1000));
        connect(&m_tracker, &DeliveryTracker::finished, this, &DeliverRun::report);
    }

    int exec()
    {
        m_clock.start();
        for (Client *client : m_clients.clients()) {
            if (Status s = client->subscribe(m_options.channel); !s)
                return usageError(s.error().message);
            client->open();
        }
        QTimer::singleShot(int(m_options.timeoutSeconds * 1000), this, [this] {
            if (!m_checking)
                setupFailed(QStringLiteral("not every client was connected and subscribed within %1 s: %2")
                                .arg(m_options.timeoutSeconds)
                                .arg(pendingClients()));
        });
        const int code = QCoreApplication::exec();
        if (!m_message.isEmpty())
            failure(code, m_message);
        return code;
    }

private:
    void watch(Client *client)
    {
        Connection *connection = client->session()->connection();
        connect(connection, &Connection::stateChanged, this, [this, client, connection](ConnectionState state) {
            if (state == ConnectionState::Connected)
                return;
            if (state == ConnectionState::Disconnected || state == ConnectionState::Failed
                || state == ConnectionState::Unavailable)
                setupFailed(QStringLiteral("client %1: connection %2: %3")
                                .arg(client->name(), connectionStateName(state), connection->lastError().message));
        });
        // soketi answers a client event on an app without client messaging with pusher:error 4301.
        connect(connection, &Connection::errorOccurred, this, [this, client](const Error &error) {
            if (error.code == ErrorCode::Pusher)
                setupFailed(QStringLiteral("client %1: the server refused: %2 (%3)")
                                .arg(client->name(), error.message, error.id()));
        });
        ChannelRegistry *channels = client->session()->channels();
        connect(channels, &ChannelRegistry::subscriptionFailed, this,
                [this, client](const QString &channel, const Error &error) {
                    setupFailed(QStringLiteral("client %1: subscription to %2 failed: %3")
                                    .arg(client->name(), channel, error.message));
                });
        connect(channels, &ChannelRegistry::subscriptionSucceeded, this, &DeliverRun::startWhenReady);
    }

    QString pendingClients() const
    {
        QStringList names;
        for (const Client *c : m_clients.clients()) {
            if (c->isOn(m_options.channel))
                continue;
            const QString why = c->session()->connection()->lastError().message;
            names << QStringLiteral("%1 (%2%3)")
                         .arg(c->name(), connectionStateName(c->state()),
                              why.isEmpty() ? QString() : QStringLiteral(": ") + why);
        }
        return names.join(QStringLiteral(", "));
    }

    void startWhenReady()
    {
        if (m_checking || m_finished)
            return;
        const QList<Client *> clients = m_clients.clients();
        if (!std::all_of(clients.cbegin(), clients.cend(), [this](Client *c) { return c->isOn(m_options.channel); }))
            return;
        m_checking = true;
        m_setupMs = m_clock.elapsed();
        if (m_options.clientEventFrom >= 0) {
            QJsonParseError err{};
            const QJsonValue data = QJsonDocument::fromJson("[" + m_options.data + "]", &err).array().first();
            m_tracker.clientEvent(clients[m_options.clientEventFrom], m_options.channel, m_options.event, data);
            return;
        }
        TriggerRequest request{{m_options.channel}, m_options.event, QString::fromUtf8(m_options.data), {}, {}};
        if (m_options.excludeClient >= 0)
            request.socketId = clients[m_options.excludeClient]->socketId();
        m_tracker.trigger(clients.first()->session()->rest(), request);
    }

    void report()
    {
        QJsonObject out = m_tracker.toJson();
        out.insert(QStringLiteral("channel"), m_options.channel);
        out.insert(QStringLiteral("event"), m_options.event);
        out.insert(QStringLiteral("setup_ms"), m_setupMs);  // connecting and subscribing every client
        if (m_options.excludeClient >= 0)
            out.insert(QStringLiteral("excluded"), m_clients.clients()[m_options.excludeClient]->name());
        printJsonLine(out);
        if (const auto error = m_tracker.sendError())
            return end(error->code == ErrorCode::Http && error->detail == 0 ? ExitConnection : ExitNotMet,
                       QStringLiteral("sending failed: %1").arg(error->message));
        const int surprises = m_tracker.surpriseCount();
        if (surprises > 0)
            return end(ExitNotMet, QStringLiteral("%1 surprise(s) in the delivery matrix").arg(surprises));
        end(ExitOk, {});
    }

    // A client could not connect or subscribe, or the server refused what a client sent.
    void setupFailed(const QString &why)
    {
        if (m_finished)
            return;
        if (m_checking && m_tracker.isRunning()) {
            // The matrix so far goes out too: it shows who got nothing.
            QJsonObject out = m_tracker.toJson();
            out.insert(QStringLiteral("error"), why);
            printJsonLine(out);
        }
        end(ExitConnection, why);
    }

    void end(int code, const QString &message)
    {
        if (m_finished)
            return;
        m_finished = true;
        m_message = message;
        m_clients.closeAll();
        QCoreApplication::exit(code);
    }

    LogStore m_log;
    ClientSet m_clients;
    DeliveryTracker m_tracker;
    DeliverOptions m_options;
    QElapsedTimer m_clock;
    qint64 m_setupMs = 0;
    bool m_checking = false;
    bool m_finished = false;
    QString m_message;
};

}  // namespace

int runDeliver(const QStringList &args)
{
    QCommandLineParser parser;
    addCredentialOptions(parser);
    addAuthOptions(parser);
    parser.addOptions({
        {QStringLiteral("clients"), QStringLiteral("How many clients to open (default 3)."), QStringLiteral("n")},
        {QStringLiteral("channel"), QStringLiteral("The channel every client subscribes to (required)."),
         QStringLiteral("name")},
        {QStringLiteral("event"), QStringLiteral("Event name (required; client-… with --client-event-from)."),
         QStringLiteral("name")},
        {QStringLiteral("data"), QStringLiteral("Event data: JSON text, or @FILE (default {})."),
         QStringLiteral("json")},
        {QStringLiteral("user-id"), QStringLiteral("Presence user ids are <id>-1 … <id>-N (default deliver)."),
         QStringLiteral("id")},
        {QStringLiteral("exclude-client"),
         QStringLiteral("Trigger with socket_id = client K's socket (K: A, B, … or 1, 2, …)."), QStringLiteral("K")},
        {QStringLiteral("client-event-from"),
         QStringLiteral("Send a client event from client K instead of triggering through the HTTP API."),
         QStringLiteral("K")},
        {QStringLiteral("timeout"),
         QStringLiteral("Seconds to connect and subscribe, then seconds to wait for the deliveries (default 5)."),
         QStringLiteral("s")},
    });
    if (const Parsed p = parse(parser, args,
                               QStringLiteral("Open N clients on a channel, send one event and print which client "
                                              "received it, which should have, and how fast."));
        p.exitNow)
        return *p.exitNow;
    if (!parser.positionalArguments().isEmpty())
        return usageError(QStringLiteral("deliver takes no positional arguments (use --channel)"));

    DeliverOptions options;
    bool ok = true;
    if (parser.isSet(QStringLiteral("clients")))
        options.clients = parser.value(QStringLiteral("clients")).toInt(&ok);
    if (!ok || options.clients < 1 || options.clients > kMaxClients)
        return usageError(QStringLiteral("--clients must be a number from 1 to %1").arg(kMaxClients));
    options.channel = parser.value(QStringLiteral("channel"));
    options.event = parser.value(QStringLiteral("event"));
    if (options.channel.isEmpty() || options.event.isEmpty())
        return usageError(QStringLiteral("--channel and --event are required"));
    if (Status s = validateChannelName(options.channel); !s)
        return usageError(s.error().message);
    const auto data =
        readJsonArgument(parser.value(QStringLiteral("data")).isEmpty() ? QStringLiteral("{}")
                                                                        : parser.value(QStringLiteral("data")),
                         QStringLiteral("--data"));
    if (!data)
        return usageError(data.error().message);
    options.data = *data;
    options.userIdPrefix =
        parser.isSet(QStringLiteral("user-id")) ? parser.value(QStringLiteral("user-id")) : QStringLiteral("deliver");
    if (parser.isSet(QStringLiteral("timeout"))) {
        options.timeoutSeconds = parser.value(QStringLiteral("timeout")).toDouble(&ok);
        if (!ok || options.timeoutSeconds <= 0 || options.timeoutSeconds > 3600)
            return usageError(QStringLiteral("--timeout must be a positive number of seconds"));
    }
    const bool exclude = parser.isSet(QStringLiteral("exclude-client"));
    const bool clientEvent = parser.isSet(QStringLiteral("client-event-from"));
    if (exclude && clientEvent)
        return usageError(QStringLiteral("--exclude-client and --client-event-from exclude each other"));
    const QString k = parser.value(exclude ? QStringLiteral("exclude-client") : QStringLiteral("client-event-from"));
    if (exclude || clientEvent) {
        const auto index = clientIndex(k, options.clients);
        if (!index)
            return usageError(
                QStringLiteral("no client '%1' among %2 (use A, B, … or 1 to %2)").arg(k).arg(options.clients));
        (exclude ? options.excludeClient : options.clientEventFrom) = *index;
    }
    if (clientEvent) {
        // What the server would refuse anyway is a usage error here (docs/protocol.md, "Client events").
        if (Status s = validateClientEventName(options.event); !s)
            return usageError(s.error().message);
        const ChannelType type = channelKindOf(options.channel).type;
        if (type != ChannelType::Private && type != ChannelType::Presence)
            return usageError(QStringLiteral("client events need a private-… or presence-… channel"));
    } else if (Status s = validateEventName(options.event); !s) {
        return usageError(s.error().message);
    }

    const auto credentials = credentialsFrom(parser, clientEvent ? QStringLiteral("ws") : QStringLiteral("rest"));
    if (!credentials)
        return usageError(credentials.error().message);
    const auto endpoints = authEndpointsFrom(parser);
    if (!endpoints)
        return usageError(endpoints.error().message);
    DeliverRun run(*credentials, *endpoints, options);
    return run.exec();
}

}  // namespace cs::cli
