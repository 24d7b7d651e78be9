// channelscope-cli deliver against a real soketi: the delivery matrix as one JSON object and the
// exit codes scripts rely on (0 as expected, 1 refused or a surprise, 2 usage, 3 a client could
// not connect, subscribe or send).

#include "cliprocess.h"
#include "soketi.h"

#include <QJsonArray>
#include <QtTest>

using namespace cs;

namespace {

constexpr int kWait = 20000;

QStringList connectionArgs(const test::SoketiServer &soketi)
{
    return {QStringLiteral("--app-id"),     QStringLiteral("app-id"),    QStringLiteral("--key"),
            QStringLiteral("app-key"),      QStringLiteral("--secret"),  QStringLiteral("app-secret"),
            QStringLiteral("--host"),       QStringLiteral("127.0.0.1"), QStringLiteral("--port"),
            QString::number(soketi.port()), QStringLiteral("--no-tls")};
}

QJsonObject clientIn(const QJsonObject &matrix, const QString &name)
{
    for (const QJsonValue &v : matrix.value(QStringLiteral("clients")).toArray()) {
        if (v.toObject().value(QStringLiteral("client")).toString() == name)
            return v.toObject();
    }
    return {};
}

}  // namespace

class TestDeliver : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void restTriggerExcludingB();
    void clientEventFromA();
    void refusedTriggerExitsOne();
    void clientEventsDisabledExitsThree();
    void unreachableServerExitsThree();
    void usageErrors_data();
    void usageErrors();

private:
    test::SoketiServer m_soketi;
};

void TestDeliver::initTestCase() { QVERIFY2(m_soketi.start(), qPrintable(m_soketi.output())); }

void TestDeliver::restTriggerExcludingB()
{
    test::CliProcess cli(QStringList{QStringLiteral("deliver"), QStringLiteral("--clients"), QStringLiteral("3"),
                                     QStringLiteral("--channel"), QStringLiteral("presence-room"),
                                     QStringLiteral("--event"), QStringLiteral("order-paid"), QStringLiteral("--data"),
                                     QStringLiteral("{\"id\":7}"), QStringLiteral("--user-id"), QStringLiteral("shop"),
                                     QStringLiteral("--exclude-client"), QStringLiteral("B")}
                         + connectionArgs(m_soketi));
    QVERIFY2(cli.finish(kWait), qPrintable(cli.describe()));
    QVERIFY2(cli.exitCode() == 0, qPrintable(cli.describe()));
    const QList<QJsonObject> lines = cli.lines();
    QCOMPARE(lines.size(), 1);
    const QJsonObject matrix = lines.first();
    QCOMPARE(matrix.value(QStringLiteral("mode")).toString(), QStringLiteral("trigger"));
    QCOMPARE(matrix.value(QStringLiteral("excluded")).toString(), QStringLiteral("B"));
    QCOMPARE(matrix.value(QStringLiteral("surprises")).toInt(), 0);
    const QJsonObject b = clientIn(matrix, QStringLiteral("B"));
    QCOMPARE(b.value(QStringLiteral("expected")).toBool(), false);
    QCOMPARE(b.value(QStringLiteral("received")).toBool(), false);
    QCOMPARE(b.value(QStringLiteral("why")).toString(), QStringLiteral("excluded by socket_id"));
    QCOMPARE(b.value(QStringLiteral("user_id")).toString(), QStringLiteral("shop-2"));
    for (const QString &name : {QStringLiteral("A"), QStringLiteral("C")}) {
        const QJsonObject c = clientIn(matrix, name);
        QVERIFY2(c.value(QStringLiteral("received")).toBool(), qPrintable(cli.describe()));
        QVERIFY2(c.value(QStringLiteral("latency_ms")).toDouble(-1) >= 0, qPrintable(cli.describe()));
        QVERIFY(c.value(QStringLiteral("surprise")).isNull());
    }
    // The secret never reaches the output.
    QVERIFY(!cli.out().contains("app-secret") && !cli.err().contains("app-secret"));
}

void TestDeliver::clientEventFromA()
{
    test::CliProcess cli(QStringList{QStringLiteral("deliver"), QStringLiteral("--clients"), QStringLiteral("3"),
                                     QStringLiteral("--channel"), QStringLiteral("private-chat"),
                                     QStringLiteral("--event"), QStringLiteral("client-typing"),
                                     QStringLiteral("--client-event-from"), QStringLiteral("1")}
                         + connectionArgs(m_soketi));
    QVERIFY2(cli.finish(kWait), qPrintable(cli.describe()));
    QVERIFY2(cli.exitCode() == 0, qPrintable(cli.describe()));
    const QJsonObject matrix = cli.lines().value(0);
    QCOMPARE(matrix.value(QStringLiteral("sender")).toString(), QStringLiteral("A"));
    const QJsonObject a = clientIn(matrix, QStringLiteral("A"));
    QCOMPARE(a.value(QStringLiteral("why")).toString(), QStringLiteral("sender"));
    QCOMPARE(a.value(QStringLiteral("received")).toBool(), false);
    QVERIFY(clientIn(matrix, QStringLiteral("B")).value(QStringLiteral("received")).toBool());
    QVERIFY(clientIn(matrix, QStringLiteral("C")).value(QStringLiteral("received")).toBool());
}

void TestDeliver::refusedTriggerExitsOne()
{
    // soketi refuses a channel name over its 200 characters... but so does the CLI (usage). Data
    // over soketi's limit is valid to send and refused by the server: exit 1, the matrix printed.
    test::SoketiServer small;
    QVERIFY2(small.start({{QStringLiteral("SOKETI_EVENT_MAX_SIZE_IN_KB"), QStringLiteral("1")}}),
             qPrintable(small.output()));
    const QString big = QStringLiteral("\"%1\"").arg(QString(3000, u'x'));
    test::CliProcess cli(QStringList{QStringLiteral("deliver"), QStringLiteral("--clients"), QStringLiteral("2"),
                                     QStringLiteral("--channel"), QStringLiteral("news"), QStringLiteral("--event"),
                                     QStringLiteral("headline"), QStringLiteral("--data"), big}
                         + connectionArgs(small));
    QVERIFY2(cli.finish(kWait), qPrintable(cli.describe()));
    QVERIFY2(cli.exitCode() == 1, qPrintable(cli.describe()));
    QVERIFY2(cli.err().contains("sending failed"), qPrintable(cli.describe()));
    QVERIFY(cli.lines().value(0).contains(QStringLiteral("error")));
}

void TestDeliver::clientEventsDisabledExitsThree()
{
    test::SoketiServer noClientEvents;
    QVERIFY2(noClientEvents.start(
                 {{QStringLiteral("SOKETI_DEFAULT_APP_ENABLE_CLIENT_MESSAGES"), QStringLiteral("false")}}),
             qPrintable(noClientEvents.output()));
    test::CliProcess cli(QStringList{QStringLiteral("deliver"), QStringLiteral("--clients"), QStringLiteral("2"),
                                     QStringLiteral("--channel"), QStringLiteral("private-chat"),
                                     QStringLiteral("--event"), QStringLiteral("client-typing"),
                                     QStringLiteral("--client-event-from"), QStringLiteral("B")}
                         + connectionArgs(noClientEvents));
    QVERIFY2(cli.finish(kWait), qPrintable(cli.describe()));
    QVERIFY2(cli.exitCode() == 3, qPrintable(cli.describe()));
    QVERIFY2(cli.err().contains("client B") && cli.err().contains("4301"), qPrintable(cli.describe()));
}

void TestDeliver::unreachableServerExitsThree()
{
    test::SoketiServer gone;
    QVERIFY2(gone.start(), qPrintable(gone.output()));
    const QStringList args = connectionArgs(gone);
    gone.stop();
    test::CliProcess cli(QStringList{QStringLiteral("deliver"), QStringLiteral("--channel"), QStringLiteral("news"),
                                     QStringLiteral("--event"), QStringLiteral("headline"), QStringLiteral("--timeout"),
                                     QStringLiteral("2")}
                         + args);
    QVERIFY2(cli.finish(kWait), qPrintable(cli.describe()));
    QVERIFY2(cli.exitCode() == 3, qPrintable(cli.describe()));
    // Who was not ready, in what state and why.
    QVERIFY2(cli.err().contains("not every client was connected") && cli.err().contains("A (connecting"),
             qPrintable(cli.describe()));
}

void TestDeliver::usageErrors_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("message");
    const QStringList base{QStringLiteral("--channel"), QStringLiteral("private-chat"), QStringLiteral("--event"),
                           QStringLiteral("client-x")};
    QTest::newRow("no channel") << QStringList{QStringLiteral("--event"), QStringLiteral("e")}
                                << QStringLiteral("--channel and --event are required");
    QTest::newRow("zero clients") << base + QStringList{QStringLiteral("--clients"), QStringLiteral("0")}
                                  << QStringLiteral("--clients must be");
    QTest::newRow("both modes") << base
                                       + QStringList{QStringLiteral("--exclude-client"), QStringLiteral("A"),
                                                     QStringLiteral("--client-event-from"), QStringLiteral("B")}
                                << QStringLiteral("exclude each other");
    QTest::newRow("no such client") << base + QStringList{QStringLiteral("--client-event-from"), QStringLiteral("D")}
                                    << QStringLiteral("no client 'D' among 3");
    QTest::newRow("client event on a public channel") << QStringList{QStringLiteral("--channel"),
                                                                     QStringLiteral("news"),
                                                                     QStringLiteral("--event"),
                                                                     QStringLiteral("client-x"),
                                                                     QStringLiteral("--client-event-from"),
                                                                     QStringLiteral("A")}
                                                      << QStringLiteral("private-");
    QTest::newRow("bad data") << base + QStringList{QStringLiteral("--data"), QStringLiteral("{oops")}
                              << QStringLiteral("--data is not valid JSON");
}

void TestDeliver::usageErrors()
{
    QFETCH(QStringList, args);
    QFETCH(QString, message);
    test::CliProcess cli(QStringList{QStringLiteral("deliver")} + args + connectionArgs(m_soketi));
    QVERIFY2(cli.finish(kWait), qPrintable(cli.describe()));
    QVERIFY2(cli.exitCode() == 2, qPrintable(cli.describe()));
    QVERIFY2(QString::fromUtf8(cli.err()).contains(message), qPrintable(cli.describe()));
}

QTEST_GUILESS_MAIN(TestDeliver)
#include "tst_deliver.moc"
