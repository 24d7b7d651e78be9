// The connection state machine (docs/protocol.md, "Connection states and timers") against a scripted in-process
// server: the exact sequence of stateChanged, the delays that pusher-js prescribes, timers,
// and the re-subscription of channels on a new connection.

#include "fakepusherserver.h"
#include "logstore.h"
#include "session.h"

#include <QElapsedTimer>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTcpServer>
#include <QWebSocket>
#include <QtTest>

#include <functional>

using namespace cs;
using cs::test::FakePusherServer;
using cs::test::later;
using cs::test::pusherError;

namespace {

constexpr int kWait = 8000;
// The 1 s back-off, measured between two stateChanged. The retry timer is a Qt::CoarseTimer,
// which may fire up to 5 % early (950 ms); pusher-js's setTimeout never fires early.
constexpr int kRetryFloorMs = 1000;  // the protocol: "at least 1 s"

QWebSocketProtocol::CloseCode closeCode(int code) { return static_cast<QWebSocketProtocol::CloseCode>(code); }

// The table's servers answer pings and subscriptions as Pusher does, unless a row says not.
const FakePusherServer::Options kReplies{.pusherReplies = true};

// Each connection gets a socket id of its own (100.200, 101.201…), so that a test can tell them apart.
void handshakeAs(QWebSocket *s, int index, qint64 activityTimeout = 120)
{
    cs::test::handshake(s, activityTimeout, QStringLiteral("%1.%2").arg(100 + index).arg(200 + index));
}

// The states a spy on Connection::stateChanged has seen, by name, and when.
struct StateLog {
    QSignalSpy spy;
    QList<qint64> at;  // ms since the log started, one per transition
    QElapsedTimer clock;

    explicit StateLog(Connection *connection) : spy(connection, &Connection::stateChanged)
    {
        clock.start();
        QObject::connect(connection, &Connection::stateChanged, connection, [this] { at << clock.elapsed(); });
    }
    QStringList names() const
    {
        QStringList out;
        for (const QList<QVariant> &args : spy)
            out << connectionStateName(args.at(0).value<ConnectionState>());
        return out;
    }
    // Each transition's `previous` is the state before it: the sequence has no gaps.
    bool chained() const
    {
        ConnectionState previous = ConnectionState::Initialized;
        for (const QList<QVariant> &args : spy) {
            if (args.at(1).value<ConnectionState>() != previous)
                return false;
            previous = args.at(0).value<ConnectionState>();
        }
        return true;
    }
};

ConnectionOptions fastOptions()
{
    ConnectionOptions o;
    o.unavailableTimeoutMs = 5000;  // out of the way unless a row is about it
    o.handshakeTimeoutMs = 3000;
    o.pongTimeoutMs = 300;
    o.maxBackoffMs = 2000;
    return o;
}

// Points `connection` at `server`, with the fast timings above.
void aimAt(Connection &connection, const FakePusherServer &server)
{
    connection.setEndpoint(server.credentials().endpoint());
    connection.setOptions(fastOptions());
}

// The scripted behaviours of the data-driven table.
FakePusherServer::PeerScript scriptFor(const QString &scenario)
{
    using S = QWebSocket *;
    // Connection 0 misbehaves as the row says; later connections just shake hands.
    const auto firstThen = [](std::function<void(S, int)> first) -> FakePusherServer::PeerScript {
        return [first](FakePusherServer &, int index, S s) {
            if (index == 0)
                first(s, index);
            else
                handshakeAs(s, index);
        };
    };
    const auto closeAfterConnect = [firstThen](int code) {
        return firstThen([code](S s, int index) {
            handshakeAs(s, index);
            later(s, 100, [code](S s) { s->close(closeCode(code), QStringLiteral("scripted %1").arg(code)); });
        });
    };
    if (scenario == QLatin1String("handshake"))
        return [](FakePusherServer &, int index, S s) { handshakeAs(s, index); };
    if (scenario == QLatin1String("4001 as pusher:error then close, in the handshake"))
        return [](FakePusherServer &, int, S s) {
            pusherError(s, 4001, QStringLiteral("App key key does not exist."));
            s->close(closeCode(4001), QStringLiteral("App key key does not exist."));
        };
    if (scenario == QLatin1String("4001 close only, in the handshake"))
        return [](FakePusherServer &, int, S s) {
            s->close(closeCode(4001), QStringLiteral("App key key does not exist."));
        };
    if (scenario == QLatin1String("4200 after connect"))
        return closeAfterConnect(4200);
    if (scenario == QLatin1String("4100 after connect"))
        return closeAfterConnect(4100);
    if (scenario == QLatin1String("4009 after connect"))
        return closeAfterConnect(4009);
    if (scenario == QLatin1String("4301 after connect"))
        return closeAfterConnect(4301);
    if (scenario == QLatin1String("1000 after connect"))
        return closeAfterConnect(1000);
    if (scenario == QLatin1String("1002 after connect"))
        return closeAfterConnect(1002);
    if (scenario == QLatin1String("pusher:error 4200 then close, after connect"))
        return firstThen([](S s, int index) {
            handshakeAs(s, index);
            later(s, 100, [](S s) {
                pusherError(s, 4200, QStringLiteral("Server is closing."));
                s->close(closeCode(4200), QStringLiteral("Server is closing."));
            });
        });
    if (scenario == QLatin1String("TCP drop after connect"))
        return firstThen([](S s, int index) {
            handshakeAs(s, index);
            later(s, 100, [](S s) { s->abort(); });
        });
    if (scenario == QLatin1String("pusher:error 4200 in the handshake"))
        return firstThen([](S s, int) { pusherError(s, 4200, QStringLiteral("try again")); });
    if (scenario == QLatin1String("pusher:error 4100 in the handshake"))
        return firstThen([](S s, int) { pusherError(s, 4100, QStringLiteral("over capacity")); });
    if (scenario == QLatin1String("invalid first message"))
        return firstThen([](S s, int) { s->sendTextMessage(QStringLiteral("{\"event\":\"hello\",\"data\":{}}")); });
    if (scenario == QLatin1String("silence, then a handshake timeout"))
        return firstThen([](S, int) {});
    if (scenario == QLatin1String("pong timeout"))
        return [](FakePusherServer &server, int index, S s) {
            // activity_timeout 1: the client pings after 1 s; the first connection never answers.
            server.peer(index).answerPings = index > 0;
            handshakeAs(s, index, 1);
        };
    if (scenario == QLatin1String("silence"))
        return [](FakePusherServer &, int, S) {};
    qFatal("unknown scenario %s", qPrintable(scenario));
    return {};
}

}  // namespace

class TestStateMachine : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void sequences_data()
    {
        QTest::addColumn<QString>("scenario");
        QTest::addColumn<QStringList>("expected");
        QTest::addColumn<int>("connections");  // how many the server saw in the end
        QTest::addColumn<int>("gapAt");        // transition index whose delay from the previous one is checked; -1 none
        QTest::addColumn<int>("minGapMs");
        QTest::addColumn<int>("maxGapMs");

        const QString c = QStringLiteral("connecting"), up = QStringLiteral("connected"),
                      down = QStringLiteral("disconnected"), unavailable = QStringLiteral("unavailable");
        const auto row = [](const QString &scenario, const QStringList &expected, int connections, int gapAt = -1,
                            int minGap = 0, int maxGap = 0) {
            QTest::newRow(qPrintable(scenario)) << scenario << expected << connections << gapAt << minGap << maxGap;
        };
        row(QStringLiteral("handshake"), {c, up}, 1);
        // 40xx: refused, no retry (nothing scheduled once the socket is gone).
        row(QStringLiteral("4001 as pusher:error then close, in the handshake"), {c, down}, 1);
        row(QStringLiteral("4001 close only, in the handshake"), {c, down}, 1);
        row(QStringLiteral("4009 after connect"), {c, up, down}, 1);
        row(QStringLiteral("4301 after connect"), {c, up, down}, 1);
        // 42xx: reconnect at once; 41xx, 1002–1004 and other closes: after 1 s.
        row(QStringLiteral("4200 after connect"), {c, up, c, up}, 2, 3, 0, 700);
        row(QStringLiteral("pusher:error 4200 then close, after connect"), {c, up, c, up}, 2, 3, 0, 700);
        row(QStringLiteral("4100 after connect"), {c, up, c, up}, 2, 3, kRetryFloorMs, 3000);
        row(QStringLiteral("1002 after connect"), {c, up, c, up}, 2, 3, kRetryFloorMs, 3000);
        row(QStringLiteral("1000 after connect"), {c, up, c, up}, 2, 3, kRetryFloorMs, 3000);
        row(QStringLiteral("TCP drop after connect"), {c, up, c, up}, 2, 3, kRetryFloorMs, 3000);
        // The handshake's first message decides: pusher:error maps its code like a close code.
        row(QStringLiteral("pusher:error 4200 in the handshake"), {c, up}, 2, 1, 0, 700);
        row(QStringLiteral("pusher:error 4100 in the handshake"), {c, up}, 2, 1, kRetryFloorMs, 3000);
        row(QStringLiteral("invalid first message"), {c, up}, 2, 1, kRetryFloorMs, 3000);
        // Activity timeout 1 s, pong timeout 0.3 s: connected, ping, no pong, reconnect at once.
        row(QStringLiteral("pong timeout"), {c, up, c, up}, 2, 2, 1200, 2500);
    }
    void sequences()
    {
        QFETCH(QString, scenario);
        QFETCH(QStringList, expected);
        QFETCH(int, connections);
        QFETCH(int, gapAt);
        QFETCH(int, minGapMs);
        QFETCH(int, maxGapMs);

        FakePusherServer server(scriptFor(scenario), kReplies);
        QVERIFY(server.listen());
        LogStore log;
        Connection connection(&log, QStringLiteral("sm"));
        aimAt(connection, server);
        StateLog states(&connection);
        connection.open();

        QTRY_COMPARE_WITH_TIMEOUT(states.names(), expected, kWait);
        // Nothing more may happen. Instead of a quiet time, wait for something that must come
        // after anything that would (each fails if the sequence goes on):
        const int last = server.connections() - 1;
        if (expected.last() == QLatin1String("connected")) {
            if (scenario == QLatin1String("pong timeout")) {
                // The client pings the answering connection twice: the first ping's pong
                // stopped the 0.3 s pong timer, or the second ping would come on a third connection.
                QTRY_VERIFY_WITH_TIMEOUT(server.count(last, QStringLiteral("pusher:ping")) >= 2, kWait);
            } else {
                // The client answers a ping after it handled everything the server sent before.
                QVERIFY(server.roundTrip(last));
            }
            QCOMPARE(connection.msUntilRetry(), qint64(-1));  // and nothing is scheduled
        } else {
            // Refused: the server sees the socket go, and no retry is scheduled: nothing can follow.
            QTRY_VERIFY_WITH_TIMEOUT(server.peer(last).closeCode != -1, kWait);
            QCOMPARE(connection.msUntilRetry(), qint64(-1));
            QCOMPARE(connection.state(), ConnectionState::Disconnected);
        }
        QCOMPARE(states.names(), expected);
        QVERIFY(states.chained());
        QCOMPARE(server.connections(), connections);
        if (gapAt >= 0) {
            const qint64 gap = states.at[gapAt] - states.at[gapAt - 1];
            QVERIFY2(gap >= minGapMs && gap <= maxGapMs,
                     qPrintable(QStringLiteral("%1 → %2 took %3 ms, expected %4…%5 ms")
                                    .arg(expected[gapAt - 1], expected[gapAt])
                                    .arg(gap)
                                    .arg(minGapMs)
                                    .arg(maxGapMs)));
        }
        if (expected.last() == QLatin1String("connected")) {
            QCOMPARE(connection.socketId(),
                     QStringLiteral("%1.%2").arg(100 + connections - 1).arg(200 + connections - 1));
            QCOMPARE(connection.msUntilRetry(), qint64(-1));
        } else {
            QVERIFY(connection.socketId().isEmpty());
            QCOMPARE(connection.msUntilRetry(), qint64(-1));  // refused: nothing scheduled
            QVERIFY2(!connection.lastError().message.isEmpty(), "a refusal says why");
        }
    }

    void pongTimeoutSentAPing()
    {
        FakePusherServer server(scriptFor(QStringLiteral("pong timeout")), kReplies);
        QVERIFY(server.listen());
        Connection connection(nullptr, QStringLiteral("sm"));
        aimAt(connection, server);
        connection.open();
        QTRY_COMPARE_WITH_TIMEOUT(server.connections(), 2, kWait);
        QCOMPARE(server.events(0), QStringList{QStringLiteral("pusher:ping")});
        // The server has accepted the second connection; its handshake may still be on the way
        // (until it is, the activity timeout is the option's 120 s). Wait for the second socket id.
        QTRY_COMPARE_WITH_TIMEOUT(connection.socketId(), QStringLiteral("101.201"), kWait);
        QCOMPARE(connection.state(), ConnectionState::Connected);
        QCOMPARE(connection.effectiveActivityTimeoutMs(), 1000);
        // The second connection answers: its pings keep it up. A second ping on it comes 1 s
        // after the first was answered, i.e. after the 0.3 s pong timeout would have struck.
        QTRY_VERIFY_WITH_TIMEOUT(server.count(1, QStringLiteral("pusher:ping")) >= 2, kWait);
        QCOMPARE(connection.state(), ConnectionState::Connected);
        QCOMPARE(server.connections(), 2);
    }

    // A handshake whose socket_id is not digits.digits is refused (the socket id is signed into
    // every private channel's auth): the log says why, and the next attempt follows after the 1 s
    // back-off.
    void invalidSocketIdIsRejected_data()
    {
        QTest::addColumn<QJsonValue>("socketId");  // undefined: no socket_id member at all
        QTest::addRow("letters") << QJsonValue(QStringLiteral("abc"));
        QTest::addRow("two dots") << QJsonValue(QStringLiteral("1.2.3"));
        QTest::addRow("empty") << QJsonValue(QString());
        QTest::addRow("a number") << QJsonValue(123);
        QTest::addRow("no dot") << QJsonValue(QStringLiteral("123456"));
        QTest::addRow("trailing newline") << QJsonValue(QStringLiteral("123.456\n"));
        QTest::addRow("missing") << QJsonValue(QJsonValue::Undefined);
    }
    void invalidSocketIdIsRejected()
    {
        QFETCH(QJsonValue, socketId);
        FakePusherServer server(
            [socketId](FakePusherServer &, int index, QWebSocket *s) {
                if (index > 0) {
                    handshakeAs(s, index);
                    return;
                }
                QJsonObject data{{QStringLiteral("activity_timeout"), 120}};
                if (!socketId.isUndefined())
                    data.insert(QStringLiteral("socket_id"), socketId);
                const QJsonObject frame{{QStringLiteral("event"), QStringLiteral("pusher:connection_established")},
                                        {QStringLiteral("data"), cs::test::frameJson(data)}};
                s->sendTextMessage(cs::test::frameJson(frame));
            },
            kReplies);
        QVERIFY(server.listen());
        LogStore log;
        Connection connection(&log, QStringLiteral("sm"));
        aimAt(connection, server);
        StateLog states(&connection);
        QSignalSpy retries(&connection, &Connection::retryScheduled);
        QSignalSpy errors(&connection, &Connection::errorOccurred);
        // What the connection says as the retry is scheduled (a busy machine may let the 1 s
        // pass before the test looks).
        qint64 pendingMs = -2;
        ConnectionState stateThen = ConnectionState::Initialized;
        QString socketIdThen = QStringLiteral("unset"), errorThen;
        connect(&connection, &Connection::retryScheduled, this, [&] {
            if (pendingMs != -2)
                return;
            pendingMs = connection.msUntilRetry();
            stateThen = connection.state();
            socketIdThen = connection.socketId();
            errorThen = connection.lastError().id();
        });
        connection.open();

        QTRY_VERIFY_WITH_TIMEOUT(retries.size() >= 1, kWait);
        // Refused at once, not after the handshake timeout: a back-off retry of 1 s is pending.
        QCOMPARE(retries.at(0).at(0).toInt(), 1000);
        QVERIFY2(retries.at(0).at(1).toString().startsWith(QLatin1String("invalid handshake: no valid socket_id")),
                 qPrintable(retries.at(0).at(1).toString()));
        QVERIFY2(pendingMs > 900 && pendingMs <= 1000, qPrintable(QString::number(pendingMs)));
        QCOMPARE(stateThen, ConnectionState::Connecting);
        QVERIFY(socketIdThen.isEmpty());
        QCOMPARE(errorThen, QStringLiteral("handshake"));
        QCOMPARE(errors.size(), 1);
        log.flush();
        int logged = 0;
        for (qsizetype i = 0; i < log.size(); ++i) {
            const LogEntry e = log.at(i);
            logged += e.kind == EntryKind::Error
                      && e.message.startsWith(QLatin1String("invalid handshake: no valid socket_id"));
        }
        QCOMPARE(logged, 1);

        // The retry gets a valid handshake; the state never showed "connected" for the bad one.
        QTRY_COMPARE_WITH_TIMEOUT(connection.state(), ConnectionState::Connected, kWait);
        QCOMPARE(connection.socketId(), QStringLiteral("101.201"));
        QCOMPARE(states.names(), (QStringList{QStringLiteral("connecting"), QStringLiteral("connected")}));
        const qint64 gap = states.at[1] - states.at[0];
        QVERIFY2(gap >= kRetryFloorMs, qPrintable(QString::number(gap)));
        QCOMPARE(server.connections(), 2);
        QCOMPARE(retries.size(), 1);
    }

    void answersServerPings()
    {
        FakePusherServer server(
            [](FakePusherServer &, int index, QWebSocket *s) {
                handshakeAs(s, index);
                later(s, 50, [](QWebSocket *s) {
                    s->sendTextMessage(QStringLiteral("{\"event\":\"pusher:ping\",\"data\":{}}"));
                });
            },
            kReplies);
        QVERIFY(server.listen());
        Connection connection(nullptr, QStringLiteral("sm"));
        connection.setEndpoint(server.credentials().endpoint());
        connection.open();
        QTRY_COMPARE_WITH_TIMEOUT(server.events(0), QStringList{QStringLiteral("pusher:pong")}, kWait);
        QCOMPARE(connection.state(), ConnectionState::Connected);
    }

    void userCloseAfterConnect()
    {
        FakePusherServer server(scriptFor(QStringLiteral("handshake")), kReplies);
        QVERIFY(server.listen());
        Connection connection(nullptr, QStringLiteral("sm"));
        aimAt(connection, server);
        StateLog states(&connection);
        connection.open();
        QTRY_COMPARE_WITH_TIMEOUT(connection.state(), ConnectionState::Connected, kWait);
        connection.close();
        const QStringList expected{QStringLiteral("connecting"), QStringLiteral("connected"),
                                   QStringLiteral("disconnected")};
        QCOMPARE(states.names(), expected);
        // No retry follows a user's close: none is scheduled, and the server sees the close
        // (so no late event of that socket can reach the connection).
        QCOMPARE(connection.msUntilRetry(), qint64(-1));
        QTRY_VERIFY_WITH_TIMEOUT(server.peer(0).closeCode != -1, kWait);
        QCOMPARE(connection.msUntilRetry(), qint64(-1));
        QCOMPARE(states.names(), expected);
        QCOMPARE(server.connections(), 1);
        // And open() works again.
        connection.open();
        QTRY_COMPARE_WITH_TIMEOUT(connection.state(), ConnectionState::Connected, kWait);
        QCOMPARE(states.names(), (expected + QStringList{QStringLiteral("connecting"), QStringLiteral("connected")}));
    }

    // The server sees a close handshake with 1000, not a dropped TCP connection.
    void userCloseSendsACloseFrame()
    {
        FakePusherServer server(scriptFor(QStringLiteral("handshake")), kReplies);
        QVERIFY(server.listen());
        Connection connection(nullptr, QStringLiteral("sm"));
        connection.setEndpoint(server.credentials().endpoint());
        connection.open();
        QTRY_COMPARE_WITH_TIMEOUT(connection.state(), ConnectionState::Connected, kWait);
        connection.close();
        QTRY_VERIFY_WITH_TIMEOUT(server.peer(0).closeCode != -1, kWait);
        QCOMPARE(server.peer(0).closeCode, int(QWebSocketProtocol::CloseCodeNormal));
    }

    // What the log says about each close: the code the client saw and the action taken.
    void closeIsLoggedWithCodeAndAction_data()
    {
        QTest::addColumn<QString>("scenario");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("action");
        QTest::addRow("4200") << QStringLiteral("4200 after connect") << 4200 << QStringLiteral("retry");
        QTest::addRow("4100") << QStringLiteral("4100 after connect") << 4100 << QStringLiteral("backoff");
        QTest::addRow("4009") << QStringLiteral("4009 after connect") << 4009 << QStringLiteral("refused");
        QTest::addRow("1002") << QStringLiteral("1002 after connect") << 1002 << QStringLiteral("backoff");
        // No close frame at all: RFC 6455 calls that 1006, never a normal 1000.
        QTest::addRow("TCP drop") << QStringLiteral("TCP drop after connect") << 1006 << QStringLiteral("none");
    }
    void closeIsLoggedWithCodeAndAction()
    {
        QFETCH(QString, scenario);
        QFETCH(int, code);
        QFETCH(QString, action);
        FakePusherServer server(scriptFor(scenario), kReplies);
        QVERIFY(server.listen());
        LogStore log;
        Connection connection(&log, QStringLiteral("sm"));
        aimAt(connection, server);
        connection.open();
        QJsonObject details;
        const auto closeLogged = [&] {
            log.flush();
            for (qsizetype i = 0; i < log.size(); ++i) {
                const LogEntry e = log.at(i);
                if (e.message.startsWith(QLatin1String("connection closed")))
                    details = e.data().toObject();
            }
            return !details.isEmpty();
        };
        QTRY_VERIFY_WITH_TIMEOUT(closeLogged(), kWait);
        QCOMPARE(details.value(QStringLiteral("close_code")).toInt(), code);
        QCOMPARE(details.value(QStringLiteral("action")).toString(), action);
    }

    void closeBeforeConnectedStopsEverything()
    {
        FakePusherServer server(scriptFor(QStringLiteral("silence")), kReplies);
        QVERIFY(server.listen());
        Connection connection(nullptr, QStringLiteral("sm"));
        aimAt(connection, server);
        StateLog states(&connection);
        connection.open();
        QTRY_COMPARE_WITH_TIMEOUT(server.connections(), 1, kWait);
        connection.close();
        // Deterministic instead of a quiet time: nothing is scheduled, and the server sees the
        // socket go (no late handshake can arrive on it).
        QCOMPARE(connection.msUntilRetry(), qint64(-1));
        QTRY_VERIFY_WITH_TIMEOUT(server.peer(0).closeCode != -1, kWait);
        QCOMPARE(states.names(), (QStringList{QStringLiteral("connecting"), QStringLiteral("disconnected")}));
        QCOMPARE(connection.msUntilRetry(), qint64(-1));
        QCOMPARE(server.connections(), 1);
    }

    void unavailable_data()
    {
        QTest::addColumn<bool>("listening");  // a silent server accepts TCP but never shakes hands
        QTest::addRow("nothing listens") << false;
        QTest::addRow("the server never answers") << true;
    }
    // connecting -> unavailable after unavailableTimeoutMs, retries go on, and once the
    // server works the state goes straight to connected.
    void unavailable()
    {
        QFETCH(bool, listening);
        quint16 port = 0;
        std::unique_ptr<FakePusherServer> silent;
        if (listening) {
            silent = std::make_unique<FakePusherServer>(scriptFor(QStringLiteral("silence")), kReplies);
            QVERIFY(silent->listen());
            port = silent->port();
        } else {
            QTcpServer probe;  // a port nothing listens on
            QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
            port = probe.serverPort();
        }
        Connection connection(nullptr, QStringLiteral("sm"));
        connection.setEndpoint(cs::test::localCredentials(port).endpoint());
        ConnectionOptions options = fastOptions();
        options.unavailableTimeoutMs = 400;
        options.handshakeTimeoutMs = 250;
        options.maxBackoffMs = 200;
        connection.setOptions(options);
        StateLog states(&connection);
        QSignalSpy retries(&connection, &Connection::retryScheduled);
        connection.open();

        const QStringList expected{QStringLiteral("connecting"), QStringLiteral("unavailable")};
        QTRY_COMPARE_WITH_TIMEOUT(states.names(), expected, kWait);
        const qint64 after = states.at[1] - states.at[0];
        QVERIFY2(after >= 350 && after < 1500, qPrintable(QString::number(after)));
        // Retries go on without new states: two more retries are scheduled (each one after a
        // failed attempt), and the states did not move.
        const qsizetype seen = retries.size();
        QTRY_VERIFY_WITH_TIMEOUT(retries.size() >= seen + 2, kWait);
        QCOMPARE(states.names(), expected);
        QVERIFY(!connection.lastError().message.isEmpty());

        // Now a working server on that port.
        silent.reset();
        FakePusherServer server(scriptFor(QStringLiteral("handshake")), kReplies);
        QVERIFY(server.listen(port));
        QTRY_COMPARE_WITH_TIMEOUT(states.names(), (expected + QStringList{QStringLiteral("connected")}), kWait);
        QVERIFY(states.chained());
        QCOMPARE(connection.msUntilRetry(), qint64(-1));
    }

    void msUntilRetryCountsDown()
    {
        FakePusherServer server(scriptFor(QStringLiteral("4100 after connect")), kReplies);
        QVERIFY(server.listen());
        Connection connection(nullptr, QStringLiteral("sm"));
        aimAt(connection, server);
        QSignalSpy scheduled(&connection, &Connection::retryScheduled);
        QCOMPARE(connection.msUntilRetry(), qint64(-1));
        connection.open();
        QTRY_COMPARE_WITH_TIMEOUT(connection.state(), ConnectionState::Connected, kWait);
        QCOMPARE(connection.msUntilRetry(), qint64(-1));
        QTRY_COMPARE_WITH_TIMEOUT(scheduled.size(), 1, kWait);
        QCOMPARE(scheduled.at(0).at(0).toInt(), 1000);
        QCOMPARE(connection.state(), ConnectionState::Connecting);

        QElapsedTimer sinceFirst;
        sinceFirst.start();
        const qint64 first = connection.msUntilRetry();
        QVERIFY2(first > 800 && first <= 1000, qPrintable(QString::number(first)));
        // It counts down with the clock: wait until it has dropped by 250 ms, and that must
        // not happen before 250 ms have passed (nor stay stuck: the wait would time out).
        qint64 second = first;
        QVERIFY(QTest::qWaitFor(
            [&] {
                second = connection.msUntilRetry();
                return second >= 0 && second <= first - 250;
            },
            kWait));
        QVERIFY2(sinceFirst.elapsed() >= 240,
                 qPrintable(QStringLiteral("%1 then %2 after %3 ms").arg(first).arg(second).arg(sinceFirst.elapsed())));
        QCOMPARE(connection.state(), ConnectionState::Connecting);
        QTRY_COMPARE_WITH_TIMEOUT(connection.state(), ConnectionState::Connected, kWait);
        QCOMPARE(connection.msUntilRetry(), qint64(-1));
    }

    void effectiveActivityTimeout_data()
    {
        QTest::addColumn<int>("optionMs");
        QTest::addColumn<int>("serverSeconds");
        QTest::addColumn<int>("effectiveMs");
        QTest::addRow("soketi's 30 s") << 120000 << 30 << 30000;
        QTest::addRow("hosted Pusher's 120 s") << 120000 << 120 << 120000;
        QTest::addRow("server asks more than our 120 s") << 120000 << 500 << 120000;
        QTest::addRow("our option below the server's") << 10000 << 30 << 10000;
    }
    void effectiveActivityTimeout()
    {
        QFETCH(int, optionMs);
        QFETCH(int, serverSeconds);
        QFETCH(int, effectiveMs);
        FakePusherServer server([serverSeconds](FakePusherServer &, int index,
                                                QWebSocket *s) { handshakeAs(s, index, serverSeconds); },
                                kReplies);
        QVERIFY(server.listen());
        Connection connection(nullptr, QStringLiteral("sm"));
        connection.setEndpoint(server.credentials().endpoint());
        ConnectionOptions options = fastOptions();
        options.activityTimeoutMs = optionMs;
        connection.setOptions(options);
        QCOMPARE(connection.effectiveActivityTimeoutMs(), optionMs);  // no server value yet
        connection.open();
        QTRY_COMPARE_WITH_TIMEOUT(connection.state(), ConnectionState::Connected, kWait);
        QCOMPARE(connection.effectiveActivityTimeoutMs(), effectiveMs);
    }

    // On a new connection every channel is subscribed again; meanwhile it is pending.
    void resubscribesOnReconnect()
    {
        FakePusherServer server(
            [](FakePusherServer &, int index, QWebSocket *s) {
                handshakeAs(s, index);
                if (index == 0)  // the server restarts once the first subscription is confirmed
                    QObject::connect(s, &QWebSocket::textMessageReceived, s, [s](const QString &text) {
                        if (text.contains(QLatin1String("pusher:subscribe")))
                            later(s, 100, [](QWebSocket *s) {
                                s->close(closeCode(4200), QStringLiteral("Server is closing."));
                            });
                    });
            },
            kReplies);
        QVERIFY(server.listen());
        LogStore log;
        Session session(server.credentials(), &log, QStringLiteral("sm"));
        session.connection()->setOptions(fastOptions());
        StateLog states(session.connection());
        QVERIFY(session.channels()->subscribe(QStringLiteral("public-news")));
        QSignalSpy succeeded(session.channels(), &ChannelRegistry::subscriptionSucceeded);
        QList<SubscriptionState> whenConnecting;
        QObject::connect(session.connection(), &Connection::stateChanged, &log, [&](ConnectionState current) {
            if (current == ConnectionState::Connecting)
                whenConnecting << session.channels()->subscription(QStringLiteral("public-news"))->state;
        });
        session.connection()->open();

        const QStringList expected{QStringLiteral("connecting"), QStringLiteral("connected"),
                                   QStringLiteral("connecting"), QStringLiteral("connected")};
        QTRY_COMPARE_WITH_TIMEOUT(states.names(), expected, kWait);
        QTRY_COMPARE_WITH_TIMEOUT(succeeded.size(), 2, kWait);
        QCOMPARE(server.connections(), 2);
        QCOMPARE(server.subscribedChannels(0), QStringList{QStringLiteral("public-news")});
        QCOMPARE(server.subscribedChannels(1), QStringList{QStringLiteral("public-news")});
        QCOMPARE(session.channels()->subscription(QStringLiteral("public-news"))->state, SubscriptionState::Subscribed);
        QCOMPARE(whenConnecting.size(), 2);
        QCOMPARE(whenConnecting.last(), SubscriptionState::Pending);  // after the drop, before the new connection
        // Once, not twice: a duplicate would have been sent before the answer to a later ping.
        QVERIFY(server.roundTrip(1));
        QCOMPARE(server.subscribedChannels(1), QStringList{QStringLiteral("public-news")});
    }
};

QTEST_GUILESS_MAIN(TestStateMachine)
#include "tst_statemachine.moc"
