#include "endpoint.h"

namespace cs {

quint16 defaultPort(bool tls) { return tls ? 443 : 80; }

QString normalizedPathPrefix(const QString &prefix)
{
    QString p = prefix.trimmed();
    while (p.endsWith(u'/'))
        p.chop(1);
    if (!p.isEmpty() && !p.startsWith(u'/'))
        p.prepend(u'/');
    return p;
}

quint16 Endpoint::effectivePort() const { return port != 0 ? port : defaultPort(tls); }

QUrl Endpoint::webSocketUrl(const QString &clientName, const QString &version) const
{
    QUrl url;
    url.setScheme(tls ? QStringLiteral("wss") : QStringLiteral("ws"));
    url.setHost(host);
    url.setPort(effectivePort());
    url.setPath(normalizedPathPrefix(pathPrefix) + QStringLiteral("/app/") + key, QUrl::DecodedMode);
    // pusher-js order: protocol, client, version, flash (docs/protocol.md, "Connecting").
    const QString query = QStringLiteral("protocol=7&client=%1&version=%2&flash=false")
                              .arg(QString::fromLatin1(QUrl::toPercentEncoding(clientName)),
                                   QString::fromLatin1(QUrl::toPercentEncoding(version)));
    url.setQuery(query, QUrl::StrictMode);
    return url;
}

}  // namespace cs
