#include "restcheck.h"

#include <QUrl>

namespace cs::tap {

namespace {

QString valueOf(const signer::QueryParams &params, const QString &name)
{
    for (const auto &[k, v] : params) {
        if (k.compare(name, Qt::CaseInsensitive) == 0)
            return v;
    }
    return {};
}

RestSignatureCheck verdict(RestSignatureCheck check, RestSignatureCheck::Verdict v, const QString &summary)
{
    check.verdict = v;
    check.summary = summary;
    return check;
}

}  // namespace

QString verdictName(RestSignatureCheck::Verdict verdict)
{
    using V = RestSignatureCheck::Verdict;
    switch (verdict) {
    case V::Valid: return QStringLiteral("valid");
    case V::Unsigned: return QStringLiteral("unsigned");
    case V::WrongKey: return QStringLiteral("wrong-key");
    case V::BodyChanged: return QStringLiteral("body-changed");
    case V::SignatureDiffers: return QStringLiteral("signature-differs");
    case V::ClockSkew: return QStringLiteral("clock-skew");
    case V::Unknown: break;
    }
    return QStringLiteral("unknown");
}

QJsonObject RestSignatureCheck::toJson() const
{
    return {{QStringLiteral("verdict"), verdictName(verdict)},
            {QStringLiteral("summary"), summary},
            {QStringLiteral("string_to_sign"), QString::fromUtf8(stringToSign)},
            {QStringLiteral("expected"), QString::fromLatin1(expected)},
            {QStringLiteral("received"), QString::fromUtf8(received)},
            {QStringLiteral("skew_s"), skewSeconds}};
}

signer::QueryParams parseQuery(const QByteArray &query)
{
    signer::QueryParams params;
    if (query.isEmpty())
        return params;
    for (const QByteArray &pair : query.split('&')) {
        if (pair.isEmpty())
            continue;
        const qsizetype eq = pair.indexOf('=');
        const QByteArray name = eq < 0 ? pair : pair.left(eq);
        const QByteArray value = eq < 0 ? QByteArray() : pair.mid(eq + 1);
        params.append({QUrl::fromPercentEncoding(name), QUrl::fromPercentEncoding(value)});
    }
    return params;
}

RestSignatureCheck checkRestSignature(const signer::AppKeys &keys, const QByteArray &method, const QString &path,
                                      const QByteArray &query, const QByteArray &body, qint64 nowSeconds)
{
    using V = RestSignatureCheck::Verdict;
    RestSignatureCheck check;
    const signer::QueryParams params = parseQuery(query);
    check.received = valueOf(params, QStringLiteral("auth_signature")).toUtf8();
    const QString authKey = valueOf(params, QStringLiteral("auth_key"));
    if (check.received.isEmpty() || authKey.isEmpty())
        return verdict(check, V::Unsigned, QStringLiteral("not signed: no auth_key or auth_signature in the query"));
    if (authKey != keys.key) {
        return verdict(
            check, V::WrongKey,
            QStringLiteral("wrong key: signed with key %1, this profile's key is %2").arg(authKey, keys.key));
    }
    if (keys.secret.isEmpty())
        return verdict(check, V::Unknown, QStringLiteral("cannot check: the profile has no secret"));

    const QString bodyMd5 = valueOf(params, QStringLiteral("body_md5"));
    if (!body.isEmpty() && bodyMd5.toLatin1() != signer::md5Hex(body)) {
        return verdict(check, V::BodyChanged,
                       bodyMd5.isEmpty()
                           ? QStringLiteral("body changed: a body was sent without body_md5")
                           : QStringLiteral("body changed: body_md5 %1 is not the MD5 of the body received (%2)")
                                 .arg(bodyMd5, QString::fromLatin1(signer::md5Hex(body))));
    }
    signer::QueryParams signedParams;
    for (const auto &param : params) {
        if (param.first.compare(QLatin1String("auth_signature"), Qt::CaseInsensitive) != 0)
            signedParams.append(param);
    }
    check.stringToSign = signer::restStringToSign(method, path, signedParams);
    check.expected = signer::hmacSha256Hex(keys.secret.toUtf8(), check.stringToSign);
    if (!signer::constantTimeEquals(check.expected, check.received)) {
        return verdict(check, V::SignatureDiffers,
                       QStringLiteral("signature differs: signed with another secret, or the method, path or query "
                                      "changed after signing"));
    }
    bool ok = false;
    const qint64 timestamp = valueOf(params, QStringLiteral("auth_timestamp")).toLongLong(&ok);
    check.skewSeconds = ok ? timestamp - nowSeconds : 0;
    if (!ok || qAbs(check.skewSeconds) > kMaxRestSkewSeconds) {
        return verdict(check, V::ClockSkew,
                       ok ? QStringLiteral("clock skew: auth_timestamp is %1 s %2 this machine's clock (at most %3 s)")
                                .arg(qAbs(check.skewSeconds))
                                .arg(check.skewSeconds > 0 ? QStringLiteral("ahead of") : QStringLiteral("behind"))
                                .arg(kMaxRestSkewSeconds)
                          : QStringLiteral("clock skew: auth_timestamp is missing or not a number"));
    }
    return verdict(check, V::Valid, QStringLiteral("signature valid"));
}

}  // namespace cs::tap
