#pragma once
// Sample log entries for the log store, filter, model, export and panel tests: one set of
// builders, so that every test speaks of the same kinds of rows.

#include "logentry.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QtTest>

namespace cs::test {

inline constexpr qint64 kFixtureTimeMs = 1700000000000LL;  // 2023-11-14T22:13:20Z

// A frame on connection "main" at kFixtureTimeMs.
LogEntry frameEntry(Direction dir, EntryKind kind, const QString &channel, const QString &event, const QByteArray &raw);
// A local entry (state, timer, auth…) on connection "main" at kFixtureTimeMs; `details` is its raw.
LogEntry localEntry(EntryKind kind, const QString &message, const QByteArray &details);
// Entry `i` of a stream of channel events: channel-<i%7>, event-<i%3>, data {"i":i}, at
// kFixtureTimeMs + i.
LogEntry numberedEvent(quint64 i, Direction dir, EntryKind kind = EntryKind::Event);
// A state change "connecting → connected" with `message`.
LogEntry stateEntry(const QString &message);
// A keepalive exchange as the connection logs it: the client's (the timer line that announces the
// ping, pusher:ping out, pusher:pong in) or the server's (pusher:ping in, pusher:pong out).
QList<LogEntry> keepaliveExchange(bool clientPings);

// Every field of `actual` equal to `expected`'s (QCOMPARE: the first difference fails the test).
inline void compareEntries(const LogEntry &actual, const LogEntry &expected)
{
    QCOMPARE(actual.seq, expected.seq);
    QCOMPARE(actual.timeMs, expected.timeMs);
    QCOMPARE(actual.direction, expected.direction);
    QCOMPARE(actual.kind, expected.kind);
    QCOMPARE(actual.connection, expected.connection);
    QCOMPARE(actual.channel, expected.channel);
    QCOMPARE(actual.event, expected.event);
    QCOMPARE(actual.socketId, expected.socketId);
    QCOMPARE(actual.userId, expected.userId);
    QCOMPARE(actual.raw, expected.raw);
    QCOMPARE(actual.message, expected.message);
}

}  // namespace cs::test
