#include "resttap.h"

#include "apicall.h"
#include "httpforward.h"
#include "logstore.h"
#include "redact.h"
#include "restcheck.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QSet>
#include <QUrl>

namespace cs::tap {

namespace {

constexpr qsizetype kLoggedBodyBytes = 64 * 1024;  // an answer's body in the log; the backend gets all of it

QByteArray compact(const QJsonObject &object) { return QJsonDocument(object).toJson(QJsonDocument::Compact); }

QString loggedBody(const QByteArray &body)
{
    const QByteArray masked = maskCredentialsInBody(body.left(kLoggedBodyBytes));
    return QString::fromUtf8(masked) + (body.size() > kLoggedBodyBytes ? QStringLiteral("…") : QString());
}

LogEntry apiEntry(const QString &message, const QJsonObject &details, const QString &channel = {},
                  const QString &event = {})
{
    return LogEntry::local(EntryKind::Api, QString(kApiConnection), QString(), message, compact(details), channel,
                           event);
}

}  // namespace

RestTap::RestTap(const Credentials &credentials, LogStore *log, QObject *parent)
    : QObject(parent),
      m_credentials(credentials),
      m_log(log),
      m_network(new QNetworkAccessManager(this)),
      m_clock([] { return QDateTime::currentSecsSinceEpoch(); })
{
    m_listener.setHandler(
        [this](const HttpRequest &request, HttpListener::Respond respond) { handle(request, std::move(respond)); });
    connect(&m_listener, &HttpListener::badRequest, this, [this](const QString &peer, const QString &why) {
        m_log->append(apiEntry(QStringLiteral("unreadable request from %1: %2").arg(peer, why),
                               {{QStringLiteral("peer"), peer}, {QStringLiteral("problem"), why}}));
    });
}

RestTap::~RestTap() = default;

Status RestTap::listen(const QHostAddress &address, quint16 port) { return m_listener.listen(address, port); }
void RestTap::close() { m_listener.close(); }
bool RestTap::isListening() const { return m_listener.isListening(); }
quint16 RestTap::port() const { return m_listener.port(); }

void RestTap::handle(const HttpRequest &request, HttpListener::Respond respond)
{
    const QString path = QUrl::fromPercentEncoding(request.path());
    const QList<ApiCall> calls = decodeApiCall(request.method, path, request.body);
    logCalls(request, calls);

    QStringList triggered;
    for (const ApiCall &call : calls) {
        if (call.call == QLatin1String("trigger") || call.call == QLatin1String("batch")) {
            for (const QString &channel : call.channels) {
                if (!triggered.contains(channel))
                    triggered.append(channel);
            }
        }
    }
    if (!triggered.isEmpty())
        checkOccupancy(triggered);

    const QUrl url = upstreamUrl(m_credentials.restBaseUrl(), request.target);
    const QString what = calls.size() == 1 ? calls.front().call : QStringLiteral("batch");
    forwardHttp(
        m_network, url, request.method, request.headers, request.body, m_credentials.pinnedSha256,
        [this, respond = std::move(respond), what, url](const ForwardResult &result) {
            HttpResponse response;
            QJsonObject details{{QStringLiteral("call"), what},
                                {QStringLiteral("duration_ms"), result.durationMs},
                                {QStringLiteral("upstream"), maskCredentialsInUrl(url.toDisplayString())}};
            QString message;
            if (result.status == 0) {
                // The backend sees a gateway error, as from any proxy; the log says why.
                response.status = 502;
                response.body =
                    QStringLiteral("channelscope tap: the REST host did not answer: %1\n").arg(result.error).toUtf8();
                details.insert(QStringLiteral("error"), result.error);
                message = QStringLiteral("%1: no answer from the REST host after %2 ms: %3")
                              .arg(what)
                              .arg(result.durationMs)
                              .arg(result.error);
            } else {
                response.status = result.status;
                response.headers = result.headers;
                response.body = result.body;
                details.insert(QStringLiteral("status"), result.status);
                details.insert(QStringLiteral("body"), loggedBody(result.body));
                message = QStringLiteral("%1: answer %2 in %3 ms").arg(what).arg(result.status).arg(result.durationMs);
            }
            respond(response);
            m_log->append(apiEntry(message, details));
            emit exchanged(response.status);
        });
}

void RestTap::logCalls(const HttpRequest &request, const QList<ApiCall> &calls)
{
    const QString path = QUrl::fromPercentEncoding(request.path());
    const RestSignatureCheck check = checkRestSignature({m_credentials.key, m_credentials.secret}, request.method, path,
                                                        request.query(), request.body, m_clock());
    const QJsonObject base{{QStringLiteral("method"), QString::fromLatin1(request.method)},
                           {QStringLiteral("path"), path},
                           {QStringLiteral("query"), QString::fromUtf8(request.query())},
                           {QStringLiteral("peer"), request.peer},
                           {QStringLiteral("signature"), verdictName(check.verdict)},
                           {QStringLiteral("signature_check"), check.toJson()}};
    for (const ApiCall &call : calls) {
        QJsonObject details = base;
        const QJsonObject decoded = call.toJson();
        for (auto it = decoded.begin(); it != decoded.end(); ++it)
            details.insert(it.key(), it.value());
        QString message = call.summary();
        if (call.call == QLatin1String("http")) {
            QJsonObject headers;
            for (const auto &[name, value] : request.headers)
                headers.insert(QString::fromLatin1(name), QString::fromUtf8(value));
            details.insert(QStringLiteral("headers"), headers);
            details.insert(QStringLiteral("body"), QString::fromUtf8(request.body.left(kLoggedBodyBytes)));
            message = QStringLiteral("%1 %2").arg(QString::fromLatin1(request.method), path);
            details = redactDetails(details);
        }
        if (!call.problem.isEmpty())
            message += QStringLiteral(" (%1)").arg(call.problem);
        message += check.valid() ? QStringLiteral("; signature valid") : QStringLiteral("; ") + check.summary;
        m_log->append(
            apiEntry(message, details, call.channels.size() == 1 ? call.channels.front() : QString(), call.event));
    }
}

void RestTap::checkOccupancy(const QStringList &channels)
{
    if (m_credentials.secret.isEmpty() || m_credentials.appId.isEmpty()) {
        reportOccupancy(channels, {}, false);
        return;
    }
    // Asked now, beside the forwarded call, so that the answer is the state at trigger time.
    const QUrl base = m_credentials.restBaseUrl();
    const QString path = base.path() + QStringLiteral("/channels");
    const auto signedQuery = signer::signRestRequest({m_credentials.key, m_credentials.secret}, "GET", path, {}, {},
                                                     QDateTime::currentSecsSinceEpoch());
    if (!signedQuery) {
        reportOccupancy(channels, {}, false);
        return;
    }
    QByteArray target = QUrl::toPercentEncoding(path, "/") + '?';
    for (qsizetype i = 0; i < signedQuery->params.size(); ++i) {
        const auto &[k, v] = signedQuery->params[i];
        target += (i ? "&" : "") + QUrl::toPercentEncoding(k) + '=' + QUrl::toPercentEncoding(v);
    }
    forwardHttp(m_network, upstreamUrl(base, target), "GET", {}, {}, m_credentials.pinnedSha256,
                [this, channels](const ForwardResult &result) {
                    QStringList listed;
                    const QJsonObject answer = QJsonDocument::fromJson(result.body).object();
                    const QJsonObject names = answer.value(QLatin1String("channels")).toObject();
                    for (auto it = names.begin(); it != names.end(); ++it)
                        listed.append(it.key());
                    reportOccupancy(channels, listed, result.status == 200);
                });
}

void RestTap::reportOccupancy(const QStringList &channels, const QStringList &listed, bool serverAnswered)
{
    const QStringList tapped = m_tappedChannels ? m_tappedChannels() : QStringList();
    QStringList occupied = tapped;
    for (const QString &name : listed) {
        if (!occupied.contains(name))
            occupied.append(name);
    }
    for (const QString &channel : channels) {
        QJsonArray from;
        if (tapped.contains(channel))
            from.append(QStringLiteral("tap"));
        if (listed.contains(channel))
            from.append(QStringLiteral("server"));
        QJsonObject details{{QStringLiteral("call"), QStringLiteral("occupancy")},
                            {QStringLiteral("channel"), channel},
                            {QStringLiteral("subscribed"), !from.isEmpty()},
                            {QStringLiteral("seen_by"), from},
                            {QStringLiteral("server_listed"), serverAnswered}};
        QString message;
        if (!from.isEmpty()) {
            message = QStringLiteral("subscribers on %1").arg(channel);
        } else {
            const QStringList closest = closestChannels(channel, occupied);
            details.insert(QStringLiteral("closest"), QJsonArray::fromStringList(closest));
            message = QStringLiteral("no subscribers on %1").arg(channel);
            if (!closest.isEmpty())
                message += QStringLiteral("; occupied: %1").arg(closest.join(QStringLiteral(", ")));
        }
        m_log->append(apiEntry(message, details, channel));
    }
}

}  // namespace cs::tap
