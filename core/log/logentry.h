#pragma once
// One entry of the event log: a frame in or out, or a local decision (state change, timer, auth,
// REST call, error). Shared vocabulary of the CLI and the UI.

#include <QByteArray>
#include <QJsonValue>
#include <QString>

namespace cs {

enum class Direction : quint8 { In, Out, Local };

enum class EntryKind : quint8 {
    State,         // local: connection state transitions
    Timer,         // local: activity/pong/retry timer decisions
    Connection,    // pusher:connection_established, ping, pong
    Subscription,  // subscribe, unsubscribe, subscription_succeeded, subscription_error, cache_miss
    Presence,      // member_added, member_removed
    Event,         // channel events from the server
    ClientEvent,   // client-* events, both directions
    Signin,        // pusher:signin, signin_success
    Auth,          // local: an authorization was made or failed
    Rest,          // local: a REST request and its answer
    Error,         // pusher:error, transport and TLS errors, undecodable frames
    Api,           // local: a backend's REST call seen by the tap (core/tap), its checks and answer
    Webhook,       // local: a webhook received by the inbox (core/tap), one entry per event
    Watch,         // local: an occupancy change seen by polling the channel list (core/tap)
};
inline constexpr int kEntryKindCount = int(EntryKind::Watch) + 1;

// Where an entry comes from, for the filter's source: term and the CLI's "source" member:
// the console's own connection, a backend's API call through the REST tap, a frontend's socket
// through the WebSocket tap (connection "tap:…"), the webhook inbox, or the watcher.
enum class EntrySource : quint8 { Console, Api, Tap, Webhook, Watch };
inline constexpr int kEntrySourceCount = int(EntrySource::Watch) + 1;
inline const QLatin1StringView kTapConnectionPrefix("tap:");
EntrySource entrySource(EntryKind kind, QStringView connection);
QString entrySourceName(EntrySource s);                        // "console", "api", "tap", "webhook", "watch"
bool parseEntrySource(const QString &name, EntrySource *out);  // also "own" for console

QString directionName(Direction d);  // "in", "out", "local"
QString entryKindName(EntryKind k);  // "state", "timer", "connection", "subscription", "presence",
                                     // "event", "client-event", "signin", "auth", "rest", "error",
                                     // "api", "webhook", "watch"
bool parseDirection(const QString &name, Direction *out);
bool parseEntryKind(const QString &name, EntryKind *out);

namespace protocol {
enum class EventClass;
}
// The kind a frame's event is logged under: the codec names the topic (protocol::classifyEvent),
// the log maps it onto its own kinds.
EntryKind entryKindFor(protocol::EventClass eventClass);

struct LogEntry {
    quint64 seq = 0;    // position in the whole log since start; never reused, survives eviction
    qint64 timeMs = 0;  // ms since the epoch, UTC
    Direction direction = Direction::Local;
    EntryKind kind = EntryKind::State;
    QString connection;  // which session/connection wrote it (several may share a log)
    QString channel;
    QString event;
    QString socketId;
    QString userId;
    QByteArray raw;   // frames: the exact wire bytes; local entries: a compact JSON object with details
    QString message;  // local entries: one human line; frames: empty

    // A WebSocket frame, in or out. REST calls and auth-endpoint calls are logged in and out
    // too, but are HTTP exchanges whose `raw` holds a details object.
    static bool isFrame(Direction direction, EntryKind kind)
    {
        return direction != Direction::Local && kind != EntryKind::Rest && kind != EntryKind::Auth
               && kind != EntryKind::Api && kind != EntryKind::Webhook && kind != EntryKind::Watch;
    }
    bool isFrame() const { return isFrame(direction, kind); }
    // A local entry: a decision of this side, with its details object (compact JSON) in `raw`.
    static LogEntry local(EntryKind kind, const QString &connection, const QString &socketId, const QString &message,
                          const QByteArray &details = QByteArrayLiteral("{}"), const QString &channel = {},
                          const QString &event = {});
    // A frame received, as the codec read it: its exact bytes in `raw`, the kind the event name
    // classifies it as, and the names it carries. No message.
    static LogEntry inbound(EntryKind kind, const QString &connection, const QString &socketId, const QByteArray &raw,
                            const QString &channel = {}, const QString &event = {}, const QString &userId = {});
    // A frame received that is not a Pusher message: kind Error, the bytes as they came in `raw`,
    // and why in `message`.
    static LogEntry undecodable(const QString &connection, const QString &socketId, const QByteArray &raw,
                                const QString &message);
    // A frame about to be sent: the exact bytes that go out, and the names it carries.
    static LogEntry outbound(EntryKind kind, const QString &connection, const QString &socketId, const QByteArray &raw,
                             const QString &channel = {}, const QString &event = {});
    // Frames: the decoded `data` (JSON strings parsed, as pusher-js does). Local: the details object.
    QJsonValue data() const;
    // The JSON object that `channelscope-cli listen` prints and exports write (one NDJSON line).
    QJsonObject toJson() const;
};

}  // namespace cs
