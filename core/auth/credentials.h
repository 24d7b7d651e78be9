#pragma once
// Where an app lives and how to sign for it: the connection half of a profile.

#include "endpoint.h"
#include "result.h"

#include <QProcessEnvironment>
#include <QString>
#include <QUrl>

#include <optional>

namespace cs {

struct Credentials {
    QString appId;
    QString key;
    QString secret;
    QString cluster;   // e.g. "mt1"; used when host is empty
    QString host;      // custom WebSocket host (soketi, Reverb…); empty = ws-<cluster>.pusher.com
    quint16 port = 0;  // 0 = 443 with TLS, 80 without
    bool tls = true;
    QString restHost;             // empty = same as host, or api-<cluster>.pusher.com
    quint16 restPort = 0;         // 0 = same as port for a custom host, else 443/80
    std::optional<bool> restTls;  // unset = same as tls
    QString pathPrefix;           // before /app/KEY and /apps/ID, e.g. "/ws"
    QByteArray encryptionMasterKeyBase64;
    // SHA-256 fingerprint ("AB:CD:…") of the one untrusted certificate (e.g. a local server's
    // self-signed one) that the user accepted; empty: none. Not secret. See tlspolicy.h.
    QString pinnedSha256;

    QString wsHost() const;
    quint16 wsPort() const;
    // The WebSocket half, without the secret: what Connection is given.
    Endpoint endpoint() const;
    QUrl webSocketUrl(const QString &clientName, const QString &version) const;
    QString effectiveRestHost() const;
    quint16 effectiveRestPort() const;
    bool effectiveRestTls() const;
    QUrl restBaseUrl() const;  // scheme://host:port{pathPrefix}/apps/{appId}

    // http[s]://KEY:SECRET@HOST[:PORT]/apps/APP_ID (the SDKs' connection URL)
    static Result<Credentials> fromUrl(const QString &url);
    // PUSHER_APP_ID, PUSHER_APP_KEY, PUSHER_APP_SECRET, PUSHER_APP_CLUSTER, PUSHER_HOST,
    // PUSHER_PORT, PUSHER_SCHEME; fields that are not set keep what `base` had.
    static Credentials fromEnvironment(const QProcessEnvironment &env, const Credentials &base);
    static Credentials fromEnvironment(const QProcessEnvironment &env);
    // Empty key, no host nor cluster, bad port… One message per problem.
    QStringList problems(bool needSecret) const;
};

}  // namespace cs
