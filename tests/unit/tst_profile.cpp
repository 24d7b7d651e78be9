// Profiles: validation, JSON, .env and URL import, authorization settings, and the store that
// keeps secrets (app secret, master key, auth header values) out of the settings file unless the
// user chose otherwise.

#include "profilestore.h"
#include "profile.h"
#include "profileimport.h"
#include "doctor.h"

#include <QFile>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace cs;

namespace {

// The tables name fields as the editor's objectNames do ("appId", "channelAuthUrl").
QMap<QString, QString> byName(const QMap<ProfileField, QString> &messages)
{
    QMap<QString, QString> out;
    for (auto it = messages.cbegin(); it != messages.cend(); ++it)
        out.insert(profileFieldName(it.key()), it.value());
    return out;
}

using Mutation = std::function<void(Profile &)>;

Profile soketiProfile()
{
    Profile p = Profile::create(QStringLiteral("Test"), ServerPreset::Soketi);
    p.credentials.appId = QStringLiteral("app-id");
    p.credentials.key = QStringLiteral("app-key");
    p.credentials.secret = QStringLiteral("app-secret");
    return p;
}

QByteArray fileBytes(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll();
}

// Waits for the secrets of every profile of a freshly loaded store.
bool loadAndWait(ProfileStore &store)
{
    store.load();
    return QTest::qWaitFor(
        [&] {
            const QStringList ids = store.ids();
            return std::all_of(ids.begin(), ids.end(), [&](const QString &id) { return store.secretsLoaded(id); });
        },
        2000);
}

Status saveAndWait(ProfileStore &store, const Profile &p)
{
    std::optional<Status> result;
    store.save(p, [&](const Status &s) { result = s; });
    (void)QTest::qWaitFor([&] { return result.has_value(); }, 2000);
    return result.value_or(Status{Error{ErrorCode::Timeout, QStringLiteral("save never called back")}});
}

const QByteArray kMasterKey = "zyrm8pvV2C9fJcBfhyXzvxbJVN/H7QLmbe0xJi1GhPU=";
const QByteArray kChannelToken = "Bearer tok-channel-1f2e3d4c";
const QByteArray kUserCookie = "session=cookie-9d8c7b6a";

// Channels and sign-in both through endpoints, with params and credential headers.
Profile endpointProfile()
{
    Profile p = soketiProfile();
    AuthSettings &a = p.auth;
    a.channelMode = AuthSettings::Mode::Endpoint;
    a.channelEndpoint.url = QUrl(QStringLiteral("http://127.0.0.1:3000/pusher/auth"));
    a.channelEndpoint.format = EndpointConfig::BodyFormat::Json;
    a.channelEndpoint.timeoutMs = 5000;
    a.channelEndpoint.params = {{QStringLiteral("team"), QStringLiteral("blue & green")}};
    a.channelEndpoint.headers = {{"Authorization", kChannelToken}, {"X-User", "alice"}};
    a.userMode = AuthSettings::Mode::Endpoint;
    a.userEndpoint.url = QUrl(QStringLiteral("https://app.example.test/pusher/user-auth"));
    a.userEndpoint.method = "GET";
    a.userEndpoint.headers = {{"Cookie", kUserCookie}};
    return p;
}

}  // namespace

Q_DECLARE_METATYPE(Mutation)
Q_DECLARE_METATYPE(cs::SecretPolicy)

class TestProfile : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void presets();
    void sandbox();
    void validate_data();
    void validate();
    void warnings();
    void jsonRoundTrip();
    void jsonLenient();
    void jsonErrors();
    void parseUserInfo();
    void dotEnvSyntax();
    void dotEnvProblems();
    void fromDotEnv_data();
    void fromDotEnv();
    void fromDotEnvNotes();
    void fromDotEnvNothing();
    void fromUrl();
    void storeFirstStart();
    void storeKeychainSecretNotInFile();
    void storePlainSettingsWhenChosen();
    void storeSessionOnly();
    void storeKeychainUnavailable();
    void storePolicySwitchRemovesPlainSecret();
    void storeRemoveAndCurrent();
    void authJsonRoundTrip();
    void authJsonLenientAndErrors();
    void authValidate_data();
    void authValidate();
    void authWarnings();
    void secretsHeaderBlob();
    void storeAuthHeaderValues_data();
    void storeAuthHeaderValues();
    void storeReadsProfilesSavedBeforeAuth();
    void clockVerdicts();
    void httpDate();
};

void TestProfile::presets()
{
    Profile p = Profile::create(QStringLiteral("x"), ServerPreset::Pusher);
    QCOMPARE(p.credentials.cluster, QStringLiteral("mt1"));
    QVERIFY(p.credentials.tls);
    QCOMPARE(p.credentials.port, quint16(443));
    QVERIFY(p.credentials.host.isEmpty());

    p.applyPreset(ServerPreset::Soketi);
    QCOMPARE(p.credentials.host, QStringLiteral("127.0.0.1"));
    QCOMPARE(p.credentials.port, quint16(6001));
    QVERIFY(!p.credentials.tls);
    QVERIFY(p.credentials.cluster.isEmpty());

    p.applyPreset(ServerPreset::Reverb);
    QCOMPARE(p.credentials.host, QStringLiteral("localhost"));
    QCOMPARE(p.credentials.port, quint16(8080));
    QVERIFY(!p.credentials.tls);

    p.credentials.key = QStringLiteral("kept");
    p.applyPreset(ServerPreset::Custom);
    QVERIFY(p.credentials.host.isEmpty());
    QCOMPARE(p.credentials.key, QStringLiteral("kept"));

    for (ServerPreset preset :
         {ServerPreset::Pusher, ServerPreset::Soketi, ServerPreset::Reverb, ServerPreset::Custom}) {
        QCOMPARE(serverPresetFromName(serverPresetName(preset)), preset);
        QVERIFY(!serverPresetLabel(preset).isEmpty());
    }
    QCOMPARE(pusherClusters().size(), 9);
    QCOMPARE(pusherClusters().first().id, QStringLiteral("mt1"));
}

void TestProfile::sandbox()
{
    const Profile p = Profile::localSandbox();
    QCOMPARE(p.name, QStringLiteral("Local sandbox"));
    QCOMPARE(p.preset, ServerPreset::Soketi);
    QCOMPARE(p.credentials.webSocketUrl(QStringLiteral("js"), QStringLiteral("1")).toString(QUrl::RemoveQuery),
             QStringLiteral("ws://127.0.0.1:6001/app/app-key"));
    QCOMPARE(p.credentials.restBaseUrl().toString(), QStringLiteral("http://127.0.0.1:6001/apps/app-id"));
    QCOMPARE(p.credentials.secret, QStringLiteral("app-secret"));
    QVERIFY(p.validate().isEmpty());
    QVERIFY(!p.id.isEmpty());
    QVERIFY(Profile::localSandbox().id != p.id);
}

void TestProfile::validate_data()
{
    QTest::addColumn<Mutation>("mutate");
    QTest::addColumn<QString>("field");    // empty: valid
    QTest::addColumn<QString>("message");  // part of the message

    const auto none = [](Profile &) {};
    QTest::newRow("valid soketi") << Mutation(none) << QString() << QString();
    QTest::newRow("no name") << Mutation([](Profile &p) { p.name = QStringLiteral("  "); }) << "name"
                             << "name";
    QTest::newRow("no key") << Mutation([](Profile &p) { p.credentials.key.clear(); }) << "key"
                            << "required";
    QTest::newRow("key with space") << Mutation([](Profile &p) { p.credentials.key = QStringLiteral("a b"); }) << "key"
                                    << "spaces";
    QTest::newRow("key with slash") << Mutation([](Profile &p) { p.credentials.key = QStringLiteral("a/b"); }) << "key"
                                    << "'/'";
    QTest::newRow("app id with slash") << Mutation([](Profile &p) { p.credentials.appId = QStringLiteral("1/2"); })
                                       << "appId"
                                       << "'/'";
    QTest::newRow("secret with newline") << Mutation([](Profile &p) { p.credentials.secret = QStringLiteral("abc\n"); })
                                         << "secret"
                                         << "line breaks";
    QTest::newRow("no host") << Mutation([](Profile &p) { p.credentials.host.clear(); }) << "host"
                             << "host name";
    QTest::newRow("host is a URL") << Mutation([](Profile &p) { p.credentials.host = QStringLiteral("http://x.test"); })
                                   << "host"
                                   << "without scheme";
    QTest::newRow("host with port") << Mutation([](Profile &p) { p.credentials.host = QStringLiteral("x.test:6001"); })
                                    << "host"
                                    << "port field";
    QTest::newRow("IPv6 host") << Mutation([](Profile &p) { p.credentials.host = QStringLiteral("::1"); }) << QString()
                               << QString();
    QTest::newRow("pusher without cluster") << Mutation([](Profile &p) {
        p.applyPreset(ServerPreset::Pusher);
        p.credentials.cluster.clear();
    }) << "cluster"
                                            << "cluster";
    QTest::newRow("pusher bad cluster") << Mutation([](Profile &p) {
        p.applyPreset(ServerPreset::Pusher);
        p.credentials.cluster = QStringLiteral("e u");
    }) << "cluster"
                                        << "not a cluster";
    QTest::newRow("pusher needs no host")
        << Mutation([](Profile &p) { p.applyPreset(ServerPreset::Pusher); }) << QString() << QString();
    QTest::newRow("rest host is a URL") << Mutation([](Profile &p) {
        p.credentials.restHost = QStringLiteral("https://api.test/x");
    }) << "restHost"
                                        << "without scheme";
    QTest::newRow("path prefix with ?") << Mutation([](Profile &p) {
        p.credentials.pathPrefix = QStringLiteral("/ws?x");
    }) << "pathPrefix"
                                        << "'?'";
    QTest::newRow("bad master key") << Mutation([](Profile &p) {
        p.credentials.encryptionMasterKeyBase64 = "c2hvcnQ=";
    }) << "masterKey"
                                    << "32";
    QTest::newRow("good master key") << Mutation([](Profile &p) {
        p.credentials.encryptionMasterKeyBase64 = kMasterKey;
    }) << QString() << QString();
    QTest::newRow("user info without id") << Mutation([](Profile &p) {
        p.identity.userInfo = {{QStringLiteral("name"), QStringLiteral("Ada")}};
    }) << "userId"
                                          << "user id";
}

void TestProfile::validate()
{
    QFETCH(Mutation, mutate);
    QFETCH(QString, field);
    QFETCH(QString, message);
    Profile p = soketiProfile();
    mutate(p);
    const auto problems = byName(p.validate());
    if (field.isEmpty()) {
        QVERIFY2(problems.isEmpty(), qPrintable(problems.values().join(u'|')));
        return;
    }
    QVERIFY2(problems.contains(field), qPrintable(QStringLiteral("problems: ") + problems.keys().join(u',')));
    QVERIFY2(problems.value(field).contains(message, Qt::CaseInsensitive), qPrintable(problems.value(field)));
    QVERIFY(!problems.value(field).contains(u'\n'));
}

void TestProfile::warnings()
{
    Profile p = soketiProfile();
    QVERIFY(p.warnings().isEmpty());
    p.credentials.secret.clear();
    p.credentials.appId.clear();
    p.credentials.port = 443;
    p.identity.userId = QString(200, u'u');
    p.identity.userInfo = {{QStringLiteral("bio"), QString(2000, u'x')}};
    const auto w = byName(p.warnings());
    QVERIFY(w.value(QStringLiteral("secret")).contains(QStringLiteral("REST")));
    QVERIFY(w.contains(QStringLiteral("appId")));
    QVERIFY(w.value(QStringLiteral("port")).contains(QStringLiteral("TLS")));
    QVERIFY(w.contains(QStringLiteral("userId")));
    QVERIFY(w.value(QStringLiteral("userInfo")).contains(QStringLiteral("1 KB")));
    QVERIFY(p.validate().isEmpty());  // warnings never block
}

void TestProfile::jsonRoundTrip()
{
    Profile p = soketiProfile();
    p.credentials.restHost = QStringLiteral("api.local");
    p.credentials.restPort = 8443;
    p.credentials.restTls = true;
    p.credentials.pathPrefix = QStringLiteral("/ws");
    p.credentials.pinnedSha256 = QStringLiteral(
        "AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89");
    p.credentials.encryptionMasterKeyBase64 = kMasterKey;
    p.identity = {QStringLiteral("u1"), {{QStringLiteral("name"), QStringLiteral("Ada")}}};
    p.secretPolicy = SecretPolicy::SessionOnly;

    const QJsonObject publicJson = p.toJson(false);
    QVERIFY(!publicJson.contains(QStringLiteral("secret")));
    QVERIFY(!publicJson.contains(QStringLiteral("masterKey")));
    const QByteArray text = QJsonDocument(publicJson).toJson();
    QVERIFY(!text.contains("app-secret"));
    QVERIFY(!text.contains(kMasterKey));

    const auto back = Profile::fromJson(publicJson);
    QVERIFY(back.ok());
    QCOMPARE(back->toJson(false), publicJson);
    QVERIFY(back->credentials.secret.isEmpty());
    QCOMPARE(back->credentials.restTls, std::optional<bool>(true));
    QCOMPARE(back->preset, ServerPreset::Soketi);
    QCOMPARE(back->secretPolicy, SecretPolicy::SessionOnly);

    const auto full = Profile::fromJson(p.toJson(true));
    QVERIFY(full.ok());
    QCOMPARE(full->credentials.secret, QStringLiteral("app-secret"));
    QCOMPARE(full->credentials.encryptionMasterKeyBase64, kMasterKey);
    QCOMPARE(full->toJson(true), p.toJson(true));
}

void TestProfile::jsonLenient()
{
    // What QSettings gives back: strings for numbers and booleans, user info as JSON text.
    const QJsonObject json{{QStringLiteral("name"), QStringLiteral("x")},
                           {QStringLiteral("preset"), QStringLiteral("custom")},
                           {QStringLiteral("key"), QStringLiteral("k")},
                           {QStringLiteral("host"), QStringLiteral("h.test")},
                           {QStringLiteral("port"), QStringLiteral("6001")},
                           {QStringLiteral("tls"), QStringLiteral("false")},
                           {QStringLiteral("userInfo"), QStringLiteral("{\"a\":1}")}};
    const auto p = Profile::fromJson(json);
    QVERIFY(p.ok());
    QCOMPARE(p->credentials.port, quint16(6001));
    QVERIFY(!p->credentials.tls);
    QCOMPARE(p->identity.userInfo.value(QStringLiteral("a")).toInt(), 1);
    QVERIFY(!p->id.isEmpty());  // a fresh one
    QVERIFY(!p->credentials.restTls.has_value());
}

void TestProfile::jsonErrors()
{
    QVERIFY(!Profile::fromJson({}).ok());
    QVERIFY(!Profile::fromJson({{QStringLiteral("foo"), 1}}).ok());
    const auto badPreset = Profile::fromJson(
        {{QStringLiteral("key"), QStringLiteral("k")}, {QStringLiteral("preset"), QStringLiteral("nope")}});
    QVERIFY(!badPreset.ok());
    QVERIFY(badPreset.error().message.contains(QStringLiteral("nope")));
    const auto badPort =
        Profile::fromJson({{QStringLiteral("key"), QStringLiteral("k")}, {QStringLiteral("port"), 70000}});
    QVERIFY(!badPort.ok());
    // No preset: a cluster alone means hosted Pusher.
    const auto hosted = Profile::fromJson(
        {{QStringLiteral("key"), QStringLiteral("k")}, {QStringLiteral("cluster"), QStringLiteral("eu")}});
    QVERIFY(hosted.ok());
    QCOMPARE(hosted->preset, ServerPreset::Pusher);
}

void TestProfile::parseUserInfo()
{
    QVERIFY(Profile::parseUserInfo(QString()).ok());
    QVERIFY(Profile::parseUserInfo(QStringLiteral("  ")).value().isEmpty());
    QCOMPARE(
        Profile::parseUserInfo(QStringLiteral("{\"name\":\"Ada\"}")).value().value(QStringLiteral("name")).toString(),
        QStringLiteral("Ada"));
    const auto broken = Profile::parseUserInfo(QStringLiteral("{\"name\":"));
    QVERIFY(!broken.ok());
    QVERIFY(broken.error().message.contains(QStringLiteral("character")));
    const auto array = Profile::parseUserInfo(QStringLiteral("[1]"));
    QVERIFY(!array.ok());
    QVERIFY(array.error().message.contains(QStringLiteral("object")));
}

void TestProfile::dotEnvSyntax()
{
    const QString text = QStringLiteral("# a comment\n"
                                        "\n"
                                        "PLAIN=value\n"
                                        "SPACED = spaced value   \n"
                                        "export EXPORTED=yes\n"
                                        "DQ=\"double # not a comment\"\n"
                                        "SQ='single ${PLAIN} literal'\n"
                                        "INLINE=abc # comment\n"
                                        "HASH=abc#def\n"
                                        "ESC=\"a\\nb\\\"c\"\n"
                                        "REF=\"${PLAIN}-x\"\n"
                                        "REF2=${PLAIN}\n"
                                        "DEFAULTED=${MISSING:-fallback}\n"
                                        "EMPTY=\n"
                                        "MULTI=\"line1\n"
                                        "line2\"\n"
                                        "CRLF=ok\r\n"
                                        "PLAIN=later\n");
    const DotEnv env = DotEnv::parse(text);
    QCOMPARE(env.values.value(QStringLiteral("PLAIN")), QStringLiteral("later"));  // later wins
    QCOMPARE(env.values.value(QStringLiteral("SPACED")), QStringLiteral("spaced value"));
    QCOMPARE(env.values.value(QStringLiteral("EXPORTED")), QStringLiteral("yes"));
    QCOMPARE(env.values.value(QStringLiteral("DQ")), QStringLiteral("double # not a comment"));
    QCOMPARE(env.values.value(QStringLiteral("SQ")), QStringLiteral("single ${PLAIN} literal"));
    QCOMPARE(env.values.value(QStringLiteral("INLINE")), QStringLiteral("abc"));
    QCOMPARE(env.values.value(QStringLiteral("HASH")), QStringLiteral("abc#def"));
    QCOMPARE(env.values.value(QStringLiteral("ESC")), QStringLiteral("a\nb\"c"));
    QCOMPARE(env.values.value(QStringLiteral("REF")), QStringLiteral("value-x"));  // as defined at that point
    QCOMPARE(env.values.value(QStringLiteral("REF2")), QStringLiteral("value"));
    QCOMPARE(env.values.value(QStringLiteral("DEFAULTED")), QStringLiteral("fallback"));
    QVERIFY(env.values.contains(QStringLiteral("EMPTY")));
    QCOMPARE(env.values.value(QStringLiteral("MULTI")), QStringLiteral("line1\nline2"));
    QCOMPARE(env.values.value(QStringLiteral("CRLF")), QStringLiteral("ok"));
    QCOMPARE(env.order.first(), QStringLiteral("PLAIN"));
    QVERIFY2(env.problems.isEmpty(), qPrintable(env.problems.join(u'|')));
}

void TestProfile::dotEnvProblems()
{
    const DotEnv env = DotEnv::parse(QStringLiteral("JUST TEXT\n1BAD=x\nREF=${NOPE}\nOPEN=\"never closed\n"));
    QCOMPARE(env.problems.size(), 4);
    QVERIFY(env.problems.at(0).startsWith(QStringLiteral("line 1:")));
    QVERIFY(env.problems.at(1).startsWith(QStringLiteral("line 2:")));
    QVERIFY(env.problems.at(2).contains(QStringLiteral("${NOPE}")));
    QVERIFY(env.problems.at(3).contains(QStringLiteral("closing")));
    QCOMPARE(env.values.value(QStringLiteral("REF")), QString());
}

void TestProfile::fromDotEnv_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("preset");
    QTest::addColumn<QString>("appId");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("secret");
    QTest::addColumn<QString>("wsUrl");  // without the query
    QTest::addColumn<QStringList>("used");

    const int pusher = int(ServerPreset::Pusher), soketi = int(ServerPreset::Soketi),
              reverb = int(ServerPreset::Reverb), custom = int(ServerPreset::Custom);

    QTest::newRow("laravel hosted pusher") << QStringLiteral(
        "APP_NAME=Shop\nBROADCAST_DRIVER=pusher\nPUSHER_APP_ID=123\nPUSHER_APP_KEY=abc\nPUSHER_APP_SECRET=s3cr3t\n"
        "PUSHER_HOST=\nPUSHER_PORT=443\nPUSHER_SCHEME=https\nPUSHER_APP_CLUSTER=eu\n"
        "VITE_PUSHER_APP_KEY=\"${PUSHER_APP_KEY}\"\nVITE_PUSHER_APP_CLUSTER=\"${PUSHER_APP_CLUSTER}\"\n")
                                           << pusher << "123"
                                           << "abc"
                                           << "s3cr3t"
                                           << "wss://ws-eu.pusher.com:443/app/abc"
                                           << QStringList{QStringLiteral("APP_NAME"),
                                                          QStringLiteral("PUSHER_APP_ID"),
                                                          QStringLiteral("PUSHER_APP_KEY"),
                                                          QStringLiteral("PUSHER_APP_SECRET"),
                                                          QStringLiteral("PUSHER_SCHEME"),
                                                          QStringLiteral("PUSHER_APP_CLUSTER")};
    QTest::newRow("pusher host spelled out")
        << QStringLiteral("PUSHER_APP_KEY=abc\nPUSHER_HOST=api-ap1.pusher.com\n") << pusher << QStringLiteral("")
        << QStringLiteral("abc") << QStringLiteral("") << QStringLiteral("wss://ws-ap1.pusher.com:443/app/abc")
        << QStringList{QStringLiteral("PUSHER_APP_KEY"), QStringLiteral("PUSHER_HOST")};
    QTest::newRow("laravel-websockets") << QStringLiteral(
        "export PUSHER_APP_ID=local\nexport PUSHER_APP_KEY=localkey\nexport PUSHER_APP_SECRET='sec#ret'\n"
        "PUSHER_HOST=127.0.0.1\nPUSHER_PORT=6001\nPUSHER_SCHEME=http\n")
                                        << custom << "local"
                                        << "localkey"
                                        << "sec#ret"
                                        << "ws://127.0.0.1:6001/app/localkey"
                                        << QStringList{QStringLiteral("PUSHER_APP_ID"),
                                                       QStringLiteral("PUSHER_APP_KEY"),
                                                       QStringLiteral("PUSHER_APP_SECRET"),
                                                       QStringLiteral("PUSHER_HOST"),
                                                       QStringLiteral("PUSHER_PORT"),
                                                       QStringLiteral("PUSHER_SCHEME")};
    QTest::newRow("vite only") << QStringLiteral("VITE_PUSHER_APP_KEY=vk\nVITE_PUSHER_APP_CLUSTER=us2\n") << pusher
                               << QStringLiteral("") << QStringLiteral("vk") << QStringLiteral("")
                               << QStringLiteral("wss://ws-us2.pusher.com:443/app/vk")
                               << QStringList{QStringLiteral("VITE_PUSHER_APP_KEY"),
                                              QStringLiteral("VITE_PUSHER_APP_CLUSTER")};
    QTest::newRow("mix with host") << QStringLiteral(
        "MIX_PUSHER_APP_KEY=mk\nMIX_PUSHER_HOST=ws.example.test\nMIX_PUSHER_PORT=443\n")
                                   << custom << QStringLiteral("") << QStringLiteral("mk") << QStringLiteral("")
                                   << QStringLiteral("wss://ws.example.test:443/app/mk")
                                   << QStringList{QStringLiteral("MIX_PUSHER_APP_KEY"),
                                                  QStringLiteral("MIX_PUSHER_HOST"), QStringLiteral("MIX_PUSHER_PORT")};
    QTest::newRow("reverb") << QStringLiteral(
        "BROADCAST_CONNECTION=reverb\nPUSHER_APP_KEY=\nREVERB_APP_ID=42\nREVERB_APP_KEY=rk\nREVERB_APP_SECRET=rs\n"
        "REVERB_HOST=\"localhost\"\nREVERB_PORT=8080\nREVERB_SCHEME=http\nVITE_REVERB_APP_KEY=\"${REVERB_APP_KEY}\"\n")
                            << reverb << "42"
                            << "rk"
                            << "rs"
                            << "ws://localhost:8080/app/rk"
                            << QStringList{QStringLiteral("REVERB_APP_ID"),     QStringLiteral("REVERB_APP_KEY"),
                                           QStringLiteral("REVERB_APP_SECRET"), QStringLiteral("REVERB_HOST"),
                                           QStringLiteral("REVERB_PORT"),       QStringLiteral("REVERB_SCHEME")};
    QTest::newRow("reverb defaults") << QStringLiteral("REVERB_APP_KEY=rk\n") << reverb << QStringLiteral("")
                                     << QStringLiteral("rk") << QStringLiteral("")
                                     << QStringLiteral("ws://localhost:8080/app/rk")
                                     << QStringList{QStringLiteral("REVERB_APP_KEY")};
    QTest::newRow("reverb wins by broadcaster") << QStringLiteral(
        "BROADCAST_CONNECTION=reverb\nPUSHER_APP_KEY=pk\nREVERB_APP_KEY=rk\nREVERB_HOST=reverb.test\nREVERB_SCHEME=https\n")
                                                << reverb << QStringLiteral("") << QStringLiteral("rk")
                                                << QStringLiteral("") << QStringLiteral("wss://reverb.test:443/app/rk")
                                                << QStringList{QStringLiteral("REVERB_APP_KEY"),
                                                               QStringLiteral("REVERB_HOST"),
                                                               QStringLiteral("REVERB_SCHEME")};
    QTest::newRow("soketi") << QStringLiteral(
        "SOKETI_DEFAULT_APP_ID=sid\nSOKETI_DEFAULT_APP_KEY=skey\nSOKETI_DEFAULT_APP_SECRET=ssecret\nSOKETI_PORT=6002\n")
                            << soketi << "sid"
                            << "skey"
                            << "ssecret"
                            << "ws://127.0.0.1:6002/app/skey"
                            << QStringList{QStringLiteral("SOKETI_DEFAULT_APP_ID"),
                                           QStringLiteral("SOKETI_DEFAULT_APP_KEY"),
                                           QStringLiteral("SOKETI_DEFAULT_APP_SECRET"), QStringLiteral("SOKETI_PORT")};
    QTest::newRow("soketi defaults") << QStringLiteral("SOKETI_DEFAULT_APP_ENABLE_CLIENT_MESSAGES=true\n") << soketi
                                     << "app-id"
                                     << "app-key"
                                     << "app-secret"
                                     << "ws://127.0.0.1:6001/app/app-key" << QStringList{};
}

void TestProfile::fromDotEnv()
{
    QFETCH(QString, text);
    QFETCH(int, preset);
    QFETCH(QString, appId);
    QFETCH(QString, key);
    QFETCH(QString, secret);
    QFETCH(QString, wsUrl);
    QFETCH(QStringList, used);

    const auto imported = importDotEnv(text);
    QVERIFY2(imported.ok(), qPrintable(imported.ok() ? QString() : imported.error().message));
    const Profile &p = imported->profile;
    QCOMPARE(int(p.preset), preset);
    QCOMPARE(p.credentials.appId, appId);
    QCOMPARE(p.credentials.key, key);
    QCOMPARE(p.credentials.secret, secret);
    QCOMPARE(p.credentials.webSocketUrl(QStringLiteral("js"), QStringLiteral("1")).toString(QUrl::RemoveQuery), wsUrl);
    QCOMPARE(imported->usedVariables, used);
    QVERIFY(!p.id.isEmpty());
    QVERIFY(!p.name.isEmpty());
    QVERIFY2(p.validate().isEmpty(), qPrintable(p.validate().values().join(u'|')));
}

void TestProfile::fromDotEnvNotes()
{
    const auto vite = importDotEnv(QStringLiteral("VITE_PUSHER_APP_KEY=vk\n"));
    QVERIFY(vite.ok());
    QVERIFY(vite->notes.first().contains(QStringLiteral("no secret")));

    const auto named = importDotEnv(QStringLiteral("APP_NAME=\"My Shop\"\nPUSHER_APP_KEY=k\nPUSHER_APP_SECRET=s\n"
                                                   "PUSHER_ENCRYPTION_MASTER_KEY_BASE64=")
                                    + QString::fromLatin1(kMasterKey) + u'\n');
    QVERIFY(named.ok());
    QCOMPARE(named->profile.name, QStringLiteral("My Shop (Pusher (hosted))"));
    QCOMPARE(named->profile.credentials.encryptionMasterKeyBase64, kMasterKey);
    QVERIFY(named->usedVariables.contains(QStringLiteral("PUSHER_ENCRYPTION_MASTER_KEY_BASE64")));
    QVERIFY2(named->notes.isEmpty(), qPrintable(named->notes.join(u'|')));

    const auto differing =
        importDotEnv(QStringLiteral("PUSHER_APP_KEY=k\nPUSHER_APP_SECRET=s\nPUSHER_HOST=soketi\nPUSHER_PORT=6001\n"
                                    "PUSHER_SCHEME=http\nVITE_PUSHER_HOST=localhost\n"));
    QVERIFY(differing.ok());
    QCOMPARE(differing->profile.credentials.host, QStringLiteral("soketi"));
    QVERIFY(differing->notes.join(u' ').contains(QStringLiteral("localhost")));

    const auto badPort = importDotEnv(QStringLiteral("REVERB_APP_KEY=k\nREVERB_PORT=eighty\n"));
    QVERIFY(badPort.ok());
    QCOMPARE(badPort->profile.credentials.port, quint16(8080));
    QVERIFY(badPort->notes.join(u' ').contains(QStringLiteral("REVERB_PORT=eighty")));
}

void TestProfile::fromDotEnvNothing()
{
    const auto none = importDotEnv(QStringLiteral("APP_NAME=x\nDB_HOST=127.0.0.1\n"));
    QVERIFY(!none.ok());
    QVERIFY(none.error().message.contains(QStringLiteral("PUSHER_APP_KEY")));
}

void TestProfile::fromUrl()
{
    const auto hosted = importPusherUrl(QStringLiteral("https://key:secret@api-eu.pusher.com/apps/123"));
    QVERIFY(hosted.ok());
    QCOMPARE(hosted->preset, ServerPreset::Pusher);
    QCOMPARE(hosted->credentials.cluster, QStringLiteral("eu"));
    QCOMPARE(hosted->credentials.secret, QStringLiteral("secret"));
    QVERIFY(hosted->validate().isEmpty());

    const auto local = importPusherUrl(QStringLiteral("http://app-key:app-secret@127.0.0.1:6001/apps/app-id"));
    QVERIFY(local.ok());
    QCOMPARE(local->preset, ServerPreset::Custom);
    QCOMPARE(local->credentials.host, QStringLiteral("127.0.0.1"));
    QCOMPARE(local->credentials.port, quint16(6001));
    QCOMPARE(local->name, QStringLiteral("127.0.0.1"));

    const auto bad = importPusherUrl(QStringLiteral("ftp://x"));
    QVERIFY(!bad.ok());
    QVERIFY(!bad.error().message.isEmpty());
}

void TestProfile::storeFirstStart()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("settings.ini"));
    MemorySecretStore keychain;
    QString sandboxId;
    {
        ProfileStore store(path, &keychain);
        QSignalSpy loaded(&store, &ProfileStore::profileLoaded);
        QVERIFY(loadAndWait(store));
        QCOMPARE(store.profiles().size(), 1);
        const Profile p = store.profiles().first();
        QCOMPARE(p.name, QStringLiteral("Local sandbox"));
        QCOMPARE(p.credentials.secret, QStringLiteral("app-secret"));
        QCOMPARE(store.currentProfileId(), p.id);
        QCOMPARE(loaded.size(), 1);
        sandboxId = p.id;
    }
    // A second start finds the same sandbox, not a new one.
    ProfileStore again(path, &keychain);
    QVERIFY(loadAndWait(again));
    QCOMPARE(again.ids(), QStringList{sandboxId});
    QCOMPARE(again.profile(sandboxId)->credentials.secret, QStringLiteral("app-secret"));
}

void TestProfile::storeKeychainSecretNotInFile()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("settings.ini"));
    MemorySecretStore keychain;
    Profile p = soketiProfile();
    p.credentials.secret = QStringLiteral("keychain-only-secret-5f1c");
    p.credentials.encryptionMasterKeyBase64 = kMasterKey;
    p.identity = {QStringLiteral("u1"), {{QStringLiteral("name"), QStringLiteral("Ada")}}};
    p.secretPolicy = SecretPolicy::Keychain;
    {
        ProfileStore store(path, &keychain);
        QVERIFY(loadAndWait(store));
        QSignalSpy changed(&store, &ProfileStore::profilesChanged);
        QVERIFY(saveAndWait(store, p).ok());
        QCOMPARE(changed.size(), 1);
        store.setCurrentProfileId(p.id);
    }
    const QByteArray bytes = fileBytes(path);
    QVERIFY(!bytes.isEmpty());
    QVERIFY(bytes.contains("app-key"));
    QVERIFY2(!bytes.contains("keychain-only-secret-5f1c"), bytes.constData());
    QVERIFY(!bytes.contains(kMasterKey));
    QVERIFY(keychain.contains(p.id));

    ProfileStore store(path, &keychain);
    QVERIFY(loadAndWait(store));
    QCOMPARE(store.profiles().size(), 2);  // with the sandbox
    const auto back = store.profile(p.id);
    QVERIFY(back.has_value());
    QCOMPARE(back->credentials.secret, QStringLiteral("keychain-only-secret-5f1c"));
    QCOMPARE(back->credentials.encryptionMasterKeyBase64, kMasterKey);
    QCOMPARE(back->toJson(true), p.toJson(true));
    QCOMPARE(store.currentProfileId(), p.id);
}

void TestProfile::storePlainSettingsWhenChosen()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("settings.ini"));
    MemorySecretStore keychain;
    Profile p = soketiProfile();
    p.credentials.secret = QStringLiteral("plain-secret-9a7e");
    p.secretPolicy = SecretPolicy::PlainSettings;
    {
        ProfileStore store(path, &keychain);
        QVERIFY(loadAndWait(store));
        QVERIFY(saveAndWait(store, p).ok());
    }
    const QByteArray bytes = fileBytes(path);
    QVERIFY(bytes.contains("plain-secret-9a7e"));
    QVERIFY(bytes.contains("secretPolicy=plain"));
    QVERIFY(!keychain.contains(p.id));

    ProfileStore store(path, &keychain);
    QVERIFY(loadAndWait(store));
    QCOMPARE(store.profile(p.id)->credentials.secret, QStringLiteral("plain-secret-9a7e"));
    QCOMPARE(store.profile(p.id)->secretPolicy, SecretPolicy::PlainSettings);
}

void TestProfile::storeSessionOnly()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("settings.ini"));
    MemorySecretStore keychain;
    Profile p = soketiProfile();
    p.credentials.secret = QStringLiteral("session-secret-3b2d");
    p.secretPolicy = SecretPolicy::SessionOnly;
    {
        ProfileStore store(path, &keychain);
        QVERIFY(loadAndWait(store));
        QVERIFY(saveAndWait(store, p).ok());
        QVERIFY(!fileBytes(path).contains("session-secret-3b2d"));
        QVERIFY(!keychain.contains(p.id));
        // A reload in the same session keeps it.
        QVERIFY(loadAndWait(store));
        QCOMPARE(store.profile(p.id)->credentials.secret, QStringLiteral("session-secret-3b2d"));
    }
    QVERIFY(!fileBytes(path).contains("session-secret-3b2d"));
    // The next session asks for it again.
    ProfileStore store(path, &keychain);
    QVERIFY(loadAndWait(store));
    QVERIFY(store.profile(p.id)->credentials.secret.isEmpty());
    QCOMPARE(store.profile(p.id)->secretPolicy, SecretPolicy::SessionOnly);
}

void TestProfile::storeKeychainUnavailable()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("settings.ini"));
    MemorySecretStore keychain;
    keychain.setAvailable(false);
    ProfileStore store(path, &keychain);
    QVERIFY(loadAndWait(store));
    Profile p = soketiProfile();
    p.credentials.secret = QStringLiteral("nowhere-secret");
    const Status status = saveAndWait(store, p);
    QVERIFY(!status.ok());
    QVERIFY(status.error().message.contains(QStringLiteral("this session only")));
    QCOMPARE(store.profile(p.id)->credentials.secret, QStringLiteral("nowhere-secret"));  // still usable now
    QVERIFY(!fileBytes(path).contains("nowhere-secret"));

    // On the next load the keychain cannot give it back: reported, profile still there.
    ProfileStore next(path, &keychain);
    QSignalSpy errors(&next, &ProfileStore::secretsError);
    QVERIFY(loadAndWait(next));
    QCOMPARE(errors.size(), 1);
    QCOMPARE(errors.first().first().toString(), p.id);
    QVERIFY(next.profile(p.id)->credentials.secret.isEmpty());
}

void TestProfile::storePolicySwitchRemovesPlainSecret()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("settings.ini"));
    MemorySecretStore keychain;
    ProfileStore store(path, &keychain);
    QVERIFY(loadAndWait(store));
    Profile p = soketiProfile();
    p.credentials.secret = QStringLiteral("moving-secret-77");
    p.secretPolicy = SecretPolicy::PlainSettings;
    QVERIFY(saveAndWait(store, p).ok());
    QVERIFY(fileBytes(path).contains("moving-secret-77"));

    p.secretPolicy = SecretPolicy::Keychain;
    QVERIFY(saveAndWait(store, p).ok());
    QVERIFY(!fileBytes(path).contains("moving-secret-77"));
    QVERIFY(keychain.contains(p.id));

    p.secretPolicy = SecretPolicy::SessionOnly;
    QVERIFY(saveAndWait(store, p).ok());
    QVERIFY(!keychain.contains(p.id));
    QVERIFY(!fileBytes(path).contains("moving-secret-77"));
}

void TestProfile::storeRemoveAndCurrent()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("settings.ini"));
    MemorySecretStore keychain;
    ProfileStore store(path, &keychain);
    QVERIFY(loadAndWait(store));
    const QString sandboxId = store.ids().first();
    Profile p = soketiProfile();
    p.name = QStringLiteral("Zeta");
    QVERIFY(saveAndWait(store, p).ok());
    store.setCurrentProfileId(p.id);
    QCOMPARE(store.currentProfileId(), p.id);

    QSignalSpy current(&store, &ProfileStore::currentProfileChanged);
    store.remove(p.id);
    QVERIFY(!store.contains(p.id));
    QVERIFY(!keychain.contains(p.id));
    QCOMPARE(store.currentProfileId(), sandboxId);
    QCOMPARE(current.size(), 1);
    QVERIFY(!fileBytes(path).contains("Zeta"));

    // Removing the last one brings a fresh sandbox: there is always something to connect to.
    store.remove(sandboxId);
    QCOMPARE(store.profiles().size(), 1);
    QCOMPARE(store.profiles().first().name, QStringLiteral("Local sandbox"));
}

void TestProfile::authJsonRoundTrip()
{
    const Profile p = endpointProfile();
    const auto full = Profile::fromJson(p.toJson(true));
    QVERIFY(full.ok());
    QCOMPARE(full->toJson(true), p.toJson(true));
    const AuthSettings &a = full->auth;
    QCOMPARE(a.channelMode, AuthSettings::Mode::Endpoint);
    QCOMPARE(a.channelEndpoint.url, QUrl(QStringLiteral("http://127.0.0.1:3000/pusher/auth")));
    QCOMPARE(a.channelEndpoint.method, QByteArray("POST"));
    QCOMPARE(a.channelEndpoint.format, EndpointConfig::BodyFormat::Json);
    QCOMPARE(a.channelEndpoint.timeoutMs, 5000);
    QCOMPARE(a.channelEndpoint.params, p.auth.channelEndpoint.params);
    QCOMPARE(a.channelEndpoint.headers, p.auth.channelEndpoint.headers);
    QCOMPARE(a.userMode, AuthSettings::Mode::Endpoint);
    QCOMPARE(a.userEndpoint.method, QByteArray("GET"));
    QCOMPARE(a.userEndpoint.headers, p.auth.userEndpoint.headers);

    // An export keeps the header names, never their values.
    const QJsonObject publicJson = p.toJson(false);
    const QByteArray text = QJsonDocument(publicJson).toJson();
    QVERIFY2(!text.contains("tok-channel-1f2e3d4c"), text.constData());
    QVERIFY2(!text.contains("cookie-9d8c7b6a"), text.constData());
    QVERIFY(text.contains("Authorization"));
    QVERIFY(text.contains("Cookie"));
    QVERIFY(text.contains("team"));           // param names are kept,
    QVERIFY(!text.contains("blue & green"));  // their values are secrets
    const auto imported = Profile::fromJson(publicJson);
    QVERIFY(imported.ok());
    QCOMPARE(imported->auth.channelEndpoint.headers.size(), 2);
    QCOMPARE(imported->auth.channelEndpoint.headers.first().first, QByteArray("Authorization"));
    QVERIFY(imported->auth.channelEndpoint.headers.first().second.isEmpty());
    // The values come back from wherever the secrets are.
    Profile restored = *imported;
    restored.setSecrets(p.secrets());
    QCOMPARE(restored.toJson(true), p.toJson(true));

    // Nothing chosen, nothing written: profiles without endpoints look as they always did.
    QVERIFY(!soketiProfile().toJson(true).contains(QStringLiteral("channelAuth")));
    QVERIFY(!soketiProfile().toJson(true).contains(QStringLiteral("userAuth")));
    QCOMPARE(Profile::fromJson(soketiProfile().toJson(true))->auth.channelMode, AuthSettings::Mode::BuiltIn);
}

void TestProfile::authJsonLenientAndErrors()
{
    // Settings files give the object back as JSON text, numbers as strings.
    QJsonObject json = soketiProfile().toJson(false);
    json.insert(QStringLiteral("channelAuth"),
                QStringLiteral(
                    "{\"mode\":\"endpoint\",\"url\":\"https://a.test/auth\",\"method\":\"post\",\"timeoutMs\":\"2500\","
                    "\"headers\":[{\"name\":\"Authorization\"}]}"));
    const auto p = Profile::fromJson(json);
    QVERIFY(p.ok());
    QCOMPARE(p->auth.channelMode, AuthSettings::Mode::Endpoint);
    QCOMPARE(p->auth.channelEndpoint.method, QByteArray("POST"));
    QCOMPARE(p->auth.channelEndpoint.timeoutMs, 2500);
    QCOMPARE(p->auth.channelEndpoint.format, EndpointConfig::BodyFormat::Form);
    QCOMPARE(p->auth.userMode, AuthSettings::Mode::BuiltIn);

    json.insert(QStringLiteral("userAuth"), QJsonObject{{QStringLiteral("mode"), QStringLiteral("oauth")}});
    const auto unknown = Profile::fromJson(json);
    QVERIFY(!unknown.ok());
    QVERIFY2(unknown.error().message.contains(QStringLiteral("oauth")), qPrintable(unknown.error().message));
    json.insert(QStringLiteral("userAuth"), QStringLiteral("{broken"));
    QVERIFY(!Profile::fromJson(json).ok());
}

void TestProfile::authValidate_data()
{
    QTest::addColumn<Mutation>("mutate");
    QTest::addColumn<QString>("field");    // empty: valid
    QTest::addColumn<QString>("message");  // part of the message

    const auto channel = [](std::function<void(EndpointConfig &)> edit) {
        return Mutation([edit](Profile &p) { edit(p.auth.channelEndpoint); });
    };
    QTest::newRow("valid endpoints") << Mutation([](Profile &) {}) << QString() << QString();
    QTest::newRow("no URL") << channel([](EndpointConfig &c) { c.url.clear(); }) << "channelAuthUrl"
                            << "Enter";
    QTest::newRow("not a URL") << channel([](EndpointConfig &c) { c.url = QUrl(QStringLiteral("example.com/auth")); })
                               << "channelAuthUrl"
                               << "http";
    QTest::newRow("ftp URL") << channel([](EndpointConfig &c) {
        c.url = QUrl(QStringLiteral("ftp://example.com/auth"));
    }) << "channelAuthUrl"
                             << "https://";
    QTest::newRow("PUT") << channel([](EndpointConfig &c) { c.method = "PUT"; }) << "channelAuthMethod"
                         << "POST";
    QTest::newRow("header name with space") << channel([](EndpointConfig &c) {
        c.headers.append({QByteArray("X Token"), QByteArray("1")});
    }) << "channelAuthHeaders"
                                            << "not a header name";
    QTest::newRow("header without name") << channel([](EndpointConfig &c) {
        c.headers.append({QByteArray(), QByteArray("1")});
    }) << "channelAuthHeaders"
                                         << "needs a name";
    QTest::newRow("header value with line break") << channel([](EndpointConfig &c) {
        c.headers.append({QByteArray("X-Token"), QByteArray("a\r\nX-Evil: 1")});
    }) << "channelAuthHeaders"
                                                  << "line breaks";
    QTest::newRow("param without name") << channel([](EndpointConfig &c) {
        c.params.append({QString(), QStringLiteral("v")});
    }) << "channelAuthParams"
                                        << "no name";
    QTest::newRow("user endpoint URL") << Mutation([](Profile &p) {
        p.auth.userEndpoint.url = QUrl(QStringLiteral("mailto:a@b.test"));
    }) << "userAuthUrl"
                                       << "http";
    QTest::newRow("built-in mode ignores the endpoint") << Mutation([](Profile &p) {
        p.auth.channelMode = AuthSettings::Mode::BuiltIn;
        p.auth.channelEndpoint.url = QUrl(QStringLiteral("ftp://x"));
        p.auth.channelEndpoint.method = "PUT";
    }) << QString() << QString();
}

void TestProfile::authValidate()
{
    QFETCH(Mutation, mutate);
    QFETCH(QString, field);
    QFETCH(QString, message);
    Profile p = endpointProfile();
    mutate(p);
    const auto problems = byName(p.validate());
    if (field.isEmpty()) {
        QVERIFY2(problems.isEmpty(), qPrintable(problems.values().join(u'|')));
        return;
    }
    QVERIFY2(problems.contains(field), qPrintable(QStringLiteral("problems: ") + problems.keys().join(u',')));
    QVERIFY2(problems.value(field).contains(message), qPrintable(problems.value(field)));
    QVERIFY(!problems.value(field).contains(u'\n'));
}

void TestProfile::authWarnings()
{
    // The built-in signer without a secret cannot sign anything.
    Profile builtIn = soketiProfile();
    builtIn.credentials.secret.clear();
    QVERIFY(builtIn.warnings().value(ProfileField::ChannelAuth).contains(QStringLiteral("app secret")));
    QVERIFY(!soketiProfile().warnings().contains(ProfileField::ChannelAuth));

    // An endpoint needs no secret; the secret's warning says what is still missing.
    Profile endpoint = endpointProfile();
    endpoint.credentials.secret.clear();
    QMap<ProfileField, QString> w = endpoint.warnings();
    QVERIFY2(!w.contains(ProfileField::ChannelAuth), qPrintable(w.value(ProfileField::ChannelAuth)));
    QVERIFY(w.value(ProfileField::Secret).contains(QStringLiteral("signatures are not checked")));
    endpoint.auth.userMode = AuthSettings::Mode::BuiltIn;
    QVERIFY(endpoint.warnings().value(ProfileField::UserAuth).contains(QStringLiteral("app secret")));

    // A header whose value was left out (an imported export) asks for it.
    Profile imported = endpointProfile();
    imported.auth.channelEndpoint.headers[0].second.clear();
    QVERIFY(imported.warnings()
                .value(ProfileField::ChannelAuthHeaders)
                .contains(QStringLiteral("Authorization has no value")));

    // A token over plain http to another machine is worth a word; to this machine it is not.
    Profile remote = endpointProfile();
    QVERIFY(!remote.warnings().contains(ProfileField::ChannelAuthUrl));
    remote.auth.channelEndpoint.url = QUrl(QStringLiteral("http://api.example.test/pusher/auth"));
    QVERIFY(remote.warnings().value(ProfileField::ChannelAuthUrl).contains(QStringLiteral("unencrypted")));
    for (const Profile &p : {builtIn, endpoint, imported, remote})
        QVERIFY(p.validate().isEmpty());  // warnings never block
}

void TestProfile::secretsHeaderBlob()
{
    Secrets s = endpointProfile().secrets();
    QCOMPARE(s.channelHeaderValues, (QList<QByteArray>{kChannelToken, "alice"}));
    QCOMPARE(s.userHeaderValues, QList<QByteArray>{kUserCookie});
    const QByteArray blob = s.encodeHeaderValues();
    QVERIFY(blob.contains("tok-channel-1f2e3d4c"));
    Secrets back;
    back.decodeHeaderValues(blob);
    QCOMPARE(back.channelHeaderValues, s.channelHeaderValues);
    QCOMPARE(back.userHeaderValues, s.userHeaderValues);

    // No values, no blob (the keychain entry is deleted); an unreadable blob is no values.
    QVERIFY(Secrets{}.encodeHeaderValues().isEmpty());
    QVERIFY(soketiProfile().secrets().encodeHeaderValues().isEmpty());
    back.decodeHeaderValues("not json");
    QVERIFY(back.channelHeaderValues.isEmpty());
    const Secrets blankValues{QString(), QByteArray(), {QByteArray()}, {}};
    QVERIFY(!blankValues.hasHeaderValues());
}

void TestProfile::storeAuthHeaderValues_data()
{
    QTest::addColumn<SecretPolicy>("policy");
    QTest::addColumn<bool>("valuesInFile");
    QTest::newRow("keychain") << SecretPolicy::Keychain << false;
    QTest::newRow("session only") << SecretPolicy::SessionOnly << false;
    QTest::newRow("plain settings") << SecretPolicy::PlainSettings << true;
}

void TestProfile::storeAuthHeaderValues()
{
    QFETCH(SecretPolicy, policy);
    QFETCH(bool, valuesInFile);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("settings.ini"));
    MemorySecretStore keychain;
    Profile p = endpointProfile();
    p.credentials.secret = QStringLiteral("ep-secret-77");
    p.secretPolicy = policy;
    // A URL with user info and a query is a secret as a whole.
    p.auth.userEndpoint.url = QUrl(QStringLiteral("https://ada:pw-3c4d@auth.test:8443/pusher/user?token=url-tok-5e6f"));
    {
        ProfileStore store(path, &keychain);
        QVERIFY(loadAndWait(store));
        QVERIFY(saveAndWait(store, p).ok());
        QCOMPARE(store.profile(p.id)->toJson(true), p.toJson(true));  // complete in memory at once

        const QByteArray bytes = fileBytes(path);
        // What is not secret is in the settings: endpoint, method, params, header names.
        QVERIFY(bytes.contains("127.0.0.1:3000/pusher/auth"));
        QVERIFY(bytes.contains("Authorization"));
        QVERIFY(bytes.contains("X-User"));
        QVERIFY(bytes.contains("Cookie"));
        QVERIFY(bytes.contains("team"));
        QVERIFY(bytes.contains("auth.test:8443/pusher/user"));
        QCOMPARE(bytes.contains("blue & green"), valuesInFile);
        QCOMPARE(bytes.contains("url-tok-5e6f"), valuesInFile);
        QCOMPARE(bytes.contains("pw-3c4d"), valuesInFile);
        QCOMPARE(keychain.stored(p.id).userUrl.contains(QStringLiteral("url-tok-5e6f")),
                 policy == SecretPolicy::Keychain);
        QCOMPARE(keychain.stored(p.id).channelParamValues.contains(QStringLiteral("blue & green")),
                 policy == SecretPolicy::Keychain);
        // The values only where the user said plain text is fine.
        QCOMPARE(bytes.contains("tok-channel-1f2e3d4c"), valuesInFile);
        QCOMPARE(bytes.contains("cookie-9d8c7b6a"), valuesInFile);
        QCOMPARE(bytes.contains("ep-secret-77"), valuesInFile);
        QCOMPARE(keychain.stored(p.id).channelHeaderValues.contains(kChannelToken), policy == SecretPolicy::Keychain);

        if (policy == SecretPolicy::SessionOnly) {  // a reload in the same session keeps them
            QVERIFY(loadAndWait(store));
            QCOMPARE(store.profile(p.id)->toJson(true), p.toJson(true));
        }
    }
    ProfileStore next(path, &keychain);
    QVERIFY(loadAndWait(next));
    const Profile back = next.profile(p.id).value();
    QCOMPARE(back.auth.channelEndpoint.headers.size(), 2);
    QCOMPARE(back.auth.channelEndpoint.headers.at(1).first, QByteArray("X-User"));
    if (policy == SecretPolicy::SessionOnly) {
        // The next session asks again: names are kept, values are not.
        QVERIFY(back.auth.channelEndpoint.headers.at(0).second.isEmpty());
        QVERIFY(back.auth.userEndpoint.headers.at(0).second.isEmpty());
    } else {
        QCOMPARE(back.toJson(true), p.toJson(true));
    }
}

void TestProfile::storeReadsProfilesSavedBeforeAuth()
{
    // A settings file and keychain entries as the previous version wrote them: no auth members,
    // no header values. They load as before, with the built-in signer.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("settings.ini"));
    const QString id = QStringLiteral("0b7e7d0c-5c1e-4d8b-9a55-3f2a1c0d9e11");
    {
        QSettings ini(path, QSettings::IniFormat);
        ini.beginGroup(QStringLiteral("profiles/") + id);
        ini.setValue(QStringLiteral("name"), QStringLiteral("Old"));
        ini.setValue(QStringLiteral("preset"), QStringLiteral("soketi"));
        ini.setValue(QStringLiteral("key"), QStringLiteral("old-key"));
        ini.setValue(QStringLiteral("host"), QStringLiteral("127.0.0.1"));
        ini.setValue(QStringLiteral("port"), 6001);
        ini.setValue(QStringLiteral("tls"), false);
        ini.setValue(QStringLiteral("secretPolicy"), QStringLiteral("keychain"));
        ini.endGroup();
    }
    MemorySecretStore keychain;
    keychain.preload(id, Secrets{QStringLiteral("old-secret"), kMasterKey, {}, {}});
    ProfileStore store(path, &keychain);
    QVERIFY(loadAndWait(store));
    Profile p = store.profile(id).value();
    QCOMPARE(p.credentials.secret, QStringLiteral("old-secret"));
    QCOMPARE(p.credentials.encryptionMasterKeyBase64, kMasterKey);
    QCOMPARE(p.auth.channelMode, AuthSettings::Mode::BuiltIn);
    QVERIFY(p.validate().isEmpty());

    // Adding an endpoint later puts its header value next to the secret.
    p.auth.channelMode = AuthSettings::Mode::Endpoint;
    p.auth.channelEndpoint.url = QUrl(QStringLiteral("https://old.example.test/auth"));
    p.auth.channelEndpoint.headers = {{"Authorization", kChannelToken}};
    QVERIFY(saveAndWait(store, p).ok());
    QCOMPARE(keychain.stored(id).appSecret, QStringLiteral("old-secret"));
    QCOMPARE(keychain.stored(id).channelHeaderValues, QList<QByteArray>{kChannelToken});
    QVERIFY(!fileBytes(path).contains("tok-channel"));
}

void TestProfile::clockVerdicts()
{
    QVERIFY(Doctor::clockCheck(0).ok);
    QCOMPARE(Doctor::clockCheck(0).line, QStringLiteral("clock skew 0 s"));
    QVERIFY(Doctor::clockCheck(-30).ok);
    QVERIFY(!Doctor::clockCheck(-30).warning);
    const auto drift = Doctor::clockCheck(45);
    QVERIFY(drift.ok);
    QVERIFY(drift.warning);
    QVERIFY(drift.line.contains(QStringLiteral("45 s")));
    const auto broken = Doctor::clockCheck(-700);
    QVERIFY(!broken.ok);
    QVERIFY(broken.line.contains(QStringLiteral("600")));
    QVERIFY(broken.line.contains(QStringLiteral("ahead")));
}

void TestProfile::httpDate()
{
    const auto d = Doctor::parseHttpDate("Sun, 06 Nov 1994 08:49:37 GMT");
    QVERIFY(d.has_value());
    QCOMPARE(d->toUTC(), QDateTime(QDate(1994, 11, 6), QTime(8, 49, 37), QTimeZone::utc()));
    QVERIFY(!Doctor::parseHttpDate("").has_value());
    QVERIFY(!Doctor::parseHttpDate("yesterday").has_value());
    QVERIFY(!Doctor::parseHttpDate("Sun, 36 Nov 1994 08:49:37 GMT").has_value());
}

QTEST_GUILESS_MAIN(TestProfile)
#include "tst_profile.moc"
