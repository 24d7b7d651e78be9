// Credentials stay where they belong (issue 10, item 5). In-process fake servers play the hostile
// auth endpoint, REST host and WebSocket server: redirects must not carry the user's headers to
// another origin, endpoint URLs and parameter values are secrets (settings, exports, log), files
// with secrets or exports are 0600, and a self-signed certificate is accepted only when pinned.

#include "cliprocess.h"
#include "connection.h"
#include "endpointauthorizer.h"
#include "fakepusherserver.h"
#include "httpstub.h"
#include "logexportjob.h"
#include "logstore.h"
#include "privatefile.h"
#include "testcerts.h"
#include "profile.h"
#include "profilestore.h"
#include "restclient.h"
#include "tlspolicy.h"

#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSettings>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QTemporaryDir>
#include <QWebSocket>
#include <QtTest>

#include <sys/stat.h>

using namespace cs;
using cs::test::FakePusherServer;
using cs::test::HttpStub;

namespace {

constexpr int kWait = 10000;
const QByteArray kToken = "Bearer tok-redirect-8a7b6c5d";
const QByteArray kCookie = "session=cookie-1q2w3e4r";
const QByteArray kCustom = "custom-secret-0p9o8i";

EndpointConfig endpointAt(const QByteArray &url)
{
    EndpointConfig c;
    c.url = QUrl::fromEncoded(url);
    c.headers = {{"Authorization", kToken}, {"Cookie", kCookie}, {"X-Team-Secretless", kCustom}};
    c.timeoutMs = 5000;
    return c;
}

Result<ChannelAuthorization> authorize(EndpointAuthorizer &authorizer,
                                       const QString &channel = QStringLiteral("private-a"))
{
    std::optional<Result<ChannelAuthorization>> out;
    authorizer.authorizeChannel({QStringLiteral("1.2"), channel, {}},
                                [&out](const Result<ChannelAuthorization> &r) { out = r; });
    if (!QTest::qWaitFor([&out] { return out.has_value(); }, kWait))
        return Error{ErrorCode::Timeout, QStringLiteral("no answer")};
    return *out;
}

// The fake REST host's credentials, with a secret of their own.
Credentials restCredentials(quint16 port)
{
    Credentials c = cs::test::localCredentials(port);
    c.secret = QStringLiteral("rest-secret");
    c.host = QStringLiteral("127.0.0.1");
    return c;
}

int permissionsOf(const QString &path)
{
    struct stat st {};
    if (::stat(QFile::encodeName(path).constData(), &st) != 0)
        return -1;
    return int(st.st_mode & 0777);
}

QByteArray logText(LogStore &log)
{
    log.flush();
    QByteArray all;
    for (qsizetype i = 0; i < log.size(); ++i) {
        const LogEntry e = log.at(i);
        all += e.message.toUtf8() + '\n' + e.raw + '\n';
    }
    return all;
}

const char *const kCert = cs::test::kLocalhostCert;
QString servedSha256()
{
    return QString::fromLatin1(
        QSslCertificate(QByteArray(kCert), QSsl::Pem).digest(QCryptographicHash::Sha256).toHex(':').toUpper());
}

struct CliRun {
    int exitCode = -1;
    QByteArray out, err;
};

// Runs channelscope-cli while this test's event loop keeps the fake servers answering.
CliRun runCli(const QStringList &args)
{
    cs::test::CliProcess cli(args);
    cli.finish(30000);  // on timeout it is killed: exit code -1, with what it printed so far
    return {cli.exitCode(), cli.out(), cli.err()};
}

QStringList wsArgs(quint16 port, bool tls)
{
    return {QStringLiteral("--key"),
            QStringLiteral("key"),
            QStringLiteral("--host"),
            QStringLiteral("127.0.0.1"),
            QStringLiteral("--port"),
            QString::number(port),
            tls ? QStringLiteral("--tls") : QStringLiteral("--no-tls")};
}

// No terminal control survives: C0 but tab and line feed, DEL, and C1 (U+0080..U+009F in UTF-8).
QString firstControl(const QByteArray &bytes)
{
    for (qsizetype i = 0; i < bytes.size(); ++i) {
        const auto c = uchar(bytes.at(i));
        if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7f)
            return QStringLiteral("byte 0x%1 at %2").arg(c, 2, 16, QLatin1Char('0')).arg(i);
        if (c == 0xc2 && i + 1 < bytes.size() && uchar(bytes.at(i + 1)) >= 0x80 && uchar(bytes.at(i + 1)) <= 0x9f)
            return QStringLiteral("C1 control at %1").arg(i);
    }
    return {};
}

const QString kEvil = QStringLiteral("\x1b]0;pwned\x07\x1b[2J") + QChar(0x9b) + QStringLiteral("31m\x7f<b>x</b>");

}  // namespace

class TestSecrets : public QObject {
    Q_OBJECT
private Q_SLOTS:
    // --- a. redirects ------------------------------------------------------------------------

    void endpointRedirectToAnotherHostIsRefused_data()
    {
        QTest::addColumn<int>("status");
        QTest::addRow("307") << 307;
        QTest::addRow("302") << 302;
        QTest::addRow("308") << 308;
    }
    void endpointRedirectToAnotherHostIsRefused()
    {
        QFETCH(int, status);
        HttpStub endpoint, elsewhere;
        endpoint.on("/auth", HttpStub::redirect(elsewhere.base() + "/collect", status));
        elsewhere.on("/collect", HttpStub::json(R"({"auth":"key:0000"})"));
        LogStore log;
        Connection connection(&log, QStringLiteral("t"));
        EndpointAuthorizer authorizer(endpointAt(endpoint.base() + "/auth"), std::nullopt, QStringLiteral("key"), {});
        authorizer.setConnection(&connection);

        const auto result = authorize(authorizer);
        QVERIFY(!result.ok());
        QCOMPARE(result.error().id(), QStringLiteral("auth-redirect-refused"));
        const QString expected =
            QStringLiteral("the auth endpoint redirected to another host (http://127.0.0.1:%1); refused so that "
                           "your headers are not sent there")
                .arg(elsewhere.port());
        QVERIFY2(result.error().message.contains(expected), qPrintable(result.error().message));
        QCOMPARE(endpoint.requests.size(), 1);
        // A followed redirect would have reached the other host before the answer came back.
        QCOMPARE(elsewhere.requests.size(), 0);  // the other host never saw the headers
        QVERIFY(logText(log).contains("redirected to another host"));
    }

    void endpointRedirectOnTheSameOriginIsFollowedWithTheHeaders()
    {
        HttpStub endpoint;
        endpoint.on("/auth", HttpStub::redirect("/auth/v2", 307));
        endpoint.on("/auth/v2", HttpStub::json(R"({"auth":"key:0000"})"));
        EndpointAuthorizer authorizer(endpointAt(endpoint.base() + "/auth"), std::nullopt, QStringLiteral("key"), {});
        const auto result = authorize(authorizer);
        QVERIFY2(result.ok(), result.ok() ? "" : qPrintable(result.error().message));
        QCOMPARE(endpoint.requests.size(), 2);
        QCOMPARE(endpoint.requests.at(1).path, QByteArray("/auth/v2"));
        QCOMPARE(endpoint.requests.at(1).header("Authorization"), kToken);
    }

    void endpointRedirectToAnotherSchemeOrPortIsRefused()
    {
        HttpStub endpoint;
        // Same host, another scheme: https://127.0.0.1:<same port> is another origin.
        endpoint.on("/auth", HttpStub::redirect("https://127.0.0.1:" + QByteArray::number(endpoint.port()) + "/auth"));
        EndpointAuthorizer authorizer(endpointAt(endpoint.base() + "/auth"), std::nullopt, QStringLiteral("key"), {});
        const auto result = authorize(authorizer);
        QVERIFY(!result.ok());
        QCOMPARE(result.error().id(), QStringLiteral("auth-redirect-refused"));
        QCOMPARE(endpoint.requests.size(), 1);
    }

    void restRedirectIsNotFollowed()
    {
        HttpStub rest, elsewhere;
        rest.on("/apps/1/channels", HttpStub::redirect(elsewhere.base() + "/apps/1/channels", 307));
        elsewhere.on("/apps/1/channels", HttpStub::json(R"({"channels":{}})"));
        LogStore log;
        RestClient client(restCredentials(rest.port()), &log);
        std::optional<RestResponse> response;
        client.channels({}, {}, [&response](const RestResponse &r) { response = r; });
        QTRY_VERIFY_WITH_TIMEOUT(response.has_value(), kWait);
        QCOMPARE(response->status, 307);
        QVERIFY(!response->ok());
        // A followed redirect would have reached the other host before the answer came back.
        QCOMPARE(elsewhere.requests.size(), 0);  // the signed request never went there
    }

    // Answers are capped (an untrusted host cannot fill memory): one clear reason each.
    void oversizedAnswersAreRefused()
    {
        HttpStub endpoint;
        endpoint.on("/auth", HttpStub::json("{\"auth\":\"key:" + QByteArray(100 * 1024, 'a') + "\"}"));
        EndpointAuthorizer authorizer(endpointAt(endpoint.base() + "/auth"), std::nullopt, QStringLiteral("key"), {});
        const auto result = authorize(authorizer);
        QVERIFY(!result.ok());
        QCOMPARE(result.error().id(), QStringLiteral("auth-too-large"));
        QVERIFY2(result.error().message.contains(QStringLiteral("answered more than 64 KiB")),
                 qPrintable(result.error().message));

        HttpStub rest;
        rest.on("/apps/1/channels", HttpStub::json(QByteArray(RestClient::kMaxAnswerBytes + 1024, ' ') + "{}"));
        LogStore log;
        RestClient client(restCredentials(rest.port()), &log);
        std::optional<RestResponse> response;
        client.channels({}, {}, [&response](const RestResponse &r) { response = r; });
        QTRY_VERIFY_WITH_TIMEOUT(response.has_value(), kWait);
        QCOMPARE(response->status, 0);
        QVERIFY2(response->networkError.contains(QStringLiteral("larger than 8 MiB")),
                 qPrintable(response->networkError));
        QVERIFY(logText(log).contains("larger than 8 MiB"));
    }

    // --- b. endpoint URL and parameter values are secrets in the log -------------------------

    void endpointUrlAndParamValuesAreMaskedInTheLog()
    {
        HttpStub endpoint;
        endpoint.on("/auth", HttpStub::json(R"({"auth":"key:0000"})"));
        EndpointConfig config = endpointAt("http://ada:pw-url-5t6y@127.0.0.1:" + QByteArray::number(endpoint.port())
                                           + "/auth?sig=urlsig-3e4r5t6y&plain=1");
        config.params = {{QStringLiteral("team"), QStringLiteral("param-value-7u8i9o")}};
        LogStore log;
        Connection connection(&log, QStringLiteral("t"));
        EndpointAuthorizer authorizer(config, std::nullopt, QStringLiteral("key"), {});
        authorizer.setConnection(&connection);
        QVERIFY(authorize(authorizer).ok());
        // The endpoint got everything…
        QCOMPARE(endpoint.requests.size(), 1);
        QVERIFY(endpoint.requests.first().path.contains("urlsig-3e4r5t6y"));
        QVERIFY(endpoint.requests.first().body.contains("param-value-7u8i9o"));
        // …the log nothing of it.
        const QByteArray text = logText(log);
        QVERIFY(text.contains("/auth"));
        QVERIFY(text.contains("team="));
        for (const QByteArray secret :
             {"pw-url-5t6y", "urlsig-3e4r5t6y", "param-value-7u8i9o", "tok-redirect-8a7b6c5d", "cookie-1q2w3e4r"})
            QVERIFY2(!text.contains(secret), secret.constData());
    }

    void exportWithoutSecretsHoldsNoEndpointSecrets()
    {
        Profile p = Profile::create(QStringLiteral("ep"), ServerPreset::Soketi);
        p.credentials.key = QStringLiteral("k");
        p.auth.channelMode = AuthSettings::Mode::Endpoint;
        p.auth.channelEndpoint = endpointAt("https://ada:pw-exp-1a2b@auth.test/pusher/auth?token=qtok-exp-3c4d");
        p.auth.channelEndpoint.params = {{QStringLiteral("team"), QStringLiteral("param-exp-5e6f")}};
        const QByteArray exported = QJsonDocument(p.toJson(false)).toJson();
        QVERIFY(exported.contains("https://auth.test/pusher/auth"));
        QVERIFY(exported.contains("team"));
        for (const QByteArray secret : {"pw-exp-1a2b", "qtok-exp-3c4d", "param-exp-5e6f", "tok-redirect-8a7b6c5d"})
            QVERIFY2(!exported.contains(secret), secret.constData());
        // The secrets travel with the other secrets and come back whole.
        const Secrets secrets = p.secrets();
        QCOMPARE(secrets.channelUrl, p.auth.channelEndpoint.url.toString());
        QCOMPARE(secrets.channelParamValues, QStringList{QStringLiteral("param-exp-5e6f")});
        Secrets blob;
        blob.decodeHeaderValues(secrets.encodeHeaderValues());
        Profile back = Profile::fromJson(p.toJson(false)).value();
        back.setSecrets(Secrets{{},
                                {},
                                blob.channelHeaderValues,
                                blob.userHeaderValues,
                                blob.channelParamValues,
                                blob.userParamValues,
                                blob.channelUrl,
                                blob.userUrl});
        QCOMPARE(back.auth.channelEndpoint.url, p.auth.channelEndpoint.url);
        QCOMPARE(back.auth.channelEndpoint.params, p.auth.channelEndpoint.params);
        QCOMPARE(back.auth.channelEndpoint.headers, p.auth.channelEndpoint.headers);
    }

    void endpointSecretsLeftInSettingsByAnOlderVersionMoveToTheKeychain()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("old.ini"));
        const QString id = Profile::newId();
        {
            // As the previous version wrote a keychain profile: URL and parameter values in the file.
            QSettings old(path, QSettings::IniFormat);
            old.beginGroup(QStringLiteral("profiles/") + id);
            old.setValue(QStringLiteral("name"), QStringLiteral("old"));
            old.setValue(QStringLiteral("key"), QStringLiteral("k"));
            old.setValue(QStringLiteral("host"), QStringLiteral("127.0.0.1"));
            old.setValue(QStringLiteral("preset"), QStringLiteral("soketi"));
            old.setValue(QStringLiteral("secretPolicy"), QStringLiteral("keychain"));
            old.setValue(
                QStringLiteral("channelAuth"),
                QStringLiteral(
                    R"({"mode":"endpoint","url":"https://auth.test/auth?token=old-url-7h8j","method":"POST",)"
                    R"("params":[{"name":"team","value":"old-param-9k0l"}],"headers":[{"name":"Authorization"}]})"));
            old.endGroup();
        }
        MemorySecretStore keychain;
        keychain.preload(id, Secrets{QStringLiteral("old-app-secret"), {}, {"Bearer old-header-1z2x"}, {}});
        ProfileStore store(path, &keychain);
        QSignalSpy loaded(&store, &ProfileStore::profileLoaded);
        store.load();
        QTRY_VERIFY(store.secretsLoaded(id));
        const Profile p = store.profile(id).value();
        QCOMPARE(p.auth.channelEndpoint.url.toString(), QStringLiteral("https://auth.test/auth?token=old-url-7h8j"));
        QCOMPARE(p.auth.channelEndpoint.params.value(0).second, QStringLiteral("old-param-9k0l"));
        QCOMPARE(p.auth.channelEndpoint.headers.value(0).second, QByteArray("Bearer old-header-1z2x"));
        // Moved: in the keychain, out of the file.
        QTRY_VERIFY(keychain.stored(id).channelUrl.contains(QStringLiteral("old-url-7h8j")));
        QCOMPARE(keychain.stored(id).channelParamValues, QStringList{QStringLiteral("old-param-9k0l")});
        QCOMPARE(keychain.stored(id).appSecret, QStringLiteral("old-app-secret"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray bytes = file.readAll();
        QVERIFY(bytes.contains("auth.test/auth"));
        QVERIFY2(!bytes.contains("old-url-7h8j") && !bytes.contains("old-param-9k0l"), bytes.constData());
    }

    // --- c. 0600 -------------------------------------------------------------------------------

    void plainSettingsFileIsOwnerOnly()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("settings.ini"));
        {
            // A settings file that existed with wider rights gets narrowed when a secret lands in it.
            QFile existing(path);
            QVERIFY(existing.open(QIODevice::WriteOnly));
            QVERIFY(existing.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup
                                            | QFileDevice::ReadOther));
        }
        QCOMPARE(permissionsOf(path), 0644);
        MemorySecretStore keychain;
        ProfileStore store(path, &keychain);
        store.load();  // the sandbox profile: its demo secret goes into the file
        Profile p = Profile::create(QStringLiteral("plain"), ServerPreset::Soketi);
        p.credentials.key = QStringLiteral("k");
        p.credentials.secret = QStringLiteral("plain-secret-4r5t");
        p.secretPolicy = SecretPolicy::PlainSettings;
        bool saved = false;
        store.save(p, [&saved](const Status &) { saved = true; });
        QTRY_VERIFY(saved);
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY(f.readAll().contains("plain-secret-4r5t"));
        QCOMPARE(permissionsOf(path), 0600);

        // A fresh file is born 0600.
        const QString fresh = dir.filePath(QStringLiteral("fresh.ini"));
        ProfileStore second(fresh, &keychain);
        second.load();
        QVERIFY(QFileInfo::exists(fresh));
        QCOMPARE(permissionsOf(fresh), 0600);
    }

    void logExportsAreOwnerOnly_data()
    {
        QTest::addColumn<int>("format");
        QTest::addRow("ndjson") << int(ExportFormat::Ndjson);
        QTest::addRow("json") << int(ExportFormat::JsonArray);
    }
    void logExportsAreOwnerOnly()
    {
        QFETCH(int, format);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("export.out"));
        {
            QFile existing(path);  // overwriting a world-readable file narrows it too
            QVERIFY(existing.open(QIODevice::WriteOnly));
            QVERIFY(existing.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadOther));
        }
        LogStore log;
        log.append(LogEntry::local(EntryKind::State, QStringLiteral("c"), {}, QStringLiteral("hello")));
        log.flush();
        QList<quint64> seqs;
        for (qsizetype i = 0; i < log.size(); ++i)
            seqs << log.at(i).seq;
        LogExportJob job(&log, seqs, ExportFormat(format), path);
        std::vector<Result<qsizetype>> finished;  // Result has no default constructor: no QSignalSpy
        connect(&job, &LogExportJob::finished, &job,
                [&finished](const Result<qsizetype> &r) { finished.push_back(r); });
        job.start();
        QTRY_VERIFY_WITH_TIMEOUT(!finished.empty(), kWait);
        QVERIFY(finished.front().ok());
        QCOMPARE(permissionsOf(path), 0600);
    }

    // --- e. the CLI prints no control characters from server text -----------------------------

    void cliEscapesControlsInServerText()
    {
        FakePusherServer server([](QWebSocket *s) {
            cs::test::handshake(s);
            // An error frame and a close reason, both with an OSC title change, a screen clear,
            // an 8-bit CSI and DEL.
            cs::test::pusherError(s, 4001, kEvil);
            QTimer::singleShot(100, s, [s] { s->close(QWebSocketProtocol::CloseCode(4001), kEvil); });
        });
        QVERIFY(server.listen());
        const CliRun run =
            runCli(QStringList{QStringLiteral("listen"), QStringLiteral("orders")} + wsArgs(server.port(), false));
        QCOMPARE(run.exitCode, 3);
        QVERIFY2(firstControl(run.out).isEmpty(), qPrintable(firstControl(run.out) + QString::fromUtf8(run.out)));
        QVERIFY2(firstControl(run.err).isEmpty(), qPrintable(firstControl(run.err)));
        // The text is still there, as visible escapes; JSON lines stay JSON.
        QVERIFY2(run.err.contains("\\u001b]0;pwned\\u0007\\u001b[2J\\u009b31m\\u007f<b>x</b>"), run.err.constData());
        QVERIFY2(run.out.contains("\\u009b31m"), run.out.constData());
        for (const QByteArray &line : run.out.split('\n'))
            if (!line.isEmpty())
                QVERIFY2(QJsonDocument::fromJson(line).isObject(), line.constData());
        QCOMPARE(run.err.count('\n'), 1);  // one line
    }

    void cliEscapesControlsInRestAnswers()
    {
        HttpStub rest;
        rest.on("/apps/1/channels", HttpStub::json("{\"error\":\"\x1b[2Jdenied\x07\"}\n\x1b]0;pwned\x07", 401));
        const CliRun run = runCli({QStringLiteral("channels"), QStringLiteral("--app-id"), QStringLiteral("1"),
                                   QStringLiteral("--key"), QStringLiteral("key"), QStringLiteral("--secret"),
                                   QStringLiteral("s"), QStringLiteral("--host"), QStringLiteral("127.0.0.1"),
                                   QStringLiteral("--port"), QString::number(rest.port()), QStringLiteral("--no-tls")});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(firstControl(run.out).isEmpty(), qPrintable(firstControl(run.out)));
        QVERIFY2(firstControl(run.err).isEmpty(), qPrintable(firstControl(run.err)));
        QVERIFY2(run.out.contains("\\u001b[2Jdenied"), run.out.constData());
    }

    // --- f. certificate pinning -------------------------------------------------------------

    void cliPinsTheCertificate()
    {
        FakePusherServer server({.tls = true});
        QVERIFY(server.listen());
        const QStringList base = QStringList{QStringLiteral("listen"), QStringLiteral("orders"),
                                             QStringLiteral("--timeout"), QStringLiteral("2")}
                                 + wsArgs(server.port(), true);
        // Unpinned: refused, and the refusal names the fingerprint to pin.
        const CliRun refused = runCli(base);
        QCOMPARE(refused.exitCode, 3);
        QVERIFY2(refused.err.contains("presented certificate SHA256 " + servedSha256().toLatin1()),
                 refused.err.constData());
        QVERIFY2(refused.err.contains("--pin-sha256"), refused.err.constData());
        // Pinned (any spelling of the hex): connected until the timeout.
        const CliRun pinned =
            runCli(base + QStringList{QStringLiteral("--pin-sha256"), servedSha256().remove(u':').toLower()});
        QVERIFY2(pinned.exitCode == 0, pinned.err.constData());
        QVERIFY(pinned.out.contains("accepting the pinned certificate"));
        // Another pin: refused with both fingerprints.
        const QString other = QStringLiteral("00:").repeated(31) + QStringLiteral("00");
        const CliRun wrong = runCli(base + QStringList{QStringLiteral("--pin-sha256"), other});
        QCOMPARE(wrong.exitCode, 3);
        QVERIFY2(wrong.err.contains("expected SHA256 " + other.toLatin1() + ", presented SHA256 "
                                    + servedSha256().toLatin1()),
                 wrong.err.constData());
        // The old flag alone no longer accepts anything: a usage error that says what to do.
        const CliRun old = runCli(base + QStringList{QStringLiteral("--accept-self-signed")});
        QCOMPARE(old.exitCode, 2);
        QVERIFY2(old.err.contains("--pin-sha256"), old.err.constData());
        QCOMPARE(runCli(base + QStringList{QStringLiteral("--pin-sha256"), QStringLiteral("nothex")}).exitCode, 2);
    }

    void restPinsTheCertificate()
    {
        // The REST client under the same rule (tst_restsigning covers the rows in detail).
        // Any TLS listener: the TLS handshake is what matters.
        FakePusherServer server([](QWebSocket *) {}, {.tls = true});
        QVERIFY(server.listen());
        Credentials c = server.credentials(true);
        c.host = QStringLiteral("127.0.0.1");
        c.pinnedSha256 = QStringLiteral("11:").repeated(31) + QStringLiteral("11");
        LogStore log;
        RestClient client(c, &log);
        std::optional<RestResponse> response;
        client.channels({}, {}, [&response](const RestResponse &r) { response = r; });
        QTRY_VERIFY_WITH_TIMEOUT(response.has_value(), kWait);
        QCOMPARE(response->status, 0);
        QVERIFY2(response->networkError.contains(QStringLiteral("expected SHA256 ") + c.pinnedSha256)
                     && response->networkError.contains(QStringLiteral("presented SHA256 ") + servedSha256()),
                 qPrintable(response->networkError));
    }

    void pinParsing_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("valid");
        const QString hex = QStringLiteral("ab").repeated(32);
        QTest::addRow("plain hex") << hex << true;
        QTest::addRow("colons, upper") << QStringLiteral("AB:").repeated(31) + QStringLiteral("AB") << true;
        QTest::addRow("openssl form") << QStringLiteral("sha256 Fingerprint=") + QStringLiteral("AB:").repeated(31)
                                             + QStringLiteral("AB")
                                      << true;
        QTest::addRow("SHA256 prefix") << QStringLiteral("SHA256 ") + hex << true;
        QTest::addRow("too short") << hex.left(62) << false;
        QTest::addRow("not hex") << QStringLiteral("zz").repeated(32) << false;
        QTest::addRow("empty") << QString() << false;
    }
    void pinParsing()
    {
        QFETCH(QString, text);
        QFETCH(bool, valid);
        QCOMPARE(parseSha256(text).has_value(), valid);
    }

    void privateFilesAreOwnerOnly()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("profile.json"));
        QVERIFY(writePrivateFile(path, "{}").ok());
        QCOMPARE(permissionsOf(path), 0600);
    }
};

QTEST_GUILESS_MAIN(TestSecrets)
#include "tst_secrets.moc"
