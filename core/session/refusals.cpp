#include "refusals.h"

#include "connection.h"

#include <QCoreApplication>
#include <QRegularExpression>

namespace cs {

namespace {

QString tr(const char *text) { return QCoreApplication::translate("cs::ChannelRegistry", text); }

}  // namespace

QString channelFromSignatureError(const QString &message)
{
    // Channel names hold no ':' but may hold ',': the name ends at ':' (channel_data follows) or
    // at ", but got".
    static const QRegularExpression re(QStringLiteral("digest of \\d+\\.\\d+:([^:\\s]+?)(?::|, but got)"));
    const auto m = re.match(message);
    return m.hasMatch() ? m.captured(1) : QString();
}

SignatureExplanation refusedByServer(const SignatureExplanation &own, const QString &appKey)
{
    if (!own.matches())
        return own;
    SignatureExplanation e = own;
    e.verdict = SignatureExplanation::Verdict::SecretDiffers;
    e.summary = tr("the server refused a signature that matches this profile's key and secret: "
                   "the server has another secret for app key \"%1\"")
                    .arg(appKey);
    e.details << tr("key, socket id, channel and data were signed as the server expects them, "
                    "so only the secret can differ");
    return e;
}

QString explainRefusedSubscription(const std::optional<SignatureExplanation> &own, const QString &channel,
                                   const signer::AppKeys &appKeys, Connection *connection)
{
    const QString fallback = tr("; the signature did not match: check the app key and secret");
    if (!own || own->verdict == SignatureExplanation::Verdict::Unknown)
        return fallback;
    const SignatureExplanation e = refusedByServer(*own, appKeys.key);
    if (connection)
        connection->logLocal(EntryKind::Auth, tr("the server refused the signature for %1: %2").arg(channel, e.summary),
                             {{QStringLiteral("explanation"), e.toJson()}}, channel);
    return QStringLiteral("; ") + e.summary;
}

}  // namespace cs
