// Channel authorization and user authentication through a real auth endpoint: a Node HTTP
// server built on the official pusher SDK (tests/node/auth-endpoint.js) that wants a bearer
// token, in front of a real soketi. Each case asserts what the user sees: the subscription state
// and its one-line reason, and the auth entries of the log.

#include "endpointauthorizer.h"
#include "logexport.h"
#include "logstore.h"
#include "authendpoint.h"
#include "nodepeer.h"
#include "session.h"
#include "signer.h"
#include "soketi.h"

#include <QBuffer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTcpServer>
#include <QtTest>

using namespace cs;
using cs::test::NodePeer;

namespace {

constexpr int kWait = 10000;
const QByteArray kMasterKey = "zyrm8pvV2C9fJcBfhyXzvxbJVN/H7QLmbe0xJi1GhPU=";
const QByteArray kToken = cs::test::kAuthEndpointToken;

QJsonObject detailsOf(const LogEntry &entry) { return QJsonDocument::fromJson(entry.raw).object(); }

struct Client {
    LogStore log;
    std::unique_ptr<Session> session;
    EndpointAuthorizer *authorizer = nullptr;

    Client(const Credentials &credentials, const EndpointConfig &channelConfig,
           const std::optional<EndpointConfig> &userConfig = std::nullopt, const QString &key = {})
    {
        auto endpoint = std::make_unique<EndpointAuthorizer>(channelConfig, userConfig,
                                                             key.isEmpty() ? credentials.key : key, credentials.secret);
        authorizer = endpoint.get();
        session = std::make_unique<Session>(credentials, std::move(endpoint), &log, QStringLiteral("test"));
    }
    ChannelRegistry *channels() const { return session->channels(); }
    Connection *connection() const { return session->connection(); }

    bool connect()
    {
        connection()->open();
        return QTest::qWaitFor([this] { return connection()->state() == ConnectionState::Connected; }, kWait);
    }
    // Subscribes and waits until the subscription is settled (subscribed or failed).
    SubscriptionState subscribe(const QString &channel, int timeoutMs = kWait)
    {
        if (!channels()->subscribe(channel))
            return SubscriptionState::Unsubscribed;
        (void)QTest::qWaitFor([&] { return stateOf(channel) != SubscriptionState::Pending; }, timeoutMs);
        return stateOf(channel);
    }
    SubscriptionState stateOf(const QString &channel) const
    {
        const Subscription *s = channels()->subscription(channel);
        return s ? s->state : SubscriptionState::Unsubscribed;
    }
    QString errorOf(const QString &channel) const
    {
        const Subscription *s = channels()->subscription(channel);
        return s ? s->error : QString();
    }
    QList<LogEntry> entries(const std::function<bool(const LogEntry &)> &match = {})
    {
        log.flush();
        QList<LogEntry> out;
        for (qsizetype i = 0; i < log.size(); ++i)
            if (const LogEntry e = log.at(i); !match || match(e))
                out << e;
        return out;
    }
    QList<LogEntry> authEntries(Direction direction, const QString &channel)
    {
        return entries([&](const LogEntry &e) {
            return e.kind == EntryKind::Auth && e.direction == direction && e.channel == channel;
        });
    }
};

quint16 closedPort()
{
    QTcpServer server;
    server.listen(QHostAddress::LocalHost, 0);
    const quint16 port = server.serverPort();
    server.close();
    return port;
}

struct CliRun {
    int exitCode = -1;
    QByteArray out, err;
};

CliRun runCli(const QStringList &args, int timeoutMs = 20000)
{
    QProcess process;
    process.start(QStringLiteral(CS_CLI_PATH), args);
    CliRun run;
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished(5000);
    } else if (process.exitStatus() == QProcess::NormalExit) {
        run.exitCode = process.exitCode();
    }
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    return run;
}

}  // namespace

class TestAuthEndpoint : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(m_soketi.start(), qPrintable(m_soketi.output()));
        m_creds = m_soketi.credentials();
        m_creds.encryptionMasterKeyBase64 = kMasterKey;
        const auto port = cs::test::startAuthEndpoint(m_endpoint, NodePeer::envFor(m_creds));
        QVERIFY2(port, qPrintable(m_endpoint.stderrText()));
        m_port = *port;
    }

    void privateChannelSucceeds()
    {
        EndpointConfig c = cs::test::authEndpointConfig(m_port);
        c.params.append({QStringLiteral("team"), QStringLiteral("blue & green")});
        Client client(m_creds, c);
        QVERIFY(client.connect());
        QCOMPARE(client.subscribe(QStringLiteral("private-orders")), SubscriptionState::Subscribed);

        // The endpoint got exactly what pusher-js sends.
        const auto request = m_endpoint.waitForLine([](const QJsonObject &l) {
            return l.value(QStringLiteral("type")) == QLatin1String("request")
                   && l.value(QStringLiteral("params")).toObject().value(QStringLiteral("channel_name"))
                          == QLatin1String("private-orders");
        });
        QVERIFY(request);
        const QString socketId = client.connection()->socketId();
        QCOMPARE(request->value(QStringLiteral("body")).toString(),
                 QStringLiteral("socket_id=%1&channel_name=private-orders&team=blue%20%26%20green").arg(socketId));
        QCOMPARE(request->value(QStringLiteral("contentType")).toString(),
                 QStringLiteral("application/x-www-form-urlencoded"));

        // One request and one answer in the log.
        const QList<LogEntry> out = client.authEntries(Direction::Out, QStringLiteral("private-orders"));
        const QList<LogEntry> in = client.authEntries(Direction::In, QStringLiteral("private-orders"));
        QCOMPARE(out.size(), 1);
        QCOMPARE(in.size(), 1);
        const QJsonObject sent = detailsOf(out.first());
        QCOMPARE(sent.value(QStringLiteral("method")).toString(), QStringLiteral("POST"));
        QCOMPARE(sent.value(QStringLiteral("url")).toString(), c.url.toString());
        QVERIFY(sent.value(QStringLiteral("body")).toString().startsWith(QStringLiteral("socket_id=") + socketId));
        const QJsonObject answer = detailsOf(in.first());
        QCOMPARE(answer.value(QStringLiteral("status")).toInt(), 200);
        QVERIFY(answer.value(QStringLiteral("body")).toString().contains(QStringLiteral("\"auth\"")));
        QVERIFY(answer.contains(QStringLiteral("duration_ms")));
        QCOMPARE(answer.value(QStringLiteral("explanation")).toObject().value(QStringLiteral("verdict")).toString(),
                 QStringLiteral("match"));
        QVERIFY(client.authorizer->explanationFor(QStringLiteral("private-orders"))->matches());
    }

    void jsonBodyFormat()
    {
        EndpointConfig c = cs::test::authEndpointConfig(m_port);
        c.format = EndpointConfig::BodyFormat::Json;
        c.params.append({QStringLiteral("team"), QStringLiteral("red")});
        Client client(m_creds, c);
        QVERIFY(client.connect());
        QCOMPARE(client.subscribe(QStringLiteral("private-json")), SubscriptionState::Subscribed);
        const auto request = m_endpoint.waitForLine([](const QJsonObject &l) {
            return l.value(QStringLiteral("params")).toObject().value(QStringLiteral("channel_name"))
                   == QLatin1String("private-json");
        });
        QVERIFY(request);
        QCOMPARE(request->value(QStringLiteral("contentType")).toString(), QStringLiteral("application/json"));
        QCOMPARE(request->value(QStringLiteral("body")).toString(),
                 QStringLiteral("{\"socket_id\":\"%1\",\"channel_name\":\"private-json\",\"team\":\"red\"}")
                     .arg(client.connection()->socketId()));
    }

    void presenceChannelUsesTheEndpointsIdentity()
    {
        EndpointConfig c = cs::test::authEndpointConfig(m_port);
        c.headers.append({QByteArrayLiteral("X-User"), QByteArrayLiteral("alice")});
        Client client(m_creds, c);
        QVERIFY(client.connect());
        QCOMPARE(client.subscribe(QStringLiteral("presence-room")), SubscriptionState::Subscribed);
        const Subscription *sub = client.channels()->subscription(QStringLiteral("presence-room"));
        QCOMPARE(sub->myUserId, QStringLiteral("alice"));
        QVERIFY(sub->members.contains(QStringLiteral("alice")));
        QCOMPARE(sub->members.value(QStringLiteral("alice")).toObject().value(QStringLiteral("name")).toString(),
                 QStringLiteral("Endpoint alice"));
    }

    void encryptedChannelGetsTheSharedSecret()
    {
        Client client(m_creds, cs::test::authEndpointConfig(m_port));
        QVERIFY(client.connect());
        const QString channel = QStringLiteral("private-encrypted-vault");
        QCOMPARE(client.subscribe(channel), SubscriptionState::Subscribed);
        const auto expected = signer::signChannel({m_creds.key, m_creds.secret}, client.connection()->socketId(),
                                                  channel, {}, kMasterKey);
        QVERIFY(expected);
        QCOMPARE(client.channels()->subscription(channel)->sharedSecret, expected->sharedSecret);
        // The per-channel key is key material: it reaches the channel, never the log.
        for (const LogEntry &e : client.entries()) {
            QVERIFY2(!e.raw.contains(expected->sharedSecret), e.raw.constData());
            QVERIFY(!e.message.contains(QString::fromUtf8(expected->sharedSecret)));
        }
    }

    void failures_data()
    {
        QTest::addColumn<QString>("channel");
        QTest::addColumn<bool>("withToken");
        QTest::addColumn<bool>("endpointDown");
        QTest::addColumn<int>("timeoutMs");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("reason");

        QTest::newRow("403 missing token") << "private-a" << false << false << 5000 << "auth-http-403"
                                           << "the auth endpoint answered HTTP 403: {\"error\":\"missing token\"}";
        QTest::newRow("500") << "private-fail-500" << true << false << 5000 << "auth-http-500"
                             << "the auth endpoint answered HTTP 500: internal error: database down";
        QTest::newRow("not JSON") << "private-not-json" << true << false << 5000 << "auth-not-json"
                                  << "the body is not a JSON object: <html>oops</html>";
        QTest::newRow("no auth member") << "private-no-auth" << true << false << 5000 << "auth-no-auth-member"
                                        << "has no \"auth\" member: {}";
        QTest::newRow("presence without channel_data")
            << "presence-no-data" << true << false << 5000 << "auth-no-channel-data"
            << "presence channel presence-no-data has no channel_data";
        QTest::newRow("encrypted without shared_secret")
            << "private-encrypted-no-secret" << true << false << 5000 << "auth-no-shared-secret"
            << "No shared_secret key in auth payload for encrypted channel: private-encrypted-no-secret";
        QTest::newRow("endpoint down") << "private-a" << true << true << 5000 << "auth-refused"
                                       << "connection refused";
        QTest::newRow("timeout") << "private-slow" << true << false << 700 << "auth-timeout"
                                 << "did not answer within 700 ms";
    }

    void failures()
    {
        QFETCH(QString, channel);
        QFETCH(bool, withToken);
        QFETCH(bool, endpointDown);
        QFETCH(int, timeoutMs);
        QFETCH(QString, code);
        QFETCH(QString, reason);

        EndpointConfig c = cs::test::authEndpointConfig(endpointDown ? closedPort() : m_port);
        if (!withToken)
            c.headers.clear();
        c.timeoutMs = timeoutMs;
        Client client(m_creds, c);
        QVERIFY(client.connect());
        QCOMPARE(client.subscribe(channel), SubscriptionState::Failed);
        const QString error = client.errorOf(channel);
        QVERIFY2(error.contains(reason), qPrintable(error));
        QVERIFY2(!error.contains(u'\n'), qPrintable(error));

        const QList<LogEntry> in = client.authEntries(Direction::In, channel);
        QCOMPARE(in.size(), 1);
        QCOMPARE(detailsOf(in.first()).value(QStringLiteral("code")).toString(), code);
        QVERIFY2(in.first().message.contains(reason), qPrintable(in.first().message));
        if (code == QLatin1String("auth-timeout"))
            QVERIFY(detailsOf(in.first()).value(QStringLiteral("duration_ms")).toInteger() >= timeoutMs - 50);
    }

    void wrongKeyPrefix()
    {
        Client client(m_creds, cs::test::authEndpointConfig(m_port), std::nullopt, QStringLiteral("other-key"));
        QVERIFY(client.connect());
        QCOMPARE(client.subscribe(QStringLiteral("private-k")), SubscriptionState::Failed);
        QVERIFY2(client.errorOf(QStringLiteral("private-k"))
                     .contains(
                         QStringLiteral("signs for app key \"app-key\", but this profile's key is \"other-key\"")),
                 qPrintable(client.errorOf(QStringLiteral("private-k"))));
    }

    void endpointSecretDiffers()
    {
        NodePeer wrong;
        auto env = NodePeer::envFor(m_creds);
        env.insert(QStringLiteral("CS_ENDPOINT_SECRET"), QStringLiteral("not-the-app-secret"));
        const auto port = cs::test::startAuthEndpoint(wrong, env);
        QVERIFY2(port, qPrintable(wrong.stderrText()));

        Client client(m_creds, cs::test::authEndpointConfig(*port));
        QVERIFY(client.connect());
        const QString channel = QStringLiteral("private-mismatch");
        QCOMPARE(client.subscribe(channel), SubscriptionState::Failed);
        // What the channels panel shows: soketi's refusal and the explainer's reading of it.
        QVERIFY2(client.errorOf(channel).contains(QStringLiteral("401")), qPrintable(client.errorOf(channel)));
        QVERIFY2(client.errorOf(channel).contains(
                     QStringLiteral("the signer uses a different secret than this profile's")),
                 qPrintable(client.errorOf(channel)));

        const QList<LogEntry> in = client.authEntries(Direction::In, channel);
        QCOMPARE(in.size(), 1);
        QVERIFY2(in.first().message.contains(QStringLiteral("different secret than this profile's")),
                 qPrintable(in.first().message));
        const QJsonObject explanation = detailsOf(in.first()).value(QStringLiteral("explanation")).toObject();
        QCOMPARE(explanation.value(QStringLiteral("verdict")).toString(), QStringLiteral("secret-differs"));
        const auto e = client.authorizer->explanationFor(channel);
        QVERIFY(e);
        QCOMPARE(e->verdict, SignatureExplanation::Verdict::SecretDiffers);
        QCOMPARE(e->stringToSign, signer::channelStringToSign(client.connection()->socketId(), channel));
        QVERIFY(e->expected != e->received);
        wrong.finish();
    }

    void credentialsAreMaskedInEveryEntry()
    {
        EndpointConfig c = cs::test::authEndpointConfig(m_port);
        c.headers.append({QByteArrayLiteral("X-CSRF-Token"), QByteArrayLiteral("csrf-0123456789")});
        c.params.append({QStringLiteral("session_token"), QStringLiteral("param-secret-99")});
        Client client(m_creds, c);
        QVERIFY(client.connect());
        QCOMPARE(client.subscribe(QStringLiteral("private-masked")), SubscriptionState::Subscribed);

        const QList<LogEntry> all = client.entries();
        QVERIFY(!all.isEmpty());
        for (const LogEntry &e : all) {
            const QByteArray exported = QJsonDocument(e.toJson()).toJson(QJsonDocument::Compact);
            for (const QByteArray &secret :
                 {kToken, QByteArray("csrf-0123456789"), QByteArray("param-secret-99"), m_creds.secret.toUtf8()}) {
                QVERIFY2(!e.raw.contains(secret), e.raw.constData());
                QVERIFY2(!e.message.toUtf8().contains(secret), qPrintable(e.message));
                QVERIFY2(!exported.contains(secret), exported.constData());
            }
        }
        QBuffer exported;
        exported.open(QIODevice::WriteOnly);
        QVERIFY(exportAll(client.log, ExportFormat::JsonArray, &exported));
        for (const QByteArray &secret :
             {kToken, QByteArray("csrf-0123456789"), QByteArray("param-secret-99"), m_creds.secret.toUtf8()})
            QVERIFY2(!exported.data().contains(secret), exported.data().constData());
        const QJsonObject headers =
            detailsOf(client.authEntries(Direction::Out, QStringLiteral("private-masked")).first())
                .value(QStringLiteral("headers"))
                .toObject();
        QCOMPARE(headers.value(QStringLiteral("Authorization")).toString(), QStringLiteral("Bearer ••••oken"));
        QCOMPARE(headers.value(QStringLiteral("X-CSRF-Token")).toString(), QStringLiteral("••••6789"));
        QCOMPARE(headers.value(QStringLiteral("Content-Type")).toString(),
                 QStringLiteral("application/x-www-form-urlencoded"));
    }

    void credentialsInTheAnswerAreMasked()
    {
        // An endpoint that hands back tokens next to the auth: the log keeps the auth, masks the rest.
        Client client(m_creds, cs::test::authEndpointConfig(m_port));
        QVERIFY(client.connect());
        QCOMPARE(client.subscribe(QStringLiteral("private-leaky")), SubscriptionState::Subscribed);
        const QList<LogEntry> in = client.authEntries(Direction::In, QStringLiteral("private-leaky"));
        QCOMPARE(in.size(), 1);
        const QString body = detailsOf(in.first()).value(QStringLiteral("body")).toString();
        const QJsonObject answer = QJsonDocument::fromJson(body.toUtf8()).object();
        QVERIFY2(answer.value(QStringLiteral("auth")).toString().startsWith(m_creds.key + u':'), qPrintable(body));
        QCOMPARE(answer.value(QStringLiteral("access_token")).toString(),
                 QStringLiteral("\u2022\u2022\u2022\u20226789"));
        QCOMPARE(answer.value(QStringLiteral("password")).toString(), QStringLiteral("\u2022\u2022\u2022\u2022"));
        QBuffer exported;
        exported.open(QIODevice::WriteOnly);
        QVERIFY(exportAll(client.log, ExportFormat::Ndjson, &exported));
        for (const LogEntry &e : client.entries()) {
            QVERIFY2(!e.raw.contains("leak-"), e.raw.constData());
            QVERIFY2(!e.message.contains(QStringLiteral("leak-")), qPrintable(e.message));
        }
        QVERIFY2(!exported.data().contains("leak-"), exported.data().constData());
    }

    // Every failure answer of a user-auth endpoint, each told in one line through signinFailed
    // (EndpointAuthorizer::authenticateUser distinguishes them); the endpoint's modes are paths of
    // tests/node/auth-endpoint.js.
    void userSigninFailures_data()
    {
        QTest::addColumn<QString>("path");  // on the endpoint; empty: a port nothing listens on
        QTest::addColumn<bool>("withToken");
        QTest::addColumn<int>("timeoutMs");   // the request's timeout; 0: the helper's 5 s
        QTest::addColumn<QString>("reason");  // the start of the line
        QTest::addColumn<QString>("ending");  // and its end, when it has a fixed one
        QTest::addColumn<QString>("id");      // the signinFailed error's id: the authorizer's code
        const QString prefix = QStringLiteral("sign-in failed: ");
        QTest::newRow("403 missing token")
            << QStringLiteral("/pusher/user-auth") << false << 0
            << prefix + QStringLiteral("the user-auth endpoint answered HTTP 403: {\"error\":\"missing token\"}")
            << QString() << QStringLiteral("auth-http-403");
        QTest::newRow("500") << QStringLiteral("/pusher/user-auth/fail-500") << true << 0
                             << prefix
                                    + QStringLiteral(
                                        "the user-auth endpoint answered HTTP 500: internal error: database down")
                             << QString() << QStringLiteral("auth-http-500");
        QTest::newRow("not JSON")
            << QStringLiteral("/pusher/user-auth/not-json") << true << 0
            << prefix
                   + QStringLiteral(
                       "the user-auth endpoint answered 200, but the body is not a JSON object: <html>oops</html>")
            << QString() << QStringLiteral("auth-not-json");
        QTest::newRow("JSON without auth")
            << QStringLiteral("/pusher/user-auth/no-auth") << true << 0
            << prefix + QStringLiteral("the user-auth endpoint's answer has no \"auth\" member: {") << QString()
            << QStringLiteral("auth-no-auth-member");
        QTest::newRow("JSON without user_data")
            << QStringLiteral("/pusher/user-auth/no-user-data") << true << 0
            << prefix + QStringLiteral("the user-auth endpoint's answer has no user_data string: {") << QString()
            << QStringLiteral("auth-no-user-data");
        QTest::newRow("auth for another key")
            << QStringLiteral("/pusher/user-auth/wrong-key") << true << 0
            << prefix + QStringLiteral("the user-auth endpoint signs for app key \"other-key\"") << QString()
            << QStringLiteral("auth-wrong-key");
        QTest::newRow("endpoint down") << QString() << true << 0
                                       << prefix + QStringLiteral("the auth endpoint http://127.0.0.1:")
                                       << QStringLiteral("is not reachable: connection refused")
                                       << QStringLiteral("auth-refused");
        QTest::newRow("timeout") << QStringLiteral("/pusher/user-auth/slow") << true << 400
                                 << prefix + QStringLiteral("the auth endpoint http://127.0.0.1:")
                                 << QStringLiteral("/pusher/user-auth/slow did not answer within 400 ms (timeout)")
                                 << QStringLiteral("auth-timeout");
    }

    void userSigninFailures()
    {
        QFETCH(QString, path);
        QFETCH(bool, withToken);
        QFETCH(int, timeoutMs);
        QFETCH(QString, reason);
        QFETCH(QString, ending);
        QFETCH(QString, id);
        EndpointConfig user = path.isEmpty()
                                  ? cs::test::authEndpointConfig(closedPort(), QStringLiteral("/pusher/user-auth"))
                                  : cs::test::authEndpointConfig(m_port, path);
        if (!withToken)
            user.headers.clear();
        if (timeoutMs > 0)
            user.timeoutMs = timeoutMs;
        Client client(m_creds, cs::test::authEndpointConfig(m_port), user);
        QSignalSpy failed(client.channels(), &ChannelRegistry::signinFailed);
        QSignalSpy signedIn(client.channels(), &ChannelRegistry::signedIn);
        QVERIFY(client.connect());
        client.channels()->signin({QStringLiteral("u1"), {}});
        QVERIFY(failed.count() == 1 || failed.wait(kWait));
        QCOMPARE(failed.count(), 1);
        const auto error = failed.first().first().value<cs::Error>();
        QCOMPARE(error.id(), id);
        const QString shown = error.message;
        QVERIFY2(shown.startsWith(reason), qPrintable(shown));
        if (!ending.isEmpty())
            QVERIFY2(shown.endsWith(ending), qPrintable(shown));
        QVERIFY2(!shown.contains(u'\n'), qPrintable(shown));
        QCOMPARE(client.channels()->signinState(), SigninState::Failed);
        QCOMPARE(client.channels()->signinError(), shown);
        QCOMPARE(signedIn.count(), 0);
        // Nothing was sent to the server: no pusher:signin frame after a failed authentication.
        QVERIFY(
            client.entries([](const LogEntry &e) { return e.isFrame() && e.event == QLatin1String("pusher:signin"); })
                .isEmpty());
        // The log holds the same reason (and the answer's entry carries its code).
        QVERIFY(!client.entries([&shown](const LogEntry &e) { return e.message == shown; }).isEmpty());
    }

    void userSigninThroughTheEndpoint()
    {
        cs::test::SoketiServer withUserAuth;
        QVERIFY2(withUserAuth.start(
                     {{QStringLiteral("SOKETI_DEFAULT_APP_USER_AUTHENTICATION"), QStringLiteral("true")}}),
                 qPrintable(withUserAuth.output()));
        EndpointConfig user = cs::test::authEndpointConfig(m_port, QStringLiteral("/pusher/user-auth"));
        user.headers.append({QByteArrayLiteral("X-User"), QByteArrayLiteral("bob")});
        Client client(withUserAuth.credentials(), cs::test::authEndpointConfig(m_port), user);
        QSignalSpy signedIn(client.channels(), &ChannelRegistry::signedIn);
        QVERIFY(client.connect());
        client.channels()->signin({QStringLiteral("ignored-local-id"), {}});
        QVERIFY(signedIn.wait(kWait) || signedIn.count() == 1);
        QCOMPARE(signedIn.first().first().toString(), QStringLiteral("bob"));

        const QList<LogEntry> in = client.authEntries(Direction::In, QString());
        QCOMPARE(in.size(), 1);
        QCOMPARE(detailsOf(in.first())
                     .value(QStringLiteral("explanation"))
                     .toObject()
                     .value(QStringLiteral("verdict"))
                     .toString(),
                 QStringLiteral("match"));
        const QList<LogEntry> out = client.authEntries(Direction::Out, QString());
        QCOMPARE(detailsOf(out.first()).value(QStringLiteral("body")).toString(),
                 QStringLiteral("socket_id=") + client.connection()->socketId());
    }

    void signinWithoutUserEndpointSaysSo()
    {
        Client client(m_creds, cs::test::authEndpointConfig(m_port));
        QSignalSpy failed(client.channels(), &ChannelRegistry::signinFailed);
        QVERIFY(client.connect());
        client.channels()->signin({QStringLiteral("u1"), {}});
        QVERIFY(failed.count() == 1 || failed.wait(kWait));
        const auto error = failed.first().first().value<cs::Error>();
        QCOMPARE(error.code, ErrorCode::SigninNoEndpoint);
        QVERIFY2(error.message.contains(QStringLiteral("user-authentication endpoint")), qPrintable(error.message));
    }

    void cliListenThroughTheEndpoint()
    {
        const QString url = QStringLiteral("http://127.0.0.1:%1/pusher/auth").arg(m_port);
        const QStringList common{QStringLiteral("--host"),
                                 m_creds.host,
                                 QStringLiteral("--port"),
                                 QString::number(m_creds.port),
                                 QStringLiteral("--no-tls"),
                                 QStringLiteral("--key"),
                                 m_creds.key,
                                 QStringLiteral("--auth-endpoint"),
                                 url,
                                 QStringLiteral("--auth-param"),
                                 QStringLiteral("team=blue")};
        const CliRun ok =
            runCli(QStringList{QStringLiteral("listen")} + common
                   + QStringList{QStringLiteral("--auth-header"),
                                 QStringLiteral("Authorization: Bearer ") + QString::fromLatin1(kToken),
                                 QStringLiteral("--auth-header"), QStringLiteral("X-User: carol"),
                                 QStringLiteral("--timeout"), QStringLiteral("2"), QStringLiteral("presence-cli")});
        QVERIFY2(ok.exitCode == 0, ok.err.constData());
        QVERIFY2(ok.out.contains("pusher_internal:subscription_succeeded"), ok.out.constData());
        QVERIFY2(ok.out.contains("carol"), ok.out.constData());
        QVERIFY2(ok.out.contains("\"kind\":\"auth\""), ok.out.constData());
        QVERIFY2(!ok.out.contains(kToken), ok.out.constData());

        const CliRun refused =
            runCli(QStringList{QStringLiteral("listen")} + common
                   + QStringList{QStringLiteral("--timeout"), QStringLiteral("5"), QStringLiteral("private-cli")});
        QCOMPARE(refused.exitCode, 3);
        QVERIFY2(refused.err.contains("HTTP 403"), refused.err.constData());

        const CliRun usage =
            runCli({QStringLiteral("listen"), QStringLiteral("--key"), m_creds.key, QStringLiteral("--host"),
                    m_creds.host, QStringLiteral("--auth-endpoint"), url, QStringLiteral("--auth-header"),
                    QStringLiteral("no colon"), QStringLiteral("private-x")});
        QCOMPARE(usage.exitCode, 2);
        QVERIFY2(usage.err.contains("'Name: value'"), usage.err.constData());
    }

    void cliSignVerify()
    {
        const QStringList base{QStringLiteral("sign"),     QStringLiteral("--key"),     QStringLiteral("aaaa"),
                               QStringLiteral("--secret"), QStringLiteral("tofu"),      QStringLiteral("--socket-id"),
                               QStringLiteral("123.456"),  QStringLiteral("--channel"), QStringLiteral("test"),
                               QStringLiteral("--verify")};
        const CliRun match = runCli(
            base
            + QStringList{QStringLiteral("aaaa:efa6cf7644a0b35cba36aa0f776f3cbf7bb60e95ea2696bde1dbe8403b61bd7c")});
        QCOMPARE(match.exitCode, 0);
        const QJsonObject m = QJsonDocument::fromJson(match.out).object();
        QCOMPARE(m.value(QStringLiteral("verdict")).toString(), QStringLiteral("match"));
        QCOMPARE(m.value(QStringLiteral("string_to_sign")).toString(), QStringLiteral("123.456:test"));

        const QByteArray otherSecret = "aaaa:" + signer::hmacSha256Hex("other", "123.456:test");
        const CliRun mismatch = runCli(base + QStringList{QString::fromLatin1(otherSecret)});
        QCOMPARE(mismatch.exitCode, 1);
        const QJsonObject x = QJsonDocument::fromJson(mismatch.out).object();
        QCOMPARE(x.value(QStringLiteral("verdict")).toString(), QStringLiteral("secret-differs"));
        QCOMPARE(x.value(QStringLiteral("received")).toString(), QString::fromLatin1(otherSecret));
        QVERIFY(x.value(QStringLiteral("expected")).toString().startsWith(QStringLiteral("aaaa:efa6cf76")));
    }

    void cleanupTestCase() { m_endpoint.finish(); }

private:
    cs::test::SoketiServer m_soketi;
    Credentials m_creds;
    NodePeer m_endpoint;
    quint16 m_port = 0;
};

QTEST_GUILESS_MAIN(TestAuthEndpoint)
#include "tst_authendpoint.moc"
