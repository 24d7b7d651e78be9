#include "logmodel.h"

#include "logstore.h"
#include "protocol.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <array>

namespace cs {

namespace {

constexpr int kDefaultUpdateIntervalMs = 33;  // ~30 view updates per second
constexpr int kSummaryLimit = 200;
constexpr int kToolTipLimit = 1000;
// Rows evicted from the top are dropped from m_visible in one move once they are this many and
// at least half of it, so that evicting costs O(1) per row however often it happens.
constexpr qsizetype kCompactAfter = 4096;

QString jsonText(const QJsonValue &value, bool indented)
{
    const auto format = indented ? QJsonDocument::Indented : QJsonDocument::Compact;
    switch (value.type()) {
    case QJsonValue::Undefined: return {};
    case QJsonValue::String: return value.toString();
    case QJsonValue::Object: return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(format)).trimmed();
    case QJsonValue::Array: return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(format)).trimmed();
    default: {  // a number, bool or null: the array's text without its brackets
        const QByteArray text = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
        return QString::fromUtf8(text.mid(1, text.size() - 2));
    }
    }
}

// Cuts `text` to at most `limit` characters, the last being an ellipsis when anything was cut,
// and never between the two halves of a surrogate pair.
QString truncated(QString text, int limit)
{
    if (text.size() <= limit)
        return text;
    qsizetype keep = limit - 1;
    if (keep > 0 && text[keep - 1].isHighSurrogate())
        --keep;
    text.truncate(keep);
    text += QChar(0x2026);
    return text;
}

// One line: control characters and line separators become spaces.
QString singleLine(const QString &text, int limit)
{
    QString line = text.left(limit + 1);
    for (QChar &c : line) {
        if (c.unicode() < 0x20 || c.unicode() == 0x7f || c.unicode() == 0x2028 || c.unicode() == 0x2029)
            c = u' ';
    }
    return truncated(line, limit);
}

// What the Summary column describes: a text (message, undecodable frame) or the decoded data.
struct SummarySource {
    QString text;
    QJsonValue value{QJsonValue::Undefined};
};

SummarySource summarySource(const LogEntry &entry)
{
    SummarySource source;
    if (!entry.isFrame()) {
        source.text = entry.message;
        source.value = entry.data();
        return source;
    }
    const Result<protocol::Frame> frame = protocol::parseFrame(entry.raw);
    if (frame)
        source.value = frame->data;
    else
        source.text = QString::fromUtf8(entry.raw);  // show what came, whatever it is
    return source;
}

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
    default: return {};
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

quint64 LogModel::seqAt(int row) const { return row >= 0 && row < visibleCount() ? visibleSeq(row) : 0; }

int LogModel::rowForSeq(quint64 seq) const
{
    const auto begin = m_visible.begin() + m_visibleHead;
    const auto it = std::lower_bound(begin, m_visible.end(), seq);
    return it != m_visible.end() && *it == seq ? int(it - begin) : -1;
}

void LogModel::setFilter(const LogFilter &filter)
{
    beginResetModel();
    m_filter = filter;
    rebuild();
    endResetModel();
    notifyPendingCount();
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

QString LogModel::summarize(const LogEntry &entry)
{
    const SummarySource source = summarySource(entry);
    const QString text = source.text.isEmpty() ? jsonText(source.value, false) : source.text;
    return singleLine(text, kSummaryLimit);
}

QString LogModel::summaryToolTip(const LogEntry &entry)
{
    const SummarySource source = summarySource(entry);
    QString text = source.text;
    const QString details = jsonText(source.value, true);
    if (!details.isEmpty())
        text = text.isEmpty() ? details : text + u'\n' + details;
    return truncated(text, kToolTipLimit);
}

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
    const qsizetype gone = std::lower_bound(begin, m_visible.end(), newFirst) - begin;
    if (gone > 0) {
        // The store still holds the rows: views may look at them until endRemoveRows.
        beginRemoveRows({}, 0, int(gone - 1));
        m_visibleHead += gone;
        if (m_visibleHead >= kCompactAfter && m_visibleHead * 2 >= qsizetype(m_visible.size())) {
            m_visible.erase(m_visible.begin(), m_visible.begin() + m_visibleHead);
            m_visibleHead = 0;
        }
        endRemoveRows();
    }
    while (!m_pending.empty() && m_pending.front() < newFirst)
        m_pending.pop_front();
    m_nextUnseenSeq = qMax(m_nextUnseenSeq, newFirst);
    m_shownEndSeq = qMax(m_shownEndSeq, newFirst);
    if (qsizetype(m_pending.size()) != m_notifiedPending && !m_flushTimer.isActive())
        m_flushTimer.start();  // tells the smaller count at the flush rate
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

void LogModel::rebuild()
{
    m_visible.clear();
    m_visibleHead = 0;
    m_pending.clear();
    if (!m_store) {
        m_nextUnseenSeq = m_shownEndSeq = 0;
        return;
    }
    const quint64 first = m_store->firstSeq();
    const quint64 end = storeEndSeq();
    // Paused: rows after the pause point stay pending under the new filter too.
    m_shownEndSeq = m_paused ? std::clamp(m_shownEndSeq, first, end) : end;
    scanRows(0, qsizetype(m_shownEndSeq - first), m_visible);
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
    const quint64 seq = visibleSeq(row);
    const quint64 first = m_store->firstSeq();
    if (seq < first || seq - first >= quint64(m_store->size()))
        return -1;
    return qsizetype(seq - first);
}

}  // namespace cs
