// `channelscope-cli doctor`, end to end: the real binary (CS_CLI_PATH) against a real soketi.
// Exit codes: 0 no check failed (warnings allowed), 1 a check failed, 2 usage error.

#include "cliprocess.h"
#include "soketi.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTcpServer>
#include <QtTest>

using namespace cs;

namespace {

struct Run {
    int exitCode = -1;
    QString out, err;
};

Run doctor(const QStringList &args)
{
    test::CliProcess cli(QStringList{QStringLiteral("doctor")} + args);
    Run run;
    if (!cli.finish(60000))
        return run;
    run.exitCode = cli.exitCode();
    run.out = QString::fromUtf8(cli.out());
    run.err = QString::fromUtf8(cli.err());
    return run;
}

QStringList connection(const test::SoketiServer &soketi)
{
    return {QStringLiteral("--host"),     QStringLiteral("127.0.0.1"),
            QStringLiteral("--port"),     QString::number(soketi.port()),
            QStringLiteral("--no-tls"),   QStringLiteral("--app-id"),
            QStringLiteral("app-id"),     QStringLiteral("--key"),
            QStringLiteral("app-key"),    QStringLiteral("--secret"),
            QStringLiteral("app-secret"), QStringLiteral("--unauthorized-wait"),
            QStringLiteral("1")};
}

// The line of one check: "✓ DNS   …".
QString lineOf(const QString &out, const QString &symbolAndLabel)
{
    for (const QString &line : out.split(u'\n')) {
        if (line.startsWith(symbolAndLabel + u' '))
            return line;
    }
    return {};
}

}  // namespace

class TestCliDoctor : public QObject {
    Q_OBJECT

private Q_SLOTS:
    // soketi's own default, client messages off: a warning that must not fail the run.
    void initTestCase()
    {
        QVERIFY2(m_soketi.start(
                     {{QStringLiteral("SOKETI_DEFAULT_APP_ENABLE_CLIENT_MESSAGES"), QStringLiteral("false")}}),
                 qPrintable(m_soketi.output()));
    }
    void healthyServerExitsZero();
    void json();
    void wrongKeyExitsOne();
    void deadPortExitsOne();
    void usageErrorsExitTwo_data();
    void usageErrorsExitTwo();

private:
    test::SoketiServer m_soketi;
};

void TestCliDoctor::healthyServerExitsZero()
{
    const Run run = doctor(connection(m_soketi));
    QVERIFY2(run.exitCode == 0, qPrintable(run.out + run.err));
    QVERIFY(run.out.startsWith(QStringLiteral("Doctor: 127.0.0.1:%1, app app-id, key app-key\n").arg(m_soketi.port())));
    QVERIFY2(!lineOf(run.out, QStringLiteral("✓ DNS")).isEmpty(), qPrintable(run.out));
    QVERIFY(lineOf(run.out, QStringLiteral("- TLS")).contains(QStringLiteral("ws://")));
    QVERIFY(lineOf(run.out, QStringLiteral("✓ Upgrade")).contains(QStringLiteral("WebSocket upgrade accepted")));
    QVERIFY(lineOf(run.out, QStringLiteral("✓ Key")).contains(QStringLiteral("key accepted")));
    QVERIFY(lineOf(run.out, QStringLiteral("! Client events"))
                .endsWith(QStringLiteral("client events are disabled on the server")));
    QVERIFY(lineOf(run.out, QStringLiteral("✓ Query string")).contains(QStringLiteral("survives")));
    QVERIFY(lineOf(run.out, QStringLiteral("✓ Unauthorized timeout")).contains(QStringLiteral("within 1 s")));
    // Evidence is indented under its line.
    QVERIFY2(run.out.contains(QStringLiteral("\n      HTTP/1.1 101")), qPrintable(run.out));
    QVERIFY(run.out.trimmed().endsWith(QStringLiteral("11 ok, 1 warning, 0 failed, 1 skipped")));
    QVERIFY(!run.out.contains(QStringLiteral("app-secret")));
    QVERIFY(run.err.isEmpty());
}

void TestCliDoctor::json()
{
    const Run run = doctor(connection(m_soketi) << QStringLiteral("--json"));
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.out.count(u'\n'), 1);  // one JSON object, one line
    const QJsonObject o = QJsonDocument::fromJson(run.out.toUtf8()).object();
    QCOMPARE(o.value(QStringLiteral("ok")).toBool(), true);
    QCOMPARE(o.value(QStringLiteral("port")).toInt(), int(m_soketi.port()));
    const QJsonArray checks = o.value(QStringLiteral("checks")).toArray();
    QCOMPARE(checks.size(), 13);
    QCOMPARE(checks.first().toObject().value(QStringLiteral("id")).toString(), QStringLiteral("dns"));
    const QJsonObject events = checks.at(5).toObject();
    QCOMPARE(events.value(QStringLiteral("id")).toString(), QStringLiteral("client-events"));
    QCOMPARE(events.value(QStringLiteral("verdict")).toString(), QStringLiteral("warning"));
    QVERIFY(events.value(QStringLiteral("evidence")).toString().contains(QStringLiteral("4301")));
}

void TestCliDoctor::wrongKeyExitsOne()
{
    QStringList args = connection(m_soketi);
    args[args.indexOf(QStringLiteral("app-key"))] = QStringLiteral("no-such-key");
    const Run run = doctor(args);
    QCOMPARE(run.exitCode, 1);
    const QString key = lineOf(run.out, QStringLiteral("✗ Key"));
    QVERIFY2(key.contains(QStringLiteral("4001")) && key.contains(QStringLiteral("wrong key")), qPrintable(run.out));
    QVERIFY(run.out.contains(QStringLiteral(" 1 failed")));
}

void TestCliDoctor::deadPortExitsOne()
{
    QTcpServer server;  // take a free port, then let go of it
    server.listen(QHostAddress::LocalHost);
    const quint16 port = server.serverPort();
    server.close();
    QStringList args = connection(m_soketi);
    args[args.indexOf(QString::number(m_soketi.port()))] = QString::number(port);
    const Run run = doctor(args);
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(lineOf(run.out, QStringLiteral("✗ TCP")).contains(QStringLiteral("connection refused")),
             qPrintable(run.out));
    QVERIFY(lineOf(run.out, QStringLiteral("- Key")).contains(QStringLiteral("did not answer")));
}

void TestCliDoctor::usageErrorsExitTwo_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("message");
    QTest::newRow("bad timeout") << QStringList{QStringLiteral("--key"),     QStringLiteral("k"),
                                                QStringLiteral("--host"),    QStringLiteral("h"),
                                                QStringLiteral("--timeout"), QStringLiteral("soon")}
                                 << QStringLiteral("--timeout takes seconds");
    QTest::newRow("argument") << QStringList{QStringLiteral("--key"), QStringLiteral("k"), QStringLiteral("extra")}
                              << QStringLiteral("doctor takes no arguments");
    QTest::newRow("no such profile") << QStringList{QStringLiteral("--profile"), QStringLiteral("/nonexistent/p.json")}
                                     << QStringLiteral("cannot read /nonexistent/p.json");
}

void TestCliDoctor::usageErrorsExitTwo()
{
    QFETCH(QStringList, args);
    QFETCH(QString, message);
    const Run run = doctor(args);
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains(message), qPrintable(run.err));
    QVERIFY(run.out.isEmpty());
}

QTEST_GUILESS_MAIN(TestCliDoctor)
#include "tst_cli_doctor.moc"
