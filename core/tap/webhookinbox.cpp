#include "webhookinbox.h"

#include "httpforward.h"
#include "logstore.h"
#include "redact.h"
#include "signer.h"
#include "strictjson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>

namespace cs::tap {

namespace {

QByteArray compact(const QJsonObject &object) { return QJsonDocument(object).toJson(QJsonDocument::Compact); }

LogEntry webhookEntry(const QString &message, const QJsonObject &details, const QString &channel = {},
                      const QString &event = {})
{
    return LogEntry::local(EntryKind::Webhook, QString(kWebhookConnection), QString(), message, compact(details),
                           channel, event);
}

// One line per event name of docs/protocol.md, "Webhooks".
QString describe(const QJsonObject &event)
{
    const QString name = event.value(QLatin1String("name")).toString();
    const QString channel = event.value(QLatin1String("channel")).toString();
    if (name == QLatin1String("member_added") || name == QLatin1String("member_removed"))
        return QStringLiteral("%1 %2 on %3").arg(name, event.value(QLatin1String("user_id")).toString(), channel);
    if (name == QLatin1String("client_event")) {
        return QStringLiteral("client_event %1 on %2 from %3")
            .arg(event.value(QLatin1String("event")).toString(), channel,
                 event.value(QLatin1String("socket_id")).toString());
    }
    if (name == QLatin1String("subscription_count")) {
        return QStringLiteral("subscription_count %1 on %2")
            .arg(event.value(QLatin1String("subscription_count")).toVariant().toString(), channel);
    }
    return QStringLiteral("%1 %2").arg(name, channel);
}

}  // namespace

WebhookInbox::WebhookInbox(const Credentials &credentials, LogStore *log, QObject *parent)
    : QObject(parent),
      m_credentials(credentials),
      m_log(log),
      m_network(new QNetworkAccessManager(this))
{
    m_listener.setHandler(
        [this](const HttpRequest &request, HttpListener::Respond respond) { handle(request, std::move(respond)); });
    connect(&m_listener, &HttpListener::badRequest, this, [this](const QString &peer, const QString &why) {
        m_log->append(webhookEntry(QStringLiteral("unreadable request from %1: %2").arg(peer, why),
                                   {{QStringLiteral("peer"), peer}, {QStringLiteral("problem"), why}}));
    });
}

WebhookInbox::~WebhookInbox() = default;

Status WebhookInbox::listen(const QHostAddress &address, quint16 port) { return m_listener.listen(address, port); }
void WebhookInbox::close() { m_listener.close(); }
bool WebhookInbox::isListening() const { return m_listener.isListening(); }
quint16 WebhookInbox::port() const { return m_listener.port(); }

void WebhookInbox::handle(const HttpRequest &request, HttpListener::Respond respond)
{
    const QByteArray key = request.header("x-pusher-key");
    const QByteArray signature = request.header("x-pusher-signature");
    QString verdict = QStringLiteral("valid");
    QString summary = QStringLiteral("signature valid");
    if (key.isEmpty() || signature.isEmpty()) {
        verdict = QStringLiteral("unsigned");
        summary = QStringLiteral("not signed: no X-Pusher-Key or X-Pusher-Signature header");
    } else if (QString::fromUtf8(key) != m_credentials.key) {
        verdict = QStringLiteral("wrong-key");
        summary = QStringLiteral("wrong key: X-Pusher-Key is %1, this profile's key is %2")
                      .arg(QString::fromUtf8(key), m_credentials.key);
    } else if (m_credentials.secret.isEmpty()) {
        verdict = QStringLiteral("unknown");
        summary = QStringLiteral("cannot check: the profile has no secret");
    } else if (!signer::verifyWebhookSignature(m_credentials.secret.toUtf8(), request.body, signature)) {
        verdict = QStringLiteral("signature-differs");
        summary = QStringLiteral("signature differs: signed with another secret, or the body changed");
    }

    const auto doc = json::parseDocument(request.body);
    const QJsonObject body = doc && doc->isObject() ? doc->object() : QJsonObject();
    const QJsonArray events = body.value(QLatin1String("events")).toArray();
    const QJsonValue timeMs = body.value(QLatin1String("time_ms"));
    if (request.method != "POST" || events.isEmpty()) {
        QJsonObject details{{QStringLiteral("method"), QString::fromLatin1(request.method)},
                            {QStringLiteral("path"), QString::fromUtf8(request.target)},
                            {QStringLiteral("body"), QString::fromUtf8(maskCredentialsInBody(request.body))},
                            {QStringLiteral("signature"), verdict}};
        m_log->append(
            webhookEntry(QStringLiteral("%1 %2: not a webhook (no events); %3")
                             .arg(QString::fromLatin1(request.method), QString::fromUtf8(request.target), summary),
                         details));
    }
    for (qsizetype i = 0; i < events.size(); ++i) {
        const QJsonObject event = events[i].toObject();
        QJsonObject details = event;
        details.insert(QStringLiteral("time_ms"), timeMs);
        details.insert(QStringLiteral("signature"), verdict);
        if (verdict != QLatin1String("valid"))
            details.insert(QStringLiteral("signature_summary"), summary);
        LogEntry entry =
            webhookEntry(describe(event)
                             + (verdict == QLatin1String("valid") ? QString() : QStringLiteral("; ") + summary),
                         details, event.value(QLatin1String("channel")).toString(),
                         event.value(QLatin1String("name")).toString());
        entry.socketId = event.value(QLatin1String("socket_id")).toString();
        entry.userId = event.value(QLatin1String("user_id")).toString();
        m_log->append(entry);
    }
    emit received(int(events.size()), verdict == QLatin1String("valid"));

    if (m_forward.isValid() && !m_forward.isEmpty()) {
        forwardHttp(m_network, m_forward, request.method, request.headers, request.body, QString(),
                    [this, url = m_forward](const ForwardResult &result) {
                        QJsonObject details{{QStringLiteral("forwarded_to"),
                                             maskCredentialsInUrl(url.toDisplayString())},
                                            {QStringLiteral("duration_ms"), result.durationMs}};
                        QString message;
                        if (result.status == 0) {
                            details.insert(QStringLiteral("error"), result.error);
                            message =
                                QStringLiteral("forward to %1 failed: %2").arg(url.toDisplayString(), result.error);
                        } else {
                            details.insert(QStringLiteral("status"), result.status);
                            details.insert(QStringLiteral("body"),
                                           QString::fromUtf8(maskCredentialsInBody(result.body.left(64 * 1024))));
                            message = QStringLiteral("forwarded to %1: answer %2 in %3 ms")
                                          .arg(url.toDisplayString())
                                          .arg(result.status)
                                          .arg(result.durationMs);
                        }
                        m_log->append(webhookEntry(message, details));
                    });
    }
    if (m_status == kNoAnswer)
        return;  // the server's request times out: what its retry logic is tested with
    respond(
        HttpResponse{m_status, {}, {}, m_status == 200 ? QByteArray("{}") : QByteArray("{\"error\":\"test status\"}")});
}

}  // namespace cs::tap
