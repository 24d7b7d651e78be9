#pragma once
// The webhook inbox: a loopback HTTP listener for the server's webhooks (docs/protocol.md,
// "Webhooks"). Each POST is checked (X-Pusher-Key is the profile's key, X-Pusher-Signature the
// HMAC-SHA256 of the body with its secret) and every event of its body is logged (kind Webhook,
// connection "webhook"). It answers 200, or a chosen error status, or nothing at all (to see the
// server's retries), and can forward each webhook to the user's real URL, logging that answer.

#include "credentials.h"
#include "httplistener.h"
#include "result.h"

#include <QObject>
#include <QUrl>

class QNetworkAccessManager;

namespace cs {
class LogStore;
}

namespace cs::tap {

inline const QLatin1StringView kWebhookConnection("webhook");

class WebhookInbox : public QObject {
    Q_OBJECT

public:
    static constexpr int kNoAnswer = 0;  // answerStatus: never answer (the server times out)

    WebhookInbox(const Credentials &credentials, LogStore *log, QObject *parent = nullptr);
    ~WebhookInbox() override;

    Status listen(const QHostAddress &address, quint16 port);
    void close();
    bool isListening() const;
    quint16 port() const;

    void setAnswerStatus(int status) { m_status = status; }  // 200 by default; kNoAnswer: time out
    int answerStatus() const { return m_status; }
    void setForwardUrl(const QUrl &url) { m_forward = url; }  // empty: no forwarding
    QUrl forwardUrl() const { return m_forward; }

signals:
    void received(int events, bool signatureValid);  // once per webhook POST, after logging it

private:
    void handle(const HttpRequest &request, HttpListener::Respond respond);

    Credentials m_credentials;
    LogStore *m_log;
    HttpListener m_listener;
    QNetworkAccessManager *m_network;
    int m_status = 200;
    QUrl m_forward;
};

}  // namespace cs::tap
