#pragma once
// Sending: a REST trigger form (one or many channels, event, JSON data checked as it is typed,
// exclude-my-connection, info), a batch form (up to 10 rows), and a client-event form for the
// subscribed private and presence channels. The server's answer shows beside the forms; what was
// sent goes into a history, and forms can be kept as named templates (both in QSettings).
// Ctrl+Enter sends the form that has the focus. No modal dialogs: problems show inline in red.
//
// The forms (triggerform.h, batchform.h, clienteventform.h) hold the widgets; whether a form may
// be sent is decided by the rules of publishrules.h and clienteventrules.h. This panel puts them
// together and does the REST sending, with its history.

#include "session.h"
#include "batchform.h"
#include "publishhistory.h"

#include <QPointer>
#include <QTimer>
#include <QWidget>

class QLabel;
class QSettings;
class QTabWidget;

namespace cs {
struct RestResponse;
}

namespace cs::ui {

class ClientEventForm;
class PublishAnswerView;
class PublishHistoryView;
class TriggerForm;

class PublishPanel : public QWidget {
    Q_OBJECT
public:
    static constexpr int kMaxBatchRows = BatchForm::kMaxRows;

    explicit PublishPanel(QWidget *parent = nullptr);
    ~PublishPanel() override;

    void setSession(Session *session);  // null for none; a new one replaces the old
    // The window's settings, for the history and templates (null: the default QSettings).
    void setSettings(QSettings *settings);
    Session *session() const { return m_session; }

    // What the send buttons (and Ctrl+Enter) do. False when nothing was sent; the reason is
    // shown inline.
    bool sendTrigger();
    bool sendBatch();
    bool sendClientEvent();

    // Channels the client-event form offers: subscribed private/presence, not encrypted.
    QStringList clientEventChannels() const;
    const PublishHistory &history() const { return m_history; }

Q_SIGNALS:
    void statusMessage(const QString &message);
    // After each REST answer (trigger or batch) is shown.
    void answerShown(bool ok);

protected:
    void changeEvent(QEvent *event) override;

private:
    QWidget *buildSide();
    // Everything that depends on the session (or its absence) follows it.
    void refreshForSession();
    void loadRecord(const PublishRecord &record, bool send);
    void saveTemplate(const QString &name);
    // Records the send in the history, shows it pending, and fills in the answer when it comes.
    void sendRecorded(const PublishRecord &record, const QString &what,
                      const std::function<void(RestClient *, RestClient::Callback)> &call);
    void showAnswer(const QString &what, const RestResponse &response);

    QPointer<Session> m_session;
    PublishHistory m_history;
    QTimer m_clientRefresh;

    QLabel *m_empty = nullptr;  // no session: what to do first
    QTabWidget *m_tabs = nullptr;
    TriggerForm *m_trigger = nullptr;
    BatchForm *m_batch = nullptr;
    ClientEventForm *m_client = nullptr;
    PublishAnswerView *m_answer = nullptr;
    PublishHistoryView *m_historyView = nullptr;
};

}  // namespace cs::ui
