#include "profile.h"

#include "signer.h"

#include <QJsonDocument>
#include <QLoggingCategory>
#include <QPointer>
#include <QRegularExpression>
#include <QSettings>
#include <QUuid>

#include <algorithm>

namespace cs {

Q_LOGGING_CATEGORY(lcProfile, "channelscope.profile")

namespace {

const QString kSandboxKey = QStringLiteral("app-key");

bool hasWhitespace(const QString &s)
{
    return std::any_of(s.begin(), s.end(), [](QChar c) { return c.isSpace() || c.category() == QChar::Other_Control; });
}

// A host field holds a bare name or address: no scheme, path, user or port.
enum class HostProblem { None, NotBare, HasPort };
HostProblem hostProblem(const QString &host)
{
    static const QRegularExpression bad(QStringLiteral("[\\s/?#@]|://"));
    if (bad.match(host).hasMatch())
        return HostProblem::NotBare;
    // One ':' is "host:port"; an IPv6 address has several.
    if (host.count(u':') == 1)
        return HostProblem::HasPort;
    return HostProblem::None;
}

bool isClusterName(const QString &cluster)
{
    static const QRegularExpression re(QStringLiteral("^[a-z0-9-]+$"), QRegularExpression::CaseInsensitiveOption);
    return re.match(cluster).hasMatch();
}

void checkHost(QMap<QString, QString> &out, const QString &field, const QString &host, const QString &example)
{
    switch (hostProblem(host)) {
    case HostProblem::NotBare:
        out[field] = QStringLiteral("Host name only, without scheme or path (e.g. %1).").arg(example);
        break;
    case HostProblem::HasPort:
        out[field] = QStringLiteral("Put the port in the port field, not after the host.");
        break;
    case HostProblem::None:
        break;
    }
}

QString portWarning(quint16 port, bool tls)
{
    if (!tls && port == 443)
        return QStringLiteral("Port 443 with TLS off: turn TLS on, or check the port.");
    if (tls && port == 80)
        return QStringLiteral("Port 80 with TLS on: TLS usually listens on 443.");
    return {};
}

// --- Lenient JSON readers: QSettings gives strings back for numbers and booleans ------------

QString textOf(const QJsonObject &o, const QString &key)
{
    const QJsonValue v = o.value(key);
    if (v.isDouble())
        return QString::number(v.toInteger());
    return v.toString();
}

std::optional<bool> flagOf(const QJsonObject &o, const QString &key)
{
    const QJsonValue v = o.value(key);
    if (v.isBool())
        return v.toBool();
    if (v.isDouble())
        return v.toDouble() != 0;
    const QString s = v.toString().trimmed().toLower();
    if (s == u"true" || s == u"1" || s == u"yes")
        return true;
    if (s == u"false" || s == u"0" || s == u"no")
        return false;
    return std::nullopt;
}

Result<quint16> portOf(const QJsonObject &o, const QString &key)
{
    const QJsonValue v = o.value(key);
    if (v.isUndefined() || v.isNull() || (v.isString() && v.toString().trimmed().isEmpty()))
        return quint16(0);
    bool ok = v.isDouble();
    qint64 n = v.toInteger(-1);
    if (!ok)
        n = v.toString().trimmed().toLongLong(&ok);
    if (!ok || n < 0 || n > 65535)
        return Error{QStringLiteral("invalid-profile"), QStringLiteral("\"%1\" is not a port number (0–65535).").arg(key)};
    return quint16(n);
}

Result<quint16> portFromText(const QString &name, const QString &text)
{
    bool ok = false;
    const uint n = text.trimmed().toUInt(&ok);
    if (!ok || n == 0 || n > 65535)
        return Error{QStringLiteral("invalid-port"), QStringLiteral("%1=%2 is not a port number; ignored.").arg(name, text)};
    return quint16(n);
}

} // namespace

// --- Presets and policies ----------------------------------------------------------------------

QString serverPresetName(ServerPreset preset)
{
    switch (preset) {
    case ServerPreset::Pusher: return QStringLiteral("pusher");
    case ServerPreset::Soketi: return QStringLiteral("soketi");
    case ServerPreset::Reverb: return QStringLiteral("reverb");
    case ServerPreset::Custom: return QStringLiteral("custom");
    }
    return {};
}

QString serverPresetLabel(ServerPreset preset)
{
    switch (preset) {
    case ServerPreset::Pusher: return QStringLiteral("Pusher (hosted)");
    case ServerPreset::Soketi: return QStringLiteral("soketi");
    case ServerPreset::Reverb: return QStringLiteral("Laravel Reverb");
    case ServerPreset::Custom: return QStringLiteral("Custom host");
    }
    return {};
}

std::optional<ServerPreset> serverPresetFromName(const QString &name)
{
    for (ServerPreset p : {ServerPreset::Pusher, ServerPreset::Soketi, ServerPreset::Reverb, ServerPreset::Custom})
        if (name.compare(serverPresetName(p), Qt::CaseInsensitive) == 0)
            return p;
    return std::nullopt;
}

QString secretPolicyName(SecretPolicy policy)
{
    switch (policy) {
    case SecretPolicy::Keychain: return QStringLiteral("keychain");
    case SecretPolicy::SessionOnly: return QStringLiteral("session");
    case SecretPolicy::PlainSettings: return QStringLiteral("plain");
    }
    return {};
}

std::optional<SecretPolicy> secretPolicyFromName(const QString &name)
{
    for (SecretPolicy p : {SecretPolicy::Keychain, SecretPolicy::SessionOnly, SecretPolicy::PlainSettings})
        if (name.compare(secretPolicyName(p), Qt::CaseInsensitive) == 0)
            return p;
    return std::nullopt;
}

const QList<ClusterInfo> &pusherClusters()
{
    static const QList<ClusterInfo> clusters{
        {QStringLiteral("mt1"), QStringLiteral("N. Virginia")}, {QStringLiteral("us2"), QStringLiteral("Ohio")},
        {QStringLiteral("us3"), QStringLiteral("Oregon")},      {QStringLiteral("eu"), QStringLiteral("Ireland")},
        {QStringLiteral("ap1"), QStringLiteral("Singapore")},   {QStringLiteral("ap2"), QStringLiteral("Mumbai")},
        {QStringLiteral("ap3"), QStringLiteral("Tokyo")},       {QStringLiteral("ap4"), QStringLiteral("Sydney")},
        {QStringLiteral("sa1"), QStringLiteral("São Paulo")},
    };
    return clusters;
}

// --- Profile -------------------------------------------------------------------------------------

QString Profile::newId() { return QUuid::createUuid().toString(QUuid::WithoutBraces); }

Profile Profile::create(const QString &name, ServerPreset preset)
{
    Profile p;
    p.id = newId();
    p.name = name;
    p.applyPreset(preset);
    return p;
}

Profile Profile::localSandbox()
{
    Profile p = create(QStringLiteral("Local sandbox"), ServerPreset::Soketi);
    p.credentials.appId = QStringLiteral("app-id");
    p.credentials.key = kSandboxKey;
    p.credentials.secret = QStringLiteral("app-secret");
    // soketi's public default secret protects nothing; keeping it in the settings file makes
    // the sandbox work at once, with or without a keychain (and without a keychain prompt).
    p.secretPolicy = SecretPolicy::PlainSettings;
    return p;
}

void Profile::applyPreset(ServerPreset newPreset)
{
    preset = newPreset;
    Credentials &c = credentials;
    c.restHost.clear();
    c.restPort = 0;
    c.restTls.reset();
    switch (newPreset) {
    case ServerPreset::Pusher:
        c.cluster = c.cluster.isEmpty() ? QStringLiteral("mt1") : c.cluster;
        c.host.clear();
        c.tls = true;
        c.port = 443;
        break;
    case ServerPreset::Soketi:
        c.cluster.clear();
        c.host = QStringLiteral("127.0.0.1");
        c.port = 6001;
        c.tls = false;
        break;
    case ServerPreset::Reverb:
        c.cluster.clear();
        c.host = QStringLiteral("localhost");
        c.port = 8080;
        c.tls = false;
        break;
    case ServerPreset::Custom:
        c.cluster.clear();
        c.host.clear();
        c.port = 0;
        c.tls = true;
        break;
    }
}

QMap<QString, QString> Profile::validate() const
{
    QMap<QString, QString> out;
    const Credentials &c = credentials;
    if (name.trimmed().isEmpty())
        out[QStringLiteral("name")] = QStringLiteral("Give the profile a name.");
    if (c.appId.contains(u'/') || hasWhitespace(c.appId))
        out[QStringLiteral("appId")] = QStringLiteral("The app id must not contain '/' or spaces.");
    if (c.key.trimmed().isEmpty())
        out[QStringLiteral("key")] = QStringLiteral("The app key is required: it names the app in the WebSocket URL.");
    else if (hasWhitespace(c.key) || c.key.contains(u'/') || c.key.contains(u'?') || c.key.contains(u'#'))
        out[QStringLiteral("key")] = QStringLiteral("The app key must not contain spaces, '/', '?' or '#'.");
    if (hasWhitespace(c.secret))
        out[QStringLiteral("secret")] = QStringLiteral("The secret contains spaces or line breaks: paste it again without them.");

    if (preset == ServerPreset::Pusher) {
        if (c.cluster.trimmed().isEmpty())
            out[QStringLiteral("cluster")] = QStringLiteral("Choose the app's cluster (the Pusher dashboard shows it).");
        else if (!isClusterName(c.cluster))
            out[QStringLiteral("cluster")] = QStringLiteral("\"%1\" is not a cluster name (e.g. mt1, eu).").arg(c.cluster);
    } else if (c.host.trimmed().isEmpty()) {
        out[QStringLiteral("host")] = QStringLiteral("Enter the server's host name or IP address.");
    } else {
        checkHost(out, QStringLiteral("host"), c.host, QStringLiteral("127.0.0.1"));
    }
    checkHost(out, QStringLiteral("restHost"), c.restHost, QStringLiteral("api.example.com"));
    if (c.pathPrefix.contains(u'?') || c.pathPrefix.contains(u'#') || hasWhitespace(c.pathPrefix))
        out[QStringLiteral("pathPrefix")] = QStringLiteral("The path prefix must not contain '?', '#' or spaces.");
    if (!c.encryptionMasterKeyBase64.isEmpty()) {
        const auto key = signer::decodeMasterKey(c.encryptionMasterKeyBase64);
        if (!key.ok())
            out[QStringLiteral("masterKey")] = key.error().message;
    }
    if (!identity.userInfo.isEmpty() && identity.userId.trimmed().isEmpty())
        out[QStringLiteral("userId")] = QStringLiteral("User info needs a user id.");
    return out;
}

QMap<QString, QString> Profile::warnings() const
{
    QMap<QString, QString> out;
    const Credentials &c = credentials;
    if (c.appId.trimmed().isEmpty())
        out[QStringLiteral("appId")] = QStringLiteral("Without the app id, REST calls (trigger, channel queries) are off.");
    if (c.secret.isEmpty())
        out[QStringLiteral("secret")] = QStringLiteral("Without the secret, REST is off and private channels need an auth endpoint.");
    if (preset != ServerPreset::Pusher)
        if (const QString w = portWarning(c.wsPort(), c.tls); !w.isEmpty())
            out[QStringLiteral("port")] = w;
    if (c.restPort != 0)
        if (const QString w = portWarning(c.restPort, c.effectiveRestTls()); !w.isEmpty())
            out[QStringLiteral("restPort")] = w;
    if (identity.userId.size() > kUserIdWarnLength)
        out[QStringLiteral("userId")] = QStringLiteral("Pusher accepts user ids of up to %1 characters.").arg(kUserIdWarnLength);
    const qsizetype infoBytes = QJsonDocument(identity.userInfo).toJson(QJsonDocument::Compact).size();
    if (!identity.userInfo.isEmpty() && infoBytes > kUserInfoWarnBytes)
        out[QStringLiteral("userInfo")] = QStringLiteral("User info is %1 bytes: hosted Pusher takes 1 KB per member, soketi 2 KB.").arg(infoBytes);
    return out;
}

QJsonObject Profile::toJson(bool includeSecrets) const
{
    const Credentials &c = credentials;
    QJsonObject o{
        {QStringLiteral("id"), id},
        {QStringLiteral("name"), name},
        {QStringLiteral("preset"), serverPresetName(preset)},
        {QStringLiteral("appId"), c.appId},
        {QStringLiteral("key"), c.key},
        {QStringLiteral("cluster"), c.cluster},
        {QStringLiteral("host"), c.host},
        {QStringLiteral("port"), int(c.port)},
        {QStringLiteral("tls"), c.tls},
        {QStringLiteral("restHost"), c.restHost},
        {QStringLiteral("restPort"), int(c.restPort)},
        {QStringLiteral("pathPrefix"), c.pathPrefix},
        {QStringLiteral("acceptSelfSigned"), c.acceptSelfSigned},
        {QStringLiteral("userId"), identity.userId},
        {QStringLiteral("userInfo"), identity.userInfo},
        {QStringLiteral("secretPolicy"), secretPolicyName(secretPolicy)},
    };
    if (c.restTls)
        o[QStringLiteral("restTls")] = *c.restTls;
    if (includeSecrets) {
        o[QStringLiteral("secret")] = c.secret;
        o[QStringLiteral("masterKey")] = QString::fromLatin1(c.encryptionMasterKeyBase64);
    }
    return o;
}

Result<Profile> Profile::fromJson(const QJsonObject &json)
{
    const Error notAProfile{QStringLiteral("invalid-profile"), QStringLiteral("This is not a Channelscope profile (no app key, host or cluster).")};
    if (json.isEmpty())
        return notAProfile;
    Profile p;
    Credentials &c = p.credentials;
    p.id = textOf(json, QStringLiteral("id"));
    if (p.id.isEmpty())
        p.id = newId();
    p.name = textOf(json, QStringLiteral("name"));
    c.appId = textOf(json, QStringLiteral("appId"));
    c.key = textOf(json, QStringLiteral("key"));
    c.cluster = textOf(json, QStringLiteral("cluster"));
    c.host = textOf(json, QStringLiteral("host"));
    c.restHost = textOf(json, QStringLiteral("restHost"));
    c.pathPrefix = textOf(json, QStringLiteral("pathPrefix"));
    c.secret = textOf(json, QStringLiteral("secret"));
    c.encryptionMasterKeyBase64 = textOf(json, QStringLiteral("masterKey")).toLatin1();
    if (c.key.isEmpty() && c.host.isEmpty() && c.cluster.isEmpty())
        return notAProfile;

    const QString presetName = textOf(json, QStringLiteral("preset"));
    if (presetName.isEmpty()) {
        p.preset = c.host.isEmpty() && !c.cluster.isEmpty() ? ServerPreset::Pusher : ServerPreset::Custom;
    } else if (const auto preset = serverPresetFromName(presetName)) {
        p.preset = *preset;
    } else {
        return Error{QStringLiteral("invalid-profile"), QStringLiteral("Unknown server preset \"%1\".").arg(presetName)};
    }
    if (const auto policy = secretPolicyFromName(textOf(json, QStringLiteral("secretPolicy"))))
        p.secretPolicy = *policy;

    for (auto [key, field] : {std::pair{QStringLiteral("port"), &c.port}, std::pair{QStringLiteral("restPort"), &c.restPort}}) {
        const auto port = portOf(json, key);
        if (!port)
            return port.error();
        *field = *port;
    }
    c.tls = flagOf(json, QStringLiteral("tls")).value_or(true);
    c.restTls = flagOf(json, QStringLiteral("restTls"));
    c.acceptSelfSigned = flagOf(json, QStringLiteral("acceptSelfSigned")).value_or(false);

    p.identity.userId = textOf(json, QStringLiteral("userId"));
    const QJsonValue info = json.value(QStringLiteral("userInfo"));
    if (info.isObject()) {
        p.identity.userInfo = info.toObject();
    } else if (info.isString()) {  // settings files keep it as JSON text
        const auto parsed = parseUserInfo(info.toString());
        if (!parsed)
            return parsed.error();
        p.identity.userInfo = *parsed;
    }
    if (p.name.trimmed().isEmpty())
        p.name = c.wsHost().isEmpty() ? QStringLiteral("Imported profile") : c.wsHost();
    return p;
}

Result<Profile> Profile::fromUrl(const QString &url)
{
    const auto credentials = Credentials::fromUrl(url);
    if (!credentials)
        return credentials.error();
    Profile p;
    p.id = newId();
    p.credentials = *credentials;
    p.preset = credentials->cluster.isEmpty() ? ServerPreset::Custom : ServerPreset::Pusher;
    p.name = credentials->cluster.isEmpty() ? credentials->host : QStringLiteral("Pusher %1").arg(credentials->cluster);
    return p;
}

Result<QJsonObject> Profile::parseUserInfo(const QString &text)
{
    if (text.trimmed().isEmpty())
        return QJsonObject{};
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8(), &error);
    if (error.error != QJsonParseError::NoError)
        return Error{QStringLiteral("invalid-json"),
                     QStringLiteral("Not valid JSON: %1 at character %2.").arg(error.errorString()).arg(error.offset + 1)};
    if (!doc.isObject())
        return Error{QStringLiteral("invalid-json"), QStringLiteral("User info must be a JSON object, e.g. {\"name\": \"Ada\"}.")};
    return doc.object();
}

// --- .env files ----------------------------------------------------------------------------------

namespace {

// ${NAME} and ${NAME:-fallback} from the values defined so far; what is undefined becomes empty.
QString expandReferences(const QString &value, const QMap<QString, QString> &defined, int line, QStringList &problems)
{
    static const QRegularExpression ref(QStringLiteral("\\$\\{([A-Za-z_][A-Za-z0-9_.]*)(?::-([^}]*))?\\}"));
    QString out;
    qsizetype last = 0;
    for (auto it = ref.globalMatch(value); it.hasNext();) {
        const auto m = it.next();
        out += value.mid(last, m.capturedStart() - last);
        const QString name = m.captured(1);
        const QString found = defined.value(name);
        if (!found.isEmpty())
            out += found;
        else if (m.capturedStart(2) >= 0)
            out += m.captured(2);
        else if (!defined.contains(name))
            problems << QStringLiteral("line %1: ${%2} is not defined earlier in the file; it reads as empty.").arg(line).arg(name);
        last = m.capturedEnd();
    }
    return out + value.mid(last);
}

QChar unescape(QChar c)
{
    switch (c.unicode()) {
    case 'n': return u'\n';
    case 'r': return u'\r';
    case 't': return u'\t';
    default: return c;
    }
}

} // namespace

DotEnv DotEnv::parse(const QString &text)
{
    static const QRegularExpression keyRe(QStringLiteral("^[A-Za-z_][A-Za-z0-9_.]*$"));
    DotEnv env;
    const QStringList lines = QString(text).replace(QStringLiteral("\r\n"), QStringLiteral("\n")).split(u'\n');
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const int lineNo = int(i + 1);
        QString line = lines.at(i).trimmed();
        if (line.isEmpty() || line.startsWith(u'#'))
            continue;
        if (line.startsWith(QStringLiteral("export ")))
            line = line.mid(7).trimmed();
        const qsizetype eq = line.indexOf(u'=');
        if (eq <= 0) {
            env.problems << QStringLiteral("line %1: not a KEY=VALUE line; ignored.").arg(lineNo);
            continue;
        }
        const QString key = line.left(eq).trimmed();
        if (!keyRe.match(key).hasMatch()) {
            env.problems << QStringLiteral("line %1: \"%2\" is not a variable name; ignored.").arg(lineNo).arg(key);
            continue;
        }
        QString rest = line.mid(eq + 1).trimmed();
        QString value;
        if (rest.startsWith(u'\'')) {  // literal: no escapes, no references
            const qsizetype end = rest.indexOf(u'\'', 1);
            if (end < 0)
                env.problems << QStringLiteral("line %1: the closing ' is missing.").arg(lineNo);
            value = rest.mid(1, end < 0 ? -1 : end - 1);
        } else if (rest.startsWith(u'"')) {
            // Escapes, references, and lines up to the closing quote.
            bool closed = false;
            qsizetype pos = 1;
            QString raw;
            while (!closed) {
                for (; pos < rest.size(); ++pos) {
                    const QChar ch = rest.at(pos);
                    if (ch == u'\\' && pos + 1 < rest.size()) {
                        raw += unescape(rest.at(++pos));
                    } else if (ch == u'"') {
                        closed = true;
                        break;
                    } else {
                        raw += ch;
                    }
                }
                if (closed || i + 1 >= lines.size())
                    break;
                raw += u'\n';
                rest = lines.at(++i);
                pos = 0;
            }
            if (!closed)
                env.problems << QStringLiteral("line %1: the closing \" is missing.").arg(lineNo);
            value = expandReferences(raw, env.values, lineNo, env.problems);
        } else {
            // Unquoted: a " #" starts a comment.
            static const QRegularExpression comment(QStringLiteral("\\s#.*$"));
            rest.remove(comment);
            value = expandReferences(rest.trimmed(), env.values, lineNo, env.problems);
        }
        if (!env.values.contains(key))
            env.order << key;
        env.values.insert(key, value);
    }
    return env;
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
    static const QRegularExpression re(QStringLiteral("^(?:api|ws)-([a-z0-9-]+)\\.pusher\\.com$"), QRegularExpression::CaseInsensitiveOption);
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
void applyEndpoint(Profile &p, EnvReader &env, const QStringList &prefixes, quint16 plainDefaultPort, QStringList &notes)
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
            out.notes << QStringLiteral("The browser's host (%1) differs from PUSHER_HOST (%2); %2 is used: change the host if this machine reaches the server as %1.")
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
        out.notes << QStringLiteral("SOKETI_SSL_CERT is set, so TLS is on; allow self-signed certificates under Advanced if the certificate is your own.");
    }
}

} // namespace

Result<ImportedProfile> Profile::fromDotEnv(const QString &text)
{
    const DotEnv dotEnv = DotEnv::parse(text);
    EnvReader env(dotEnv);
    ImportedProfile out;
    out.profile.id = newId();

    const QStringList pusherKeys{QStringLiteral("PUSHER_APP_KEY"), QStringLiteral("VITE_PUSHER_APP_KEY"), QStringLiteral("MIX_PUSHER_APP_KEY")};
    const QStringList reverbKeys{QStringLiteral("REVERB_APP_KEY"), QStringLiteral("VITE_REVERB_APP_KEY")};
    const bool hasPusher = env.hasAny(pusherKeys);
    const bool hasReverb = env.hasAny(reverbKeys);
    const bool hasSoketi = std::any_of(dotEnv.order.begin(), dotEnv.order.end(), [&](const QString &name) {
        return name.startsWith(QStringLiteral("SOKETI_DEFAULT_APP_")) && env.has(name);
    });
    // Laravel names the broadcaster in use; a file may carry several families.
    const QString broadcaster = (dotEnv.values.value(QStringLiteral("BROADCAST_CONNECTION")).isEmpty()
                                     ? dotEnv.values.value(QStringLiteral("BROADCAST_DRIVER"))
                                     : dotEnv.values.value(QStringLiteral("BROADCAST_CONNECTION"))).trimmed().toLower();

    if (hasReverb && (broadcaster == u"reverb" || !hasPusher))
        importReverb(out, env);
    else if (hasPusher)
        importPusherFamily(out, env);
    else if (hasSoketi)
        importSoketi(out, env);
    else
        return Error{QStringLiteral("no-app-in-env"),
                     QStringLiteral("No app key found: the file has none of %1, REVERB_APP_KEY or SOKETI_DEFAULT_APP_*.")
                         .arg(pusherKeys.join(QStringLiteral(", ")))};

    Credentials &c = out.profile.credentials;
    c.encryptionMasterKeyBase64 = env.take({QStringLiteral("PUSHER_ENCRYPTION_MASTER_KEY_BASE64")}).toLatin1();
    const QString appName = env.take({QStringLiteral("APP_NAME")});
    const QString family = serverPresetLabel(out.profile.preset == ServerPreset::Custom ? ServerPreset::Pusher : out.profile.preset);
    out.profile.name = appName.isEmpty() ? QStringLiteral("%1 from .env").arg(family) : QStringLiteral("%1 (%2)").arg(appName, family);
    out.usedVariables = env.used();

    const bool browserCopies = std::any_of(out.usedVariables.begin(), out.usedVariables.end(), [](const QString &name) {
        return name.startsWith(QStringLiteral("VITE_")) || name.startsWith(QStringLiteral("MIX_"));
    });
    if (c.secret.isEmpty())
        out.notes.prepend(browserCopies
                              ? QStringLiteral("VITE_* and MIX_* variables are the browser's copies and hold no secret: enter the app secret (and app id) for REST calls and private channels.")
                              : QStringLiteral("The file has no app secret: enter it for REST calls and private channels."));
    out.notes << dotEnv.problems;
    return out;
}

// --- MemorySecretStore ---------------------------------------------------------------------------

namespace {
Error unavailableError()
{
    return Error{QStringLiteral("keychain-unavailable"), QStringLiteral("No keychain service is available.")};
}
} // namespace

void MemorySecretStore::readSecrets(const QString &profileId, ReadCallback callback)
{
    if (!m_available)
        callback(unavailableError());
    else
        callback(m_secrets.value(profileId));
}

void MemorySecretStore::writeSecrets(const QString &profileId, const Secrets &secrets, WriteCallback callback)
{
    if (!m_available) {
        if (callback)
            callback(unavailableError());
        return;
    }
    m_secrets.insert(profileId, secrets);
    if (callback)
        callback(Status{});
}

void MemorySecretStore::removeSecrets(const QString &profileId) { m_secrets.remove(profileId); }

QString MemorySecretStore::describe() const { return QStringLiteral("memory (this session only)"); }

void MemorySecretStore::setAvailable(bool available)
{
    m_available = available;
    Q_EMIT availabilityChecked(available);
}

// --- ProfileStore --------------------------------------------------------------------------------

namespace {
const QString kProfilesGroup = QStringLiteral("profiles");
const QString kCurrentKey = QStringLiteral("currentProfile");
const QString kSecretKey = QStringLiteral("secret");
const QString kMasterKeyKey = QStringLiteral("masterKey");

QString groupOf(const QString &id) { return kProfilesGroup + u'/' + id; }
} // namespace

ProfileStore::ProfileStore(QSettings *settings, SecretStore *keychain, QObject *parent)
    : QObject(parent), m_settings(settings), m_keychain(keychain), m_session(new MemorySecretStore(this))
{
}

ProfileStore::ProfileStore(const QString &iniPath, SecretStore *keychain, QObject *parent)
    : ProfileStore(nullptr, keychain, parent)
{
    m_ownedSettings = std::make_unique<QSettings>(iniPath, QSettings::IniFormat);
    m_settings = m_ownedSettings.get();
}

ProfileStore::~ProfileStore() = default;

void ProfileStore::load()
{
    m_profiles.clear();
    m_loaded.clear();
    m_settings->sync();
    m_settings->beginGroup(kProfilesGroup);
    const QStringList ids = m_settings->childGroups();
    m_settings->endGroup();

    for (const QString &id : ids) {
        m_settings->beginGroup(groupOf(id));
        QJsonObject json;
        for (const QString &key : m_settings->childKeys())
            json.insert(key, QJsonValue::fromVariant(m_settings->value(key)));
        m_settings->endGroup();
        json.insert(QStringLiteral("id"), id);
        auto profile = Profile::fromJson(json);
        if (!profile) {
            qCWarning(lcProfile) << "skipping stored profile" << id << ":" << profile.error().message;
            continue;
        }
        // Only a plain-settings profile may take its secrets from the file.
        if (profile->secretPolicy != SecretPolicy::PlainSettings) {
            profile.value().credentials.secret.clear();
            profile.value().credentials.encryptionMasterKeyBase64.clear();
        }
        m_profiles.insert(id, *profile);
        ++m_secretVersion[id];
    }
    ensureOneProfile();
    Q_EMIT profilesChanged();
    for (const QString &id : m_profiles.keys())
        loadSecrets(id);
}

QList<Profile> ProfileStore::profiles() const
{
    QList<Profile> out = m_profiles.values();
    std::sort(out.begin(), out.end(), [](const Profile &a, const Profile &b) {
        const int byName = a.name.compare(b.name, Qt::CaseInsensitive);
        return byName != 0 ? byName < 0 : a.id < b.id;
    });
    return out;
}

QStringList ProfileStore::ids() const
{
    QStringList out;
    for (const Profile &p : profiles())
        out << p.id;
    return out;
}

std::optional<Profile> ProfileStore::profile(const QString &id) const
{
    const auto it = m_profiles.constFind(id);
    if (it == m_profiles.constEnd())
        return std::nullopt;
    return *it;
}

bool ProfileStore::contains(const QString &id) const { return m_profiles.contains(id); }

bool ProfileStore::secretsLoaded(const QString &id) const { return m_loaded.contains(id); }

SecretStore *ProfileStore::storeFor(SecretPolicy policy) const
{
    switch (policy) {
    case SecretPolicy::Keychain: return m_keychain;
    case SecretPolicy::SessionOnly: return m_session;
    case SecretPolicy::PlainSettings: return nullptr;
    }
    return nullptr;
}

void ProfileStore::writeFields(const Profile &profile, const Secrets *plainSecrets)
{
    const QString group = groupOf(profile.id);
    m_settings->remove(group);  // no stale keys, above all no stale plain secret
    m_settings->beginGroup(group);
    const QJsonObject json = profile.toJson(false);
    for (auto it = json.begin(); it != json.end(); ++it) {
        if (it.key() == u"id")
            continue;
        if (it.value().isObject())  // user info: JSON text keeps the INI file readable
            m_settings->setValue(it.key(), QString::fromUtf8(QJsonDocument(it.value().toObject()).toJson(QJsonDocument::Compact)));
        else
            m_settings->setValue(it.key(), it.value().toVariant());
    }
    if (plainSecrets) {
        m_settings->setValue(kSecretKey, plainSecrets->appSecret);
        m_settings->setValue(kMasterKeyKey, QString::fromLatin1(plainSecrets->masterKey));
    }
    m_settings->endGroup();
    m_settings->sync();
}

void ProfileStore::save(const Profile &profile, SaveCallback callback)
{
    const QString id = profile.id;
    const Secrets secrets{profile.credentials.secret, profile.credentials.encryptionMasterKeyBase64};
    ++m_secretVersion[id];
    const bool plain = profile.secretPolicy == SecretPolicy::PlainSettings;
    writeFields(profile, plain ? &secrets : nullptr);

    // The secret lives in exactly one place: drop it from the others.
    for (SecretPolicy other : {SecretPolicy::Keychain, SecretPolicy::SessionOnly})
        if (other != profile.secretPolicy)
            if (SecretStore *store = storeFor(other))
                store->removeSecrets(id);

    // In memory the profile is complete at once, whatever the store answers.
    m_profiles.insert(id, profile);
    m_loaded.insert(id);
    Q_EMIT profilesChanged();

    SecretStore *store = storeFor(profile.secretPolicy);
    if (plain) {
        if (callback)
            callback(Status{});
        return;
    }
    if (!store) {
        if (callback)
            callback(Error{QStringLiteral("keychain-unavailable"),
                           QStringLiteral("No keychain is configured: the secret is kept for this session only.")});
        return;
    }
    if (secrets.isEmpty()) {
        store->removeSecrets(id);
        if (callback)
            callback(Status{});
        return;
    }
    store->writeSecrets(id, secrets, [callback, describe = store->describe()](const Status &status) {
        if (!callback)
            return;
        if (status)
            callback(status);
        else
            callback(Error{status.error().code, QStringLiteral("The %1 did not take the secret (%2); it is kept for this session only.")
                                                    .arg(describe, status.error().message)});
    });
}

void ProfileStore::remove(const QString &id)
{
    if (!m_profiles.contains(id))
        return;
    const bool wasCurrent = currentProfileId() == id;
    ++m_secretVersion[id];
    m_settings->remove(groupOf(id));
    for (SecretPolicy policy : {SecretPolicy::Keychain, SecretPolicy::SessionOnly})
        if (SecretStore *store = storeFor(policy))
            store->removeSecrets(id);
    m_profiles.remove(id);
    m_loaded.remove(id);
    ensureOneProfile();
    m_settings->sync();
    Q_EMIT profilesChanged();
    if (wasCurrent)
        setCurrentProfileId(currentProfileId());
}

QString ProfileStore::currentProfileId() const
{
    const QString stored = m_settings->value(kCurrentKey).toString();
    if (m_profiles.contains(stored))
        return stored;
    const QStringList all = ids();
    return all.isEmpty() ? QString() : all.first();
}

void ProfileStore::setCurrentProfileId(const QString &id)
{
    if (!m_profiles.contains(id))
        return;
    const bool changed = m_settings->value(kCurrentKey).toString() != id;
    m_settings->setValue(kCurrentKey, id);
    m_settings->sync();
    if (changed)
        Q_EMIT currentProfileChanged(id);
}

void ProfileStore::loadSecrets(const QString &id)
{
    const Profile &p = m_profiles[id];
    SecretStore *store = storeFor(p.secretPolicy);
    if (p.secretPolicy == SecretPolicy::PlainSettings || !store) {
        m_loaded.insert(id);
        if (!store && p.secretPolicy == SecretPolicy::Keychain)
            Q_EMIT secretsError(id, Error{QStringLiteral("keychain-unavailable"), QStringLiteral("No keychain is configured: enter the secret again.")});
        Q_EMIT profileLoaded(id);
        return;
    }
    const quint64 version = m_secretVersion.value(id);
    QPointer<ProfileStore> self(this);
    store->readSecrets(id, [self, id, version](const Result<Secrets> &secrets) {
        if (!self || self->m_secretVersion.value(id) != version || !self->m_profiles.contains(id))
            return;  // saved, removed or reloaded meanwhile
        if (secrets)
            self->setSecrets(id, *secrets);
        else
            Q_EMIT self->secretsError(id, secrets.error());
        self->m_loaded.insert(id);
        Q_EMIT self->profileLoaded(id);
    });
}

void ProfileStore::setSecrets(const QString &id, const Secrets &secrets)
{
    Profile &p = m_profiles[id];
    p.credentials.secret = secrets.appSecret;
    p.credentials.encryptionMasterKeyBase64 = secrets.masterKey;
}

void ProfileStore::ensureOneProfile()
{
    if (!m_profiles.isEmpty())
        return;
    // A newcomer gets a profile that works with a local soketi at once.
    const Profile sandbox = Profile::localSandbox();
    const Secrets secrets{sandbox.credentials.secret, sandbox.credentials.encryptionMasterKeyBase64};
    writeFields(sandbox, &secrets);
    m_profiles.insert(sandbox.id, sandbox);
    m_loaded.insert(sandbox.id);
}

} // namespace cs
