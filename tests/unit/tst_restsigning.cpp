// RestClient against an in-process HTTP server that checks every request the way soketi does
// (docs/protocol.md, "REST request signing", "soketi"): it recomputes body_md5 from the received bytes and the
// signature from the received method, path and percent-decoded query, with its own MD5/HMAC,
// independent of core/signer. Also: node's exact trigger bodies ("Node library vectors"), the docs' D4 vector,
// error surfacing, validation without a request, TLS opt-in, and what goes into the log.

#include "logstore.h"
#include "restclient.h"
#include "testcerts.h"

#include <QCryptographicHash>
#include <QMessageAuthenticationCode>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslServer>
#include <QSslSocket>
#include <QTcpServer>
#include <QTcpSocket>
#include <QtTest>

#include <memory>
#include <optional>

using namespace cs;

Q_DECLARE_METATYPE(cs::TriggerRequest)

namespace {

// JSON fixtures are written with ' for " (sq = single quotes): moc (6.4) mis-tokenizes \" inside
// raw string literals and then misses the test class.
QByteArray sq(const char *text) { return QByteArray(text).replace('\'', '"'); }

const QString kAppId = QStringLiteral("1");
const QString kKey = QStringLiteral("test-key");
const QString kSecret = QStringLiteral("s3cr3t-never-logged");
constexpr qint64 kFixedTime = 1700000000;

using ByteParams = QList<QPair<QByteArray, QByteArray>>;

// --- The fake server --------------------------------------------------------------------------

struct ReceivedRequest {
    QByteArray method;
    QByteArray path;                        // as on the wire
    QByteArray query;                       // as on the wire
    QHash<QByteArray, QByteArray> headers;  // lower-case names
    QByteArray body;
};

struct CannedReply {
    int status = 200;
    QByteArray reason = "OK";
    QByteArray contentType = "application/json";
    QByteArray body = R"({"ok":true})";
    bool silent = false;  // never answer (timeouts)
};

// One request per connection: parses the request line, headers and a Content-Length body.
std::optional<ReceivedRequest> takeRequest(QByteArray &buffer)
{
    const qsizetype headerEnd = buffer.indexOf("\r\n\r\n");
    if (headerEnd < 0)
        return std::nullopt;
    QList<QByteArray> lines = buffer.left(headerEnd).split('\n');
    for (QByteArray &line : lines)
        line = line.trimmed();
    const QList<QByteArray> requestLine = lines.takeFirst().split(' ');
    if (requestLine.size() != 3)
        return std::nullopt;

    ReceivedRequest request;
    request.method = requestLine[0];
    const QByteArray target = requestLine[1];
    const qsizetype question = target.indexOf('?');
    request.path = question < 0 ? target : target.left(question);
    request.query = question < 0 ? QByteArray() : target.mid(question + 1);
    for (const QByteArray &line : std::as_const(lines)) {
        const qsizetype colon = line.indexOf(':');
        if (colon > 0)
            request.headers.insert(line.left(colon).trimmed().toLower(), line.mid(colon + 1).trimmed());
    }
    const qsizetype length = request.headers.value("content-length", "0").toLongLong();
    if (buffer.size() < headerEnd + 4 + length)
        return std::nullopt;
    request.body = buffer.mid(headerEnd + 4, length);
    buffer.remove(0, headerEnd + 4 + length);
    return request;
}

class FakeRestServer : public QObject {
public:
    explicit FakeRestServer(std::unique_ptr<QTcpServer> server = std::make_unique<QTcpServer>())
        : m_server(std::move(server))
    {
        m_server->setParent(nullptr);
        connect(m_server.get(), &QTcpServer::newConnection, this, &FakeRestServer::acceptAll);
        // QSslServer announces connections once encrypted, through this signal only.
        connect(m_server.get(), &QTcpServer::pendingConnectionAvailable, this, &FakeRestServer::acceptAll);
        m_listening = m_server->listen(QHostAddress::LocalHost, 0);
    }

    bool isListening() const { return m_listening; }
    quint16 port() const { return m_server->serverPort(); }
    void setReply(const CannedReply &reply) { m_reply = reply; }

    QList<ReceivedRequest> requests;
    int closedConnections = 0;  // connections the client side closed or aborted

private:
    void acceptAll()
    {
        while (QTcpSocket *socket = m_server->nextPendingConnection()) {
            socket->setParent(this);
            connect(socket, &QTcpSocket::disconnected, this, [this] { ++closedConnections; });
            auto buffer = std::make_shared<QByteArray>();
            connect(socket, &QTcpSocket::readyRead, this, [this, socket, buffer] {
                buffer->append(socket->readAll());
                if (auto request = takeRequest(*buffer))
                    answer(socket, *request);
            });
        }
    }

    void answer(QTcpSocket *socket, const ReceivedRequest &request)
    {
        requests << request;
        if (m_reply.silent)
            return;
        socket->write("HTTP/1.1 " + QByteArray::number(m_reply.status) + ' ' + m_reply.reason
                      + "\r\n"
                        "Content-Type: "
                      + m_reply.contentType
                      + "\r\n"
                        "Content-Length: "
                      + QByteArray::number(m_reply.body.size())
                      + "\r\n"
                        "Connection: close\r\n\r\n"
                      + m_reply.body);
        socket->disconnectFromHost();
    }

    std::unique_ptr<QTcpServer> m_server;
    CannedReply m_reply;
    bool m_listening = false;
};

// --- Independent signature check (what soketi does) -----------------------------------------

QByteArray decodeQueryPart(QByteArray part)
{
    part.replace('+', ' ');  // node's querystring reads '+' as a space: the client must encode it
    return QByteArray::fromPercentEncoding(part);
}

ByteParams decodeQuery(const QByteArray &query)
{
    ByteParams params;
    if (query.isEmpty())
        return params;
    for (const QByteArray &pair : query.split('&')) {
        const qsizetype eq = pair.indexOf('=');
        params.append({decodeQueryPart(eq < 0 ? pair : pair.left(eq)),
                       decodeQueryPart(eq < 0 ? QByteArray() : pair.mid(eq + 1))});
    }
    return params;
}

QByteArray valueOf(const ByteParams &params, const QByteArray &key)
{
    for (const auto &[k, v] : params) {
        if (k == key)
            return v;
    }
    return {};
}

bool hasKey(const ByteParams &params, const QByteArray &key)
{
    return std::any_of(params.begin(), params.end(), [&key](const auto &p) { return p.first == key; });
}

// Empty when the request is correctly signed for `secret`, else what is wrong.
QString signatureProblem(const ReceivedRequest &request, const QByteArray &secret)
{
    ByteParams params = decodeQuery(request.query);
    const QByteArray received = valueOf(params, "auth_signature");
    params.removeIf([](const auto &p) { return p.first == "auth_signature"; });
    if (!request.body.isEmpty() || hasKey(params, "body_md5")) {
        const QByteArray md5 = QCryptographicHash::hash(request.body, QCryptographicHash::Md5).toHex();
        if (valueOf(params, "body_md5") != md5)
            return QStringLiteral("body_md5 %1, MD5 of the received body %2")
                .arg(QString::fromLatin1(valueOf(params, "body_md5")), QString::fromLatin1(md5));
    }
    for (auto &param : params)
        param.first = param.first.toLower();
    std::sort(params.begin(), params.end());
    QByteArrayList pairs;
    for (const auto &[k, v] : std::as_const(params))
        pairs << k + '=' + v;
    const QByteArray stringToSign = request.method + '\n' + request.path + '\n' + pairs.join('&');
    const QByteArray expected =
        QMessageAuthenticationCode::hash(stringToSign, secret, QCryptographicHash::Sha256).toHex();
    if (received != expected)
        return QStringLiteral("auth_signature %1, expected %2 over %3")
            .arg(QString::fromLatin1(received), QString::fromLatin1(expected), QString::fromUtf8(stringToSign));
    return {};
}

// The caller's params: everything the signer did not add.
ByteParams callerParams(const QByteArray &query)
{
    ByteParams params = decodeQuery(query);
    params.removeIf([](const auto &p) { return p.first.startsWith("auth_") || p.first == "body_md5"; });
    std::sort(params.begin(), params.end());
    return params;
}

// --- Signing cases ------------------------------------------------------------------------------

using Call = std::function<void(RestClient &, const RestClient::Callback &)>;

struct SigningCase {
    const char *name;
    Call call;
    QByteArray method;
    QByteArray subPath;            // wire path after /apps/<id>
    QByteArray body;               // exact bytes; empty for GET
    ByteParams params;             // decoded caller params
    QByteArray rawQueryPart = {};  // must appear verbatim in the raw query
};

TriggerRequest triggerOf(QStringList channels, QString event, QString data, QString socketId = {},
                         QStringList info = {})
{
    return TriggerRequest{std::move(channels), std::move(event), std::move(data), std::move(socketId), std::move(info)};
}

Call triggerCall(const TriggerRequest &request)
{
    return [request](RestClient &c, const RestClient::Callback &cb) { c.trigger(request, cb); };
}

const QList<SigningCase> &signingCases()
{
    static const QList<SigningCase> cases{
        {"trigger, one channel",
         triggerCall(triggerOf({QStringLiteral("my-channel")}, QStringLiteral("my_event"),
                               QStringLiteral(R"({"some":"data"})"))),
         "POST",
         "/events",
         sq(R"({'name':'my_event','data':'{\'some\':\'data\'}','channels':['my-channel']})"),
         {}},
        {"trigger, several channels",
         triggerCall(
             triggerOf({QStringLiteral("one"), QStringLiteral("private-two"), QStringLiteral("presence-x;y@z,w=v")},
                       QStringLiteral("e"), QStringLiteral("d"))),
         "POST",
         "/events",
         R"({"name":"e","data":"d","channels":["one","private-two","presence-x;y@z,w=v"]})",
         {}},
        {"trigger, socket_id exclusion",
         triggerCall(
             triggerOf({QStringLiteral("one")}, QStringLiteral("e"), QStringLiteral("d"), QStringLiteral("123.456"))),
         "POST",
         "/events",
         R"({"name":"e","data":"d","channels":["one"],"socket_id":"123.456"})",
         {}},
        {"trigger, info",
         triggerCall(triggerOf({QStringLiteral("presence-one")}, QStringLiteral("e"), QStringLiteral("d"), {},
                               {QStringLiteral("user_count"), QStringLiteral("subscription_count")})),
         "POST",
         "/events",
         R"({"name":"e","data":"d","channels":["presence-one"],"info":"user_count,subscription_count"})",
         {}},
        {"trigger, unicode data",
         triggerCall(triggerOf({QStringLiteral("one")}, QStringLiteral("e"), QString::fromUtf8("ą§¶™€łü€ß£ 日本 😀"))),
         "POST",
         "/events",
         "{\"name\":\"e\",\"data\":\"ą§¶™€łü€ß£ 日本 😀\",\"channels\":[\"one\"]}",
         {}},
        {"trigger, quotes newlines backslashes",
         triggerCall(triggerOf({QStringLiteral("one")}, QStringLiteral("e"),
                               QStringLiteral("say \"hi\"\n\tC:\\dir\\ \x01 </b> 'q'"))),
         "POST",
         "/events",
         "{\"name\":\"e\",\"data\":\"say \\\"hi\\\"\\n\\tC:\\\\dir\\\\ \\u0001 </b> 'q'\",\"channels\":[\"one\"]}",
         {}},
        {"trigger, server-to-user channel",
         triggerCall(triggerOf({QStringLiteral("#server-to-user-42")}, QStringLiteral("e"), QStringLiteral("d"))),
         "POST",
         "/events",
         R"({"name":"e","data":"d","channels":["#server-to-user-42"]})",
         {}},
        {"batch",
         [](RestClient &c, const RestClient::Callback &cb) {
             c.batch({{QStringLiteral("integration"), QStringLiteral("event"), QStringLiteral("test"), {}, {}},
                      {QStringLiteral("private-b"),
                       QStringLiteral("event2"),
                       QStringLiteral("x\"y"),
                       QStringLiteral("123.456"),
                       {QStringLiteral("user_count")}}},
                     cb);
         },
         "POST",
         "/batch_events",
         QByteArray(R"({"batch":[{"channel":"integration","name":"event","data":"test"},)")
             + sq(
                 R"({'channel':'private-b','name':'event2','data':'x\'y','socket_id':'123.456','info':'user_count'}]})"),
         {}},
        {"channels, prefix and info",
         [](RestClient &c, const RestClient::Callback &cb) {
             c.channels(QStringLiteral("presence-"),
                        {QStringLiteral("user_count"), QStringLiteral("subscription_count")}, cb);
         },
         "GET",
         "/channels",
         {},
         {{"filter_by_prefix", "presence-"}, {"info", "user_count,subscription_count"}},
         "info=user_count,subscription_count"},
        {"channel with info",
         [](RestClient &c, const RestClient::Callback &cb) {
             c.channel(QStringLiteral("presence-room;1@x"), {QStringLiteral("user_count")}, cb);
         },
         "GET",
         "/channels/presence-room;1@x",
         {},
         {{"info", "user_count"}}},
        {"users",
         [](RestClient &c, const RestClient::Callback &cb) { c.users(QStringLiteral("presence-room"), cb); },
         "GET",
         "/channels/presence-room/users",
         {},
         {}},
        {"terminate user connections",
         [](RestClient &c, const RestClient::Callback &cb) {
             c.terminateUserConnections(QStringLiteral("user-7"), cb);
         },
         "POST",
         "/users/user-7/terminate_connections",
         "{}",
         {}},
        {"terminate, user id needing encoding",
         [](RestClient &c, const RestClient::Callback &cb) {
             c.terminateUserConnections(QStringLiteral("user 1@x"), cb);
         },
         "POST",
         "/users/user%201@x/terminate_connections",
         "{}",
         {}},
        {"send, params needing encoding",
         [](RestClient &c, const RestClient::Callback &cb) {
             c.send("GET", QStringLiteral("/channels"),
                    {{QStringLiteral("filter_by_prefix"), QString::fromUtf8("a+b&c=d;e f%/:,€#")}}, {}, cb);
         },
         "GET",
         "/channels",
         {},
         {{"filter_by_prefix", "a+b&c=d;e f%/:,€#"}}},
    };
    return cases;
}

Credentials localCredentials(quint16 port, const QString &prefix = {})
{
    Credentials c;
    c.appId = kAppId;
    c.key = kKey;
    c.secret = kSecret;
    c.host = QStringLiteral("127.0.0.1");
    c.port = port;
    c.tls = false;
    c.pathPrefix = prefix;
    return c;
}

// --- TLS material: self-signed EC certificates valid 2020-2120 ---------------------------------

// SAN IP:127.0.0.1, DNS:localhost
const char *const kGoodCert = cs::test::kLocalhostCert;
const char *const kGoodKey = cs::test::kLocalhostKey;
// SAN DNS:wrong.example only: the name check must fail for 127.0.0.1.
const char kWrongNameCert[] = R"(-----BEGIN CERTIFICATE-----
MIIBdTCCARugAwIBAgIUYsVFX4NMKOUSjeG5InzUg36C610wCgYIKoZIzj0EAwIw
IjEgMB4GA1UEAwwXY2hhbm5lbHNjb3BlLXRlc3Qtd3JvbmcwIBcNMjAwMTAxMDAw
MDAwWhgPMjEyMDAxMDEwMDAwMDBaMCIxIDAeBgNVBAMMF2NoYW5uZWxzY29wZS10
ZXN0LXdyb25nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEIuqgIQ3D/HH54p2Y
Ga8FxnnLS+Fkoq4if6YlD0j0RLQSRxyjQCa5HFSrxcv0NxbSW6068anNI7HTXEYH
8QaGrqMtMCswGAYDVR0RBBEwD4INd3JvbmcuZXhhbXBsZTAPBgNVHRMBAf8EBTAD
AQH/MAoGCCqGSM49BAMCA0gAMEUCIFuFU8GJvOAN7XJJNM5wIF7FgsQgFFI8mRFI
JfLnR2rgAiEAyI4q46/lhKtV2NwBeRb5SIPitg0B1p3jhavbVrd9Sqw=
-----END CERTIFICATE-----
)";
const char kWrongNameKey[] = R"(-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQggVKMZMsnbzNNNs3w
d7wGcLGI20nwr3WLdh81nWOiTUahRANCAAQi6qAhDcP8cfninZgZrwXGectL4WSi
riJ/piUPSPREtBJHHKNAJrkcVKvFy/Q3FtJbrTrxqc0jsdNcRgfxBoau
-----END PRIVATE KEY-----
)";

std::unique_ptr<QTcpServer> tlsServer(const char *certPem, const char *keyPem)
{
    auto server = std::make_unique<QSslServer>();
    QSslConfiguration config = QSslConfiguration::defaultConfiguration();
    config.setLocalCertificate(QSslCertificate(QByteArray(certPem), QSsl::Pem));
    config.setPrivateKey(QSslKey(QByteArray(keyPem), QSsl::Ec, QSsl::Pem));
    config.setPeerVerifyMode(QSslSocket::VerifyNone);
    server->setSslConfiguration(config);
    return server;
}

}  // namespace

class TestRestSigning : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void signedRequests_data();
    void signedRequests();
    void nodeBodyVectors_data();
    void nodeBodyVectors();
    void batchBodyVector();
    void docsVectorD4();
    void derivedGetVector();

    void http401WithJsonBody();
    void http500WithTextBody();
    void longErrorBodyIsTrimmed();
    void connectionRefused();
    void timeout();
    void validationFailures_data();
    void validationFailures();
    void largeDataIsOnlyAWarning();
    void logEntriesForRequestAndAnswer();
    void noCallbackAfterDestruction();
    void tls_data();
    void tls();

private:
    std::optional<RestResponse> run(RestClient &client, const Call &call, int timeoutMs = 10000);

    std::unique_ptr<LogStore> m_log;
};

void TestRestSigning::init() { m_log = std::make_unique<LogStore>(); }

// Whatever a test did, the secret must appear in no log entry.
void TestRestSigning::cleanup()
{
    m_log->flush();
    for (qsizetype row = 0; row < m_log->size(); ++row) {
        const LogEntry entry = m_log->at(row);
        QVERIFY2(!entry.raw.contains(kSecret.toUtf8()), entry.raw.constData());
        QVERIFY2(!entry.message.contains(kSecret), qPrintable(entry.message));
    }
    m_log.reset();
}

std::optional<RestResponse> TestRestSigning::run(RestClient &client, const Call &call, int timeoutMs)
{
    std::optional<RestResponse> response;
    call(client, [&response](const RestResponse &r) { response = r; });
    if (!QTest::qWaitFor([&response] { return response.has_value(); }, timeoutMs))
        return std::nullopt;
    return response;
}

void TestRestSigning::signedRequests_data()
{
    QTest::addColumn<int>("index");
    QTest::addColumn<QString>("prefix");
    for (qsizetype i = 0; i < signingCases().size(); ++i) {
        const char *name = signingCases().at(i).name;
        QTest::newRow(name) << int(i) << QString();
        QTest::addRow("%s, path prefix", name) << int(i) << QStringLiteral("/pfx/v1");
    }
}

void TestRestSigning::signedRequests()
{
    QFETCH(int, index);
    QFETCH(QString, prefix);
    const SigningCase &c = signingCases().at(index);

    FakeRestServer server;
    QVERIFY(server.isListening());
    RestClient client(localCredentials(server.port(), prefix), m_log.get(), QStringLiteral("test"));
    client.setClock([] { return kFixedTime; });

    const auto response = run(client, c.call);
    QVERIFY(response);
    QVERIFY2(response->ok(), qPrintable(response->errorMessage()));
    QCOMPARE(response->status, 200);
    QCOMPARE(response->json.toObject().value(QStringLiteral("ok")).toBool(), true);

    QCOMPARE(server.requests.size(), 1);
    const ReceivedRequest &r = server.requests.first();
    QCOMPARE(r.method, c.method);
    QCOMPARE(r.path, prefix.toUtf8() + "/apps/" + kAppId.toUtf8() + c.subPath);
    QCOMPARE(response->path, QString::fromUtf8(r.path));
    const QString problem = signatureProblem(r, kSecret.toUtf8());
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    // The check is not vacuous: another secret or one changed body byte fails it.
    QVERIFY(!signatureProblem(r, "another-secret").isEmpty());
    if (!r.body.isEmpty()) {
        ReceivedRequest tampered = r;
        tampered.body[0] = ' ';
        QVERIFY(signatureProblem(tampered, kSecret.toUtf8()).contains(QStringLiteral("body_md5")));
    }

    QCOMPARE(r.body, c.body);
    QCOMPARE(callerParams(r.query), [&] {
        ByteParams p = c.params;
        std::sort(p.begin(), p.end());
        return p;
    }());
    const ByteParams all = decodeQuery(r.query);
    QCOMPARE(valueOf(all, "auth_key"), kKey.toUtf8());
    QCOMPARE(valueOf(all, "auth_version"), QByteArray("1.0"));
    QCOMPARE(valueOf(all, "auth_timestamp"), QByteArray::number(kFixedTime));
    QCOMPARE(hasKey(all, "body_md5"), !c.body.isEmpty());
    if (!c.rawQueryPart.isEmpty())
        QVERIFY2(r.query.contains(c.rawQueryPart), r.query.constData());

    QCOMPARE(r.headers.value("content-type"), QByteArray("application/json"));
    QCOMPARE(r.headers.value("x-pusher-library"), QByteArray("channelscope " CS_VERSION_STRING));
}

void TestRestSigning::nodeBodyVectors_data()
{
    QTest::addColumn<TriggerRequest>("request");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("md5");

    // pusher-http-node tests/integration/pusher/trigger.js (docs/protocol.md, "Node library vectors")
    QTest::newRow("one channel") << triggerOf({QStringLiteral("one")}, QStringLiteral("my_event"),
                                              QStringLiteral(R"({"some":"data "})"))
                                 << QByteArray(
                                        sq(R"({'name':'my_event','data':'{\'some\':\'data \'}','channels':['one']})"))
                                 << QByteArray("e95168baf497b2e54b2c6cadd41a6a3f");
    QTest::newRow("three channels")
        << triggerOf({QStringLiteral("one"), QStringLiteral("two"), QStringLiteral("three")},
                     QStringLiteral("my_event"), QStringLiteral(R"({"some":"data "})"))
        << QByteArray(sq(R"({'name':'my_event','data':'{\'some\':\'data \'}','channels':['one','two','three']})"))
        << QByteArray("530dac0aa045e5f8e51c470aed0ce325");
    QTest::newRow("array data") << triggerOf({QStringLiteral("one")}, QStringLiteral("my_event"),
                                             QStringLiteral("[1,2,4]"))
                                << QByteArray(R"({"name":"my_event","data":"[1,2,4]","channels":["one"]})")
                                << QByteArray("18e64b2fed38726915d79ebb4f8feb5b");
    QTest::newRow("string data") << triggerOf({QStringLiteral("test")}, QStringLiteral("test_event"),
                                              QStringLiteral("test string"))
                                 << QByteArray(R"({"name":"test_event","data":"test string","channels":["test"]})")
                                 << QByteArray("f358a562d00e1bfe1859132d932cd706");
    QTest::newRow("socket_id and info")
        << triggerOf({QStringLiteral("test_channel")}, QStringLiteral("my_event"),
                     QStringLiteral(R"({"some":"data "})"), QStringLiteral("123.567"),
                     {QStringLiteral("user_count"), QStringLiteral("subscription_count")})
        << sq(R"({'name':'my_event','data':'{\'some\':\'data \'}','channels':['test_channel'],)"
              R"('socket_id':'123.567','info':'user_count,subscription_count'})")
        << QByteArray("2e4f053f1c325dedbe21abd8f1852b53");
}

void TestRestSigning::nodeBodyVectors()
{
    QFETCH(TriggerRequest, request);
    QFETCH(QByteArray, body);
    QVERIFY(RestClient::validate(request).ok());
    const QByteArray produced = RestClient::triggerBody(request);
    QCOMPARE(produced, body);
    QTEST(QCryptographicHash::hash(produced, QCryptographicHash::Md5).toHex(), "md5");
}

void TestRestSigning::batchBodyVector()
{
    const QByteArray body = RestClient::batchBody(
        {{QStringLiteral("integration"), QStringLiteral("event"), QStringLiteral("test"), {}, {}},
         {QStringLiteral("integration2"), QStringLiteral("event2"), QStringLiteral("test2"), {}, {}}});
    QCOMPARE(body, QByteArray(R"({"batch":[{"channel":"integration","name":"event","data":"test"},)"
                              R"({"channel":"integration2","name":"event2","data":"test2"}]})"));
    QCOMPARE(QCryptographicHash::hash(body, QCryptographicHash::Md5).toHex(),
             QByteArray("fd5ab5fd40237f27555c4d2564470fdd"));
    QCOMPARE(QCryptographicHash::hash("{}", QCryptographicHash::Md5).toHex(),
             QByteArray("99914b932bd37a50b983c5e7c90ae93b"));  // terminate_connections
}

// The docs' worked example (docs/protocol.md, "Documentation vectors", D4). Its member order
// (name, channels, data) is not triggerBody's, so the body goes through send() as is.
void TestRestSigning::docsVectorD4()
{
    FakeRestServer server;
    QVERIFY(server.isListening());
    Credentials credentials = localCredentials(server.port());
    credentials.appId = QStringLiteral("3");
    credentials.key = QStringLiteral("278d425bdf160c739803");
    credentials.secret = QStringLiteral("7ad3773142a6692b25b8");
    RestClient client(credentials, nullptr);
    client.setClock([] { return qint64(1353088179); });

    const QByteArray body = sq(R"({'name':'foo','channels':['project-3'],'data':'{\'some\':\'data\'}'})");
    const auto response = run(client, [&body](RestClient &c, const RestClient::Callback &cb) {
        c.send("POST", QStringLiteral("/events"), {}, body, cb);
    });
    QVERIFY(response && response->ok());
    QCOMPARE(server.requests.size(), 1);
    const ReceivedRequest &r = server.requests.first();
    QCOMPARE(r.path, QByteArray("/apps/3/events"));
    QCOMPARE(r.body, body);
    const ByteParams params = decodeQuery(r.query);
    QCOMPARE(valueOf(params, "body_md5"), QByteArray("ec365a775a4cd0599faeb73354201b6f"));
    QCOMPARE(valueOf(params, "auth_signature"),
             QByteArray("da454824c97ba181a32ccc17a72625ba02771f50b50e1e7430e47a1f3f457e6c"));
    QVERIFY(signatureProblem(r, "7ad3773142a6692b25b8").isEmpty());
}

// The derived GET (docs/protocol.md, "Documentation vectors"): a GET without a body has no body_md5.
void TestRestSigning::derivedGetVector()
{
    FakeRestServer server;
    QVERIFY(server.isListening());
    Credentials credentials = localCredentials(server.port());
    credentials.appId = QStringLiteral("3");
    credentials.key = QStringLiteral("278d425bdf160c739803");
    credentials.secret = QStringLiteral("7ad3773142a6692b25b8");
    RestClient client(credentials, nullptr);
    client.setClock([] { return qint64(1353088179); });

    const auto response = run(client, [](RestClient &c, const RestClient::Callback &cb) {
        c.channels(QStringLiteral("presence-"), {QStringLiteral("user_count")}, cb);
    });
    QVERIFY(response && response->ok());
    const ByteParams params = decodeQuery(server.requests.first().query);
    QVERIFY(!hasKey(params, "body_md5"));
    QCOMPARE(valueOf(params, "auth_signature"),
             QByteArray("16819168891cb5dfd72b5c7a5d3d602605b26c6ba1930033b5e2eeeb65010291"));
}

void TestRestSigning::http401WithJsonBody()
{
    FakeRestServer server;
    server.setReply(
        {401, "Unauthorized", "application/json", R"({"error":"The secret authentication failed","code":401})", false});
    RestClient client(localCredentials(server.port()), m_log.get());
    const auto response =
        run(client, triggerCall(triggerOf({QStringLiteral("one")}, QStringLiteral("e"), QStringLiteral("d"))));
    QVERIFY(response);
    QCOMPARE(response->status, 401);
    QVERIFY(!response->ok());
    QVERIFY(response->networkError.isEmpty());
    QCOMPARE(response->json.toObject().value(QStringLiteral("code")).toInt(), 401);
    QCOMPARE(response->errorMessage(), QStringLiteral("HTTP 401: The secret authentication failed"));

    m_log->flush();
    QCOMPARE(m_log->size(), 2);
    QCOMPARE(m_log->at(1).message, QStringLiteral("HTTP 401: The secret authentication failed"));
}

void TestRestSigning::http500WithTextBody()
{
    FakeRestServer server;
    server.setReply({500, "Internal Server Error", "text/plain", "Internal Server Error\n", false});
    RestClient client(localCredentials(server.port()), m_log.get());
    const auto response =
        run(client, [](RestClient &c, const RestClient::Callback &cb) { c.users(QStringLiteral("presence-x"), cb); });
    QVERIFY(response);
    QCOMPARE(response->status, 500);
    QVERIFY(response->json.isUndefined());
    QCOMPARE(response->body, QByteArray("Internal Server Error\n"));
    QCOMPARE(response->errorMessage(), QStringLiteral("HTTP 500: Internal Server Error"));
}

void TestRestSigning::longErrorBodyIsTrimmed()
{
    FakeRestServer server;
    server.setReply({502, "Bad Gateway", "text/html", QByteArray(1000, 'x'), false});
    RestClient client(localCredentials(server.port()), nullptr);
    const auto response = run(client, [](RestClient &c, const RestClient::Callback &cb) { c.channels({}, {}, cb); });
    QVERIFY(response);
    QCOMPARE(response->errorMessage(), QStringLiteral("HTTP 502: ") + QString(200, u'x') + QStringLiteral("…"));
}

void TestRestSigning::connectionRefused()
{
    quint16 closedPort = 0;
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        closedPort = probe.serverPort();
    }
    RestClient client(localCredentials(closedPort), m_log.get());
    const auto response =
        run(client, triggerCall(triggerOf({QStringLiteral("one")}, QStringLiteral("e"), QStringLiteral("d"))));
    QVERIFY(response);
    QCOMPARE(response->status, 0);
    const QString expected = QStringLiteral("connection refused (127.0.0.1:%1)").arg(closedPort);
    QCOMPARE(response->networkError, expected);
    QCOMPARE(response->errorMessage(), expected);

    m_log->flush();
    QCOMPARE(m_log->size(), 2);
    QCOMPARE(m_log->at(1).message, expected);
    QCOMPARE(m_log->at(1).direction, Direction::In);
}

void TestRestSigning::timeout()
{
    FakeRestServer server;
    CannedReply silent;
    silent.silent = true;
    server.setReply(silent);
    RestClient client(localCredentials(server.port()), m_log.get());
    client.setTimeoutMs(300);
    const auto response =
        run(client, triggerCall(triggerOf({QStringLiteral("one")}, QStringLiteral("e"), QStringLiteral("d"))));
    QVERIFY(response);
    QCOMPARE(server.requests.size(), 1);
    QCOMPARE(response->status, 0);
    QCOMPARE(response->networkError, QStringLiteral("timeout after 300 ms (127.0.0.1:%1)").arg(server.port()));
    QVERIFY(response->durationMs >= 250);
}

void TestRestSigning::validationFailures_data()
{
    QTest::addColumn<int>("kind");  // 0 trigger, 1 batch, 2 terminate, 3 channel, 4 trigger without secret
    QTest::addColumn<TriggerRequest>("request");
    QTest::addColumn<int>("batchSize");
    QTest::addColumn<QString>("messagePart");

    QStringList many;
    for (int i = 0; i < 101; ++i)
        many << QStringLiteral("c%1").arg(i);

    QTest::newRow("no channel") << 0 << triggerOf({}, QStringLiteral("e"), QStringLiteral("d")) << 0
                                << QStringLiteral("at least one channel");
    QTest::newRow("101 channels") << 0 << triggerOf(many, QStringLiteral("e"), QStringLiteral("d")) << 0
                                  << QStringLiteral("at most 100 channels, not 101");
    QTest::newRow("bad channel name") << 0
                                      << triggerOf({QStringLiteral("ok"), QStringLiteral("bad channel!")},
                                                   QStringLiteral("e"), QStringLiteral("d"))
                                      << 0 << QStringLiteral("\"bad channel!\": Channel name has invalid character");
    QTest::newRow("reserved # channel")
        << 0 << triggerOf({QStringLiteral("#internal")}, QStringLiteral("e"), QStringLiteral("d")) << 0
        << QStringLiteral("\"#internal\": Channel names starting with '#' are reserved");
    QTest::newRow("encrypted with another") << 0
                                            << triggerOf({QStringLiteral("private-encrypted-a"), QStringLiteral("b")},
                                                         QStringLiteral("e"), QStringLiteral("d"))
                                            << 0 << "must be triggered alone";
    QTest::newRow("empty event name") << 0
                                      << triggerOf({QStringLiteral("one")}, QStringLiteral(""), QStringLiteral("d"))
                                      << 0 << QStringLiteral("Event name");
    QTest::newRow("bad socket id") << 0
                                   << triggerOf({QStringLiteral("one")}, QStringLiteral("e"), QStringLiteral("d"),
                                                QStringLiteral("1.1:x"))
                                   << 0 << QStringLiteral("Socket id");
    QTest::newRow("empty batch") << 1 << TriggerRequest() << 0 << "at least one event";
    QTest::newRow("11 batch events") << 1 << TriggerRequest() << 11 << "at most 10 events, not 11";
    QTest::newRow("empty user id") << 2 << TriggerRequest() << 0 << "user id is empty";
    QTest::newRow("user id with slash") << 2 << TriggerRequest() << 0 << "must not contain '/'";
    QTest::newRow("bad channel query") << 3 << TriggerRequest() << 0 << "\"a b\": Channel name";
    QTest::newRow("no secret") << 4 << triggerOf({QStringLiteral("one")}, QStringLiteral("e"), QStringLiteral("d")) << 0
                               << QStringLiteral("The app secret is missing.");
}

void TestRestSigning::validationFailures()
{
    QFETCH(int, kind);
    QFETCH(TriggerRequest, request);
    QFETCH(int, batchSize);
    QFETCH(QString, messagePart);

    FakeRestServer server;
    Credentials credentials = localCredentials(server.port());
    if (kind == 4)
        credentials.secret.clear();
    RestClient client(credentials, m_log.get());
    bool called = false;
    std::optional<RestResponse> response;
    const RestClient::Callback callback = [&](const RestResponse &r) {
        called = true;
        response = r;
    };
    switch (kind) {
    case 0:
    case 4: client.trigger(request, callback); break;
    case 1:
        client.batch(
            QList<BatchEvent>(batchSize,
                              BatchEvent{QStringLiteral("one"), QStringLiteral("e"), QStringLiteral("d"), {}, {}}),
            callback);
        break;
    case 2:
        client.terminateUserConnections(messagePart.contains(u'/') ? QStringLiteral("a/b") : QString(), callback);
        break;
    case 3: client.channel(QStringLiteral("a b"), {}, callback); break;
    }
    QVERIFY2(!called, "callbacks are asynchronous, even for local failures");
    QTRY_VERIFY(called);
    QCOMPARE(response->status, 0);
    QVERIFY(!response->ok());
    QVERIFY2(response->networkError.contains(messagePart), qPrintable(response->networkError));
    QCOMPARE(response->errorMessage(), response->networkError);

    // Nothing was sent. Deterministic first: every request is logged (outbound) before it is
    // handed to the network, and the log holds only the local "not sent" entry.
    m_log->flush();
    QCOMPARE(m_log->size(), 1);
    const LogEntry entry = m_log->at(0);
    QCOMPARE(entry.kind, EntryKind::Rest);
    QCOMPARE(entry.direction, Direction::Local);
    QVERIFY2(entry.message.contains(QStringLiteral("not sent")) && entry.message.contains(messagePart),
             qPrintable(entry.message));
    // And the server: a valid request through the same client, issued after the refused one,
    // reaches it alone (a sent refused request would have been queued before it).
    if (kind != 4) {
        const auto after =
            run(client, triggerCall(triggerOf({QStringLiteral("after")}, QStringLiteral("e"), QStringLiteral("d"))));
        QVERIFY(after && after->ok());
        QCOMPARE(server.requests.size(), 1);
        QVERIFY(server.requests.first().body.contains("\"after\""));
    } else {
        QCOMPARE(server.requests.size(), 0);
    }
}

void TestRestSigning::largeDataIsOnlyAWarning()
{
    FakeRestServer server;
    RestClient client(localCredentials(server.port()), m_log.get());
    const TriggerRequest request = triggerOf({QStringLiteral("one")}, QStringLiteral("e"), QString(20 * 1024, u'x'));
    QVERIFY(RestClient::validate(request).ok());
    QCOMPARE(RestClient::warnings(request).size(), 1);
    const auto response = run(client, triggerCall(request));
    QVERIFY(response && response->ok());
    QCOMPARE(server.requests.size(), 1);
    QVERIFY(signatureProblem(server.requests.first(), kSecret.toUtf8()).isEmpty());

    m_log->flush();
    const QJsonObject details = QJsonDocument::fromJson(m_log->at(0).raw).object();
    QCOMPARE(details.value(QStringLiteral("warnings")).toArray().size(), 1);
}

void TestRestSigning::logEntriesForRequestAndAnswer()
{
    FakeRestServer server;
    RestClient client(localCredentials(server.port()), m_log.get(), QStringLiteral("session-1"));
    const TriggerRequest request =
        triggerOf({QStringLiteral("my-channel")}, QStringLiteral("my_event"), QStringLiteral(R"({"a":1})"));
    const auto response = run(client, triggerCall(request));
    QVERIFY(response && response->ok());

    m_log->flush();
    QCOMPARE(m_log->size(), 2);
    const LogEntry out = m_log->at(0);
    QCOMPARE(out.direction, Direction::Out);
    QCOMPARE(out.kind, EntryKind::Rest);
    QCOMPARE(out.connection, QStringLiteral("session-1"));
    QCOMPARE(out.channel, QStringLiteral("my-channel"));
    QCOMPARE(out.event, QStringLiteral("my_event"));
    QCOMPARE(out.message, QStringLiteral("POST /apps/1/events"));
    const QJsonObject outDetails = QJsonDocument::fromJson(out.raw).object();
    QCOMPARE(outDetails.value(QStringLiteral("method")).toString(), QStringLiteral("POST"));
    QCOMPARE(outDetails.value(QStringLiteral("body")).toString(), QString::fromUtf8(RestClient::triggerBody(request)));
    const QString url = outDetails.value(QStringLiteral("url")).toString();
    QVERIFY2(url.startsWith(QStringLiteral("http://127.0.0.1:%1/apps/1/events?").arg(server.port())), qPrintable(url));
    QVERIFY(url.contains(QStringLiteral("auth_signature=")));
    QVERIFY(outDetails.value(QStringLiteral("string_to_sign"))
                .toString()
                .startsWith(QStringLiteral("POST\n/apps/1/events\n")));

    const LogEntry in = m_log->at(1);
    QCOMPARE(in.direction, Direction::In);
    QCOMPARE(in.kind, EntryKind::Rest);
    QCOMPARE(in.channel, QStringLiteral("my-channel"));
    QVERIFY2(QRegularExpression(QStringLiteral("^200 OK in \\d+ ms$")).match(in.message).hasMatch(),
             qPrintable(in.message));
    const QJsonObject inDetails = QJsonDocument::fromJson(in.raw).object();
    QCOMPARE(inDetails.value(QStringLiteral("status")).toInt(), 200);
    QCOMPARE(inDetails.value(QStringLiteral("body")).toString(), QStringLiteral(R"({"ok":true})"));
    QVERIFY(inDetails.contains(QStringLiteral("duration_ms")));
    QCOMPARE(inDetails.value(QStringLiteral("error")).toString(), QString());
}

void TestRestSigning::noCallbackAfterDestruction()
{
    FakeRestServer server;
    CannedReply silent;
    silent.silent = true;
    server.setReply(silent);
    bool called = false;
    auto client = std::make_unique<RestClient>(localCredentials(server.port()), m_log.get());
    client->trigger(triggerOf({QStringLiteral("one")}, QStringLiteral("e"), QStringLiteral("d")),
                    [&called](const RestResponse &) { called = true; });
    QTRY_COMPARE(server.requests.size(), 1);
    client.reset();
    // The server sees the client's connection go (the request was aborted with the client), and
    // the event loop has turned meanwhile: a late callback would have come by then.
    QTRY_COMPARE(server.closedConnections, 1);
    QVERIFY(!called);
}

void TestRestSigning::tls_data()
{
    QTest::addColumn<bool>("wrongName");
    QTest::addColumn<QString>("pin");  // "good", "wrong": that certificate's fingerprint
    QTest::addColumn<bool>("expectOk");
    QTest::addColumn<QString>("messagePart");

    QTest::newRow("self-signed, no pin") << false << "" << false << "self-signed";
    QTest::newRow("self-signed, pinned") << false << "good" << true << "";
    QTest::newRow("self-signed, another certificate pinned") << false << "wrong" << false << "expected SHA256 ";
    QTest::newRow("self-signed, pinned, wrong name") << true << "wrong" << false << "host name did not match";
}

void TestRestSigning::tls()
{
    if (!QSslSocket::supportsSsl())
        QSKIP("no TLS backend");
    QFETCH(bool, wrongName);
    QFETCH(QString, pin);
    QFETCH(bool, expectOk);
    const auto fingerprint = [](const char *pem) {
        return QString::fromLatin1(
            QSslCertificate(QByteArray(pem), QSsl::Pem).digest(QCryptographicHash::Sha256).toHex(':').toUpper());
    };
    const QString served = fingerprint(wrongName ? kWrongNameCert : kGoodCert);

    FakeRestServer server(wrongName ? tlsServer(kWrongNameCert, kWrongNameKey) : tlsServer(kGoodCert, kGoodKey));
    QVERIFY(server.isListening());
    Credentials credentials = localCredentials(server.port());
    credentials.tls = true;
    credentials.pinnedSha256 = pin == QLatin1String("good")    ? fingerprint(kGoodCert)
                               : pin == QLatin1String("wrong") ? fingerprint(kWrongNameCert)
                                                               : QString();
    RestClient client(credentials, m_log.get());
    const auto response = run(client, [](RestClient &c, const RestClient::Callback &cb) { c.channels({}, {}, cb); });
    QVERIFY(response);
    QCOMPARE(response->ok(), expectOk);
    if (expectOk) {
        QCOMPARE(server.requests.size(), 1);
        QVERIFY(signatureProblem(server.requests.first(), kSecret.toUtf8()).isEmpty());
    } else {
        QCOMPARE(response->status, 0);
        QFETCH(QString, messagePart);
        QVERIFY2(response->networkError.startsWith(QStringLiteral("TLS handshake failed"))
                     && response->networkError.contains(messagePart),
                 qPrintable(response->networkError));
        QVERIFY(response->networkError.endsWith(QStringLiteral("(127.0.0.1:%1)").arg(server.port())));
        if (!wrongName)  // the refusal names the certificate that was presented
            QVERIFY2(response->networkError.contains(QStringLiteral("SHA256 ") + served),
                     qPrintable(response->networkError));
        if (pin == QLatin1String("wrong") && !wrongName)
            QVERIFY2(response->networkError.contains(QStringLiteral("expected SHA256 ") + fingerprint(kWrongNameCert)),
                     qPrintable(response->networkError));
        QCOMPARE(server.requests.size(), 0);
    }
}

QTEST_GUILESS_MAIN(TestRestSigning)
#include "tst_restsigning.moc"
