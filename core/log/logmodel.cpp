#include "logmodel.h"

#include "logstore.h"
#include "logsummary.h"

#include <QDateTime>

#include <algorithm>
#include <array>
#include <limits>
#include <optional>

namespace cs {

namespace {

constexpr int kDefaultUpdateIntervalMs = 33;  // ~30 view updates per second
// Rows evicted from the top are dropped from m_visible in one move once they are this many and
// at least half of it, so that evicting costs O(1) per row however often it happens.
constexpr qsizetype kCompactAfter = 4096;

const std::array<const char *, int(LogColumn::Count)> kColumnTitles{QT_TRANSLATE_NOOP("cs::LogModel", "Time"),
                                                                    QT_TRANSLATE_NOOP("cs::LogModel", "Direction"),
                                                                    QT_TRANSLATE_NOOP("cs::LogModel", "Kind"),
                                                                    QT_TRANSLATE_NOOP("cs::LogModel", "Channel"),
                                                                    QT_TRANSLATE_NOOP("cs::LogModel", "Event"),
                                                                    QT_TRANSLATE_NOOP("cs::LogModel", "Summary"),
                                                                    QT_TRANSLATE_NOOP("cs::LogModel", "Size")};

}  // namespace

LogModel::LogModel(LogStore *store, QObject *parent) : QAbstractTableModel(parent), m_store(store)
{
    m_flushTimer.setParent(this);  // follows the model to another thread
    m_flushTimer.setSingleShot(true);
    m_flushTimer.setInterval(kDefaultUpdateIntervalMs);
    connect(&m_flushTimer, &QTimer::timeout, this, &LogModel::flushPending);
    if (!store)
        return;
    // Direct connections: the store and the model live in one thread, and eviction must be seen
    // before the rows go.
    connect(store, &LogStore::appended, this, &LogModel::onStoreAppended);
    connect(store, &LogStore::aboutToEvict, this, &LogModel::onStoreEvicting);
    connect(store, &LogStore::aboutToClear, this, &LogModel::onStoreClearing);
    connect(store, &LogStore::cleared, this, &LogModel::onStoreCleared);
    connect(store, &QObject::destroyed, this, &LogModel::onStoreDestroyed);
    rebuild();
}

LogModel::~LogModel() = default;

int LogModel::rowCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : int(visibleCount()); }

int LogModel::columnCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : int(LogColumn::Count); }

QVariant LogModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || !checkIndex(index, CheckIndexOption::ParentIsInvalid))
        return {};
    if (const KeepaliveFolds::Fold *fold = foldAt(index.row()))
        return foldData(index, *fold, role);
    const qsizetype row = storeRowOf(index.row());
    if (row < 0)
        return {};
    const LogStore &store = *m_store;
    const auto column = LogColumn(index.column());
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case LogColumn::Time: return formatTime(store.timeMsAt(row));
        case LogColumn::Direction: return directionName(store.directionAt(row));
        case LogColumn::Kind: return entryKindName(store.kindAt(row));
        case LogColumn::Channel: return store.channelAt(row);
        case LogColumn::Event: return store.eventAt(row);
        case LogColumn::Summary: {
            const quint64 seq = store.seqAt(row);
            if (const QString *cached = m_summaries.object(seq))
                return *cached;
            const QString summary = summarize(store.at(row));
            m_summaries.insert(seq, new QString(summary));
            return summary;
        }
        case LogColumn::Size:
            if (LogEntry::isFrame(store.directionAt(row), store.kindAt(row)))
                return qlonglong(store.rawAt(row).size());
            return {};
        case LogColumn::Count: break;
        }
        return {};
    case Qt::ToolTipRole:
        if (column == LogColumn::Summary)
            return summaryToolTip(store.at(row));
        if (column == LogColumn::Time)
            return QDateTime::fromMSecsSinceEpoch(store.timeMsAt(row)).toString(Qt::ISODateWithMs);
        return {};
    case Qt::TextAlignmentRole:
        if (column == LogColumn::Size)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case EntryRole: return QVariant::fromValue(store.at(row));
    case SeqRole: return QVariant::fromValue(store.seqAt(row));
    case KindRole: return int(store.kindAt(row));
    case DirectionRole: return int(store.directionAt(row));
    case RawRole: return store.rawAt(row).toByteArray();
    case StoreRowRole: return QVariant::fromValue(row);
    case FoldCountRole: return 1;
    default: return {};
    }
}

// A folded keepalive run: its own texts, and its newest entry behind the entry roles.
QVariant LogModel::foldData(const QModelIndex &index, const KeepaliveFolds::Fold &fold, int role) const
{
    const qsizetype last = storeRowOfSeq(fold.last);
    if (last < 0)
        return {};
    const LogStore &store = *m_store;
    const auto column = LogColumn(index.column());
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case LogColumn::Time: return formatTime(store.timeMsAt(last));
        case LogColumn::Direction: return tr("in/out");
        case LogColumn::Kind: return tr("keepalive");
        case LogColumn::Event: return QStringLiteral("pusher:ping/pong");
        case LogColumn::Summary:
            return tr("Keepalive \u00d7%1 (last %2)")
                .arg(fold.count)
                .arg(QDateTime::fromMSecsSinceEpoch(store.timeMsAt(last)).toString(QStringLiteral("HH:mm:ss")));
        default: return {};
        }
    case Qt::ToolTipRole:
        return tr("%n keepalive entries folded: pusher:ping, pusher:pong and the timer lines announcing a ping, "
                  "the newest at %1.\nDouble-click or press Enter to show them one by one; \"Fold keepalives\" "
                  "turns folding off. Exports write every entry.",
                  nullptr, int(fold.count))
            .arg(QDateTime::fromMSecsSinceEpoch(store.timeMsAt(last)).toString(Qt::ISODateWithMs));
    case Qt::TextAlignmentRole:
        return column == LogColumn::Size ? QVariant(int(Qt::AlignRight | Qt::AlignVCenter)) : QVariant();
    case EntryRole: return QVariant::fromValue(store.at(last));
    case SeqRole: return QVariant::fromValue(fold.last);
    case KindRole: return int(store.kindAt(last));
    case RawRole: return store.rawAt(last).toByteArray();
    case StoreRowRole: return QVariant::fromValue(last);
    case FoldCountRole: return int(qMin<qsizetype>(fold.count, std::numeric_limits<int>::max()));
    default: return {};  // no DirectionRole: the run goes both ways
    }
}

QVariant LogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && role == Qt::DisplayRole && section >= 0 && section < int(LogColumn::Count))
        return tr(kColumnTitles[std::size_t(section)]);
    return QAbstractTableModel::headerData(section, orientation, role);
}

LogStore *LogModel::store() const { return m_store.data(); }

LogEntry LogModel::entryAt(int row) const
{
    const qsizetype storeRow = storeRowOf(row);
    return storeRow < 0 ? LogEntry() : m_store->at(storeRow);
}

quint64 LogModel::seqAt(int row) const
{
    if (row < 0 || row >= visibleCount())
        return 0;
    const KeepaliveFolds::Fold *fold = foldAt(row);
    return fold ? fold->last : visibleSeq(row);
}

int LogModel::rowForSeq(quint64 seq) const
{
    const auto begin = m_visible.begin() + m_visibleHead;
    const auto it = std::upper_bound(begin, m_visible.end(), seq);
    if (it == begin)
        return -1;
    const int row = int(it - begin) - 1;
    if (visibleSeq(row) == seq)
        return row;
    // Inside a folded run: an entry of it, unless the filter hides it there.
    const KeepaliveFolds::Fold *fold = foldAt(row);
    const qsizetype storeRow = storeRowOfSeq(seq);
    return fold && seq <= fold->last && storeRow >= 0 && passes(storeRow) ? row : -1;
}

void LogModel::setFilter(const LogFilter &filter)
{
    beginResetModel();
    m_filter = filter;
    m_folding = m_foldSetting && !m_filter.asksForKeepalives();
    rebuild();
    endResetModel();
    notifyPendingCount();
}

void LogModel::setFoldKeepalives(bool fold)
{
    if (fold == m_foldSetting)
        return;
    m_foldSetting = fold;
    const bool folding = m_foldSetting && !m_filter.asksForKeepalives();
    if (folding == m_folding)
        return;
    beginResetModel();
    m_folding = folding;
    rebuild();
    endResetModel();
}

int LogModel::entryCountAt(int row) const
{
    if (row < 0 || row >= visibleCount())
        return 0;
    const KeepaliveFolds::Fold *fold = foldAt(row);
    return fold ? int(qMin<qsizetype>(fold->count, std::numeric_limits<int>::max())) : 1;
}

bool LogModel::expandRow(int row)
{
    const KeepaliveFolds::Fold *fold = row >= 0 && row < visibleCount() ? foldAt(row) : nullptr;
    if (!fold)
        return false;
    const quint64 key = visibleSeq(row);
    const std::vector<quint64> members = foldMembers(key, *fold);
    m_folds.erase(key);
    if (m_folds.hasOpenRun() && m_folds.tailKey() == key)
        m_folds.closeRun();
    if (members.size() > 1) {
        beginInsertRows({}, row + 1, row + int(members.size()) - 1);
        m_visible.insert(m_visible.begin() + m_visibleHead + row + 1, members.begin() + 1, members.end());
        endInsertRows();
    }
    Q_EMIT dataChanged(index(row, 0), index(row, int(LogColumn::Count) - 1));
    return true;
}

std::vector<quint64> LogModel::entrySeqsAt(int row) const
{
    if (row < 0 || row >= visibleCount())
        return {};
    if (const KeepaliveFolds::Fold *fold = foldAt(row))
        return foldMembers(visibleSeq(row), *fold);
    return {visibleSeq(row)};
}

QList<quint64> LogModel::entrySeqs() const
{
    QList<quint64> seqs;
    const auto rows = int(visibleCount());
    seqs.reserve(rows);
    for (int row = 0; row < rows; ++row) {
        if (const KeepaliveFolds::Fold *fold = foldAt(row)) {
            for (const quint64 seq : foldMembers(visibleSeq(row), *fold))
                seqs.append(seq);
        } else {
            seqs.append(visibleSeq(row));
        }
    }
    return seqs;
}

const LogFilter &LogModel::filter() const { return m_filter; }

void LogModel::setPaused(bool paused)
{
    if (paused == m_paused)
        return;
    if (paused) {
        flushPending();  // what came before the pause is shown
        m_paused = true;
    } else {
        m_paused = false;
        flushPending();  // everything collected meanwhile, in one batch
    }
}

bool LogModel::isPaused() const { return m_paused; }
qsizetype LogModel::pendingCount() const { return qsizetype(m_pending.size()); }

void LogModel::setUpdateIntervalMs(int ms) { m_flushTimer.setInterval(qMax(0, ms)); }

QString LogModel::summarize(const LogEntry &entry) { return logsummary::summarize(entry); }
QString LogModel::summaryToolTip(const LogEntry &entry) { return logsummary::toolTip(entry); }

QString LogModel::formatTime(qint64 timeMs)
{
    return QDateTime::fromMSecsSinceEpoch(timeMs).toString(QStringLiteral("HH:mm:ss.zzz"));
}

void LogModel::onStoreAppended(qsizetype firstRow, qsizetype count)
{
    Q_UNUSED(firstRow);
    Q_UNUSED(count);
    // The rows are looked at when the timer fires: many store batches become one insert.
    if (!m_flushTimer.isActive())
        m_flushTimer.start();
}

void LogModel::onStoreEvicting(qsizetype count)
{
    if (!m_store)
        return;
    const quint64 newFirst = m_store->firstSeq() + quint64(count);
    const auto begin = m_visible.begin() + m_visibleHead;
    qsizetype gone = std::lower_bound(begin, m_visible.end(), newFirst) - begin;
    // A folded run that starts before the cut and ends after it stays, without its evicted entries.
    std::optional<std::pair<quint64, KeepaliveFolds::Fold>> straddling;
    if (gone > 0) {
        if (const KeepaliveFolds::Fold *fold = foldAt(int(gone - 1)); fold && fold->last >= newFirst) {
            straddling.emplace(begin[gone - 1], *fold);
            --gone;
        }
    }
    if (gone > 0) {
        std::vector<quint64> goneFolds;
        if (!m_folds.isEmpty()) {
            for (qsizetype row = 0; row < gone; ++row) {
                if (foldAt(int(row)))
                    goneFolds.push_back(visibleSeq(int(row)));
            }
        }
        if (gone == visibleCount())
            m_folds.closeRun();  // the open run's row goes too
        // The store still holds the rows: views may look at them until endRemoveRows.
        beginRemoveRows({}, 0, int(gone - 1));
        m_visibleHead += gone;
        if (m_visibleHead >= kCompactAfter && m_visibleHead * 2 >= qsizetype(m_visible.size())) {
            m_visible.erase(m_visible.begin(), m_visible.begin() + m_visibleHead);
            m_visibleHead = 0;
        }
        endRemoveRows();
        for (const quint64 key : goneFolds)
            m_folds.erase(key);
    }
    if (straddling)
        shrinkHeadFold(straddling->first, straddling->second, newFirst);
    while (!m_pending.empty() && m_pending.front() < newFirst)
        m_pending.pop_front();
    m_nextUnseenSeq = qMax(m_nextUnseenSeq, newFirst);
    m_shownEndSeq = qMax(m_shownEndSeq, newFirst);
    if (qsizetype(m_pending.size()) != m_notifiedPending && !m_flushTimer.isActive())
        m_flushTimer.start();  // tells the smaller count at the flush rate
}

// Row 0 is the run `key`; the entries before `newFirst` are about to be evicted (still held).
void LogModel::shrinkHeadFold(quint64 key, KeepaliveFolds::Fold fold, quint64 newFirst)
{
    const quint64 first = m_store->firstSeq();
    quint64 newKey = fold.last;
    for (quint64 seq = key; seq < newFirst; ++seq) {
        if (passes(qsizetype(seq - first)))
            --fold.count;
    }
    for (quint64 seq = newFirst; seq < fold.last; ++seq) {
        if (passes(qsizetype(seq - first))) {
            newKey = seq;
            break;
        }
    }
    m_folds.rekey(key, newKey, fold);  // a run of one is a plain row again
    m_visible[std::size_t(m_visibleHead)] = newKey;
    Q_EMIT dataChanged(index(0, 0), index(0, int(LogColumn::Count) - 1));
}

void LogModel::onStoreClearing()
{
    m_flushTimer.stop();
    beginResetModel();
}

void LogModel::onStoreCleared()
{
    m_visible.clear();
    m_visibleHead = 0;
    m_pending.clear();
    m_folds.clear();
    m_nextUnseenSeq = m_store ? m_store->firstSeq() : 0;
    m_shownEndSeq = m_nextUnseenSeq;
    m_summaries.clear();
    endResetModel();
    notifyPendingCount();
}

void LogModel::onStoreDestroyed()
{
    m_flushTimer.stop();
    m_store.clear();  // the store is half gone: never look at it again
    beginResetModel();
    m_visible.clear();
    m_visibleHead = 0;
    m_pending.clear();
    m_folds.clear();
    m_nextUnseenSeq = m_shownEndSeq = 0;
    m_summaries.clear();
    endResetModel();
    notifyPendingCount();
}

void LogModel::flushPending()
{
    m_flushTimer.stop();
    if (!m_store)
        return;
    scanNew();
    if (m_paused)
        notifyPendingCount();
    else
        insertPending();
}

// scanRows' output for the shown rows while folding: each entry joins the open run or starts a row.
struct LogModel::FoldingOut {
    LogModel *model;
    std::vector<quint64> &rows;
    void push_back(quint64 seq)
    {
        const LogStore &store = *model->m_store;
        if (model->m_folds.place(seq, model->m_folds.isKeepalive(store, qsizetype(seq - store.firstSeq()))))
            rows.push_back(seq);
    }
};

void LogModel::rebuild()
{
    m_visible.clear();
    m_visibleHead = 0;
    m_pending.clear();
    m_folds.clear();
    if (!m_store) {
        m_nextUnseenSeq = m_shownEndSeq = 0;
        return;
    }
    const quint64 first = m_store->firstSeq();
    const quint64 end = storeEndSeq();
    // Paused: rows after the pause point stay pending under the new filter too.
    m_shownEndSeq = m_paused ? std::clamp(m_shownEndSeq, first, end) : end;
    if (m_folding) {
        FoldingOut out{this, m_visible};
        scanRows(0, qsizetype(m_shownEndSeq - first), out);
    } else {
        scanRows(0, qsizetype(m_shownEndSeq - first), m_visible);
    }
    scanRows(qsizetype(m_shownEndSeq - first), qsizetype(end - first), m_pending);
    m_nextUnseenSeq = end;
}

void LogModel::scanNew()
{
    const quint64 first = m_store->firstSeq();
    const quint64 end = storeEndSeq();
    const quint64 from = qMax(m_nextUnseenSeq, first);
    if (from < end)
        scanRows(qsizetype(from - first), qsizetype(end - first), m_pending);
    m_nextUnseenSeq = qMax(m_nextUnseenSeq, end);
}

template <typename Out>
void LogModel::scanRows(qsizetype from, qsizetype to, Out &out)
{
    const LogStore &store = *m_store;
    const quint64 first = store.firstSeq();
    if (m_filter.isEmpty()) {
        for (qsizetype row = from; row < to; ++row)
            out.push_back(first + quint64(row));
        return;
    }
    for (qsizetype row = from; row < to; ++row) {
        if (m_filter.matches(store, row))
            out.push_back(first + quint64(row));
    }
}

void LogModel::insertPending()
{
    m_shownEndSeq = m_nextUnseenSeq;
    if (m_folding && !m_pending.empty()) {
        insertPendingFolded();
        return;
    }
    const auto count = int(m_pending.size());
    if (count > 0) {
        const int firstRow = int(visibleCount());
        beginInsertRows({}, firstRow, firstRow + count - 1);
        m_visible.insert(m_visible.end(), m_pending.begin(), m_pending.end());
        m_pending.clear();
        endInsertRows();
    }
    notifyPendingCount();
    if (count > 0)
        Q_EMIT rowsBatchInserted(count);
}

// The same while folding: keepalives join the open run, which may be the last row shown already
// (it grows in place: one dataChanged), or start rows of their own.
void LogModel::insertPendingFolded()
{
    const int lastRow = int(visibleCount()) - 1;
    bool grew = false;
    std::vector<quint64> rows;
    rows.reserve(m_pending.size());
    FoldingOut out{this, rows};
    for (const quint64 seq : m_pending) {
        out.push_back(seq);
        grew = grew || rows.empty();  // joined the run of the last row shown
    }
    m_pending.clear();
    const auto count = int(rows.size());
    if (count > 0) {
        beginInsertRows({}, lastRow + 1, lastRow + count);
        m_visible.insert(m_visible.end(), rows.begin(), rows.end());
        endInsertRows();
    }
    if (grew && lastRow >= 0)
        Q_EMIT dataChanged(index(lastRow, 0), index(lastRow, int(LogColumn::Count) - 1));
    notifyPendingCount();
    if (count > 0)
        Q_EMIT rowsBatchInserted(count);
}

void LogModel::notifyPendingCount()
{
    const auto count = qsizetype(m_pending.size());
    if (count == m_notifiedPending)
        return;
    m_notifiedPending = count;
    Q_EMIT pendingCountChanged(count);
}

quint64 LogModel::storeEndSeq() const { return m_store ? m_store->firstSeq() + quint64(m_store->size()) : 0; }

qsizetype LogModel::storeRowOf(int row) const
{
    if (!m_store || row < 0 || row >= visibleCount())
        return -1;
    const KeepaliveFolds::Fold *fold = foldAt(row);
    return storeRowOfSeq(fold ? fold->last : visibleSeq(row));
}

qsizetype LogModel::storeRowOfSeq(quint64 seq) const
{
    if (!m_store)
        return -1;
    const quint64 first = m_store->firstSeq();
    if (seq < first || seq - first >= quint64(m_store->size()))
        return -1;
    return qsizetype(seq - first);
}

bool LogModel::passes(qsizetype storeRow) const { return m_filter.isEmpty() || m_filter.matches(*m_store, storeRow); }

const KeepaliveFolds::Fold *LogModel::foldAt(int row) const
{
    return m_folds.isEmpty() ? nullptr : m_folds.find(visibleSeq(row));
}

// The entries of a run: the rows from `key` to its newest that pass the filter (no other row can
// be among them, or the run would have ended).
std::vector<quint64> LogModel::foldMembers(quint64 key, const KeepaliveFolds::Fold &fold) const
{
    std::vector<quint64> members;
    if (!m_store)
        return members;
    members.reserve(std::size_t(fold.count));
    for (quint64 seq = key; seq <= fold.last && qsizetype(members.size()) < fold.count; ++seq) {
        const qsizetype row = storeRowOfSeq(seq);
        if (row >= 0 && passes(row))
            members.push_back(seq);
    }
    return members;
}

}  // namespace cs
