#pragma once
// What a backend's HTTP request to the Pusher REST API means (docs/protocol.md, "REST"):
// a trigger, a batch (one call per event), a channel list or channel query, a user list, a
// terminate, or anything else as raw HTTP. Untrusted bytes: a body that is not JSON is kept as
// received and the call is still forwarded.

#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringList>

namespace cs::tap {

struct ApiCall {
    QString call;  // "trigger", "batch", "channels", "channel", "users", "terminate", "http"
    QStringList channels;
    QString event;
    QJsonValue data;   // as sent: the string, or whatever JSON the body held
    QString socketId;  // excluded from delivery
    QString info;
    QString userId;  // terminate
    int batchIndex = -1;
    QString problem;  // why the body could not be read, when it could not

    // One line: "trigger order-created on private-user.42, orders"
    QString summary() const;
    QJsonObject toJson() const;
};

// `path` percent-decoded; the app's part is found after "/apps/<id>" (a path prefix may come first).
QList<ApiCall> decodeApiCall(const QByteArray &method, const QString &path, const QByteArray &body);

// The names of `occupied` closest to `channel` (separators and case ignored first, then edit
// distance), best first, at most `limit`; empty when none is close.
QStringList closestChannels(const QString &channel, const QStringList &occupied, int limit = 3);

}  // namespace cs::tap
