#pragma once
// The client-event form: a subscribed private or presence channel, the name after the fixed
// client- prefix, and JSON data. Whether it may be sent is canSendClientEvent()
// (clienteventrules.h) over draft(); the form sends over the session's WebSocket itself (no
// history: client events are not REST calls).

#include "clienteventrules.h"
#include "session.h"

#include <QPointer>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace cs::ui {

class JsonEditor;

class ClientEventForm : public QWidget {
    Q_OBJECT
public:
    explicit ClientEventForm(QWidget *parent = nullptr);

    void setSession(Session *session);  // null for none

    // Subscribed private and presence channels: what the channel choice offers.
    QStringList offeredChannels() const;
    // The subscriptions changed: the channel choice follows, keeping the selection if it can.
    void refreshChannels();
    ClientEventDraft draft() const;
    // Shows the typed problem inline, enables Send from canSendClientEvent(), and returns it.
    Status validate();
    // False when nothing was sent; the reason is shown inline and in statusMessage().
    bool send();

Q_SIGNALS:
    void statusMessage(const QString &message);

private:
    QPointer<Session> m_session;
    QComboBox *m_channel = nullptr;
    QLineEdit *m_event = nullptr;
    JsonEditor *m_data = nullptr;
    QCheckBox *m_plainString = nullptr;
    QLabel *m_error = nullptr;
    QLabel *m_status = nullptr;
    QLabel *m_empty = nullptr;  // connected, but no channel takes client events yet
    QPushButton *m_sendButton = nullptr;
};

}  // namespace cs::ui
