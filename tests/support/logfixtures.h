#pragma once
// Sample log entries for the log store, filter, model, export and panel tests: one set of
// builders, so that every test speaks of the same kinds of rows.

#include "logentry.h"

#include <QByteArray>
#include <QList>
#include <QString>

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

}  // namespace cs::test
