// The tap (core/tap) between real parts: the official pusher Node SDK triggering through the
// REST tap into a real soketi (right and wrong secret, a channel nobody is on), real pusher-js
// clients through the WebSocket tap (frames relayed unchanged, subscription signatures checked
// before the server answers, close codes passed through, upstream down), soketi's own webhooks
// arriving at the inbox, and the CLI's tap command printing it all as NDJSON.

#include "cliprocess.h"
#include "logfilter.h"
#include "logstore.h"
#include "nodepeer.h"
#include "resttap.h"
#include "signer.h"
#include "soketi.h"
#include "watcher.h"
#include "webhookinbox.h"
#include "wstap.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTcpServer>
#include <QTcpSocket>
#include <QWebSocket>
#include <QtTest>

#include <functional>

using namespace cs;
using cs::test::NodePeer;

namespace {

constexpr int kWait = 15000;
const QHostAddress kLoopback(QHostAddress::LocalHost);

QJsonObject detailsOf(const LogEntry &entry) { return QJsonDocument::fromJson(entry.raw).object(); }

// The first entry (oldest first) that matches, waiting for it to be published.
std::optional<LogEntry> waitForEntry(LogStore &log, const std::function<bool(const LogEntry &)> &match,
                                     int timeoutMs = kWait)
{
    std::optional<LogEntry> found;
    (void)QTest::qWaitFor(
        [&] {
            log.flush();
            for (qsizetype row = 0; row < log.size(); ++row) {
                const LogEntry entry = log.at(row);
                if (match(entry)) {
                    found = entry;
                    return true;
                }
            }
            return false;
        },
        timeoutMs);
    return found;
}

QList<LogEntry> entries(LogStore &log, const std::function<bool(const LogEntry &)> &match)
{
    log.flush();
    QList<LogEntry> out;
    for (qsizetype row = 0; row < log.size(); ++row) {
        const LogEntry entry = log.at(row);
        if (match(entry))
            out.append(entry);
    }
    return out;
}

QString dump(LogStore &log)
{
    log.flush();
    QString text;
    for (qsizetype row = 0; row < log.size(); ++row) {
        const LogEntry e = log.at(row);
        text += QStringLiteral("%1 %2 %3 %4 %5\n")
                    .arg(e.connection, entryKindName(e.kind), e.channel, e.message, QString::fromUtf8(e.raw.left(300)));
    }
    return text.right(8000);
}

// Credentials for a peer that talks to `port` on loopback instead of soketi.
Credentials via(Credentials credentials, quint16 port)
{
    credentials.host = QStringLiteral("127.0.0.1");
    credentials.port = port;
    return credentials;
}

// One run of sdk-trigger.js: its result line, or an error object.
QJsonObject sdkRun(const QStringList &args, const QMap<QString, QString> &env)
{
    NodePeer sdk;
    if (!sdk.start(QStringLiteral("sdk-trigger.js"), args, env))
        return {{QStringLiteral("type"), QStringLiteral("did-not-start")}};
    const auto line = sdk.waitForLine([](const QJsonObject &) { return true; }, kWait);
    sdk.finish();
    return line.value_or(QJsonObject{{QStringLiteral("type"), QStringLiteral("no-output")},
                                     {QStringLiteral("stderr"), sdk.stderrText()}});
}

int statusOf(const QJsonObject &sdkResult) { return sdkResult.value(QStringLiteral("status")).toInt(); }

}  // namespace

class TstTap : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void restTapSignatureVerdicts_data();
    void restTapSignatureVerdicts();
    void restTapNamesTheClosestOccupiedChannel();
    void restTapRelaysBytesUnchanged();
    void restTapUpstreamDown();
    void wsTapRelaysFramesAndChecksSignatures();
    void wsTapPassesCloseCodes();
    void wsTapUpstreamDown();
    void webhookInboxLogsSoketiWebhooks();
    void cliTapPrintsNdjson();
    void watcherLogsOccupancyChanges();

private:
    test::SoketiServer m_soketi;
};

void TstTap::initTestCase() { QVERIFY2(m_soketi.start(), qPrintable(m_soketi.output())); }

void TstTap::restTapSignatureVerdicts_data()
{
    QTest::addColumn<QString>("secret");
    QTest::addColumn<QString>("verdict");
    QTest::addColumn<bool>("accepted");
    QTest::newRow("right secret") << m_soketi.credentials().secret << QStringLiteral("valid") << true;
    QTest::newRow("stale secret") << QStringLiteral("old-secret") << QStringLiteral("signature-differs") << false;
}

void TstTap::restTapSignatureVerdicts()
{
    QFETCH(QString, secret);
    QFETCH(QString, verdict);
    QFETCH(bool, accepted);
    LogStore log;
    tap::RestTap rest(m_soketi.credentials(), &log);
    QVERIFY(rest.listen(kLoopback, 0));
    QSignalSpy exchanged(&rest, &tap::RestTap::exchanged);

    Credentials backend = via(m_soketi.credentials(), rest.port());
    backend.secret = secret;
    const QJsonObject result = sdkRun({QStringLiteral("trigger"), QStringLiteral("orders,audit"),
                                       QStringLiteral("order-created"), QStringLiteral("{\"id\":7}")},
                                      NodePeer::envFor(backend));
    QTRY_COMPARE_WITH_TIMEOUT(exchanged.size(), 1, kWait);
    // The backend got the server's own answer through the tap.
    QCOMPARE(statusOf(result), exchanged.at(0).at(0).toInt());
    // soketi refuses a bad signature in a 200 answer whose body says 401 (docs/protocol.md, "soketi").
    const QJsonObject answerBody = result.value(QStringLiteral("body")).toObject();
    const bool refused = statusOf(result) != 200 || answerBody.value(QStringLiteral("code")).toInt() == 401;
    QVERIFY2(refused != accepted, QJsonDocument(result).toJson().constData());

    const auto call = waitForEntry(log, [](const LogEntry &e) {
        return e.kind == EntryKind::Api && detailsOf(e).value(QStringLiteral("call")) == QStringLiteral("trigger");
    });
    QVERIFY2(call, qPrintable(dump(log)));
    const QJsonObject details = detailsOf(*call);
    QCOMPARE(details.value(QStringLiteral("signature")).toString(), verdict);
    QCOMPARE(details.value(QStringLiteral("event")).toString(), QStringLiteral("order-created"));
    QCOMPARE(details.value(QStringLiteral("channels")).toArray(),
             QJsonArray({QStringLiteral("orders"), QStringLiteral("audit")}));
    QCOMPARE(call->event, QStringLiteral("order-created"));
    // The secret never reaches the log.
    QVERIFY(!QString::fromUtf8(call->raw).contains(secret));
    // The filter selects API calls whose signature failed, and only those.
    const auto bad = LogFilter::parse(QStringLiteral("source:api sig:bad"));
    QVERIFY(bad);
    QCOMPARE(bad->matches(*call), !accepted);
    QCOMPARE(LogFilter::parse(QStringLiteral("sig:ok"))->matches(*call), accepted);
    QCOMPARE(call->toJson().value(QStringLiteral("signature")).toString(), verdict);
    QCOMPARE(call->toJson().value(QStringLiteral("source")).toString(), QStringLiteral("api"));

    const auto answer = waitForEntry(log, [](const LogEntry &e) {
        return e.kind == EntryKind::Api && detailsOf(e).contains(QStringLiteral("status"));
    });
    QVERIFY(answer);
    QCOMPARE(detailsOf(*answer).value(QStringLiteral("status")).toInt(), statusOf(result));
    QCOMPARE(QJsonDocument::fromJson(detailsOf(*answer).value(QStringLiteral("body")).toString().toUtf8()).object(),
             answerBody);
}

void TstTap::restTapNamesTheClosestOccupiedChannel()
{
    // A frontend on private-user-42, straight to soketi; the backend triggers private-user.42.
    NodePeer frontend;
    QVERIFY(frontend.start(QStringLiteral("pusherjs-client.js"), {QStringLiteral("private-user-42")},
                           NodePeer::envFor(m_soketi.credentials())));
    QVERIFY2(frontend.waitForType(QStringLiteral("subscribed"), kWait), qPrintable(frontend.stderrText()));

    LogStore log;
    tap::RestTap rest(m_soketi.credentials(), &log);
    QVERIFY(rest.listen(kLoopback, 0));
    const auto env = NodePeer::envFor(via(m_soketi.credentials(), rest.port()));
    QCOMPARE(statusOf(sdkRun({QStringLiteral("trigger"), QStringLiteral("private-user.42"), QStringLiteral("paid"),
                              QStringLiteral("{}")},
                             env)),
             200);
    const auto missed = waitForEntry(log, [](const LogEntry &e) {
        return e.kind == EntryKind::Api && e.channel == QStringLiteral("private-user.42")
               && detailsOf(e).value(QStringLiteral("call")) == QStringLiteral("occupancy");
    });
    QVERIFY2(missed, qPrintable(dump(log)));
    QCOMPARE(missed->message, QStringLiteral("no subscribers on private-user.42; occupied: private-user-42"));

    QCOMPARE(statusOf(sdkRun({QStringLiteral("trigger"), QStringLiteral("private-user-42"), QStringLiteral("paid"),
                              QStringLiteral("{}")},
                             env)),
             200);
    const auto hit = waitForEntry(log, [](const LogEntry &e) {
        return e.kind == EntryKind::Api && e.channel == QStringLiteral("private-user-42")
               && detailsOf(e).value(QStringLiteral("call")) == QStringLiteral("occupancy");
    });
    QVERIFY2(hit, qPrintable(dump(log)));
    QVERIFY(detailsOf(*hit).value(QStringLiteral("subscribed")).toBool());
    QVERIFY(frontend.waitForType(QStringLiteral("event"), kWait));
    frontend.send({{QStringLiteral("cmd"), QStringLiteral("quit")}});
    frontend.finish();
}

void TstTap::restTapRelaysBytesUnchanged()
{
    // The upstream here records what reaches it; the request is no Pusher call, so it is
    // forwarded and logged as raw HTTP.
    tap::HttpListener upstream;
    tap::HttpRequest received;
    static constexpr char kAnswer[] = "\x00\xff answer \r\n{not json";  // a NUL first: sized by hand
    const QByteArray answerBody(kAnswer, sizeof(kAnswer) - 1);
    upstream.setHandler([&](const tap::HttpRequest &request, tap::HttpListener::Respond respond) {
        received = request;
        respond({202, {}, {{"Content-Type", "application/octet-stream"}, {"X-Upstream", "yes"}}, answerBody});
    });
    QVERIFY(upstream.listen(kLoopback, 0));
    LogStore log;
    tap::RestTap rest(via(m_soketi.credentials(), upstream.port()), &log);
    QVERIFY(rest.listen(kLoopback, 0));

    const QByteArray body("{\"a\":1,  \"b\" : [1,2]}\x01\xfe", 24);
    const QByteArray target("/hooks/x%2Fy?b=2&a=%20&a=1");
    QTcpSocket client;
    client.connectToHost(kLoopback, rest.port());
    QVERIFY(client.waitForConnected(kWait));
    client.write("PUT " + target + " HTTP/1.1\r\nHost: x\r\nContent-Type: text/odd\r\nContent-Length: "
                 + QByteArray::number(body.size()) + "\r\n\r\n" + body);
    QByteArray reply;
    QVERIFY(QTest::qWaitFor(
        [&] {
            reply += client.readAll();
            return reply.endsWith(answerBody);
        },
        kWait));
    QCOMPARE(received.method, QByteArray("PUT"));
    QCOMPARE(received.target, target);
    QCOMPARE(received.body, body);
    QCOMPARE(received.header("content-type"), QByteArray("text/odd"));
    QVERIFY2(reply.startsWith("HTTP/1.1 202 "), reply.constData());
    QVERIFY(reply.contains("X-Upstream: yes\r\n"));
    QVERIFY(reply.endsWith("\r\n\r\n" + answerBody));
    const auto raw = waitForEntry(log, [](const LogEntry &e) {
        return e.kind == EntryKind::Api && detailsOf(e).value(QStringLiteral("call")) == QStringLiteral("http");
    });
    QVERIFY2(raw, qPrintable(dump(log)));
    QCOMPARE(detailsOf(*raw).value(QStringLiteral("signature")).toString(), QStringLiteral("unsigned"));
}

void TstTap::restTapUpstreamDown()
{
    QTcpServer reserve;  // a port that nothing answers on once closed
    QVERIFY(reserve.listen(kLoopback, 0));
    const quint16 dead = reserve.serverPort();
    reserve.close();
    LogStore log;
    tap::RestTap rest(via(m_soketi.credentials(), dead), &log);
    QVERIFY(rest.listen(kLoopback, 0));
    const QJsonObject result =
        sdkRun({QStringLiteral("trigger"), QStringLiteral("orders"), QStringLiteral("x"), QStringLiteral("{}")},
               NodePeer::envFor(via(m_soketi.credentials(), rest.port())));
    QCOMPARE(statusOf(result), 502);
    const auto entry = waitForEntry(log, [](const LogEntry &e) {
        return e.kind == EntryKind::Api && detailsOf(e).contains(QStringLiteral("error"));
    });
    QVERIFY2(entry, qPrintable(dump(log)));
    QVERIFY2(entry->message.contains(QStringLiteral("no answer from the REST host")), qPrintable(entry->message));
}

void TstTap::wsTapRelaysFramesAndChecksSignatures()
{
    LogStore log;
    tap::WsTap ws(m_soketi.credentials(), &log);
    QVERIFY(ws.listen(kLoopback, 0));
    const Credentials throughTap = via(m_soketi.credentials(), ws.port());

    NodePeer good;
    QVERIFY(good.start(QStringLiteral("pusherjs-client.js"), {QStringLiteral("private-orders")},
                       NodePeer::envFor(throughTap)));
    QVERIFY2(good.waitForType(QStringLiteral("subscribed"), kWait), qPrintable(dump(log)));
    QCOMPARE(ws.subscribedChannels(), QStringList{QStringLiteral("private-orders")});

    // A frontend whose auth signs with another secret: the verdict comes before the server's refusal.
    Credentials staleAuth = throughTap;
    staleAuth.secret = QStringLiteral("other-secret");
    NodePeer stale;
    QVERIFY(stale.start(QStringLiteral("pusherjs-client.js"), {QStringLiteral("private-orders")},
                        NodePeer::envFor(staleAuth)));
    QVERIFY2(stale.waitForType(QStringLiteral("subscription_error"), kWait), qPrintable(dump(log)));

    const auto goodCheck = waitForEntry(log, [](const LogEntry &e) {
        return e.kind == EntryKind::Auth && e.connection == QStringLiteral("tap:t1");
    });
    QVERIFY2(goodCheck, qPrintable(dump(log)));
    QCOMPARE(detailsOf(*goodCheck).value(QStringLiteral("signature")).toString(), QStringLiteral("valid"));
    QVERIFY(!goodCheck->socketId.isEmpty());
    const auto badCheck = waitForEntry(log, [](const LogEntry &e) {
        return e.kind == EntryKind::Auth && e.connection == QStringLiteral("tap:t2");
    });
    QVERIFY2(badCheck, qPrintable(dump(log)));
    QCOMPARE(detailsOf(*badCheck).value(QStringLiteral("signature")).toString(), QStringLiteral("secret-differs"));
    const auto refusal = waitForEntry(log, [](const LogEntry &e) {
        return e.connection == QStringLiteral("tap:t2") && e.event == QStringLiteral("pusher:subscription_error");
    });
    QVERIFY(refusal);
    QVERIFY(badCheck->seq < refusal->seq);
    QVERIFY(LogFilter::parse(QStringLiteral("sig:bad"))->matches(*badCheck));
    QVERIFY(!LogFilter::parse(QStringLiteral("sig:bad"))->matches(*goodCheck));

    // A backend event reaches the tapped client unchanged; the tap logged the same bytes.
    const QString data = QStringLiteral("{\"text\":\"h\\u00e9llo \\\"q\\\" \\\\ \\ud83d\\ude00\",\"n\":1.50}");
    QCOMPARE(statusOf(
                 sdkRun({QStringLiteral("trigger"), QStringLiteral("private-orders"), QStringLiteral("shipped"), data},
                        NodePeer::envFor(m_soketi.credentials()))),
             200);
    const auto event = good.waitForType(QStringLiteral("event"), kWait);
    QVERIFY(event);
    QCOMPARE(event->value(QStringLiteral("data")), QJsonValue(QJsonDocument::fromJson(data.toUtf8()).object()));
    const auto tapped = waitForEntry(log, [](const LogEntry &e) {
        return e.connection == QStringLiteral("tap:t1") && e.event == QStringLiteral("shipped");
    });
    QVERIFY(tapped);
    QCOMPARE(tapped->direction, Direction::In);
    QCOMPARE(tapped->toJson().value(QStringLiteral("client")).toString(), QStringLiteral("t1"));

    // One client's frames, by filter.
    const auto one = LogFilter::parse(QStringLiteral("source:tap conn:tap:t1"));
    QVERIFY(one);
    const QList<LogEntry> t1 = entries(log, [&](const LogEntry &e) { return one->matches(e); });
    QVERIFY(t1.size() >= 4);
    for (const LogEntry &e : t1)
        QCOMPARE(e.connection, QStringLiteral("tap:t1"));

    const QList<tap::TappedClientInfo> clients = ws.clients();
    QCOMPARE(clients.size(), 2);
    QCOMPARE(clients[0].clientName, QStringLiteral("js"));
    QVERIFY(clients[0].framesIn > 0 && clients[0].framesOut > 0);
    good.send({{QStringLiteral("cmd"), QStringLiteral("quit")}});
    stale.send({{QStringLiteral("cmd"), QStringLiteral("quit")}});
    good.finish();
    stale.finish();
    QTRY_VERIFY_WITH_TIMEOUT(ws.subscribedChannels().isEmpty(), kWait);
}

void TstTap::wsTapPassesCloseCodes()
{
    test::SoketiServer soketi;  // its own: this test stops it
    QVERIFY2(soketi.start(), qPrintable(soketi.output()));
    LogStore log;
    tap::WsTap ws(soketi.credentials(), &log);
    QVERIFY(ws.listen(kLoopback, 0));
    QWebSocket client;
    QSignalSpy texts(&client, &QWebSocket::textMessageReceived);
    QSignalSpy closed(&client, &QWebSocket::disconnected);
    client.open(QUrl(QStringLiteral("ws://127.0.0.1:%1/app/%2?protocol=7&client=cs-test&version=1")
                         .arg(ws.port())
                         .arg(soketi.credentials().key)));
    QTRY_VERIFY_WITH_TIMEOUT(!texts.isEmpty(), kWait);
    QVERIFY(texts.at(0).at(0).toString().contains(QStringLiteral("pusher:connection_established")));
    QCOMPARE(ws.clients().value(0).clientName, QStringLiteral("cs-test"));
    soketi.stop();  // soketi closes every socket with 4200
    QTRY_COMPARE_WITH_TIMEOUT(closed.size(), 1, kWait);
    QCOMPARE(int(client.closeCode()), 4200);
}

void TstTap::wsTapUpstreamDown()
{
    QTcpServer reserve;
    QVERIFY(reserve.listen(kLoopback, 0));
    const quint16 dead = reserve.serverPort();
    reserve.close();
    LogStore log;
    tap::WsTap ws(via(m_soketi.credentials(), dead), &log);
    QVERIFY(ws.listen(kLoopback, 0));
    QWebSocket client;
    QSignalSpy closed(&client, &QWebSocket::disconnected);
    client.open(QUrl(QStringLiteral("ws://127.0.0.1:%1/app/app-key?protocol=7").arg(ws.port())));
    QTRY_COMPARE_WITH_TIMEOUT(closed.size(), 1, kWait);
    QCOMPARE(int(client.closeCode()), 1011);
    const auto error = waitForEntry(log, [](const LogEntry &e) { return e.kind == EntryKind::Error; });
    QVERIFY2(error && error->message.contains(QStringLiteral("cannot reach the server")), qPrintable(dump(log)));
}

void TstTap::webhookInboxLogsSoketiWebhooks()
{
    LogStore log;
    test::SoketiServer soketi;
    tap::WebhookInbox inbox(soketi.credentials(), &log);
    QVERIFY(inbox.listen(kLoopback, 0));
    const QString hooks =
        QStringLiteral("[{\"url\":\"http://127.0.0.1:%1/webhooks\",\"event_types\":"
                       "[\"channel_occupied\",\"channel_vacated\",\"member_added\",\"member_removed\"]}]")
            .arg(inbox.port());
    QVERIFY2(soketi.start({{QStringLiteral("SOKETI_DEFAULT_APP_WEBHOOKS"), hooks}}), qPrintable(soketi.output()));

    NodePeer member;
    QMap<QString, QString> env = NodePeer::envFor(soketi.credentials());
    env.insert(QStringLiteral("CS_USER_ID"), QStringLiteral("alice"));
    QVERIFY(member.start(QStringLiteral("pusherjs-client.js"), {QStringLiteral("presence-room")}, env));
    QVERIFY(member.waitForType(QStringLiteral("subscribed"), kWait));
    const auto occupied = waitForEntry(log, [](const LogEntry &e) {
        return e.kind == EntryKind::Webhook && e.event == QStringLiteral("channel_occupied");
    });
    QVERIFY2(occupied, qPrintable(dump(log) + soketi.output().right(3000)));
    QCOMPARE(occupied->channel, QStringLiteral("presence-room"));
    QCOMPARE(detailsOf(*occupied).value(QStringLiteral("signature")).toString(), QStringLiteral("valid"));
    const auto added = waitForEntry(log, [](const LogEntry &e) {
        return e.kind == EntryKind::Webhook && e.event == QStringLiteral("member_added");
    });
    QVERIFY2(added, qPrintable(dump(log)));
    QCOMPARE(added->userId, QStringLiteral("alice"));

    // A webhook signed with another secret, answered with the chosen error status.
    inbox.setAnswerStatus(503);
    const QByteArray body = "{\"time_ms\":1,\"events\":[{\"name\":\"channel_vacated\",\"channel\":\"x\"}]}";
    QNetworkAccessManager network;
    QNetworkRequest request(QUrl(QStringLiteral("http://127.0.0.1:%1/webhooks").arg(inbox.port())));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
    request.setRawHeader("X-Pusher-Key", soketi.credentials().key.toUtf8());
    request.setRawHeader("X-Pusher-Signature", signer::webhookSignature("not-the-secret", body));
    QNetworkReply *reply = network.post(request, body);
    QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), kWait);
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 503);
    reply->deleteLater();
    const auto forged = waitForEntry(log, [](const LogEntry &e) {
        return e.kind == EntryKind::Webhook && e.channel == QStringLiteral("x");
    });
    QVERIFY(forged);
    QVERIFY(LogFilter::parse(QStringLiteral("source:webhook sig:bad"))->matches(*forged));
    QVERIFY(!LogFilter::parse(QStringLiteral("source:webhook sig:bad"))->matches(*occupied));
    member.send({{QStringLiteral("cmd"), QStringLiteral("quit")}});
    member.finish();
}

void TstTap::cliTapPrintsNdjson()
{
    const Credentials c = m_soketi.credentials();
    // With --contracts, the backend's triggers are checked against them as they pass.
    QTemporaryDir contracts;
    QFile schema(contracts.filePath(QStringLiteral("made.schema.json")));
    QVERIFY(schema.open(QIODevice::WriteOnly));
    schema.write(R"({"type":"object","required":["id"]})");
    schema.close();
    test::CliProcess cli(
        {QStringLiteral("tap"), QStringLiteral("--contracts"), contracts.path(), QStringLiteral("--app-id"), c.appId,
         QStringLiteral("--key"), c.key, QStringLiteral("--secret"), c.secret, QStringLiteral("--host"), c.host,
         QStringLiteral("--port"), QString::number(c.port), QStringLiteral("--no-tls"), QStringLiteral("--rest-port"),
         QStringLiteral("0"), QStringLiteral("--timeout"), QStringLiteral("60")});
    QVERIFY2(cli.waitForLines([](const QJsonObject &o) { return o.contains(QStringLiteral("listening")); }),
             qPrintable(cli.describe()));
    const QString rest =
        cli.lines().first().value(QStringLiteral("listening")).toObject().value(QStringLiteral("rest")).toString();
    const quint16 port = quint16(rest.section(QLatin1Char(':'), -1).toUInt());
    QVERIFY(port > 0);
    QVERIFY2(cli.err().contains("PUSHER_PORT=" + QByteArray::number(port)), qPrintable(cli.describe()));
    QVERIFY(cli.err().contains("secret: process.env.PUSHER_APP_SECRET"));
    QVERIFY(!cli.err().contains(c.secret.toUtf8()));
    QCOMPARE(statusOf(sdkRun({QStringLiteral("trigger"), QStringLiteral("orders"), QStringLiteral("made"),
                              QStringLiteral("{}")},
                             NodePeer::envFor(via(c, port)))),
             200);
    QVERIFY2(cli.waitForLines([](const QJsonObject &o) {
        return o.value(QStringLiteral("source")) == QStringLiteral("api")
               && o.value(QStringLiteral("signature")) == QStringLiteral("valid")
               && o.value(QStringLiteral("event")) == QStringLiteral("made")
               && o.value(QStringLiteral("violations")).toArray().size() == 1;
    }),
             qPrintable(cli.describe()));
    QVERIFY(!cli.out().contains(c.secret.toUtf8()));
}

void TstTap::watcherLogsOccupancyChanges()
{
    LogStore log;
    tap::Watcher watcher(m_soketi.credentials(), &log);
    watcher.setPattern(QStringLiteral("watched-*"));
    QSignalSpy polled(&watcher, &tap::Watcher::polled);
    watcher.start(200);
    QTRY_VERIFY_WITH_TIMEOUT(!polled.isEmpty(), kWait);
    QVERIFY(polled.at(0).at(0).toBool());
    NodePeer first;
    NodePeer second;
    QVERIFY(first.start(QStringLiteral("pusherjs-client.js"), {QStringLiteral("watched-1"), QStringLiteral("other")},
                        NodePeer::envFor(m_soketi.credentials())));
    QVERIFY(first.waitForType(QStringLiteral("subscribed"), kWait));
    const auto occupied = waitForEntry(log, [](const LogEntry &e) {
        return e.kind == EntryKind::Watch && e.channel == QStringLiteral("watched-1");
    });
    QVERIFY2(occupied, qPrintable(dump(log)));
    QCOMPARE(occupied->message, QStringLiteral("occupied: watched-1 (1 subscriptions)"));
    QVERIFY(entries(log, [](const LogEntry &e) { return e.channel == QStringLiteral("other"); }).isEmpty());
    QVERIFY(second.start(QStringLiteral("pusherjs-client.js"), {QStringLiteral("watched-1")},
                         NodePeer::envFor(m_soketi.credentials())));
    QVERIFY(second.waitForType(QStringLiteral("subscribed"), kWait));
    QVERIFY2(waitForEntry(log,
                          [](const LogEntry &e) {
                              return e.message == QStringLiteral("watched-1: 1 -> 2 subscriptions");
                          }),
             qPrintable(dump(log)));
    first.send({{QStringLiteral("cmd"), QStringLiteral("quit")}});
    second.send({{QStringLiteral("cmd"), QStringLiteral("quit")}});
    first.finish();
    second.finish();
    const auto vacated = waitForEntry(log, [](const LogEntry &e) {
        return e.kind == EntryKind::Watch && e.message == QStringLiteral("vacated: watched-1");
    });
    QVERIFY2(vacated, qPrintable(dump(log)));
    QVERIFY(LogFilter::parse(QStringLiteral("source:watch"))->matches(*vacated));
}

QTEST_GUILESS_MAIN(TstTap)
#include "tst_tap.moc"
