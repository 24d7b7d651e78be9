#pragma once
// TLS material for in-process servers: a self-signed EC certificate valid 2020-2120 with
// SAN IP:127.0.0.1 and DNS:localhost, and its key. (Ordinary tests pin or refuse it.)

#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>

namespace cs::test {

inline constexpr char kLocalhostCert[] = R"(-----BEGIN CERTIFICATE-----
MIIBdjCCARugAwIBAgIUbbi6oWpVgfIdtYaLUGNocuDfYKgwCgYIKoZIzj0EAwIw
ITEfMB0GA1UEAwwWY2hhbm5lbHNjb3BlLXRlc3QtZ29vZDAgFw0yMDAxMDEwMDAw
MDBaGA8yMTIwMDEwMTAwMDAwMFowITEfMB0GA1UEAwwWY2hhbm5lbHNjb3BlLXRl
c3QtZ29vZDBZMBMGByqGSM49AgEGCCqGSM49AwEHA0IABIha72Sh4+sFe2m1p1N3
vTQwn1UxOuNRxQV7mVDOjeldeia0tPF0SHSAqJaET/uKPvDSV84AavsXbkgYFaDf
JCqjLzAtMBoGA1UdEQQTMBGHBH8AAAGCCWxvY2FsaG9zdDAPBgNVHRMBAf8EBTAD
AQH/MAoGCCqGSM49BAMCA0kAMEYCIQDuyl1kOUn216Yk2qz89ZhxInyyNCxhSsAk
w7yNTeQZTwIhAOI/Py4EyFfpXBVX0ZLygX7ytqxHyQ86jjXdNxgZ8NKh
-----END CERTIFICATE-----
)";
inline constexpr char kLocalhostKey[] = R"(-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgy/GTCzgTCeKAwDaz
LXLdf7Y2V55VC+lyx6nmbWEsaBuhRANCAASIWu9koePrBXtptadTd700MJ9VMTrj
UcUFe5lQzo3pXXomtLTxdEh0gKiWhE/7ij7w0lfOAGr7F25IGBWg3yQq
-----END PRIVATE KEY-----
)";

// A server-side TLS configuration that presents that certificate.
inline QSslConfiguration localhostServerTls()
{
    QSslConfiguration config = QSslConfiguration::defaultConfiguration();
    config.setLocalCertificate(QSslCertificate(QByteArray(kLocalhostCert), QSsl::Pem));
    config.setPrivateKey(QSslKey(QByteArray(kLocalhostKey), QSsl::Ec, QSsl::Pem));
    config.setPeerVerifyMode(QSslSocket::VerifyNone);
    return config;
}

}  // namespace cs::test
