#include "pusherframes.h"

#include <QJsonDocument>
#include <QTimer>
#include <QWebSocket>

namespace cs::test {

Credentials localCredentials(quint16 port, bool tls)
{
    Credentials c;
    c.appId = QStringLiteral("1");
    c.key = QStringLiteral("key");
    c.secret = QStringLiteral("secret");
    c.host = QStringLiteral("localhost");
    c.port = port;
    c.tls = tls;
    return c;
}

QString frameJson(const QJsonObject &frame)
{
    return QString::fromUtf8(QJsonDocument(frame).toJson(QJsonDocument::Compact));
}

QString frameText(const QString &event, const QString &channel, const QJsonValue &data)
{
    const QJsonValue text = data.isString() ? data : QJsonValue(frameJson(data.toObject()));
    return frameJson(
        {{QStringLiteral("event"), event}, {QStringLiteral("channel"), channel}, {QStringLiteral("data"), text}});
}

QString handshakeText(qint64 activityTimeout, const QString &socketId)
{
    // Written out rather than through QJsonDocument, which would sort "data" before "event":
    // the bytes are those real servers send.
    return QStringLiteral("{\"event\":\"pusher:connection_established\",\"data\":"
                          "\"{\\\"socket_id\\\":\\\"%1\\\",\\\"activity_timeout\\\":%2}\"}")
        .arg(socketId)
        .arg(activityTimeout);
}

QString errorText(const QJsonValue &code, const QString &message)
{
    return frameJson(
        {{QStringLiteral("event"), QStringLiteral("pusher:error")},
         {QStringLiteral("data"), QJsonObject{{QStringLiteral("code"), code}, {QStringLiteral("message"), message}}}});
}

void handshake(QWebSocket *s, qint64 activityTimeout, const QString &socketId)
{
    s->sendTextMessage(handshakeText(activityTimeout, socketId));
}

void pusherError(QWebSocket *s, int code, const QString &message) { s->sendTextMessage(errorText(code, message)); }

void later(QWebSocket *s, int ms, std::function<void(QWebSocket *)> action)
{
    // The socket is the context: the timer dies with it.
    QTimer::singleShot(ms, s, [s, action = std::move(action)] { action(s); });
}

QString eventOf(const QJsonObject &frame) { return frame.value(QStringLiteral("event")).toString(); }

QString channelOf(const QJsonObject &frame)
{
    const QJsonValue top = frame.value(QStringLiteral("channel"));
    return top.isString() ? top.toString()
                          : frame.value(QStringLiteral("data")).toObject().value(QStringLiteral("channel")).toString();
}

}  // namespace cs::test
