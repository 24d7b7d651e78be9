#pragma once
// The ordered event log, built for a million entries: entries are stored compactly in
// append-only chunks with channel and event names interned; appends are collected and published
// in batches (one aboutToAppend/appended pair per batch) so that models insert whole batches.
// Two limits evict the oldest entries first: an entry cap and a byte budget (what the held
// entries' bytes and records cost). Whichever bites first decides; evictedCount() counts both.
// pendingBytes() lets socket readers stop reading while the store's thread is behind.

#include "logentry.h"

#include <QByteArrayView>
#include <QObject>
#include <QTimer>

#include <deque>
#include <memory>
#include <vector>

namespace cs {

class LogStore : public QObject {
    Q_OBJECT
public:
    static constexpr qsizetype kDefaultCap = 1'000'000;
    static constexpr qint64 kDefaultByteBudget = qint64(512) << 20;  // 512 MiB
    static constexpr qint64 kMinByteBudget = qint64(1) << 20;

    explicit LogStore(QObject *parent = nullptr);
    ~LogStore() override;

    // Queues an entry; seq and (when 0) timeMs are assigned here. Returns the seq.
    // Published at the next flush: at the latest after flushIntervalMs, or at once with flush().
    // The one member that any thread may call (socket readers log from theirs); everything else,
    // flushing included, belongs to the store's own thread.
    quint64 append(LogEntry entry);
    // Publishes what is pending now: aboutToAppend(n), then appended(first, n).
    void flush();

    qsizetype size() const;            // published entries currently held
    qsizetype pendingCount() const;    // appended but not yet published (from any thread)
    qint64 pendingBytes() const;       // about what the pending entries cost (from any thread)
    qint64 heldBytes() const;          // what the held entries cost: bytes plus a 32-byte record each
    LogEntry at(qsizetype row) const;  // 0 = oldest held; O(1)

    // Single fields of a held row without building a LogEntry, for filters and models that
    // scan many rows. Names are interned, so the QStrings are shared, not allocated.
    quint64 seqAt(qsizetype row) const;
    qint64 timeMsAt(qsizetype row) const;
    Direction directionAt(qsizetype row) const;
    EntryKind kindAt(qsizetype row) const;
    QString connectionAt(qsizetype row) const;
    QString channelAt(qsizetype row) const;
    QString eventAt(qsizetype row) const;
    QByteArrayView rawAt(qsizetype row) const;  // valid until the store next changes
    QString socketIdAt(qsizetype row) const;
    QString userIdAt(qsizetype row) const;
    QByteArrayView messageUtf8At(qsizetype row) const;  // local entries' message; valid until the store next changes

    // The interned names behind the QString accessors. Every name field of every row is an id into
    // one table (0 = empty), so a scan can compute a result once per name and cache it by id.
    // Ids are stable until clear(), which drops the table and changes namesToken().
    enum class NameField : quint8 { Connection, Channel, Event, SocketId, UserId };
    quint32 nameIdAt(qsizetype row, NameField field) const;  // 0 for an empty name or a row not held
    QString nameForId(quint32 id) const;                     // empty for 0 or an unknown id
    quint32 nameIdCount() const;                             // every id in use is below this
    quint64 namesToken() const;  // identifies this store's current name table; unique across stores

    quint64 firstSeq() const;  // seq of row 0
    quint64 nextSeq() const;
    quint64 evictedCount() const;     // total evicted since start
    quint64 evictedForBytes() const;  // the part of evictedCount() that the byte budget evicted

    qsizetype cap() const;
    void setCap(qsizetype cap);  // evicts at once when over; at least 1
    qint64 byteBudget() const;
    void setByteBudget(qint64 bytes);  // evicts at once when over; at least kMinByteBudget
    int flushIntervalMs() const;
    void setFlushIntervalMs(int ms);  // default 0: once per event-loop turn

    // Drops held and pending entries; seq numbering goes on where it was.
    void clear();

Q_SIGNALS:
    void aboutToAppend(qsizetype count);
    void appended(qsizetype firstRow, qsizetype count);
    void aboutToEvict(qsizetype count);  // the oldest `count` rows go
    void evicted(qsizetype count);
    void aboutToClear();
    void cleared();

private:
    void evictOldest(qsizetype count);         // emits aboutToEvict/evicted around the removal
    void evictForBytes(qint64 incomingBytes);  // makes room for incomingBytes under the budget

    struct Impl;
    std::unique_ptr<Impl> d;
    QTimer m_flushTimer;
};

}  // namespace cs
