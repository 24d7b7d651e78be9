#pragma once
// The subscriptions of one ChannelRegistry as a table: channel, type, events, members and state
// (with the failure reason). Text and state roles only; SubscriptionStyleProxy gives the colours.
//
// The registry says "something changed" on every event (counters), so changes are coalesced: the
// model refreshes at most once per refreshIntervalMs (the first change of a quiet period shows on
// the next event-loop turn). Rows hold a snapshot, so the model stays consistent between refreshes.

#include "channels.h"

#include <QAbstractTableModel>
#include <QElapsedTimer>
#include <QPointer>
#include <QTimer>

namespace cs::ui {

// What one row shows of a Subscription, taken at a refresh.
struct SubscriptionRow {
    QString name;
    ChannelKind kind;
    SubscriptionState state = SubscriptionState::Pending;
    QString error;
    quint64 events = 0;
    int members = 0;
    QString myUserId;
    bool cacheMiss = false;

    static SubscriptionRow of(const Subscription &sub);
    // Same values shown (the name, and so the kind, is the row's identity).
    bool sameAs(const SubscriptionRow &o) const
    {
        return state == o.state && error == o.error && events == o.events && members == o.members
               && myUserId == o.myUserId && cacheMiss == o.cacheMiss;
    }
};

class SubscriptionTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { ChannelColumn, TypeColumn, EventsColumn, MembersColumn, StateColumn, ColumnCount };
    enum Role {
        ChannelNameRole = Qt::UserRole + 1,  // QString
        StateRole,                           // int(SubscriptionState)
        ErrorRole,                           // QString, failed rows
        CacheMissRole,                       // bool: subscribed, but the server had nothing cached
    };
    static constexpr int kDefaultRefreshIntervalMs = 100;

    explicit SubscriptionTableModel(QObject *parent = nullptr);

    void setRegistry(ChannelRegistry *registry);  // may be null
    ChannelRegistry *registry() const { return m_registry; }
    void setRefreshIntervalMs(int ms) { m_intervalMs = ms; }
    // Applies pending changes now.
    void refresh();

    QString channelAt(int row) const;
    int rowOf(const QString &channel) const;

    // What a cell of `row` holds for `role`: data() of the row's index, usable without a registry.
    static QVariant rowData(const SubscriptionRow &row, int column, int role);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    void refreshed();

private:
    void scheduleRefresh();
    void reloadAll();

    QPointer<ChannelRegistry> m_registry;
    QList<SubscriptionRow> m_rows;
    QTimer m_timer;
    QElapsedTimer m_sinceRefresh;
    int m_intervalMs = kDefaultRefreshIntervalMs;
};

}  // namespace cs::ui
