#pragma once
// tests/node/auth-endpoint.js, the real auth endpoint of the tests (the official pusher SDK behind
// a bearer token), as the integration and GUI tests start it and point an EndpointConfig at it.

#include "endpointauthorizer.h"
#include "nodepeer.h"

#include <optional>

namespace cs::test {

// The bearer token the endpoint requires.
inline const QByteArray kAuthEndpointToken = "test-token";

// Starts the endpoint on a free loopback port (env: NodePeer::envFor(...) of the app it signs
// for, plus overrides) and returns that port; nullopt when it did not start.
std::optional<quint16> startAuthEndpoint(NodePeer &peer, const QMap<QString, QString> &env);

// POST http://127.0.0.1:<port><path> with the bearer token, a 5 s timeout and, when `user` is
// set, an X-User header (the endpoint's presence and sign-in identity).
EndpointConfig authEndpointConfig(quint16 port, const QString &path = QStringLiteral("/pusher/auth"),
                                  const QByteArray &user = {});

}  // namespace cs::test
