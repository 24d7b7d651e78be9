#pragma once

#include "profilemanager.h"
#include "profilestore.h"
#include "authorizer.h"
#include "logstore.h"

#include "theme.h"

#include <QMainWindow>
#include <QPointer>

#include <memory>

class QAction;
class QComboBox;
class QDockWidget;
class QLabel;
class QSettings;

namespace cs {
class ProfileStore;
class SecretStore;
class Session;
struct Profile;
}  // namespace cs

namespace cs::ui {

class ChannelsPanel;
class ClientsPanel;
class InspectPanel;
class TapPanel;
class LogPanel;
class PresencePanel;
class ProfileManagerWidget;
class ContractsManager;
class PublishPanel;
class SessionFileActions;
class ScenarioPanel;
class StateBadge;

struct MainWindowOptions {
    QSettings *settings = nullptr;       // null: the application's QSettings
    SecretStore *secretStore = nullptr;  // null: the system keychain through QtKeychain
};

// The console: a toolbar (profile, connect/disconnect, state badge) over dockable panels —
// Event log, Channels, Presence, Publish, Inspect, Profile — all driven by one cs::Session per
// connection. The log store lives as long as the window, across sessions.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(const MainWindowOptions &options = {}, QWidget *parent = nullptr);
    ~MainWindow() override;

    LogStore *log() { return &m_log; }
    ProfileStore *profiles() const { return m_profiles; }
    Session *session() const;
    LogPanel *logPanel() const { return m_logPanel; }
    ChannelsPanel *channelsPanel() const { return m_channelsPanel; }
    PresencePanel *presencePanel() const { return m_presencePanel; }
    PublishPanel *publishPanel() const { return m_publishPanel; }
    InspectPanel *inspectPanel() const { return m_inspectPanel; }
    ScenarioPanel *scenarioPanel() const { return m_scenarioPanel; }
    ClientsPanel *clientsPanel() const { return m_clientsPanel; }
    TapPanel *tapPanel() const { return m_tapPanel; }
    StateBadge *stateBadge() const { return m_badge; }
    // File → Open/Save session, recent files, drops and Replay selected… (sessionfileactions.h).
    SessionFileActions *sessionFiles() const { return m_sessionFiles; }
    ContractsManager *contracts() const { return m_contracts; }

    // Connects with the current profile (or `profileId`); returns false with a status-bar message
    // when the profile is not usable.
    bool connectProfile(const QString &profileId = {});
    void disconnectSession();
    // Subscribes the current session with the profile's presence identity.
    Status subscribe(const QString &channel);
    // Shows and raises a panel: "log", "channels", "presence", "publish", "inspect", "profile", "scenario",
    // "clients", "tap".
    bool raisePanel(const QString &name);
    // Applies a theme to the whole app and keeps it for the next start (View → Theme does the same).
    void setTheme(Theme theme);
    // Selects a profile by id or name.
    bool selectProfile(const QString &idOrName);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void buildActions();
    void buildToolbar();
    void buildDocks();
    void buildMenus();
    QDockWidget *addPanel(QWidget *panel, const QString &title, const QString &objectName, Qt::DockWidgetArea area);
    bool restoreLayout();  // false when nothing was saved yet
    void saveLayout();
    void resetLayout();
    void refreshProfileCombo();
    void onProfileChosen(int index);
    void startSession(const Profile &profile);
    void updateActions();
    void showStatus(const QString &message, int timeoutMs = 8000);
    void updateLogStatus();

    QSettings *m_settings;
    std::unique_ptr<QSettings> m_ownedSettings;
    std::unique_ptr<SecretStore> m_ownedSecrets;
    LogStore m_log;
    ProfileStore *m_profiles = nullptr;
    std::unique_ptr<Session> m_session;
    QString m_sessionProfileId;
    PresenceIdentity m_identity;

    QComboBox *m_profileCombo = nullptr;
    StateBadge *m_badge = nullptr;
    QLabel *m_logStatus = nullptr;
    QLabel *m_stateHint = nullptr;  // the status bar's standing line (statushint.h)
    QString m_sessionProfileName;
    QAction *m_connectAction = nullptr;
    QAction *m_disconnectAction = nullptr;
    QAction *m_resetLayoutAction = nullptr;
    LogPanel *m_logPanel = nullptr;
    ChannelsPanel *m_channelsPanel = nullptr;
    PresencePanel *m_presencePanel = nullptr;
    PublishPanel *m_publishPanel = nullptr;
    InspectPanel *m_inspectPanel = nullptr;
    ScenarioPanel *m_scenarioPanel = nullptr;  // runs scenario files against the current profile
    ClientsPanel *m_clientsPanel = nullptr;    // several clients side by side on this window's log
    TapPanel *m_tapPanel = nullptr;            // the taps and the webhook inbox (issue 11)
    ProfileManagerWidget *m_profileWidget = nullptr;
    ContractsManager *m_contracts = nullptr;  // payload contracts of the current profile (Log → Contracts…)
    SessionFileActions *m_sessionFiles = nullptr;
    QList<QDockWidget *> m_docks;
    QByteArray m_defaultState;
};

}  // namespace cs::ui
