#include "tlspolicy.h"

#include <QRegularExpression>
#include <QSslCertificate>

#include <algorithm>

namespace cs {

bool isUntrustedIssuerError(const QSslError &error)
{
    switch (error.error()) {
    case QSslError::SelfSignedCertificate:
    case QSslError::SelfSignedCertificateInChain:
    case QSslError::UnableToGetLocalIssuerCertificate:
    case QSslError::UnableToVerifyFirstCertificate:
    case QSslError::CertificateUntrusted: return true;
    default: return false;
    }
}

bool allUntrustedIssuerErrors(const QList<QSslError> &errors)
{
    return !errors.isEmpty() && std::all_of(errors.begin(), errors.end(), isUntrustedIssuerError);
}

QString formatSha256(const QByteArray &digest) { return QString::fromLatin1(digest.toHex(':').toUpper()); }

std::optional<QByteArray> parseSha256(const QString &text)
{
    QString hex = text.trimmed();
    static const QRegularExpression prefix(QStringLiteral("^sha-?256(\\s*fingerprint)?\\s*[:=]?\\s*"),
                                           QRegularExpression::CaseInsensitiveOption);
    hex.remove(prefix);
    hex.remove(QRegularExpression(QStringLiteral("[:\\s]")));
    static const QRegularExpression digits(QStringLiteral("^[0-9a-fA-F]{64}$"));
    if (!digits.match(hex).hasMatch())
        return std::nullopt;
    return QByteArray::fromHex(hex.toLatin1());
}

PinVerdict checkPin(const QList<QSslError> &errors, const QString &pinnedSha256)
{
    PinVerdict v;
    v.untrusted = allUntrustedIssuerErrors(errors);
    // The certificates the errors name: one for a self-signed server (its own).
    QList<QByteArray> named;
    for (const QSslError &e : errors) {
        if (e.certificate().isNull())
            continue;
        const QByteArray digest = e.certificate().digest(QCryptographicHash::Sha256);
        if (!named.contains(digest))
            named << digest;
    }
    v.presented = named.value(0);
    if (!v.untrusted)
        return v;  // not something a pin covers: the caller reports the errors themselves
    const QString presented =
        v.presented.isEmpty() ? QStringLiteral("(none)") : QStringLiteral("SHA256 ") + formatSha256(v.presented);
    const auto pin = parseSha256(pinnedSha256);
    if (!pin) {
        v.message =
            QStringLiteral("the certificate is not trusted (self-signed or unknown issuer); presented certificate %1")
                .arg(presented);
        return v;
    }
    if (named.size() != 1 || named.first() != *pin) {
        v.message =
            QStringLiteral(
                "the server presented another certificate than the accepted one: expected SHA256 %1, presented %2")
                .arg(formatSha256(*pin), presented);
        return v;
    }
    v.accept = true;
    v.message = QStringLiteral("accepting the pinned certificate SHA256 %1").arg(formatSha256(*pin));
    return v;
}

}  // namespace cs
