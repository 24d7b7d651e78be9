#pragma once
// The REST tap: a loopback HTTP listener that a backend's Pusher SDK uses instead of the REST
// host. Each request is forwarded as received (method, path, query, body, headers but framing)
// to the profile's real REST host and the answer goes back unchanged. Every exchange is logged
// (kind Api, connection "api"): the call decoded (apicall.h) with its signature checked against
// the profile (restcheck.h), the server's answer with its duration, and for each triggered
// channel whether anything was subscribed there, from the tapped sockets and a channel query,
// with the closest occupied names when nothing was.

#include "credentials.h"
#include "httplistener.h"
#include "result.h"

#include <QElapsedTimer>
#include <QObject>
#include <QStringList>

#include <functional>

class QNetworkAccessManager;
class QNetworkReply;

namespace cs {
class LogStore;
}

namespace cs::tap {

struct ApiCall;

inline const QLatin1StringView kApiConnection("api");

class RestTap : public QObject {
    Q_OBJECT

public:
    RestTap(const Credentials &credentials, LogStore *log, QObject *parent = nullptr);
    ~RestTap() override;

    // Port 0 picks a free one. Fails (code Socket) saying why, e.g. the port is in use.
    Status listen(const QHostAddress &address, quint16 port);
    void close();
    bool isListening() const;
    quint16 port() const;

    // The channels the tapped sockets are subscribed to now (the WebSocket tap's view).
    void setTappedChannels(std::function<QStringList()> channels) { m_tappedChannels = std::move(channels); }
    // For tests: the clock that auth_timestamp is compared with.
    void setClock(std::function<qint64()> secondsSinceEpoch) { m_clock = std::move(secondsSinceEpoch); }

signals:
    // After the answer went back to the backend and was logged; once per request.
    void exchanged(int status);

private:
    void handle(const HttpRequest &request, HttpListener::Respond respond);
    void logCalls(const HttpRequest &request, const QList<ApiCall> &calls);
    void checkOccupancy(const QStringList &channels);
    void reportOccupancy(const QStringList &channels, const QStringList &listed, bool serverAnswered);

    Credentials m_credentials;
    LogStore *m_log;
    HttpListener m_listener;
    QNetworkAccessManager *m_network;
    std::function<QStringList()> m_tappedChannels;
    std::function<qint64()> m_clock;
};

}  // namespace cs::tap
