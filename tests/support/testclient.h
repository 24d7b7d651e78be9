#pragma once
// One of our sessions on its own log, as the integration, interop and GUI tests use it: it
// connects, subscribes and waits, and remembers every event it receives. Fixture: the same,
// lighter, for the tests against a FakePusherServer.

#include "logstore.h"
#include "session.h"

#include <QJsonValue>
#include <QList>
#include <QTest>

#include <functional>
#include <memory>

namespace cs::test {

struct Received {
    QString channel, event, userId;
    QJsonValue data;
};

struct TestClient {
    static constexpr int kWaitMs = 15000;

    LogStore log;
    std::unique_ptr<Session> session;
    QList<Received> events;

    explicit TestClient(const Credentials &credentials, const QString &name = QStringLiteral("test"))
        : session(std::make_unique<Session>(credentials, &log, name))
    {
        QObject::connect(session->channels(), &ChannelRegistry::eventReceived, session.get(),
                         [this](const QString &channel, const QString &event, const EventData &data,
                                const QString &userId) {
                             events.append({channel, event, userId, data.value()});
                         });
    }

    ChannelRegistry *channels() const { return session->channels(); }
    Connection *connection() const { return session->connection(); }

    bool connect()
    {
        connection()->open();
        return QTest::qWaitFor([this] { return connection()->state() == ConnectionState::Connected; }, kWaitMs);
    }
    SubscriptionState stateOf(const QString &channel) const
    {
        const Subscription *s = channels()->subscription(channel);
        return s ? s->state : SubscriptionState::Unsubscribed;
    }
    bool subscribe(const QString &channel, const PresenceIdentity &identity = {})
    {
        if (!channels()->subscribe(channel, identity))
            return false;
        return QTest::qWaitFor([&] { return stateOf(channel) == SubscriptionState::Subscribed; }, kWaitMs);
    }
    const Received *find(const QString &channel, const QString &event) const
    {
        for (const Received &r : events)
            if (r.channel == channel && r.event == event)
                return &r;
        return nullptr;
    }
    // The first such event, once it has arrived; null when it did not in time.
    const Received *waitForEvent(const QString &channel, const QString &event, int timeoutMs = kWaitMs)
    {
        (void)QTest::qWaitFor([&] { return find(channel, event) != nullptr; }, timeoutMs);
        return find(channel, event);
    }
    // Published log entries that match.
    QList<LogEntry> entries(const std::function<bool(const LogEntry &)> &match)
    {
        log.flush();
        QList<LogEntry> out;
        for (qsizetype i = 0; i < log.size(); ++i)
            if (const LogEntry e = log.at(i); match(e))
                out << e;
        return out;
    }
};

// A session on its own log, for the scripted-server tests: lighter than TestClient, and it counts
// log entries by kind and text.
struct Fixture {
    LogStore log;
    Session session;
    explicit Fixture(const Credentials &c) : session(c, &log, QStringLiteral("hostile")) {}
    Connection *connection() { return session.connection(); }
    // The log entries of `kind` whose message contains `text`.
    int logCount(EntryKind kind, const QString &text)
    {
        log.flush();
        int count = 0;
        for (qsizetype i = 0; i < log.size(); ++i) {
            const LogEntry e = log.at(i);
            count += e.kind == kind && e.message.contains(text);
        }
        return count;
    }
    bool logHas(EntryKind kind, const QString &text) { return logCount(kind, text) > 0; }
};

}  // namespace cs::test
