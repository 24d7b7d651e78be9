// The editor's "Test" (the doctor) against a real soketi: right credentials, a wrong key, a wrong
// secret, and a port where nothing listens. tst_doctor covers soketi's configurations.

#include "connection.h"
#include "doctor.h"
#include "restclient.h"
#include "soketi.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QAbstractSocket>
#include <QTcpServer>
#include <QtTest>

using namespace cs;

namespace {

constexpr int kRunTimeout = 30000;

Profile profileFor(const Credentials &credentials)
{
    Profile p = Profile::create(QStringLiteral("soketi under test"), ServerPreset::Soketi);
    p.credentials = credentials;
    return p;
}

// Runs every check and returns them by id.
QMap<QString, DoctorCheck> run(Doctor &tester, const Profile &profile, bool *allOk = nullptr)
{
    QSignalSpy finished(&tester, &Doctor::finished);
    QSignalSpy checks(&tester, &Doctor::checkFinished);
    tester.start(profile);
    if (!finished.wait(kRunTimeout))
        return {};
    if (allOk)
        *allOk = finished.first().first().toBool();
    QMap<QString, DoctorCheck> out;
    QStringList order;
    for (const auto &args : checks) {
        const auto check = args.first().value<DoctorCheck>();
        out.insert(check.id, check);
        order << check.id;
    }
    if (order != Doctor::checkIds())
        qWarning() << "checks came in order" << order;
    for (const DoctorCheck &c : std::as_const(out))
        qInfo().noquote() << c.id << verdictName(c.verdict()) << c.line;
    return out;
}

QString describe(const QMap<QString, DoctorCheck> &checks)
{
    QStringList lines;
    for (const DoctorCheck &c : checks)
        lines << QStringLiteral("%1 %2: %3").arg(c.ok ? QStringLiteral("ok") : QStringLiteral("FAIL"), c.id, c.line);
    return lines.join(u'\n');
}

quint16 deadPort()
{
    QTcpServer server;  // take a free port, then let go of it
    server.listen(QHostAddress::LocalHost);
    return server.serverPort();
}

}  // namespace

class TestProfileTester : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void allChecksPass();
    void wrongKey();
    void wrongSecret();
    void deadPort();
    void restSkippedWithoutSecret();
    void restartCancelsPreviousRun();

private:
    test::SoketiServer m_soketi;
};

void TestProfileTester::initTestCase() { QVERIFY2(m_soketi.start(), qPrintable(m_soketi.output())); }

void TestProfileTester::allChecksPass()
{
    Doctor tester;
    bool allOk = false;
    const auto checks = run(tester, profileFor(m_soketi.credentials()), &allOk);
    QCOMPARE(checks.size(), Doctor::checkIds().size());
    QVERIFY2(allOk, qPrintable(describe(checks)));
    QVERIFY2(checks[QStringLiteral("tcp")].line.contains(
                 QStringLiteral("127.0.0.1:%1 accepts connections").arg(m_soketi.port())),
             qPrintable(checks[QStringLiteral("tcp")].line));
    QCOMPARE(checks[QStringLiteral("key")].line, QStringLiteral("key accepted"));
    QVERIFY(checks[QStringLiteral("key")].evidence.startsWith(QStringLiteral("socket id ")));
    QVERIFY(checks[QStringLiteral("key")].evidence.contains(QStringLiteral("activity timeout")));
    QVERIFY(checks[QStringLiteral("rest")].evidence.contains(QStringLiteral("HTTP 200")));
    QVERIFY2(checks[QStringLiteral("clock")].line.startsWith(QStringLiteral("clock skew ")),
             qPrintable(checks[QStringLiteral("clock")].line));
    QVERIFY(!checks[QStringLiteral("clock")].warning);  // same machine: the Date header is there and close
    QCOMPARE(tester.results().size(), Doctor::checkIds().size());
    QVERIFY(!tester.isRunning());
}

void TestProfileTester::wrongKey()
{
    Credentials c = m_soketi.credentials();
    c.key = QStringLiteral("no-such-key");
    Doctor tester;
    bool allOk = true;
    const auto checks = run(tester, profileFor(c), &allOk);
    QVERIFY(!allOk);
    QVERIFY(checks[QStringLiteral("tcp")].ok);
    const DoctorCheck key = checks[QStringLiteral("key")];
    QVERIFY2(!key.ok, qPrintable(key.line));
    QVERIFY2(key.line.contains(QStringLiteral("4001")), qPrintable(key.line));
    QVERIFY2(key.line.contains(QStringLiteral("wrong cluster")), qPrintable(key.line));
    QCOMPARE(key.line.count(QStringLiteral("wrong cluster")), 1);
    // soketi's REST API knows the app by id, so the signed call still works.
    QVERIFY2(checks[QStringLiteral("rest")].ok, qPrintable(describe(checks)));
}

void TestProfileTester::wrongSecret()
{
    Credentials c = m_soketi.credentials();
    c.secret = QStringLiteral("not-the-secret");
    Doctor tester;
    const auto checks = run(tester, profileFor(c));
    QVERIFY(checks[QStringLiteral("tcp")].ok);
    QVERIFY(checks[QStringLiteral("key")].ok);  // the key alone opens a connection
    const DoctorCheck rest = checks[QStringLiteral("rest")];
    QVERIFY2(!rest.ok, qPrintable(rest.line));
    QVERIFY2(rest.line.startsWith(QStringLiteral("HTTP 401")), qPrintable(rest.line));
    QVERIFY2(checks[QStringLiteral("clock")].line.startsWith(QStringLiteral("clock skew")),
             qPrintable(describe(checks)));
}

void TestProfileTester::deadPort()
{
    Credentials c = m_soketi.credentials();
    c.port = ::deadPort();
    Doctor tester;
    QElapsedTimer elapsed;
    elapsed.start();
    bool allOk = true;
    const auto checks = run(tester, profileFor(c), &allOk);
    QVERIFY(elapsed.elapsed() < 10000);
    QVERIFY(!allOk);
    QCOMPARE(checks.size(), Doctor::checkIds().size());
    const DoctorCheck host = checks[QStringLiteral("tcp")];
    QVERIFY(!host.ok);
    QVERIFY2(host.line.contains(QStringLiteral("refused")), qPrintable(host.line));
    QVERIFY(checks[QStringLiteral("key")].skipped);
    QVERIFY(!checks[QStringLiteral("rest")].ok);
    QVERIFY2(checks[QStringLiteral("rest")].line.contains(QStringLiteral("refused")), qPrintable(describe(checks)));
    QVERIFY(checks[QStringLiteral("clock")].skipped);
}

void TestProfileTester::restSkippedWithoutSecret()
{
    Credentials c = m_soketi.credentials();
    c.secret.clear();
    Doctor tester;
    const auto checks = run(tester, profileFor(c));
    QVERIFY(checks[QStringLiteral("key")].ok);
    QVERIFY(checks[QStringLiteral("rest")].skipped);
    QVERIFY(checks[QStringLiteral("rest")].line.contains(QStringLiteral("secret")));
    QVERIFY(checks[QStringLiteral("clock")].skipped);
}

void TestProfileTester::restartCancelsPreviousRun()
{
    Doctor tester;
    QSignalSpy finished(&tester, &Doctor::finished);
    Credentials wrong = m_soketi.credentials();
    wrong.key = QStringLiteral("other");
    tester.start(profileFor(wrong));
    tester.start(profileFor(m_soketi.credentials()));
    QVERIFY(finished.wait(kRunTimeout));
    QCOMPARE(finished.size(), 1);
    QVERIFY(finished.first().first().toBool());
    // The first run never reports: a run reports only through its probe (socket, connection or
    // REST client, children of the tester) and the step timer. Once every probe is deleted and
    // the timer is idle, nothing of either run is left to report.
    QVERIFY(!tester.isRunning());
    QTRY_VERIFY(tester.findChildren<QAbstractSocket *>().isEmpty() && tester.findChildren<Connection *>().isEmpty()
                && tester.findChildren<RestClient *>().isEmpty());
    QCOMPARE(finished.size(), 1);
}

QTEST_GUILESS_MAIN(TestProfileTester)
#include "tst_profiletester.moc"
