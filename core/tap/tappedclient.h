#pragma once
// One frontend's socket through the WebSocket tap: its own upstream connection to the real
// server (same path and query), every frame relayed unchanged and in order both ways, close
// codes passed through both ways, and every frame logged under connection "tap:<id>" with the
// client's socket id and user id once known. Signatures in pusher:subscribe and pusher:signin
// (made by the frontend's auth endpoint) are checked against the profile with the explainer and
// logged before the frame goes on, so the verdict comes before the server's answer.

#include "credentials.h"

#include <QObject>
#include <QStringList>
#include <QUrl>

class QWebSocket;

namespace cs {
class LogStore;
}

namespace cs::tap {

struct TappedClientInfo {
    QString id;  // "t1"
    QString socketId;
    QString userId;
    QString clientName;    // the "client" query value (pusher-js: "js")
    QString version;       // the "version" query value
    QStringList channels;  // subscribed (the server said so), in order
    qint64 framesIn = 0;   // server to client
    qint64 framesOut = 0;  // client to server
    bool open = true;
};

class TappedClient : public QObject {
    Q_OBJECT

public:
    // Takes `downstream` (the frontend's accepted socket) as a child.
    TappedClient(const QString &id, QWebSocket *downstream, const QUrl &upstreamOrigin, const Credentials &credentials,
                 LogStore *log, QObject *parent = nullptr);
    ~TappedClient() override;

    const TappedClientInfo &info() const { return m_info; }
    QString connectionName() const;

signals:
    void changed();   // socket id, user, channels, counts or state
    void finished();  // both sides are closed; the tap deletes this object later

private:
    void fromClient(const QString &text);
    void fromServer(const QString &text);
    void checkSignature(const QByteArray &raw);
    void clientClosed();
    void serverClosed();
    void logLocal(const QString &message, const QJsonObject &details, const QString &channel = {});

    TappedClientInfo m_info;
    Credentials m_credentials;
    LogStore *m_log;
    QWebSocket *m_downstream;
    QWebSocket *m_upstream;
    QStringList m_pending;  // from the client before the upstream opened
    bool m_upstreamOpen = false;
    bool m_done = false;
};

}  // namespace cs::tap
