#include "logfixtures.h"

namespace cs::test {

LogEntry frameEntry(Direction dir, EntryKind kind, const QString &channel, const QString &event, const QByteArray &raw)
{
    LogEntry e;
    e.direction = dir;
    e.kind = kind;
    e.connection = QStringLiteral("main");
    e.channel = channel;
    e.event = event;
    e.raw = raw;
    e.timeMs = kFixtureTimeMs;
    return e;
}

LogEntry localEntry(EntryKind kind, const QString &message, const QByteArray &details)
{
    LogEntry e;
    e.direction = Direction::Local;
    e.kind = kind;
    e.connection = QStringLiteral("main");
    e.message = message;
    e.raw = details;
    e.timeMs = kFixtureTimeMs;
    return e;
}

LogEntry numberedEvent(quint64 i, Direction dir, EntryKind kind)
{
    const QString channel = QStringLiteral("channel-%1").arg(i % 7);
    const QString event = QStringLiteral("event-%1").arg(i % 3);
    const QByteArray raw = QStringLiteral("{\"event\":\"%1\",\"channel\":\"%2\",\"data\":\"{\\\"i\\\":%3}\"}")
                               .arg(event, channel)
                               .arg(i)
                               .toUtf8();
    LogEntry e = frameEntry(dir, kind, channel, event, raw);
    e.timeMs = kFixtureTimeMs + qint64(i);
    return e;
}

LogEntry stateEntry(const QString &message)
{
    return localEntry(EntryKind::State, message, "{\"from\":\"connecting\",\"to\":\"connected\"}");
}

QList<LogEntry> keepaliveExchange(bool clientPings)
{
    const QByteArray ping = "{\"event\":\"pusher:ping\",\"data\":{}}";
    const QByteArray pong = "{\"event\":\"pusher:pong\",\"data\":{}}";
    const QString pingName = QStringLiteral("pusher:ping");
    const QString pongName = QStringLiteral("pusher:pong");
    if (!clientPings) {
        return {frameEntry(Direction::In, EntryKind::Connection, {}, pingName, ping),
                frameEntry(Direction::Out, EntryKind::Connection, {}, pongName, pong)};
    }
    LogEntry timer = localEntry(EntryKind::Timer,
                                QStringLiteral("nothing received for 120 s: sending pusher:ping, expecting an answer "
                                               "within 30 s"),
                                "{}");
    timer.event = pingName;
    return {timer, frameEntry(Direction::Out, EntryKind::Connection, {}, pingName, ping),
            frameEntry(Direction::In, EntryKind::Connection, {}, pongName, pong)};
}

}  // namespace cs::test
