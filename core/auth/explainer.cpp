#include "explainer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

#include <functional>
#include <optional>

namespace cs {

namespace {

using Verdict = SignatureExplanation::Verdict;

QString text(const QByteArray &bytes) { return QString::fromUtf8(bytes); }

bool isLowerHex(const QByteArray &hex)
{
    if (hex.size() != 64)
        return false;
    for (const char c : hex) {
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
            return false;
    }
    return true;
}

// "<key>:<64 hex>" -> key and hex; false when it is not that shape.
bool splitAuth(const QByteArray &auth, QByteArray *key, QByteArray *hex)
{
    const qsizetype colon = auth.lastIndexOf(':');
    if (colon <= 0)
        return false;
    *key = auth.left(colon);
    *hex = auth.mid(colon + 1);
    return isLowerHex(*hex);
}

// JSON with every whitespace outside strings removed.
QByteArray stripJsonSpace(const QByteArray &json)
{
    QByteArray out;
    out.reserve(json.size());
    bool inString = false;
    bool escaped = false;
    for (const char c : json) {
        if (inString) {
            out += c;
            if (escaped)
                escaped = false;
            else if (c == '\\')
                escaped = true;
            else if (c == '"')
                inString = false;
            continue;
        }
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
            continue;
        if (c == '"')
            inString = true;
        out += c;
    }
    return out;
}

// Compact JSON with ", " and ": " separators (Python's json.dumps, PHP's pretty variants…).
QByteArray spacedJson(const QByteArray &compact)
{
    QByteArray out;
    out.reserve(compact.size() + compact.size() / 4);
    bool inString = false;
    bool escaped = false;
    for (const char c : compact) {
        out += c;
        if (inString) {
            if (escaped)
                escaped = false;
            else if (c == '\\')
                escaped = true;
            else if (c == '"')
                inString = false;
            continue;
        }
        if (c == '"')
            inString = true;
        else if (c == ',' || c == ':')
            out += ' ';
    }
    return out;
}

std::optional<QJsonDocument> parseJson(const QByteArray &bytes)
{
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &error);
    if (error.error != QJsonParseError::NoError)
        return std::nullopt;
    return doc;
}

// Other serializations of the same JSON value that a signer may have used: other spacing, keys
// sorted (Qt, Python sort_keys, PHP ksort…).
QList<QByteArray> reserializations(const QByteArray &json)
{
    QList<QByteArray> out;
    auto add = [&](const QByteArray &candidate) {
        if (!candidate.isEmpty() && candidate != json && !out.contains(candidate))
            out << candidate;
    };
    const QByteArray compact = stripJsonSpace(json);
    add(compact);
    add(spacedJson(compact));
    if (const auto doc = parseJson(json)) {
        const QByteArray sorted = doc->toJson(QJsonDocument::Compact);
        add(sorted);
        add(spacedJson(sorted));
        add(doc->toJson(QJsonDocument::Indented));
        add(doc->toJson(QJsonDocument::Indented).trimmed());
    }
    return out;
}

// What differs between two serializations of the same value.
QString howReserialized(const QByteArray &a, const QByteArray &b)
{
    return stripJsonSpace(a) == stripJsonSpace(b) ? QStringLiteral("spacing differs")
                                                  : QStringLiteral("key order or spacing differ");
}

bool sameJsonValue(const QByteArray &a, const QByteArray &b)
{
    const auto da = parseJson(a);
    const auto db = parseJson(b);
    return da && db && *da == *db;
}

// Common checks of a received auth: shape, key prefix. Fills `e` and returns false when done.
bool checkShape(SignatureExplanation &e, const signer::AppKeys &keys, QByteArray *receivedHex)
{
    QByteArray key;
    if (!splitAuth(e.received, &key, receivedHex)) {
        e.verdict = Verdict::Malformed;
        e.summary = e.received.isEmpty() ? QStringLiteral("the auth is empty")
                                         : QStringLiteral("the auth is not \"<app key>:<64 lowercase hex digits>\"");
        e.details << QStringLiteral("received: %1").arg(text(e.received));
        return false;
    }
    if (QString::fromUtf8(key) != keys.key) {
        e.verdict = Verdict::WrongKey;
        e.summary = QStringLiteral("the auth is signed for app key \"%1\", but this profile's key is \"%2\"")
                        .arg(text(key), keys.key);
        e.details << QStringLiteral("received: %1").arg(text(e.received));
        return false;
    }
    if (keys.secret.isEmpty()) {
        e.verdict = Verdict::Unknown;
        e.summary = QStringLiteral("cannot check the signature: this profile has no app secret");
        return false;
    }
    return true;
}

SignatureExplanation explain(const signer::AppKeys &keys, const QByteArray &authReceived, const QByteArray &dataSent,
                             const std::function<QByteArray(const QByteArray &data)> &stringFor, const char *dataName)
{
    SignatureExplanation e;
    e.received = authReceived.trimmed();
    e.stringToSign = stringFor(dataSent);
    e.stringLabel = QStringLiteral("string to sign");
    const QByteArray secret = keys.secret.toUtf8();
    if (!keys.secret.isEmpty())
        e.expected = keys.key.toUtf8() + ':' + signer::hmacSha256Hex(secret, e.stringToSign);
    QByteArray receivedHex;
    if (!checkShape(e, keys, &receivedHex))
        return e;
    e.details << QStringLiteral("string to sign: %1").arg(text(e.stringToSign));
    if (signer::constantTimeEquals(e.expected, e.received)) {
        e.verdict = Verdict::Match;
        e.summary = QStringLiteral("the signature matches this profile's key and secret");
        return e;
    }
    e.details << QStringLiteral("expected: %1").arg(text(e.expected))
              << QStringLiteral("received: %1").arg(text(e.received));
    if (!dataSent.isEmpty()) {
        for (const QByteArray &variant : reserializations(dataSent)) {
            if (signer::hmacSha256Hex(secret, stringFor(variant)) != receivedHex)
                continue;
            e.verdict = Verdict::ChannelDataDiffers;
            e.stringLabel = QStringLiteral("string to sign with the %1 sent").arg(QString::fromLatin1(dataName));
            e.otherString = stringFor(variant);
            e.otherLabel = QStringLiteral("what the signer signed");
            e.summary =
                QStringLiteral("%1 was re-serialized after signing: %2; the signer signed other bytes than were sent")
                    .arg(QString::fromLatin1(dataName), howReserialized(variant, dataSent));
            e.details << QStringLiteral("%1 signed: %2").arg(QString::fromLatin1(dataName), text(variant))
                      << QStringLiteral("%1 sent:   %2").arg(QString::fromLatin1(dataName), text(dataSent));
            return e;
        }
    }
    e.verdict = Verdict::SecretDiffers;
    e.summary = QStringLiteral("the signer uses a different secret than this profile's");
    e.details << QStringLiteral(
                     "key, socket id, channel and %1 are the same on both sides, so only the secret can differ "
                     "(or the signer signed another socket id or channel; the server's error would say)")
                     .arg(QString::fromLatin1(dataName));
    return e;
}

const QRegularExpression &signatureErrorPattern()
{
    // Greedy: channel_data may itself contain ", but got".
    static const QRegularExpression re(QStringLiteral("digest of (.*), but got (\\S*)"),
                                       QRegularExpression::DotMatchesEverythingOption);
    return re;
}

}  // namespace

QString verdictName(SignatureExplanation::Verdict verdict)
{
    switch (verdict) {
    case Verdict::Match: return QStringLiteral("match");
    case Verdict::WrongKey: return QStringLiteral("wrong-key");
    case Verdict::SocketIdDiffers: return QStringLiteral("socket-id-differs");
    case Verdict::ChannelDiffers: return QStringLiteral("channel-differs");
    case Verdict::ChannelDataDiffers: return QStringLiteral("channel-data-differs");
    case Verdict::SecretDiffers: return QStringLiteral("secret-differs");
    case Verdict::Malformed: return QStringLiteral("malformed");
    case Verdict::Unknown: return QStringLiteral("unknown");
    }
    return {};
}

bool parseVerdictName(const QString &name, SignatureExplanation::Verdict *out)
{
    for (const Verdict v :
         {Verdict::Match, Verdict::WrongKey, Verdict::SocketIdDiffers, Verdict::ChannelDiffers,
          Verdict::ChannelDataDiffers, Verdict::SecretDiffers, Verdict::Malformed, Verdict::Unknown}) {
        if (verdictName(v) == name) {
            *out = v;
            return true;
        }
    }
    return false;
}

QString verdictTitle(SignatureExplanation::Verdict verdict)
{
    switch (verdict) {
    case Verdict::Match: return QStringLiteral("Signature matches");
    case Verdict::WrongKey: return QStringLiteral("App key differs");
    case Verdict::SocketIdDiffers: return QStringLiteral("Socket id differs");
    case Verdict::ChannelDiffers: return QStringLiteral("Channel differs");
    case Verdict::ChannelDataDiffers: return QStringLiteral("Signed data differs");
    case Verdict::SecretDiffers: return QStringLiteral("Secret differs");
    case Verdict::Malformed: return QStringLiteral("Malformed signature");
    case Verdict::Unknown: return QStringLiteral("Cannot check the signature");
    }
    return {};
}

StringToSignParts splitStringToSign(const QByteArray &s)
{
    StringToSignParts parts;
    const qsizetype first = s.indexOf(':');
    if (first < 0) {
        parts.socketId = s;
        return parts;
    }
    parts.socketId = s.left(first);
    if (s.mid(first).startsWith("::user::")) {
        parts.user = true;
        parts.dataOffset = first + 8;
        parts.data = s.mid(parts.dataOffset);
        return parts;
    }
    parts.channelOffset = first + 1;
    const qsizetype second = s.indexOf(':', first + 1);
    if (second < 0) {
        parts.channel = s.mid(first + 1);
        return parts;
    }
    parts.channel = s.mid(first + 1, second - first - 1);
    parts.dataOffset = second + 1;
    parts.data = s.mid(parts.dataOffset);
    return parts;
}

QJsonObject SignatureExplanation::toJson() const
{
    QJsonObject json{{QStringLiteral("verdict"), verdictName(verdict)},
                     {QStringLiteral("summary"), summary},
                     {QStringLiteral("string_to_sign"), QString::fromUtf8(stringToSign)},
                     {QStringLiteral("string_label"), stringLabel},
                     {QStringLiteral("expected"), QString::fromUtf8(expected)},
                     {QStringLiteral("received"), QString::fromUtf8(received)},
                     {QStringLiteral("details"), QJsonArray::fromStringList(details)}};
    if (!otherString.isEmpty()) {
        json.insert(QStringLiteral("other_string"), QString::fromUtf8(otherString));
        json.insert(QStringLiteral("other_label"), otherLabel);
    }
    return json;
}

std::optional<SignatureExplanation> SignatureExplanation::fromJson(const QJsonObject &json)
{
    SignatureExplanation e;
    if (!parseVerdictName(json.value(QStringLiteral("verdict")).toString(), &e.verdict))
        return std::nullopt;
    e.summary = json.value(QStringLiteral("summary")).toString();
    e.stringToSign = json.value(QStringLiteral("string_to_sign")).toString().toUtf8();
    e.stringLabel = json.value(QStringLiteral("string_label")).toString();
    e.otherString = json.value(QStringLiteral("other_string")).toString().toUtf8();
    e.otherLabel = json.value(QStringLiteral("other_label")).toString();
    e.expected = json.value(QStringLiteral("expected")).toString().toUtf8();
    e.received = json.value(QStringLiteral("received")).toString().toUtf8();
    for (const QJsonValue &line : json.value(QStringLiteral("details")).toArray())
        e.details << line.toString();
    return e;
}

SignatureExplanation explainChannelAuth(const signer::AppKeys &keys, const QString &socketId, const QString &channel,
                                        const QByteArray &channelDataSent, const QByteArray &authReceived)
{
    return explain(
        keys, authReceived, channelDataSent,
        [&](const QByteArray &data) { return signer::channelStringToSign(socketId, channel, data); }, "channel_data");
}

SignatureExplanation explainUserAuth(const signer::AppKeys &keys, const QString &socketId,
                                     const QByteArray &userDataSent, const QByteArray &authReceived)
{
    return explain(
        keys, authReceived, userDataSent,
        [&](const QByteArray &data) { return signer::userStringToSign(socketId, data); }, "user_data");
}

bool isSignatureErrorMessage(const QString &message) { return signatureErrorPattern().match(message).hasMatch(); }

SignatureExplanation explainServerSignatureError(const signer::AppKeys &keys, const QString &message,
                                                 const QByteArray &stringWeSigned)
{
    SignatureExplanation e;
    const auto m = signatureErrorPattern().match(message);
    if (!m.hasMatch()) {
        e.verdict = Verdict::Malformed;
        e.summary = QStringLiteral("the server's message quotes no string to sign");
        e.details << QStringLiteral("message: %1").arg(message);
        return e;
    }
    // Never sign the server's text: it would make the app an oracle that signs any string the
    // server quotes. Only the string this side built (own socket id, channel, data) is signed;
    // the quoted string is shown and compared part by part, as text.
    const QByteArray quoted = m.captured(1).toUtf8();
    e.stringToSign = stringWeSigned;
    e.stringLabel = QStringLiteral("this side signed");
    if (stringWeSigned != quoted) {
        e.otherString = quoted;
        e.otherLabel = QStringLiteral("the server expected");
    }
    e.received = m.captured(2).toUtf8();
    if (!keys.secret.isEmpty() && !stringWeSigned.isEmpty())
        e.expected = keys.key.toUtf8() + ':' + signer::hmacSha256Hex(keys.secret.toUtf8(), stringWeSigned);
    e.details << QStringLiteral("server expected the string: %1").arg(text(quoted))
              << QStringLiteral("this side signed:           %1").arg(text(stringWeSigned));

    const StringToSignParts theirs = splitStringToSign(quoted);
    const StringToSignParts ours = splitStringToSign(stringWeSigned);
    if (stringWeSigned.isEmpty()) {
        e.verdict = Verdict::Unknown;
        e.summary = QStringLiteral("the server expected a signature of \"%1\"; what was signed here is not known")
                        .arg(text(quoted));
        return e;
    }
    if (theirs.socketId != ours.socketId) {
        e.verdict = Verdict::SocketIdDiffers;
        e.summary =
            QStringLiteral(
                "the signature is for socket id %1, but the server expected %2 (an auth from an earlier connection?)")
                .arg(text(ours.socketId), text(theirs.socketId));
        return e;
    }
    if (theirs.user != ours.user || theirs.channel != ours.channel) {
        e.verdict = Verdict::ChannelDiffers;
        e.summary = QStringLiteral("the signature is for channel \"%1\", but the server expected \"%2\"")
                        .arg(ours.user ? QStringLiteral("(user sign-in)") : text(ours.channel),
                             theirs.user ? QStringLiteral("(user sign-in)") : text(theirs.channel));
        return e;
    }
    const char *dataName = theirs.user ? "user_data" : "channel_data";
    if (theirs.data != ours.data) {
        e.verdict = Verdict::ChannelDataDiffers;
        if (sameJsonValue(theirs.data, ours.data))
            e.summary =
                QStringLiteral("%1 was re-serialized: %2; the same JSON value, but other bytes than were signed")
                    .arg(QString::fromLatin1(dataName), howReserialized(theirs.data, ours.data));
        else
            e.summary = QStringLiteral("the %1 the server received is not the one that was signed")
                            .arg(QString::fromLatin1(dataName));
        e.details << QStringLiteral("%1 signed:   %2").arg(QString::fromLatin1(dataName), text(ours.data))
                  << QStringLiteral("%1 received: %2").arg(QString::fromLatin1(dataName), text(theirs.data));
        return e;
    }
    e.verdict = Verdict::SecretDiffers;
    const QByteArray ourHex = e.expected.mid(e.expected.lastIndexOf(':') + 1);
    if (!keys.secret.isEmpty() && ourHex == e.received)
        e.summary = QStringLiteral(
            "the string to sign is the same on both sides: the server has a different secret than this profile");
    else
        e.summary = QStringLiteral(
            "the string to sign is the same on both sides: the signature was made with a different secret than the server's");
    return e;
}

}  // namespace cs
