#pragma once
// The delivery matrix (issue 13): for one trigger sent from the console (a REST trigger with or
// without socket_id exclusion, a batch, a client event from one client, a send-to-user), which
// client of a ClientSet was expected to receive it, which did, how long it took (trigger sent →
// frame read, the time the reader thread logged the frame) and what was a surprise.
//
// Expectations are taken when the trigger is sent, from each client's own view: connected,
// subscribed (or signed in as the user a #server-to-user- channel names), not the excluded
// socket, not the sender of a client event. Receipts are the inbound frames in the shared log
// (LogEntry::connection is the client's name) that carry the trigger's channel and event.

#include "restclient.h"
#include "result.h"

#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QTimer>

namespace cs {

class Client;
class ClientSet;

// One client × one delivery target (a channel and event of the trigger).
struct DeliveryCell {
    QString client;
    QString socketId;  // when the trigger was sent
    QString userId;    // the client's presence identity
    QString channel;
    QString event;
    bool expected = false;
    QString why;            // "subscribed", "not subscribed", "excluded by socket_id", "sender", "not connected"
    int received = 0;       // matching frames read
    qint64 latencyMs = -1;  // of the first one; -1 when none came
    QStringList surprises;  // "duplicate", "echoed to sender", "excluded but received", …

    QJsonObject toJson() const;
};

class DeliveryTracker : public QObject {
    Q_OBJECT
public:
    enum class Mode { Trigger, Batch, ClientEvent, SendToUser };

    explicit DeliveryTracker(ClientSet *clients, QObject *parent = nullptr);

    // Each call ends a check still running (without finished()), computes the expectations, sends,
    // and ends in finished() exactly once, never before it returns: when every expected client
    // got it and nothing more came within settleMs, when the timeout ends, or when sending failed
    // (sendError() then says why). `via` sends the REST calls (any session's REST client).
    void trigger(RestClient *via, const TriggerRequest &request);
    void batch(RestClient *via, const QList<BatchEvent> &events);
    void sendToUser(RestClient *via, const QString &userId, const QString &event, const QString &data);
    void clientEvent(Client *sender, const QString &channel, const QString &event, const QJsonValue &data);

    void setTimeoutMs(int ms)
    {
        m_timeoutMs = ms;
    }  // default 5000: a subscribed client that got nothing by then missed it
    void setSettleMs(int ms)
    {
        m_settleMs = ms;
    }  // default 300: how long to wait for duplicates after the last expected
    int timeoutMs() const { return m_timeoutMs; }

    bool isRunning() const { return m_running; }
    Mode mode() const { return m_mode; }
    QString sender() const { return m_sender; }
    const QList<DeliveryCell> &cells() const { return m_cells; }
    int surpriseCount() const;
    std::optional<Error> sendError() const { return m_sendError; }
    // {"mode", "sender"?, "sent_at", "timeout_ms", "clients":[cell…], "surprises", "error"?}
    QJsonObject toJson() const;

    static QString modeName(Mode mode);  // "trigger", "batch", "client-event", "send-to-user"

Q_SIGNALS:
    void started();
    void cellChanged(int index);  // a frame arrived for cells()[index]
    void finished();              // once per check; cells() then hold the final verdict

private:
    struct Target {
        QString channel;
        QString event;
        QString excludedSocketId;
    };
    void begin(Mode mode, const QList<Target> &targets, const QString &sender);
    void onAppended(qsizetype first, qsizetype count);
    void onRestAnswer(const RestResponse &response);
    void maybeSettle();
    void finish();

    ClientSet *m_clients;
    Mode m_mode = Mode::Trigger;
    QString m_sender;  // the client event's sender
    QList<DeliveryCell> m_cells;
    qint64 m_sentAtMs = 0;
    quint64 m_firstSeq = 0;  // log entries before this belong to earlier checks
    quint64 m_generation = 0;
    bool m_running = false;
    int m_timeoutMs = 5000;
    int m_settleMs = 300;
    std::optional<Error> m_sendError;
    QTimer m_timeout;
    QTimer m_settle;
};

}  // namespace cs
