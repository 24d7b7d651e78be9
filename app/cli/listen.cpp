// listen and expect: a live connection whose log is printed as NDJSON.

#include "listen.h"

#include "cli.h"
#include "contractsoption.h"

#include "entryjson.h"
#include "logstore.h"
#include "session.h"
#include "sessionfile.h"
#include "wiresocket.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTimer>

namespace cs::cli {

namespace {

// Entries are printed as they are published; keep little in memory. Both limits are above what
// the socket reader lets wait (wiresocket.h: entries, and 16 MiB plus one message of at most
// 16 MiB), so no entry is dropped from a published batch before it is printed.
constexpr qsizetype kCliLogCap = 2 * WireSocket::kMaxStorePendingEntries;
constexpr qint64 kCliLogByteBudget = 3 * WireSocket::kMaxMessageBytes;
constexpr qsizetype kMaxLineBufferBytes = 4 << 20;  // a larger batch's buffer is not kept
// Connects, subscribes, and reports connection or authorization failures as exit code 3.
class LiveRun : public QObject {
public:
    LiveRun(const Credentials &credentials, const AuthEndpoints &endpoints, bool printEntries,
            std::shared_ptr<const ContractSet> contracts = {})
        : m_session(credentials, authorizerFor(credentials, endpoints), &m_log, QStringLiteral("cli")),
          m_contracts(std::move(contracts))
    {
        m_log.setCap(kCliLogCap);
        m_log.setByteBudget(kCliLogByteBudget);
        if (printEntries) {
            connect(&m_log, &LogStore::appended, this, [this](qsizetype first, qsizetype count) {
                // Written straight from the entries (no QJsonObject per frame), one write per batch.
                m_lines.clear();
                for (qsizetype row = first; row < first + count; ++row) {
                    const LogEntry entry = m_log.at(row);
                    const QJsonArray violations = violationsOf(entry, m_contracts.get());
                    appendEntryJson(m_lines, entry, {nullptr, &violations});
                    m_lines += '\n';
                }
                printLines(m_lines);
                if (m_lines.capacity() > kMaxLineBufferBytes)
                    m_lines = QByteArray();
            });
        }
        Connection *connection = m_session.connection();
        connect(connection, &Connection::stateChanged, this, [this, connection](ConnectionState state) {
            if (state == ConnectionState::Disconnected || state == ConnectionState::Failed)
                finish(ExitConnection, QStringLiteral("connection %1: %2")
                                           .arg(connectionStateName(state), connection->lastError().message));
            // A script wants an answer, not the endless background retries of an interactive client.
            if (state == ConnectionState::Unavailable)
                finish(ExitConnection, QStringLiteral("server unavailable: not connected after %1 s: %2")
                                           .arg(connection->options().unavailableTimeoutMs / 1000.0)
                                           .arg(connection->lastError().message));
        });
        connect(m_session.channels(), &ChannelRegistry::subscriptionFailed, this,
                [this](const QString &channel, const Error &error) {
                    finish(ExitConnection, QStringLiteral("subscription to %1 failed: %2").arg(channel, error.message));
                });
    }

    Session &session() { return m_session; }
    LogStore &log() { return m_log; }

    // The user's auth endpoints when given, else the built-in signer.
    static std::unique_ptr<Authorizer> authorizerFor(const Credentials &credentials, const AuthEndpoints &endpoints)
    {
        if (!endpoints.channel)
            return Session::builtInSigner(credentials);
        return std::make_unique<EndpointAuthorizer>(*endpoints.channel, endpoints.user, credentials.key,
                                                    credentials.secret);
    }

    // With a user-auth endpoint, signs in (pusher:signin) once connected; a refused sign-in ends the run.
    void signInIfAsked(const AuthEndpoints &endpoints, const PresenceIdentity &identity)
    {
        if (!endpoints.channel || !endpoints.user)
            return;
        connect(m_session.channels(), &ChannelRegistry::signinFailed, this,
                [this](const Error &error) { finish(ExitConnection, error.message); });
        m_session.channels()->signin(identity);
    }

    Status subscribeAll(const QStringList &channels, const PresenceIdentity &identity)
    {
        for (const QString &channel : channels) {
            if (Status s = m_session.channels()->subscribe(channel, identity); !s)
                return s;
        }
        return {};
    }

    void setTimeout(double seconds, int exitCode, const QString &message)
    {
        if (seconds <= 0)
            return;
        QTimer::singleShot(int(seconds * 1000), this, [this, seconds, exitCode, message] {
            // Time up without a connection is a connection failure, whatever the command waited for.
            const Connection *connection = m_session.connection();
            if (connection->state() != ConnectionState::Connected) {
                const QString why = connection->lastError().message;
                finish(ExitConnection, QStringLiteral("not connected within %1 s%2")
                                           .arg(seconds)
                                           .arg(why.isEmpty() ? QString() : QStringLiteral(": ") + why));
                return;
            }
            finish(exitCode, message);
        });
    }

    int exec()
    {
        m_session.connection()->open();
        const int code = QCoreApplication::exec();
        m_log.flush();  // print what arrived in the last turn
        if (!m_message.isEmpty() && code != ExitOk)
            failure(code, m_message);
        return code;
    }

    void finish(int exitCode, const QString &message = {})
    {
        if (m_finished)
            return;
        m_finished = true;
        m_message = message;
        QCoreApplication::exit(exitCode);
    }

private:
    LogStore m_log;
    Session m_session;
    std::shared_ptr<const ContractSet> m_contracts;  // null: no --contracts
    bool m_finished = false;
    QString m_message;
    QByteArray m_lines;  // the batch being printed, reused
};

std::optional<double> secondsOption(const QCommandLineParser &parser, const QString &name, double fallback)
{
    if (!parser.isSet(name))
        return fallback;
    bool ok = false;
    const double value = parser.value(name).toDouble(&ok);
    if (!ok || value < 0)
        return std::nullopt;
    return value;
}

Result<PresenceIdentity> identityFrom(const QCommandLineParser &parser)
{
    PresenceIdentity identity;
    identity.userId = parser.isSet(QStringLiteral("user-id"))
                          ? parser.value(QStringLiteral("user-id"))
                          : QStringLiteral("cli-%1").arg(QCoreApplication::applicationPid());
    if (parser.isSet(QStringLiteral("user-info"))) {
        QJsonParseError err{};
        const auto doc = QJsonDocument::fromJson(parser.value(QStringLiteral("user-info")).toUtf8(), &err);
        if (err.error != QJsonParseError::NoError || !doc.isObject())
            return Error{ErrorCode::Usage, QStringLiteral("--user-info must be a JSON object")};
        identity.userInfo = doc.object();
    }
    return identity;
}

void addIdentityOptions(QCommandLineParser &parser)
{
    parser.addOptions({
        {QStringLiteral("user-id"), QStringLiteral("User id on presence channels (default cli-<pid>)."),
         QStringLiteral("id")},
        {QStringLiteral("user-info"), QStringLiteral("User info JSON object on presence channels."),
         QStringLiteral("json")},
    });
}

// listen --save FILE: the log also goes to a session file (sessionfile.h), batch by batch.
void addSaveOption(QCommandLineParser &parser)
{
    parser.addOption({QStringLiteral("save"),
                      QStringLiteral("Also write the log to this session file as it goes (opened by the app)."),
                      QStringLiteral("file")});
}

Result<std::shared_ptr<sessionfile::Writer>> saveAsItGoes(const QCommandLineParser &parser,
                                                          const Credentials &credentials, LogStore &log)
{
    if (!parser.isSet(QStringLiteral("save")))
        return std::shared_ptr<sessionfile::Writer>();
    sessionfile::Header header;
    header.profile = sessionfile::ProfileSummary::from(QStringLiteral("cli"), credentials);
    auto created = sessionfile::Writer::create(parser.value(QStringLiteral("save")), header);
    if (!created)
        return created.error();
    std::shared_ptr<sessionfile::Writer> writer = std::move(created.value());
    QObject::connect(&log, &LogStore::appended, &log, [&log, writer](qsizetype first, qsizetype count) {
        for (qsizetype row = first; row < first + count; ++row)
            writer->add(log.at(row));
        if (Status s = writer->flush(); !s)
            failure(ExitUsage, s.error().message);
    });
    return writer;
}

}  // namespace

int runListen(const QStringList &args)
{
    QCommandLineParser parser;
    addCredentialOptions(parser);
    addIdentityOptions(parser);
    addAuthOptions(parser);
    parser.addOptions({
        {QStringLiteral("count"), QStringLiteral("Exit 0 after N channel events."), QStringLiteral("n")},
        {QStringLiteral("timeout"), QStringLiteral("Exit 0 after S seconds."), QStringLiteral("s")},
    });
    addContractsOption(parser);
    addSaveOption(parser);
    parser.addPositionalArgument(QStringLiteral("channel"), QStringLiteral("Channels to subscribe to."),
                                 QStringLiteral("CHANNEL..."));
    if (const Parsed p = parse(parser, args, QStringLiteral("Connect, subscribe and print every log entry as NDJSON."));
        p.exitNow)
        return *p.exitNow;
    const QStringList channels = parser.positionalArguments();
    const auto timeout = secondsOption(parser, QStringLiteral("timeout"), 0);
    if (!timeout)
        return usageError(QStringLiteral("--timeout must be a number of seconds"));
    bool countOk = true;
    const int count = parser.isSet(QStringLiteral("count")) ? parser.value(QStringLiteral("count")).toInt(&countOk) : 0;
    if (!countOk || count < 0)
        return usageError(QStringLiteral("--count must be a positive number"));
    const auto credentials = credentialsFrom(parser, QStringLiteral("ws"));
    if (!credentials)
        return usageError(credentials.error().message);
    const auto identity = identityFrom(parser);
    if (!identity)
        return usageError(identity.error().message);

    const auto endpoints = authEndpointsFrom(parser);
    if (!endpoints)
        return usageError(endpoints.error().message);

    const auto contracts = contractsFrom(parser);
    if (!contracts)
        return usageError(contracts.error().message);

    LiveRun run(*credentials, *endpoints, true, *contracts);
    const auto saver = saveAsItGoes(parser, *credentials, run.log());
    if (!saver)
        return usageError(saver.error().message);
    run.signInIfAsked(*endpoints, *identity);
    if (Status s = run.subscribeAll(channels, *identity); !s)
        return usageError(s.error().message);
    int received = 0;
    if (count > 0) {
        QObject::connect(run.session().channels(), &ChannelRegistry::eventReceived, &run, [&] {
            if (++received >= count)
                run.finish(ExitOk);
        });
    }
    run.setTimeout(*timeout, ExitOk, {});
    const int exitCode = run.exec();
    if (*saver) {
        if (Status s = (*saver)->finish(); !s)
            return failure(ExitUsage, s.error().message);
    }
    return exitCode;
}

int runExpect(const QStringList &args)
{
    QCommandLineParser parser;
    addCredentialOptions(parser);
    addIdentityOptions(parser);
    addAuthOptions(parser);
    parser.addOptions({
        {QStringLiteral("event"), QStringLiteral("Event name to wait for (required)."), QStringLiteral("name")},
        {QStringLiteral("data-contains"), QStringLiteral("Only an event whose data contains this text."),
         QStringLiteral("text")},
        {QStringLiteral("timeout"), QStringLiteral("Seconds to wait (default 30)."), QStringLiteral("s")},
    });
    parser.addPositionalArgument(QStringLiteral("channel"), QStringLiteral("Channel to watch."),
                                 QStringLiteral("CHANNEL"));
    if (const Parsed p =
            parse(parser, args, QStringLiteral("Wait for an event; exit 0 when it arrives, 1 on timeout."));
        p.exitNow)
        return *p.exitNow;
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1)
        return usageError(QStringLiteral("expect takes exactly one CHANNEL"));
    if (!parser.isSet(QStringLiteral("event")))
        return usageError(QStringLiteral("--event is required"));
    const auto timeout = secondsOption(parser, QStringLiteral("timeout"), 30);
    if (!timeout || *timeout <= 0)
        return usageError(QStringLiteral("--timeout must be a positive number of seconds"));
    const auto credentials = credentialsFrom(parser, QStringLiteral("ws"));
    if (!credentials)
        return usageError(credentials.error().message);
    const auto identity = identityFrom(parser);
    if (!identity)
        return usageError(identity.error().message);

    const QString channel = positional.first();
    const QString event = parser.value(QStringLiteral("event"));
    const QString needle = parser.value(QStringLiteral("data-contains"));
    const auto endpoints = authEndpointsFrom(parser);
    if (!endpoints)
        return usageError(endpoints.error().message);
    LiveRun run(*credentials, *endpoints, false);
    run.signInIfAsked(*endpoints, *identity);
    if (Status s = run.subscribeAll({channel}, *identity); !s)
        return usageError(s.error().message);
    QObject::connect(run.session().channels(), &ChannelRegistry::eventReceived, &run,
                     [&](const QString &ch, const QString &ev, const EventData &sent, const QString &userId) {
                         if (ch != channel || ev != event)
                             return;  // before decoding: most events of a flood end here
                         const QJsonValue data = sent.value();
                         const QString text =
                             data.isString()
                                 ? data.toString()
                                 : QString::fromUtf8(QJsonDocument(QJsonArray{data}).toJson(QJsonDocument::Compact));
                         if (!needle.isEmpty() && !text.contains(needle))
                             return;
                         QJsonObject match{{QStringLiteral("channel"), ch},
                                           {QStringLiteral("event"), ev},
                                           {QStringLiteral("data"), data}};
                         if (!userId.isEmpty())
                             match.insert(QStringLiteral("user_id"), userId);
                         printJsonLine(match);
                         run.finish(ExitOk);
                     });
    QString what = QStringLiteral("no event '%1' on %2").arg(event, channel);
    if (!needle.isEmpty())
        what += QStringLiteral(" with data containing '%1'").arg(needle);
    run.setTimeout(*timeout, ExitNotMet, QStringLiteral("%1 within %2 s").arg(what).arg(*timeout));
    return run.exec();
}

}  // namespace cs::cli
