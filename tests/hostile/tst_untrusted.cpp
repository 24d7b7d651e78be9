// The server as an adversary (issue "untrusted input, second round"): no behaviour of the
// server may turn into a reconnect or authorization storm, unbounded memory, a frozen roster or
// an overflowed timer. Each case runs against an in-process scripted server and asserts what
// the connection does and what it logs.

#include "fakepusherserver.h"
#include "testclient.h"
#include "httplimits.h"
#include "logstore.h"
#include "session.h"
#include "wiresocket.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>
#include <QtTest>

#include <functional>

using namespace cs;
using cs::test::FakePusherServer;
using cs::test::Fixture;
using cs::test::frameText;
using cs::test::handshake;

namespace {

constexpr int kWait = 10000;

const QString kSubscribe = QStringLiteral("pusher:subscribe");

// The channel a subscribe frame (as text) names.
QString channelOf(const QString &subscribeFrame)
{
    return cs::test::channelOf(QJsonDocument::fromJson(subscribeFrame.toUtf8()).object());
}

// Whether one of the newest entries (published by now) matches.
bool recentlyLogged(LogStore &log, const std::function<bool(qsizetype row)> &match)
{
    log.flush();
    for (qsizetype row = log.size() - 1; row >= 0 && row >= log.size() - 20; --row)
        if (match(row))
            return true;
    return false;
}

// After the handshake, `frames` channel events of `frameBytes` each, as fast as the socket takes
// them. Run on a thread of its own, the server goes on writing while the client's thread is busy.
FakePusherServer::Script floodScript(int frames, int frameBytes)
{
    return [frames, frameBytes](QWebSocket *socket) {
        handshake(socket);
        const QString payload(frameBytes, u'x');
        for (int i = 0; i < frames; ++i)
            socket->sendTextMessage(
                frameText(QStringLiteral("flood"), QStringLiteral("c"), QJsonValue(payload + QString::number(i))));
    };
}

}  // namespace

class TestUntrusted : public QObject {
    Q_OBJECT
private Q_SLOTS:
    // A server that ends every connection right after its handshake gets one immediate
    // reconnect, then a growing back-off: not the ~20 a second it got before.
    void repeatedClosesAfterHandshakeBackOff_data()
    {
        QTest::addColumn<int>("closeCode");
        QTest::newRow("4200 reconnect now") << 4200;
        QTest::newRow("4299 reconnect now") << 4299;
        QTest::newRow("4100 back off") << 4100;
    }
    void repeatedClosesAfterHandshakeBackOff()
    {
        QFETCH(int, closeCode);
        FakePusherServer server([closeCode](QWebSocket *s) {
            handshake(s);
            QTimer::singleShot(20, s, [s, closeCode] {
                s->close(QWebSocketProtocol::CloseCode(closeCode), QStringLiteral("go away"));
            });
        });
        QVERIFY(server.listen());
        Fixture f(server.credentials());
        f.session.channels()->subscribe(QStringLiteral("private-a"));
        f.connection()->open();
        QElapsedTimer clock;
        clock.start();
        // Attempts at about 0, 0 (4200 honoured once), 1 s, 3 s, 7 s: the third needs the budget.
        QTRY_VERIFY_WITH_TIMEOUT(f.logHas(EntryKind::Timer, QStringLiteral("reconnect budget")), kWait);
        QTest::qWait(int(qMax<qint64>(0, 4500 - clock.elapsed())));
        QVERIFY2(server.connections() <= 5, qPrintable(QString::number(server.connections())));
        QVERIFY(server.connections() >= 3);
        // Each connection re-authorized the private channel once, no more.
        QVERIFY2(server.sent(kSubscribe) <= server.connections(), qPrintable(server.received().join(u'\n')));
    }

    // A connection that stays up long enough is stable: the budget starts over, and a 4200
    // after it reconnects at once again.
    void stableConnectionResetsTheBudget()
    {
        FakePusherServer server([](QWebSocket *s) {
            handshake(s);
            QTimer::singleShot(400, s,
                               [s] { s->close(QWebSocketProtocol::CloseCode(4200), QStringLiteral("rebalancing")); });
        });
        QVERIFY(server.listen());
        Fixture f(server.credentials());
        ConnectionOptions options;
        options.stableConnectionMs = 200;
        f.connection()->setOptions(options);
        f.connection()->open();
        QTRY_VERIFY_WITH_TIMEOUT(server.connections() >= 4, kWait);
        QVERIFY(!f.logHas(EntryKind::Timer, QStringLiteral("reconnect budget")));
    }

    // Many private channels at once: the first ten go at once, the rest at five a second, and
    // the throttle is logged with why. All of them arrive in the end.
    void authorizationsAreRateLimited()
    {
        FakePusherServer server([](QWebSocket *s) {
            handshake(s);
            QObject::connect(s, &QWebSocket::textMessageReceived, s, [s](const QString &m) {
                if (m.contains(QLatin1String("\"pusher:subscribe\"")))
                    s->sendTextMessage(frameText(QStringLiteral("pusher_internal:subscription_succeeded"), channelOf(m),
                                                 QJsonObject()));
            });
        });
        QVERIFY(server.listen());
        Fixture f(server.credentials());
        f.connection()->open();
        QTRY_COMPARE_WITH_TIMEOUT(f.connection()->state(), ConnectionState::Connected, kWait);
        const int channels = 20;
        for (int i = 0; i < channels; ++i)
            QVERIFY(f.session.channels()->subscribe(QStringLiteral("private-c%1").arg(i)));
        QVERIFY(f.logHas(EntryKind::Auth, QStringLiteral("throttling authorizations")));
        QVERIFY(server.waitForEvent(kSubscribe, RequestBudget::kDefaultBurst, kWait));
        QTest::qWait(300);
        QVERIFY2(server.sent(kSubscribe) <= RequestBudget::kDefaultBurst + 2,
                 qPrintable(server.received().join(u'\n')));
        QTRY_COMPARE_WITH_TIMEOUT(server.sent(kSubscribe), channels, kWait);
        for (int i = 0; i < channels; ++i)
            QTRY_COMPARE_WITH_TIMEOUT(f.session.channels()->subscription(QStringLiteral("private-c%1").arg(i))->state,
                                      SubscriptionState::Subscribed, kWait);
    }

    // Undecryptable events on an encrypted channel: one key refresh for all of them, each event
    // still reported, none of them a request of its own.
    void undecryptableEventsShareOneKeyRefresh()
    {
        const int events = 40;
        FakePusherServer server([events](QWebSocket *s) {
            handshake(s);
            QObject::connect(s, &QWebSocket::textMessageReceived, s, [s, events](const QString &m) {
                if (!m.contains(QLatin1String("\"pusher:subscribe\"")))
                    return;
                const QString channel = channelOf(m);
                s->sendTextMessage(
                    frameText(QStringLiteral("pusher_internal:subscription_succeeded"), channel, QJsonObject()));
                // Well-formed, but not encrypted with this channel's key.
                const QJsonObject garbage{{QStringLiteral("nonce"), QStringLiteral("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")},
                                          {QStringLiteral("ciphertext"),
                                           QStringLiteral("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")}};
                for (int i = 0; i < events; ++i)
                    s->sendTextMessage(frameText(QStringLiteral("secret-%1").arg(i), channel, garbage));
            });
        });
        QVERIFY(server.listen());
        Credentials creds = server.credentials();
        creds.encryptionMasterKeyBase64 = QByteArray(32, 'k').toBase64();
        Fixture f(creds);
        QSignalSpy authorized(f.session.authorizer(), &Authorizer::explained);
        f.connection()->open();
        QVERIFY(f.session.channels()->subscribe(QStringLiteral("private-encrypted-x")));
        QTRY_COMPARE_WITH_TIMEOUT(f.logCount(EntryKind::Error, QStringLiteral("could not decrypt")), events, kWait);
        QCOMPARE(f.logCount(EntryKind::Auth, QStringLiteral("re-authorizing once for a fresh key")), 1);
        QCOMPARE(authorized.count(), 2);  // the subscription, and one refresh
        QCOMPARE(server.sent(kSubscribe), 1);
        QCOMPARE(f.session.channels()->subscription(QStringLiteral("private-encrypted-x"))->state,
                 SubscriptionState::Subscribed);
    }

    // activity_timeout is the server's word: a huge one is clamped, not overflowed into a timer
    // of a few milliseconds (which meant a ping flood).
    void hugeActivityTimeoutIsClampedNotOverflowed_data()
    {
        QTest::addColumn<qint64>("seconds");
        QTest::newRow("2^31 / 1000 + 1") << qint64(2'147'484);
        QTest::newRow("int max") << qint64(2'147'483'647);
        QTest::newRow("beyond int") << qint64(99'999'999'999);
    }
    void hugeActivityTimeoutIsClampedNotOverflowed()
    {
        QFETCH(qint64, seconds);
        FakePusherServer server([seconds](QWebSocket *s) { handshake(s, seconds); });
        QVERIFY(server.listen());
        Fixture f(server.credentials());
        ConnectionOptions options;
        options.activityTimeoutMs = 24 * 3600 * 1000;
        f.connection()->setOptions(options);
        f.connection()->open();
        QTRY_COMPARE_WITH_TIMEOUT(f.connection()->state(), ConnectionState::Connected, kWait);
        QCOMPARE(f.connection()->effectiveActivityTimeoutMs(), 3600 * 1000);
        QVERIFY(f.logHas(EntryKind::Timer, QStringLiteral("above the accepted 3600 s")));
        QTest::qWait(300);
        QVERIFY2(!server.received().join(QString()).contains(QLatin1String("pusher:ping")),
                 qPrintable(server.received().join(u'\n')));
    }

    // Backpressure: while the client's thread is busy, the reader stops reading instead of
    // piling up everything the server sends; nothing is lost, and the store keeps to its budget.
    void floodWhileBusyStaysBounded()
    {
        const int frames = 160;
        const int frameBytes = 1 << 20;
        cs::test::ThreadedFakePusherServer server(floodScript(frames, frameBytes));
        QVERIFY(server.listening());
        const Credentials creds = server.credentials();
        Fixture f(creds);
        f.log.setByteBudget(qint64(24) << 20);
        qint64 peakHeld = 0;
        bool pauseLogged = false;  // the line itself is soon evicted by the small budget
        QObject::connect(&f.log, &LogStore::appended, &f.log, [&](qsizetype first, qsizetype count) {
            peakHeld = qMax(peakHeld, f.log.heldBytes());
            for (qsizetype row = first; row < first + count; ++row)
                pauseLogged =
                    pauseLogged || f.log.messageUtf8At(row).toByteArray().contains("stopped reading the socket");
        });
        f.connection()->open();
        QTRY_COMPARE_WITH_TIMEOUT(f.connection()->state(), ConnectionState::Connected, kWait);
        // Busy: no event loop here for a while, as a GUI thread stuck in a long paint would be.
        QThread::msleep(1500);
        const qint64 pendingAfterBusy = f.log.pendingBytes();
        QVERIFY2(pendingAfterBusy < (qint64(48) << 20), qPrintable(QString::number(pendingAfterBusy)));
        const QByteArray last = "x" + QByteArray::number(frames - 1) + "\"";
        QTRY_VERIFY_WITH_TIMEOUT(recentlyLogged(f.log, [&](qsizetype row) { return f.log.rawAt(row).contains(last); }),
                                 60000);
        QVERIFY(pauseLogged);
        QVERIFY2(peakHeld <= f.log.byteBudget(), qPrintable(QString::number(peakHeld)));
        QVERIFY(f.log.evictedForBytes() > 0);
        // Nothing was dropped on the way: every flood frame was published (held or evicted).
        QCOMPARE(f.log.firstSeq() + quint64(f.log.size()), f.log.nextSeq());
    }

    // Many small frames while the client's thread is busy: the reader stops at
    // kMaxStorePendingEntries, so a store with a small cap (the CLI's) publishes every entry
    // before it evicts any; `listen` printed only a quarter of a million-event flood before.
    void floodOfSmallFramesIsPublishedWhole()
    {
        const int frames = 60'000;
        cs::test::ThreadedFakePusherServer server(floodScript(frames, 16));
        QVERIFY(server.listening());
        Fixture f(server.credentials());
        f.log.setCap(2 * WireSocket::kMaxStorePendingEntries);
        qsizetype published = 0;
        QObject::connect(&f.log, &LogStore::appended, &f.log, [&](qsizetype, qsizetype count) { published += count; });
        f.connection()->open();
        QTRY_COMPARE_WITH_TIMEOUT(f.connection()->state(), ConnectionState::Connected, kWait);
        QThread::msleep(1500);  // busy, as a slow terminal keeps `listen` busy
        QVERIFY2(f.log.pendingCount() <= WireSocket::kMaxStorePendingEntries + 16,
                 qPrintable(QString::number(f.log.pendingCount())));
        const QByteArray last = "x" + QByteArray::number(frames - 1) + "\"";
        QTRY_VERIFY_WITH_TIMEOUT(recentlyLogged(f.log, [&](qsizetype row) { return f.log.rawAt(row).contains(last); }),
                                 60000);
        f.log.flush();
        // Every entry went through appended(): none was dropped unseen by the cap.
        QCOMPARE(quint64(published), f.log.nextSeq());
    }

    // A roster of 200,000 members, then joins, leaves and events on the channel: handled
    // without anything quadratic (which took minutes).
    void hugeRosterIsHandledQuickly()
    {
        const int members = 200'000;
        FakePusherServer server([members](QWebSocket *s) {
            handshake(s);
            QObject::connect(s, &QWebSocket::textMessageReceived, s, [s, members](const QString &m) {
                if (!m.contains(QLatin1String("\"pusher:subscribe\"")))
                    return;
                const QString channel = channelOf(m);
                // By hand: building a QJsonObject of 100,000 keys one insert at a time is itself quadratic.
                QString ids, hash;
                for (int i = 0; i < members; ++i) {
                    ids += QStringLiteral("%1\"u%2\"").arg(i ? QStringLiteral(",") : QString()).arg(i);
                    if (i % 2)
                        hash += QStringLiteral("%1\"u%2\":{\"n\":%2}")
                                    .arg(hash.isEmpty() ? QString() : QStringLiteral(","))
                                    .arg(i);
                }
                const QString presence = QStringLiteral("{\"presence\":{\"ids\":[%1],\"hash\":{%2},\"count\":%3}}")
                                             .arg(ids, hash)
                                             .arg(members);
                s->sendTextMessage(
                    frameText(QStringLiteral("pusher_internal:subscription_succeeded"), channel, QJsonValue(presence)));
                for (int i = 0; i < 500; ++i) {
                    s->sendTextMessage(
                        frameText(QStringLiteral("pusher_internal:member_added"), channel,
                                  QJsonObject{{QStringLiteral("user_id"), QStringLiteral("new%1").arg(i)}}));
                    s->sendTextMessage(
                        frameText(QStringLiteral("pusher_internal:member_removed"), channel,
                                  QJsonObject{{QStringLiteral("user_id"), QStringLiteral("u%1").arg(i)}}));
                    s->sendTextMessage(frameText(QStringLiteral("tick"), channel, QJsonObject()));
                }
                s->sendTextMessage(frameText(QStringLiteral("done"), channel, QJsonObject()));
            });
        });
        QVERIFY(server.listen());
        Fixture f(server.credentials());
        f.connection()->open();
        QVERIFY(f.session.channels()->subscribe(QStringLiteral("presence-big"), {QStringLiteral("me"), {}}));
        QElapsedTimer clock;
        clock.start();
        // The registry's own count (the log has each frame as soon as the reader thread read it,
        // before the connection's thread has handled it): 500 ticks and "done".
        QTRY_VERIFY_WITH_TIMEOUT(f.session.channels()->subscription(QStringLiteral("presence-big"))
                                     && f.session.channels()->subscription(QStringLiteral("presence-big"))->eventCount
                                            == 501,
                                 60000);
        const Subscription *sub = f.session.channels()->subscription(QStringLiteral("presence-big"));
        QCOMPARE(sub->members.size(), members);  // 500 joined, 500 left
        QVERIFY(sub->members.contains(QStringLiteral("new499")));
        QVERIFY(!sub->members.contains(QStringLiteral("u499")));
        QCOMPARE(sub->members.value(QStringLiteral("u501")).toObject().value(QStringLiteral("n")).toInt(), 501);
        QVERIFY(sub->members.value(QStringLiteral("u500")).isUndefined());  // only in "ids"
        qInfo("200,000-member roster and 1,500 events handled in %lld ms", clock.elapsed());
    }

    // A member's user_info over 16 KiB is not kept (in the roster or when it joins): one log
    // line each, the member itself is kept.
    void oversizedUserInfoIsNotKept()
    {
        const QString big = QString(20 * 1024, u'b');
        FakePusherServer server([big](QWebSocket *s) {
            handshake(s);
            QObject::connect(s, &QWebSocket::textMessageReceived, s, [s, big](const QString &m) {
                if (!m.contains(QLatin1String("\"pusher:subscribe\"")))
                    return;
                const QString channel = channelOf(m);
                const QJsonObject presence{
                    {QStringLiteral("ids"), QJsonArray{QStringLiteral("a"), QStringLiteral("b")}},
                    {QStringLiteral("hash"),
                     QJsonObject{{QStringLiteral("a"), QJsonObject{{QStringLiteral("bio"), big}}},
                                 {QStringLiteral("b"), QJsonObject{{QStringLiteral("n"), 1}}}}}};
                s->sendTextMessage(frameText(QStringLiteral("pusher_internal:subscription_succeeded"), channel,
                                             QJsonObject{{QStringLiteral("presence"), presence}}));
                s->sendTextMessage(
                    frameText(QStringLiteral("pusher_internal:member_added"), channel,
                              QJsonObject{{QStringLiteral("user_id"), QStringLiteral("c")},
                                          {QStringLiteral("user_info"), QJsonObject{{QStringLiteral("bio"), big}}}}));
            });
        });
        QVERIFY(server.listen());
        Fixture f(server.credentials());
        f.connection()->open();
        QVERIFY(f.session.channels()->subscribe(QStringLiteral("presence-p"), {QStringLiteral("b"), {}}));
        QTRY_COMPARE_WITH_TIMEOUT(f.session.channels()->subscription(QStringLiteral("presence-p"))->members.size(), 3,
                                  kWait);
        const Subscription *sub = f.session.channels()->subscription(QStringLiteral("presence-p"));
        for (const QString &id : {QStringLiteral("a"), QStringLiteral("c")}) {
            const QJsonObject info = sub->members.value(id).toObject();
            QVERIFY2(info.value(QStringLiteral("channelscope_left_out"))
                         .toString()
                         .contains(QStringLiteral("over the 16 KiB")),
                     QJsonDocument(info).toJson().constData());
        }
        QCOMPARE(sub->members.value(QStringLiteral("b")).toObject().value(QStringLiteral("n")).toInt(), 1);
        QCOMPARE(f.logCount(EntryKind::Error, QStringLiteral("user_info over 16 KiB")), 2);
    }

    // HTTP answers from untrusted hosts: a server that drips its answer a byte at a time is cut
    // at the total deadline (a transfer timeout alone never fires), and a body over the cap is
    // refused, announced or not.
    void httpAnswersAreBounded_data()
    {
        QTest::addColumn<QString>("mode");
        QTest::addColumn<bool>("deadline");
        QTest::newRow("slow drip") << "drip" << true;
        QTest::newRow("announced too large") << "announced" << false;
        QTest::newRow("chunked too large") << "chunked" << false;
    }
    void httpAnswersAreBounded()
    {
        QFETCH(QString, mode);
        QFETCH(bool, deadline);
        QTcpServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost, 0));
        QTimer drip;
        QObject::connect(&server, &QTcpServer::newConnection, &server, [&] {
            QTcpSocket *s = server.nextPendingConnection();
            QObject::connect(s, &QTcpSocket::readyRead, s, [&, s] {
                s->readAll();
                if (mode == QLatin1String("drip")) {
                    s->write("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n");
                    QObject::connect(&drip, &QTimer::timeout, s, [s] { s->write("x"); });
                    drip.start(50);
                } else if (mode == QLatin1String("announced")) {
                    s->write("HTTP/1.1 200 OK\r\nContent-Length: 999999999\r\n\r\n{");
                } else {
                    s->write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n");
                    const QByteArray chunk(64 * 1024, 'y');
                    for (int i = 0; i < 40; ++i)
                        s->write(QByteArray::number(chunk.size(), 16) + "\r\n" + chunk + "\r\n");
                }
            });
        });
        QNetworkAccessManager nam;
        QNetworkRequest request(QUrl(QStringLiteral("http://127.0.0.1:%1/").arg(server.serverPort())));
        request.setTransferTimeout(400);  // shorter than the drip's silences: never fires
        QElapsedTimer clock;
        clock.start();
        QNetworkReply *reply = nam.get(request);
        const auto state = enforceHttpLimits(reply, {1000, 1 << 20});
        QSignalSpy finished(reply, &QNetworkReply::finished);
        QVERIFY(finished.wait(kWait));
        QCOMPARE(state->deadlinePassed, deadline);
        QCOMPARE(state->bodyTooLarge, !deadline);
        QCOMPARE(reply->error(), QNetworkReply::OperationCanceledError);
        if (deadline)
            QVERIFY2(clock.elapsed() >= 900 && clock.elapsed() < 5000, qPrintable(QString::number(clock.elapsed())));
        reply->deleteLater();
    }

    // A message over the limit closes the socket with 1009 and says why, once.
    void oversizedMessageIsRefused()
    {
        FakePusherServer server([](QWebSocket *s) {
            handshake(s);
            s->sendTextMessage(QString(int(WireSocket::kMaxMessageBytes) + 1024, u'x'));
        });
        QVERIFY(server.listen());
        Fixture f(server.credentials());
        f.connection()->open();
        QTRY_VERIFY_WITH_TIMEOUT(f.logHas(EntryKind::Error, QStringLiteral("message too big")), kWait);
        QVERIFY(f.logHas(EntryKind::Error, QStringLiteral("16 MiB")));
    }
};

QTEST_GUILESS_MAIN(TestUntrusted)
#include "tst_untrusted.moc"
