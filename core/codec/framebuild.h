#pragma once
// Outbound frames, shaped exactly as pusher-js sends them (docs/protocol.md, "Messages"): the
// members in pusher-js's order and data as an object, so that a server sees what it would see
// from pusher-js and a signature covers the bytes that leave.

#include <QByteArray>
#include <QJsonValue>
#include <QString>

namespace cs::protocol {

QByteArray buildSubscribe(const QString &channel, const QByteArray &auth = {}, const QByteArray &channelData = {});
QByteArray buildUnsubscribe(const QString &channel);
QByteArray buildPing();
QByteArray buildPong();
QByteArray buildSignin(const QByteArray &auth, const QByteArray &userData);
QByteArray buildClientEvent(const QString &channel, const QString &event, const QJsonValue &data);

}  // namespace cs::protocol
