#pragma once
// Frames as a Pusher server writes them, and the credentials of a server on this machine: the
// helpers every scripted-server test shares.

#include "credentials.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QString>

#include <functional>

class QWebSocket;

namespace cs::test {

inline constexpr qint64 kDefaultActivityTimeout = 120;
inline constexpr char kDefaultSocketId[] = "123.456";

// Credentials (app 1, key "key", secret "secret") for an in-process server on this machine.
Credentials localCredentials(quint16 port, bool tls = false);

// A frame as JSON text.
QString frameJson(const QJsonObject &frame);
// A channel frame as servers send it: `data` as a JSON string (an object is serialized first).
QString frameText(const QString &event, const QString &channel, const QJsonValue &data);
// pusher:connection_established; `data` is a JSON string, as servers send it.
QString handshakeText(qint64 activityTimeout = kDefaultActivityTimeout,
                      const QString &socketId = QLatin1String(kDefaultSocketId));
// pusher:error with `data` an object; a null code is what hosted Pusher sends for bad signatures.
QString errorText(const QJsonValue &code, const QString &message);

void handshake(QWebSocket *s, qint64 activityTimeout = kDefaultActivityTimeout,
               const QString &socketId = QLatin1String(kDefaultSocketId));
void pusherError(QWebSocket *s, int code, const QString &message);
// Runs `action` on `s` after `ms`, unless the socket is gone by then.
void later(QWebSocket *s, int ms, std::function<void(QWebSocket *)> action);

// The event name and `data.channel` of a frame a client sent.
QString eventOf(const QJsonObject &frame);
QString channelOf(const QJsonObject &frame);

}  // namespace cs::test
