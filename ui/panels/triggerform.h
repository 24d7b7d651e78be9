#pragma once
// The REST trigger form: one or more channels, the event, JSON data checked as it is typed,
// exclude-my-connection and info. Whether it may be sent is canSendTrigger() (publishrules.h)
// over draft(); the form shows that answer and asks for a send, the panel sends.

#include "publishhistory.h"
#include "publishrules.h"
#include "session.h"

#include <QPointer>
#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QToolButton;

namespace cs::ui {

class JsonEditor;

class TriggerForm : public QWidget {
    Q_OBJECT
public:
    explicit TriggerForm(QWidget *parent = nullptr);

    void setSession(Session *session);  // null for none

    TriggerDraft draft() const;
    // Shows problems and warnings inline, enables Send from canSendTrigger(), and returns it.
    Status validate();
    PublishRecord record() const;
    void load(const PublishRecord &record);
    // The connection's socket id changed: exclude-my-connection follows it.
    void updateExcludeMe();
    // After a refused send: the data editor takes the focus when the data is the problem.
    void focusProblem();

Q_SIGNALS:
    // Send button, Ctrl+Enter in the form or the data editor.
    void sendRequested();

private:
    void buildChannelsPicker();
    void appendChannel(const QString &channel);

    QPointer<Session> m_session;
    QLineEdit *m_channels = nullptr;
    QToolButton *m_channelsPick = nullptr;
    QLineEdit *m_event = nullptr;
    JsonEditor *m_data = nullptr;
    QLabel *m_dataError = nullptr;
    QCheckBox *m_plainString = nullptr;
    QCheckBox *m_excludeMe = nullptr;
    QCheckBox *m_infoUserCount = nullptr;
    QCheckBox *m_infoSubscriptionCount = nullptr;
    QLabel *m_formError = nullptr;
    QPushButton *m_sendButton = nullptr;
};

}  // namespace cs::ui
