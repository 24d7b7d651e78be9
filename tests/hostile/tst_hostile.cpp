// A hostile in-process server for what a real server will not do: garbage frames, broken
// handshakes, every class of close code, silence, huge frames and untrusted certificates.
// Each case asserts what the connection does and what it writes to the log.

#include "fakepusherserver.h"
#include "testclient.h"
#include "logstore.h"
#include "session.h"

#include <QProcess>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QSslKey>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QWebSocket>
#include <QWebSocketServer>
#include <QtTest>

#include <atomic>
#include <functional>
#include <memory>

using namespace cs;
using cs::test::FakePusherServer;
using cs::test::Fixture;
using cs::test::handshake;

namespace {

constexpr int kWait = 10000;

// A TLS configuration with a fresh self-signed certificate for CN=localhost (the key and
// certificate files live in `dir`).
bool selfSignedTls(const QTemporaryDir &dir, QSslConfiguration &tls)
{
    QProcess openssl;
    openssl.start(QStringLiteral("openssl"),
                  {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
                   QStringLiteral("rsa:2048"), QStringLiteral("-nodes"), QStringLiteral("-days"), QStringLiteral("2"),
                   QStringLiteral("-subj"), QStringLiteral("/CN=localhost"), QStringLiteral("-addext"),
                   QStringLiteral("subjectAltName=DNS:localhost"), QStringLiteral("-keyout"),
                   dir.filePath(QStringLiteral("key.pem")), QStringLiteral("-out"),
                   dir.filePath(QStringLiteral("cert.pem"))});
    if (!openssl.waitForFinished(30000) || openssl.exitStatus() != QProcess::NormalExit || openssl.exitCode() != 0)
        return false;
    QFile certFile(dir.filePath(QStringLiteral("cert.pem"))), keyFile(dir.filePath(QStringLiteral("key.pem")));
    if (!certFile.open(QIODevice::ReadOnly) || !keyFile.open(QIODevice::ReadOnly))
        return false;
    tls = QSslConfiguration::defaultConfiguration();
    tls.setLocalCertificate(QSslCertificate(&certFile, QSsl::Pem));
    tls.setPrivateKey(QSslKey(&keyFile, QSsl::Rsa, QSsl::Pem));
    return !tls.localCertificate().isNull() && !tls.privateKey().isNull();
}

// Waits until every batch the connection's reader thread posted so far has been delivered: a
// call queued to the reader thread queues a call back, which runs after those batches.
bool readerThreadDrained(Connection *connection)
{
    auto *reader = connection->findChild<QThread *>();
    if (!reader || !reader->isRunning())
        return true;  // no reader, nothing in flight
    auto back = std::make_shared<std::atomic<bool>>(false);
    auto *inReader = new QObject;  // deleted in the reader thread (or as it finishes)
    inReader->moveToThread(reader);
    QMetaObject::invokeMethod(
        inReader,
        [inReader, back] {
            QMetaObject::invokeMethod(
                QCoreApplication::instance(), [back] { back->store(true); }, Qt::QueuedConnection);
            inReader->deleteLater();
        },
        Qt::QueuedConnection);
    return QTest::qWaitFor([&back] { return back->load(); }, kWait);
}

}  // namespace

class TestHostile : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void garbageFramesAreLoggedAndSurvived_data()
    {
        QTest::addColumn<QString>("frame");
        QTest::addRow("not JSON") << "{this is not json";
        QTest::addRow("JSON array") << "[1,2,3]";
        QTest::addRow("no event") << R"({"data":"x"})";
        QTest::addRow("event not a string") << R"({"event":42})";
        QTest::addRow("empty") << "";
    }
    void garbageFramesAreLoggedAndSurvived()
    {
        QFETCH(QString, frame);
        FakePusherServer server([frame](QWebSocket *s) {
            handshake(s);
            s->sendTextMessage(frame);
            s->sendTextMessage(QStringLiteral(R"({"event":"after","channel":"c","data":"{}"})"));
        });
        QVERIFY(server.listen());
        Fixture f(server.credentials());
        f.connection()->open();
        QTRY_COMPARE_WITH_TIMEOUT(f.connection()->state(), ConnectionState::Connected, kWait);
        QTRY_VERIFY_WITH_TIMEOUT(f.logHas(EntryKind::Error, QStringLiteral("not a Pusher message")), kWait);
        // The raw garbage is kept for the user to see, and the next frame still arrives.
        f.log.flush();
        bool keptRaw = false, sawNext = false;
        for (qsizetype i = 0; i < f.log.size(); ++i) {
            const LogEntry e = f.log.at(i);
            keptRaw =
                keptRaw || (e.kind == EntryKind::Error && e.direction == Direction::In && e.raw == frame.toUtf8());
            sawNext = sawNext || e.event == QLatin1String("after");
        }
        QVERIFY(keptRaw);
        QTRY_VERIFY_WITH_TIMEOUT(sawNext || (f.log.flush(), false), kWait);
        QCOMPARE(f.connection()->state(), ConnectionState::Connected);
    }

    void unknownEventsAreLoggedNotFatal()
    {
        FakePusherServer server([](QWebSocket *s) {
            handshake(s);
            s->sendTextMessage(QStringLiteral(R"({"event":"pusher:from_the_future","data":{"x":1}})"));
            s->sendTextMessage(QStringLiteral(R"({"event":"orphan","channel":"never-subscribed","data":"1"})"));
            s->sendTextMessage(QStringLiteral(
                R"({"event":"pusher_internal:member_added","channel":"presence-nope","data":"garbage"})"));
        });
        QVERIFY(server.listen());
        Fixture f(server.credentials());
        f.connection()->open();
        QTRY_COMPARE_WITH_TIMEOUT(f.connection()->state(), ConnectionState::Connected, kWait);
        // Frames are logged by the reader thread as they arrive, so the Connection's own entries
        // about the handshake may come after them: look for the frame anywhere.
        const auto logged = [&f](const QString &channel) {
            f.log.flush();
            for (qsizetype i = 0; i < f.log.size(); ++i)
                if (f.log.channelAt(i) == channel)
                    return true;
            return false;
        };
        QTRY_VERIFY_WITH_TIMEOUT(logged(QStringLiteral("presence-nope")), kWait);
        QCOMPARE(f.connection()->state(), ConnectionState::Connected);
    }

    // A broken handshake is refused, logged, and retried after a back-off.
    void badHandshakeIsRejected_data()
    {
        QTest::addColumn<QString>("first");   // the server's first message
        QTest::addColumn<QString>("logged");  // in the error entry
        QTest::addRow("no activity_timeout") << QString::fromLatin1(
            "{\"event\":\"pusher:connection_established\",\"data\":\"{\\\"socket_id\\\":\\\"1.2\\\"}\"}")
                                             << QStringLiteral("no activity_timeout");
        QTest::addRow("wrong first message")
            << QStringLiteral(R"({"event":"hello"})") << QStringLiteral("invalid handshake");
    }
    void badHandshakeIsRejected()
    {
        QFETCH(QString, first);
        QFETCH(QString, logged);
        FakePusherServer server([first](QWebSocket *s) { s->sendTextMessage(first); });
        QVERIFY(server.listen());
        Fixture f(server.credentials());
        QSignalSpy retries(f.connection(), &Connection::retryScheduled);
        f.connection()->open();
        QTRY_VERIFY_WITH_TIMEOUT(retries.size() >= 1, kWait);
        QTRY_VERIFY_WITH_TIMEOUT(f.logHas(EntryKind::Error, logged), kWait);
        QVERIFY(f.connection()->state() != ConnectionState::Connected);
        QCOMPARE(f.connection()->lastError().id(), QStringLiteral("handshake"));
        QVERIFY(retries.first().at(0).toInt() >= 1000);  // backs off rather than hammering
        f.connection()->close();
    }

    void closeCodes_data()
    {
        QTest::addColumn<int>("code");
        QTest::addColumn<bool>("retries");
        QTest::addColumn<int>("minDelay");
        QTest::addColumn<int>("maxDelay");
        QTest::addColumn<QString>("explanation");
        QTest::addRow("4001 app key does not exist") << 4001 << false << -1 << -1 << "wrong cluster";
        QTest::addRow("4100 over capacity") << 4100 << true << 1000 << 1000 << "4100";
        QTest::addRow("4200 reconnect now") << 4200 << true << 0 << 0 << "4200";
        QTest::addRow("4301 client event rejected") << 4301 << false << -1 << -1 << "4301";
        QTest::addRow("1006-like abnormal 1011") << 1011 << true << 1000 << 1000 << "1011";
    }
    void closeCodes()
    {
        QFETCH(int, code);
        QFETCH(bool, retries);
        QFETCH(int, minDelay);
        QFETCH(int, maxDelay);
        QFETCH(QString, explanation);
        bool first = true;
        FakePusherServer server([&first, code](QWebSocket *s) {
            handshake(s);
            if (!first)
                return;  // the reconnect attempt is left alone
            first = false;
            s->sendTextMessage(
                QStringLiteral(R"({"event":"pusher:error","data":{"code":%1,"message":"scripted"}})").arg(code));
            s->close(QWebSocketProtocol::CloseCode(code), QStringLiteral("scripted close"));
        });
        QVERIFY(server.listen());
        Fixture f(server.credentials());
        QSignalSpy retrySpy(f.connection(), &Connection::retryScheduled);
        QSignalSpy errors(f.connection(), &Connection::errorOccurred);
        f.connection()->open();
        if (retries) {
            QTRY_VERIFY_WITH_TIMEOUT(retrySpy.size() >= 1, kWait);
            const int delay = retrySpy.first().at(0).toInt();
            QVERIFY2(delay >= minDelay && delay <= maxDelay, qPrintable(QString::number(delay)));
            QTRY_COMPARE_WITH_TIMEOUT(server.connections(), 2, kWait);
            QTRY_COMPARE_WITH_TIMEOUT(f.connection()->state(), ConnectionState::Connected, kWait);
        } else {
            QTRY_COMPARE_WITH_TIMEOUT(f.connection()->state(), ConnectionState::Disconnected, kWait);
            // No reconnect for refused codes: none is scheduled, and the server's socket is
            // closed (nothing of it can reach the connection later).
            QCOMPARE(f.connection()->msUntilRetry(), qint64(-1));
            QTRY_VERIFY_WITH_TIMEOUT(!server.findChild<QWebSocket *>()
                                         || server.findChild<QWebSocket *>()->state()
                                                == QAbstractSocket::UnconnectedState,
                                     kWait);
            QVERIFY(readerThreadDrained(f.connection()));
            QCOMPARE(f.connection()->msUntilRetry(), qint64(-1));
            QCOMPARE(f.connection()->state(), ConnectionState::Disconnected);
            QCOMPARE(server.connections(), 1);
            QCOMPARE(retrySpy.size(), 0);
        }
        QVERIFY(!errors.isEmpty());
        QCOMPARE(errors.last().at(0).value<Error>().id(), QStringLiteral("close-%1").arg(code));
        QVERIFY2(f.logHas(EntryKind::Error, explanation), qPrintable(explanation));
        QVERIFY(f.logHas(EntryKind::Error, QStringLiteral("scripted close")));
        f.connection()->close();
    }

    void silenceLeadsToPingThenReconnect()
    {
        FakePusherServer server([](QWebSocket *s) { handshake(s, 1); });  // then never answers
        QVERIFY(server.listen());
        Fixture f(server.credentials());
        ConnectionOptions options;
        options.pongTimeoutMs = 500;
        f.connection()->setOptions(options);
        f.connection()->open();
        QTRY_COMPARE_WITH_TIMEOUT(f.connection()->state(), ConnectionState::Connected, kWait);
        QCOMPARE(f.connection()->effectiveActivityTimeoutMs(), 1000);
        QTRY_VERIFY_WITH_TIMEOUT(server.received().contains(QStringLiteral(R"({"event":"pusher:ping","data":{}})")),
                                 kWait);
        QTRY_COMPARE_WITH_TIMEOUT(server.connections(), 2, kWait);
        QVERIFY(f.logHas(EntryKind::Timer, QStringLiteral("sending pusher:ping")));
        QVERIFY(f.logHas(EntryKind::Timer, QStringLiteral("no answer to pusher:ping")));
        f.connection()->close();
    }

    void serverPingIsAnswered()
    {
        FakePusherServer server([](QWebSocket *s) {
            handshake(s);
            s->sendTextMessage(QStringLiteral(R"({"event":"pusher:ping","data":"{}"})"));
        });
        QVERIFY(server.listen());
        Fixture f(server.credentials());
        f.connection()->open();
        QTRY_VERIFY_WITH_TIMEOUT(server.received().contains(QStringLiteral(R"({"event":"pusher:pong","data":{}})")),
                                 kWait);
    }

    void nothingArrivesAfterDisconnect()
    {
        // A flood is on its way when the user disconnects: batches the reader thread already
        // posted must not reach the closed connection (no events, no "connected" again, no timers).
        FakePusherServer server([](QWebSocket *s) {
            handshake(s);
            for (int i = 0; i < 5000; ++i)
                s->sendTextMessage(QStringLiteral(R"({"event":"tick","channel":"flood","data":"{}"})"));
        });
        QVERIFY(server.listen());
        Fixture f(server.credentials());
        int framesAfterClose = 0;
        bool closed = false;
        connect(f.connection(), &Connection::frameReceived, f.connection(),
                [&] { framesAfterClose += closed ? 1 : 0; });
        connect(f.connection(), &Connection::connected, f.connection(), [&] {
            f.connection()->close();
            closed = true;
        });
        f.connection()->open();
        QTRY_VERIFY_WITH_TIMEOUT(closed, kWait);
        // Instead of a quiet time: every batch the reader thread had posted is delivered first.
        QVERIFY(readerThreadDrained(f.connection()));
        QCOMPARE(framesAfterClose, 0);
        QCOMPARE(f.connection()->state(), ConnectionState::Disconnected);
        QCOMPARE(f.connection()->msUntilRetry(), qint64(-1));
    }

    void tenMegabyteFrameIsReceivedWhole()
    {
        const QString payload(10 * 1024 * 1024, QLatin1Char('x'));
        FakePusherServer server([&payload](QWebSocket *s) {
            handshake(s);
            s->sendTextMessage(QStringLiteral(R"({"event":"big","channel":"bulk","data":"%1"})").arg(payload));
            s->sendTextMessage(QStringLiteral(R"({"event":"small","channel":"bulk","data":"{}"})"));
        });
        QVERIFY(server.listen());
        Fixture f(server.credentials());
        f.connection()->open();
        QTRY_COMPARE_WITH_TIMEOUT(f.connection()->state(), ConnectionState::Connected, kWait);
        auto find = [&f](const QString &event) -> std::optional<LogEntry> {
            f.log.flush();
            for (qsizetype i = 0; i < f.log.size(); ++i)
                if (const LogEntry e = f.log.at(i); e.event == event)
                    return e;
            return std::nullopt;
        };
        QTRY_VERIFY_WITH_TIMEOUT(find(QStringLiteral("small")).has_value(), 30000);
        const auto big = find(QStringLiteral("big"));
        QVERIFY(big.has_value());
        QVERIFY(big->raw.size() > 10 * 1024 * 1024);
        QCOMPARE(big->data().toString().size(), payload.size());
        QCOMPARE(f.connection()->state(), ConnectionState::Connected);
    }

    void selfSignedCertificate_data()
    {
        QTest::addColumn<QString>("pin");  // "served": the served certificate's fingerprint
        QTest::addRow("rejected without a pin") << QString();
        QTest::addRow("accepted when pinned") << QStringLiteral("served");
        QTest::addRow("another certificate refused") << QStringLiteral("AB:").repeated(31) + QStringLiteral("AB");
    }
    void selfSignedCertificate()
    {
        QFETCH(QString, pin);
        QTemporaryDir dir;
        QSslConfiguration tls;
        QVERIFY(selfSignedTls(dir, tls));
        const QString servedSha256 =
            QString::fromLatin1(tls.localCertificate().digest(QCryptographicHash::Sha256).toHex(':').toUpper());

        FakePusherServer server([](QWebSocket *s) { handshake(s); }, {.tls = true});
        server.server().setSslConfiguration(tls);
        QVERIFY(server.listen());
        Credentials creds = server.credentials(true);
        creds.pinnedSha256 = pin == QLatin1String("served") ? servedSha256 : pin;
        Fixture f(creds);
        f.connection()->open();
        if (pin == QLatin1String("served")) {
            QTRY_COMPARE_WITH_TIMEOUT(f.connection()->state(), ConnectionState::Connected, kWait);
            QVERIFY(
                f.logHas(EntryKind::State, QStringLiteral("accepting the pinned certificate SHA256 ") + servedSha256));
        } else {
            QTRY_COMPARE_WITH_TIMEOUT(f.connection()->state(), ConnectionState::Failed, kWait);
            QCOMPARE(f.connection()->lastError().id(), QStringLiteral("tls"));
            const QString message = f.connection()->lastError().message;
            QVERIFY2(message.contains(QLatin1String("self-signed"), Qt::CaseInsensitive), qPrintable(message));
            // Names what was presented, and what was expected when a pin was set.
            QVERIFY2(message.contains(QStringLiteral("presented certificate SHA256 ") + servedSha256)
                         || message.contains(QStringLiteral("presented SHA256 ") + servedSha256),
                     qPrintable(message));
            if (!pin.isEmpty())
                QVERIFY2(message.contains(QStringLiteral("expected SHA256 ") + pin), qPrintable(message));
            QVERIFY(f.logHas(EntryKind::Error, QStringLiteral("Trust this certificate")));
            // The details name the certificate.
            f.log.flush();
            bool described = false;
            for (qsizetype i = 0; i < f.log.size(); ++i)
                described = described || f.log.at(i).raw.contains("CN=localhost")
                            || f.log.at(i).raw.contains("\"subject\":\"localhost\"");
            QVERIFY(described);
        }
    }

    // Close 4000 ("TLS only"): the next attempt goes to the same host and port with wss. The plain
    // server hands its port to a TLS server before it closes, so only a wss attempt can succeed.
    void close4000RetriesWithWss()
    {
        QTemporaryDir dir;
        QSslConfiguration tls;
        QVERIFY(selfSignedTls(dir, tls));
        FakePusherServer secure([](QWebSocket *s) { handshake(s); }, {.tls = true});
        secure.server().setSslConfiguration(tls);
        bool secureListens = false;
        FakePusherServer *plainServer = nullptr;
        FakePusherServer plain([&](QWebSocket *s) {
            const quint16 port = plainServer->server().serverPort();
            plainServer->server().close();  // the accepted socket stays; the port is free to listen on
            secureListens = secure.server().listen(QHostAddress::LocalHost, port);
            handshake(s);
            QTimer::singleShot(50, s, [s] {
                s->close(QWebSocketProtocol::CloseCode(4000), QStringLiteral("Application only accepts TLS"));
            });
        });
        plainServer = &plain;
        QVERIFY(plain.listen());
        const quint16 port = plain.server().serverPort();
        Credentials creds = plain.credentials(false);
        creds.pinnedSha256 =
            QString::fromLatin1(tls.localCertificate().digest(QCryptographicHash::Sha256).toHex(':').toUpper());
        Fixture f(creds);
        QSignalSpy states(f.connection(), &Connection::stateChanged);
        QSignalSpy retries(f.connection(), &Connection::retryScheduled);
        f.connection()->open();

        QTRY_COMPARE_WITH_TIMEOUT(secure.connections(), 1, kWait);
        QVERIFY(secureListens);
        QTRY_COMPARE_WITH_TIMEOUT(f.connection()->state(), ConnectionState::Connected, kWait);
        QCOMPARE(plain.connections(), 1);
        QStringList names;
        for (const QList<QVariant> &args : states)
            names << connectionStateName(args.at(0).value<ConnectionState>());
        QCOMPARE(names, (QStringList{QStringLiteral("connecting"), QStringLiteral("connected"),
                                     QStringLiteral("connecting"), QStringLiteral("connected")}));
        // At once (4000 is not a back-off), and the log says why and where.
        QCOMPARE(retries.size(), 1);
        QCOMPARE(retries.at(0).at(0).toInt(), 0);
        QCOMPARE(retries.at(0).at(1).toString(), QStringLiteral("the server accepts TLS only: retrying with wss"));
        QVERIFY(f.logHas(EntryKind::Error, QStringLiteral("Application only accepts TLS")));
        QVERIFY(f.logHas(EntryKind::Timer, QStringLiteral("retrying with wss")));
        QCOMPARE(f.logCount(EntryKind::State, QStringLiteral("opening ws://localhost:%1/").arg(port)), 1);
        QCOMPARE(f.logCount(EntryKind::State, QStringLiteral("opening wss://localhost:%1/").arg(port)), 1);
        QVERIFY(f.logHas(EntryKind::State, QStringLiteral("self-signed")));
        f.connection()->close();
    }

    void connectionRefusedBacksOffExponentially()
    {
        quint16 port = 0;
        {
            QTcpServer probe;
            QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
            port = probe.serverPort();
        }
        Credentials c;
        c.key = QStringLiteral("k");
        c.host = QStringLiteral("127.0.0.1");
        c.port = port;
        c.tls = false;
        Fixture f(c);
        ConnectionOptions options;
        options.unavailableTimeoutMs = 1500;
        f.connection()->setOptions(options);
        QSignalSpy retries(f.connection(), &Connection::retryScheduled);
        f.connection()->open();
        QTRY_VERIFY_WITH_TIMEOUT(retries.size() >= 3, kWait);
        QCOMPARE(retries.at(0).at(0).toInt(), 1000);
        QCOMPARE(retries.at(1).at(0).toInt(), 2000);
        QTRY_COMPARE_WITH_TIMEOUT(f.connection()->state(), ConnectionState::Unavailable, kWait);
        QVERIFY(f.logHas(EntryKind::Error, QStringLiteral("refused")));
        f.connection()->close();
        QCOMPARE(f.connection()->state(), ConnectionState::Disconnected);
    }
};

QTEST_GUILESS_MAIN(TestHostile)
#include "tst_hostile.moc"
