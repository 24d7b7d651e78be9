#pragma once
// Asking the server through the REST API: occupied channels (prefix filter, counts), one
// channel's info, a presence channel's users, and terminating a user's connections (with an
// inline confirmation, no dialog). Answers are shown as tables, errors as red messages.

#include "session.h"

#include <QPointer>
#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableWidget;

namespace cs {
struct RestResponse;
}

namespace cs::ui {

class EmptyState;

class InspectPanel : public QWidget {
    Q_OBJECT
public:
    explicit InspectPanel(QWidget *parent = nullptr);
    ~InspectPanel() override;

    void setSession(Session *session);  // null for none
    Session *session() const { return m_session; }

    // What the buttons do.
    void listChannels();
    void showChannel();
    void listUsers();
    void requestTerminate();  // shows the inline confirmation
    void confirmTerminate();
    void cancelTerminate();

Q_SIGNALS:
    void statusMessage(const QString &message);
    // After each answer is shown; `what` is "channels", "channel", "users" or "terminate".
    void answerShown(const QString &what, bool ok);

protected:
    void changeEvent(QEvent *event) override;

private:
    void updateButtons();
    // Shows an error (or clears it when ok) and returns ok.
    bool report(const QString &what, const QString &title, const RestResponse &response);
    void fillChannels(const RestResponse &response);
    void fillChannelInfo(const QString &channel, const RestResponse &response);
    void fillUsers(const QString &channel, const RestResponse &response);

    QPointer<Session> m_session;
    quint64 m_channelsRequest = 0;
    quint64 m_channelRequest = 0;
    quint64 m_usersRequest = 0;

    QLineEdit *m_prefix = nullptr;
    QPushButton *m_channelsButton = nullptr;
    QTableWidget *m_channelsTable = nullptr;
    QLabel *m_channelsCount = nullptr;
    EmptyState *m_channelsEmpty = nullptr;
    EmptyState *m_usersEmpty = nullptr;
    QLineEdit *m_channelName = nullptr;
    QCheckBox *m_subscriptionCount = nullptr;
    QPushButton *m_channelButton = nullptr;
    QPushButton *m_usersButton = nullptr;
    QLabel *m_infoTitle = nullptr;
    QTableWidget *m_channelInfo = nullptr;
    QLabel *m_usersTitle = nullptr;
    QTableWidget *m_usersTable = nullptr;
    QLabel *m_usersCount = nullptr;
    QLineEdit *m_terminateUserId = nullptr;
    QPushButton *m_terminateButton = nullptr;
    QWidget *m_confirmBar = nullptr;
    QLabel *m_confirmText = nullptr;
    QPushButton *m_confirmButton = nullptr;
    QPushButton *m_cancelButton = nullptr;
    QLabel *m_error = nullptr;
    QLabel *m_status = nullptr;
};

}  // namespace cs::ui
