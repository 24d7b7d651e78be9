// A profile's authorization: the "Name: value" / "k=v" / URL parsing the CLI and the editor share,
// and the authorizer a profile asks for — built-in signer, endpoints, or one of each.

#include "endpointauthorizer.h"
#include "httpfields.h"
#include "profile.h"
#include "profileauth.h"

#include <QSignalSpy>
#include <QTcpServer>
#include <QtTest>

using namespace cs;
using Mode = AuthSettings::Mode;

namespace {

// The docs' example app (docs/protocol.md, "Documentation vectors").
Profile docsProfile()
{
    Profile p = Profile::create(QStringLiteral("docs"), ServerPreset::Soketi);
    p.credentials.key = QStringLiteral("278d425bdf160c739803");
    p.credentials.secret = QStringLiteral("7ad3773142a6692b25b8");
    return p;
}

quint16 closedPort()
{
    QTcpServer server;
    server.listen(QHostAddress::LocalHost, 0);
    const quint16 port = server.serverPort();
    server.close();
    return port;
}

EndpointConfig endpointAt(quint16 port, const QString &path)
{
    EndpointConfig c;
    c.url = QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(port).arg(path));
    c.timeoutMs = 3000;
    return c;
}

}  // namespace

Q_DECLARE_METATYPE(cs::AuthSettings::Mode)

class TestProfileAuth : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void parseHeaderLine_data();
    void parseHeaderLine();
    void parseParamLine_data();
    void parseParamLine();
    void endpointUrlProblem_data();
    void endpointUrlProblem();
    void factoryPicksTheAuthorizer_data();
    void factoryPicksTheAuthorizer();
    void endpointAuthorizerGetsTheProfilesEndpoints();
    void builtInChannelsEndpointSignIn();
    void endpointChannelsBuiltInSignInWithoutSecret();
};

void TestProfileAuth::parseHeaderLine_data()
{
    QTest::addColumn<QString>("line");
    QTest::addColumn<QByteArray>("name");  // empty: refused
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<QString>("error");  // part of the refusal

    QTest::newRow("bearer") << "Authorization: Bearer abc" << QByteArray("Authorization") << QByteArray("Bearer abc")
                            << QString();
    QTest::newRow("trimmed") << "  X-CSRF-Token :  t0k  " << QByteArray("X-CSRF-Token") << QByteArray("t0k")
                             << QString();
    QTest::newRow("colon in value") << "Cookie: a=1; b=c:d" << QByteArray("Cookie") << QByteArray("a=1; b=c:d")
                                    << QString();
    QTest::newRow("empty value") << "X-Empty:" << QByteArray("X-Empty") << QByteArray() << QString();
    QTest::newRow("no colon") << "Authorization Bearer" << QByteArray() << QByteArray() << "no ':'";
    QTest::newRow("no name") << ": value" << QByteArray() << QByteArray() << "needs a name";
    QTest::newRow("space in name") << "X Token: 1" << QByteArray() << QByteArray() << "not a header name";
    QTest::newRow("non-ASCII name") << "Tökén: 1" << QByteArray() << QByteArray() << "not a header name";
    QTest::newRow("line break in value") << "X-A: 1\r\nX-B: 2" << QByteArray() << QByteArray() << "line breaks";
}

void TestProfileAuth::parseHeaderLine()
{
    QFETCH(QString, line);
    QFETCH(QByteArray, name);
    QFETCH(QByteArray, value);
    QFETCH(QString, error);
    const auto header = cs::parseHeaderLine(line);
    if (name.isEmpty()) {
        QVERIFY(!header.ok());
        QVERIFY2(header.error().message.contains(error), qPrintable(header.error().message));
        return;
    }
    QVERIFY2(header.ok(), qPrintable(header.ok() ? QString() : header.error().message));
    QCOMPARE(header->first, name);
    QCOMPARE(header->second, value);
}

void TestProfileAuth::parseParamLine_data()
{
    QTest::addColumn<QString>("line");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("value");
    QTest::newRow("plain") << "team=blue" << true << "team"
                           << "blue";
    QTest::newRow("= in value") << "q=a=b" << true << "q"
                                << "a=b";
    QTest::newRow("empty value") << "flag=" << true << "flag"
                                 << "";
    QTest::newRow("no =") << "team" << false << ""
                          << "";
    QTest::newRow("no key") << "=blue" << false << ""
                            << "";
}

void TestProfileAuth::parseParamLine()
{
    QFETCH(QString, line);
    QFETCH(bool, ok);
    QFETCH(QString, key);
    QFETCH(QString, value);
    const auto param = cs::parseParamLine(line);
    QCOMPARE(param.ok(), ok);
    if (ok) {
        QCOMPARE(param->first, key);
        QCOMPARE(param->second, value);
    }
}

void TestProfileAuth::endpointUrlProblem_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<bool>("fine");
    QTest::newRow("https") << "https://example.com/pusher/auth" << true;
    QTest::newRow("http with port") << "http://127.0.0.1:3000/pusher/auth" << true;
    QTest::newRow("HTTPS upper case") << "HTTPS://example.com/auth" << true;
    QTest::newRow("empty") << "" << false;
    QTest::newRow("no scheme") << "example.com/auth" << false;
    QTest::newRow("ftp") << "ftp://example.com/auth" << false;
    QTest::newRow("ws") << "ws://example.com/auth" << false;
    QTest::newRow("no host") << "http:///auth" << false;
}

void TestProfileAuth::endpointUrlProblem()
{
    QFETCH(QString, url);
    QFETCH(bool, fine);
    const QString problem = cs::endpointUrlProblem(QUrl(url));
    QVERIFY2(problem.isEmpty() == fine, qPrintable(problem));
    if (!fine)
        QVERIFY(problem.contains(QStringLiteral("URL")));
}

void TestProfileAuth::factoryPicksTheAuthorizer_data()
{
    QTest::addColumn<Mode>("channelMode");
    QTest::addColumn<Mode>("userMode");
    QTest::addColumn<bool>("withSecret");
    QTest::addColumn<QString>("kind");  // "signer", "endpoint", "routing", "none"

    QTest::newRow("built-in") << Mode::BuiltIn << Mode::BuiltIn << true << "signer";
    QTest::newRow("built-in, no secret") << Mode::BuiltIn << Mode::BuiltIn << false << "none";
    QTest::newRow("endpoints") << Mode::Endpoint << Mode::Endpoint << true << "endpoint";
    QTest::newRow("endpoints, no secret") << Mode::Endpoint << Mode::Endpoint << false << "endpoint";
    QTest::newRow("endpoint channels, built-in sign-in") << Mode::Endpoint << Mode::BuiltIn << true << "routing";
    QTest::newRow("built-in channels, endpoint sign-in") << Mode::BuiltIn << Mode::Endpoint << false << "routing";
}

void TestProfileAuth::factoryPicksTheAuthorizer()
{
    QFETCH(Mode, channelMode);
    QFETCH(Mode, userMode);
    QFETCH(bool, withSecret);
    QFETCH(QString, kind);
    Profile p = docsProfile();
    if (!withSecret)
        p.credentials.secret.clear();
    p.auth.channelMode = channelMode;
    p.auth.channelEndpoint = endpointAt(9, QStringLiteral("/pusher/auth"));
    p.auth.userMode = userMode;
    p.auth.userEndpoint = endpointAt(9, QStringLiteral("/pusher/user-auth"));

    const std::unique_ptr<Authorizer> made = makeAuthorizer(p);
    Authorizer *a = made.get();
    if (kind == u"none") {
        QVERIFY(!a);
        return;
    }
    QVERIFY(a);
    if (kind == u"signer")
        QVERIFY(qobject_cast<SignerAuthorizer *>(a));
    if (kind == u"endpoint") {
        auto *endpoint = qobject_cast<EndpointAuthorizer *>(a);
        QVERIFY(endpoint);
        QCOMPARE(endpoint->channelConfig().url, p.auth.channelEndpoint.url);
        QVERIFY(endpoint->userConfig().has_value());
        QCOMPARE(endpoint->userConfig()->url, p.auth.userEndpoint.url);
    }
    if (kind == u"routing") {
        auto *routing = qobject_cast<RoutingAuthorizer *>(a);
        QVERIFY(routing);
        const QString description = routing->describe();
        QVERIFY2(description.contains(QStringLiteral("channels: "))
                     && description.contains(QStringLiteral("sign-in: ")),
                 qPrintable(description));
        // Each purpose names its own endpoint, not the other one's.
        const QString endpointUrl =
            channelMode == Mode::Endpoint ? QStringLiteral("/pusher/auth") : QStringLiteral("/pusher/user-auth");
        QVERIFY2(description.contains(endpointUrl), qPrintable(description));
    }
}

void TestProfileAuth::endpointAuthorizerGetsTheProfilesEndpoints()
{
    Profile p = docsProfile();
    p.auth.channelMode = Mode::Endpoint;
    p.auth.channelEndpoint = endpointAt(8080, QStringLiteral("/broadcasting/auth"));
    p.auth.channelEndpoint.format = EndpointConfig::BodyFormat::Json;
    p.auth.channelEndpoint.params = {{QStringLiteral("team"), QStringLiteral("blue")}};
    p.auth.channelEndpoint.headers = {{"Authorization", "Bearer x"}};
    p.auth.userMode = Mode::Endpoint;
    p.auth.userEndpoint = endpointAt(8080, QStringLiteral("/broadcasting/user-auth"));
    std::unique_ptr<Authorizer> a = makeAuthorizer(p);
    auto *endpoint = qobject_cast<EndpointAuthorizer *>(a.get());
    QVERIFY(endpoint);
    QCOMPARE(endpoint->channelConfig().format, EndpointConfig::BodyFormat::Json);
    QCOMPARE(endpoint->channelConfig().params, p.auth.channelEndpoint.params);
    QCOMPARE(endpoint->channelConfig().headers, p.auth.channelEndpoint.headers);
    QCOMPARE(endpoint->userConfig()->url.path(), QStringLiteral("/broadcasting/user-auth"));
}

void TestProfileAuth::builtInChannelsEndpointSignIn()
{
    Profile p = docsProfile();
    p.auth.userMode = Mode::Endpoint;
    p.auth.userEndpoint = endpointAt(closedPort(), QStringLiteral("/pusher/user-auth"));
    std::unique_ptr<Authorizer> a = makeAuthorizer(p);
    QVERIFY(a);
    QSignalSpy explained(a.get(), &Authorizer::explained);

    // Channels: the built-in signer, the docs' vector D1.
    std::optional<Result<ChannelAuthorization>> channel;
    a->authorizeChannel({QStringLiteral("1234.1234"), QStringLiteral("private-foobar"), {}},
                        [&](const Result<ChannelAuthorization> &r) { channel = r; });
    QTRY_VERIFY(channel.has_value());
    QVERIFY2(channel->ok(), qPrintable(channel->ok() ? QString() : channel->error().message));
    QCOMPARE(channel->value().auth,
             QByteArray("278d425bdf160c739803:58df8b0c36d6982b82c3ecf6b4662e34fe8c25bba48f5369f135bf843651c3a4"));
    // Its signature explanation reaches whoever listens to the profile's authorizer.
    QCOMPARE(explained.count(), 1);
    QCOMPARE(explained.first().first().toString(), QStringLiteral("private-foobar"));

    // Sign-in: the endpoint (nobody listens there, so it says so).
    std::optional<Result<UserAuthorization>> user;
    a->authenticateUser(QStringLiteral("1234.1234"), {QStringLiteral("u1"), {}},
                        [&](const Result<UserAuthorization> &r) { user = r; });
    QTRY_VERIFY_WITH_TIMEOUT(user.has_value(), 5000);
    QVERIFY(!user->ok());
    QCOMPARE(user->error().id(), QStringLiteral("auth-refused"));
}

void TestProfileAuth::endpointChannelsBuiltInSignInWithoutSecret()
{
    Profile p = docsProfile();
    p.credentials.secret.clear();
    p.auth.channelMode = Mode::Endpoint;
    p.auth.channelEndpoint = endpointAt(closedPort(), QStringLiteral("/pusher/auth"));
    std::unique_ptr<Authorizer> a = makeAuthorizer(p);
    QVERIFY(a);
    std::optional<Result<UserAuthorization>> user;
    a->authenticateUser(QStringLiteral("1.1"), {QStringLiteral("u1"), {}},
                        [&](const Result<UserAuthorization> &r) { user = r; });
    QVERIFY(!user.has_value());     // never before the call returns (tst_asynccontract)
    QTRY_VERIFY(user.has_value());  // then at once: there is nothing to ask
    QVERIFY(!user->ok());
    QVERIFY2(user->error().message.contains(QStringLiteral("needs the app secret")), qPrintable(user->error().message));

    std::optional<Result<ChannelAuthorization>> channel;
    a->authorizeChannel({QStringLiteral("1.1"), QStringLiteral("private-x"), {}},
                        [&](const Result<ChannelAuthorization> &r) { channel = r; });
    QTRY_VERIFY_WITH_TIMEOUT(channel.has_value(), 5000);
    QCOMPARE(channel->error().id(), QStringLiteral("auth-refused"));  // it went to the endpoint
}

QTEST_GUILESS_MAIN(TestProfileAuth)
#include "tst_profileauth.moc"
