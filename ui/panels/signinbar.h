#pragma once
// User sign-in, one line under the channels table: a Sign in button (with the profile's presence
// identity) and a line saying who is signed in and how many events reached
// #server-to-user-<id>, or why the sign-in failed or ended. The status bar hears of every change.

#include "session.h"

#include <QPointer>
#include <QWidget>

class QLabel;
class QPushButton;

namespace cs::ui {

class SigninBar : public QWidget {
    Q_OBJECT
public:
    explicit SigninBar(QWidget *parent = nullptr);

    // The session to sign in; null for none. A sign-in asked for on the previous session is
    // asked for again on the new one, as channels are.
    void setSession(Session *session);
    void setIdentity(const PresenceIdentity &identity);  // the user to sign in as

    // Signs the session in (as the button does). False when there is no session or no user id.
    bool signIn();
    QString text() const;  // what the line shows
    // Re-reads the sign-in state and the event count of the user's channel.
    void refresh();

Q_SIGNALS:
    void statusMessage(const QString &message);

private:
    QPointer<Session> m_session;
    PresenceIdentity m_identity;
    QLabel *m_status = nullptr;
    QPushButton *m_button = nullptr;
};

}  // namespace cs::ui
