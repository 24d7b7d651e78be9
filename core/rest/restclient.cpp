#include "restclient.h"

#include "tlspolicy.h"

#include "deliverlater.h"
#include "httplimits.h"
#include "logentry.h"
#include "logstore.h"
#include "names.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMetaObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QStringList>
#include <QUrl>

#if QT_CONFIG(ssl)
#include <QSslError>
#endif

#include <algorithm>
#include <memory>

namespace cs {

namespace {

constexpr qsizetype kMaxTriggerChannels = 100;
constexpr qsizetype kMaxBatchEvents = 10;
constexpr qsizetype kHostedDataLimitBytes = 10 * 1024;
constexpr qsizetype kErrorBodyChars = 200;
constexpr auto kServerToUserPrefix = QLatin1String("#server-to-user-");

Error invalid(ErrorCode code, const QString &message) { return Error{code, message}; }

// --- Ordered JSON writing (docs/protocol.md, "REST request signing"): the member order is signed too. ---

// A JSON string literal as QJsonDocument writes it: UTF-8, '"', '\\' and control characters
// escaped, like JSON.stringify.
QByteArray jsonString(const QString &text)
{
    const QByteArray array = QJsonDocument(QJsonArray{text}).toJson(QJsonDocument::Compact);
    return array.mid(1, array.size() - 2);  // strip [ ]
}

QByteArray jsonStringArray(const QStringList &items)
{
    QByteArrayList parts;
    for (const QString &item : items)
        parts << jsonString(item);
    return '[' + parts.join(',') + ']';
}

class OrderedJsonObject {
public:
    OrderedJsonObject &raw(const char *key, const QByteArray &json)
    {
        m_members << jsonString(QString::fromLatin1(key)) + ':' + json;
        return *this;
    }
    OrderedJsonObject &string(const char *key, const QString &value) { return raw(key, jsonString(value)); }
    OrderedJsonObject &optionalString(const char *key, const QString &value)
    {
        return value.isEmpty() ? *this : string(key, value);
    }
    QByteArray bytes() const { return '{' + m_members.join(',') + '}'; }

private:
    QByteArrayList m_members;
};

// --- URL building. Servers (soketi) sign the path as received, so only what a path cannot
// hold is percent-encoded; channel names ([A-Za-z0-9_\-=@,.;]) travel unchanged. ---

QByteArray encodePath(const QString &decodedPath)
{
    QByteArrayList segments;
    for (const QString &segment : decodedPath.split(u'/'))
        segments << QUrl::toPercentEncoding(segment, "!$&'()*+,;=:@");
    return segments.join('/');
}

// In a query '&', '=', '+' (a space to many decoders), ';', '#' and '%' must be encoded;
// ',' ':' '@' '/' stay readable (info=user_count,subscription_count).
QByteArray encodeQueryPart(const QString &text) { return QUrl::toPercentEncoding(text, ",:@/!$'()*"); }

QByteArray encodeQuery(const signer::QueryParams &params)
{
    QByteArrayList pairs;
    for (const auto &[key, value] : params)
        pairs << encodeQueryPart(key) + '=' + encodeQueryPart(value);
    return pairs.join('&');
}

QByteArray originOf(const QUrl &base)
{
    return base.toEncoded(QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveFragment | QUrl::RemoveUserInfo);
}

// --- Answers ---

QJsonValue parseJson(const QByteArray &body)
{
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError)
        return QJsonValue(QJsonValue::Undefined);
    return doc.isArray() ? QJsonValue(doc.array()) : QJsonValue(doc.object());
}

QNetworkRequest makeRequest(const QUrl &url, int timeoutMs)
{
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setRawHeader("X-Pusher-Library", QByteArrayLiteral("channelscope " CS_VERSION_STRING));
    request.setTransferTimeout(timeoutMs);
    // A redirect would change the signed path, and to another host it would hand a signed,
    // replayable request to a stranger: none is followed, the 3xx answer is shown as it came.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    return request;
}

// Collects the reply's TLS errors for the error message, with the pin's verdict; ignores them
// only when they name the certificate the profile pinned (tlspolicy.h).
std::shared_ptr<QStringList> watchTlsErrors(QNetworkReply *reply, const QString &pinnedSha256)
{
    auto tlsErrors = std::make_shared<QStringList>();
#if QT_CONFIG(ssl)
    QObject::connect(reply, &QNetworkReply::sslErrors, reply,
                     [reply, tlsErrors, pinnedSha256](const QList<QSslError> &errors) {
                         for (const QSslError &error : errors)
                             *tlsErrors << error.errorString();
                         const PinVerdict pin = checkPin(errors, pinnedSha256);
                         if (pin.accept)
                             reply->ignoreSslErrors(errors);
                         else if (!pin.message.isEmpty())
                             *tlsErrors << pin.message;
                     });
#else
    Q_UNUSED(reply);
    Q_UNUSED(pinnedSha256);
#endif
    return tlsErrors;
}

QString describeNetworkError(const QNetworkReply &reply, const QStringList &tlsErrors, int timeoutMs)
{
    QString what;
    switch (reply.error()) {
    case QNetworkReply::ConnectionRefusedError: what = QStringLiteral("connection refused"); break;
    case QNetworkReply::HostNotFoundError: what = QStringLiteral("host not found"); break;
    case QNetworkReply::RemoteHostClosedError:
        what = QStringLiteral("connection closed by the server before it answered");
        break;
    // The client never aborts a reply itself: a cancel is the transfer timeout firing.
    case QNetworkReply::OperationCanceledError:
    case QNetworkReply::TimeoutError: what = QStringLiteral("timeout after %1 ms").arg(timeoutMs); break;
    case QNetworkReply::SslHandshakeFailedError:
        what = QStringLiteral("TLS handshake failed: %1")
                   .arg(tlsErrors.isEmpty() ? reply.errorString() : tlsErrors.join(QStringLiteral("; ")));
        break;
    default: what = reply.errorString(); break;
    }
    return QStringLiteral("%1 (%2)").arg(what, reply.url().authority());
}

RestResponse responseFrom(QNetworkReply &reply, const QStringList &tlsErrors, int timeoutMs)
{
    RestResponse response;
    const QVariant status = reply.attribute(QNetworkRequest::HttpStatusCodeAttribute);
    response.status = status.isValid() ? status.toInt() : 0;
    if (reply.isOpen())  // an aborted (timed out) reply is closed
        response.body = reply.readAll();
    response.json = parseJson(response.body);
    response.httpStatus = response.status;
    // Some soketi builds answer errors with HTTP 200 and {"error":"…","code":401}: believe the body.
    const QJsonObject object = response.json.toObject();
    const int bodyCode = object.value(QStringLiteral("code")).toInt();
    if (response.status >= 200 && response.status < 300 && object.value(QStringLiteral("error")).isString()
        && bodyCode >= 400 && bodyCode < 600)
        response.status = bodyCode;
    if (response.status == 0)
        response.networkError = describeNetworkError(reply, tlsErrors, timeoutMs);
    return response;
}

// --- Validation ---

// Names the channel: a trigger may list a hundred of them.
Status validateRestChannel(const QString &name)
{
    const Status status = validateChannelName(name, name.startsWith(kServerToUserPrefix));
    if (status)
        return status;
    return Error{status.error().code, QStringLiteral("\"%1\": %2").arg(name, status.error().message)};
}

Status validateOptionalSocketId(const QString &socketId)
{
    return socketId.isEmpty() ? Status() : validateSocketId(socketId);
}

Status validateChannelList(const QStringList &channels)
{
    if (channels.isEmpty())
        return invalid(ErrorCode::NoChannel, QStringLiteral("A trigger needs at least one channel."));
    if (channels.size() > kMaxTriggerChannels)
        return invalid(ErrorCode::TooManyChannels, QStringLiteral("A trigger can target at most %1 channels, not %2.")
                                                       .arg(kMaxTriggerChannels)
                                                       .arg(channels.size()));
    for (const QString &channel : channels) {
        if (Status status = validateRestChannel(channel); !status)
            return status;
    }
    // Each encrypted channel has its own key, so its payload cannot be shared with others.
    if (channels.size() > 1) {
        for (const QString &channel : channels) {
            if (channelKindOf(channel).type == ChannelType::PrivateEncrypted)
                return invalid(ErrorCode::EncryptedChannelNotAlone,
                               QStringLiteral("The encrypted channel %1 must be triggered alone.").arg(channel));
        }
    }
    return {};
}

QString sharedOrEmpty(const QStringList &values)
{
    if (values.isEmpty())
        return {};
    const QString &first = values.first();
    const bool same = std::all_of(values.begin(), values.end(), [&first](const QString &v) { return v == first; });
    return same ? first : QString();
}

// Only what a REST call needs: a bad master key or WebSocket setting must not block it.
QStringList restProblems(const Credentials &credentials)
{
    QStringList out;
    if (credentials.appId.trimmed().isEmpty())
        out << QStringLiteral("The app id is missing.");
    if (credentials.key.trimmed().isEmpty())
        out << QStringLiteral("The app key is missing.");
    if (credentials.secret.isEmpty())
        out << QStringLiteral("The app secret is missing.");
    if (credentials.effectiveRestHost().isEmpty())
        out << QStringLiteral("Neither a REST host, a host nor a cluster is set.");
    return out;
}

LogEntry restEntry(Direction direction, const QString &connection, const QString &channel, const QString &event,
                   const QString &userId)
{
    LogEntry entry;
    entry.direction = direction;
    entry.kind = EntryKind::Rest;
    entry.connection = connection;
    entry.channel = channel;
    entry.event = event;
    entry.userId = userId;
    return entry;
}

}  // namespace

// ---------------------------------------------------------------------------------------------

QString RestResponse::errorMessage() const
{
    if (!networkError.isEmpty())
        return networkError;
    if (ok())
        return {};
    if (status == 0)
        return QStringLiteral("no answer");
    QString detail = json.toObject().value(QStringLiteral("error")).toString();
    if (detail.isEmpty()) {
        detail = QString::fromUtf8(body).simplified();
        if (detail.size() > kErrorBodyChars)
            detail = detail.left(kErrorBodyChars) + QStringLiteral("…");
    }
    QString text = detail.isEmpty() ? QStringLiteral("HTTP %1").arg(status)
                                    : QStringLiteral("HTTP %1: %2").arg(status).arg(detail);
    if (httpStatus != status && httpStatus != 0)
        text += QStringLiteral(" (sent with HTTP status %1)").arg(httpStatus);
    return text;
}

RestClient::RestClient(const Credentials &credentials, LogStore *log, QString name, QObject *parent)
    : QObject(parent),
      m_credentials(credentials),
      m_log(log),
      m_name(std::move(name)),
      m_nam(new QNetworkAccessManager(this)),
      m_clock([] { return QDateTime::currentSecsSinceEpoch(); })
{}

// Replies are children of m_nam; QObject disconnects them from this client before deleting
// them, so no callback runs after destruction.
RestClient::~RestClient() = default;

void RestClient::setCredentials(const Credentials &credentials) { m_credentials = credentials; }

void RestClient::setClock(std::function<qint64()> secondsSinceEpoch)
{
    m_clock = secondsSinceEpoch ? std::move(secondsSinceEpoch) : [] { return QDateTime::currentSecsSinceEpoch(); };
}

void RestClient::setTimeoutMs(int ms) { m_timeoutMs = ms; }

// --- Bodies and validation -------------------------------------------------------------------

QByteArray RestClient::triggerBody(const TriggerRequest &request)
{
    return OrderedJsonObject()
        .string("name", request.event)
        .string("data", request.data)
        .raw("channels", jsonStringArray(request.channels))
        .optionalString("socket_id", request.socketId)
        .optionalString("info", request.info.join(u','))
        .bytes();
}

QByteArray RestClient::batchBody(const QList<BatchEvent> &events)
{
    QByteArrayList items;
    for (const BatchEvent &event : events) {
        items << OrderedJsonObject()
                     .string("channel", event.channel)
                     .string("name", event.event)
                     .string("data", event.data)
                     .optionalString("socket_id", event.socketId)
                     .optionalString("info", event.info.join(u','))
                     .bytes();
    }
    return OrderedJsonObject().raw("batch", '[' + items.join(',') + ']').bytes();
}

Status RestClient::validate(const TriggerRequest &request)
{
    if (Status status = validateChannelList(request.channels); !status)
        return status;
    if (Status status = validateEventName(request.event); !status)
        return status;
    return validateOptionalSocketId(request.socketId);
}

Status RestClient::validate(const QList<BatchEvent> &events)
{
    if (events.isEmpty())
        return invalid(ErrorCode::EmptyBatch, QStringLiteral("A batch needs at least one event."));
    if (events.size() > kMaxBatchEvents)
        return invalid(
            ErrorCode::BatchTooLarge,
            QStringLiteral("A batch can hold at most %1 events, not %2.").arg(kMaxBatchEvents).arg(events.size()));
    for (const BatchEvent &event : events) {
        for (const Status &status : {validateRestChannel(event.channel), validateEventName(event.event),
                                     validateOptionalSocketId(event.socketId)}) {
            if (!status)
                return status;
        }
    }
    return {};
}

QStringList RestClient::warnings(const TriggerRequest &request)
{
    QStringList out;
    const qsizetype dataBytes = request.data.toUtf8().size();
    if (dataBytes > kHostedDataLimitBytes)
        out << QStringLiteral(
                   "The data is %1 bytes: hosted Pusher refuses more than 10 KB (soketi accepts 100 KB by default).")
                   .arg(dataBytes);
    for (const QString &channel : request.channels) {
        if (const QString warning = channelNameWarning(channel); !warning.isEmpty())
            out << warning;
    }
    return out;
}

// --- Calls -----------------------------------------------------------------------------------

void RestClient::trigger(const TriggerRequest &request, Callback callback)
{
    const CallContext context{request.channels.size() == 1 ? request.channels.first() : QString(), request.event, {}};
    if (Status status = validate(request); !status) {
        reportLocalFailure("POST", QStringLiteral("/events"), status.error(), context, callback);
        return;
    }
    dispatch("POST", QStringLiteral("/events"), {}, triggerBody(request), context, warnings(request),
             std::move(callback));
}

void RestClient::batch(const QList<BatchEvent> &events, Callback callback)
{
    QStringList channels, names, warningList;
    for (const BatchEvent &event : events) {
        channels << event.channel;
        names << event.event;
        warningList << warnings(TriggerRequest{{event.channel}, event.event, event.data, {}, {}});
    }
    const CallContext context{sharedOrEmpty(channels), sharedOrEmpty(names), {}};
    if (Status status = validate(events); !status) {
        reportLocalFailure("POST", QStringLiteral("/batch_events"), status.error(), context, callback);
        return;
    }
    dispatch("POST", QStringLiteral("/batch_events"), {}, batchBody(events), context, warningList, std::move(callback));
}

void RestClient::channels(const QString &prefix, const QStringList &info, Callback callback)
{
    signer::QueryParams params;
    if (!prefix.isEmpty())
        params.append({QStringLiteral("filter_by_prefix"), prefix});
    if (!info.isEmpty())
        params.append({QStringLiteral("info"), info.join(u',')});
    dispatch("GET", QStringLiteral("/channels"), params, {}, {}, {}, std::move(callback));
}

void RestClient::channel(const QString &name, const QStringList &info, Callback callback)
{
    const QString subPath = QStringLiteral("/channels/") + name;
    const CallContext context{name, {}, {}};
    if (Status status = validateRestChannel(name); !status) {
        reportLocalFailure("GET", subPath, status.error(), context, callback);
        return;
    }
    signer::QueryParams params;
    if (!info.isEmpty())
        params.append({QStringLiteral("info"), info.join(u',')});
    dispatch("GET", subPath, params, {}, context, {}, std::move(callback));
}

void RestClient::users(const QString &channel, Callback callback)
{
    const QString subPath = QStringLiteral("/channels/%1/users").arg(channel);
    const CallContext context{channel, {}, {}};
    if (Status status = validateRestChannel(channel); !status) {
        reportLocalFailure("GET", subPath, status.error(), context, callback);
        return;
    }
    dispatch("GET", subPath, {}, {}, context, {}, std::move(callback));
}

void RestClient::terminateUserConnections(const QString &userId, Callback callback)
{
    const QString subPath = QStringLiteral("/users/%1/terminate_connections").arg(userId);
    const CallContext context{{}, {}, userId};
    // A '/' would change the route, and %2F is decoded differently by different servers.
    if (userId.trimmed().isEmpty() || userId.contains(u'/')) {
        const Error error{ErrorCode::InvalidUserId, userId.trimmed().isEmpty()
                                                        ? QStringLiteral("The user id is empty.")
                                                        : QStringLiteral("The user id must not contain '/'.")};
        reportLocalFailure("POST", subPath, error, context, callback);
        return;
    }
    dispatch("POST", subPath, {}, QByteArrayLiteral("{}"), context, {}, std::move(callback));
}

void RestClient::send(const QByteArray &method, const QString &subPath, const signer::QueryParams &params,
                      const QByteArray &body, Callback callback)
{
    dispatch(method, subPath, params, body, {}, {}, std::move(callback));
}

// --- The request itself ----------------------------------------------------------------------

void RestClient::dispatch(const QByteArray &method, const QString &subPath, const signer::QueryParams &params,
                          const QByteArray &body, const CallContext &context, const QStringList &warnings,
                          Callback callback)
{
    const QByteArray verb = method.toUpper();
    if (const QStringList problems = restProblems(m_credentials); !problems.isEmpty()) {
        const Error error{ErrorCode::InvalidCredentials, problems.join(u' ')};
        reportLocalFailure(verb, subPath, error, context, callback);
        return;
    }
    const QUrl base = m_credentials.restBaseUrl();
    const QByteArray wirePath = encodePath(base.path() + subPath);
    // The path is signed as the server receives it; for channel names it equals the decoded path.
    const auto signedQuery = signer::signRestRequest({m_credentials.key, m_credentials.secret}, verb,
                                                     QString::fromLatin1(wirePath), params, body, m_clock());
    if (!signedQuery) {
        reportLocalFailure(verb, subPath, signedQuery.error(), context, callback);
        return;
    }
    const QUrl url =
        QUrl::fromEncoded(originOf(base) + wirePath + '?' + encodeQuery(signedQuery->params), QUrl::StrictMode);

    logRequest(verb, url, body, signedQuery->stringToSign, context, warnings);
    QElapsedTimer elapsed;
    elapsed.start();
    QNetworkReply *reply = m_nam->sendCustomRequest(makeRequest(url, m_timeoutMs), verb, body);
    const auto tlsErrors = watchTlsErrors(reply, m_credentials.pinnedSha256);
    // The transfer timeout above only fires after a silence: the deadline bounds the whole answer.
    const auto limits = enforceHttpLimits(reply, {m_timeoutMs, kMaxAnswerBytes});
    connect(reply, &QNetworkReply::finished, this,
            [this, reply, elapsed, tlsErrors, limits, timeoutMs = m_timeoutMs, context, verb, wirePath,
             callback = std::move(callback)] {
                reply->deleteLater();
                RestResponse response = responseFrom(*reply, *tlsErrors, timeoutMs);
                if (limits->bodyTooLarge) {
                    response = {};
                    response.networkError = tr("the answer was larger than %1 MiB; refused (%2)")
                                                .arg(kMaxAnswerBytes >> 20)
                                                .arg(reply->url().authority());
                }
                response.durationMs = elapsed.elapsed();
                response.method = QString::fromLatin1(verb);
                response.path = QString::fromLatin1(wirePath);
                logAnswer(response, reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString(), context);
                if (callback)
                    callback(response);
            });
}

void RestClient::reportLocalFailure(const QByteArray &method, const QString &subPath, const Error &error,
                                    const Callback &callback)
{
    reportLocalFailure(method, subPath, error, CallContext{}, callback);
}

// Nothing was sent: one local log entry, and the callback gets the message as networkError
// (status 0). Delivered on the next event-loop turn, like a real answer.
void RestClient::reportLocalFailure(const QByteArray &method, const QString &subPath, const Error &error,
                                    const CallContext &context, const Callback &callback)
{
    RestResponse response;
    response.method = QString::fromLatin1(method);
    response.path = QString::fromLatin1(encodePath(m_credentials.restBaseUrl().path() + subPath));
    response.networkError = error.message;

    if (m_log) {
        LogEntry entry = restEntry(Direction::Local, m_name, context.channel, context.event, context.userId);
        entry.message = QStringLiteral("%1 %2 not sent: %3").arg(response.method, response.path, error.message);
        const QJsonObject details{{QStringLiteral("method"), response.method},
                                  {QStringLiteral("path"), response.path},
                                  {QStringLiteral("code"), error.id()},
                                  {QStringLiteral("error"), error.message}};
        entry.raw = QJsonDocument(details).toJson(QJsonDocument::Compact);
        m_log->append(entry);
    }
    if (callback)
        deliverLater(this, [callback, response] { callback(response); });
}

// The URL carries auth_key and auth_signature, never the secret.
void RestClient::logRequest(const QByteArray &method, const QUrl &url, const QByteArray &body,
                            const QByteArray &stringToSign, const CallContext &context, const QStringList &warnings)
{
    if (!m_log)
        return;
    LogEntry entry = restEntry(Direction::Out, m_name, context.channel, context.event, context.userId);
    entry.message = QStringLiteral("%1 %2").arg(QString::fromLatin1(method), url.path(QUrl::FullyEncoded));
    QJsonObject details{{QStringLiteral("method"), QString::fromLatin1(method)},
                        {QStringLiteral("url"), QString::fromLatin1(url.toEncoded())},
                        {QStringLiteral("body"), QString::fromUtf8(body)},
                        {QStringLiteral("string_to_sign"), QString::fromUtf8(stringToSign)}};
    if (!warnings.isEmpty())
        details.insert(QStringLiteral("warnings"), QJsonArray::fromStringList(warnings));
    entry.raw = QJsonDocument(details).toJson(QJsonDocument::Compact);
    m_log->append(entry);
}

void RestClient::logAnswer(const RestResponse &response, const QString &reasonPhrase, const CallContext &context)
{
    if (!m_log)
        return;
    LogEntry entry = restEntry(Direction::In, m_name, context.channel, context.event, context.userId);
    entry.message = response.ok()
                        ? QStringLiteral("%1 %2 in %3 ms")
                              .arg(QString::number(response.status), reasonPhrase, QString::number(response.durationMs))
                              .simplified()
                        : response.errorMessage();
    const QJsonObject details{{QStringLiteral("status"), response.status},
                              {QStringLiteral("http_status"), response.httpStatus},
                              {QStringLiteral("body"), QString::fromUtf8(response.body)},
                              {QStringLiteral("duration_ms"), response.durationMs},
                              {QStringLiteral("error"), response.errorMessage()}};
    entry.raw = QJsonDocument(details).toJson(QJsonDocument::Compact);
    m_log->append(entry);
}

}  // namespace cs
