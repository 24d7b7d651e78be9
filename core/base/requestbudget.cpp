#include "requestbudget.h"

#include <cmath>

namespace cs {

RequestBudget::RequestBudget(int burst, int perSecond, QObject *parent)
    : QObject(parent),
      m_burst(qMax(1, burst)),
      m_perSecond(qMax(1, perSecond)),
      m_tokens(m_burst)
{
    m_clock.start();
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &RequestBudget::drain);
}

void RequestBudget::setLimits(int burst, int perSecond)
{
    refill();
    m_burst = qMax(1, burst);
    m_perSecond = qMax(1, perSecond);
    m_tokens = qMin<double>(m_tokens, m_burst);
}

void RequestBudget::refill()
{
    const qint64 now = m_clock.elapsed();
    m_tokens = qMin<double>(m_burst, m_tokens + double(now - m_lastRefillMs) * m_perSecond / 1000.0);
    m_lastRefillMs = now;
}

int RequestBudget::msUntilToken() const { return qMax(1, int(std::ceil((1.0 - m_tokens) * 1000.0 / m_perSecond))); }

void RequestBudget::run(std::function<void()> request)
{
    refill();
    if (m_queue.empty() && m_tokens >= 1.0) {
        m_tokens -= 1.0;
        request();
        return;
    }
    const bool starts = m_queue.empty();
    m_queue.push_back(std::move(request));
    if (starts) {
        const int delay = msUntilToken();
        m_timer.start(delay);
        Q_EMIT throttled(int(m_queue.size()), delay);
    }
}

void RequestBudget::drain()
{
    refill();
    while (!m_queue.empty() && m_tokens >= 1.0) {
        m_tokens -= 1.0;
        std::function<void()> request = std::move(m_queue.front());
        m_queue.pop_front();
        request();  // may run() again: it joins the queue behind the rest
    }
    if (!m_queue.empty())
        m_timer.start(msUntilToken());
}

void RequestBudget::dropAll()
{
    m_queue.clear();
    m_timer.stop();
}

}  // namespace cs
