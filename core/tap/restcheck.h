#pragma once
// A backend's REST request checked against the profile's key and secret (docs/protocol.md,
// "REST"): auth_key, auth_timestamp skew, body_md5 and auth_signature, with a verdict that says
// what differs, in the explainer's manner (explainer.h does the same for channel signatures).
// Pure functions; the secret only recomputes, it never leaves.

#include "signer.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

namespace cs::tap {

struct RestSignatureCheck {
    enum class Verdict {
        Valid,             // what this profile's key and secret give, within the allowed skew
        Unsigned,          // no auth_signature (or auth_key) in the query
        WrongKey,          // auth_key is another app key
        BodyChanged,       // body_md5 is not the MD5 of the body received
        SignatureDiffers,  // signed with another secret, or method/path/query changed after signing
        ClockSkew,         // signature right, auth_timestamp too far from this machine's clock
        Unknown,           // no secret in the profile: cannot tell
    };
    Verdict verdict = Verdict::Unknown;
    QString summary;          // one line for the user
    QByteArray stringToSign;  // what this side signed to compare ("POST\n/apps/1/events\nauth_key=…")
    QByteArray expected;      // this profile's signature (hex); no secret
    QByteArray received;      // auth_signature as received
    qint64 skewSeconds = 0;   // auth_timestamp minus now

    bool valid() const { return verdict == Verdict::Valid; }
    // {"verdict","summary","string_to_sign","expected","received","skew_s"}
    QJsonObject toJson() const;
};

// "valid", "unsigned", "wrong-key", "body-changed", "signature-differs", "clock-skew", "unknown"
QString verdictName(RestSignatureCheck::Verdict verdict);

// Pusher servers refuse a timestamp more than 600 s away.
inline constexpr qint64 kMaxRestSkewSeconds = 600;

// `path` is the request's path (percent-decoded as the server reads it), `query` the raw query
// string, `body` the bytes received.
RestSignatureCheck checkRestSignature(const signer::AppKeys &keys, const QByteArray &method, const QString &path,
                                      const QByteArray &query, const QByteArray &body, qint64 nowSeconds);

// The query as name/value pairs, percent-decoded ('+' stays: the SDKs do not use it for spaces).
signer::QueryParams parseQuery(const QByteArray &query);

}  // namespace cs::tap
