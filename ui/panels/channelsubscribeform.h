#pragma once
// The channels panel's subscribe form: a channel field that names the type from the name's
// prefix and warns about an invalid name before anything is sent, the recent channels (kept in
// QSettings, offered by a menu and by completion), and a per-subscription presence identity that
// only shows for presence- channels.

#include "session.h"

#include <QPointer>
#include <QWidget>

class QCompleter;
class QLabel;
class QLineEdit;
class QSettings;
class QPushButton;
class QStringListModel;
class QToolButton;

namespace cs::ui {

class JsonEditor;

class ChannelSubscribeForm : public QWidget {
    Q_OBJECT
public:
    static constexpr int kMaxRecent = 20;

    explicit ChannelSubscribeForm(QWidget *parent = nullptr);

    void setSession(Session *session);  // null for none
    // Where recent channels are kept: the window's settings (null: the default QSettings).
    void setSettings(QSettings *settings);
    // Prefills the presence identity fields (user id + user info JSON).
    void setIdentity(const PresenceIdentity &identity);
    QStringList recentChannels() const { return m_recent; }

    // Subscribes to what the field holds (as Enter and the button do). False when nothing was
    // sent: invalid name, bad identity or no session; the reason is shown under the field.
    bool subscribeFromField();
    // Re-checks the field against the session's subscriptions and the palette.
    void updateFeedback();

Q_SIGNALS:
    void subscribed(const QString &channel);  // asked for; the table selects it once it shows
    void statusMessage(const QString &message);

private:
    void buildUi();
    void addRecent(const QString &channel);
    void loadRecent();
    void rebuildRecentMenu();
    ServerLimits limits() const;      // the session's, hosted Pusher's without one
    qsizetype userInfoBytes() const;  // the presence user info as channel_data carries it

    QPointer<Session> m_session;
    QStringList m_recent;
    QSettings *m_settings = nullptr;

    QLineEdit *m_field = nullptr;
    QToolButton *m_recentButton = nullptr;
    QPushButton *m_subscribeButton = nullptr;
    QLabel *m_typeLabel = nullptr;
    QLabel *m_warning = nullptr;
    QWidget *m_presenceBox = nullptr;
    QLineEdit *m_userId = nullptr;
    JsonEditor *m_userInfo = nullptr;
    QCompleter *m_completer = nullptr;
    QStringListModel *m_recentModel = nullptr;
};

}  // namespace cs::ui
