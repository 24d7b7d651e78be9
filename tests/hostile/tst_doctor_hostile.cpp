// The doctor against servers that answer like a misconfigured proxy: the WebSocket upgrade
// answered with nginx's 404 page, a Cloudflare page, a 400 from a proxy that drops the upgrade, a
// 502, a PHP/Laravel debug page; REST answered with HTML; and a self-signed TLS certificate.
// Each row asserts that the doctor names the cause and shows the evidence.

#include "doctor.h"
#include "fakepusherserver.h"
#include "httpstub.h"
#include "pusherframes.h"
#include "testcerts.h"
#include "tlspolicy.h"

#include <QSignalSpy>
#include <QtTest>

using namespace cs;

namespace {

constexpr int kRunTimeout = 30000;

QMap<QString, DoctorCheck> runDoctor(const Credentials &credentials)
{
    Profile p = Profile::create(QStringLiteral("hostile"), ServerPreset::Custom);
    p.credentials = credentials;
    Doctor doctor;
    doctor.setTimeoutMs(3000);
    doctor.setUnauthorizedWaitMs(0);
    QSignalSpy finished(&doctor, &Doctor::finished);
    doctor.start(p);
    if (!finished.wait(kRunTimeout))
        return {};
    QMap<QString, DoctorCheck> out;
    for (const DoctorCheck &c : doctor.results())
        out.insert(c.id, c);
    return out;
}

QByteArray page(const QByteArray &statusLine, const QByteArray &headers, const QByteArray &body)
{
    return "HTTP/1.1 " + statusLine + "\r\n" + headers + "Content-Length: " + QByteArray::number(body.size())
           + "\r\nConnection: close\r\n\r\n" + body;
}

const QByteArray kNginx404 =
    page("404 Not Found", "Server: nginx/1.24.0\r\nContent-Type: text/html\r\n",
         "<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n"
         "<hr><center>nginx/1.24.0</center>\r\n</body>\r\n</html>\r\n");
const QByteArray kCloudflare =
    page("403 Forbidden",
         "Server: cloudflare\r\nCF-RAY: 8a1b2c3d4e5f6789-AMS\r\nContent-Type: text/html; charset=UTF-8\r\n",
         "<!DOCTYPE html><html><head><title>Attention Required! | Cloudflare</title></head>"
         "<body><h1>Sorry, you have been blocked</h1></body></html>");
const QByteArray kApache400 =
    page("400 Bad Request", "Server: Apache/2.4.57 (Debian)\r\nContent-Type: text/html; charset=iso-8859-1\r\n",
         "<!DOCTYPE HTML PUBLIC \"-//IETF//DTD HTML 2.0//EN\"><html><head><title>400 Bad Request</title></head>"
         "<body><h1>Bad Request</h1><hr><address>Apache/2.4.57 (Debian) Server at example.test Port 80</address>"
         "</body></html>");
const QByteArray kBadGateway = page("502 Bad Gateway", "Server: nginx\r\nContent-Type: text/html\r\n",
                                    "<html><head><title>502 Bad Gateway</title></head></html>");
const QByteArray kLaravel = page(
    "200 OK", "Content-Type: text/html; charset=UTF-8\r\n",
    "<!DOCTYPE html><html><head><title>Laravel</title></head><body><div class=\"phpdebugbar\"></div></body></html>");

}  // namespace

class TestDoctorHostile : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void upgradeAnsweredByAProxy_data();
    void upgradeAnsweredByAProxy();
    void restAnsweredWithHtml();
    void selfSignedCertificate();
};

void TestDoctorHostile::upgradeAnsweredByAProxy_data()
{
    QTest::addColumn<QByteArray>("response");
    QTest::addColumn<QStringList>("cause");     // every part must be in the line
    QTest::addColumn<QStringList>("evidence");  // every part must be in the evidence
    QTest::newRow("nginx 404, wrong path or prefix")
        << kNginx404
        << QStringList{QStringLiteral("HTTP 404 from nginx"), QStringLiteral("/app/key"), QStringLiteral("path prefix")}
        << QStringList{QStringLiteral("HTTP/1.1 404 Not Found"), QStringLiteral("HTML title: 404 Not Found")};
    QTest::newRow("cloudflare page") << kCloudflare
                                     << QStringList{QStringLiteral("Cloudflare"), QStringLiteral("HTTP 403")}
                                     << QStringList{QStringLiteral("cf-ray: 8a1b2c3d4e5f6789-AMS"),
                                                    QStringLiteral("Attention Required!")};
    QTest::newRow("apache drops the upgrade")
        << kApache400
        << QStringList{QStringLiteral("400 Bad Request"), QStringLiteral("Apache"),
                       QStringLiteral("does not pass the upgrade")}
        << QStringList{QStringLiteral("server: Apache/2.4.57")};
    QTest::newRow("502 from the proxy") << kBadGateway
                                        << QStringList{QStringLiteral("502"), QStringLiteral("down or unreachable")}
                                        << QStringList{QStringLiteral("502 Bad Gateway")};
    QTest::newRow("laravel page") << kLaravel
                                  << QStringList{QStringLiteral("web application"), QStringLiteral("PHP/Laravel")}
                                  << QStringList{QStringLiteral("HTML title: Laravel")};
}

void TestDoctorHostile::upgradeAnsweredByAProxy()
{
    QFETCH(QByteArray, response);
    QFETCH(QStringList, cause);
    QFETCH(QStringList, evidence);
    test::HttpStub stub;
    stub.on("/app/key", response);
    const auto checks = runDoctor(test::localCredentials(stub.port()));
    QCOMPARE(checks[QStringLiteral("tcp")].verdict(), Verdict::Ok);
    const DoctorCheck upgrade = checks[QStringLiteral("upgrade")];
    QCOMPARE(upgrade.verdict(), Verdict::Failed);
    for (const QString &part : cause)
        QVERIFY2(upgrade.line.contains(part), qPrintable(part + QStringLiteral(" not in: ") + upgrade.line));
    for (const QString &part : evidence)
        QVERIFY2(upgrade.evidence.contains(part), qPrintable(part + QStringLiteral(" not in: ") + upgrade.evidence));
    QVERIFY(stub.requests.first().header("Upgrade") == "websocket");
    // One cause: the key check does not pile a second failure on top.
    QCOMPARE(checks[QStringLiteral("key")].verdict(), Verdict::Skipped);
}

// The WebSocket side works; the REST host answers with Cloudflare's HTML where JSON belongs.
void TestDoctorHostile::restAnsweredWithHtml()
{
    test::FakePusherServer server;
    QVERIFY(server.listen());
    test::HttpStub rest;
    rest.on("/apps/1/channels", kCloudflare);
    Credentials c = server.credentials();
    c.restHost = QStringLiteral("127.0.0.1");
    c.restPort = rest.port();
    const auto checks = runDoctor(c);
    QCOMPARE(checks[QStringLiteral("key")].verdict(), Verdict::Ok);
    const DoctorCheck r = checks[QStringLiteral("rest")];
    QCOMPARE(r.verdict(), Verdict::Failed);
    QVERIFY2(r.line.contains(QStringLiteral("Cloudflare")), qPrintable(r.line));
    QVERIFY2(r.evidence.contains(QStringLiteral("HTTP 403")), qPrintable(r.evidence));
}

void TestDoctorHostile::selfSignedCertificate()
{
    test::FakePusherServer server({.tls = true});
    QVERIFY(server.listen());
    Credentials c = server.credentials(true);
    c.pinnedSha256.clear();
    const auto checks = runDoctor(c);
    const DoctorCheck tls = checks[QStringLiteral("tls")];
    QCOMPARE(tls.verdict(), Verdict::Failed);
    QVERIFY2(tls.line.contains(QStringLiteral("self-signed")), qPrintable(tls.line));
    // The certificate's subject and dates are the evidence.
    QVERIFY2(tls.evidence.contains(QStringLiteral("subject CN=channelscope-test-good")), qPrintable(tls.evidence));
    QVERIFY2(tls.evidence.contains(QStringLiteral("valid 2020-01-01T00:00:00Z to 2120-01-01T00:00:00Z")),
             qPrintable(tls.evidence));
    const QByteArray served =
        QSslCertificate(QByteArray(test::kLocalhostCert), QSsl::Pem).digest(QCryptographicHash::Sha256);
    QCOMPARE(tls.untrustedSha256, served);
    QCOMPARE(checks[QStringLiteral("upgrade")].verdict(), Verdict::Skipped);

    // Pinned, the same server passes TLS, the upgrade and the key.
    c.pinnedSha256 = formatSha256(served);
    const auto pinned = runDoctor(c);
    for (const QString &id : {QStringLiteral("tls"), QStringLiteral("upgrade"), QStringLiteral("key")})
        QVERIFY2(pinned[id].verdict() == Verdict::Ok, qPrintable(id + u' ' + pinned[id].line));
}

QTEST_GUILESS_MAIN(TestDoctorHostile)
#include "tst_doctor_hostile.moc"
