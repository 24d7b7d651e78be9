#include "tappedclient.h"

#include "explainer.h"
#include "frame.h"
#include "logentry.h"
#include "logstore.h"
#include "messages.h"
#include "strictjson.h"
#include "tlspolicy.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QUrlQuery>
#include <QWebSocket>

namespace cs::tap {

namespace {

QByteArray compact(const QJsonObject &object) { return QJsonDocument(object).toJson(QJsonDocument::Compact); }

// The tap's own failure to reach the server: 1011 (internal error), which every WebSocket stack
// accepts (Qt refuses to send 1014 "bad gateway"); pusher-js reconnects after it.
constexpr auto kBadGateway = QWebSocketProtocol::CloseCode(1011);

}  // namespace

TappedClient::TappedClient(const QString &id, QWebSocket *downstream, const QUrl &upstreamOrigin,
                           const Credentials &credentials, LogStore *log, QObject *parent)
    : QObject(parent),
      m_credentials(credentials),
      m_log(log),
      m_downstream(downstream),
      m_upstream(new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this))
{
    m_info.id = id;
    downstream->setParent(this);
    const QUrl request = downstream->requestUrl();
    const QUrlQuery query(request);
    m_info.clientName = query.queryItemValue(QStringLiteral("client"));
    m_info.version = query.queryItemValue(QStringLiteral("version"));

    QUrl upstream = upstreamOrigin;
    upstream.setPath(request.path(QUrl::FullyEncoded), QUrl::TolerantMode);
    upstream.setQuery(request.query(QUrl::FullyEncoded), QUrl::TolerantMode);
    logLocal(QStringLiteral("%1 connected from %2:%3 (client %4, version %5); relaying to %6")
                 .arg(id, downstream->peerAddress().toString())
                 .arg(downstream->peerPort())
                 .arg(m_info.clientName.isEmpty() ? QStringLiteral("?") : m_info.clientName,
                      m_info.version.isEmpty() ? QStringLiteral("?") : m_info.version, upstream.toDisplayString()),
             {{QStringLiteral("client"), m_info.clientName},
              {QStringLiteral("version"), m_info.version},
              {QStringLiteral("path"), request.path()},
              {QStringLiteral("upstream"), upstream.toDisplayString()}});

    connect(downstream, &QWebSocket::textMessageReceived, this, &TappedClient::fromClient);
    connect(downstream, &QWebSocket::binaryMessageReceived, this, [this](const QByteArray &bytes) {
        // Pusher speaks text only; relayed all the same, and logged as what it is.
        m_log->append(LogEntry::outbound(EntryKind::Error, connectionName(), m_info.socketId, bytes));
        if (m_upstreamOpen)
            m_upstream->sendBinaryMessage(bytes);
    });
    connect(downstream, &QWebSocket::disconnected, this, &TappedClient::clientClosed);
    connect(m_upstream, &QWebSocket::connected, this, [this] {
        m_upstreamOpen = true;
        for (const QString &text : std::as_const(m_pending))
            m_upstream->sendTextMessage(text);
        m_pending.clear();
    });
    connect(m_upstream, &QWebSocket::textMessageReceived, this, &TappedClient::fromServer);
    connect(m_upstream, &QWebSocket::binaryMessageReceived, this, [this](const QByteArray &bytes) {
        m_log->append(LogEntry::undecodable(connectionName(), m_info.socketId, bytes,
                                            QStringLiteral("binary frame from the server")));
        m_downstream->sendBinaryMessage(bytes);
    });
    connect(m_upstream, &QWebSocket::disconnected, this, &TappedClient::serverClosed);
    if (!credentials.pinnedSha256.isEmpty()) {
        connect(m_upstream, &QWebSocket::sslErrors, this, [this](const QList<QSslError> &errors) {
            if (checkPin(errors, m_credentials.pinnedSha256).accept)
                m_upstream->ignoreSslErrors(errors);
        });
    }
    QNetworkRequest upstreamRequest(upstream);
    if (!downstream->origin().isEmpty())
        upstreamRequest.setRawHeader("Origin", downstream->origin().toUtf8());
    m_upstream->open(upstreamRequest);
}

TappedClient::~TappedClient() = default;

QString TappedClient::connectionName() const { return QString(kTapConnectionPrefix) + m_info.id; }

void TappedClient::logLocal(const QString &message, const QJsonObject &details, const QString &channel)
{
    LogEntry entry =
        LogEntry::local(EntryKind::State, connectionName(), m_info.socketId, message, compact(details), channel);
    entry.userId = m_info.userId;
    m_log->append(entry);
}

void TappedClient::fromClient(const QString &text)
{
    const QByteArray raw = text.toUtf8();
    ++m_info.framesOut;
    const Result<protocol::Frame> frame = protocol::parseFrame(raw);
    if (!frame) {
        LogEntry entry = LogEntry::outbound(EntryKind::Error, connectionName(), m_info.socketId, raw);
        entry.message = QStringLiteral("garbage from the client, relayed as is: %1").arg(frame.error().message);
        m_log->append(entry);
    } else {
        LogEntry entry = LogEntry::outbound(entryKindFor(protocol::classifyEvent(frame->event)), connectionName(),
                                            m_info.socketId, raw, frame->channel, frame->event);
        entry.userId = m_info.userId;
        m_log->append(entry);
        if (frame->event == QLatin1String("pusher:unsubscribe")) {
            m_info.channels.removeAll(protocol::dataObject(*frame).value(QLatin1String("channel")).toString());
        }
        if (frame->event == QLatin1String("pusher:subscribe") || frame->event == QLatin1String("pusher:signin"))
            checkSignature(raw);
    }
    if (m_upstreamOpen)
        m_upstream->sendTextMessage(text);
    else
        m_pending.append(text);
    emit changed();
}

void TappedClient::checkSignature(const QByteArray &raw)
{
    const Result<protocol::Frame> frame = protocol::parseFrame(raw);
    const QJsonObject data = protocol::dataObject(*frame);
    const QByteArray auth = data.value(QLatin1String("auth")).toString().toUtf8();
    const signer::AppKeys keys{m_credentials.key, m_credentials.secret};
    const bool signin = frame->event == QLatin1String("pusher:signin");
    const QString channel = data.value(QLatin1String("channel")).toString();
    if (auth.isEmpty())
        return;  // a public channel: nothing signed
    SignatureExplanation explanation;
    QByteArray userJson;
    if (signin) {
        userJson = data.value(QLatin1String("user_data")).toString().toUtf8();
        explanation = explainUserAuth(keys, m_info.socketId, userJson, auth);
    } else {
        userJson = data.value(QLatin1String("channel_data")).toString().toUtf8();
        explanation = explainChannelAuth(keys, m_info.socketId, channel, userJson, auth);
    }
    // The user id the frontend claims: sign-in's id, presence's user_id.
    const QJsonObject user = QJsonDocument::fromJson(userJson).object();
    const QJsonValue id = user.value(signin ? QLatin1String("id") : QLatin1String("user_id"));
    if (id.isString() || id.isDouble())
        m_info.userId = id.isString() ? id.toString() : QString::number(id.toDouble());
    const QString verdict = explanation.matches() ? QStringLiteral("valid") : verdictName(explanation.verdict);
    QJsonObject details{{QStringLiteral("signature"), verdict}, {QStringLiteral("explanation"), explanation.toJson()}};
    LogEntry entry = LogEntry::local(
        EntryKind::Auth, connectionName(), m_info.socketId,
        QStringLiteral("%1 %2: %3").arg(m_info.id, signin ? QStringLiteral("sign-in") : channel, explanation.summary),
        compact(details), channel, frame->event);
    entry.userId = m_info.userId;
    m_log->append(entry);
}

void TappedClient::fromServer(const QString &text)
{
    const QByteArray raw = text.toUtf8();
    ++m_info.framesIn;
    const Result<protocol::Frame> frame = protocol::parseFrame(raw);
    if (!frame) {
        m_log->append(LogEntry::undecodable(
            connectionName(), m_info.socketId, raw,
            QStringLiteral("garbage from the server, relayed as is: %1").arg(frame.error().message)));
    } else {
        if (frame->event == QLatin1String("pusher:connection_established")) {
            if (const auto handshake = protocol::parseHandshake(*frame))
                m_info.socketId = handshake->socketId;
        } else if (frame->event == QLatin1String("pusher_internal:subscription_succeeded")
                   && !m_info.channels.contains(frame->channel)) {
            m_info.channels.append(frame->channel);
        }
        m_log->append(LogEntry::inbound(entryKindFor(protocol::classifyEvent(frame->event)), connectionName(),
                                        m_info.socketId, raw, frame->channel, frame->event,
                                        frame->userId.isEmpty() ? m_info.userId : frame->userId));
    }
    m_downstream->sendTextMessage(text);
    emit changed();
}

void TappedClient::clientClosed()
{
    if (m_done)
        return;
    const auto code = m_downstream->closeCode();
    logLocal(QStringLiteral("%1: the client closed (%2%3); closing upstream with the same code")
                 .arg(m_info.id)
                 .arg(int(code))
                 .arg(m_downstream->closeReason().isEmpty() ? QString()
                                                            : QStringLiteral(" ") + m_downstream->closeReason()),
             {{QStringLiteral("close_code"), int(code)}, {QStringLiteral("side"), QStringLiteral("client")}});
    m_done = true;
    m_info.open = false;
    m_info.channels.clear();
    if (m_upstream->state() == QAbstractSocket::UnconnectedState)
        emit finished();
    else
        m_upstream->close(code, m_downstream->closeReason());
    emit changed();
}

void TappedClient::serverClosed()
{
    if (m_done) {
        emit finished();
        return;
    }
    m_done = true;
    m_info.open = false;
    m_info.channels.clear();
    const bool opened = m_upstreamOpen;
    const auto code = opened ? m_upstream->closeCode() : kBadGateway;
    const QString reason = opened ? m_upstream->closeReason() : QStringLiteral("upstream unreachable");
    const QString why = opened ? QStringLiteral("the server closed (%1%2)")
                                     .arg(int(code))
                                     .arg(reason.isEmpty() ? QString() : QStringLiteral(" ") + reason)
                               : QStringLiteral("cannot reach the server: %1").arg(m_upstream->errorString());
    QJsonObject details{{QStringLiteral("close_code"), int(code)}, {QStringLiteral("side"), QStringLiteral("server")}};
    if (!opened)
        details.insert(QStringLiteral("error"), m_upstream->errorString());
    LogEntry entry =
        LogEntry::local(opened ? EntryKind::State : EntryKind::Error, connectionName(), m_info.socketId,
                        QStringLiteral("%1: %2; closing the client with %3").arg(m_info.id, why).arg(int(code)),
                        compact(details));
    m_log->append(entry);
    m_downstream->close(code, reason);
    emit changed();
    emit finished();
}

}  // namespace cs::tap
