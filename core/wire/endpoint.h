#pragma once
// Where a WebSocket connection goes: the public half of an app's credentials. It holds no
// secret, so the transport (Connection, WireSocket) never sees one.

#include <QString>
#include <QUrl>

namespace cs {

struct Endpoint {
    QString key;       // the app key, part of the URL path (public)
    QString host;      // resolved: custom host, or ws-<cluster>.pusher.com
    quint16 port = 0;  // 0 = 443 with TLS, 80 without (a 4000 retry on wss changes it)
    bool tls = true;
    QString pathPrefix;  // before /app/KEY, e.g. "/ws"
    // SHA-256 fingerprint of the one untrusted certificate the user accepted; empty: none.
    QString pinnedSha256;

    quint16 effectivePort() const;
    // scheme://host:port{prefix}/app/{key}?protocol=7&client=…&version=…&flash=false
    QUrl webSocketUrl(const QString &clientName, const QString &version) const;

    bool operator==(const Endpoint &) const = default;
};

// 443 with TLS, 80 without: what a port of 0 ("the default") means.
quint16 defaultPort(bool tls);
// "/ws/" -> "/ws", "ws" -> "/ws", "/" -> "": the prefix is glued in front of "/app/…" and "/apps/…".
QString normalizedPathPrefix(const QString &prefix);

}  // namespace cs
