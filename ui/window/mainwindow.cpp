#include "mainwindow.h"

#include "channelspanel.h"
#include "clientspanel.h"
#include "inspectpanel.h"
#include "tappanel.h"
#include "logpanel.h"
#include "mainmenus.h"
#include "plaintextguard.h"
#include "presencepanel.h"
#include "profile.h"
#include "profileauth.h"
#include "profilemanager.h"
#include "contractsmanager.h"
#include "publishpanel.h"
#include "scenariopanel.h"
#include "secretstore_keychain.h"
#include "session.h"
#include "sessionfileactions.h"
#include "statebadge.h"
#include "statushint.h"
#include "theme.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QDockWidget>
#include <QKeySequence>
#include <QLabel>
#include <QRandomGenerator>
#include <QScreen>
#include <QSettings>
#include <QStatusBar>
#include <QTimer>
#include <QToolBar>

#include <algorithm>

namespace cs::ui {

namespace {
constexpr int kLayoutVersion = 1;           // bump when docks are added or renamed
constexpr int kChannelsDockMinWidth = 280;  // first-start widths, in pixels
constexpr int kPublishDockMinWidth = 420;
}  // namespace

MainWindow::MainWindow(const MainWindowOptions &options, QWidget *parent)
    : QMainWindow(parent),
      m_settings(options.settings)
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("Channelscope"));
    installPlainTextGuard();  // server text is never rendered as rich text (plaintextguard.h)
    if (!m_settings) {
        m_ownedSettings = std::make_unique<QSettings>();
        m_settings = m_ownedSettings.get();
    }
    SecretStore *secrets = options.secretStore;
    if (!secrets) {
        m_ownedSecrets = std::make_unique<KeychainSecretStore>();
        secrets = m_ownedSecrets.get();
    }
    m_profiles = new ProfileStore(m_settings, secrets, this);
    if (const Theme theme = savedTheme(*m_settings); theme != Theme::System)
        applyTheme(theme);  // before the widgets exist, so they are built in it

    buildActions();
    buildToolbar();
    buildDocks();
    buildMenus();
    m_sessionFiles =
        new SessionFileActions({this, &m_log, m_logPanel, m_profiles, m_settings, [this] { return m_session.get(); },
                                [this] { return m_sessionProfileName; },
                                [this](const QString &message) { showStatus(message); }},
                               this);

    m_logStatus = new QLabel(this);
    m_logStatus->setObjectName(QStringLiteral("logStatus"));
    m_logStatus->setTextFormat(Qt::PlainText);
    statusBar()->addPermanentWidget(m_logStatus);
    // The standing line follows the connection; a timed message (showStatus) covers it for a while.
    m_stateHint = new QLabel(this);
    m_stateHint->setObjectName(QStringLiteral("statusHint"));
    m_stateHint->setTextFormat(Qt::PlainText);
    statusBar()->addWidget(m_stateHint, 1);
    connect(&m_log, &LogStore::appended, this, &MainWindow::updateLogStatus);
    connect(&m_log, &LogStore::evicted, this, &MainWindow::updateLogStatus);
    connect(&m_log, &LogStore::cleared, this, &MainWindow::updateLogStatus);

    connect(m_profiles, &ProfileStore::profilesChanged, this, &MainWindow::refreshProfileCombo);
    connect(m_profiles, &ProfileStore::currentProfileChanged, this, &MainWindow::refreshProfileCombo);
    connect(m_profiles, &ProfileStore::secretsError, this, [this](const QString &, const Error &error) {
        showStatus(tr("Could not read a secret: %1").arg(error.message));
    });
    m_profiles->load();
    refreshProfileCombo();

    // First start: most of the screen the window opens on (a saved layout overrides it below).
    if (const QScreen *display = screen())
        resize((display->availableSize() * 0.9).expandedTo(minimumSizeHint()).boundedTo(display->availableSize()));
    else
        resize(1360, 860);
    if (!restoreLayout()) {
        // First start: give the log most of the width once the window has its real size.
        QTimer::singleShot(0, this, [this] {
            // Side panels grow with the screen but never below what their fields need.
            const int side = std::max(kChannelsDockMinWidth, width() / 5);
            const int publish = std::max(kPublishDockMinWidth, width() * 27 / 100);
            resizeDocks({findChild<QDockWidget *>(QStringLiteral("channelsDock")),
                         findChild<QDockWidget *>(QStringLiteral("logDock")),
                         findChild<QDockWidget *>(QStringLiteral("publishDock"))},
                        {side, width() - side - publish, publish}, Qt::Horizontal);
            resizeDocks({findChild<QDockWidget *>(QStringLiteral("channelsDock")),
                         findChild<QDockWidget *>(QStringLiteral("presenceDock"))},
                        {height() / 2, height() / 2}, Qt::Vertical);
            m_defaultState = saveState(kLayoutVersion);
        });
    }
    if (m_defaultState.isEmpty())
        m_defaultState = saveState(kLayoutVersion);
    updateActions();
    updateLogStatus();
}

MainWindow::~MainWindow()
{
    // Panels hold QPointers to the session; drop it before they go.
    m_session.reset();
    delete m_clientsPanel;  // its sessions write to m_log, which goes before the child widgets
}

Session *MainWindow::session() const { return m_session.get(); }

void MainWindow::buildActions()
{
    m_connectAction = new QAction(tr("&Connect"), this);
    m_connectAction->setObjectName(QStringLiteral("connectAction"));
    m_connectAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_K));
    m_connectAction->setToolTip(tr("Connect with the selected profile (Ctrl+K)"));
    connect(m_connectAction, &QAction::triggered, this, [this] { connectProfile(); });

    m_disconnectAction = new QAction(tr("&Disconnect"), this);
    m_disconnectAction->setObjectName(QStringLiteral("disconnectAction"));
    m_disconnectAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_K));
    m_disconnectAction->setToolTip(
        tr("Close the connection; subscriptions are kept for the next connect (Ctrl+Shift+K)"));
    connect(m_disconnectAction, &QAction::triggered, this, &MainWindow::disconnectSession);

    m_resetLayoutAction = new QAction(tr("&Reset layout"), this);
    m_resetLayoutAction->setToolTip(tr("Put every panel back where it started"));
    connect(m_resetLayoutAction, &QAction::triggered, this, &MainWindow::resetLayout);
}

void MainWindow::buildToolbar()
{
    auto *toolbar = addToolBar(tr("Connection"));
    toolbar->setObjectName(QStringLiteral("connectionToolbar"));
    toolbar->setMovable(false);
    auto *label = new QLabel(tr("Profile "), toolbar);
    toolbar->addWidget(label);
    m_profileCombo = new QComboBox(toolbar);
    m_profileCombo->setObjectName(QStringLiteral("profileCombo"));
    m_profileCombo->setMinimumContentsLength(18);
    m_profileCombo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_profileCombo->setToolTip(tr("The app credentials to connect with; edit them in the Profile panel"));
    connect(m_profileCombo, &QComboBox::activated, this, &MainWindow::onProfileChosen);
    toolbar->addWidget(m_profileCombo);
    toolbar->addAction(m_connectAction);
    toolbar->addAction(m_disconnectAction);
    toolbar->addSeparator();
    m_badge = new StateBadge(toolbar);
    toolbar->addWidget(m_badge);
}

QDockWidget *MainWindow::addPanel(QWidget *panel, const QString &title, const QString &objectName,
                                  Qt::DockWidgetArea area)
{
    auto *dock = new QDockWidget(title, this);
    dock->setObjectName(objectName);
    dock->setWidget(panel);
    dock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable
                      | QDockWidget::DockWidgetClosable);
    addDockWidget(area, dock);
    m_docks << dock;
    return dock;
}

void MainWindow::buildDocks()
{
    setDockNestingEnabled(true);
    setDockOptions(QMainWindow::AnimatedDocks | QMainWindow::AllowNestedDocks | QMainWindow::AllowTabbedDocks);

    m_logPanel = new LogPanel(&m_log, this);
    m_contracts = new ContractsManager(m_profiles, &m_log, this);
    // The log size limit is the user's choice and outlives the window.
    const QString capKey = QStringLiteral("log/cap");
    if (const qsizetype cap = m_settings->value(capKey).toLongLong(); cap > 0)
        m_log.setCap(std::clamp(cap, LogPanel::kMinLogCap, LogPanel::kMaxLogCap));
    connect(m_logPanel, &LogPanel::logCapChanged, this,
            [this, capKey](qsizetype cap) { m_settings->setValue(capKey, cap); });
    const QString bytesKey = QStringLiteral("log/byteBudget");
    if (const qint64 bytes = m_settings->value(bytesKey).toLongLong(); bytes > 0)
        m_log.setByteBudget(std::clamp(bytes, LogPanel::kMinLogBytes, LogPanel::kMaxLogBytes));
    connect(m_logPanel, &LogPanel::logByteBudgetChanged, this,
            [this, bytesKey](qint64 bytes) { m_settings->setValue(bytesKey, bytes); });
    const QString foldKey = QStringLiteral("log/foldKeepalives");
    m_logPanel->setFoldKeepalives(m_settings->value(foldKey, true).toBool());
    connect(m_logPanel, &LogPanel::foldKeepalivesChanged, this,
            [this, foldKey](bool fold) { m_settings->setValue(foldKey, fold); });
    m_channelsPanel = new ChannelsPanel(this);
    m_channelsPanel->setSettings(m_settings);
    m_presencePanel = new PresencePanel(this);
    m_publishPanel = new PublishPanel(this);
    m_publishPanel->setSettings(m_settings);
    m_inspectPanel = new InspectPanel(this);
    m_profileWidget = new ProfileManagerWidget(m_profiles, this);
    m_scenarioPanel = new ScenarioPanel(&m_log, this);
    m_scenarioPanel->setCredentialsSource([this]() -> Result<Credentials> {
        const std::optional<Profile> profile = m_profiles->profile(m_profiles->currentProfileId());
        if (!profile)
            return Error{ErrorCode::NoSession, tr("No profile to run against: create one in the Profile panel.")};
        if (const QMap<ProfileField, QString> problems = profile->validate(); !problems.isEmpty())
            return Error{ErrorCode::InvalidProfile,
                         tr("Profile \"%1\" is not complete: %2").arg(profile->name, problems.first())};
        return profile->credentials;
    });
    m_scenarioPanel->setContractsSource([this] { return m_contracts->contracts(); });
    // A failed step links to its entries: select them in the log and bring the log forward.
    connect(m_scenarioPanel, &ScenarioPanel::showLogRange, this, [this](quint64 first, quint64 end) {
        raisePanel(QStringLiteral("log"));
        if (!m_logPanel->selectSeqRange(first, end))
            showStatus(tr("The step's log entries are filtered out or no longer in the log."));
    });
    m_clientsPanel = new ClientsPanel(&m_log, this);
    m_clientsPanel->setCredentialsSource([this]() -> std::optional<Credentials> {
        return m_session ? std::optional<Credentials>(m_session->credentials()) : std::nullopt;
    });
    m_tapPanel = new TapPanel(&m_log, this);
    m_tapPanel->setSettings(m_settings);

    // The log is the heart of the window: it takes the centre, the rest docks around it.
    auto *logDock = addPanel(m_logPanel, tr("Event log"), QStringLiteral("logDock"), Qt::RightDockWidgetArea);
    auto *channelsDock =
        addPanel(m_channelsPanel, tr("Channels"), QStringLiteral("channelsDock"), Qt::LeftDockWidgetArea);
    auto *presenceDock =
        addPanel(m_presencePanel, tr("Presence"), QStringLiteral("presenceDock"), Qt::LeftDockWidgetArea);
    auto *publishDock = addPanel(m_publishPanel, tr("Publish"), QStringLiteral("publishDock"), Qt::RightDockWidgetArea);
    auto *inspectDock = addPanel(m_inspectPanel, tr("Inspect"), QStringLiteral("inspectDock"), Qt::RightDockWidgetArea);
    auto *profileDock =
        addPanel(m_profileWidget, tr("Profile"), QStringLiteral("profileDock"), Qt::RightDockWidgetArea);
    auto *tapDock = addPanel(m_tapPanel, tr("Tap"), QStringLiteral("tapDock"), Qt::RightDockWidgetArea);
    splitDockWidget(channelsDock, presenceDock, Qt::Vertical);
    splitDockWidget(logDock, publishDock, Qt::Horizontal);
    tabifyDockWidget(publishDock, inspectDock);
    tabifyDockWidget(inspectDock, profileDock);
    auto *scenarioDock =
        addPanel(m_scenarioPanel, tr("Scenario"), QStringLiteral("scenarioDock"), Qt::RightDockWidgetArea);
    tabifyDockWidget(profileDock, scenarioDock);
    tabifyDockWidget(profileDock,
                     addPanel(m_clientsPanel, tr("Clients"), QStringLiteral("clientsDock"), Qt::RightDockWidgetArea));
    tabifyDockWidget(profileDock, tapDock);
    publishDock->raise();
    setCentralWidget(nullptr);

    connect(m_channelsPanel, &ChannelsPanel::channelSelected, m_presencePanel, &PresencePanel::setChannel);
    auto status = [this](const QString &message) { showStatus(message); };
    connect(m_channelsPanel, &ChannelsPanel::statusMessage, this, status);
    connect(m_presencePanel, &PresencePanel::statusMessage, this, status);
    connect(m_publishPanel, &PublishPanel::statusMessage, this, status);
    connect(m_inspectPanel, &InspectPanel::statusMessage, this, status);
    connect(m_scenarioPanel, &ScenarioPanel::statusMessage, this, status);
    connect(m_clientsPanel, &ClientsPanel::statusMessage, this, status);
    connect(m_tapPanel, &TapPanel::statusMessage, this, status);
    connect(m_tapPanel, &TapPanel::filterRequested, this, [this](const QString &filter) {
        m_logPanel->setFilterText(filter);
        raisePanel(QStringLiteral("log"));
    });
    connect(m_profileWidget, &ProfileManagerWidget::connectRequested, this,
            [this](const QString &id) { connectProfile(id); });
}

void MainWindow::buildMenus()
{
    buildMainMenus(this, {m_connectAction, m_disconnectAction, m_resetLayoutAction,
                          m_logPanel->actions() + QList<QAction *>{m_contracts->action()}, m_docks, m_settings});
}

void MainWindow::refreshProfileCombo()
{
    const QSignalBlocker blocker(m_profileCombo);
    m_profileCombo->clear();
    for (const Profile &p : m_profiles->profiles())
        m_profileCombo->addItem(p.name, p.id);
    const int current = m_profileCombo->findData(m_profiles->currentProfileId());
    if (current >= 0)
        m_profileCombo->setCurrentIndex(current);
    updateActions();
}

void MainWindow::onProfileChosen(int index)
{
    const QString id = m_profileCombo->itemData(index).toString();
    if (!id.isEmpty())
        m_profiles->setCurrentProfileId(id);
}

bool MainWindow::selectProfile(const QString &idOrName)
{
    for (const Profile &p : m_profiles->profiles()) {
        if (p.id == idOrName || p.name == idOrName) {
            m_profiles->setCurrentProfileId(p.id);
            refreshProfileCombo();
            return true;
        }
    }
    return false;
}

bool MainWindow::connectProfile(const QString &profileId)
{
    const QString id = profileId.isEmpty() ? m_profiles->currentProfileId() : profileId;
    const std::optional<Profile> profile = m_profiles->profile(id);
    if (!profile) {
        showStatus(tr("No profile to connect with: create one in the Profile panel."));
        return false;
    }
    const QMap<ProfileField, QString> problems = profile->validate();
    if (!problems.isEmpty()) {
        showStatus(tr("Profile \"%1\" is not complete: %2").arg(profile->name, problems.first()));
        findChild<QDockWidget *>(QStringLiteral("profileDock"))->raise();
        return false;
    }
    // Always from the profile as saved now, so that edits (host, key, TLS, identity…) take effect;
    // the new session re-subscribes the channels the user had.
    QList<QPair<QString, PresenceIdentity>> previous;
    if (m_session && m_sessionProfileId == id) {
        for (const QString &channel : m_session->channels()->channelNames())
            if (!channel.startsWith(QLatin1Char('#')))  // internal channels come back with sign-in
                previous.append({channel, m_session->channels()->subscription(channel)->identity});
    }
    startSession(*profile);
    for (const auto &[channel, identity] : previous)
        m_session->channels()->subscribe(channel, identity.userId.isEmpty() ? m_identity : identity);
    m_session->connection()->open();
    updateActions();
    return true;
}

void MainWindow::startSession(const Profile &profile)
{
    // Panels follow the new session; the old one (and its connection) goes away.
    // The profile's choice of authorizer: built-in signer, its auth endpoints, or one of each.
    auto session = std::make_unique<Session>(profile.credentials, makeAuthorizer(profile), &m_log, profile.name);
    session->setLimits(profile.limits);  // the publish forms warn before sending what it refuses
    m_sessionProfileName = profile.name;
    m_channelsPanel->setSession(session.get());
    // Presence channels need a user id; a profile without one still gets a working default.
    PresenceIdentity identity = profile.identity;
    if (identity.userId.isEmpty())
        identity.userId = QStringLiteral("channelscope-%1")
                              .arg(QRandomGenerator::global()->bounded(0x10000), 4, 16, QLatin1Char('0'));
    m_channelsPanel->setDefaultIdentity(identity);
    m_presencePanel->setSession(session.get());
    m_publishPanel->setSession(session.get());
    m_inspectPanel->setSession(session.get());
    m_tapPanel->setProfile(profile.id, profile.credentials);
    m_badge->setConnection(session->connection());
    connect(session->connection(), &Connection::stateChanged, this, &MainWindow::updateActions);
    // Until the user picks one, the presence panel shows the first presence channel that joins.
    connect(session->channels(), &ChannelRegistry::subscriptionSucceeded, this, [this](const QString &channel) {
        if (channelKindOf(channel).type == ChannelType::Presence && m_presencePanel->channel().isEmpty())
            m_presencePanel->setChannel(channel);
    });
    connect(session->connection(), &Connection::errorOccurred, this,
            [this](const Error &error) { showStatus(error.message); });
    m_session = std::move(session);
    m_sessionProfileId = profile.id;
    m_identity = identity;
}

Status MainWindow::subscribe(const QString &channel)
{
    if (!m_session)
        return Error{ErrorCode::NoSession, tr("connect first")};
    return m_session->channels()->subscribe(channel, m_identity);
}

bool MainWindow::raisePanel(const QString &name)
{
    auto *dock = findChild<QDockWidget *>(name + QStringLiteral("Dock"));
    if (!dock)
        return false;
    dock->show();
    dock->raise();
    return true;
}

void MainWindow::disconnectSession()
{
    if (m_session)
        m_session->connection()->close();
    updateActions();
}

void MainWindow::updateActions()
{
    const ConnectionState state = m_session ? m_session->connection()->state() : ConnectionState::Initialized;
    const bool active = state == ConnectionState::Connecting || state == ConnectionState::Connected
                        || state == ConnectionState::Unavailable;
    m_connectAction->setEnabled(!active && m_profileCombo->count() > 0);
    m_disconnectAction->setEnabled(active);
    m_profileCombo->setEnabled(!active);

    if (!m_stateHint)
        return;  // called while the window is still being built
    StatusHintInput hint;
    hint.state = state;
    hint.profileName = m_session ? m_sessionProfileName : m_profileCombo->currentText();
    hint.socketId = m_session ? m_session->connection()->socketId() : QString();
    hint.hasProfiles = m_profileCombo->count() > 0;
    m_stateHint->setText(statusHint(hint));
}

void MainWindow::setTheme(Theme theme)
{
    applyTheme(theme);
    saveTheme(*m_settings, theme);
    if (auto *action = findChild<QAction *>(QStringLiteral("theme_") + themeId(theme)))
        action->setChecked(true);
}

void MainWindow::showStatus(const QString &message, int timeoutMs) { statusBar()->showMessage(message, timeoutMs); }

void MainWindow::updateLogStatus()
{
    QString text = tr("%L1 entries").arg(m_log.size());
    const quint64 forBytes = m_log.evictedForBytes();
    const quint64 forEntries = m_log.evictedCount() - forBytes;
    if (forEntries > 0)
        text += tr(" · %L1 oldest evicted (cap %L2 entries)").arg(forEntries).arg(m_log.cap());
    if (forBytes > 0)
        text += tr(" · %L1 oldest evicted (memory budget %2)")
                    .arg(forBytes)
                    .arg(locale().formattedDataSize(m_log.byteBudget(), 0));
    m_logStatus->setText(text);
}

bool MainWindow::restoreLayout()
{
    m_settings->beginGroup(QStringLiteral("window"));
    const QByteArray geometry = m_settings->value(QStringLiteral("geometry")).toByteArray();
    const QByteArray state = m_settings->value(QStringLiteral("state")).toByteArray();
    m_settings->endGroup();
    if (geometry.isEmpty() || state.isEmpty())
        return false;
    restoreGeometry(geometry);
    return restoreState(state, kLayoutVersion);
}

void MainWindow::saveLayout()
{
    m_settings->beginGroup(QStringLiteral("window"));
    m_settings->setValue(QStringLiteral("geometry"), saveGeometry());
    m_settings->setValue(QStringLiteral("state"), saveState(kLayoutVersion));
    m_settings->endGroup();
    m_settings->sync();
}

void MainWindow::resetLayout()
{
    for (QDockWidget *dock : std::as_const(m_docks))
        dock->show();
    restoreState(m_defaultState, kLayoutVersion);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveLayout();
    QMainWindow::closeEvent(event);
}

}  // namespace cs::ui
