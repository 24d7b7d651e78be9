#pragma once
// Sending: a REST trigger form (one or many channels, event, JSON data checked as it is typed,
// exclude-my-connection, info), a batch form (up to 10 rows), and a client-event form for the
// subscribed private and presence channels. The server's answer shows beside the forms; what was
// sent goes into a history, and forms can be kept as named templates (both in QSettings).
// Ctrl+Enter sends the form that has the focus. No modal dialogs: problems show inline in red.

#include "session.h"
#include "publishhistory.h"

#include <QPointer>
#include <QTimer>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QListWidgetItem;
class QPlainTextEdit;
class QPushButton;
class QTableWidget;
class QTabWidget;
class QToolButton;

namespace cs {
struct RestResponse;
}

namespace cs::ui {

class JsonEditor;

class PublishPanel : public QWidget {
    Q_OBJECT
public:
    static constexpr int kMaxBatchRows = 10;

    explicit PublishPanel(QWidget *parent = nullptr);
    ~PublishPanel() override;

    void setSession(Session *session);  // null for none; a new one replaces the old
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
    QWidget *buildTriggerForm();
    QWidget *buildBatchForm();
    QWidget *buildClientForm();
    QWidget *buildAnswerArea();
    void addSendShortcut(QWidget *form, bool (PublishPanel::*send)());

    QStringList triggerChannelList() const;
    void validateTrigger();
    void updateExcludeMe();
    void addBatchRow(const PublishBatchRow &row = {});
    void validateBatch();
    void refreshClientChannels();
    void validateClient();

    PublishRecord currentTriggerRecord() const;
    PublishRecord currentBatchRecord() const;
    void loadRecord(const PublishRecord &record);
    void rebuildHistoryList();
    void updateHistoryButtons();
    const PublishRecord *recordOf(const QListWidgetItem *item) const;
    void loadSelected(bool send);
    void deleteSelected();
    void saveTemplate();

    void showPending(const QString &what);
    // Records the send in the history, shows it pending, and fills in the answer when it comes.
    void sendRecorded(const PublishRecord &record, const QString &what,
                      const std::function<void(RestClient *, RestClient::Callback)> &call);
    void showAnswer(const QString &what, const RestResponse &response);

    QPointer<Session> m_session;
    PublishHistory m_history;
    QTimer m_clientRefresh;
    bool m_validatingBatch = false;

    QTabWidget *m_tabs = nullptr;
    // Trigger form.
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
    // Batch form.
    QTableWidget *m_batchTable = nullptr;
    QPushButton *m_batchAdd = nullptr;
    QPushButton *m_batchRemove = nullptr;
    QCheckBox *m_batchPlainString = nullptr;
    QLabel *m_batchError = nullptr;
    QPushButton *m_batchSendButton = nullptr;
    // Client-event form.
    QComboBox *m_clientChannel = nullptr;
    QLineEdit *m_clientEvent = nullptr;
    JsonEditor *m_clientData = nullptr;
    QCheckBox *m_clientPlainString = nullptr;
    QLabel *m_clientError = nullptr;
    QLabel *m_clientStatus = nullptr;
    QPushButton *m_clientSendButton = nullptr;
    // Answer, history and templates.
    QLabel *m_answerStatus = nullptr;
    QPlainTextEdit *m_answer = nullptr;
    QListWidget *m_historyList = nullptr;
    QLineEdit *m_templateName = nullptr;
    QPushButton *m_saveTemplate = nullptr;
    QPushButton *m_historyLoad = nullptr;
    QPushButton *m_historyResend = nullptr;
    QPushButton *m_historyDelete = nullptr;
};

} // namespace cs::ui
