#pragma once
// Which certificate errors the per-profile "accept a self-signed certificate" opt-in may wave
// through: a self-signed certificate or a private root. Name mismatches, expiry and revocation
// are never ignored. One rule for the WebSocket, REST and the profile test.

#include <QList>
#include <QSslError>

namespace cs {

bool isUntrustedIssuerError(const QSslError &error);
bool allUntrustedIssuerErrors(const QList<QSslError> &errors);

} // namespace cs
