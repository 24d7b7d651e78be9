#pragma once
// The HTTP REST API (docs/protocol.md, "REST API"): trigger, batch, channel queries, presence users,
// terminate a user's connections. The body bytes that are signed are the bytes sent. Every
// request and its answer (status, body, duration) goes into the log; the secret never does.

#include "credentials.h"
#include "result.h"
#include "signer.h"

#include <QJsonValue>
#include <QObject>
#include <QPointer>

#include <functional>

class QNetworkAccessManager;

namespace cs {

class LogStore;

struct RestResponse {
    int status = 0;      // HTTP status; 0 when no HTTP answer came. An error code the server
                         // put in a 2xx body ({"error":…,"code":401}) counts as the status.
    int httpStatus = 0;  // the status line itself
    QByteArray body;
    QJsonValue json;       // parsed body when it is JSON, else undefined
    QString networkError;  // connection refused, TLS, timeout… (empty when HTTP answered)
    qint64 durationMs = 0;
    QString method;
    QString path;  // path without the query

    bool ok() const { return networkError.isEmpty() && status >= 200 && status < 300; }
    // "HTTP 401: The secret authentication failed" / "connection refused (127.0.0.1:6001)"
    QString errorMessage() const;
};

struct TriggerRequest {
    QStringList channels;  // 1 to 100
    QString event;         // name
    QString data;          // sent as is (a string, usually JSON text)
    QString socketId;      // excluded recipient, optional
    QStringList info;      // e.g. user_count, subscription_count
};

struct BatchEvent {
    QString channel;
    QString event;
    QString data;
    QString socketId;
    QStringList info;
};

class RestClient : public QObject {
    Q_OBJECT
public:
    using Callback = std::function<void(const RestResponse &)>;
    // Answers larger than this are refused (a channel listing of thousands is well below it).
    static constexpr qint64 kMaxAnswerBytes = qint64(8) << 20;

    // `log` may be null. `name` tags the log entries.
    RestClient(const Credentials &credentials, LogStore *log, QString name = {}, QObject *parent = nullptr);
    ~RestClient() override;

    void setCredentials(const Credentials &credentials);
    void setClock(std::function<qint64()> secondsSinceEpoch);  // for tests
    void setTimeoutMs(int ms);                                 // default 15000

    // Every call answers through its callback: exactly once, on this object's thread, and never
    // before the call returns (not at all if the client is destroyed first). Validation errors
    // (no channel, > 100 channels, bad names, encrypted channel among several, > 10 batch
    // events…) are reported that way too, without a request.
    void trigger(const TriggerRequest &request, Callback callback);
    void batch(const QList<BatchEvent> &events, Callback callback);
    void channels(const QString &prefix, const QStringList &info, Callback callback);
    void channel(const QString &name, const QStringList &info, Callback callback);
    void users(const QString &channel, Callback callback);
    void terminateUserConnections(const QString &userId, Callback callback);

    // Signed request to {pathPrefix}/apps/{id}{subPath}; body empty for GET.
    void send(const QByteArray &method, const QString &subPath, const signer::QueryParams &params,
              const QByteArray &body, Callback callback);

    // Exactly the JSON body trigger() sends: {"name":…,"data":…,"channels":[…][,"socket_id":…][,"info":…]}
    static QByteArray triggerBody(const TriggerRequest &request);
    static QByteArray batchBody(const QList<BatchEvent> &events);
    static Status validate(const TriggerRequest &request);
    static Status validate(const QList<BatchEvent> &events);  // 1 to 10 events, valid names
    // Valid but risky: data over 10 KB (hosted Pusher's limit; soketi allows 100 KB), channel
    // names over 164 characters. Logged with the request; the server decides.
    static QStringList warnings(const TriggerRequest &request);

private:
    // What a call concerns, for the channel/event/user columns of its log entries.
    struct CallContext {
        QString channel;
        QString event;
        QString userId;
    };

    void dispatch(const QByteArray &method, const QString &subPath, const signer::QueryParams &params,
                  const QByteArray &body, const CallContext &context, const QStringList &warnings, Callback callback);
    void reportLocalFailure(const QByteArray &method, const QString &subPath, const Error &error,
                            const Callback &callback);
    void reportLocalFailure(const QByteArray &method, const QString &subPath, const Error &error,
                            const CallContext &context, const Callback &callback);
    void logRequest(const QByteArray &method, const QUrl &url, const QByteArray &body, const QByteArray &stringToSign,
                    const CallContext &context, const QStringList &warnings);
    void logAnswer(const RestResponse &response, const QString &reasonPhrase, const CallContext &context);

    Credentials m_credentials;
    QPointer<LogStore> m_log;
    QString m_name;
    QNetworkAccessManager *m_nam;
    std::function<qint64()> m_clock;
    int m_timeoutMs = 15000;
};

}  // namespace cs
