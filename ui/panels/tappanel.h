#pragma once
// The Tap dock: starts and stops the REST tap, the WebSocket tap and the webhook inbox
// (core/tap) for the connected profile, shows each one's state (address, or why it could not
// bind), the snippets to copy, the tapped clients with "show only this client" for the log, and
// the inbox's answer and forwarding. Ports and inbox settings persist per profile.

#include "credentials.h"

#include <QPointer>
#include <QWidget>

#include <array>
#include <memory>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSettings;
class QSpinBox;
class QTabWidget;
class QTableWidget;

namespace cs {
class LogStore;
namespace tap {
class RestTap;
class WsTap;
class WebhookInbox;
}  // namespace tap
}  // namespace cs

namespace cs::ui {

class TapPanel : public QWidget {
    Q_OBJECT

public:
    enum Listener { Rest, WebSocket, Webhook };

    explicit TapPanel(LogStore *log, QWidget *parent = nullptr);
    ~TapPanel() override;

    void setSettings(QSettings *settings) { m_settings = settings; }
    // The profile the taps forward to; running listeners stop (they forwarded to the old one).
    void setProfile(const QString &profileId, const Credentials &credentials);

    // What the Start/Stop buttons do.
    void start(Listener which);
    void stop(Listener which);
    bool isRunning(Listener which) const;
    quint16 port(Listener which) const;  // 0 when not running
    QString snippet(int index) const;    // the text of the snippet tab `index`
    void copySnippet();                  // the current tab's text to the clipboard

Q_SIGNALS:
    void statusMessage(const QString &message);
    void filterRequested(const QString &filter);  // "show only this client"

private:
    void toggle(Listener which);
    void refresh();
    void refreshClients();
    void saveSettings();
    void loadSettings();

    LogStore *m_log;
    QSettings *m_settings = nullptr;
    QString m_profileId;
    Credentials m_credentials;
    bool m_hasProfile = false;
    std::unique_ptr<tap::RestTap> m_rest;
    std::unique_ptr<tap::WsTap> m_ws;
    std::unique_ptr<tap::WebhookInbox> m_inbox;

    QLineEdit *m_bind = nullptr;
    std::array<QSpinBox *, 3> m_ports{};
    std::array<QPushButton *, 3> m_buttons{};
    std::array<QLabel *, 3> m_states{};
    QComboBox *m_webhookStatus = nullptr;
    QLineEdit *m_forward = nullptr;
    QTabWidget *m_snippets = nullptr;
    QTableWidget *m_clients = nullptr;
    QPushButton *m_onlyClient = nullptr;
};

}  // namespace cs::ui
