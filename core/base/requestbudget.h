#pragma once
// A token bucket in front of requests that a server can provoke (authorizations at the user's
// auth endpoint, subscribe frames): a burst at once, then a steady rate. Requests over the
// budget wait their turn in order, so no server behaviour turns into more than a handful of
// requests a second. The owner logs `throttled` with why.

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <deque>
#include <functional>

namespace cs {

class RequestBudget : public QObject {
    Q_OBJECT
public:
    static constexpr int kDefaultBurst = 10;
    static constexpr int kDefaultPerSecond = 5;

    explicit RequestBudget(int burst = kDefaultBurst, int perSecond = kDefaultPerSecond, QObject *parent = nullptr);

    // Runs `request` now when the budget allows (before this returns), else queues it to run
    // later on this object's thread, in order. Exactly once either way, unless dropAll() or the
    // destruction of this object comes first.
    void run(std::function<void()> request);
    void dropAll();  // queued requests never run
    int queued() const { return int(m_queue.size()); }
    int burst() const { return m_burst; }
    int perSecond() const { return m_perSecond; }
    void setLimits(int burst, int perSecond);

Q_SIGNALS:
    // A request had to wait: `queued` now wait, the first of them in `delayMs`. Emitted when a
    // queue starts, not for every request that joins it.
    void throttled(int queued, int delayMs);

private:
    void refill();
    void drain();
    int msUntilToken() const;

    int m_burst;
    int m_perSecond;
    double m_tokens;
    QElapsedTimer m_clock;
    qint64 m_lastRefillMs = 0;
    std::deque<std::function<void()>> m_queue;
    QTimer m_timer;
};

}  // namespace cs
