#pragma once
// Which certificate errors the per-profile certificate pin may wave through, and how the pin is
// checked. A profile (or the CLI's --pin-sha256) may name the SHA-256 fingerprint of one
// certificate that the user accepted, e.g. a local server's self-signed one. A connection then
// accepts an untrusted issuer (self-signed certificate or private root) only when the
// certificate the verification failed on (the server's own when it is self-signed) has exactly
// that fingerprint; any other certificate is refused, naming both fingerprints. Name
// mismatches, expiry and revocation are never ignored. A pin only adds that one certificate: a
// certificate that verifies against the system's roots is accepted as before. One rule for the
// WebSocket, REST and the profile test.

#include <QByteArray>
#include <QList>
#include <QSslError>
#include <QString>

#include <optional>

namespace cs {

bool isUntrustedIssuerError(const QSslError &error);
bool allUntrustedIssuerErrors(const QList<QSslError> &errors);

// "AB:CD:…" (64 upper-case hex digits in pairs) of a raw SHA-256 digest.
QString formatSha256(const QByteArray &digest);
// Hex with or without colons or spaces, upper or lower case, an optional "SHA256" prefix
// ("SHA256 AB:CD…", "sha256:abcd…", openssl's "SHA256 Fingerprint=AB:…"), as tools print it: the 32-byte digest, or
// nullopt when it is not one. An empty text is nullopt too.
std::optional<QByteArray> parseSha256(const QString &text);

// What the handshake's errors come to under a pin.
struct PinVerdict {
    bool accept = false;     // ignore the errors: the pinned certificate was presented
    bool untrusted = false;  // every error is an untrusted issuer (what a pin could cover)
    QByteArray presented;    // SHA-256 of the certificate the errors name (empty if none)
    QString message;         // one line: why refused, or what was accepted
};
// `pinnedSha256` is the profile's text (may be empty or invalid: then nothing is accepted).
PinVerdict checkPin(const QList<QSslError> &errors, const QString &pinnedSha256);

}  // namespace cs
