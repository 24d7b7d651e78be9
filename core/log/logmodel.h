#pragma once
// The log as a table model: a filtered, batched view over a LogStore. The visible rows are
// computed here in core (as Wireshark does); the store's batches are coalesced and inserted at
// most ~30 times per second with one beginInsertRows per batch; evictions remove rows from the
// top. Display text is built only when asked for. Colours and icons are added by the UI's proxy.
//
// Keepalive folding (keepalivefolds.h), off by default here and on in the log panel: consecutive
// keepalive entries of the filtered rows become one row, "Keepalive ×N (last 12:34:56)", that grows
// in place as the run goes on and can be expanded. A filter that asks for keepalives
// (LogFilter::asksForKeepalives) shows them unfolded. A folded row stands for its newest entry in
// entryAt(), seqAt() and the entry roles; entrySeqs() names every entry (exports write them all).

#include "keepalivefolds.h"
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
    FoldCountRole,                 // int: entries the row stands for (1, or N for a folded keepalive run)
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
    LogEntry entryAt(int row) const;   // a folded row: its newest entry
    quint64 seqAt(int row) const;      // likewise
    int rowForSeq(quint64 seq) const;  // the row showing that entry (folded or not); -1 when not visible

    // Keepalive folding: changing the setting re-computes the rows (a reset), as a filter does, and
    // expanded runs fold again then.
    void setFoldKeepalives(bool fold);
    bool foldsKeepalives() const { return m_foldSetting; }
    bool isFolding() const { return m_folding; }  // the setting, unless the filter asks for keepalives
    int entryCountAt(int row) const;              // 1 for a plain row, N for a folded run, 0 for no row
    bool isFoldedRow(int row) const { return entryCountAt(row) > 1; }
    // Entries the rows stand for: rowCount() plus those folded away (hiddenByFolding()).
    qsizetype shownEntryCount() const { return visibleCount() + m_folds.hiddenCount(); }
    qsizetype hiddenByFolding() const { return m_folds.hiddenCount(); }
    // Shows a folded row's entries as rows of their own, inserted after it (the row becomes the
    // oldest entry); later keepalives start a new run. False when the row is not folded.
    bool expandRow(int row);
    // The seqs of the entries a row stands for, and of every entry all rows stand for, in order.
    std::vector<quint64> entrySeqsAt(int row) const;
    QList<quint64> entrySeqs() const;

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
    void rowsBatchInserted(int count);  // after each coalesced insert of `count` new rows (for follow-newest);
                                        // not when only a folded row grew
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
    void insertPending();  // m_pending into the view as one batch
    void insertPendingFolded();
    void notifyPendingCount();            // pendingCountChanged when it changed
    quint64 storeEndSeq() const;          // seq after the last published store row
    qsizetype storeRowOf(int row) const;  // -1 when the row is not held (any more); a fold: its newest
    qsizetype storeRowOfSeq(quint64 seq) const;
    const KeepaliveFolds::Fold *foldAt(int row) const;
    QVariant foldData(const QModelIndex &index, const KeepaliveFolds::Fold &fold, int role) const;
    std::vector<quint64> foldMembers(quint64 key, const KeepaliveFolds::Fold &fold) const;
    bool passes(qsizetype storeRow) const;  // the row passes the filter
    void shrinkHeadFold(quint64 key, KeepaliveFolds::Fold fold, quint64 newFirst);
    struct FoldingOut;  // scanRows' output that folds as it places
    qsizetype visibleCount() const { return qsizetype(m_visible.size()) - m_visibleHead; }
    quint64 visibleSeq(int row) const { return m_visible[std::size_t(m_visibleHead + row)]; }

    QPointer<LogStore> m_store;
    LogFilter m_filter;
    std::vector<quint64> m_visible;  // key seq of each visible row, ascending, from m_visibleHead on
    quint64 m_nextUnseenSeq = 0;     // store rows at or after this seq are not yet in m_visible/m_pending
    bool m_paused = false;
    bool m_foldSetting = false;
    bool m_folding = false;
    KeepaliveFolds m_folds;  // the runs among m_visible's rows (row key: seq of the run's first entry)
    QTimer m_flushTimer;

    qsizetype m_visibleHead = 0;      // rows evicted from the top, dropped from m_visible lazily
    std::deque<quint64> m_pending;    // seqs that pass the filter but are not shown yet, ascending
    quint64 m_shownEndSeq = 0;        // every row before it was offered to the view (the pause point)
    qsizetype m_notifiedPending = 0;  // the count pendingCountChanged last told
    mutable QCache<quint64, QString> m_summaries{4096};  // Summary texts of recently drawn rows
};

}  // namespace cs

Q_DECLARE_METATYPE(cs::LogEntry)
