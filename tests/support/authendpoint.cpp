#include "authendpoint.h"

namespace cs::test {

std::optional<quint16> startAuthEndpoint(NodePeer &peer, const QMap<QString, QString> &env)
{
    if (!peer.start(QStringLiteral("auth-endpoint.js"), {QStringLiteral("0")}, env))
        return std::nullopt;
    const auto line = peer.waitForType(QStringLiteral("listening"));
    if (!line)
        return std::nullopt;
    return quint16(line->value(QStringLiteral("port")).toInt());
}

EndpointConfig authEndpointConfig(quint16 port, const QString &path, const QByteArray &user)
{
    EndpointConfig c;
    c.url = QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(port).arg(path));
    c.headers.append({QByteArrayLiteral("Authorization"), "Bearer " + kAuthEndpointToken});
    if (!user.isEmpty())
        c.headers.append({QByteArrayLiteral("X-User"), user});
    c.timeoutMs = 5000;
    return c;
}

}  // namespace cs::test
