#include "authsettings.h"
#include "authfield.h"

#include "httpfields.h"
#include "redact.h"

#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>

namespace cs {

namespace {

const QString kChannelMember = authFieldName(AuthField::ChannelAuth);
const QString kUserMember = authFieldName(AuthField::UserAuth);
constexpr int kDefaultTimeoutMs = 10000;
constexpr int kMinTimeoutMs = 100;
constexpr int kMaxTimeoutMs = 120000;

bool isDefaultEndpoint(AuthSettings::Mode mode, const EndpointConfig &c)
{
    return mode == AuthSettings::Mode::BuiltIn && c.url.isEmpty() && c.params.isEmpty() && c.headers.isEmpty()
           && c.method == "POST" && c.format == EndpointConfig::BodyFormat::Form && c.timeoutMs == kDefaultTimeoutMs;
}

QJsonObject endpointJson(AuthSettings::Mode mode, const EndpointConfig &c, bool includeSecrets)
{
    QJsonArray params;
    for (const auto &[name, value] : c.params) {
        QJsonObject param{{QStringLiteral("name"), name}};
        if (includeSecrets)
            param.insert(QStringLiteral("value"), value);
        params.append(param);
    }
    QJsonArray headers;
    for (const auto &[name, value] : c.headers) {
        QJsonObject header{{QStringLiteral("name"), QString::fromUtf8(name)}};
        if (includeSecrets)
            header.insert(QStringLiteral("value"), QString::fromUtf8(value));
        headers.append(header);
    }
    return QJsonObject{
        {QStringLiteral("mode"), authModeName(mode)},
        {QStringLiteral("url"), includeSecrets ? c.url.toString() : publicEndpointUrl(c.url)},
        {QStringLiteral("method"), QString::fromLatin1(c.method)},
        {QStringLiteral("format"),
         c.format == EndpointConfig::BodyFormat::Json ? QStringLiteral("json") : QStringLiteral("form")},
        {QStringLiteral("timeoutMs"), c.timeoutMs},
        {QStringLiteral("params"), params},
        {QStringLiteral("headers"), headers},
    };
}

// Settings files give the object back as JSON text.
Result<QJsonObject> objectOf(const QJsonValue &value, const QString &member)
{
    if (value.isObject())
        return value.toObject();
    const QJsonDocument doc = QJsonDocument::fromJson(value.toString().toUtf8());
    if (!doc.isObject())
        return Error{ErrorCode::InvalidProfile, QStringLiteral("\"%1\" is not a JSON object.").arg(member)};
    return doc.object();
}

int timeoutOf(const QJsonValue &v)
{
    bool ok = v.isDouble();
    int ms = v.toInt();
    if (!ok)
        ms = v.toString().toInt(&ok);
    return ok ? std::clamp(ms, kMinTimeoutMs, kMaxTimeoutMs) : kDefaultTimeoutMs;
}

Status readEndpoint(const QJsonObject &profileJson, const QString &member, AuthSettings::Mode &mode, EndpointConfig &c)
{
    const QJsonValue value = profileJson.value(member);
    if (value.isUndefined() || value.isNull() || (value.isString() && value.toString().trimmed().isEmpty()))
        return {};
    const auto o = objectOf(value, member);
    if (!o)
        return o.error();
    const QString modeName = o->value(QStringLiteral("mode")).toString();
    const auto parsedMode = authModeFromName(modeName);
    if (!modeName.isEmpty() && !parsedMode)
        return Error{ErrorCode::InvalidProfile,
                     QStringLiteral("Unknown authorization mode \"%1\" in %2.").arg(modeName, member)};
    mode = parsedMode.value_or(AuthSettings::Mode::BuiltIn);
    c.url = QUrl(o->value(QStringLiteral("url")).toString().trimmed());
    const QString method = o->value(QStringLiteral("method")).toString().trimmed().toUpper();
    c.method = method.isEmpty() ? QByteArrayLiteral("POST") : method.toLatin1();
    c.format = o->value(QStringLiteral("format")).toString().compare(QStringLiteral("json"), Qt::CaseInsensitive) == 0
                   ? EndpointConfig::BodyFormat::Json
                   : EndpointConfig::BodyFormat::Form;
    c.timeoutMs =
        o->contains(QStringLiteral("timeoutMs")) ? timeoutOf(o->value(QStringLiteral("timeoutMs"))) : kDefaultTimeoutMs;
    for (const QJsonValue &p : o->value(QStringLiteral("params")).toArray()) {
        const QJsonObject param = p.toObject();
        c.params.append(
            {param.value(QStringLiteral("name")).toString(), param.value(QStringLiteral("value")).toString()});
    }
    for (const QJsonValue &h : o->value(QStringLiteral("headers")).toArray()) {
        const QJsonObject header = h.toObject();
        c.headers.append({header.value(QStringLiteral("name")).toString().toUtf8(),
                          header.value(QStringLiteral("value")).toString().toUtf8()});
    }
    return {};
}

bool isLoopback(const QString &host)
{
    if (host.compare(QStringLiteral("localhost"), Qt::CaseInsensitive) == 0)
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

void validateEndpoint(QMap<AuthField, QString> &out, bool user, AuthSettings::Mode mode, const EndpointConfig &c)
{
    if (mode != AuthSettings::Mode::Endpoint)
        return;
    if (const QString problem = endpointUrlProblem(c.url); !problem.isEmpty())
        out[authField(user, AuthPart::Url)] = problem;
    if (c.method != "POST" && c.method != "GET")
        out[authField(user, AuthPart::Method)] =
            QStringLiteral("\"%1\" is not a method for an auth endpoint: POST (as pusher-js) or GET.")
                .arg(QString::fromLatin1(c.method));
    for (qsizetype i = 0; i < c.params.size(); ++i) {
        if (c.params.at(i).first.trimmed().isEmpty()) {
            out[authField(user, AuthPart::Params)] = QStringLiteral("Parameter %1 has no name.").arg(i + 1);
            break;
        }
    }
    for (qsizetype i = 0; i < c.headers.size(); ++i) {
        const auto &[name, value] = c.headers.at(i);
        if (const QString problem = headerProblem(name, value); !problem.isEmpty()) {
            out[authField(user, AuthPart::Headers)] = QStringLiteral("Header %1: %2").arg(i + 1).arg(problem);
            break;
        }
    }
}

void warnEndpoint(QMap<AuthField, QString> &out, bool user, AuthSettings::Mode mode, const EndpointConfig &c)
{
    if (mode != AuthSettings::Mode::Endpoint)
        return;
    for (const auto &[name, value] : c.headers) {
        if (!name.isEmpty() && value.isEmpty()) {
            out[authField(user, AuthPart::Headers)] =
                QStringLiteral("%1 has no value: enter it (exported profiles leave header values out).")
                    .arg(QString::fromUtf8(name));
            break;
        }
    }
    const bool sendsCredentials =
        std::any_of(c.headers.begin(), c.headers.end(), [](const auto &h) { return isCredentialHeader(h.first); });
    if (sendsCredentials && c.url.scheme() == u"http" && !c.url.host().isEmpty() && !isLoopback(c.url.host()))
        out[authField(user, AuthPart::Url)] =
            QStringLiteral(
                "Plain http: your credential headers travel unencrypted to %1. Use https unless it is your own machine.")
                .arg(c.url.host());
}

}  // namespace

QString authFieldName(AuthField field)
{
    switch (field) {
#define CS_AUTH_FIELD_NAME(name, spelling)                                                                             \
    case AuthField::name: return QStringLiteral(spelling);
        CS_AUTH_FIELDS(CS_AUTH_FIELD_NAME)
#undef CS_AUTH_FIELD_NAME
    }
    return {};
}

bool endpointUrlHoldsSecret(const QUrl &url)
{
    return !url.userInfo().isEmpty() || url.hasQuery() || url.hasFragment();
}

QString publicEndpointUrl(const QUrl &url)
{
    return url.adjusted(QUrl::RemoveUserInfo | QUrl::RemoveQuery | QUrl::RemoveFragment).toString();
}

QString authModeName(AuthSettings::Mode mode)
{
    return mode == AuthSettings::Mode::Endpoint ? QStringLiteral("endpoint") : QStringLiteral("builtin");
}

std::optional<AuthSettings::Mode> authModeFromName(const QString &name)
{
    for (AuthSettings::Mode m : {AuthSettings::Mode::BuiltIn, AuthSettings::Mode::Endpoint})
        if (name.compare(authModeName(m), Qt::CaseInsensitive) == 0)
            return m;
    return std::nullopt;
}

bool AuthSettings::isDefault() const
{
    return isDefaultEndpoint(channelMode, channelEndpoint) && isDefaultEndpoint(userMode, userEndpoint);
}

void AuthSettings::writeJson(QJsonObject &profileJson, bool includeSecrets) const
{
    if (isDefault())
        return;
    profileJson.insert(kChannelMember, endpointJson(channelMode, channelEndpoint, includeSecrets));
    profileJson.insert(kUserMember, endpointJson(userMode, userEndpoint, includeSecrets));
}

Result<AuthSettings> AuthSettings::fromJson(const QJsonObject &profileJson)
{
    AuthSettings s;
    if (Status st = readEndpoint(profileJson, kChannelMember, s.channelMode, s.channelEndpoint); !st)
        return st.error();
    if (Status st = readEndpoint(profileJson, kUserMember, s.userMode, s.userEndpoint); !st)
        return st.error();
    return s;
}

void AuthSettings::validate(QMap<AuthField, QString> &out) const
{
    validateEndpoint(out, false, channelMode, channelEndpoint);
    validateEndpoint(out, true, userMode, userEndpoint);
}

void AuthSettings::warn(QMap<AuthField, QString> &out, bool hasAppSecret) const
{
    if (channelMode == Mode::BuiltIn && !hasAppSecret)
        out[AuthField::ChannelAuth] =
            QStringLiteral("The built-in signer needs the app secret: enter it above, or use your auth endpoint.");
    // Only worth saying to someone who already works with endpoints.
    if (userMode == Mode::BuiltIn && !hasAppSecret && channelMode == Mode::Endpoint)
        out[AuthField::UserAuth] = QStringLiteral(
            "Sign-in with the built-in signer needs the app secret: enter it, or use your user-auth endpoint.");
    warnEndpoint(out, false, channelMode, channelEndpoint);
    warnEndpoint(out, true, userMode, userEndpoint);
}

}  // namespace cs
