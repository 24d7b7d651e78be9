#include "credentials.h"

#include "signer.h"

#include <QRegularExpression>

namespace cs {

namespace {

Error urlError(const QString &what)
{
    return Error{ErrorCode::InvalidUrl,
                 what + QStringLiteral(" (expected http[s]://KEY:SECRET@HOST[:PORT]/apps/APP_ID)")};
}

// api-eu.pusher.com -> "eu"; the legacy api.pusherapp.com is the mt1 cluster. Empty otherwise.
QString clusterOfApiHost(const QString &host)
{
    static const QRegularExpression re(QStringLiteral("^api-([a-z0-9-]+)\\.pusher\\.com$"),
                                       QRegularExpression::CaseInsensitiveOption);
    const auto match = re.match(host);
    if (match.hasMatch())
        return match.captured(1).toLower();
    if (host.compare(u"api.pusherapp.com", Qt::CaseInsensitive) == 0)
        return QStringLiteral("mt1");
    return {};
}

// A host field holds a bare name or address, not a URL.
bool isBareHost(const QString &host)
{
    static const QRegularExpression bad(QStringLiteral("[\\s/?#@]|://"));
    return !bad.match(host).hasMatch();
}

bool isValidCluster(const QString &cluster)
{
    static const QRegularExpression re(QStringLiteral("^[a-z0-9-]+$"), QRegularExpression::CaseInsensitiveOption);
    return re.match(cluster).hasMatch();
}

}  // namespace

QString Credentials::wsHost() const
{
    if (!host.isEmpty())
        return host;
    return cluster.isEmpty() ? QString() : QStringLiteral("ws-%1.pusher.com").arg(cluster);
}

quint16 Credentials::wsPort() const { return port != 0 ? port : defaultPort(tls); }

Endpoint Credentials::endpoint() const { return Endpoint{key, wsHost(), port, tls, pathPrefix, pinnedSha256}; }

QUrl Credentials::webSocketUrl(const QString &clientName, const QString &version) const
{
    return endpoint().webSocketUrl(clientName, version);
}

QString Credentials::effectiveRestHost() const
{
    if (!restHost.isEmpty())
        return restHost;
    if (!host.isEmpty())
        return host;
    return cluster.isEmpty() ? QString() : QStringLiteral("api-%1.pusher.com").arg(cluster);
}

quint16 Credentials::effectiveRestPort() const
{
    if (restPort != 0)
        return restPort;
    // A self-hosted server (soketi…) serves REST on its WebSocket port.
    if (!host.isEmpty() && port != 0)
        return port;
    return defaultPort(effectiveRestTls());
}

bool Credentials::effectiveRestTls() const { return restTls.value_or(tls); }

QUrl Credentials::restBaseUrl() const
{
    QUrl url;
    url.setScheme(effectiveRestTls() ? QStringLiteral("https") : QStringLiteral("http"));
    url.setHost(effectiveRestHost());
    url.setPort(effectiveRestPort());
    url.setPath(normalizedPathPrefix(pathPrefix) + QStringLiteral("/apps/") + appId, QUrl::DecodedMode);
    return url;
}

Result<Credentials> Credentials::fromUrl(const QString &text)
{
    if (text.trimmed().isEmpty())
        return urlError(QStringLiteral("The URL is empty"));
    const QUrl url(text.trimmed(), QUrl::StrictMode);
    if (!url.isValid())
        return urlError(QStringLiteral("Not a valid URL: %1").arg(url.errorString()));
    const QString scheme = url.scheme().toLower();
    if (scheme != u"http" && scheme != u"https")
        return urlError(QStringLiteral("The URL scheme must be http or https, not \"%1\"").arg(url.scheme()));
    if (url.host().isEmpty())
        return urlError(QStringLiteral("The URL has no host"));

    Credentials c;
    c.key = url.userName(QUrl::FullyDecoded);
    c.secret = url.password(QUrl::FullyDecoded);
    if (c.key.isEmpty())
        return urlError(QStringLiteral("The URL has no app key"));
    if (c.secret.isEmpty())
        return urlError(QStringLiteral("The URL has no app secret"));

    static const QRegularExpression pathRe(QStringLiteral("^(.*)/apps/([^/]+)/?$"));
    const auto match = pathRe.match(url.path(QUrl::FullyDecoded));
    if (!match.hasMatch())
        return urlError(QStringLiteral("The URL path has no /apps/APP_ID"));
    c.pathPrefix = normalizedPathPrefix(match.captured(1));
    c.appId = match.captured(2);

    c.tls = scheme == u"https";
    const int explicitPort = url.port(0);
    c.cluster = clusterOfApiHost(url.host());
    if (c.cluster.isEmpty()) {
        c.host = url.host();
        c.port = quint16(explicitPort);
    } else {
        // Hosted Pusher: the WebSocket host follows from the cluster (ws-<cluster>.pusher.com);
        // an explicit port only concerns the REST host it was given for.
        c.restPort = quint16(explicitPort);
    }
    return c;
}

Credentials Credentials::fromEnvironment(const QProcessEnvironment &env, const Credentials &base)
{
    Credentials c = base;
    // Empty variables count as unset: shells and compose files often define them empty.
    const auto take = [&env](const char *name, QString *field) {
        const QString value = env.value(QString::fromLatin1(name)).trimmed();
        if (!value.isEmpty())
            *field = value;
    };
    take("PUSHER_APP_ID", &c.appId);
    take("PUSHER_APP_KEY", &c.key);
    take("PUSHER_APP_SECRET", &c.secret);
    take("PUSHER_APP_CLUSTER", &c.cluster);
    take("PUSHER_HOST", &c.host);

    bool portOk = false;
    const uint port = env.value(QStringLiteral("PUSHER_PORT")).trimmed().toUInt(&portOk);
    if (portOk && port > 0 && port <= 65535)
        c.port = quint16(port);

    const QString scheme = env.value(QStringLiteral("PUSHER_SCHEME")).trimmed().toLower();
    if (scheme == u"http" || scheme == u"ws")
        c.tls = false;
    else if (scheme == u"https" || scheme == u"wss")
        c.tls = true;
    return c;
}

Credentials Credentials::fromEnvironment(const QProcessEnvironment &env) { return fromEnvironment(env, Credentials{}); }

QStringList Credentials::problems(bool needSecret) const
{
    QStringList out;
    if (key.trimmed().isEmpty())
        out << QStringLiteral("The app key is missing.");
    // Only REST calls need the app id, and they need the secret too.
    if (needSecret && appId.trimmed().isEmpty())
        out << QStringLiteral("The app id is missing.");
    if (appId.contains(u'/') || appId.contains(u' '))
        out << QStringLiteral("The app id \"%1\" contains '/' or spaces.").arg(appId);
    if (needSecret && secret.isEmpty())
        out << QStringLiteral("The app secret is missing.");
    if (host.isEmpty() && cluster.isEmpty())
        out << QStringLiteral("Neither a host nor a cluster is set.");
    if (!cluster.isEmpty() && !isValidCluster(cluster))
        out << QStringLiteral("The cluster \"%1\" is not a cluster name (e.g. mt1, eu).").arg(cluster);
    if (!isBareHost(host))
        out << QStringLiteral("The host \"%1\" must be a bare host name, without scheme or path.").arg(host);
    if (!isBareHost(restHost))
        out << QStringLiteral("The REST host \"%1\" must be a bare host name, without scheme or path.").arg(restHost);
    if (pathPrefix.contains(u'?') || pathPrefix.contains(u'#') || pathPrefix.contains(u' '))
        out << QStringLiteral("The path prefix \"%1\" must not contain '?', '#' or spaces.").arg(pathPrefix);
    if (!encryptionMasterKeyBase64.isEmpty()) {
        const auto masterKey = signer::decodeMasterKey(encryptionMasterKeyBase64);
        if (!masterKey.ok())
            out << masterKey.error().message;
    }
    return out;
}

}  // namespace cs
