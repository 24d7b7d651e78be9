#include "endpointauthorizer.h"

#include "connection.h"
#include "deliverlater.h"
#include "httplimits.h"
#include "logstore.h"
#include "names.h"
#include "redact.h"
#include "redirectguard.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>
#include <QUrlQuery>

#include <memory>

namespace cs {

namespace {

constexpr qsizetype kBodyInMessage = 200;
constexpr auto kFormType = "application/x-www-form-urlencoded";
constexpr auto kJsonType = "application/json";

// encodeURIComponent: keeps A-Z a-z 0-9 - _ . ! ~ * ' ( ).
QByteArray uriComponent(const QString &text) { return QUrl::toPercentEncoding(text, "!~*'()"); }

QByteArray jsonString(const QString &text)
{
    const QByteArray array = QJsonDocument(QJsonArray{text}).toJson(QJsonDocument::Compact);
    return array.mid(1, array.size() - 2);
}

QByteArray encodeBody(EndpointConfig::BodyFormat format, const QList<QPair<QString, QString>> &params)
{
    QByteArrayList parts;
    if (format == EndpointConfig::BodyFormat::Json) {
        for (const auto &[key, value] : params)
            parts << jsonString(key) + ':' + jsonString(value);
        return '{' + parts.join(',') + '}';
    }
    for (const auto &[key, value] : params)
        parts << uriComponent(key) + '=' + uriComponent(value);
    return parts.join('&');
}

QList<QPair<QString, QString>> allParams(const EndpointConfig &config,
                                         const QList<QPair<QString, QString>> &fixedParams, bool masked)
{
    QList<QPair<QString, QString>> params = fixedParams;
    for (const auto &[key, value] : config.params)
        params.append({key, masked ? QString::fromUtf8(maskCredential(value.toUtf8())) : value});
    return params;
}

// An answer body as it may be logged: credential-like members (an access_token or session the
// endpoint hands back, the shared_secret of an encrypted channel…) never go into the log, nor
// into the one-line messages and exports made from it.
QByteArray loggableBody(const QByteArray &body) { return maskCredentialsInBody(body); }

// The URL without user info, every query value masked: the user's URL is a secret like a
// header value (?token=…, ?key=…, or a name nobody can guess).
QString loggableUrl(const QUrl &url)
{
    QUrl copy = url.adjusted(QUrl::RemoveUserInfo | QUrl::RemoveFragment);
    QUrlQuery query(copy);
    QList<QPair<QString, QString>> items = query.queryItems(QUrl::FullyDecoded);
    for (auto &item : items)
        item.second = QString::fromUtf8(maskCredential(item.second.toUtf8()));
    query.setQueryItems(items);
    copy.setQuery(query);
    return copy.toString();
}

// One line of at most kBodyInMessage characters.
QString bodySnippet(const QByteArray &body)
{
    QString text = QString::fromUtf8(loggableBody(body)).simplified();
    if (text.isEmpty())
        return QStringLiteral("(empty body)");
    if (text.size() > kBodyInMessage)
        text = text.left(kBodyInMessage) + QStringLiteral("…");
    return text;
}

QJsonObject headersJson(const QList<QPair<QByteArray, QByteArray>> &headers)
{
    QJsonObject out;
    for (const auto &[name, value] : headers)
        out.insert(QString::fromLatin1(name), QString::fromUtf8(maskHeaderValue(name, value)));
    return out;
}

QByteArray contentType(const EndpointConfig &config)
{
    return config.format == EndpointConfig::BodyFormat::Json ? QByteArray(kJsonType) : QByteArray(kFormType);
}

bool isGet(const EndpointConfig &config) { return config.method.toUpper() == "GET"; }

// The headers that go out, in order: Content-Type (unless GET), then the user's own.
QList<QPair<QByteArray, QByteArray>> requestHeaders(const EndpointConfig &config)
{
    QList<QPair<QByteArray, QByteArray>> headers;
    bool userContentType = false;
    for (const auto &header : config.headers)
        userContentType = userContentType || header.first.toLower() == "content-type";
    if (!isGet(config) && !userContentType)
        headers.append({QByteArrayLiteral("Content-Type"), contentType(config)});
    headers += config.headers;
    return headers;
}

// The auth's "<key>:" part, or empty.
QString keyOf(const QByteArray &auth)
{
    const qsizetype colon = auth.lastIndexOf(':');
    return colon > 0 ? QString::fromUtf8(auth.left(colon)) : QString();
}

}  // namespace

EndpointAuthorizer::EndpointAuthorizer(EndpointConfig channelConfig, std::optional<EndpointConfig> userConfig,
                                       QString appKey, QString appSecret, QObject *parent)
    : Authorizer(parent),
      m_channelConfig(std::move(channelConfig)),
      m_userConfig(std::move(userConfig)),
      m_appKey(std::move(appKey)),
      m_appSecret(std::move(appSecret)),
      m_network(new QNetworkAccessManager(this))
{}

QString EndpointAuthorizer::describe() const { return tr("auth endpoint %1").arg(endpointName(m_channelConfig)); }

QString EndpointAuthorizer::endpointName(const EndpointConfig &config) const
{
    return QStringLiteral("%1 %2").arg(QString::fromLatin1(config.method.toUpper()),
                                       config.url.toString(QUrl::RemoveUserInfo | QUrl::RemoveQuery));
}

std::optional<SignatureExplanation> EndpointAuthorizer::explanationFor(const QString &channel) const
{
    const auto it = m_explanations.constFind(channel);
    if (it == m_explanations.constEnd())
        return std::nullopt;
    return *it;
}

QByteArray EndpointAuthorizer::requestBody(const EndpointConfig &config,
                                           const QList<QPair<QString, QString>> &fixedParams)
{
    return encodeBody(config.format, allParams(config, fixedParams, false));
}

QByteArray EndpointAuthorizer::loggedRequestBody(const EndpointConfig &config,
                                                 const QList<QPair<QString, QString>> &fixedParams)
{
    return encodeBody(config.format, allParams(config, fixedParams, true));
}

void EndpointAuthorizer::authorizeChannel(const ChannelAuthRequest &request, ChannelCallback callback)
{
    const QString channel = request.channel;
    const QString socketId = request.socketId;
    const ChannelType type = channelKindOf(channel).type;
    // As pusher-js: no channel_data is sent; the endpoint decides who the user is.
    const QList<QPair<QString, QString>> fixed{{QStringLiteral("socket_id"), socketId},
                                               {QStringLiteral("channel_name"), channel}};
    const QPointer<EndpointAuthorizer> guard(this);
    send(m_channelConfig, fixed, channel, QStringLiteral("channel"),
         [guard, this, channel, socketId, type, callback](const Answer &a) {
             if (!guard)
                 return;
             auto fail = [&](ErrorCode code, const QString &message, int detail = 0) {
                 const Error error{code, message, detail};
                 logIn(a, channel, message, error, std::nullopt);
                 callback(error);
             };
             if (!a.networkError.isEmpty())
                 return fail(a.errorCode, a.networkError);
             if (a.status != 200)
                 return fail(ErrorCode::AuthHttp,
                             tr("the auth endpoint answered HTTP %1: %2").arg(a.status).arg(bodySnippet(a.body)),
                             a.status);
             QJsonParseError parseError{};
             const QJsonDocument doc = QJsonDocument::fromJson(a.body, &parseError);
             if (parseError.error != QJsonParseError::NoError || !doc.isObject())
                 return fail(ErrorCode::AuthNotJson,
                             tr("the auth endpoint answered 200, but the body is not a JSON object: %1")
                                 .arg(bodySnippet(a.body)));
             const QJsonObject o = doc.object();
             const QJsonValue authValue = o.value(QStringLiteral("auth"));
             if (!authValue.isString() || authValue.toString().isEmpty())
                 return fail(ErrorCode::AuthNoAuthMember,
                             tr("the auth endpoint's answer has no \"auth\" member: %1").arg(bodySnippet(a.body)));
             ChannelAuthorization result;
             result.auth = authValue.toString().toUtf8();
             if (keyOf(result.auth) != m_appKey)
                 return fail(ErrorCode::AuthWrongKey,
                             tr("the auth endpoint signs for app key \"%1\", but this profile's key is \"%2\"")
                                 .arg(keyOf(result.auth), m_appKey));
             const QJsonValue channelData = o.value(QStringLiteral("channel_data"));
             if (!channelData.isUndefined() && !channelData.isNull() && !channelData.isString())
                 return fail(
                     ErrorCode::AuthBadChannelData,
                     tr("the auth endpoint's channel_data must be a JSON string (the exact bytes it signed), not %1")
                         .arg(bodySnippet(QJsonDocument(QJsonArray{channelData}).toJson(QJsonDocument::Compact))));
             result.channelData = channelData.toString().toUtf8();
             result.sharedSecret = o.value(QStringLiteral("shared_secret")).toString().toUtf8();
             if (type == ChannelType::Presence && result.channelData.isEmpty())
                 return fail(ErrorCode::AuthNoChannelData,
                             tr("the auth endpoint's answer for presence channel %1 has no channel_data").arg(channel));
             if (type == ChannelType::PrivateEncrypted && result.sharedSecret.isEmpty())
                 return fail(ErrorCode::AuthNoSharedSecret,
                             tr("No shared_secret key in auth payload for encrypted channel: %1").arg(channel));

             std::optional<SignatureExplanation> explanation;
             QString message = tr("HTTP 200 in %1 ms: auth for %2").arg(a.durationMs).arg(channel);
             if (!m_appSecret.isEmpty()) {
                 explanation =
                     explainChannelAuth({m_appKey, m_appSecret}, socketId, channel, result.channelData, result.auth);
                 m_explanations.insert(channel, *explanation);
                 if (!explanation->matches())
                     message += tr("; signature check: %1").arg(explanation->summary);
             }
             logIn(a, channel, message, std::nullopt, explanation);
             if (explanation)
                 Q_EMIT explained(channel, *explanation);
             // A mismatch is only reported: the server decides.
             callback(result);
         });
}

void EndpointAuthorizer::authenticateUser(const QString &socketId, const PresenceIdentity &, UserCallback callback)
{
    if (!m_userConfig || !m_userConfig->isSet()) {
        const Error e{ErrorCode::SigninNoEndpoint,
                      tr("sign-in needs a user-authentication endpoint (like pusher-js userAuthentication)")};
        logEntry(Direction::Local, {}, e.message, {{QStringLiteral("error"), e.message}});
        deliverLater(this, [callback, e] { callback(e); });
        return;
    }
    const QList<QPair<QString, QString>> fixed{{QStringLiteral("socket_id"), socketId}};
    const QPointer<EndpointAuthorizer> guard(this);
    send(*m_userConfig, fixed, {}, QStringLiteral("user"), [guard, this, socketId, callback](const Answer &a) {
        if (!guard)
            return;
        auto fail = [&](ErrorCode code, const QString &message, int detail = 0) {
            const Error error{code, message, detail};
            logIn(a, {}, message, error, std::nullopt);
            callback(error);
        };
        if (!a.networkError.isEmpty())
            return fail(a.errorCode, a.networkError);
        if (a.status != 200)
            return fail(ErrorCode::AuthHttp,
                        tr("the user-auth endpoint answered HTTP %1: %2").arg(a.status).arg(bodySnippet(a.body)),
                        a.status);
        QJsonParseError parseError{};
        const QJsonDocument doc = QJsonDocument::fromJson(a.body, &parseError);
        if (parseError.error != QJsonParseError::NoError || !doc.isObject())
            return fail(ErrorCode::AuthNotJson,
                        tr("the user-auth endpoint answered 200, but the body is not a JSON object: %1")
                            .arg(bodySnippet(a.body)));
        const QJsonObject o = doc.object();
        const QJsonValue authValue = o.value(QStringLiteral("auth"));
        if (!authValue.isString() || authValue.toString().isEmpty())
            return fail(ErrorCode::AuthNoAuthMember,
                        tr("the user-auth endpoint's answer has no \"auth\" member: %1").arg(bodySnippet(a.body)));
        UserAuthorization result;
        result.auth = authValue.toString().toUtf8();
        if (keyOf(result.auth) != m_appKey)
            return fail(ErrorCode::AuthWrongKey,
                        tr("the user-auth endpoint signs for app key \"%1\", but this profile's key is \"%2\"")
                            .arg(keyOf(result.auth), m_appKey));
        const QJsonValue userData = o.value(QStringLiteral("user_data"));
        if (!userData.isString() || userData.toString().isEmpty())
            return fail(ErrorCode::AuthNoUserData,
                        tr("the user-auth endpoint's answer has no user_data string: %1").arg(bodySnippet(a.body)));
        result.userData = userData.toString().toUtf8();

        std::optional<SignatureExplanation> explanation;
        QString message = tr("HTTP 200 in %1 ms: user authentication").arg(a.durationMs);
        if (!m_appSecret.isEmpty()) {
            explanation = explainUserAuth({m_appKey, m_appSecret}, socketId, result.userData, result.auth);
            m_explanations.insert(QString(), *explanation);
            if (!explanation->matches())
                message += tr("; signature check: %1").arg(explanation->summary);
        }
        logIn(a, {}, message, std::nullopt, explanation);
        if (explanation)
            Q_EMIT explained(QString(), *explanation);
        callback(result);
    });
}

void EndpointAuthorizer::send(const EndpointConfig &config, const QList<QPair<QString, QString>> &fixedParams,
                              const QString &channel, const QString &purpose, AnswerHandler handler)
{
    const QByteArray body = requestBody(config, fixedParams);
    logOut(config, loggedRequestBody(config, fixedParams), channel, purpose);

    QUrl url = config.url;
    QByteArray sentBody = body;
    if (isGet(config)) {
        // A GET carries the parameters in the query (form-encoded whatever the body format).
        const QByteArray query = encodeBody(EndpointConfig::BodyFormat::Form, allParams(config, fixedParams, false));
        const QByteArray existing = url.query(QUrl::FullyEncoded).toLatin1();
        url.setQuery(QString::fromLatin1(existing.isEmpty() ? query : existing + '&' + query), QUrl::StrictMode);
        sentBody.clear();
    }
    QNetworkRequest request(url);
    for (const auto &[name, value] : requestHeaders(config))
        request.setRawHeader(name, value);
    verifyRedirects(request);

    auto clock = std::make_shared<QElapsedTimer>();
    clock->start();
    QNetworkReply *reply = m_network->sendCustomRequest(request, config.method.toUpper(), sentBody);
    auto refusedRedirect = std::make_shared<QUrl>();
    guardRedirects(reply, url, [refusedRedirect](const QUrl &target) { *refusedRedirect = target; });
    const int timeoutMs = config.timeoutMs > 0 ? config.timeoutMs : 10000;
    // The timeout is a total deadline (a drip of bytes does not extend it), and the answer is capped.
    const auto limits = enforceHttpLimits(reply, {timeoutMs, kMaxAnswerBytes});
    const QString where = config.url.toString(QUrl::RemoveUserInfo | QUrl::RemoveQuery);
    const QString fullUrl = url.toString();
    connect(
        reply, &QNetworkReply::finished, this,
        [reply, clock, limits, refusedRedirect, timeoutMs, where, fullUrl, handler] {
            reply->deleteLater();
            Answer a;
            a.durationMs = clock->elapsed();
            const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
            a.status = status.isValid() ? status.toInt() : 0;
            if (reply->isOpen())
                a.body = reply->readAll();
            a.headers = reply->rawHeaderPairs();
            if (!refusedRedirect->isEmpty()) {
                a.status = 0;
                a.body.clear();
                a.errorCode = ErrorCode::AuthRedirectRefused;
                a.networkError =
                    tr("the auth endpoint redirected to another host (%1); refused so that your headers are not sent there")
                        .arg(originText(*refusedRedirect));
            } else if (limits->bodyTooLarge) {
                a.status = 0;
                a.body.clear();
                a.errorCode = ErrorCode::AuthTooLarge;
                a.networkError =
                    tr("the auth endpoint %1 answered more than %2 KiB; refused (an auth answer is a few hundred bytes)")
                        .arg(where)
                        .arg(kMaxAnswerBytes / 1024);
            } else if (limits->deadlinePassed) {
                a.errorCode = ErrorCode::AuthTimeout;
                a.networkError =
                    tr("the auth endpoint %1 did not answer within %2 ms (timeout)").arg(where).arg(timeoutMs);
            } else if (a.status == 0) {
                switch (reply->error()) {
                case QNetworkReply::ConnectionRefusedError:
                    a.errorCode = ErrorCode::AuthRefused;
                    a.networkError = tr("the auth endpoint %1 is not reachable: connection refused").arg(where);
                    break;
                case QNetworkReply::HostNotFoundError:
                    a.errorCode = ErrorCode::AuthHostNotFound;
                    a.networkError = tr("the auth endpoint's host was not found: %1").arg(where);
                    break;
                case QNetworkReply::OperationCanceledError:
                case QNetworkReply::TimeoutError:
                    a.errorCode = ErrorCode::AuthTimeout;
                    a.networkError =
                        tr("the auth endpoint %1 did not answer within %2 ms (timeout)").arg(where).arg(timeoutMs);
                    break;
                case QNetworkReply::RemoteHostClosedError:
                    a.errorCode = ErrorCode::AuthClosed;
                    a.networkError = tr("the auth endpoint %1 closed the connection without answering").arg(where);
                    break;
                default:
                    a.errorCode = ErrorCode::AuthNetwork;
                    // Qt's text may quote the URL, user info and query included: those are secrets.
                    a.networkError = tr("the auth endpoint %1 could not be reached: %2")
                                         .arg(where, reply->errorString().replace(fullUrl, where));
                    break;
                }
            }
            handler(a);
        });
}

void EndpointAuthorizer::logOut(const EndpointConfig &config, const QByteArray &loggedBody, const QString &channel,
                                const QString &purpose)
{
    const QJsonObject details{{QStringLiteral("authorizer"), describe()},
                              {QStringLiteral("purpose"), purpose},
                              {QStringLiteral("url"), loggableUrl(config.url)},
                              {QStringLiteral("method"), QString::fromLatin1(config.method.toUpper())},
                              {QStringLiteral("headers"), headersJson(requestHeaders(config))},
                              {QStringLiteral("body"), QString::fromUtf8(loggedBody)},
                              {QStringLiteral("timeout_ms"), config.timeoutMs}};
    const QString what = purpose == QLatin1String("user") ? tr("user authentication") : tr("auth for %1").arg(channel);
    logEntry(Direction::Out, channel, tr("%1 (%2)").arg(endpointName(config), what), details);
}

void EndpointAuthorizer::logIn(const Answer &answer, const QString &channel, const QString &message,
                               const std::optional<Error> &error,
                               const std::optional<SignatureExplanation> &explanation)
{
    QJsonObject details{{QStringLiteral("status"), answer.status},
                        {QStringLiteral("headers"), headersJson(answer.headers)},
                        {QStringLiteral("body"), QString::fromUtf8(loggableBody(answer.body))},
                        {QStringLiteral("duration_ms"), answer.durationMs},
                        {QStringLiteral("error"), error ? message : QString()}};
    if (error)
        details.insert(QStringLiteral("code"), error->id());
    if (explanation)
        details.insert(QStringLiteral("explanation"), explanation->toJson());
    logEntry(Direction::In, channel, message, details);
}

void EndpointAuthorizer::logEntry(Direction direction, const QString &channel, const QString &message,
                                  const QJsonObject &details)
{
    Connection *connection = this->connection();
    if (!connection || !connection->log())
        return;
    LogEntry entry;
    entry.direction = direction;
    entry.kind = EntryKind::Auth;
    entry.connection = connection->name();
    entry.socketId = connection->socketId();
    entry.channel = channel;
    entry.message = message;
    entry.raw = QJsonDocument(details).toJson(QJsonDocument::Compact);
    connection->log()->append(entry);
}

}  // namespace cs
