// Credentials: the SDKs' connection URL, PUSHER_* environment variables, and the WebSocket and
// REST URLs built from a profile (docs/protocol.md, "Endpoints").

#include "credentials.h"

#include <QProcessEnvironment>
#include <QtTest>

using cs::Credentials;

Q_DECLARE_METATYPE(cs::Credentials)
Q_DECLARE_METATYPE(QProcessEnvironment)

namespace {

Credentials clusterCredentials(const QString &cluster, bool tls)
{
    Credentials c;
    c.appId = QStringLiteral("1");
    c.key = QStringLiteral("KEY");
    c.secret = QStringLiteral("SECRET");
    c.cluster = cluster;
    c.tls = tls;
    return c;
}

Credentials hostCredentials(const QString &host, quint16 port, bool tls, const QString &prefix = {})
{
    Credentials c = clusterCredentials({}, tls);
    c.host = host;
    c.port = port;
    c.pathPrefix = prefix;
    return c;
}

QProcessEnvironment makeEnv(const QList<QPair<QString, QString>> &vars)
{
    QProcessEnvironment env;
    for (const auto &[name, value] : vars)
        env.insert(name, value);
    return env;
}

}  // namespace

class TestCredentials : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void fromUrl_data();
    void fromUrl();
    void fromUrlErrors_data();
    void fromUrlErrors();
    void urls_data();
    void urls();
    void webSocketUrlEncodesClientAndVersion();
    void environment_data();
    void environment();
    void environmentKeepsBase();
    void problems_data();
    void problems();
};

void TestCredentials::fromUrl_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("appId");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("secret");
    QTest::addColumn<QString>("cluster");
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");
    QTest::addColumn<int>("restPort");
    QTest::addColumn<bool>("tls");
    QTest::addColumn<QString>("prefix");
    QTest::addColumn<QString>("wsUrlPrefix");  // webSocketUrl up to the query
    QTest::addColumn<QString>("restBase");

    QTest::newRow("hosted cluster") << "https://key:secret@api-eu.pusher.com/apps/123"
                                    << "123"
                                    << "key"
                                    << "secret"
                                    << "eu"
                                    << "" << 0 << 0 << true << ""
                                    << "wss://ws-eu.pusher.com:443/app/key"
                                    << "https://api-eu.pusher.com:443/apps/123";
    QTest::newRow("hosted cluster, http") << "http://key:secret@api-mt1.pusher.com/apps/9"
                                          << "9"
                                          << "key"
                                          << "secret"
                                          << "mt1"
                                          << "" << 0 << 0 << false << ""
                                          << "ws://ws-mt1.pusher.com:80/app/key"
                                          << "http://api-mt1.pusher.com:80/apps/9";
    QTest::newRow("hosted cluster, explicit REST port") << "https://key:secret@api-ap1.pusher.com:8443/apps/9"
                                                        << "9"
                                                        << "key"
                                                        << "secret"
                                                        << "ap1"
                                                        << "" << 0 << 8443 << true << ""
                                                        << "wss://ws-ap1.pusher.com:443/app/key"
                                                        << "https://api-ap1.pusher.com:8443/apps/9";
    QTest::newRow("legacy api.pusherapp.com is mt1") << "https://key:secret@api.pusherapp.com/apps/9"
                                                     << "9"
                                                     << "key"
                                                     << "secret"
                                                     << "mt1"
                                                     << "" << 0 << 0 << true << ""
                                                     << "wss://ws-mt1.pusher.com:443/app/key"
                                                     << "https://api-mt1.pusher.com:443/apps/9";
    QTest::newRow("soketi") << "http://app-key:app-secret@127.0.0.1:6001/apps/app-id"
                            << "app-id"
                            << "app-key"
                            << "app-secret"
                            << ""
                            << "127.0.0.1" << 6001 << 0 << false << ""
                            << "ws://127.0.0.1:6001/app/app-key"
                            << "http://127.0.0.1:6001/apps/app-id";
    QTest::newRow("percent-encoded key and secret") << "http://k%40y:s%3Ac%2Fr%20t@localhost/apps/7"
                                                    << "7"
                                                    << "k@y"
                                                    << "s:c/r t"
                                                    << ""
                                                    << "localhost" << 0 << 0 << false << ""
                                                    << "ws://localhost:80/app/k@y"
                                                    << "http://localhost:80/apps/7";
    QTest::newRow("path prefix, trailing slash") << "https://k:s@soketi.example.com:8443/ws/v1/apps/42/"
                                                 << "42"
                                                 << "k"
                                                 << "s"
                                                 << ""
                                                 << "soketi.example.com" << 8443 << 0 << true << "/ws/v1"
                                                 << "wss://soketi.example.com:8443/ws/v1/app/k"
                                                 << "https://soketi.example.com:8443/ws/v1/apps/42";
    QTest::newRow("uppercase scheme") << "HTTPS://k:s@example.com/apps/1"
                                      << "1"
                                      << "k"
                                      << "s"
                                      << ""
                                      << "example.com" << 0 << 0 << true << ""
                                      << "wss://example.com:443/app/k"
                                      << "https://example.com:443/apps/1";
    QTest::newRow("IPv6 host") << "http://k:s@[::1]:6001/apps/1"
                               << "1"
                               << "k"
                               << "s"
                               << ""
                               << "::1" << 6001 << 0 << false << ""
                               << "ws://[::1]:6001/app/k"
                               << "http://[::1]:6001/apps/1";
}

void TestCredentials::fromUrl()
{
    QFETCH(QString, url);
    const auto result = Credentials::fromUrl(url);
    QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message));
    const Credentials &c = result.value();
    QTEST(c.appId, "appId");
    QTEST(c.key, "key");
    QTEST(c.secret, "secret");
    QTEST(c.cluster, "cluster");
    QTEST(c.host, "host");
    QTEST(int(c.port), "port");
    QTEST(int(c.restPort), "restPort");
    QTEST(c.tls, "tls");
    QTEST(c.pathPrefix, "prefix");
    QVERIFY(!c.restTls.has_value());
    QFETCH(QString, wsUrlPrefix);
    QCOMPARE(c.webSocketUrl(QStringLiteral("cs"), QStringLiteral("1")).toString(QUrl::RemoveQuery), wsUrlPrefix);
    QTEST(c.restBaseUrl().toString(), "restBase");
    QVERIFY(c.problems(true).isEmpty());
}

void TestCredentials::fromUrlErrors_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("messagePart");

    QTest::newRow("empty") << ""
                           << "empty";
    QTest::newRow("no scheme") << "key:secret@host/apps/1"
                               << "scheme";
    QTest::newRow("ws scheme") << "ws://key:secret@host/apps/1"
                               << "must be http or https";
    QTest::newRow("ftp scheme") << "ftp://key:secret@host/apps/1"
                                << "must be http or https";
    QTest::newRow("no key") << "https://host/apps/1"
                            << "no app key";
    QTest::newRow("no secret") << "https://key@host/apps/1"
                               << "no app secret";
    QTest::newRow("empty secret") << "https://key:@host/apps/1"
                                  << "no app secret";
    QTest::newRow("no path") << "https://key:secret@host"
                             << "/apps/APP_ID";
    QTest::newRow("no app id") << "https://key:secret@host/apps/"
                               << "/apps/APP_ID";
    QTest::newRow("wrong path") << "https://key:secret@host/app/1"
                                << "/apps/APP_ID";
    QTest::newRow("extra path") << "https://key:secret@host/apps/1/events"
                                << "/apps/APP_ID";
    QTest::newRow("no host") << "https:///apps/1"
                             << "host";
}

void TestCredentials::fromUrlErrors()
{
    QFETCH(QString, url);
    QFETCH(QString, messagePart);
    const auto result = Credentials::fromUrl(url);
    QVERIFY(!result.ok());
    QCOMPARE(result.error().id(), QStringLiteral("invalid-url"));
    QVERIFY2(result.error().message.contains(messagePart, Qt::CaseInsensitive), qPrintable(result.error().message));
}

void TestCredentials::urls_data()
{
    QTest::addColumn<Credentials>("credentials");
    QTest::addColumn<QString>("wsUrl");
    QTest::addColumn<QString>("restBase");

    const QString q = QStringLiteral("?protocol=7&client=channelscope&version=0.1.0&flash=false");
    QTest::newRow("cluster, TLS") << clusterCredentials(QStringLiteral("mt1"), true)
                                  << QStringLiteral("wss://ws-mt1.pusher.com:443/app/KEY") + q
                                  << QStringLiteral("https://api-mt1.pusher.com:443/apps/1");
    QTest::newRow("cluster, no TLS") << clusterCredentials(QStringLiteral("eu"), false)
                                     << QStringLiteral("ws://ws-eu.pusher.com:80/app/KEY") + q
                                     << QStringLiteral("http://api-eu.pusher.com:80/apps/1");

    Credentials clusterPort = clusterCredentials(QStringLiteral("eu"), true);
    clusterPort.port = 8443;  // the WebSocket port only: the REST host is Pusher's
    QTest::newRow("cluster with a ws port") << clusterPort << QStringLiteral("wss://ws-eu.pusher.com:8443/app/KEY") + q
                                            << QStringLiteral("https://api-eu.pusher.com:443/apps/1");

    QTest::newRow("custom host and port")
        << hostCredentials(QStringLiteral("127.0.0.1"), 6001, false)
        << QStringLiteral("ws://127.0.0.1:6001/app/KEY") + q << QStringLiteral("http://127.0.0.1:6001/apps/1");
    QTest::newRow("custom host, TLS, default port")
        << hostCredentials(QStringLiteral("soketi.local"), 0, true)
        << QStringLiteral("wss://soketi.local:443/app/KEY") + q << QStringLiteral("https://soketi.local:443/apps/1");
    QTest::newRow("custom host wins over cluster") <<
        [] {
            Credentials c = hostCredentials(QStringLiteral("127.0.0.1"), 6001, false);
            c.cluster = QStringLiteral("eu");
            return c;
        }() << QStringLiteral("ws://127.0.0.1:6001/app/KEY") + q
                                                   << QStringLiteral("http://127.0.0.1:6001/apps/1");
    QTest::newRow("path prefix") << hostCredentials(QStringLiteral("h"), 6001, false, QStringLiteral("/ws"))
                                 << QStringLiteral("ws://h:6001/ws/app/KEY") + q
                                 << QStringLiteral("http://h:6001/ws/apps/1");
    QTest::newRow("path prefix normalized")
        << hostCredentials(QStringLiteral("h"), 6001, false, QStringLiteral("ws/v2/"))
        << QStringLiteral("ws://h:6001/ws/v2/app/KEY") + q << QStringLiteral("http://h:6001/ws/v2/apps/1");

    Credentials restHost = hostCredentials(QStringLiteral("ws.example.com"), 6001, true);
    restHost.restHost = QStringLiteral("api.example.com");
    QTest::newRow("REST host, port of the custom host")
        << restHost << QStringLiteral("wss://ws.example.com:6001/app/KEY") + q
        << QStringLiteral("https://api.example.com:6001/apps/1");

    Credentials restAll = restHost;
    restAll.restPort = 8080;
    restAll.restTls = false;
    QTest::newRow("REST host, port and scheme") << restAll << QStringLiteral("wss://ws.example.com:6001/app/KEY") + q
                                                << QStringLiteral("http://api.example.com:8080/apps/1");

    Credentials restTlsOnly = hostCredentials(QStringLiteral("h"), 0, false);
    restTlsOnly.restTls = true;
    QTest::newRow("REST TLS only") << restTlsOnly << QStringLiteral("ws://h:80/app/KEY") + q
                                   << QStringLiteral("https://h:443/apps/1");
}

void TestCredentials::urls()
{
    QFETCH(Credentials, credentials);
    QTEST(credentials.webSocketUrl(QStringLiteral("channelscope"), QStringLiteral("0.1.0")).toString(), "wsUrl");
    QTEST(credentials.restBaseUrl().toString(), "restBase");
}

void TestCredentials::webSocketUrlEncodesClientAndVersion()
{
    const Credentials c = clusterCredentials(QStringLiteral("mt1"), true);
    const QUrl url = c.webSocketUrl(QStringLiteral("my client&x"), QStringLiteral("1.0+dev"));
    QCOMPARE(url.query(QUrl::FullyEncoded),
             QStringLiteral("protocol=7&client=my%20client%26x&version=1.0%2Bdev&flash=false"));
    QCOMPARE(c.wsHost(), QStringLiteral("ws-mt1.pusher.com"));
    QCOMPARE(c.wsPort(), quint16(443));
    QCOMPARE(c.effectiveRestHost(), QStringLiteral("api-mt1.pusher.com"));
    QCOMPARE(c.effectiveRestPort(), quint16(443));
    QVERIFY(c.effectiveRestTls());
}

void TestCredentials::environment_data()
{
    QTest::addColumn<QProcessEnvironment>("env");
    QTest::addColumn<QString>("appId");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("secret");
    QTest::addColumn<QString>("cluster");
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");
    QTest::addColumn<bool>("tls");

    QTest::newRow("nothing set") << QProcessEnvironment() << QStringLiteral("") << QStringLiteral("")
                                 << QStringLiteral("") << QStringLiteral("") << QStringLiteral("") << 0 << true;
    QTest::newRow("hosted") << makeEnv({{QStringLiteral("PUSHER_APP_ID"), QStringLiteral("12")},
                                        {QStringLiteral("PUSHER_APP_KEY"), QStringLiteral("k")},
                                        {QStringLiteral("PUSHER_APP_SECRET"), QStringLiteral("s")},
                                        {QStringLiteral("PUSHER_APP_CLUSTER"), QStringLiteral("eu")}})
                            << QStringLiteral("12") << QStringLiteral("k") << QStringLiteral("s")
                            << QStringLiteral("eu") << QStringLiteral("") << 0 << true;
    QTest::newRow("soketi over http") << makeEnv({{QStringLiteral("PUSHER_APP_ID"), QStringLiteral("app-id")},
                                                  {QStringLiteral("PUSHER_APP_KEY"), QStringLiteral("app-key")},
                                                  {QStringLiteral("PUSHER_APP_SECRET"), QStringLiteral("app-secret")},
                                                  {QStringLiteral("PUSHER_HOST"), QStringLiteral("127.0.0.1")},
                                                  {QStringLiteral("PUSHER_PORT"), QStringLiteral("6001")},
                                                  {QStringLiteral("PUSHER_SCHEME"), QStringLiteral("http")}})
                                      << QStringLiteral("app-id") << QStringLiteral("app-key")
                                      << QStringLiteral("app-secret") << QStringLiteral("")
                                      << QStringLiteral("127.0.0.1") << 6001 << false;
    QTest::newRow("https scheme, uppercase")
        << makeEnv({{QStringLiteral("PUSHER_SCHEME"), QStringLiteral("HTTPS")}}) << QStringLiteral("")
        << QStringLiteral("") << QStringLiteral("") << QStringLiteral("") << QStringLiteral("") << 0 << true;
    QTest::newRow("bad port ignored") << makeEnv({{QStringLiteral("PUSHER_PORT"), QStringLiteral("70000")}})
                                      << QStringLiteral("") << QStringLiteral("") << QStringLiteral("")
                                      << QStringLiteral("") << QStringLiteral("") << 0 << true;
    QTest::newRow("non-numeric port ignored")
        << makeEnv({{QStringLiteral("PUSHER_PORT"), QStringLiteral("http")}}) << QStringLiteral("")
        << QStringLiteral("") << QStringLiteral("") << QStringLiteral("") << QStringLiteral("") << 0 << true;
    QTest::newRow("unknown scheme ignored")
        << makeEnv({{QStringLiteral("PUSHER_SCHEME"), QStringLiteral("gopher")}}) << QStringLiteral("")
        << QStringLiteral("") << QStringLiteral("") << QStringLiteral("") << QStringLiteral("") << 0 << true;
    QTest::newRow("unrelated variables") << makeEnv(
        {{QStringLiteral("APP_KEY"), QStringLiteral("x")}, {QStringLiteral("PUSHER_KEY"), QStringLiteral("y")}})
                                         << QStringLiteral("") << QStringLiteral("") << QStringLiteral("")
                                         << QStringLiteral("") << QStringLiteral("") << 0 << true;
}

void TestCredentials::environment()
{
    QFETCH(QProcessEnvironment, env);
    const Credentials c = Credentials::fromEnvironment(env);
    QTEST(c.appId, "appId");
    QTEST(c.key, "key");
    QTEST(c.secret, "secret");
    QTEST(c.cluster, "cluster");
    QTEST(c.host, "host");
    QTEST(int(c.port), "port");
    QTEST(c.tls, "tls");
}

void TestCredentials::environmentKeepsBase()
{
    Credentials base = hostCredentials(QStringLiteral("soketi.local"), 6001, true, QStringLiteral("/ws"));
    base.cluster = QStringLiteral("eu");
    base.pinnedSha256 = QStringLiteral("AB:CD");

    // Only set variables override; empty ones count as unset.
    const Credentials c =
        Credentials::fromEnvironment(makeEnv({{QStringLiteral("PUSHER_APP_KEY"), QStringLiteral("new-key")},
                                              {QStringLiteral("PUSHER_SCHEME"), QStringLiteral("http")},
                                              {QStringLiteral("PUSHER_HOST"), QStringLiteral("")},
                                              {QStringLiteral("PUSHER_APP_SECRET"), QStringLiteral("  ")}}),
                                     base);
    QCOMPARE(c.key, QStringLiteral("new-key"));
    QCOMPARE(c.tls, false);
    QCOMPARE(c.appId, base.appId);
    QCOMPARE(c.secret, base.secret);
    QCOMPARE(c.cluster, base.cluster);
    QCOMPARE(c.host, base.host);
    QCOMPARE(c.port, base.port);
    QCOMPARE(c.pathPrefix, base.pathPrefix);
    QCOMPARE(c.pinnedSha256, QStringLiteral("AB:CD"));
}

void TestCredentials::problems_data()
{
    QTest::addColumn<Credentials>("credentials");
    QTest::addColumn<bool>("needSecret");
    QTest::addColumn<QStringList>("messageParts");  // one per expected problem, in order

    QTest::newRow("complete, cluster") << clusterCredentials(QStringLiteral("mt1"), true) << true << QStringList();
    QTest::newRow("complete, host") << hostCredentials(QStringLiteral("127.0.0.1"), 6001, false) << true
                                    << QStringList();
    QTest::newRow("empty, no secret needed")
        << Credentials() << false << QStringList{QStringLiteral("key"), QStringLiteral("host nor a cluster")};
    QTest::newRow("empty, secret needed")
        << Credentials() << true
        << QStringList{QStringLiteral("key"), QStringLiteral("app id"), QStringLiteral("secret"),
                       QStringLiteral("host nor a cluster")};

    Credentials noSecret = clusterCredentials(QStringLiteral("mt1"), true);
    noSecret.secret.clear();
    QTest::newRow("secret not needed") << noSecret << false << QStringList();
    QTest::newRow("secret needed") << noSecret << true << QStringList{QStringLiteral("secret")};

    Credentials bad = clusterCredentials(QStringLiteral("e u"), true);
    bad.host = QStringLiteral("https://example.com/");
    bad.restHost = QStringLiteral("api.example.com/x");
    bad.pathPrefix = QStringLiteral("/ws?x");
    QTest::newRow("bad cluster, hosts, prefix")
        << bad << false
        << QStringList{QStringLiteral("cluster"), QStringLiteral("host"), QStringLiteral("REST host"),
                       QStringLiteral("path prefix")};

    Credentials badKey = clusterCredentials(QStringLiteral("mt1"), true);
    badKey.encryptionMasterKeyBase64 = QByteArrayLiteral("c2hvcnQ=");  // 5 bytes
    QTest::newRow("bad master key") << badKey << false << QStringList{QStringLiteral("32")};
}

void TestCredentials::problems()
{
    QFETCH(Credentials, credentials);
    QFETCH(bool, needSecret);
    QFETCH(QStringList, messageParts);
    const QStringList problems = credentials.problems(needSecret);
    QCOMPARE(problems.size(), messageParts.size());
    for (qsizetype i = 0; i < problems.size(); ++i)
        QVERIFY2(problems[i].contains(messageParts[i], Qt::CaseInsensitive), qPrintable(problems[i]));
}

QTEST_GUILESS_MAIN(TestCredentials)
#include "tst_credentials.moc"
