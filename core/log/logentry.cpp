#include "logentry.h"

#include "protocol.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <array>

namespace cs {

namespace {

const std::array<QLatin1StringView, 3> kDirectionNames{QLatin1StringView("in"), QLatin1StringView("out"),
                                                       QLatin1StringView("local")};

// Indexed by EntryKind; the order must follow the enum.
const std::array<QLatin1StringView, kEntryKindCount> kKindNames{
    QLatin1StringView("state"),        QLatin1StringView("timer"),    QLatin1StringView("connection"),
    QLatin1StringView("subscription"), QLatin1StringView("presence"), QLatin1StringView("event"),
    QLatin1StringView("client-event"), QLatin1StringView("signin"),   QLatin1StringView("auth"),
    QLatin1StringView("rest"),         QLatin1StringView("error"),    QLatin1StringView("api"),
    QLatin1StringView("webhook"),      QLatin1StringView("watch")};

const std::array<QLatin1StringView, kEntrySourceCount> kSourceNames{QLatin1StringView("console"),
                                                                    QLatin1StringView("api"), QLatin1StringView("tap"),
                                                                    QLatin1StringView("webhook"),
                                                                    QLatin1StringView("watch")};

// Names are matched without regard to case: they are typed into filters and CLI options.
template <typename Enum, std::size_t N>
bool parseName(const std::array<QLatin1StringView, N> &names, const QString &name, Enum *out)
{
    for (std::size_t i = 0; i < N; ++i) {
        if (name.compare(names[i], Qt::CaseInsensitive) == 0) {
            if (out)
                *out = Enum(i);
            return true;
        }
    }
    return false;
}

// Local details are a compact JSON object (or array); anything else has no data.
QJsonValue localDetails(const QByteArray &raw)
{
    if (raw.isEmpty())
        return QJsonValue(QJsonValue::Undefined);
    const QJsonDocument doc = QJsonDocument::fromJson(raw);
    if (doc.isObject())
        return doc.object();
    if (doc.isArray())
        return doc.array();
    return QJsonValue(QJsonValue::Undefined);
}

void insertIfNotEmpty(QJsonObject &object, QLatin1StringView key, const QString &value)
{
    if (!value.isEmpty())
        object.insert(key, value);
}

}  // namespace

QString directionName(Direction d)
{
    const auto i = std::size_t(d);
    return i < kDirectionNames.size() ? QString(kDirectionNames[i]) : QString();
}

QString entryKindName(EntryKind k)
{
    const auto i = std::size_t(k);
    return i < kKindNames.size() ? QString(kKindNames[i]) : QString();
}

bool parseDirection(const QString &name, Direction *out) { return parseName(kDirectionNames, name, out); }

bool parseEntryKind(const QString &name, EntryKind *out) { return parseName(kKindNames, name, out); }

EntrySource entrySource(EntryKind kind, QStringView connection)
{
    switch (kind) {
    case EntryKind::Api: return EntrySource::Api;
    case EntryKind::Webhook: return EntrySource::Webhook;
    case EntryKind::Watch: return EntrySource::Watch;
    default: break;
    }
    return connection.startsWith(kTapConnectionPrefix) ? EntrySource::Tap : EntrySource::Console;
}

QString entrySourceName(EntrySource s)
{
    const auto i = std::size_t(s);
    return i < kSourceNames.size() ? QString(kSourceNames[i]) : QString();
}

bool parseEntrySource(const QString &name, EntrySource *out)
{
    if (name.compare(QLatin1StringView("own"), Qt::CaseInsensitive) == 0) {
        if (out)
            *out = EntrySource::Console;
        return true;
    }
    return parseName(kSourceNames, name, out);
}

namespace {

// The fields every named constructor sets; each adds what is its own.
LogEntry entryOf(Direction direction, EntryKind kind, const QString &connection, const QString &socketId,
                 const QByteArray &raw, const QString &channel, const QString &event)
{
    LogEntry entry;
    entry.direction = direction;
    entry.kind = kind;
    entry.connection = connection;
    entry.socketId = socketId;
    entry.channel = channel;
    entry.event = event;
    entry.raw = raw;
    return entry;
}

}  // namespace

LogEntry LogEntry::local(EntryKind kind, const QString &connection, const QString &socketId, const QString &message,
                         const QByteArray &details, const QString &channel, const QString &event)
{
    LogEntry entry = entryOf(Direction::Local, kind, connection, socketId, details, channel, event);
    entry.message = message;
    return entry;
}

EntryKind entryKindFor(protocol::EventClass eventClass)
{
    switch (eventClass) {
    case protocol::EventClass::Connection: return EntryKind::Connection;
    case protocol::EventClass::Subscription: return EntryKind::Subscription;
    case protocol::EventClass::Presence: return EntryKind::Presence;
    case protocol::EventClass::Signin: return EntryKind::Signin;
    case protocol::EventClass::Error: return EntryKind::Error;
    case protocol::EventClass::ClientEvent: return EntryKind::ClientEvent;
    case protocol::EventClass::ChannelEvent: break;
    }
    return EntryKind::Event;
}

LogEntry LogEntry::inbound(EntryKind kind, const QString &connection, const QString &socketId, const QByteArray &raw,
                           const QString &channel, const QString &event, const QString &userId)
{
    LogEntry entry = entryOf(Direction::In, kind, connection, socketId, raw, channel, event);
    entry.userId = userId;
    return entry;
}

LogEntry LogEntry::undecodable(const QString &connection, const QString &socketId, const QByteArray &raw,
                               const QString &message)
{
    LogEntry entry = inbound(EntryKind::Error, connection, socketId, raw);
    entry.message = message;
    return entry;
}

LogEntry LogEntry::outbound(EntryKind kind, const QString &connection, const QString &socketId, const QByteArray &raw,
                            const QString &channel, const QString &event)
{
    return entryOf(Direction::Out, kind, connection, socketId, raw, channel, event);
}

QJsonValue LogEntry::data() const
{
    if (!isFrame())
        return localDetails(raw);
    const Result<protocol::Frame> frame = protocol::parseFrame(raw);
    return frame ? frame->data : QJsonValue(QJsonValue::Undefined);
}

QJsonObject LogEntry::toJson() const
{
    QJsonObject object;
    object.insert(QLatin1StringView("seq"), qint64(seq));
    object.insert(QLatin1StringView("time"),
                  QDateTime::fromMSecsSinceEpoch(timeMs, Qt::UTC).toString(Qt::ISODateWithMs));
    object.insert(QLatin1StringView("dir"), directionName(direction));
    object.insert(QLatin1StringView("kind"), entryKindName(kind));
    object.insert(QLatin1StringView("connection"), connection);
    insertIfNotEmpty(object, QLatin1StringView("channel"), channel);
    insertIfNotEmpty(object, QLatin1StringView("event"), event);
    const QJsonValue value = data();
    if (!value.isUndefined())
        object.insert(QLatin1StringView("data"), value);
    insertIfNotEmpty(object, QLatin1StringView("user_id"), userId);
    insertIfNotEmpty(object, QLatin1StringView("socket_id"), socketId);
    if (isFrame())
        object.insert(QLatin1StringView("raw"), QString::fromUtf8(raw));
    else
        object.insert(QLatin1StringView("message"), message);
    // Entries of the tap, the inbox and the watcher say so; the console's own keep their shape.
    const EntrySource source = entrySource(kind, connection);
    if (source != EntrySource::Console) {
        object.insert(QLatin1StringView("source"), entrySourceName(source));
        if (source == EntrySource::Tap)
            object.insert(QLatin1StringView("client"), connection.mid(kTapConnectionPrefix.size()));
        if (value.isObject() && value.toObject().contains(QLatin1StringView("signature")))
            object.insert(QLatin1StringView("signature"), value.toObject().value(QLatin1StringView("signature")));
    }
    return object;
}

}  // namespace cs
