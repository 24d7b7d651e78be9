// sign: the built-in signer on the command line.

#include "sign.h"

#include "cli.h"

#include "explainer.h"
#include "names.h"
#include "signer.h"

namespace cs::cli {

int runSign(const QStringList &args)
{
    QCommandLineParser parser;
    addCredentialOptions(parser);
    parser.addOptions({
        {QStringLiteral("socket-id"), QStringLiteral("Socket id, e.g. 1234.5678."), QStringLiteral("id")},
        {QStringLiteral("channel"), QStringLiteral("Channel to authorize."), QStringLiteral("name")},
        {QStringLiteral("channel-data"), QStringLiteral("Presence channel_data JSON, signed byte for byte."),
         QStringLiteral("json")},
        {QStringLiteral("user-data"), QStringLiteral("User data JSON for a sign-in (instead of --channel)."),
         QStringLiteral("json")},
        {QStringLiteral("verify"),
         QStringLiteral("Check an auth value (e.g. from your auth endpoint) against this key and secret; prints the "
                        "explanation and exits 0 on a match, 1 on a mismatch."),
         QStringLiteral("auth")},
    });
    if (const Parsed p = parse(parser, args, QStringLiteral("Sign a channel subscription or a user sign-in locally."));
        p.exitNow)
        return *p.exitNow;
    if (!parser.isSet(QStringLiteral("socket-id")))
        return usageError(QStringLiteral("--socket-id is required"));
    const bool channelMode = parser.isSet(QStringLiteral("channel"));
    if (channelMode == parser.isSet(QStringLiteral("user-data")))
        return usageError(QStringLiteral("give either --channel or --user-data"));
    const auto credentials = credentialsFrom(parser, QStringLiteral("sign"));
    if (!credentials)
        return usageError(credentials.error().message);
    const signer::AppKeys keys{credentials->key, credentials->secret};
    const QString socketId = parser.value(QStringLiteral("socket-id"));

    if (parser.isSet(QStringLiteral("verify"))) {
        const QByteArray auth = parser.value(QStringLiteral("verify")).toUtf8();
        const SignatureExplanation explanation =
            channelMode ? explainChannelAuth(keys, socketId, parser.value(QStringLiteral("channel")),
                                             parser.value(QStringLiteral("channel-data")).toUtf8(), auth)
                        : explainUserAuth(keys, socketId, parser.value(QStringLiteral("user-data")).toUtf8(), auth);
        printJsonLine(explanation.toJson());
        return explanation.matches() ? ExitOk : ExitNotMet;
    }

    if (!channelMode) {
        const auto signedUser = signer::signUser(keys, socketId, parser.value(QStringLiteral("user-data")).toUtf8());
        if (!signedUser)
            return usageError(signedUser.error().message);
        printJsonLine({{QStringLiteral("auth"), QString::fromUtf8(signedUser->auth)},
                       {QStringLiteral("user_data"), QString::fromUtf8(signedUser->userData)},
                       {QStringLiteral("string_to_sign"), QString::fromUtf8(signedUser->stringToSign)}});
        return ExitOk;
    }
    const QString channel = parser.value(QStringLiteral("channel"));
    const QByteArray channelData = parser.value(QStringLiteral("channel-data")).toUtf8();
    if (channelKindOf(channel).type == ChannelType::Presence && channelData.isEmpty())
        return usageError(QStringLiteral("presence channels need --channel-data, e.g. '{\"user_id\":\"1\"}'"));
    const bool encrypted = channelKindOf(channel).type == ChannelType::PrivateEncrypted;
    if (encrypted && credentials->encryptionMasterKeyBase64.isEmpty())
        return usageError(QStringLiteral("private-encrypted channels need --encryption-master-key"));
    const auto signedChannel = signer::signChannel(keys, socketId, channel, channelData,
                                                   encrypted ? credentials->encryptionMasterKeyBase64 : QByteArray());
    if (!signedChannel)
        return usageError(signedChannel.error().message);
    QJsonObject out{{QStringLiteral("auth"), QString::fromUtf8(signedChannel->auth)},
                    {QStringLiteral("string_to_sign"), QString::fromUtf8(signedChannel->stringToSign)}};
    if (!signedChannel->channelData.isEmpty())
        out.insert(QStringLiteral("channel_data"), QString::fromUtf8(signedChannel->channelData));
    if (!signedChannel->sharedSecret.isEmpty())
        out.insert(QStringLiteral("shared_secret"), QString::fromUtf8(signedChannel->sharedSecret));
    printJsonLine(out);
    return ExitOk;
}

}  // namespace cs::cli
