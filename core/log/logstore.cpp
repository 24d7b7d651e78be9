#include "logstore.h"

#include <QDateTime>
#include <QHash>
#include <QMutex>
#include <QThread>

#include <algorithm>
#include <atomic>
#include <utility>

namespace cs {

namespace {

// Rows live in chunks of a fixed power-of-two size so that a row is found with a shift and a mask.
constexpr int kChunkShift = 12;
constexpr qsizetype kChunkRecords = qsizetype(1) << kChunkShift;  // 4096 rows per chunk
constexpr qsizetype kChunkMask = kChunkRecords - 1;

// One held entry without its bytes, packed into 32 bytes: a million entries of ~360-byte frames
// then fit in 400 MB. seq is not stored (held rows have consecutive seqs), nor the message size
// (the message's UTF-8 fills the gap up to the next record's bytes).
class Record {
public:
    static constexpr int kTimeBits = 44;     // ms since the epoch: until the year 2527
    static constexpr int kOffsetBits = 37;   // 128 GiB of bytes per chunk
    static constexpr int kRawSizeBits = 27;  // 128 MiB per entry; frames are capped at 64 MiB
    static constexpr quint64 kMaxTime = (quint64(1) << kTimeBits) - 1;
    static constexpr quint64 kMaxRawSize = (quint64(1) << kRawSizeBits) - 1;

    Record(qint64 timeMs, Direction direction, EntryKind kind, quint64 offset, quint64 rawSize)
        : m_timeKind(quint64(std::clamp<qint64>(timeMs, 0, qint64(kMaxTime))) | quint64(kind) << kTimeBits
                     | quint64(direction) << (kTimeBits + 4)),
          m_offsetSize(offset | rawSize << kOffsetBits)
    {}

    qint64 timeMs() const { return qint64(m_timeKind & kMaxTime); }
    EntryKind kind() const { return EntryKind((m_timeKind >> kTimeBits) & 0xF); }
    Direction direction() const { return Direction((m_timeKind >> (kTimeBits + 4)) & 0x3); }
    qsizetype offset() const { return qsizetype(m_offsetSize & ((quint64(1) << kOffsetBits) - 1)); }
    qsizetype rawSize() const { return qsizetype(m_offsetSize >> kOffsetBits); }

    quint32 origin = 0;   // interned (connection, socket id) pair; 0 = both empty
    quint32 channel = 0;  // interned names, 0 = empty
    quint32 event = 0;
    quint32 userId = 0;

private:
    quint64 m_timeKind;
    quint64 m_offsetSize;
};
static_assert(sizeof(Record) == 32, "a held entry should cost 32 bytes plus its bytes");

struct Chunk {
    std::vector<Record> records;  // reserved once to kChunkRecords, so it never reallocates
    QByteArray bytes;             // raw and message bytes of every record, back to back
};

// Maps repeated strings (connection, channel, event, socket id, user id) to small ids.
class Interner {
public:
    Interner() { clear(); }

    quint32 id(const QString &text)
    {
        if (text.isEmpty())
            return 0;
        const auto it = m_ids.constFind(text);
        if (it != m_ids.constEnd())
            return *it;
        const auto id = quint32(m_names.size());
        m_ids.insert(text, id);
        m_names.push_back(text);
        return id;
    }
    const QString &name(quint32 id) const { return m_names[id]; }
    quint32 count() const { return quint32(m_names.size()); }
    void clear()
    {
        m_ids.clear();
        m_names.assign(1, QString());
    }

private:
    QHash<QString, quint32> m_ids;
    std::vector<QString> m_names;  // index = id; shares the hash keys' data
};

// Name-table tokens: a fresh one for each store and after each clear(), so that caches keyed by
// name id can tell that their ids no longer mean the same names.
quint64 nextNamesToken()
{
    static std::atomic<quint64> counter{0};
    return ++counter;
}

qsizetype byteCount(qsizetype size)
{
    // A frame above 64 MiB is refused by the socket; clamp rather than wrap.
    return qMin<qsizetype>(size, qsizetype(Record::kMaxRawSize));
}

// What an entry will cost once held: its bytes (message as UTF-8, about its QString size for
// ASCII) and its record.
qint64 heldCost(const LogEntry &entry)
{
    return byteCount(entry.raw.size()) + entry.message.size() + qint64(sizeof(Record));
}

// What a pending entry costs meanwhile: the LogEntry and its two buffers.
qint64 pendingCost(const LogEntry &entry)
{
    return entry.raw.size() + 2 * entry.message.size() + qint64(sizeof(LogEntry));
}

}  // namespace

struct LogStore::Impl {
    std::deque<Chunk> chunks;
    qsizetype head = 0;  // rows of chunks.front() that were already evicted
    qsizetype size = 0;
    // Appends may come from any thread (the socket readers); everything else is the owner's.
    mutable QMutex pendingLock;
    std::vector<LogEntry> pending;        // guarded by pendingLock, as is nextSeq
    std::atomic<qint64> pendingBytes{0};  // written under pendingLock, read from any thread
    qint64 heldBytes = 0;
    qint64 byteBudget = kDefaultByteBudget;
    quint64 evictedForBytes = 0;
    bool flushRequested = false;  // guarded by pendingLock: a flush is on its way
    Interner names;
    // Connection and socket id change together and rarely: one id for the pair.
    QHash<quint64, quint32> originIds;
    std::vector<std::pair<quint32, quint32>> origins{{0, 0}};  // id -> (connection, socket id)
    quint64 firstSeq = 0;
    quint64 nextSeq = 0;
    quint64 evicted = 0;
    qsizetype cap = kDefaultCap;
    quint64 namesToken = nextNamesToken();

    bool holds(qsizetype row) const { return row >= 0 && row < size; }
    const Chunk &chunkOf(qsizetype row) const { return chunks[std::size_t((head + row) >> kChunkShift)]; }
    const Record &record(qsizetype row) const { return chunkOf(row).records[std::size_t((head + row) & kChunkMask)]; }
    qsizetype messageSize(qsizetype row) const
    {
        const Chunk &chunk = chunkOf(row);
        const std::size_t index = std::size_t((head + row) & kChunkMask);
        const Record &r = chunk.records[index];
        const qsizetype next =
            index + 1 < chunk.records.size() ? chunk.records[index + 1].offset() : chunk.bytes.size();
        return next - r.offset() - r.rawSize();
    }
    quint32 originId(const QString &connection, const QString &socketId)
    {
        const quint32 c = names.id(connection);
        const quint32 s = names.id(socketId);
        if (c == 0 && s == 0)
            return 0;
        const quint64 key = quint64(c) << 32 | s;
        if (const auto it = originIds.constFind(key); it != originIds.cend())
            return *it;
        const auto id = quint32(origins.size());
        origins.emplace_back(c, s);
        originIds.insert(key, id);
        return id;
    }

    void store(const LogEntry &entry);
    qint64 rowCost(qsizetype row) const;
    void dropOldest(qsizetype count);
    void reset();
};

void LogStore::Impl::store(const LogEntry &entry)
{
    if (chunks.empty() || qsizetype(chunks.back().records.size()) == kChunkRecords) {
        if (!chunks.empty())
            chunks.back().bytes.squeeze();  // a full chunk gives back its growth slack
        chunks.emplace_back().records.reserve(std::size_t(kChunkRecords));
    }
    Chunk &chunk = chunks.back();
    const QByteArray message = entry.message.toUtf8();
    const qsizetype rawSize = byteCount(entry.raw.size());
    Record record(entry.timeMs, entry.direction, entry.kind, quint64(chunk.bytes.size()), quint64(rawSize));
    record.origin = originId(entry.connection, entry.socketId);
    record.channel = names.id(entry.channel);
    record.event = names.id(entry.event);
    record.userId = names.id(entry.userId);
    chunk.bytes.append(entry.raw.constData(), rawSize);
    chunk.bytes.append(message);
    chunk.records.push_back(record);
    heldBytes += rawSize + message.size() + qint64(sizeof(Record));
    ++size;
}

qint64 LogStore::Impl::rowCost(qsizetype row) const
{
    return record(row).rawSize() + messageSize(row) + qint64(sizeof(Record));
}

void LogStore::Impl::dropOldest(qsizetype count)
{
    for (qsizetype row = 0; row < count; ++row)
        heldBytes -= rowCost(row);
    head += count;
    size -= count;
    firstSeq += quint64(count);
    evicted += quint64(count);
    while (!chunks.empty() && head >= kChunkRecords) {
        chunks.pop_front();
        head -= kChunkRecords;
    }
    if (size == 0) {  // also frees a partly used last chunk
        chunks.clear();
        head = 0;
        heldBytes = 0;
    }
}

void LogStore::Impl::reset()
{
    chunks.clear();
    head = 0;
    size = 0;
    heldBytes = 0;
    {
        const QMutexLocker lock(&pendingLock);
        pending = {};
        pendingBytes = 0;
        flushRequested = false;  // the next append must schedule a flush again
        firstSeq = nextSeq;
    }
    names.clear();  // nothing held or pending refers to an id any more
    originIds.clear();
    origins.assign(1, {0, 0});
    namesToken = nextNamesToken();
}

LogStore::LogStore(QObject *parent) : QObject(parent), d(std::make_unique<Impl>())
{
    m_flushTimer.setParent(this);  // follows the store to another thread
    m_flushTimer.setSingleShot(true);
    m_flushTimer.setInterval(0);
    connect(&m_flushTimer, &QTimer::timeout, this, &LogStore::flush);
}

LogStore::~LogStore() = default;

quint64 LogStore::append(LogEntry entry)
{
    if (entry.timeMs == 0)
        entry.timeMs = QDateTime::currentMSecsSinceEpoch();
    bool scheduleFlush = false;
    quint64 seq = 0;
    {
        const QMutexLocker lock(&d->pendingLock);
        seq = entry.seq = d->nextSeq++;
        d->pendingBytes.store(d->pendingBytes.load(std::memory_order_relaxed) + pendingCost(entry),
                              std::memory_order_relaxed);
        d->pending.push_back(std::move(entry));
        scheduleFlush = !std::exchange(d->flushRequested, true);
    }
    if (scheduleFlush) {
        if (QThread::currentThread() == thread())
            m_flushTimer.start();
        else  // timers only start on their own thread
            QMetaObject::invokeMethod(&m_flushTimer, qOverload<>(&QTimer::start), Qt::QueuedConnection);
    }
    return seq;
}

void LogStore::flush()
{
    m_flushTimer.stop();
    std::vector<LogEntry> batch;
    {
        // Take the batch first: slots connected to the signals below may append again.
        const QMutexLocker lock(&d->pendingLock);
        d->flushRequested = false;
        batch = std::exchange(d->pending, {});
        d->pendingBytes.store(0, std::memory_order_relaxed);
    }
    if (batch.empty())
        return;
    const qsizetype total = qsizetype(batch.size());
    // Older than the newest `cap` entries, or than the newest that fit the byte budget.
    qsizetype skipped = qMax<qsizetype>(0, total - d->cap);
    qint64 batchBytes = 0;
    qsizetype fitting = total;
    for (qsizetype i = total - 1; i >= skipped; --i) {
        const qint64 cost = heldCost(batch[std::size_t(i)]);
        if (batchBytes + cost > d->byteBudget && i < total - 1) {
            fitting = total - 1 - i;
            break;
        }
        batchBytes += cost;
    }
    const qsizetype skippedForBytes = qMax<qsizetype>(0, total - skipped - fitting);
    skipped += skippedForBytes;
    const qsizetype count = total - skipped;

    evictOldest(qMax<qsizetype>(0, d->size + count - d->cap));
    evictForBytes(batchBytes);
    d->firstSeq += quint64(skipped);  // dropped unseen, but counted as evicted
    d->evicted += quint64(skipped);
    d->evictedForBytes += quint64(skippedForBytes);
    Q_ASSERT(batch[std::size_t(skipped)].seq == d->firstSeq + quint64(d->size));

    const qsizetype firstRow = d->size;
    Q_EMIT aboutToAppend(count);
    for (qsizetype i = skipped; i < total; ++i)
        d->store(batch[std::size_t(i)]);
    Q_EMIT appended(firstRow, count);
}

void LogStore::evictOldest(qsizetype count)
{
    count = qMin(count, d->size);
    if (count <= 0)
        return;
    Q_EMIT aboutToEvict(count);
    d->dropOldest(count);
    Q_EMIT evicted(count);
}

void LogStore::evictForBytes(qint64 incomingBytes)
{
    qint64 over = d->heldBytes + incomingBytes - d->byteBudget;
    qsizetype count = 0;
    while (over > 0 && count < d->size) {
        over -= d->rowCost(count);
        ++count;
    }
    if (count == 0)
        return;
    d->evictedForBytes += quint64(count);
    evictOldest(count);
}

qsizetype LogStore::size() const { return d->size; }
qint64 LogStore::pendingBytes() const { return d->pendingBytes.load(std::memory_order_relaxed); }
qint64 LogStore::heldBytes() const { return d->heldBytes; }
quint64 LogStore::evictedForBytes() const { return d->evictedForBytes; }
qint64 LogStore::byteBudget() const { return d->byteBudget; }

void LogStore::setByteBudget(qint64 bytes)
{
    d->byteBudget = qMax(kMinByteBudget, bytes);
    evictForBytes(0);
}
qsizetype LogStore::pendingCount() const
{
    const QMutexLocker lock(&d->pendingLock);
    return qsizetype(d->pending.size());
}

LogEntry LogStore::at(qsizetype row) const
{
    if (!d->holds(row))
        return {};
    const Record &r = d->record(row);
    const char *bytes = d->chunkOf(row).bytes.constData() + r.offset();
    const auto &[connection, socketId] = d->origins[r.origin];
    LogEntry entry;
    entry.seq = d->firstSeq + quint64(row);
    entry.timeMs = r.timeMs();
    entry.direction = r.direction();
    entry.kind = r.kind();
    entry.connection = d->names.name(connection);
    entry.channel = d->names.name(r.channel);
    entry.event = d->names.name(r.event);
    entry.socketId = d->names.name(socketId);
    entry.userId = d->names.name(r.userId);
    entry.raw = QByteArray(bytes, r.rawSize());
    entry.message = QString::fromUtf8(bytes + r.rawSize(), d->messageSize(row));
    return entry;
}

quint64 LogStore::seqAt(qsizetype row) const { return d->holds(row) ? d->firstSeq + quint64(row) : 0; }
qint64 LogStore::timeMsAt(qsizetype row) const { return d->holds(row) ? d->record(row).timeMs() : 0; }

Direction LogStore::directionAt(qsizetype row) const
{
    return d->holds(row) ? d->record(row).direction() : Direction::Local;
}

EntryKind LogStore::kindAt(qsizetype row) const { return d->holds(row) ? d->record(row).kind() : EntryKind::State; }

QString LogStore::connectionAt(qsizetype row) const
{
    return d->holds(row) ? d->names.name(d->origins[d->record(row).origin].first) : QString();
}

QString LogStore::channelAt(qsizetype row) const
{
    return d->holds(row) ? d->names.name(d->record(row).channel) : QString();
}

QString LogStore::eventAt(qsizetype row) const
{
    return d->holds(row) ? d->names.name(d->record(row).event) : QString();
}

QByteArrayView LogStore::rawAt(qsizetype row) const
{
    if (!d->holds(row))
        return {};
    const Record &r = d->record(row);
    return QByteArrayView(d->chunkOf(row).bytes.constData() + r.offset(), r.rawSize());
}

QString LogStore::socketIdAt(qsizetype row) const
{
    return d->holds(row) ? d->names.name(d->origins[d->record(row).origin].second) : QString();
}

QString LogStore::userIdAt(qsizetype row) const
{
    return d->holds(row) ? d->names.name(d->record(row).userId) : QString();
}

QByteArrayView LogStore::messageUtf8At(qsizetype row) const
{
    if (!d->holds(row))
        return {};
    const Record &r = d->record(row);
    return QByteArrayView(d->chunkOf(row).bytes.constData() + r.offset() + r.rawSize(), d->messageSize(row));
}

quint32 LogStore::nameIdAt(qsizetype row, NameField field) const
{
    if (!d->holds(row))
        return 0;
    const Record &r = d->record(row);
    switch (field) {
    case NameField::Connection: return d->origins[r.origin].first;
    case NameField::Channel: return r.channel;
    case NameField::Event: return r.event;
    case NameField::SocketId: return d->origins[r.origin].second;
    case NameField::UserId: return r.userId;
    }
    return 0;
}

QString LogStore::nameForId(quint32 id) const { return id < d->names.count() ? d->names.name(id) : QString(); }

quint32 LogStore::nameIdCount() const { return d->names.count(); }
quint64 LogStore::namesToken() const { return d->namesToken; }

quint64 LogStore::firstSeq() const { return d->firstSeq; }
quint64 LogStore::nextSeq() const
{
    const QMutexLocker lock(&d->pendingLock);
    return d->nextSeq;
}
quint64 LogStore::evictedCount() const { return d->evicted; }
qsizetype LogStore::cap() const { return d->cap; }

void LogStore::setCap(qsizetype cap)
{
    d->cap = qMax<qsizetype>(1, cap);
    evictOldest(d->size - d->cap);
}

int LogStore::flushIntervalMs() const { return m_flushTimer.interval(); }
void LogStore::setFlushIntervalMs(int ms) { m_flushTimer.setInterval(qMax(0, ms)); }

void LogStore::clear()
{
    Q_EMIT aboutToClear();
    m_flushTimer.stop();
    d->reset();
    Q_EMIT cleared();
}

}  // namespace cs
