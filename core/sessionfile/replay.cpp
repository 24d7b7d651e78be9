#include "replay.h"

#include "channels.h"
#include "deliverlater.h"
#include "names.h"
#include "protocol.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>

#include <algorithm>
#include <limits>

namespace cs::replay {

namespace {

// The data member as it was sent: the string itself, or an object's JSON text.
QString sentData(const protocol::Frame &frame)
{
    if (frame.encoding == protocol::DataEncoding::JsonString || frame.encoding == protocol::DataEncoding::PlainString)
        return frame.dataString;
    if (frame.data.isObject())
        return QString::fromUtf8(QJsonDocument(frame.data.toObject()).toJson(QJsonDocument::Compact));
    if (frame.data.isArray())
        return QString::fromUtf8(QJsonDocument(frame.data.toArray()).toJson(QJsonDocument::Compact));
    if (frame.data.isUndefined())
        return {};
    // A number, bool or null: its JSON text.
    const QByteArray wrapped = QJsonDocument(QJsonArray{frame.data}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(wrapped.mid(1, wrapped.size() - 2));
}

bool isEncrypted(const QString &channel) { return channel.startsWith(QLatin1StringView("private-encrypted-")); }

std::optional<Item> fromFrame(const LogEntry &entry)
{
    const bool channelEvent = entry.kind == EntryKind::Event && entry.direction == Direction::In;
    if ((!channelEvent && entry.kind != EntryKind::ClientEvent) || entry.channel.isEmpty()
        || isEncrypted(entry.channel))
        return std::nullopt;
    const Result<protocol::Frame> frame = protocol::parseFrame(entry.raw);
    if (!frame || frame->channel.isEmpty())
        return std::nullopt;
    Item item;
    item.channels = {frame->channel};
    item.event = frame->event;
    item.data = sentData(*frame);
    item.clientEvent = entry.kind == EntryKind::ClientEvent;
    return item;
}

// The request entry of a REST trigger (POST …/events): its body names the event and channels.
std::optional<Item> fromRestTrigger(const LogEntry &entry)
{
    if (entry.kind != EntryKind::Rest || entry.direction != Direction::Out)
        return std::nullopt;
    const QJsonObject details = entry.data().toObject();
    const QUrl url(details.value(QLatin1StringView("url")).toString());
    if (details.value(QLatin1StringView("method")).toString() != QLatin1StringView("POST")
        || !url.path().endsWith(QLatin1StringView("/events")))
        return std::nullopt;
    const QJsonObject body =
        QJsonDocument::fromJson(details.value(QLatin1StringView("body")).toString().toUtf8()).object();
    Item item;
    item.event = body.value(QLatin1StringView("name")).toString();
    item.data = body.value(QLatin1StringView("data")).toString();
    if (const QJsonValue one = body.value(QLatin1StringView("channel")); one.isString())
        item.channels = {one.toString()};
    for (const QJsonValue &channel : body.value(QLatin1StringView("channels")).toArray())
        item.channels.append(channel.toString());
    item.channels.removeAll(QString());
    if (item.event.isEmpty() || item.channels.isEmpty()
        || std::any_of(item.channels.cbegin(), item.channels.cend(), isEncrypted))
        return std::nullopt;
    return item;
}

}  // namespace

std::optional<Timing> timingFromName(const QString &name)
{
    if (name == QLatin1StringView("fast"))
        return Timing::Fast;
    if (name == QLatin1StringView("original"))
        return Timing::Original;
    return std::nullopt;
}

std::optional<Item> itemFor(const LogEntry &entry)
{
    std::optional<Item> item =
        LogEntry::isFrame(entry.direction, entry.kind) ? fromFrame(entry) : fromRestTrigger(entry);
    if (item) {
        item->seq = entry.seq;
        item->timeMs = entry.timeMs;
    }
    return item;
}

Plan plan(const QList<LogEntry> &entries, const PlanOptions &options)
{
    Plan result;
    for (const LogEntry &entry : entries) {
        std::optional<Item> item = itemFor(entry);
        if (item && (options.clientEvents || !item->clientEvent))
            result.items.append(std::move(*item));
        else
            ++result.skipped;
    }
    return result;
}

Replayer::Replayer(RestClient *rest, ChannelRegistry *clientEvents, QObject *parent)
    : QObject(parent),
      m_rest(rest),
      m_clientEvents(clientEvents)
{
    m_wait.setSingleShot(true);
    connect(&m_wait, &QTimer::timeout, this, &Replayer::sendNext);
}

void Replayer::start(const QList<Item> &items, Timing timing)
{
    m_items = items;
    m_timing = timing;
    m_next = m_sent = m_failed = 0;
    m_cancelled = false;
    m_running = true;
    m_clock.start();
    m_wait.start(0);  // never before start() returns
}

void Replayer::cancel()
{
    m_cancelled = true;
    if (m_wait.isActive()) {
        m_wait.stop();
        deliverLater(this, [this] { end(); });
    }
}

void Replayer::sendNext()
{
    if (m_cancelled || m_next >= m_items.size()) {
        end();
        return;
    }
    const Item &item = m_items.at(m_next);
    if (m_timing == Timing::Original) {
        const qint64 due = item.timeMs - m_items.first().timeMs;
        if (const qint64 wait = due - m_clock.elapsed(); wait > 0) {
            m_wait.start(int(std::min<qint64>(wait, std::numeric_limits<int>::max())));
            return;
        }
    }
    if (item.clientEvent) {
        if (!m_clientEvents) {
            onAnswer(Error{ErrorCode::NoSession, tr("client events need a connected session")});
            return;
        }
        const QJsonValue data = QJsonDocument::fromJson(item.data.toUtf8()).isNull()
                                    ? QJsonValue(item.data)
                                    : protocol::decodeData(QJsonValue(item.data));
        onAnswer(m_clientEvents->sendClientEvent(item.channels.value(0), item.event, data));
        return;
    }
    if (!m_rest) {
        onAnswer(Error{ErrorCode::NoSession, tr("no REST client to send with")});
        return;
    }
    TriggerRequest request;
    request.channels = item.channels;
    request.event = item.event;
    request.data = item.data;
    m_rest->trigger(request, [this](const RestResponse &response) {
        onAnswer(response.ok() ? Status() : Status(Error{ErrorCode::Http, response.errorMessage(), response.status}));
    });
}

void Replayer::onAnswer(const Status &result)
{
    const int index = m_next++;
    if (result)
        ++m_sent;
    else
        ++m_failed;
    Q_EMIT itemSent(index, result);
    // Queued: a client event answers at once, and a long plan must not recurse.
    m_wait.start(0);
}

void Replayer::end()
{
    if (!m_running)
        return;
    m_running = false;
    Q_EMIT finished(m_sent, m_failed);
}

}  // namespace cs::replay
