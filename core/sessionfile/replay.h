#pragma once
// Replay: events of a log (an opened session file or the live log) sent again, in their order,
// either at once one after the other or with their original spacing in time.
//
// What can be sent again: channel events received (an Event frame in), client events (frames in
// or out) and REST triggers (the request entry of POST …/events). Everything else (protocol
// frames, state, auth…) is left out and counted. Events of encrypted channels are left out too:
// the log holds their ciphertext, which the server would only wrap again.

#include "logentry.h"
#include "restclient.h"
#include "result.h"

#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QTimer>

namespace cs {
class ChannelRegistry;
}

namespace cs::replay {

enum class Timing { Fast, Original };
// "fast", "original"; nullopt for anything else.
std::optional<Timing> timingFromName(const QString &name);

struct Item {
    quint64 seq = 0;    // the entry it came from
    qint64 timeMs = 0;  // when it happened then
    QStringList channels;
    QString event;
    QString data;  // the data as it was sent (a string, usually JSON text)
    bool clientEvent = false;
};

struct Plan {
    QList<Item> items;
    int skipped = 0;  // entries that are not events to send again
};

struct PlanOptions {
    bool clientEvents = true;  // false: client events are left out (REST cannot send them as a client)
};

// The item an entry stands for, or nullopt when it is not one (see above).
std::optional<Item> itemFor(const LogEntry &entry);
Plan plan(const QList<LogEntry> &entries, const PlanOptions &options = {});

// Sends a plan's items one by one: each waits for the previous one's answer (so the server sees
// them in order) and, with Timing::Original, for its original offset from the first item.
// Channel events and REST triggers go through `rest` as triggers; client events through
// `clientEvents` (a connected session's registry) when given, else they fail with NoSession.
class Replayer : public QObject {
    Q_OBJECT
public:
    Replayer(RestClient *rest, ChannelRegistry *clientEvents = nullptr, QObject *parent = nullptr);

    // Starts sending; nothing is sent before this returns. An empty plan just finishes (0, 0).
    void start(const QList<Item> &items, Timing timing);
    void cancel();  // stops after the item in flight; finished() follows
    bool isRunning() const { return m_running; }

Q_SIGNALS:
    // After each item, in order: its index in the plan and whether the server took it.
    void itemSent(int index, const cs::Status &result);
    // Once per start(): how many were sent and how many failed (cancelled items count as neither).
    void finished(int sent, int failed);

private:
    void sendNext();
    void onAnswer(const Status &result);
    void end();

    QPointer<RestClient> m_rest;
    QPointer<ChannelRegistry> m_clientEvents;
    QList<Item> m_items;
    Timing m_timing = Timing::Fast;
    QElapsedTimer m_clock;
    QTimer m_wait;
    int m_next = 0;
    int m_sent = 0;
    int m_failed = 0;
    bool m_running = false;
    bool m_cancelled = false;
};

}  // namespace cs::replay
