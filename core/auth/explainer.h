#pragma once
// The signature explainer: given what was signed and what was received, says whether a
// channel or user auth signature matches this profile's key and secret and, when it does not,
// which part differs (key, socket id, channel name, channel_data bytes, or the secret).
// Pure functions; needs the app secret to recompute signatures.

#include "signer.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace cs {

struct SignatureExplanation {
    enum class Verdict {
        Match,               // the signature is what this profile's key and secret give
        WrongKey,            // the auth's "<key>:" prefix is not this profile's key
        SocketIdDiffers,     // signed for another socket id (server error message)
        ChannelDiffers,      // signed for another channel name (server error message)
        ChannelDataDiffers,  // channel_data/user_data bytes differ from the signed ones (e.g. re-serialized)
        SecretDiffers,       // everything else equal: signed with a different secret
        Malformed,           // the auth is not "<key>:<64 hex digits>", or the message cannot be read
        Unknown,             // cannot tell: no secret in the profile
    };

    QByteArray stringToSign;  // the string this side signs (built here, never taken from the server)
    QString stringLabel;      // what stringToSign is, for the user ("string to sign", "this side signed")
    QByteArray otherString;   // the other side's string when it is known and differs: what the
                              // signer really signed (re-serialized data), or what the server expected
    QString otherLabel;       // what otherString is ("what the signer signed", "the server expected")
    QByteArray expected;      // "<key>:<hex>" made with this profile's key and secret
    QByteArray received;      // the auth (or the server's "but got" hex) as received
    Verdict verdict = Verdict::Unknown;
    QString summary;      // one line for the user
    QStringList details;  // further lines: both strings, both byte sequences…

    bool matches() const { return verdict == Verdict::Match; }
    // {"verdict","summary","string_to_sign","string_label","expected","received","details":[…]}
    // plus "other_string" and "other_label" when there is another string.
    QJsonObject toJson() const;
    // Back from toJson() (e.g. a log entry's details); nullopt when it is not an explanation.
    static std::optional<SignatureExplanation> fromJson(const QJsonObject &json);
};

// "match", "wrong-key", "socket-id-differs", "channel-differs", "channel-data-differs",
// "secret-differs", "malformed", "unknown"
QString verdictName(SignatureExplanation::Verdict verdict);
bool parseVerdictName(const QString &name, SignatureExplanation::Verdict *out);
// A short title for the verdict: "Signature matches", "Secret differs", "Socket id differs"…
QString verdictTitle(SignatureExplanation::Verdict verdict);

// The parts of a string to sign: "<socket_id>:<channel>[:<data>]" or "<socket_id>::user::<data>".
struct StringToSignParts {
    bool user = false;  // a sign-in string
    QByteArray socketId;
    QByteArray channel;            // empty for a sign-in
    QByteArray data;               // channel_data / user_data; empty when there is none
    qsizetype channelOffset = -1;  // byte offsets into the string, -1 when absent
    qsizetype dataOffset = -1;
};
StringToSignParts splitStringToSign(const QByteArray &stringToSign);

// A channel auth as received (from an endpoint, or made by the built-in signer), checked
// against this profile. channelDataSent: the channel_data that goes with it (presence), byte for
// byte. When the signature differs, re-serializations of channelDataSent (other spacing, other
// key order) are tried to find what the signer really signed.
SignatureExplanation explainChannelAuth(const signer::AppKeys &keys, const QString &socketId, const QString &channel,
                                        const QByteArray &channelDataSent, const QByteArray &authReceived);

// The same for a user sign-in: string "<socket_id>::user::<user_data>".
SignatureExplanation explainUserAuth(const signer::AppKeys &keys, const QString &socketId,
                                     const QByteArray &userDataSent, const QByteArray &authReceived);

// A server's "Invalid signature: Expected HMAC SHA256 hex digest of <string>, but got <hex>"
// compared part by part with the string that was signed on this side. Only stringWeSigned is
// ever signed here: the quoted string is server text, compared as text (no signing oracle).
SignatureExplanation explainServerSignatureError(const signer::AppKeys &keys, const QString &message,
                                                 const QByteArray &stringWeSigned);
// True when the message quotes an expected string to sign ("… hex digest of …").
bool isSignatureErrorMessage(const QString &message);

}  // namespace cs
