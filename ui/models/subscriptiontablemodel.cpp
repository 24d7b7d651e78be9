#include "subscriptiontablemodel.h"

#include "channelkindtext.h"

#include <algorithm>
#include <limits>

namespace cs::ui {

SubscriptionRow SubscriptionRow::of(const Subscription &sub)
{
    SubscriptionRow row;
    row.name = sub.name;
    row.kind = sub.kind;
    row.state = sub.state;
    row.error = sub.error;
    row.events = sub.eventCount;
    row.members = int(sub.members.size());
    row.myUserId = sub.myUserId;
    row.cacheMiss = sub.cacheMiss;
    return row;
}

SubscriptionTableModel::SubscriptionTableModel(QObject *parent) : QAbstractTableModel(parent)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &SubscriptionTableModel::refresh);
}

void SubscriptionTableModel::reloadAll()
{
    beginResetModel();
    m_rows.clear();
    if (m_registry) {
        for (const QString &name : m_registry->channelNames()) {
            if (const Subscription *sub = m_registry->subscription(name))
                m_rows.append(SubscriptionRow::of(*sub));
        }
    }
    endResetModel();
}

void SubscriptionTableModel::setRegistry(ChannelRegistry *registry)
{
    if (m_registry == registry)
        return;
    if (m_registry)
        disconnect(m_registry, nullptr, this, nullptr);
    m_timer.stop();
    m_registry = registry;
    reloadAll();
    if (registry) {
        connect(registry, &ChannelRegistry::subscriptionChanged, this, &SubscriptionTableModel::scheduleRefresh);
        // The registry goes with its session: drop the rows without touching it again.
        connect(registry, &QObject::destroyed, this, [this] {
            m_timer.stop();
            beginResetModel();
            m_rows.clear();
            endResetModel();
            Q_EMIT refreshed();
        });
    }
    Q_EMIT refreshed();
}

void SubscriptionTableModel::scheduleRefresh()
{
    if (m_timer.isActive())
        return;
    const qint64 since = m_sinceRefresh.isValid() ? m_sinceRefresh.elapsed() : std::numeric_limits<qint64>::max();
    m_timer.start(since >= m_intervalMs ? 0 : int(m_intervalMs - since));
}

void SubscriptionTableModel::refresh()
{
    m_timer.stop();
    m_sinceRefresh.restart();
    if (!m_registry) {
        if (!m_rows.isEmpty()) {
            beginResetModel();
            m_rows.clear();
            endResetModel();
        }
        Q_EMIT refreshed();
        return;
    }
    const QStringList names = m_registry->channelNames();

    // Gone channels first, bottom up.
    for (int i = int(m_rows.size()) - 1; i >= 0; --i) {
        if (!names.contains(m_rows.at(i).name)) {
            beginRemoveRows({}, i, i);
            m_rows.removeAt(i);
            endRemoveRows();
        }
    }
    // The rows left are in registry order (it only appends and removes): insert the new ones
    // where they belong. Anything else means the order changed; then reset.
    for (int j = 0; j < names.size(); ++j) {
        if (j < m_rows.size() && m_rows.at(j).name == names.at(j))
            continue;
        const bool knownLater = std::any_of(m_rows.cbegin() + qMin<qsizetype>(j, m_rows.size()), m_rows.cend(),
                                            [&](const SubscriptionRow &r) { return r.name == names.at(j); });
        if (knownLater) {
            reloadAll();
            Q_EMIT refreshed();
            return;
        }
        const Subscription *sub = m_registry->subscription(names.at(j));
        if (!sub)
            continue;
        beginInsertRows({}, j, j);
        m_rows.insert(j, SubscriptionRow::of(*sub));
        endInsertRows();
    }
    // Then the values.
    for (int i = 0; i < m_rows.size(); ++i) {
        const Subscription *sub = m_registry->subscription(m_rows.at(i).name);
        if (!sub)
            continue;
        const SubscriptionRow fresh = SubscriptionRow::of(*sub);
        if (!fresh.sameAs(m_rows.at(i))) {
            m_rows[i] = fresh;
            Q_EMIT dataChanged(index(i, 0), index(i, ColumnCount - 1));
        }
    }
    Q_EMIT refreshed();
}

QString SubscriptionTableModel::channelAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).name : QString();
}

int SubscriptionTableModel::rowOf(const QString &channel) const
{
    for (int i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).name == channel)
            return i;
    }
    return -1;
}

int SubscriptionTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int SubscriptionTableModel::columnCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant SubscriptionTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    return rowData(m_rows.at(index.row()), index.column(), role);
}

QVariant SubscriptionTableModel::rowData(const SubscriptionRow &row, int column, int role)
{
    const bool presence = row.kind.type == ChannelType::Presence;
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case ChannelColumn: return row.name;
        case TypeColumn: return channelKindLabel(row.kind);
        case StateColumn:
            if (row.state == SubscriptionState::Failed)
                return tr("failed: %1").arg(row.error);
            if (row.state == SubscriptionState::Subscribed && row.cacheMiss)
                return tr("subscribed (cache miss)");
            return subscriptionStateName(row.state);
        case EventsColumn: return QVariant::fromValue(row.events);
        case MembersColumn:
            return presence && row.state == SubscriptionState::Subscribed ? QVariant(row.members) : QVariant();
        }
        break;
    case Qt::ToolTipRole:
        switch (column) {
        case ChannelColumn: return QStringLiteral("%1\n%2").arg(row.name, channelKindDescription(row.kind));
        case TypeColumn: return channelKindDescription(row.kind);
        case StateColumn:
            switch (row.state) {
            case SubscriptionState::Failed: return tr("Subscription failed: %1").arg(row.error);
            case SubscriptionState::Pending: return tr("Waiting for the connection or for the server's confirmation");
            case SubscriptionState::Subscribed:
                return row.cacheMiss ? tr("Subscribed; the server had nothing cached for this channel")
                                     : tr("Subscribed: the server confirmed the subscription");
            case SubscriptionState::Unsubscribed: return tr("Not subscribed");
            }
            break;
        case EventsColumn: return tr("Events received on this channel since it was subscribed");
        case MembersColumn:
            return presence ? tr("Members in the roster; you joined as %1")
                                  .arg(row.myUserId.isEmpty() ? tr("(unknown)") : row.myUserId)
                            : tr("Only presence channels have members");
        }
        break;
    case Qt::TextAlignmentRole:
        if (column == EventsColumn || column == MembersColumn)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        break;
    case ChannelNameRole: return row.name;
    case StateRole: return int(row.state);
    case ErrorRole: return row.error;
    case CacheMissRole: return row.cacheMiss;
    default: break;
    }
    return {};
}

QVariant SubscriptionTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::DisplayRole) {
        switch (section) {
        case ChannelColumn: return tr("Channel");
        case TypeColumn: return tr("Type");
        case StateColumn: return tr("State");
        case EventsColumn: return tr("Events");
        case MembersColumn: return tr("Members");
        }
    } else if (role == Qt::ToolTipRole) {
        switch (section) {
        case ChannelColumn: return tr("Channel name");
        case TypeColumn: return tr("Channel type, from the name's prefix");
        case StateColumn: return tr("pending, subscribed, or failed with the reason");
        case EventsColumn: return tr("Events received on the channel");
        case MembersColumn: return tr("Presence channels: members in the roster");
        }
    }
    return {};
}

}  // namespace cs::ui
