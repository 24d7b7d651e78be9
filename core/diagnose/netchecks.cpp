#include "netchecks.h"

#include "tlspolicy.h"

#include <QElapsedTimer>
#include <QHostInfo>
#include <QSslCipher>
#include <QSslSocket>

#include <memory>

namespace cs::diagnose {

namespace {

QString endpoint(const Profile &p)
{
    return QStringLiteral("%1:%2").arg(p.credentials.wsHost()).arg(p.credentials.wsPort());
}

QString socketErrorText(QAbstractSocket::SocketError error, const QString &fallback)
{
    switch (error) {
    case QAbstractSocket::ConnectionRefusedError: return QStringLiteral("connection refused");
    case QAbstractSocket::HostNotFoundError: return QStringLiteral("host not found");
    case QAbstractSocket::NetworkError: return QStringLiteral("network unreachable");
    case QAbstractSocket::RemoteHostClosedError: return QStringLiteral("closed by the server at once");
    default: return fallback;
    }
}

// The usual TLS failures, named the way a person would fix them.
QString tlsCause(const QList<QSslError> &errors)
{
    for (const QSslError &e : errors) {
        switch (e.error()) {
        case QSslError::SelfSignedCertificate:
        case QSslError::SelfSignedCertificateInChain: return QStringLiteral("the certificate is self-signed");
        case QSslError::HostNameMismatch: return QStringLiteral("the certificate is for another name");
        case QSslError::CertificateExpired: return QStringLiteral("the certificate has expired");
        case QSslError::CertificateNotYetValid:
            return QStringLiteral("the certificate is not valid yet (check the clock)");
        case QSslError::UnableToGetLocalIssuerCertificate:
        case QSslError::UnableToVerifyFirstCertificate:
        case QSslError::UnableToGetIssuerCertificate:
            return QStringLiteral("the chain is incomplete or its issuer is not trusted (intermediate missing?)");
        default: break;
        }
    }
    return errors.isEmpty() ? QStringLiteral("refused") : errors.first().errorString();
}

}  // namespace

QString describeCertificate(const QSslCertificate &c)
{
    if (c.isNull())
        return QStringLiteral("no certificate");
    QStringList names;
    const auto alt = c.subjectAlternativeNames();
    for (auto it = alt.begin(); it != alt.end(); ++it)
        names << it.value();
    const auto join = [](const QStringList &parts) { return parts.join(QStringLiteral(", ")); };
    QString text =
        QStringLiteral("subject CN=%1, issuer CN=%2, valid %3 to %4")
            .arg(join(c.subjectInfo(QSslCertificate::CommonName)), join(c.issuerInfo(QSslCertificate::CommonName)),
                 c.effectiveDate().toUTC().toString(Qt::ISODate), c.expiryDate().toUTC().toString(Qt::ISODate));
    if (!names.isEmpty())
        text += QStringLiteral(", names ") + join(names);
    return text;
}

void checkDns(DoctorRun &run, const CheckDone &done)
{
    const QString host = run.profile.credentials.wsHost();
    if (host.isEmpty()) {
        done(DoctorCheck::fail(QStringLiteral("dns"), QStringLiteral("no host: set a host or a cluster")));
        return;
    }
    auto elapsed = std::make_shared<QElapsedTimer>();
    elapsed->start();
    QHostInfo::lookupHost(host, run.scope, [done, host, elapsed, facts = run.facts](const QHostInfo &info) {
        if (info.error() != QHostInfo::NoError || info.addresses().isEmpty()) {
            done(DoctorCheck::fail(QStringLiteral("dns"), QStringLiteral("%1 does not resolve").arg(host),
                                   info.errorString()));
            return;
        }
        QStringList addresses;
        for (const QHostAddress &a : info.addresses())
            addresses << a.toString();
        facts->hostResolved = true;
        done(DoctorCheck::pass(
            QStringLiteral("dns"), QStringLiteral("%1 resolves").arg(host),
            QStringLiteral("%1 in %2 ms").arg(addresses.join(QStringLiteral(", "))).arg(elapsed->elapsed())));
    });
}

void checkTcp(DoctorRun &run, const CheckDone &done)
{
    const QString where = endpoint(run.profile);
    auto *socket = new QTcpSocket(run.scope);
    auto elapsed = std::make_shared<QElapsedTimer>();
    elapsed->start();
    QObject::connect(socket, &QAbstractSocket::connected, run.scope, [done, where, socket, elapsed, facts = run.facts] {
        facts->tcpOk = true;
        done(DoctorCheck::pass(
            QStringLiteral("tcp"), QStringLiteral("%1 accepts connections").arg(where),
            QStringLiteral("connected to %1 in %2 ms").arg(socket->peerAddress().toString()).arg(elapsed->elapsed())));
    });
    QObject::connect(
        socket, &QAbstractSocket::errorOccurred, run.scope, [done, where, socket](QAbstractSocket::SocketError error) {
            done(DoctorCheck::fail(QStringLiteral("tcp"),
                                   QStringLiteral("%1: %2").arg(where, socketErrorText(error, socket->errorString())),
                                   socket->errorString()));
        });
    socket->connectToHost(run.profile.credentials.wsHost(), run.profile.credentials.wsPort());
}

void checkTls(DoctorRun &run, const CheckDone &done)
{
    const Credentials &c = run.profile.credentials;
    if (!c.tls) {
        run.facts->tlsOk = true;
        done(DoctorCheck::skip(QStringLiteral("tls"), QStringLiteral("not used: the profile connects with ws://")));
        return;
    }
    const QString where = endpoint(run.profile);
    auto *socket = new QSslSocket(run.scope);
    QObject::connect(socket, &QSslSocket::encrypted, run.scope, [done, where, socket, facts = run.facts] {
        facts->tlsOk = true;
        const QSslCertificate cert = socket->peerCertificate();
        const QString evidence = describeCertificate(cert)
                                 + QStringLiteral("\n%1, cipher %2")
                                       .arg(socket->sessionCipher().protocolString(), socket->sessionCipher().name());
        const qint64 daysLeft = QDateTime::currentDateTimeUtc().daysTo(cert.expiryDate());
        if (!cert.isNull() && daysLeft < 14) {
            done(DoctorCheck::warn(QStringLiteral("tls"),
                                   QStringLiteral("TLS ok, but the certificate expires in %1 days").arg(daysLeft),
                                   evidence));
            return;
        }
        done(DoctorCheck::pass(QStringLiteral("tls"),
                               QStringLiteral("TLS ok: chain and name verified for %1").arg(where), evidence));
    });
    QObject::connect(socket, &QSslSocket::sslErrors, run.scope,
                     [done, socket, pinned = c.pinnedSha256](const QList<QSslError> &errors) {
                         const PinVerdict pin = checkPin(errors, pinned);
                         if (pin.accept) {  // the profile pinned exactly this certificate
                             socket->ignoreSslErrors(errors);
                             return;
                         }
                         QStringList texts;
                         for (const QSslError &e : errors)
                             texts << e.errorString();
                         const QSslCertificate cert = errors.isEmpty() || errors.first().certificate().isNull()
                                                          ? socket->peerCertificate()
                                                          : errors.first().certificate();
                         // With a pin set, the cause is that another certificate came.
                         const QString cause =
                             !pinned.trimmed().isEmpty() && pin.untrusted ? pin.message : tlsCause(errors);
                         DoctorCheck check =
                             DoctorCheck::fail(QStringLiteral("tls"),
                                               QStringLiteral("TLS certificate rejected: %1").arg(cause),
                                               describeCertificate(cert) + u'\n' + texts.join(u'\n'));
                         if (pin.untrusted) {  // a local server's self-signed certificate: offer to trust it
                             check.evidence += u'\n' + pin.message;
                             check.untrustedSha256 = pin.presented;
                         }
                         done(check);
                     });
    QObject::connect(socket, &QAbstractSocket::errorOccurred, run.scope,
                     [done, socket](QAbstractSocket::SocketError error) {
                         if (error == QAbstractSocket::SslHandshakeFailedError && socket->sslHandshakeErrors().size())
                             return;  // reported by sslErrors
                         done(DoctorCheck::fail(QStringLiteral("tls"),
                                                QStringLiteral("TLS handshake failed: %1")
                                                    .arg(socketErrorText(error, socket->errorString())),
                                                socket->errorString()));
                     });
    socket->connectToHostEncrypted(c.wsHost(), c.wsPort());
}

}  // namespace cs::diagnose
