#include "signatureparts.h"

#include <QCoreApplication>

namespace cs::ui::signature {

namespace {

QString tr(const char *text) { return QCoreApplication::translate("cs::ui::SignatureView", text); }

// Byte offsets into UTF-8 -> offsets into the QString made from it.
int charOffset(const QByteArray &utf8, qsizetype byteOffset)
{
    return int(QString::fromUtf8(utf8.left(byteOffset)).size());
}

// Where the part a verdict names sits in a string to sign.
std::optional<TextRange> partRange(Verdict verdict, const QByteArray &stringToSign)
{
    const StringToSignParts parts = splitStringToSign(stringToSign);
    switch (verdict) {
    case Verdict::SocketIdDiffers: return TextRange{0, charOffset(stringToSign, parts.socketId.size()), false};
    case Verdict::ChannelDiffers:
        if (parts.user)
            return TextRange{charOffset(stringToSign, parts.socketId.size()), 8, false};  // "::user::"
        if (parts.channelOffset >= 0) {
            const int start = charOffset(stringToSign, parts.channelOffset);
            return TextRange{start, charOffset(stringToSign, parts.channelOffset + parts.channel.size()) - start,
                             false};
        }
        return std::nullopt;
    case Verdict::ChannelDataDiffers:
        if (parts.dataOffset >= 0) {
            const int start = charOffset(stringToSign, parts.dataOffset);
            return TextRange{start, int(QString::fromUtf8(stringToSign).size()) - start, false};
        }
        return std::nullopt;
    default: return std::nullopt;
    }
}

}  // namespace

// The stretch where two strings differ: what is left between their common prefix and suffix.
// An insertion (nothing left on one side) is shown by the two characters around it.
std::pair<std::optional<TextRange>, std::optional<TextRange>> diffRanges(const QString &a, const QString &b)
{
    if (a == b)
        return {};
    int prefix = 0;
    const int shorter = int(qMin(a.size(), b.size()));
    while (prefix < shorter && a.at(prefix) == b.at(prefix))
        ++prefix;
    int suffix = 0;
    while (suffix < shorter - prefix && a.at(a.size() - 1 - suffix) == b.at(b.size() - 1 - suffix))
        ++suffix;
    auto range = [&](const QString &s) -> std::optional<TextRange> {
        const int length = int(s.size()) - prefix - suffix;
        if (length > 0)
            return TextRange{prefix, length, true};
        const int start = qMax(0, prefix - 1);
        const int end = qMin(int(s.size()), prefix + 1);
        return end > start ? std::optional<TextRange>(TextRange{start, end - start, true}) : std::nullopt;
    };
    return {range(a), range(b)};
}

QList<TextRange> rangesFor(Verdict verdict, const QByteArray &string, const std::optional<TextRange> &exact)
{
    QList<TextRange> ranges;
    if (const auto part = partRange(verdict, string))
        ranges << *part;
    if (exact)
        ranges << *exact;
    return ranges;
}

std::pair<TextRange, TextRange> authRanges(const QString &auth)
{
    const int colon = int(auth.lastIndexOf(u':'));
    if (colon < 0)
        return {TextRange{0, 0, true}, TextRange{0, int(auth.size()), true}};
    return {TextRange{0, colon, true}, TextRange{colon + 1, int(auth.size()) - colon - 1, true}};
}

QString keyOf(const QByteArray &auth)
{
    const qsizetype colon = auth.lastIndexOf(':');
    return colon > 0 ? QString::fromUtf8(auth.left(colon)) : QString();
}

QString hexOf(const QByteArray &auth) { return QString::fromUtf8(auth.mid(auth.lastIndexOf(':') + 1)); }

QMap<Part, PartState> partStates(const SignatureExplanation &e)
{
    QMap<Part, PartState> states;
    for (const Part part : kParts)
        states[part] = PartState::Unknown;
    const StringToSignParts parts = splitStringToSign(e.stringToSign);
    const StringToSignParts other = splitStringToSign(e.otherString);
    if (parts.user && (e.otherString.isEmpty() || other.user))
        states[Part::Channel] = PartState::Absent;
    if (parts.data.isEmpty() && other.data.isEmpty())
        states[Part::Data] = PartState::Absent;
    const bool authChecked = e.received.contains(':');  // an auth was checked, not a server's bare hex
    auto set = [&](std::initializer_list<Part> list, PartState state) {
        for (const Part part : list) {
            if (states[part] != PartState::Absent)
                states[part] = state;
        }
    };
    switch (e.verdict) {
    case Verdict::Match:
        set({Part::Key, Part::SocketId, Part::Channel, Part::Data, Part::Secret}, PartState::Same);
        break;
    case Verdict::WrongKey: set({Part::Key}, PartState::Differs); break;
    case Verdict::SocketIdDiffers: set({Part::SocketId}, PartState::Differs); break;
    case Verdict::ChannelDiffers:
        set({Part::SocketId}, PartState::Same);
        states[Part::Channel] = PartState::Differs;  // also sign-in vs channel
        break;
    case Verdict::ChannelDataDiffers:
        set({Part::SocketId, Part::Channel}, PartState::Same);
        set({Part::Data}, PartState::Differs);
        if (authChecked)
            set({Part::Key, Part::Secret}, PartState::Same);
        break;
    case Verdict::SecretDiffers:
        set({Part::Key, Part::SocketId, Part::Channel, Part::Data}, PartState::Same);
        set({Part::Secret}, PartState::Differs);
        break;
    case Verdict::Malformed:
    case Verdict::Unknown: break;
    }
    return states;
}

QString partName(Part part, bool user)
{
    switch (part) {
    case Part::Key: return tr("App key");
    case Part::SocketId: return tr("Socket id");
    case Part::Channel: return tr("Channel");
    case Part::Data: return user ? QStringLiteral("user_data") : QStringLiteral("channel_data");
    case Part::Secret: return tr("Secret");
    }
    return {};
}

QString stateText(PartState state)
{
    switch (state) {
    case PartState::Same: return tr("\u2713 same");
    case PartState::Differs: return tr("\u2717 differs");
    case PartState::Unknown: return tr("not checked");
    case PartState::Absent: return QStringLiteral("\u2014");
    }
    return {};
}

}  // namespace cs::ui::signature
