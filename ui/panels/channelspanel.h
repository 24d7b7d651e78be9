#pragma once
// Subscribing and watching subscriptions: a subscribe field that names the channel type from its
// prefix and warns about an invalid name before anything is sent, a per-subscription presence
// identity (presence- channels only), recent channels, and a table of the session's
// subscriptions (state, failure reason, event counters, presence members). Below it, user
// sign-in: a Sign in button (the profile's presence identity) and one line saying who is signed
// in and how many events reached #server-to-user-<id>, or why the sign-in failed or ended.

#include "session.h"
#include "authorizer.h"
#include "channels.h"

#include <QAbstractTableModel>
#include <QElapsedTimer>
#include <QPointer>
#include <QSet>
#include <QTimer>
#include <QWidget>

class QCompleter;
class QLabel;
class QLineEdit;
class QPushButton;
class QStringListModel;
class QTableView;
class QToolButton;

namespace cs::ui {

class JsonEditor;

// The subscriptions of one ChannelRegistry as a table. The registry says "something changed"
// on every event (counters), so changes are coalesced: the model refreshes at most once per
// refreshIntervalMs (the first change of a quiet period shows on the next event-loop turn).
// Rows hold a snapshot, so the model stays consistent between refreshes.
class SubscriptionTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { ChannelColumn, TypeColumn, EventsColumn, MembersColumn, StateColumn, ColumnCount };
    enum Role {
        ChannelNameRole = Qt::UserRole + 1,  // QString
        StateRole,                           // int(SubscriptionState)
        ErrorRole,                           // QString, failed rows
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

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // The palette the colours are derived from (the view's).
    void setPalette(const QPalette &palette);

Q_SIGNALS:
    void refreshed();

private:
    struct Row {
        QString name;
        ChannelKind kind;
        SubscriptionState state = SubscriptionState::Pending;
        QString error;
        quint64 events = 0;
        int members = 0;
        QString myUserId;
        bool cacheMiss = false;

        bool sameAs(const Row &o) const
        {
            return state == o.state && error == o.error && events == o.events && members == o.members
                && myUserId == o.myUserId && cacheMiss == o.cacheMiss;
        }
    };
    void scheduleRefresh();
    Row snapshot(const Subscription &sub) const;

    QPointer<ChannelRegistry> m_registry;
    QList<Row> m_rows;
    QTimer m_timer;
    QElapsedTimer m_sinceRefresh;
    int m_intervalMs = kDefaultRefreshIntervalMs;
    QPalette m_palette;
};

class ChannelsPanel : public QWidget {
    Q_OBJECT
public:
    static constexpr int kMaxRecent = 20;

    explicit ChannelsPanel(QWidget *parent = nullptr);
    ~ChannelsPanel() override;

    // The session whose channels are shown; null for none. A new session replaces the old one.
    void setSession(Session *session);
    Session *session() const { return m_session; }
    // Prefills the presence identity fields (user id + user info JSON).
    void setDefaultIdentity(const PresenceIdentity &identity);

    QStringList recentChannels() const { return m_recent; }
    QString selectedChannel() const;
    SubscriptionTableModel *model() const { return m_model; }

    // Subscribes to what the field holds (as Enter and the button do). False when nothing was
    // sent: invalid name, bad identity or no session; the reason is shown under the field.
    bool subscribeFromField();

    // Signs the session in with the default identity (as the Sign in button does). False when
    // there is no session or no user id.
    bool signIn();
    QString signinText() const;  // what the sign-in line shows

Q_SIGNALS:
    void channelSelected(const QString &channel);  // empty when the selection is cleared
    void statusMessage(const QString &message);

protected:
    void changeEvent(QEvent *event) override;

private:
    void buildUi();
    void updateFieldFeedback();
    void updateButtons();
    void unsubscribeSelected();
    void addRecent(const QString &channel);
    void loadRecent();
    void rebuildRecentMenu();
    void selectChannel(const QString &channel);
    void onCurrentRowChanged();
    void updateSignin();

    QPointer<Session> m_session;
    SubscriptionTableModel *m_model;
    PresenceIdentity m_defaultIdentity;
    QStringList m_recent;
    QString m_selectAfterRefresh;
    QString m_lastSelected;

    QLineEdit *m_field = nullptr;
    QToolButton *m_recentButton = nullptr;
    QPushButton *m_subscribeButton = nullptr;
    QLabel *m_typeLabel = nullptr;
    QLabel *m_warning = nullptr;
    QWidget *m_presenceBox = nullptr;
    QLineEdit *m_userId = nullptr;
    JsonEditor *m_userInfo = nullptr;
    QTableView *m_table = nullptr;
    QPushButton *m_unsubscribeButton = nullptr;
    QLabel *m_summary = nullptr;
    QLabel *m_signinStatus = nullptr;
    QPushButton *m_signinButton = nullptr;
    QCompleter *m_completer = nullptr;
    QStringListModel *m_recentModel = nullptr;
};

} // namespace cs::ui
