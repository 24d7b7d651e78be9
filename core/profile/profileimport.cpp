// Profiles from what people already have: a .env file (Laravel, Vite, Mix, Reverb, soketi) or a
// pusher connection URL.

#include "profileimport.h"

#include <QRegularExpression>
#include <QSet>

#include <algorithm>

namespace cs {

namespace {

Result<quint16> portFromText(const QString &name, const QString &text)
{
    bool ok = false;
    const uint n = text.trimmed().toUInt(&ok);
    if (!ok || n == 0 || n > 65535)
        return Error{ErrorCode::InvalidPort, QStringLiteral("%1=%2 is not a port number; ignored.").arg(name, text)};
    return quint16(n);
}

}  // namespace

Result<Profile> importPusherUrl(const QString &url)
{
    const auto credentials = Credentials::fromUrl(url);
    if (!credentials)
        return credentials.error();
    Profile p;
    p.id = Profile::newId();
    p.credentials = *credentials;
    p.preset = credentials->cluster.isEmpty() ? ServerPreset::Custom : ServerPreset::Pusher;
    p.name = credentials->cluster.isEmpty() ? credentials->host : QStringLiteral("Pusher %1").arg(credentials->cluster);
    return p;
}

namespace {

// Reads variables of one .env and remembers which ones mattered.
class EnvReader {
public:
    explicit EnvReader(const DotEnv &env) : m_env(env) {}

    bool has(const QString &name) const { return !m_env.values.value(name).trimmed().isEmpty(); }
    bool hasAny(const QStringList &names) const
    {
        return std::any_of(names.begin(), names.end(), [this](const QString &n) { return has(n); });
    }
    // The first non-empty one of `names`, marked as used.
    QString take(const QStringList &names)
    {
        for (const QString &name : names) {
            if (has(name)) {
                m_used.insert(name);
                return m_env.values.value(name).trimmed();
            }
        }
        return {};
    }
    QString peek(const QStringList &names) const  // what take() would give, not marked as used
    {
        const QString name = takeName(names);
        return name.isEmpty() ? QString() : m_env.values.value(name).trimmed();
    }
    QString takeName(const QStringList &names) const  // which one take() would use
    {
        for (const QString &name : names)
            if (has(name))
                return name;
        return {};
    }
    QStringList used() const
    {
        QStringList out;
        for (const QString &name : m_env.order)
            if (m_used.contains(name))
                out << name;
        return out;
    }

private:
    const DotEnv &m_env;
    QSet<QString> m_used;
};

std::optional<bool> tlsOfScheme(const QString &scheme)
{
    const QString s = scheme.toLower();
    if (s == u"https" || s == u"wss")
        return true;
    if (s == u"http" || s == u"ws")
        return false;
    return std::nullopt;
}

// api-eu.pusher.com / ws-eu.pusher.com -> "eu".
QString clusterOfPusherHost(const QString &host)
{
    static const QRegularExpression re(QStringLiteral("^(?:api|ws)-([a-z0-9-]+)\\.pusher\\.com$"),
                                       QRegularExpression::CaseInsensitiveOption);
    const auto m = re.match(host);
    return m.hasMatch() ? m.captured(1).toLower() : QString();
}

QStringList names(const QStringList &prefixes, const QString &suffix)
{
    QStringList out;
    for (const QString &prefix : prefixes)
        out << prefix + suffix;
    return out;
}

// Host, port and scheme as one family spells them.
void applyEndpoint(Profile &p, EnvReader &env, const QStringList &prefixes, quint16 plainDefaultPort,
                   QStringList &notes)
{
    Credentials &c = p.credentials;
    const QString host = env.take(names(prefixes, QStringLiteral("HOST")));
    const QStringList portNames = names(prefixes, QStringLiteral("PORT"));
    const QString portName = env.takeName(portNames);
    const QString portText = env.take(portNames);
    const auto tls = tlsOfScheme(env.take(names(prefixes, QStringLiteral("SCHEME"))));
    if (!host.isEmpty()) {
        c.host = host;
        c.cluster.clear();
    }
    std::optional<quint16> port;
    if (!portText.isEmpty()) {
        if (const auto parsed = portFromText(portName, portText))
            port = *parsed;
        else
            notes << parsed.error().message;
    }
    c.tls = tls.value_or(port ? *port == 443 : false);
    c.port = port.value_or(c.tls ? 443 : plainDefaultPort);
}

void importPusherFamily(ImportedProfile &out, EnvReader &env)
{
    Profile &p = out.profile;
    Credentials &c = p.credentials;
    const QStringList all{QStringLiteral("PUSHER_"), QStringLiteral("VITE_PUSHER_"), QStringLiteral("MIX_PUSHER_")};
    p.applyPreset(ServerPreset::Pusher);
    c.appId = env.take({QStringLiteral("PUSHER_APP_ID")});
    c.key = env.take(names(all, QStringLiteral("APP_KEY")));
    c.secret = env.take({QStringLiteral("PUSHER_APP_SECRET")});
    if (const QString cluster = env.take(names(all, QStringLiteral("APP_CLUSTER"))); !cluster.isEmpty())
        c.cluster = cluster;

    // A PUSHER_HOST of api-<cluster>.pusher.com is hosted Pusher spelled out: keep the cluster.
    const QString hostName = env.takeName(names(all, QStringLiteral("HOST")));
    const QString hostValue = env.take({hostName});
    const QString hostedCluster = clusterOfPusherHost(hostValue);
    if (!hostValue.isEmpty() && hostedCluster.isEmpty()) {
        p.preset = ServerPreset::Custom;
        c.host = hostValue;
        c.cluster.clear();
        applyEndpoint(p, env, all, 80, out.notes);
        const QString browserHost = env.peek({QStringLiteral("VITE_PUSHER_HOST"), QStringLiteral("MIX_PUSHER_HOST")});
        if (!browserHost.isEmpty() && browserHost != hostValue)
            out.notes
                << QStringLiteral(
                       "The browser's host (%1) differs from PUSHER_HOST (%2); %2 is used: change the host if this machine reaches the server as %1.")
                       .arg(browserHost, hostValue);
    } else {
        if (!hostedCluster.isEmpty())
            c.cluster = hostedCluster;
        // Hosted Pusher: TLS on 443 unless the file says http.
        const auto tls = tlsOfScheme(env.take(names(all, QStringLiteral("SCHEME"))));
        c.tls = tls.value_or(true);
        c.port = c.tls ? 443 : 80;
    }
}

void importReverb(ImportedProfile &out, EnvReader &env)
{
    Profile &p = out.profile;
    Credentials &c = p.credentials;
    const QStringList all{QStringLiteral("REVERB_"), QStringLiteral("VITE_REVERB_")};
    p.applyPreset(ServerPreset::Reverb);
    c.appId = env.take({QStringLiteral("REVERB_APP_ID")});
    c.key = env.take(names(all, QStringLiteral("APP_KEY")));
    c.secret = env.take({QStringLiteral("REVERB_APP_SECRET")});
    applyEndpoint(p, env, all, 8080, out.notes);
}

void importSoketi(ImportedProfile &out, EnvReader &env)
{
    Profile &p = out.profile;
    Credentials &c = p.credentials;
    p.applyPreset(ServerPreset::Soketi);
    // soketi's own defaults for what the file leaves out.
    c.appId = env.take({QStringLiteral("SOKETI_DEFAULT_APP_ID")});
    c.key = env.take({QStringLiteral("SOKETI_DEFAULT_APP_KEY")});
    c.secret = env.take({QStringLiteral("SOKETI_DEFAULT_APP_SECRET")});
    c.appId = c.appId.isEmpty() ? QStringLiteral("app-id") : c.appId;
    c.key = c.key.isEmpty() ? QStringLiteral("app-key") : c.key;
    c.secret = c.secret.isEmpty() ? QStringLiteral("app-secret") : c.secret;
    if (const QString port = env.take({QStringLiteral("SOKETI_PORT")}); !port.isEmpty()) {
        if (const auto parsed = portFromText(QStringLiteral("SOKETI_PORT"), port))
            c.port = *parsed;
        else
            out.notes << parsed.error().message;
    }
    c.pathPrefix = env.take({QStringLiteral("SOKETI_PATH_PREFIX")});
    if (!env.take({QStringLiteral("SOKETI_SSL_CERT")}).isEmpty()) {
        c.tls = true;
        out.notes << QStringLiteral(
            "SOKETI_SSL_CERT is set, so TLS is on; if the certificate is your own, Test offers to trust (pin) it.");
    }
}

}  // namespace

Result<ImportedProfile> importDotEnv(const QString &text)
{
    const DotEnv dotEnv = DotEnv::parse(text);
    EnvReader env(dotEnv);
    ImportedProfile out;
    out.profile.id = Profile::newId();

    const QStringList pusherKeys{QStringLiteral("PUSHER_APP_KEY"), QStringLiteral("VITE_PUSHER_APP_KEY"),
                                 QStringLiteral("MIX_PUSHER_APP_KEY")};
    const QStringList reverbKeys{QStringLiteral("REVERB_APP_KEY"), QStringLiteral("VITE_REVERB_APP_KEY")};
    const bool hasPusher = env.hasAny(pusherKeys);
    const bool hasReverb = env.hasAny(reverbKeys);
    const bool hasSoketi = std::any_of(dotEnv.order.begin(), dotEnv.order.end(), [&](const QString &name) {
        return name.startsWith(QStringLiteral("SOKETI_DEFAULT_APP_")) && env.has(name);
    });
    // Laravel names the broadcaster in use; a file may carry several families.
    const QString broadcaster = (dotEnv.values.value(QStringLiteral("BROADCAST_CONNECTION")).isEmpty()
                                     ? dotEnv.values.value(QStringLiteral("BROADCAST_DRIVER"))
                                     : dotEnv.values.value(QStringLiteral("BROADCAST_CONNECTION")))
                                    .trimmed()
                                    .toLower();

    if (hasReverb && (broadcaster == u"reverb" || !hasPusher))
        importReverb(out, env);
    else if (hasPusher)
        importPusherFamily(out, env);
    else if (hasSoketi)
        importSoketi(out, env);
    else
        return Error{ErrorCode::NoAppInEnv,
                     QStringLiteral(
                         "No app key found: the file has none of %1, REVERB_APP_KEY or SOKETI_DEFAULT_APP_*.")
                         .arg(pusherKeys.join(QStringLiteral(", ")))};

    Credentials &c = out.profile.credentials;
    c.encryptionMasterKeyBase64 = env.take({QStringLiteral("PUSHER_ENCRYPTION_MASTER_KEY_BASE64")}).toLatin1();
    const QString appName = env.take({QStringLiteral("APP_NAME")});
    const QString family =
        serverPresetLabel(out.profile.preset == ServerPreset::Custom ? ServerPreset::Pusher : out.profile.preset);
    out.profile.name =
        appName.isEmpty() ? QStringLiteral("%1 from .env").arg(family) : QStringLiteral("%1 (%2)").arg(appName, family);
    out.usedVariables = env.used();

    const bool browserCopies = std::any_of(out.usedVariables.begin(), out.usedVariables.end(), [](const QString &name) {
        return name.startsWith(QStringLiteral("VITE_")) || name.startsWith(QStringLiteral("MIX_"));
    });
    if (c.secret.isEmpty())
        out.notes.prepend(
            browserCopies ? QStringLiteral(
                "VITE_* and MIX_* variables are the browser's copies and hold no secret: enter the app secret (and app id) for REST calls and private channels.")
                          : QStringLiteral(
                              "The file has no app secret: enter it for REST calls and private channels."));
    out.notes << dotEnv.problems;
    return out;
}

}  // namespace cs
