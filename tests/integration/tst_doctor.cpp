// The doctor against a real soketi configured each way: as the harness starts it (client messages
// on), with soketi's own default (client messages off), user authentication on with a short
// timeout, and behind a proxy that drops the query string of REST calls. Each row asserts that the
// doctor names the cause.

#include "doctor.h"
#include "queryproxy.h"
#include "soketi.h"

#include <QSignalSpy>
#include <QtTest>

using namespace cs;

namespace {

constexpr int kRunTimeout = 40000;

Profile profileFor(const Credentials &credentials)
{
    Profile p = Profile::create(QStringLiteral("soketi under test"), ServerPreset::Soketi);
    p.credentials = credentials;
    return p;
}

QMap<QString, DoctorCheck> runDoctor(const Profile &profile, bool *allOk = nullptr, int unauthorizedWaitMs = 2000)
{
    Doctor doctor;
    doctor.setUnauthorizedWaitMs(unauthorizedWaitMs);
    QSignalSpy finished(&doctor, &Doctor::finished);
    doctor.start(profile);
    if (!finished.wait(kRunTimeout))
        return {};
    if (allOk)
        *allOk = finished.first().first().toBool();
    QMap<QString, DoctorCheck> out;
    for (const DoctorCheck &c : doctor.results()) {
        out.insert(c.id, c);
        qInfo().noquote() << c.id << verdictName(c.verdict()) << c.line << "|"
                          << QString(c.evidence).replace(u'\n', u'|');
    }
    return out;
}

QString describe(const DoctorCheck &c)
{
    return verdictName(c.verdict()) + QStringLiteral(": ") + c.line + u'\n' + c.evidence;
}

}  // namespace

class TestDoctor : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void defaults();
    void clientMessagesDisabled();
    void userAuthenticationRequired();
    void proxyDropsTheQueryString();
};

// soketi as the harness starts it: client messages on, no user authentication.
void TestDoctor::defaults()
{
    test::SoketiServer soketi;
    QVERIFY2(soketi.start(), qPrintable(soketi.output()));
    bool allOk = false;
    const auto checks = runDoctor(profileFor(soketi.credentials()), &allOk);
    QCOMPARE(checks.size(), Doctor::checkIds().size());
    QVERIFY(allOk);  // warnings do not fail the run
    for (const char *id : {"dns", "tcp", "upgrade", "key", "client-events", "user-auth", "cache", "rest", "query",
                           "info", "clock", "unauthorized"}) {
        const DoctorCheck c = checks[QString::fromLatin1(id)];
        QVERIFY2(c.verdict() == Verdict::Ok, qPrintable(QString::fromLatin1(id) + u' ' + describe(c)));
    }
    QCOMPARE(checks[QStringLiteral("tls")].verdict(), Verdict::Skipped);
    QVERIFY(checks[QStringLiteral("upgrade")].evidence.startsWith(QStringLiteral("HTTP/1.1 101")));
    QVERIFY(checks[QStringLiteral("key")].evidence.contains(QStringLiteral("socket id ")));

    QCOMPARE(checks[QStringLiteral("client-events")].line, QStringLiteral("client events enabled"));
    QVERIFY(checks[QStringLiteral("user-auth")].line.contains(QStringLiteral("not enabled")));
    QVERIFY(checks[QStringLiteral("cache")].evidence.contains(QStringLiteral("pusher:cache_miss")));
    QVERIFY2(checks[QStringLiteral("info")].line.contains(QStringLiteral("user_count"))
                 && checks[QStringLiteral("info")].line.contains(QStringLiteral("subscription_count")),
             qPrintable(describe(checks[QStringLiteral("info")])));
    QVERIFY(checks[QStringLiteral("unauthorized")].line.contains(QStringLiteral("not closed within 2 s")));
    // The secret never reaches a line or the evidence.
    for (const DoctorCheck &c : checks)
        QVERIFY(!(c.line + c.evidence).contains(QStringLiteral("app-secret")));
}

// soketi's own default: client messages off. A warning that names it, with soketi's 4301.
void TestDoctor::clientMessagesDisabled()
{
    test::SoketiServer soketi;
    QVERIFY2(soketi.start({{QStringLiteral("SOKETI_DEFAULT_APP_ENABLE_CLIENT_MESSAGES"), QStringLiteral("false")}}),
             qPrintable(soketi.output()));
    bool allOk = false;
    const auto checks = runDoctor(profileFor(soketi.credentials()), &allOk, 0);
    QVERIFY(allOk);  // a warning, not a failure
    const DoctorCheck events = checks[QStringLiteral("client-events")];
    QCOMPARE(events.verdict(), Verdict::Warning);
    QCOMPARE(events.line, QStringLiteral("client events are disabled on the server"));
    QVERIFY2(events.evidence.contains(QStringLiteral("4301")), qPrintable(events.evidence));
    QCOMPARE(checks[QStringLiteral("unauthorized")].verdict(), Verdict::Skipped);  // no wait asked for
}

// User authentication on, with a short timeout: sign-in is answered, and an idle connection is
// closed with 4009 — the doctor says after how long.
void TestDoctor::userAuthenticationRequired()
{
    test::SoketiServer soketi;
    QVERIFY2(soketi.start({{QStringLiteral("SOKETI_DEFAULT_APP_USER_AUTHENTICATION"), QStringLiteral("true")},
                           {QStringLiteral("SOKETI_USER_AUTHENTICATION_TIMEOUT"), QStringLiteral("1500")}}),
             qPrintable(soketi.output()));
    bool allOk = false;
    const auto checks = runDoctor(profileFor(soketi.credentials()), &allOk, 6000);
    QVERIFY(allOk);
    const DoctorCheck signin = checks[QStringLiteral("user-auth")];
    QVERIFY2(signin.verdict() == Verdict::Ok && signin.line.contains(QStringLiteral("enabled: pusher:signin accepted")),
             qPrintable(describe(signin)));
    const DoctorCheck idle = checks[QStringLiteral("unauthorized")];
    QVERIFY2(idle.verdict() == Verdict::Warning, qPrintable(describe(idle)));
    QVERIFY2(idle.line.contains(QStringLiteral("(4009)")), qPrintable(idle.line));
    // Measured, not assumed: 1.5 s configured, reported within a second of it.
    static const QRegularExpression after(QStringLiteral("closed after ([0-9.]+) s"));
    const auto m = after.match(idle.line);
    QVERIFY2(m.hasMatch(), qPrintable(idle.line));
    QVERIFY2(m.captured(1).toDouble() >= 1.0 && m.captured(1).toDouble() <= 2.5, qPrintable(idle.line));
    QVERIFY(idle.evidence.contains(QStringLiteral("not authorized within timeout")));
}

// REST through a proxy that cuts the query string: the WebSocket side proves the secret right, so
// the doctor blames the way to the server, not the secret.
void TestDoctor::proxyDropsTheQueryString()
{
    test::SoketiServer soketi;
    QVERIFY2(soketi.start(), qPrintable(soketi.output()));
    test::QueryDroppingProxy proxy(soketi.port());
    Credentials c = soketi.credentials();
    c.restHost = QStringLiteral("127.0.0.1");
    c.restPort = proxy.port();
    c.restTls = false;
    bool allOk = true;
    const auto checks = runDoctor(profileFor(c), &allOk, 0);
    QVERIFY(!allOk);
    QVERIFY(proxy.requests > 0);
    QCOMPARE(checks[QStringLiteral("key")].verdict(), Verdict::Ok);
    const DoctorCheck rest = checks[QStringLiteral("rest")];
    QCOMPARE(rest.verdict(), Verdict::Failed);
    QVERIFY2(rest.line.contains(QStringLiteral("drops the query string")), qPrintable(describe(rest)));
    QVERIFY2(rest.line.contains(QStringLiteral("secret signs channels correctly")), qPrintable(rest.line));
    QVERIFY2(rest.evidence.contains(QStringLiteral("401")), qPrintable(rest.evidence));
    QCOMPARE(checks[QStringLiteral("query")].verdict(), Verdict::Skipped);

    // The same REST host with a wrong secret: now the channel signature fails too, and the
    // doctor says "wrong secret" instead.
    Credentials wrong = soketi.credentials();
    wrong.secret = QStringLiteral("not-the-secret");
    const auto refused = runDoctor(profileFor(wrong), nullptr, 0);
    QCOMPARE(refused[QStringLiteral("client-events")].verdict(), Verdict::Failed);
    QVERIFY2(refused[QStringLiteral("rest")].line.contains(QStringLiteral("wrong secret")),
             qPrintable(describe(refused[QStringLiteral("rest")])));
}

QTEST_GUILESS_MAIN(TestDoctor)
#include "tst_doctor.moc"
