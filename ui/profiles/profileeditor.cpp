#include "profilestore.h"
#include "profileeditor.h"

#include "profileimport.h"

#include "endpointauthfields.h"
#include "profilefields.h"
#include "profiletestview.h"
#include "privatefile.h"
#include "tlspolicy.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QFrame>
#include "flowlayout.h"

#include <QHBoxLayout>
#include <QJsonDocument>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSaveFile>
#include <QScrollArea>
#include <QSpinBox>
#include <QStandardPaths>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace cs::ui {

namespace {

constexpr int kDeleteConfirmMs = 4000;
constexpr qint64 kMaxImportBytes = 1024 * 1024;  // a .env is small; anything bigger is the wrong file

// Items read "mt1 (N. Virginia)" and carry the id; anything typed is taken as it is.
QString clusterOf(const QComboBox *combo)
{
    const QString text = combo->currentText().trimmed();
    const int index = combo->findText(text);
    return index >= 0 ? combo->itemData(index).toString() : text;
}

QSpinBox *portSpin(const QString &name, const QString &zeroText, const QString &tip, QWidget *parent)
{
    auto *spin = new QSpinBox(parent);
    spin->setObjectName(name);
    spin->setRange(0, 65535);
    spin->setSpecialValueText(zeroText);
    spin->setToolTip(tip);
    return spin;
}

QLineEdit *lineEdit(const QString &name, const QString &placeholder, const QString &tip, QWidget *parent)
{
    auto *edit = new QLineEdit(parent);
    edit->setObjectName(name);
    edit->setPlaceholderText(placeholder);
    edit->setToolTip(tip);
    edit->setClearButtonEnabled(true);
    return edit;
}

QPushButton *button(const QString &name, const QString &text, const QString &tip, QWidget *parent)
{
    auto *b = new QPushButton(text, parent);
    b->setObjectName(name);
    b->setToolTip(tip);
    return b;
}

// An arrow button that opens and closes a section of the form.
QToolButton *sectionToggle(const QString &name, const QString &text, const QString &tip, QWidget *parent)
{
    auto *toggle = new QToolButton(parent);
    toggle->setObjectName(name);
    toggle->setText(text);
    toggle->setCheckable(true);
    toggle->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toggle->setArrowType(Qt::RightArrow);
    toggle->setAutoRaise(true);
    toggle->setToolTip(tip);
    return toggle;
}

void connectSection(QToolButton *toggle, QWidget *section)
{
    section->setVisible(false);
    QObject::connect(toggle, &QToolButton::toggled, section, [toggle, section](bool open) {
        section->setVisible(open);
        toggle->setArrowType(open ? Qt::DownArrow : Qt::RightArrow);
    });
}

} // namespace

ProfileEditor::ProfileEditor(ProfileStore *store, QWidget *parent)
    : QWidget(parent), m_store(store), m_tester(new ProfileTester(this))
{
    setObjectName(QStringLiteral("profileEditor"));
    m_deleteDisarm.setSingleShot(true);
    connect(&m_deleteDisarm, &QTimer::timeout, this, [this] {
        m_deleteArmed = false;
        m_deleteButton->setText(tr("Delete"));
    });
    buildUi();
    if (store)
        setSecretStore(store->keychain());
    setProfile(store ? store->profile(store->currentProfileId()).value_or(Profile::localSandbox()) : Profile::localSandbox());
}

ProfileEditor::~ProfileEditor() = default;

// --- Building --------------------------------------------------------------------------------

void ProfileEditor::buildUi()
{
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(buildImportBar());

    auto *scroll = new QScrollArea(this);
    scroll->setObjectName(QStringLiteral("profileScroll"));
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(buildForm());
    layout->addWidget(scroll, 1);

    layout->addWidget(buildButtons());
    m_status = new MessageLabel(QStringLiteral("statusMessage"), this);
    layout->addWidget(m_status);
    m_testView = new ProfileTestView(this);
    // "Trust this certificate" under a failed host check: the fingerprint goes into the field.
    connect(m_testView, &ProfileTestView::trustRequested, this, [this](const QByteArray &sha256) {
        m_advancedToggle->setChecked(true);
        m_pinned->setText(formatSha256(sha256));
        showStatus(tr("Certificate SHA256 %1 accepted for this profile: save, then test again.").arg(formatSha256(sha256)),
                   int(Tone::Warning));
    });
    m_testView->setTester(m_tester);
    layout->addWidget(m_testView);
}

QWidget *ProfileEditor::buildImportBar()
{
    auto *bar = new QWidget(this);
    auto *column = new QVBoxLayout(bar);
    column->setContentsMargins(0, 0, 0, 0);
    auto *row = new QHBoxLayout;
    auto *importEnv = button(QStringLiteral("importEnvButton"), tr("Import .env…"),
                             tr("Fill the editor from a .env file (PUSHER_*, VITE_PUSHER_*, MIX_PUSHER_*, REVERB_*, "
                                "SOKETI_DEFAULT_APP_*) or from an exported profile (.json)"),
                             bar);
    m_importUrl = lineEdit(QStringLiteral("importUrl"), tr("https://KEY:SECRET@api-mt1.pusher.com/apps/APP_ID"),
                           tr("A pusher connection URL, as the server SDKs take it (PUSHER_URL)"), bar);
    auto *importUrlButton = button(QStringLiteral("importUrlButton"), tr("Import URL"),
                             tr("Fill the editor from the connection URL on the left"), bar);
    row->addWidget(importEnv);
    row->addWidget(m_importUrl, 1);
    row->addWidget(importUrlButton);
    column->addLayout(row);
    m_importMessage = new MessageLabel(QStringLiteral("importMessage"), bar);
    column->addWidget(m_importMessage);

    connect(importEnv, &QPushButton::clicked, this, [this] {
        if (const QString path = chooseFile(false); !path.isEmpty())
            importDotEnvFile(path);
    });
    const auto importTyped = [this] { importUrl(m_importUrl->text()); };
    connect(importUrlButton, &QPushButton::clicked, this, importTyped);
    connect(m_importUrl, &QLineEdit::returnPressed, this, importTyped);
    return bar;
}

QWidget *ProfileEditor::fieldWithMessage(QWidget *field, const QString &fieldName)
{
    auto *box = new QWidget(this);
    auto *column = new QVBoxLayout(box);
    column->setContentsMargins(0, 0, 0, 0);
    column->setSpacing(1);
    column->addWidget(field);
    auto *message = new MessageLabel(fieldName + QStringLiteral("Message"), box);
    column->addWidget(message);
    m_messages.insert(fieldName, message);
    return box;
}

QWidget *ProfileEditor::buildForm()
{
    auto *page = new QWidget(this);
    auto *pageLayout = new QVBoxLayout(page);
    pageLayout->setContentsMargins(0, 0, 0, 0);
    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    pageLayout->addLayout(form);
    pageLayout->addStretch(1);  // spare height goes below the fields, not into them
    m_form = form;

    m_name = lineEdit(QStringLiteral("profileName"), tr("e.g. Shop staging"), tr("A name for this profile, shown in the profile list"), page);
    form->addRow(tr("&Name"), fieldWithMessage(m_name, QStringLiteral("name")));

    m_preset = new QComboBox(page);
    m_preset->setObjectName(QStringLiteral("preset"));
    m_preset->setToolTip(tr("The kind of server: hosted Pusher picks its host from the cluster; soketi, Laravel Reverb "
                            "and custom servers take a host and port"));
    for (ServerPreset p : {ServerPreset::Pusher, ServerPreset::Soketi, ServerPreset::Reverb, ServerPreset::Custom})
        m_preset->addItem(serverPresetLabel(p), int(p));
    form->addRow(tr("&Server"), m_preset);

    m_cluster = new QComboBox(page);
    m_cluster->setObjectName(QStringLiteral("cluster"));
    m_cluster->setEditable(true);
    m_cluster->setInsertPolicy(QComboBox::NoInsert);
    m_cluster->setToolTip(tr("The app's cluster, shown on the app's page in the Pusher dashboard; "
                             "type another name for a private cluster"));
    for (const ClusterInfo &c : pusherClusters())
        m_cluster->addItem(QStringLiteral("%1 (%2)").arg(c.id, c.region), c.id);
    QWidget *clusterRow = fieldWithMessage(m_cluster, QStringLiteral("cluster"));
    form->addRow(tr("&Cluster"), clusterRow);
    m_pusherRows << clusterRow;

    m_host = lineEdit(QStringLiteral("host"), tr("127.0.0.1"), tr("The WebSocket host name or IP address, without scheme or port"), page);
    QWidget *hostRow = fieldWithMessage(m_host, QStringLiteral("host"));
    form->addRow(tr("&Host"), hostRow);

    auto *portLine = new QWidget(page);
    auto *portLayout = new QHBoxLayout(portLine);
    portLayout->setContentsMargins(0, 0, 0, 0);
    m_port = portSpin(QStringLiteral("port"), tr("default (443 / 80)"), tr("The WebSocket port; default is 443 with TLS, 80 without"), portLine);
    m_tls = new QCheckBox(tr("&TLS (wss://, https://)"), portLine);
    m_tls->setObjectName(QStringLiteral("tls"));
    m_tls->setToolTip(tr("Connect with TLS; local soketi and Reverb usually run without it"));
    portLayout->addWidget(m_port);
    portLayout->addWidget(m_tls);
    portLayout->addStretch();
    QWidget *portRow = fieldWithMessage(portLine, QStringLiteral("port"));
    form->addRow(tr("&Port"), portRow);
    m_hostRows << hostRow << portRow;

    m_appId = lineEdit(QStringLiteral("appId"), tr("e.g. 1234567"), tr("The app id: REST calls go to /apps/APP_ID"), page);
    form->addRow(tr("App &ID"), fieldWithMessage(m_appId, QStringLiteral("appId")));
    m_key = lineEdit(QStringLiteral("appKey"), tr("e.g. 278d425bdf160c739803"), tr("The app key: the WebSocket connects to /app/KEY"), page);
    form->addRow(tr("App &key"), fieldWithMessage(m_key, QStringLiteral("key")));
    m_secret = new SecretLineEdit(QStringLiteral("secret"), QStringLiteral("revealSecret"), page);
    m_secret->setToolTip(tr("The app secret: signs private and presence subscriptions and REST calls. It never leaves this "
                            "machine and is never exported"));
    m_secret->setPlaceholderText(tr("needed for REST and private channels"));
    form->addRow(tr("S&ecret"), fieldWithMessage(m_secret, QStringLiteral("secret")));
    form->addRow(tr("Keep secret in"), buildSecretPolicy());

    m_authToggle = sectionToggle(QStringLiteral("authToggle"), tr("Authorization"),
                                 tr("How private, presence and encrypted channels and user sign-in are signed: the built-in "
                                    "signer, or your own auth endpoints as pusher-js calls them"),
                                 page);
    form->addRow(m_authToggle);
    m_authGroup = buildAuthorization();
    form->addRow(m_authGroup);
    connectSection(m_authToggle, m_authGroup);

    m_advancedToggle = sectionToggle(QStringLiteral("advancedToggle"), tr("Advanced"),
                                     tr("REST host and port when they differ, path prefix, encryption master key, self-signed certificates"),
                                     page);
    form->addRow(m_advancedToggle);
    m_advanced = buildAdvanced();
    form->addRow(m_advanced);
    connectSection(m_advancedToggle, m_advanced);

    m_userId = lineEdit(QStringLiteral("userId"), tr("e.g. user-42"),
                        tr("Who you are on presence channels and when signing in (user_id)"), page);
    form->addRow(tr("Presence &user id"), fieldWithMessage(m_userId, QStringLiteral("userId")));
    m_userInfo = new QPlainTextEdit(page);
    m_userInfo->setObjectName(QStringLiteral("userInfo"));
    m_userInfo->setPlaceholderText(tr("{\"name\": \"Ada\"}"));
    m_userInfo->setToolTip(tr("user_info sent with presence subscriptions: a JSON object, or empty"));
    m_userInfo->setTabChangesFocus(true);
    m_userInfo->setFixedHeight(m_userInfo->fontMetrics().lineSpacing() * 4 + 12);
    form->addRow(tr("User &info (JSON)"), fieldWithMessage(m_userInfo, QStringLiteral("userInfo")));

    // Every edit revalidates; preset changes also bring that preset's defaults.
    for (QLineEdit *edit : {m_name, m_host, m_appId, m_key, static_cast<QLineEdit *>(m_secret), m_userId})
        connect(edit, &QLineEdit::textChanged, this, &ProfileEditor::onEdited);
    connect(m_preset, &QComboBox::currentIndexChanged, this, &ProfileEditor::onPresetChanged);
    connect(m_cluster, &QComboBox::editTextChanged, this, &ProfileEditor::onEdited);
    connect(m_port, &QSpinBox::valueChanged, this, &ProfileEditor::onEdited);
    connect(m_tls, &QCheckBox::toggled, this, &ProfileEditor::onEdited);
    connect(m_userInfo, &QPlainTextEdit::textChanged, this, &ProfileEditor::onEdited);
    return page;
}

QWidget *ProfileEditor::buildSecretPolicy()
{
    auto *box = new QWidget(this);
    auto *column = new QVBoxLayout(box);
    column->setContentsMargins(0, 0, 0, 0);

    m_policyCombo = new QComboBox(box);
    m_policyCombo->setObjectName(QStringLiteral("secretPolicy"));
    m_policyCombo->addItem(tr("System keychain"), int(SecretPolicy::Keychain));
    m_policyCombo->addItem(tr("This session only"), int(SecretPolicy::SessionOnly));
    m_policyCombo->addItem(tr("Settings file (plain text)"), int(SecretPolicy::PlainSettings));
    m_policyCombo->setToolTip(tr("Where the secret, the master key and auth header values are kept: the system keychain, memory until you quit, "
                                 "or the settings file in plain text"));
    column->addWidget(m_policyCombo);

    // Shown instead of the combo when there is no keychain service: the user decides, inline.
    auto *banner = new QFrame(box);
    banner->setObjectName(QStringLiteral("keychainBanner"));
    banner->setFrameShape(QFrame::StyledPanel);
    banner->setAutoFillBackground(true);
    banner->setBackgroundRole(QPalette::AlternateBase);
    banner->setToolTip(tr("No system keychain (Secret Service, KWallet, macOS Keychain, Windows Credential Store) answered"));
    auto *bannerLayout = new QVBoxLayout(banner);
    auto *text = new MessageLabel(QStringLiteral("keychainBannerText"), banner);
    text->setMessage(tr("No keychain service found. Keep the secret for this session only, or store it in the settings "
                        "file (plain text)."),
                     Tone::Warning);
    bannerLayout->addWidget(text);
    m_sessionOnly = new QRadioButton(tr("This session &only (asked again after a restart)"), banner);
    m_sessionOnly->setObjectName(QStringLiteral("secretSessionOnly"));
    m_sessionOnly->setToolTip(tr("Keep the secret in memory until Channelscope quits"));
    m_plain = new QRadioButton(tr("Store in the settings &file (plain text)"), banner);
    m_plain->setObjectName(QStringLiteral("secretPlainSettings"));
    m_plain->setToolTip(tr("Write the secret into the settings file, readable by anyone who can read your files"));
    auto *group = new QButtonGroup(banner);
    group->addButton(m_sessionOnly);
    group->addButton(m_plain);
    bannerLayout->addWidget(m_sessionOnly);
    bannerLayout->addWidget(m_plain);
    m_banner = banner;
    m_banner->setVisible(false);
    column->addWidget(banner);

    connect(m_policyCombo, &QComboBox::currentIndexChanged, this, [this] {
        if (!m_populating)
            setPolicy(SecretPolicy(m_policyCombo->currentData().toInt()));
    });
    connect(m_sessionOnly, &QRadioButton::toggled, this, [this](bool on) {
        if (on && !m_populating)
            setPolicy(SecretPolicy::SessionOnly);
    });
    connect(m_plain, &QRadioButton::toggled, this, [this](bool on) {
        if (on && !m_populating)
            setPolicy(SecretPolicy::PlainSettings);
    });
    return box;
}

QWidget *ProfileEditor::buildAuthorization()
{
    auto *group = new QFrame(this);
    group->setObjectName(QStringLiteral("authGroup"));
    group->setFrameShape(QFrame::StyledPanel);
    auto *column = new QVBoxLayout(group);
    m_channelAuth = new EndpointAuthFields(EndpointAuthFields::Purpose::Channels, group);
    m_userAuth = new EndpointAuthFields(EndpointAuthFields::Purpose::SignIn, group);
    auto *rule = new QFrame(group);
    rule->setFrameShape(QFrame::HLine);
    rule->setFrameShadow(QFrame::Sunken);
    column->addWidget(m_channelAuth);
    column->addWidget(rule);
    column->addWidget(m_userAuth);
    for (EndpointAuthFields *fields : {m_channelAuth, m_userAuth}) {
        m_messages.insert(fields->messageLabels());
        connect(fields, &EndpointAuthFields::edited, this, &ProfileEditor::onEdited);
    }
    return group;
}

QWidget *ProfileEditor::buildAdvanced()
{
    auto *group = new QFrame(this);
    group->setObjectName(QStringLiteral("advancedGroup"));
    group->setFrameShape(QFrame::StyledPanel);
    auto *form = new QFormLayout(group);
    form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);

    m_restHost = lineEdit(QStringLiteral("restHost"), tr("same as the WebSocket host"),
                          tr("Only when REST calls go to another host than the WebSocket (hosted Pusher: api-CLUSTER.pusher.com)"), group);
    form->addRow(tr("REST host"), fieldWithMessage(m_restHost, QStringLiteral("restHost")));
    auto *restLine = new QWidget(group);
    auto *restLayout = new QHBoxLayout(restLine);
    restLayout->setContentsMargins(0, 0, 0, 0);
    m_restPort = portSpin(QStringLiteral("restPort"), tr("same"), tr("REST port; 'same' follows the WebSocket port for a custom host"), restLine);
    m_restScheme = new QComboBox(restLine);
    m_restScheme->setObjectName(QStringLiteral("restScheme"));
    m_restScheme->addItem(tr("scheme as WebSocket"));
    m_restScheme->addItem(QStringLiteral("https"));
    m_restScheme->addItem(QStringLiteral("http"));
    m_restScheme->setToolTip(tr("REST scheme when it differs from the WebSocket's TLS setting"));
    restLayout->addWidget(m_restPort);
    restLayout->addWidget(m_restScheme);
    restLayout->addStretch();
    form->addRow(tr("REST port"), fieldWithMessage(restLine, QStringLiteral("restPort")));

    m_pathPrefix = lineEdit(QStringLiteral("pathPrefix"), tr("e.g. /ws"),
                            tr("A prefix before /app/KEY and /apps/APP_ID, for servers behind a path (soketi's SOKETI_PATH_PREFIX)"), group);
    form->addRow(tr("Path prefix"), fieldWithMessage(m_pathPrefix, QStringLiteral("pathPrefix")));
    m_masterKey = new SecretLineEdit(QStringLiteral("masterKey"), QStringLiteral("revealMasterKey"), group);
    m_masterKey->setPlaceholderText(tr("32 bytes, base64"));
    m_masterKey->setToolTip(tr("Encryption master key (base64 of 32 bytes) to decrypt private-encrypted- channels; "
                               "kept like the secret, never exported"));
    form->addRow(tr("Encryption master key"), fieldWithMessage(m_masterKey, QStringLiteral("masterKey")));
    m_pinned = lineEdit(QStringLiteral("pinnedSha256"), tr("none: untrusted certificates are refused"),
                        tr("For a local server with its own (e.g. self-signed) certificate: the SHA-256 fingerprint of the one "
                           "certificate to accept. Test offers to trust the certificate the server presents. Any other "
                           "certificate, a wrong host name or an expired certificate is still refused"),
                        group);
    form->addRow(tr("Accepted certificate SHA256"), fieldWithMessage(m_pinned, QStringLiteral("pinnedSha256")));

    for (QLineEdit *edit : {m_restHost, m_pathPrefix, static_cast<QLineEdit *>(m_masterKey), m_pinned})
        connect(edit, &QLineEdit::textChanged, this, &ProfileEditor::onEdited);
    connect(m_restPort, &QSpinBox::valueChanged, this, &ProfileEditor::onEdited);
    connect(m_restScheme, &QComboBox::currentIndexChanged, this, &ProfileEditor::onEdited);
    return group;
}

QWidget *ProfileEditor::buildButtons()
{
    auto *row = new QWidget(this);
    auto *layout = new FlowLayout(row, 4, 4);  // wraps in a narrow dock
    m_saveButton = button(QStringLiteral("saveButton"), tr("&Save"), tr("Save the profile (the secret goes where 'Keep secret in' says)"), row);
    m_saveConnectButton = button(QStringLiteral("saveConnectButton"), tr("Save && &connect"), tr("Save the profile and connect with it"), row);
    m_testButton = button(QStringLiteral("testButton"), tr("&Test"),
                          tr("Check the host, the key, a signed REST call and the clock skew, one line each"), row);
    auto *exportButton = button(QStringLiteral("exportButton"), tr("E&xport…"), tr("Write the profile as JSON, without the secret, the master key and auth header values"), row);
    m_deleteButton = button(QStringLiteral("deleteButton"), tr("Delete"), tr("Delete this profile (click twice to confirm)"), row);
    m_saveButton->setDefault(true);
    layout->addWidget(m_saveButton);
    layout->addWidget(m_saveConnectButton);
    layout->addWidget(m_testButton);
    layout->addWidget(exportButton);
    layout->addWidget(m_deleteButton);

    connect(m_saveButton, &QPushButton::clicked, this, &ProfileEditor::save);
    connect(m_saveConnectButton, &QPushButton::clicked, this, &ProfileEditor::saveAndConnect);
    connect(m_testButton, &QPushButton::clicked, this, &ProfileEditor::runTest);
    connect(m_deleteButton, &QPushButton::clicked, this, &ProfileEditor::requestDelete);
    connect(exportButton, &QPushButton::clicked, this, [this] {
        const QString path = chooseFile(true);
        if (path.isEmpty())
            return;
        if (const Status status = exportTo(path); status)
            showStatus(tr("Exported to %1 (without the secret).").arg(QFileInfo(path).fileName()), int(Tone::Ok));
        else
            showStatus(status.error().message, int(Tone::Error));
    });
    connect(m_tester, &ProfileTester::finished, this, [this](bool allOk) {
        showStatus(allOk ? tr("All checks passed.") : tr("Some checks failed: see the lines below."), int(allOk ? Tone::Ok : Tone::Error));
    });
    return row;
}

// --- Profile <-> fields ----------------------------------------------------------------------

void ProfileEditor::setProfile(const Profile &profile)
{
    m_base = profile;
    m_policy = profile.secretPolicy;
    m_deleteDisarm.stop();
    m_deleteArmed = false;
    m_deleteButton->setText(tr("Delete"));
    m_tester->cancel();
    m_testView->clear();
    m_status->clearMessage();
    m_importMessage->clearMessage();
    populate(profile);
    updatePolicyUi();
    if (m_dirty) {
        m_dirty = false;
        Q_EMIT dirtyChanged(false);
    }
}

void ProfileEditor::populate(const Profile &p)
{
    m_populating = true;
    const Credentials &c = p.credentials;
    m_name->setText(p.name);
    m_preset->setCurrentIndex(m_preset->findData(int(p.preset)));
    if (const int index = m_cluster->findData(c.cluster); index >= 0)
        m_cluster->setCurrentIndex(index);
    else
        m_cluster->setEditText(c.cluster);
    m_host->setText(c.host);
    m_port->setValue(c.port);
    m_tls->setChecked(c.tls);
    m_appId->setText(c.appId);
    m_key->setText(c.key);
    m_secret->setText(c.secret);
    m_restHost->setText(c.restHost);
    m_restPort->setValue(c.restPort);
    m_restScheme->setCurrentIndex(!c.restTls ? 0 : *c.restTls ? 1 : 2);
    m_pathPrefix->setText(c.pathPrefix);
    m_masterKey->setText(QString::fromLatin1(c.encryptionMasterKeyBase64));
    m_pinned->setText(c.pinnedSha256);
    m_channelAuth->setSettings(p.auth.channelMode, p.auth.channelEndpoint);
    m_userAuth->setSettings(p.auth.userMode, p.auth.userEndpoint);
    if (p.auth.usesEndpoint())  // like Advanced: what is in use is not hidden
        m_authToggle->setChecked(true);
    m_userId->setText(p.identity.userId);
    m_userInfo->setPlainText(p.identity.userInfo.isEmpty()
                                 ? QString()
                                 : QString::fromUtf8(QJsonDocument(p.identity.userInfo).toJson(QJsonDocument::Compact)));
    // Open Advanced when it holds something, so nothing set is hidden.
    const bool advancedUsed = !c.restHost.isEmpty() || c.restPort != 0 || c.restTls || !c.pathPrefix.isEmpty()
                              || !c.encryptionMasterKeyBase64.isEmpty() || !c.pinnedSha256.isEmpty();
    if (advancedUsed)
        m_advancedToggle->setChecked(true);
    m_populating = false;
    updatePresetVisibility();
    revalidate();
}

Profile ProfileEditor::profile() const
{
    Profile p = m_base;
    Credentials &c = p.credentials;
    p.name = m_name->text().trimmed();
    p.preset = ServerPreset(m_preset->currentData().toInt());
    // Whitespace around pasted values is never meant; whitespace inside is reported.
    c.appId = m_appId->text().trimmed();
    c.key = m_key->text().trimmed();
    c.secret = m_secret->text().trimmed();
    if (p.preset == ServerPreset::Pusher) {
        c.cluster = clusterOf(m_cluster);
        c.host.clear();
    } else {
        c.cluster.clear();
        c.host = m_host->text().trimmed();
    }
    c.port = quint16(m_port->value());
    c.tls = m_tls->isChecked();
    c.restHost = m_restHost->text().trimmed();
    c.restPort = quint16(m_restPort->value());
    c.restTls = m_restScheme->currentIndex() == 0 ? std::nullopt : std::optional<bool>(m_restScheme->currentIndex() == 1);
    c.pathPrefix = m_pathPrefix->text().trimmed();
    c.encryptionMasterKeyBase64 = m_masterKey->text().trimmed().toLatin1();
    // Stored as "AB:CD:…" whatever form was pasted; an unreadable text stays for validate() to name.
    const auto pin = parseSha256(m_pinned->text());
    c.pinnedSha256 = pin ? formatSha256(*pin) : m_pinned->text().trimmed();
    p.identity.userId = m_userId->text().trimmed();
    const auto info = Profile::parseUserInfo(m_userInfo->toPlainText());
    p.identity.userInfo = info ? *info : QJsonObject{};
    p.secretPolicy = m_policy;
    p.auth.channelMode = m_channelAuth->mode();
    p.auth.channelEndpoint = m_channelAuth->config();
    p.auth.userMode = m_userAuth->mode();
    p.auth.userEndpoint = m_userAuth->config();
    return p;
}

bool ProfileEditor::isNew() const { return m_store && !m_store->contains(m_base.id); }

void ProfileEditor::onPresetChanged()
{
    if (m_populating)
        return;
    // The new preset's host/port/TLS defaults; keys, secret and identity stay.
    Profile p = profile();
    p.applyPreset(ServerPreset(m_preset->currentData().toInt()));
    const Profile base = m_base;
    populate(p);
    m_base = base;
    onEdited();
}

void ProfileEditor::onEdited()
{
    if (m_populating)
        return;
    m_status->clearMessage();
    if (!m_dirty) {
        m_dirty = true;
        Q_EMIT dirtyChanged(true);
    }
    revalidate();
}

void ProfileEditor::updatePresetVisibility()
{
    const bool pusher = ServerPreset(m_preset->currentData().toInt()) == ServerPreset::Pusher;
    for (QWidget *row : std::as_const(m_pusherRows))
        m_form->setRowVisible(row, pusher);
    for (QWidget *row : std::as_const(m_hostRows))
        m_form->setRowVisible(row, !pusher);
}

QMap<QString, QString> ProfileEditor::fieldMessages() const
{
    QMap<QString, QString> out;
    for (auto it = m_messages.begin(); it != m_messages.end(); ++it)
        if (!it.value()->text().isEmpty())
            out.insert(it.key(), it.value()->text());
    return out;
}

bool ProfileEditor::canSave() const { return m_saveButton->isEnabled(); }

void ProfileEditor::revalidate()
{
    const Profile p = profile();
    QMap<QString, QString> errors = p.validate();
    const QMap<QString, QString> warnings = p.warnings();
    if (const auto info = Profile::parseUserInfo(m_userInfo->toPlainText()); !info)
        errors.insert(QStringLiteral("userInfo"), info.error().message);
    for (auto it = m_messages.begin(); it != m_messages.end(); ++it) {
        if (errors.contains(it.key()))
            it.value()->setMessage(errors.value(it.key()), Tone::Error);
        else if (warnings.contains(it.key()))
            it.value()->setMessage(warnings.value(it.key()), Tone::Warning);
        else
            it.value()->clearMessage();
    }
    // An error inside the closed Authorization section would block Save without a visible reason.
    const bool authError = std::any_of(errors.keyBegin(), errors.keyEnd(), [](const QString &field) {
        return field.startsWith(QStringLiteral("channelAuth")) || field.startsWith(QStringLiteral("userAuth"));
    });
    if (authError)
        m_authToggle->setChecked(true);
    updateAuthSummary();
    const bool valid = errors.isEmpty();
    m_saveButton->setEnabled(valid);
    m_saveConnectButton->setEnabled(valid);
    const QString why = valid ? QString() : tr(" — fix the fields marked in red first");
    m_saveButton->setToolTip(tr("Save the profile (the secret goes where 'Keep secret in' says)") + why);
}

void ProfileEditor::updateAuthSummary()
{
    // The closed section still says what is in use.
    const bool channels = m_channelAuth->mode() == AuthSettings::Mode::Endpoint;
    const bool signIn = m_userAuth->mode() == AuthSettings::Mode::Endpoint;
    const QString summary = channels && signIn ? tr("your endpoints")
                            : channels         ? tr("your endpoint for channels")
                            : signIn           ? tr("your endpoint for sign-in")
                                               : tr("built-in signer");
    m_authToggle->setText(tr("Authorization: %1").arg(summary));
}

// --- Secret policy ---------------------------------------------------------------------------

void ProfileEditor::setSecretStore(SecretStore *store)
{
    if (m_secretStore)
        m_secretStore->disconnect(this);
    m_secretStore = store;
    if (store)
        connect(store, &SecretStore::availabilityChecked, this, &ProfileEditor::updatePolicyUi);
    updatePolicyUi();
}

void ProfileEditor::updatePolicyUi()
{
    const bool noKeychain = m_secretStore && m_secretStore->isAvailabilityKnown() && !m_secretStore->isAvailable();
    // Without a keychain the profile cannot keep its secret there: start from the safer choice.
    if (noKeychain && m_policy == SecretPolicy::Keychain)
        m_policy = SecretPolicy::SessionOnly;
    m_populating = true;
    m_policyCombo->setVisible(!noKeychain);
    m_banner->setVisible(noKeychain);
    m_policyCombo->setCurrentIndex(m_policyCombo->findData(int(m_policy)));
    m_sessionOnly->setChecked(m_policy == SecretPolicy::SessionOnly);
    m_plain->setChecked(m_policy == SecretPolicy::PlainSettings);
    m_populating = false;
}

void ProfileEditor::setPolicy(SecretPolicy policy)
{
    if (policy == m_policy)
        return;
    m_policy = policy;
    updatePolicyUi();
    onEdited();
}

// --- Actions ---------------------------------------------------------------------------------

void ProfileEditor::showStatus(const QString &text, int tone)
{
    m_status->setMessage(text, Tone(tone));
}

void ProfileEditor::save() { doSave(false); }

void ProfileEditor::saveAndConnect() { doSave(true); }

void ProfileEditor::doSave(bool thenConnect)
{
    const Profile p = profile();
    if (!p.validate().isEmpty() || !Profile::parseUserInfo(m_userInfo->toPlainText())) {
        showStatus(tr("Not saved: fix the fields marked in red first."), int(Tone::Error));
        return;
    }
    m_base = p;
    if (m_dirty) {
        m_dirty = false;
        Q_EMIT dirtyChanged(false);
    }
    showStatus(tr("Saved “%1”.").arg(p.name), int(Tone::Ok));
    if (m_store) {
        // The fields are written at once; the keychain answers later, and only a problem is news.
        QPointer<ProfileEditor> self(this);
        m_store->save(p, [self, id = p.id](const Status &status) {
            if (self && !status && self->m_base.id == id)
                self->showStatus(status.error().message, int(Tone::Warning));
        });
    }
    Q_EMIT profileSaved(p.id);
    if (thenConnect)
        Q_EMIT connectRequested(p.id);
}

void ProfileEditor::runTest()
{
    m_testView->clear();
    showStatus(tr("Testing…"), int(Tone::Neutral));
    m_tester->start(profile());
}

void ProfileEditor::requestDelete()
{
    // A second click confirms: no modal dialog, and no accident from a single click.
    if (!m_deleteArmed) {
        m_deleteArmed = true;
        m_deleteButton->setText(tr("Confirm delete"));
        showStatus(tr("Click “Confirm delete” within %1 s to delete “%2”.").arg(kDeleteConfirmMs / 1000).arg(m_name->text()),
                   int(Tone::Warning));
        m_deleteDisarm.start(kDeleteConfirmMs);
        return;
    }
    m_deleteDisarm.stop();
    m_deleteArmed = false;
    m_deleteButton->setText(tr("Delete"));
    const QString id = m_base.id;
    const QString name = m_name->text();
    if (m_store)
        m_store->remove(id);
    Q_EMIT profileDeleted(id);
    if (m_base.id == id)  // nobody showed another profile
        showStatus(tr("Deleted “%1”.").arg(name), int(Tone::Neutral));
}

// --- Import / export -------------------------------------------------------------------------

Status ProfileEditor::loadImported(const Profile &imported, const QStringList &used, const QStringList &notes, const QString &source)
{
    setProfile(imported);
    m_dirty = true;
    Q_EMIT dirtyChanged(true);
    QString text = used.isEmpty() ? tr("Imported from %1; not saved yet.").arg(source)
                                  : tr("Imported from %1 (%2); not saved yet.").arg(source, used.join(QStringLiteral(", ")));
    for (const QString &note : notes)
        text += u'\n' + note;
    m_importMessage->setMessage(text, notes.isEmpty() ? Tone::Ok : Tone::Warning);
    return {};
}

Status ProfileEditor::importDotEnvFile(const QString &path)
{
    const auto fail = [this](const Error &error) {
        m_importMessage->setMessage(error.message, Tone::Error);
        return Status(error);
    };
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(Error{ErrorCode::ImportRead, tr("Cannot read %1: %2").arg(path, file.errorString())});
    if (file.size() > kMaxImportBytes)
        return fail(Error{ErrorCode::ImportSize, tr("%1 is %2 KB: not a .env file.").arg(path).arg(file.size() / 1024)});
    const QString text = QString::fromUtf8(file.readAll());
    const QString fileName = QFileInfo(path).fileName();

    if (text.trimmed().startsWith(u'{')) {  // an exported profile
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8(), &error);
        if (error.error != QJsonParseError::NoError || !doc.isObject())
            return fail(Error{ErrorCode::ImportJson, tr("%1 is not a profile: %2").arg(fileName, error.errorString())});
        auto profile = Profile::fromJson(doc.object());
        if (!profile)
            return fail(profile.error());
        profile.value().id = Profile::newId();  // an import never overwrites an existing profile
        return loadImported(*profile, {}, {}, fileName);
    }
    const auto imported = importDotEnv(text);
    if (!imported)
        return fail(Error{imported.error().code, tr("%1: %2").arg(fileName, imported.error().message)});
    return loadImported(imported->profile, imported->usedVariables, imported->notes, fileName);
}

Status ProfileEditor::importUrl(const QString &url)
{
    const auto profile = importPusherUrl(url);
    if (!profile) {
        m_importMessage->setMessage(profile.error().message, Tone::Error);
        return profile.error();
    }
    m_importUrl->clear();  // it holds the secret: do not leave it on screen
    return loadImported(*profile, {}, {}, tr("the URL"));
}

QByteArray ProfileEditor::exportJson(const Profile &profile)
{
    QJsonObject json = profile.toJson(false);
    json.remove(QStringLiteral("id"));            // an import gets a fresh one
    json.remove(QStringLiteral("secretPolicy"));  // where secrets live is this machine's business
    json.insert(QStringLiteral("format"), QStringLiteral("channelscope-profile"));
    json.insert(QStringLiteral("version"), 1);
    return QJsonDocument(json).toJson(QJsonDocument::Indented);
}

Status ProfileEditor::exportTo(const QString &path) const
{
    return writePrivateFile(path, exportJson(profile()));
}

QString ProfileEditor::chooseFile(bool save)
{
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::HomeLocation);
    if (save) {
        const QString suggested = dir + u'/' + (m_name->text().isEmpty() ? QStringLiteral("profile") : m_name->text()) + QStringLiteral(".json");
        return QFileDialog::getSaveFileName(this, tr("Export profile (without secrets)"), suggested, tr("JSON (*.json)"));
    }
    // .env files are hidden files: offer them explicitly.
    return QFileDialog::getOpenFileName(this, tr("Import a .env file or an exported profile"), dir,
                                        tr("Environment files (.env .env.* *.env);;Exported profiles (*.json);;All files (*)"));
}

} // namespace cs::ui
