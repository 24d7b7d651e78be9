#pragma once
// Subscribing and watching subscriptions: the subscribe form (channelsubscribeform.h), a table of
// the session's subscriptions (SubscriptionTableModel, coloured by SubscriptionStyleProxy) with
// an Unsubscribe button and a summary, and below it user sign-in (signinbar.h).

#include "session.h"
#include "subscriptiontablemodel.h"

#include <QPointer>
#include <QWidget>

class QLabel;
class QSettings;
class QPushButton;
class QTableView;

namespace cs::ui {

class ChannelSubscribeForm;
class EmptyState;
class SigninBar;
class SubscriptionStyleProxy;

class ChannelsPanel : public QWidget {
    Q_OBJECT
public:
    explicit ChannelsPanel(QWidget *parent = nullptr);
    ~ChannelsPanel() override;

    // The session whose channels are shown; null for none. A new session replaces the old one.
    void setSession(Session *session);
    // The window's settings, for the recent channels (null: the default QSettings).
    void setSettings(QSettings *settings);
    Session *session() const { return m_session; }
    // Prefills the presence identity fields (user id + user info JSON).
    void setDefaultIdentity(const PresenceIdentity &identity);

    QStringList recentChannels() const;
    QString selectedChannel() const;
    SubscriptionTableModel *model() const { return m_model; }       // what the rows hold
    SubscriptionStyleProxy *styleProxy() const { return m_proxy; }  // what the table shows

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
    void buildTable();
    void onRefreshed();
    void updateButtons();
    void unsubscribeSelected();
    void selectChannel(const QString &channel);
    void onCurrentRowChanged();

    QPointer<Session> m_session;
    SubscriptionTableModel *m_model;
    SubscriptionStyleProxy *m_proxy;
    QString m_selectAfterRefresh;
    QString m_lastSelected;

    ChannelSubscribeForm *m_form = nullptr;
    QTableView *m_table = nullptr;
    QPushButton *m_unsubscribeButton = nullptr;
    QLabel *m_summary = nullptr;
    EmptyState *m_empty = nullptr;
    SigninBar *m_signin = nullptr;
};

}  // namespace cs::ui
