#include "profile.h"
#include "profilefield.h"

#include "signer.h"
#include "tlspolicy.h"

#include <QJsonDocument>
#include <QRegularExpression>
#include <QUuid>

#include <algorithm>

namespace cs {

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

// What AuthSettings reports, under the profile's names for its fields.
template <typename Check>
void addAuthFields(QMap<ProfileField, QString> &out, Check check)
{
    QMap<AuthField, QString> auth;
    check(auth);
    for (auto it = auth.cbegin(); it != auth.cend(); ++it)
        out.insert(profileField(it.key()), it.value());
}

void checkHost(QMap<ProfileField, QString> &out, ProfileField field, const QString &host, const QString &example)
{
    switch (hostProblem(host)) {
    case HostProblem::NotBare:
        out[field] = QStringLiteral("Host name only, without scheme or path (e.g. %1).").arg(example);
        break;
    case HostProblem::HasPort:
        out[field] = QStringLiteral("Put the port in the port field, not after the host.");
        break;
    case HostProblem::None: break;
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
        return Error{ErrorCode::InvalidProfile, QStringLiteral("\"%1\" is not a port number (0–65535).").arg(key)};
    return quint16(n);
}

}  // namespace

// --- Presets and clusters ----------------------------------------------------------------------

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

QMap<ProfileField, QString> Profile::validate() const
{
    QMap<ProfileField, QString> out;
    const Credentials &c = credentials;
    if (name.trimmed().isEmpty())
        out[ProfileField::Name] = QStringLiteral("Give the profile a name.");
    if (c.appId.contains(u'/') || hasWhitespace(c.appId))
        out[ProfileField::AppId] = QStringLiteral("The app id must not contain '/' or spaces.");
    if (c.key.trimmed().isEmpty())
        out[ProfileField::Key] = QStringLiteral("The app key is required: it names the app in the WebSocket URL.");
    else if (hasWhitespace(c.key) || c.key.contains(u'/') || c.key.contains(u'?') || c.key.contains(u'#'))
        out[ProfileField::Key] = QStringLiteral("The app key must not contain spaces, '/', '?' or '#'.");
    if (hasWhitespace(c.secret))
        out[ProfileField::Secret] =
            QStringLiteral("The secret contains spaces or line breaks: paste it again without them.");

    if (preset == ServerPreset::Pusher) {
        if (c.cluster.trimmed().isEmpty())
            out[ProfileField::Cluster] = QStringLiteral("Choose the app's cluster (the Pusher dashboard shows it).");
        else if (!isClusterName(c.cluster))
            out[ProfileField::Cluster] = QStringLiteral("\"%1\" is not a cluster name (e.g. mt1, eu).").arg(c.cluster);
    } else if (c.host.trimmed().isEmpty()) {
        out[ProfileField::Host] = QStringLiteral("Enter the server's host name or IP address.");
    } else {
        checkHost(out, ProfileField::Host, c.host, QStringLiteral("127.0.0.1"));
    }
    checkHost(out, ProfileField::RestHost, c.restHost, QStringLiteral("api.example.com"));
    if (c.pathPrefix.contains(u'?') || c.pathPrefix.contains(u'#') || hasWhitespace(c.pathPrefix))
        out[ProfileField::PathPrefix] = QStringLiteral("The path prefix must not contain '?', '#' or spaces.");
    if (!c.encryptionMasterKeyBase64.isEmpty()) {
        const auto key = signer::decodeMasterKey(c.encryptionMasterKeyBase64);
        if (!key.ok())
            out[ProfileField::MasterKey] = key.error().message;
    }
    if (!c.pinnedSha256.isEmpty() && !parseSha256(c.pinnedSha256))
        out[ProfileField::PinnedSha256] =
            QStringLiteral("A SHA-256 fingerprint is 64 hex digits (colons allowed), e.g. AB:CD:…");
    if (!identity.userInfo.isEmpty() && identity.userId.trimmed().isEmpty())
        out[ProfileField::UserId] = QStringLiteral("User info needs a user id.");
    addAuthFields(out, [this](QMap<AuthField, QString> &auth) { this->auth.validate(auth); });
    return out;
}

QMap<ProfileField, QString> Profile::warnings() const
{
    QMap<ProfileField, QString> out;
    const Credentials &c = credentials;
    if (c.appId.trimmed().isEmpty())
        out[ProfileField::AppId] = QStringLiteral("Without the app id, REST calls (trigger, channel queries) are off.");
    if (c.secret.isEmpty())
        out[ProfileField::Secret] =
            auth.channelMode == AuthSettings::Mode::Endpoint
                ? QStringLiteral("Without the secret, REST is off and your endpoint's signatures are not checked.")
                : QStringLiteral("Without the secret, REST is off and private channels need an auth endpoint.");
    if (preset != ServerPreset::Pusher)
        if (const QString w = portWarning(c.wsPort(), c.tls); !w.isEmpty())
            out[ProfileField::Port] = w;
    if (c.restPort != 0)
        if (const QString w = portWarning(c.restPort, c.effectiveRestTls()); !w.isEmpty())
            out[ProfileField::RestPort] = w;
    if (identity.userId.size() > kUserIdWarnLength)
        out[ProfileField::UserId] =
            QStringLiteral("Pusher accepts user ids of up to %1 characters.").arg(kUserIdWarnLength);
    const qsizetype infoBytes = QJsonDocument(identity.userInfo).toJson(QJsonDocument::Compact).size();
    if (const QString w = userInfoWarning(infoBytes, limits); !identity.userInfo.isEmpty() && !w.isEmpty())
        out[ProfileField::UserInfo] = w + QLatin1Char('.');
    addAuthFields(out, [this, &c](QMap<AuthField, QString> &auth) { this->auth.warn(auth, !c.secret.isEmpty()); });
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
        {QStringLiteral("pinnedSha256"), c.pinnedSha256},
        {QStringLiteral("userId"), identity.userId},
        {QStringLiteral("userInfo"), identity.userInfo},
        {QStringLiteral("secretPolicy"), secretPolicyName(secretPolicy)},
    };
    if (c.restTls)
        o[QStringLiteral("restTls")] = *c.restTls;
    if (!limits.isDefault())
        o[QStringLiteral("limits")] = limits.toJson();
    if (includeSecrets) {
        o[QStringLiteral("secret")] = c.secret;
        o[QStringLiteral("masterKey")] = QString::fromLatin1(c.encryptionMasterKeyBase64);
    }
    auth.writeJson(o, includeSecrets);
    if (!contractsFolder.isEmpty())
        o[QStringLiteral("contractsFolder")] = contractsFolder;
    return o;
}

Result<Profile> Profile::fromJson(const QJsonObject &json)
{
    const Error notAProfile{ErrorCode::InvalidProfile,
                            QStringLiteral("This is not a Channelscope profile (no app key, host or cluster).")};
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
        return Error{ErrorCode::InvalidProfile, QStringLiteral("Unknown server preset \"%1\".").arg(presetName)};
    }
    if (const auto policy = secretPolicyFromName(textOf(json, QStringLiteral("secretPolicy"))))
        p.secretPolicy = *policy;

    for (auto [key, field] :
         {std::pair{QStringLiteral("port"), &c.port}, std::pair{QStringLiteral("restPort"), &c.restPort}}) {
        const auto port = portOf(json, key);
        if (!port)
            return port.error();
        *field = *port;
    }
    c.tls = flagOf(json, QStringLiteral("tls")).value_or(true);
    c.restTls = flagOf(json, QStringLiteral("restTls"));
    // An older "acceptSelfSigned": true accepted any certificate; it is not carried over: the
    // first connection names the certificate it presents, and the user pins that one.
    c.pinnedSha256 = textOf(json, QStringLiteral("pinnedSha256")).trimmed();

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
    p.limits = ServerLimits::fromJson(json.value(QStringLiteral("limits")));  // absent: hosted Pusher's
    auto authSettings = AuthSettings::fromJson(json);
    if (!authSettings)
        return authSettings.error();
    p.auth = *authSettings;
    p.contractsFolder = textOf(json, QStringLiteral("contractsFolder"));
    if (p.name.trimmed().isEmpty())
        p.name = c.wsHost().isEmpty() ? QStringLiteral("Imported profile") : c.wsHost();
    return p;
}

Result<QJsonObject> Profile::parseUserInfo(const QString &text)
{
    if (text.trimmed().isEmpty())
        return QJsonObject{};
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8(), &error);
    if (error.error != QJsonParseError::NoError)
        return Error{
            ErrorCode::InvalidJson,
            QStringLiteral("Not valid JSON: %1 at character %2.").arg(error.errorString()).arg(error.offset + 1)};
    if (!doc.isObject())
        return Error{ErrorCode::InvalidJson,
                     QStringLiteral("User info must be a JSON object, e.g. {\"name\": \"Ada\"}.")};
    return doc.object();
}

// --- Secrets -------------------------------------------------------------------------------------

namespace {

QList<QByteArray> headerValues(const EndpointConfig &config)
{
    QList<QByteArray> out;
    for (const auto &header : config.headers)
        out << header.second;
    return out;
}

void setHeaderValues(EndpointConfig &config, const QList<QByteArray> &values)
{
    for (qsizetype i = 0; i < config.headers.size(); ++i)
        config.headers[i].second = values.value(i);
}

QStringList paramValues(const EndpointConfig &config)
{
    QStringList out;
    for (const auto &param : config.params)
        out << param.second;
    return out;
}

// An empty list or URL leaves what the settings gave: a profile saved by an older version has its
// parameter values and URL there, and ProfileStore::load() moves them to the secret store.
void setEndpointSecrets(EndpointConfig &config, const QStringList &params, const QString &url)
{
    if (!params.isEmpty())
        for (qsizetype i = 0; i < config.params.size(); ++i)
            config.params[i].second = params.value(i);
    if (!url.isEmpty())
        config.url = QUrl(url);
}

QString secretUrl(const EndpointConfig &config)
{
    return endpointUrlHoldsSecret(config.url) ? config.url.toString() : QString();
}

}  // namespace

Secrets Profile::secrets() const
{
    return Secrets{credentials.secret,
                   credentials.encryptionMasterKeyBase64,
                   headerValues(auth.channelEndpoint),
                   headerValues(auth.userEndpoint),
                   paramValues(auth.channelEndpoint),
                   paramValues(auth.userEndpoint),
                   secretUrl(auth.channelEndpoint),
                   secretUrl(auth.userEndpoint)};
}

void Profile::setSecrets(const Secrets &secrets)
{
    credentials.secret = secrets.appSecret;
    credentials.encryptionMasterKeyBase64 = secrets.masterKey;
    setHeaderValues(auth.channelEndpoint, secrets.channelHeaderValues);
    setHeaderValues(auth.userEndpoint, secrets.userHeaderValues);
    setEndpointSecrets(auth.channelEndpoint, secrets.channelParamValues, secrets.channelUrl);
    setEndpointSecrets(auth.userEndpoint, secrets.userParamValues, secrets.userUrl);
}

}  // namespace cs
