#pragma once
// The log as a table model: a filtered, batched view over a LogStore. The visible rows are
// computed here in core (as Wireshark does); the store's batches are coalesced and inserted at
// most ~30 times per second with one beginInsertRows per batch; evictions remove rows from the
// top. Display text is built only when asked for. Colours and icons are added by the UI's proxy.

#include "logfilter.h"

#include <QAbstractTableModel>
#include <QCache>
#include <QPointer>
#include <QTimer>

#include <deque>
#include <vector>

namespace cs {

class LogStore;

enum class LogColumn { Time, Direction, Kind, Channel, Event, Summary, Size, Count };

enum LogRole {
    EntryRole = Qt::UserRole + 1,  // LogEntry (QVariant::fromValue)
    SeqRole,                       // quint64
    KindRole,                      // int(EntryKind)
    DirectionRole,                 // int(Direction)
    RawRole,                       // QByteArray: the wire bytes or details JSON
    StoreRowRole,                  // qsizetype: row in the store
};

class LogModel : public QAbstractTableModel {
    Q_OBJECT
public:
    explicit LogModel(LogStore *store, QObject *parent = nullptr);
    ~LogModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    LogStore *store() const;
    LogEntry entryAt(int row) const;
    quint64 seqAt(int row) const;
    int rowForSeq(quint64 seq) const;  // -1 when not visible

    // Re-computes the visible rows (full reset). Cheap enough for a million rows.
    void setFilter(const LogFilter &filter);
    const LogFilter &filter() const;

    // Paused: the store keeps collecting, the view does not change; pendingCount() grows.
    void setPaused(bool paused);
    bool isPaused() const;
    qsizetype pendingCount() const;  // entries collected but not shown because of the pause
                                     // (those that pass the filter; updated at the update rate)

    // The longest wait between a store batch and its rows appearing; default 33 ms (~30/s).
    void setUpdateIntervalMs(int ms);

    // One-line summary of an entry's data for the Summary column (≤ 200 characters).
    static QString summarize(const LogEntry &entry);
    // The longer text of the Summary column's tool tip (≤ 1000 characters; JSON indented).
    static QString summaryToolTip(const LogEntry &entry);
    static QString formatTime(qint64 timeMs);  // "17:08:36.123" local time

Q_SIGNALS:
    void rowsBatchInserted(int count);  // after each coalesced insert (for follow-newest)
    void pendingCountChanged(qsizetype count);

private:
    void onStoreAppended(qsizetype firstRow, qsizetype count);
    void onStoreEvicting(qsizetype count);
    void onStoreCleared();
    void flushPending();

    void onStoreClearing();
    void onStoreDestroyed();
    void rebuild();  // m_visible and m_pending from the store, for a reset
    void scanNew();  // store rows from m_nextUnseenSeq on into m_pending
    template <typename Out>
    void scanRows(qsizetype from, qsizetype to, Out &out);
    void insertPending();                 // m_pending into the view as one batch
    void notifyPendingCount();            // pendingCountChanged when it changed
    quint64 storeEndSeq() const;          // seq after the last published store row
    qsizetype storeRowOf(int row) const;  // -1 when the row is not held (any more)
    qsizetype visibleCount() const { return qsizetype(m_visible.size()) - m_visibleHead; }
    quint64 visibleSeq(int row) const { return m_visible[std::size_t(m_visibleHead + row)]; }

    QPointer<LogStore> m_store;
    LogFilter m_filter;
    std::vector<quint64> m_visible;  // seq of each visible row, ascending, from m_visibleHead on
    quint64 m_nextUnseenSeq = 0;     // store rows at or after this seq are not yet in m_visible/m_pending
    bool m_paused = false;
    QTimer m_flushTimer;

    qsizetype m_visibleHead = 0;      // rows evicted from the top, dropped from m_visible lazily
    std::deque<quint64> m_pending;    // seqs that pass the filter but are not shown yet, ascending
    quint64 m_shownEndSeq = 0;        // every row before it was offered to the view (the pause point)
    qsizetype m_notifiedPending = 0;  // the count pendingCountChanged last told
    mutable QCache<quint64, QString> m_summaries{4096};  // Summary texts of recently drawn rows
};

}  // namespace cs

Q_DECLARE_METATYPE(cs::LogEntry)
