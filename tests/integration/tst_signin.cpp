// User authentication against a real soketi with user authentication enabled: sign-in through
// the built-in signer and through a real auth endpoint (tests/node/auth-endpoint.js), REST "send
// to user" reaching the log on #server-to-user-<id>, REST terminate_connections seen from the
// client (4009, no reconnect), and every refused signature explained: an endpoint or a profile
// whose secret is not the server's, and (with an in-process server speaking as hosted Pusher) the
// "Invalid signature … hex digest of …" errors compared part by part with what was signed.
// No raw string literals: moc 6.4 mis-reads some of them in a file with Q_OBJECT.

#include "endpointauthorizer.h"
#include "fakepusherserver.h"
#include "logexport.h"
#include "logstore.h"
#include "authendpoint.h"
#include "nodepeer.h"
#include "session.h"
#include "signer.h"
#include "soketi.h"
#include "testclient.h"

#include <QBuffer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QWebSocket>
#include <QtTest>

#include <functional>

using namespace cs;
using cs::test::FakePusherServer;
using cs::test::NodePeer;
using cs::test::TestClient;

namespace {

constexpr int kWait = 10000;
const QByteArray kToken = cs::test::kAuthEndpointToken;

QJsonObject detailsOf(const LogEntry &entry) { return QJsonDocument::fromJson(entry.raw).object(); }

QString verdictOf(const LogEntry &entry)
{
    return detailsOf(entry).value(QStringLiteral("explanation")).toObject().value(QStringLiteral("verdict")).toString();
}

// Waits for a REST answer.
RestResponse restCall(const std::function<void(RestClient::Callback)> &call)
{
    std::optional<RestResponse> answer;
    call([&answer](const RestResponse &r) { answer = r; });
    (void)QTest::qWaitFor([&] { return answer.has_value(); }, kWait);
    return answer.value_or(RestResponse{});
}

// Speaks as hosted Pusher does about a bad signature: pusher:error with code null quoting the
// string it expected. `expect` turns what the client signed into what this server "expected".
using Expect = std::function<QByteArray(const QByteArray &signedString)>;
FakePusherServer::FrameHook refuseSignatures(Expect expect)
{
    return [expect = std::move(expect)](QWebSocket *socket, const QJsonObject &frame) {
        const QString socketId = QString::fromLatin1(cs::test::kDefaultSocketId);
        const QString event = cs::test::eventOf(frame);
        const QJsonObject data = frame.value(QStringLiteral("data")).toObject();
        QByteArray signedString;
        if (event == QLatin1String("pusher:subscribe")) {
            signedString = signer::channelStringToSign(socketId, data.value(QStringLiteral("channel")).toString(),
                                                       data.value(QStringLiteral("channel_data")).toString().toUtf8());
        } else if (event == QLatin1String("pusher:signin")) {
            signedString =
                signer::userStringToSign(socketId, data.value(QStringLiteral("user_data")).toString().toUtf8());
        } else {
            return;
        }
        const QString auth = data.value(QStringLiteral("auth")).toString();
        const QString text = QStringLiteral("Invalid signature: Expected HMAC SHA256 hex digest of %1, but got %2")
                                 .arg(QString::fromUtf8(expect(signedString)), auth.mid(auth.lastIndexOf(u':') + 1));
        socket->sendTextMessage(cs::test::errorText(QJsonValue::Null, text));
    };
}

// What the log holds, as an export writes it.
QByteArray exportedLog(LogStore &log)
{
    log.flush();
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    (void)exportAll(log, ExportFormat::Ndjson, &buffer);
    return buffer.data();
}

}  // namespace

class TestSignin : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        // soketi 1.6.1: SOKETI_DEFAULT_APP_USER_AUTHENTICATION -> appManager.array.apps.0.enableUserAuthentication
        QVERIFY2(m_soketi.start({{QStringLiteral("SOKETI_DEFAULT_APP_USER_AUTHENTICATION"), QStringLiteral("true")}}),
                 qPrintable(m_soketi.output()));
        m_creds = m_soketi.credentials();
        const auto port = cs::test::startAuthEndpoint(m_endpoint, NodePeer::envFor(m_creds));
        QVERIFY2(port, qPrintable(m_endpoint.stderrText()));
        m_port = *port;
    }

    void builtInSignerSignsIn()
    {
        TestClient client(m_creds);
        QSignalSpy signedIn(client.channels(), &ChannelRegistry::signedIn);
        QVERIFY(client.connect());
        client.channels()->signin(
            {QStringLiteral("ada"), QJsonObject{{QStringLiteral("name"), QStringLiteral("Ada")}}});
        QVERIFY(signedIn.count() == 1 || signedIn.wait(kWait));
        QCOMPARE(signedIn.first().first().toString(), QStringLiteral("ada"));
        QCOMPARE(client.channels()->signinState(), SigninState::SignedIn);
        QCOMPARE(client.channels()->signedInUserId(), QStringLiteral("ada"));
        QCOMPARE(client.channels()->serverToUserChannel(), QStringLiteral("#server-to-user-ada"));
        QTRY_COMPARE_WITH_TIMEOUT(client.stateOf(QStringLiteral("#server-to-user-ada")), SubscriptionState::Subscribed,
                                  kWait);

        // The signer's entry carries its explanation, so it can be opened in the explainer.
        const QList<LogEntry> signer = client.entries([](const LogEntry &e) {
            return e.kind == EntryKind::Auth && e.message.contains(QLatin1String("signed user ada"));
        });
        QCOMPARE(signer.size(), 1);
        QCOMPARE(verdictOf(signer.first()), QStringLiteral("match"));
        const QString socketId = client.connection()->socketId();
        QCOMPARE(detailsOf(signer.first())
                     .value(QStringLiteral("explanation"))
                     .toObject()
                     .value(QStringLiteral("string_to_sign"))
                     .toString(),
                 socketId + QStringLiteral("::user::{\"id\":\"ada\",\"user_info\":{\"name\":\"Ada\"}}"));
        const QList<LogEntry> frames =
            client.entries([](const LogEntry &e) { return e.kind == EntryKind::Signin && e.isFrame(); });
        QCOMPARE(frames.size(), 2);
        QCOMPARE(frames.at(0).event, QStringLiteral("pusher:signin"));
        QCOMPARE(frames.at(1).event, QStringLiteral("pusher:signin_success"));
        // The secret never reaches the log, nor an export of it.
        QVERIFY(!exportedLog(client.log).contains(m_creds.secret.toUtf8()));
    }

    void sendToUserArrivesInTheLog()
    {
        TestClient client(m_creds);
        QVERIFY(client.connect());
        client.channels()->signin({QStringLiteral("grace"), {}});
        QTRY_COMPARE_WITH_TIMEOUT(client.stateOf(QStringLiteral("#server-to-user-grace")),
                                  SubscriptionState::Subscribed, kWait);

        // REST "send to user": an event on #server-to-user-<id>.
        const RestResponse answer = restCall([&](RestClient::Callback done) {
            client.session->rest()->trigger({{QStringLiteral("#server-to-user-grace")},
                                             QStringLiteral("notice"),
                                             QStringLiteral("{\"text\":\"hello grace\"}"),
                                             {},
                                             {}},
                                            std::move(done));
        });
        QVERIFY2(answer.ok(), qPrintable(answer.errorMessage()));
        const auto *received = client.waitForEvent(QStringLiteral("#server-to-user-grace"), QStringLiteral("notice"));
        QVERIFY(received);
        QCOMPARE(received->data.toObject().value(QStringLiteral("text")).toString(), QStringLiteral("hello grace"));

        const QList<LogEntry> logged = client.entries([](const LogEntry &e) {
            return e.isFrame() && e.direction == Direction::In && e.event == QLatin1String("notice");
        });
        QCOMPARE(logged.size(), 1);
        QCOMPARE(logged.first().channel, QStringLiteral("#server-to-user-grace"));
        QCOMPARE(logged.first().kind, EntryKind::Event);
        QCOMPARE(client.channels()->subscription(QStringLiteral("#server-to-user-grace"))->eventCount, quint64(1));
    }

    void terminateConnectionsIsSeenFromTheClient()
    {
        TestClient client(m_creds);
        QSignalSpy signedOut(client.channels(), &ChannelRegistry::signedOut);
        QVERIFY(client.connect());
        client.channels()->signin({QStringLiteral("hopper"), {}});
        QTRY_COMPARE_WITH_TIMEOUT(client.channels()->signinState(), SigninState::SignedIn, kWait);

        const RestResponse answer = restCall([&](RestClient::Callback done) {
            client.session->rest()->terminateUserConnections(QStringLiteral("hopper"), std::move(done));
        });
        QVERIFY2(answer.ok(), qPrintable(answer.errorMessage()));
        QTRY_COMPARE_WITH_TIMEOUT(client.connection()->state(), ConnectionState::Disconnected, kWait);

        // The badge's tooltip and the status bar show the last error: the close and the server's words.
        const Error last = client.connection()->lastError();
        QCOMPARE(last.id(), QStringLiteral("close-4009"));
        QVERIFY2(last.message.contains(QStringLiteral("You got disconnected by the app.")), qPrintable(last.message));
        // The channels panel's sign-in line.
        QCOMPARE(signedOut.count(), 1);
        const QString why = signedOut.first().first().toString();
        QVERIFY2(why.contains(QStringLiteral("terminated the connections of user hopper")), qPrintable(why));
        QVERIFY2(why.contains(QStringLiteral("You got disconnected by the app.")), qPrintable(why));
        QCOMPARE(client.channels()->signinState(), SigninState::SignedOut);
        QCOMPARE(client.channels()->signinError(), why);
        QVERIFY(client.channels()->signedInUserId().isEmpty());
        QVERIFY(!client
                     .entries([](const LogEntry &e) {
                         return e.message.contains(QLatin1String("disconnecting signed-in user hopper"));
                     })
                     .isEmpty());

        // As pusher-js: 4009 refuses the connection, nothing reconnects. Deterministic, not a
        // quiet time: the connection is disconnected with no retry scheduled (a retry only ever
        // starts from that timer or from open()), and its socket is gone.
        QCOMPARE(client.connection()->state(), ConnectionState::Disconnected);
        QCOMPARE(client.connection()->msUntilRetry(), qint64(-1));
    }

    void endpointSignsIn()
    {
        TestClient client(m_creds);
        client.session->setAuthorizer(std::make_unique<EndpointAuthorizer>(
            cs::test::authEndpointConfig(m_port, QStringLiteral("/pusher/auth")),
            cs::test::authEndpointConfig(m_port, QStringLiteral("/pusher/user-auth"), "bob"), m_creds.key,
            m_creds.secret));
        QSignalSpy signedIn(client.channels(), &ChannelRegistry::signedIn);
        QVERIFY(client.connect());
        client.channels()->signin({QStringLiteral("the-endpoint-decides"), {}});
        QVERIFY(signedIn.count() == 1 || signedIn.wait(kWait));
        QCOMPARE(signedIn.first().first().toString(), QStringLiteral("bob"));
        QTRY_COMPARE_WITH_TIMEOUT(client.stateOf(QStringLiteral("#server-to-user-bob")), SubscriptionState::Subscribed,
                                  kWait);
        const QList<LogEntry> answers = client.entries([](const LogEntry &e) {
            return e.kind == EntryKind::Auth && e.direction == Direction::In && e.channel.isEmpty();
        });
        QCOMPARE(answers.size(), 1);
        QCOMPARE(verdictOf(answers.first()), QStringLiteral("match"));
        QVERIFY(!exportedLog(client.log).contains(kToken));
    }

    void endpointWithAnotherSecretIsExplained()
    {
        NodePeer wrong;
        auto env = NodePeer::envFor(m_creds);
        env.insert(QStringLiteral("CS_ENDPOINT_SECRET"), QStringLiteral("not-the-app-secret"));
        const auto port = cs::test::startAuthEndpoint(wrong, env);
        QVERIFY2(port, qPrintable(wrong.stderrText()));

        // Sign-in: soketi refuses it with 4009; the reason names the mismatch.
        {
            TestClient client(m_creds);
            client.session->setAuthorizer(std::make_unique<EndpointAuthorizer>(
                cs::test::authEndpointConfig(*port, QStringLiteral("/pusher/auth")),
                cs::test::authEndpointConfig(*port, QStringLiteral("/pusher/user-auth"), "eve"), m_creds.key,
                m_creds.secret));
            QSignalSpy failed(client.channels(), &ChannelRegistry::signinFailed);
            QVERIFY(client.connect());
            client.channels()->signin({QStringLiteral("eve"), {}});
            QVERIFY(failed.count() == 1 || failed.wait(kWait));
            const auto error = failed.first().first().value<cs::Error>();
            QCOMPARE(error.code, ErrorCode::SigninRefused);
            const QString reason = error.message;
            QVERIFY2(reason.contains(QStringLiteral("the server refused the sign-in (\"Connection not authorized.\")")),
                     qPrintable(reason));
            QVERIFY2(reason.contains(QStringLiteral("different secret than this profile's")), qPrintable(reason));
            QCOMPARE(client.channels()->signinState(), SigninState::Failed);
            const QList<LogEntry> answers = client.entries([](const LogEntry &e) {
                return e.kind == EntryKind::Auth && e.direction == Direction::In && e.channel.isEmpty();
            });
            QCOMPARE(answers.size(), 1);
            QCOMPARE(verdictOf(answers.first()), QStringLiteral("secret-differs"));
        }
        // A private channel through the same endpoint: soketi's 401 gets the same explanation.
        {
            TestClient client(m_creds);
            client.session->setAuthorizer(
                std::make_unique<EndpointAuthorizer>(cs::test::authEndpointConfig(*port,
                                                                                  QStringLiteral("/pusher/auth")),
                                                     std::nullopt, m_creds.key, m_creds.secret));
            QVERIFY(client.connect());
            const QString channel = QStringLiteral("private-mismatch");
            QVERIFY(client.channels()->subscribe(channel));
            QTRY_COMPARE_WITH_TIMEOUT(client.stateOf(channel), SubscriptionState::Failed, kWait);
            const QString error = client.channels()->subscription(channel)->error;
            QVERIFY2(error.contains(QStringLiteral("(status 401)")), qPrintable(error));
            QVERIFY2(error.contains(QStringLiteral("the signer uses a different secret than this profile's")),
                     qPrintable(error));
            QVERIFY2(!error.contains(u'\n'), qPrintable(error));
        }
        wrong.finish();
    }

    void profileWithAnotherSecretIsExplained()
    {
        Credentials other = m_creds;
        other.secret = QStringLiteral("not-the-server-secret");
        {
            TestClient client(other);
            QSignalSpy failed(client.channels(), &ChannelRegistry::signinFailed);
            QVERIFY(client.connect());
            client.channels()->signin({QStringLiteral("mallory"), {}});
            QVERIFY(failed.count() == 1 || failed.wait(kWait));
            const auto error = failed.first().first().value<cs::Error>();
            QCOMPARE(error.code, ErrorCode::SigninRefused);
            const QString reason = error.message;
            QVERIFY2(reason.contains(QStringLiteral("the server has another secret for app key \"app-key\"")),
                     qPrintable(reason));
            const QList<LogEntry> explained = client.entries([](const LogEntry &e) {
                return e.kind == EntryKind::Auth && e.direction == Direction::Local
                       && verdictOf(e) == QLatin1String("secret-differs");
            });
            QCOMPARE(explained.size(), 1);
        }
        {
            TestClient client(other);
            QVERIFY(client.connect());
            const QString channel = QStringLiteral("private-other-secret");
            QVERIFY(client.channels()->subscribe(channel));
            QTRY_COMPARE_WITH_TIMEOUT(client.stateOf(channel), SubscriptionState::Failed, kWait);
            const QString error = client.channels()->subscription(channel)->error;
            QVERIFY2(error.contains(QStringLiteral("the server has another secret for app key")), qPrintable(error));
            const QList<LogEntry> explained = client.entries([&](const LogEntry &e) {
                return e.kind == EntryKind::Auth && e.channel == channel
                       && verdictOf(e) == QLatin1String("secret-differs");
            });
            QCOMPARE(explained.size(), 1);
        }
    }

    void signinWithoutUserAuthenticationSaysWhy()
    {
        cs::test::SoketiServer plain;  // the sandbox's settings: soketi ignores pusher:signin
        QVERIFY2(plain.start(), qPrintable(plain.output()));
        TestClient client(plain.credentials());
        client.channels()->setSigninAnswerTimeoutMs(1500);
        QSignalSpy failed(client.channels(), &ChannelRegistry::signinFailed);
        QVERIFY(client.connect());
        client.channels()->signin({QStringLiteral("nobody"), {}});
        QCOMPARE(client.channels()->signinState(), SigninState::Pending);
        QVERIFY(failed.count() == 1 || failed.wait(kWait));
        const auto error = failed.first().first().value<cs::Error>();
        QCOMPARE(error.code, ErrorCode::SigninTimeout);
        QVERIFY2(error.message.contains(QStringLiteral("user authentication may not be enabled")),
                 qPrintable(error.message));
        QCOMPARE(client.channels()->signinState(), SigninState::Failed);
    }

    void serverSignatureErrorsAreExplained_data()
    {
        QTest::addColumn<QString>("channel");
        QTest::addColumn<int>("change");  // 0 same string, 1 other socket id, 2 re-spaced data
        QTest::addColumn<QString>("verdict");
        QTest::addColumn<QString>("reasonContains");

        QTest::newRow("server has another secret") << "private-a" << 0 << "secret-differs"
                                                   << "the server has a different secret than this profile";
        QTest::newRow("socket id differs") << "private-a" << 1 << "socket-id-differs"
                                           << "for socket id 123.456, but the server expected 999.999";
        QTest::newRow("channel_data re-serialized") << "presence-a" << 2 << "channel-data-differs"
                                                    << "channel_data was re-serialized: spacing differs";
        QTest::newRow("sign-in user_data re-serialized") << "" << 2 << "channel-data-differs"
                                                         << "user_data was re-serialized: spacing differs";
    }

    void serverSignatureErrorsAreExplained()
    {
        QFETCH(QString, channel);
        QFETCH(int, change);
        QFETCH(QString, verdict);
        QFETCH(QString, reasonContains);

        FakePusherServer server;
        server.onFrame(refuseSignatures([change](const QByteArray &signedString) {
            QByteArray expected = signedString;
            if (change == 1)
                expected.replace(cs::test::kDefaultSocketId, "999.999");
            else if (change == 2)
                expected.replace("\":\"", "\": \"");
            return expected;
        }));
        QVERIFY(server.listen());
        TestClient client(server.credentials());
        QVERIFY(client.connect());
        QString reason;
        if (channel.isEmpty()) {
            QSignalSpy failed(client.channels(), &ChannelRegistry::signinFailed);
            client.channels()->signin({QStringLiteral("ada"), {}});
            QVERIFY(failed.count() == 1 || failed.wait(kWait));
            const auto error = failed.first().first().value<cs::Error>();
            QCOMPARE(error.code, ErrorCode::SignatureRejected);
            reason = error.message;
        } else {
            QSignalSpy failed(client.channels(), &ChannelRegistry::subscriptionFailed);
            QVERIFY(client.channels()->subscribe(channel, {QStringLiteral("ada"), {}}));
            QTRY_COMPARE_WITH_TIMEOUT(client.stateOf(channel), SubscriptionState::Failed, kWait);
            reason = client.channels()->subscription(channel)->error;
            QCOMPARE(failed.size(), 1);
            QCOMPARE(failed.first().at(1).value<cs::Error>().code, ErrorCode::SignatureRejected);
        }
        QVERIFY2(reason.startsWith(QStringLiteral("the server rejected the signature: ")), qPrintable(reason));
        QVERIFY2(reason.contains(reasonContains), qPrintable(reason));
        QVERIFY2(!reason.contains(u'\n'), qPrintable(reason));

        const QList<LogEntry> explained = client.entries([&](const LogEntry &e) {
            return e.kind == EntryKind::Auth && e.direction == Direction::Local && e.channel == channel
                   && detailsOf(e).contains(QStringLiteral("server_message"));
        });
        QCOMPARE(explained.size(), 1);
        QCOMPARE(verdictOf(explained.first()), verdict);
        const QJsonObject explanation = detailsOf(explained.first()).value(QStringLiteral("explanation")).toObject();
        QCOMPARE(explanation.value(QStringLiteral("string_label")).toString(), QStringLiteral("this side signed"));
        if (change != 0)
            QCOMPARE(explanation.value(QStringLiteral("other_label")).toString(),
                     QStringLiteral("the server expected"));
        // No signing oracle: nothing in the log (as exported) signs the string the server quoted.
        if (change != 0) {
            const QByteArray quoted = explanation.value(QStringLiteral("other_string")).toString().toUtf8();
            QVERIFY(!quoted.isEmpty());
            QVERIFY(
                !exportedLog(client.log).contains(signer::hmacSha256Hex(server.credentials().secret.toUtf8(), quoted)));
        }
    }

    void cleanupTestCase() { m_endpoint.finish(); }

private:
    cs::test::SoketiServer m_soketi;
    Credentials m_creds;
    NodePeer m_endpoint;
    quint16 m_port = 0;
};

QTEST_GUILESS_MAIN(TestSignin)
#include "tst_signin.moc"
