// Reconnection against a real soketi that crashes, restarts or shuts down: channels come back
// on their own, with fresh auth for the new socket id.

#include "logstore.h"
#include "session.h"
#include "soketi.h"

#include <QSignalSpy>
#include <QtTest>

using namespace cs;

namespace {
constexpr int kWait = 20000;
}

class TestReconnect : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void channelsComeBackAfterACrash()
    {
        cs::test::SoketiServer soketi;
        QVERIFY2(soketi.start(), qPrintable(soketi.output()));
        LogStore log;
        Session session(soketi.credentials(), &log);
        Connection *connection = session.connection();
        ChannelRegistry *channels = session.channels();
        connection->open();
        QTRY_COMPARE_WITH_TIMEOUT(connection->state(), ConnectionState::Connected, kWait);
        const QStringList names{QStringLiteral("public-feed"), QStringLiteral("private-feed"),
                                QStringLiteral("presence-feed")};
        for (const QString &name : names)
            QVERIFY(channels->subscribe(name, {QStringLiteral("me"), {}}));
        auto allSubscribed = [&] {
            for (const QString &name : names)
                if (channels->subscription(name)->state != SubscriptionState::Subscribed)
                    return false;
            return true;
        };
        QTRY_VERIFY_WITH_TIMEOUT(allSubscribed(), kWait);
        const QString firstSocket = connection->socketId();

        soketi.kill();
        QTRY_VERIFY_WITH_TIMEOUT(connection->state() != ConnectionState::Connected, kWait);
        for (const QString &name : names)
            QCOMPARE(channels->subscription(name)->state, SubscriptionState::Pending);
        QVERIFY(connection->msUntilRetry() >= 0);  // a retry is scheduled, for the UI's countdown

        QVERIFY2(soketi.restart(), qPrintable(soketi.output()));
        QTRY_COMPARE_WITH_TIMEOUT(connection->state(), ConnectionState::Connected, 30000);
        QVERIFY(connection->socketId() != firstSocket);
        QTRY_VERIFY_WITH_TIMEOUT(allSubscribed(), kWait);
        QCOMPARE(channels->subscription(QStringLiteral("presence-feed"))->members.keys(),
                 QStringList{QStringLiteral("me")});

        // Fresh auth: the private channel was signed again, for the new socket id.
        log.flush();
        QStringList signedStrings;
        for (qsizetype i = 0; i < log.size(); ++i)
            if (const LogEntry e = log.at(i); e.kind == EntryKind::Auth && e.channel == QLatin1String("private-feed"))
                signedStrings << e.data().toObject().value(QStringLiteral("string_to_sign")).toString();
        QCOMPARE(signedStrings.size(), 2);
        QCOMPARE(signedStrings.last(), connection->socketId() + QStringLiteral(":private-feed"));

        // And events flow again.
        QSignalSpy received(channels, &ChannelRegistry::eventReceived);
        bool done = false;
        session.rest()->trigger(
            {{QStringLiteral("public-feed")}, QStringLiteral("after"), QStringLiteral("{}"), {}, {}},
            [&](const RestResponse &) { done = true; });
        QTRY_VERIFY_WITH_TIMEOUT(done, kWait);
        QTRY_COMPARE_WITH_TIMEOUT(received.size(), 1, kWait);
    }

    void gracefulShutdownRetriesAtOnce()
    {
        cs::test::SoketiServer soketi;
        QVERIFY2(soketi.start(), qPrintable(soketi.output()));
        LogStore log;
        Session session(soketi.credentials(), &log);
        session.connection()->open();
        QTRY_COMPARE_WITH_TIMEOUT(session.connection()->state(), ConnectionState::Connected, kWait);
        QSignalSpy retries(session.connection(), &Connection::retryScheduled);

        soketi.stop();  // soketi closes every socket with 4200 "reconnect now"
        QTRY_VERIFY_WITH_TIMEOUT(retries.size() >= 1, kWait);
        QCOMPARE(retries.first().at(0).toInt(), 0);
        log.flush();
        bool logged4200 = false;
        for (qsizetype i = 0; i < log.size(); ++i)
            logged4200 = logged4200 || log.at(i).message.contains(QLatin1String("4200"));
        QVERIFY(logged4200);
        // While the server is down the attempts back off instead of spinning.
        QTRY_VERIFY_WITH_TIMEOUT(retries.size() >= 3, kWait);
        QVERIFY(retries.last().at(0).toInt() >= 1000);
        session.connection()->close();
        QCOMPARE(session.connection()->state(), ConnectionState::Disconnected);
        QCOMPARE(session.connection()->msUntilRetry(), -1);
    }
};

QTEST_GUILESS_MAIN(TestReconnect)
#include "tst_reconnect.moc"
