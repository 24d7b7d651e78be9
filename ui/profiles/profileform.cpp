#include "profileform.h"

#include "endpointauthfields.h"
#include "profileformparts.h"
#include "profilefields.h"
#include "secretpolicyfield.h"
#include "serverlimitsfields.h"
#include "tlspolicy.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QFrame>
#include <QHBoxLayout>
#include <QJsonDocument>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>

namespace cs::ui {

using namespace profileparts;

namespace {

// Items read "mt1 (N. Virginia)" and carry the id; anything typed is taken as it is.
QString clusterOf(const QComboBox *combo)
{
    const QString text = combo->currentText().trimmed();
    const int index = combo->findText(text);
    return index >= 0 ? combo->itemData(index).toString() : text;
}

}  // namespace

ProfileForm::ProfileForm(QWidget *parent) : QWidget(parent)
{
    QWidget *page = this;
    auto *pageLayout = new QVBoxLayout(page);
    pageLayout->setContentsMargins(0, 0, 0, 0);
    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    pageLayout->addLayout(form);
    pageLayout->addStretch(1);  // spare height goes below the fields, not into them
    m_form = form;

    m_name = lineEdit(QStringLiteral("profileName"), tr("e.g. Shop staging"),
                      tr("A name for this profile, shown in the profile list"), page);
    form->addRow(tr("&Name"), field(m_name, ProfileField::Name));

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
    QWidget *clusterRow = field(m_cluster, ProfileField::Cluster);
    form->addRow(tr("&Cluster"), clusterRow);
    m_pusherRows << clusterRow;

    m_host = lineEdit(QStringLiteral("host"), tr("127.0.0.1"),
                      tr("The WebSocket host name or IP address, without scheme or port"), page);
    QWidget *hostRow = field(m_host, ProfileField::Host);
    form->addRow(tr("&Host"), hostRow);

    auto *portLine = new QWidget(page);
    auto *portLayout = new QHBoxLayout(portLine);
    portLayout->setContentsMargins(0, 0, 0, 0);
    m_port = portSpin(QStringLiteral("port"), tr("default (443 / 80)"),
                      tr("The WebSocket port; default is 443 with TLS, 80 without"), portLine);
    m_tls = new QCheckBox(tr("&TLS (wss://, https://)"), portLine);
    m_tls->setObjectName(QStringLiteral("tls"));
    m_tls->setToolTip(tr("Connect with TLS; local soketi and Reverb usually run without it"));
    portLayout->addWidget(m_port);
    portLayout->addWidget(m_tls);
    portLayout->addStretch();
    QWidget *portRow = field(portLine, ProfileField::Port);
    form->addRow(tr("&Port"), portRow);
    m_hostRows << hostRow << portRow;

    m_appId =
        lineEdit(QStringLiteral("appId"), tr("e.g. 1234567"), tr("The app id: REST calls go to /apps/APP_ID"), page);
    form->addRow(tr("App &ID"), field(m_appId, ProfileField::AppId));
    m_key = lineEdit(QStringLiteral("appKey"), tr("e.g. 278d425bdf160c739803"),
                     tr("The app key: the WebSocket connects to /app/KEY"), page);
    form->addRow(tr("App &key"), field(m_key, ProfileField::Key));
    m_secret = new SecretLineEdit(QStringLiteral("secret"), QStringLiteral("revealSecret"), page);
    m_secret->setToolTip(
        tr("The app secret: signs private and presence subscriptions and REST calls. It never leaves this "
           "machine and is never exported"));
    m_secret->setPlaceholderText(tr("needed for REST and private channels"));
    form->addRow(tr("S&ecret"), field(m_secret, ProfileField::Secret));
    m_policy = new SecretPolicyField(page);
    form->addRow(tr("Keep secret in"), m_policy);

    m_authToggle =
        sectionToggle(QStringLiteral("authToggle"), tr("Authorization"),
                      tr("How private, presence and encrypted channels and user sign-in are signed: the built-in "
                         "signer, or your own auth endpoints as pusher-js calls them"),
                      page);
    form->addRow(m_authToggle);
    m_authGroup = buildAuthorization();
    form->addRow(m_authGroup);
    connectSection(m_authToggle, m_authGroup);

    m_advancedToggle = sectionToggle(
        QStringLiteral("advancedToggle"), tr("Advanced"),
        tr("REST host and port when they differ, path prefix, encryption master key, self-signed certificates, server limits"),
        page);
    form->addRow(m_advancedToggle);
    m_advanced = buildAdvanced();
    form->addRow(m_advanced);
    connectSection(m_advancedToggle, m_advanced);

    m_userId = lineEdit(QStringLiteral("userId"), tr("e.g. user-42"),
                        tr("Who you are on presence channels and when signing in (user_id)"), page);
    form->addRow(tr("Presence &user id"), field(m_userId, ProfileField::UserId));
    m_userInfo = new QPlainTextEdit(page);
    m_userInfo->setObjectName(QStringLiteral("userInfo"));
    m_userInfo->setPlaceholderText(tr("{\"name\": \"Ada\"}"));
    m_userInfo->setToolTip(tr("user_info sent with presence subscriptions: a JSON object, or empty"));
    m_userInfo->setTabChangesFocus(true);
    m_userInfo->setFixedHeight(m_userInfo->fontMetrics().lineSpacing() * 4 + 12);
    form->addRow(tr("User &info (JSON)"), field(m_userInfo, ProfileField::UserInfo));

    // Every edit revalidates; preset changes also bring that preset's defaults.
    for (QLineEdit *edit : {m_name, m_host, m_appId, m_key, static_cast<QLineEdit *>(m_secret), m_userId})
        connect(edit, &QLineEdit::textChanged, this, &ProfileForm::onEdited);
    connect(m_preset, &QComboBox::currentIndexChanged, this, [this] {
        if (!m_populating)
            Q_EMIT presetChosen(ServerPreset(m_preset->currentData().toInt()));
    });
    connect(m_policy, &SecretPolicyField::policyChosen, this, &ProfileForm::onEdited);
    connect(m_cluster, &QComboBox::editTextChanged, this, &ProfileForm::onEdited);
    connect(m_port, &QSpinBox::valueChanged, this, &ProfileForm::onEdited);
    connect(m_tls, &QCheckBox::toggled, this, &ProfileForm::onEdited);
    connect(m_userInfo, &QPlainTextEdit::textChanged, this, &ProfileForm::onEdited);
}

QWidget *ProfileForm::field(QWidget *widget, ProfileField field)
{
    return withMessage(widget, field, m_messages, this);
}

QWidget *ProfileForm::buildAuthorization()
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
        connect(fields, &EndpointAuthFields::edited, this, &ProfileForm::onEdited);
    }
    return group;
}

QWidget *ProfileForm::buildAdvanced()
{
    auto *group = new QFrame(this);
    group->setObjectName(QStringLiteral("advancedGroup"));
    group->setFrameShape(QFrame::StyledPanel);
    auto *form = new QFormLayout(group);
    form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);

    m_restHost = lineEdit(
        QStringLiteral("restHost"), tr("same as the WebSocket host"),
        tr("Only when REST calls go to another host than the WebSocket (hosted Pusher: api-CLUSTER.pusher.com)"),
        group);
    form->addRow(tr("REST host"), field(m_restHost, ProfileField::RestHost));
    auto *restLine = new QWidget(group);
    auto *restLayout = new QHBoxLayout(restLine);
    restLayout->setContentsMargins(0, 0, 0, 0);
    m_restPort = portSpin(QStringLiteral("restPort"), tr("same"),
                          tr("REST port; 'same' follows the WebSocket port for a custom host"), restLine);
    m_restScheme = new QComboBox(restLine);
    m_restScheme->setObjectName(QStringLiteral("restScheme"));
    m_restScheme->addItem(tr("scheme as WebSocket"));
    m_restScheme->addItem(QStringLiteral("https"));
    m_restScheme->addItem(QStringLiteral("http"));
    m_restScheme->setToolTip(tr("REST scheme when it differs from the WebSocket's TLS setting"));
    restLayout->addWidget(m_restPort);
    restLayout->addWidget(m_restScheme);
    restLayout->addStretch();
    form->addRow(tr("REST port"), field(restLine, ProfileField::RestPort));

    m_pathPrefix = lineEdit(
        QStringLiteral("pathPrefix"), tr("e.g. /ws"),
        tr("A prefix before /app/KEY and /apps/APP_ID, for servers behind a path (soketi's SOKETI_PATH_PREFIX)"),
        group);
    form->addRow(tr("Path prefix"), field(m_pathPrefix, ProfileField::PathPrefix));
    m_masterKey = new SecretLineEdit(QStringLiteral("masterKey"), QStringLiteral("revealMasterKey"), group);
    m_masterKey->setPlaceholderText(tr("32 bytes, base64"));
    m_masterKey->setToolTip(tr("Encryption master key (base64 of 32 bytes) to decrypt private-encrypted- channels; "
                               "kept like the secret, never exported"));
    form->addRow(tr("Encryption master key"), field(m_masterKey, ProfileField::MasterKey));
    m_pinned = lineEdit(
        QStringLiteral("pinnedSha256"), tr("none: untrusted certificates are refused"),
        tr("For a local server with its own (e.g. self-signed) certificate: the SHA-256 fingerprint of the one "
           "certificate to accept. Test offers to trust the certificate the server presents. Any other "
           "certificate, a wrong host name or an expired certificate is still refused"),
        group);
    form->addRow(tr("Accepted certificate SHA256"), field(m_pinned, ProfileField::PinnedSha256));
    // What the publish forms warn about before sending (unset: hosted Pusher's limits).
    m_limits = new ServerLimitsFields(group);
    form->addRow(tr("Server limits"), m_limits);
    connect(m_limits, &ServerLimitsFields::edited, this, &ProfileForm::onEdited);

    for (QLineEdit *edit : {m_restHost, m_pathPrefix, static_cast<QLineEdit *>(m_masterKey), m_pinned})
        connect(edit, &QLineEdit::textChanged, this, &ProfileForm::onEdited);
    connect(m_restPort, &QSpinBox::valueChanged, this, &ProfileForm::onEdited);
    connect(m_restScheme, &QComboBox::currentIndexChanged, this, &ProfileForm::onEdited);
    return group;
}

// --- Profile <-> fields ----------------------------------------------------------------------

void ProfileForm::populate(const Profile &p)
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
    m_policy->setPolicy(p.secretPolicy);
    m_restHost->setText(c.restHost);
    m_restPort->setValue(c.restPort);
    m_restScheme->setCurrentIndex(!c.restTls ? 0 : *c.restTls ? 1 : 2);
    m_pathPrefix->setText(c.pathPrefix);
    m_masterKey->setText(QString::fromLatin1(c.encryptionMasterKeyBase64));
    m_pinned->setText(c.pinnedSha256);
    m_limits->setLimits(p.limits);
    m_channelAuth->setSettings(p.auth.channelMode, p.auth.channelEndpoint);
    m_userAuth->setSettings(p.auth.userMode, p.auth.userEndpoint);
    if (p.auth.usesEndpoint())  // like Advanced: what is in use is not hidden
        m_authToggle->setChecked(true);
    m_userId->setText(p.identity.userId);
    m_userInfo->setPlainText(
        p.identity.userInfo.isEmpty()
            ? QString()
            : QString::fromUtf8(QJsonDocument(p.identity.userInfo).toJson(QJsonDocument::Compact)));
    // Open Advanced when it holds something, so nothing set is hidden.
    const bool advancedUsed = !c.restHost.isEmpty() || c.restPort != 0 || c.restTls || !c.pathPrefix.isEmpty()
                              || !c.encryptionMasterKeyBase64.isEmpty() || !c.pinnedSha256.isEmpty()
                              || !p.limits.isDefault();
    if (advancedUsed)
        m_advancedToggle->setChecked(true);
    m_populating = false;
    updatePresetVisibility();
    updateAuthSummary();
}

Profile ProfileForm::profile(const Profile &base) const
{
    Profile p = base;
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
    c.restTls =
        m_restScheme->currentIndex() == 0 ? std::nullopt : std::optional<bool>(m_restScheme->currentIndex() == 1);
    c.pathPrefix = m_pathPrefix->text().trimmed();
    c.encryptionMasterKeyBase64 = m_masterKey->text().trimmed().toLatin1();
    // Stored as "AB:CD:…" whatever form was pasted; an unreadable text stays for validate() to name.
    const auto pin = parseSha256(m_pinned->text());
    c.pinnedSha256 = pin ? formatSha256(*pin) : m_pinned->text().trimmed();
    p.identity.userId = m_userId->text().trimmed();
    const auto info = Profile::parseUserInfo(m_userInfo->toPlainText());
    p.identity.userInfo = info ? *info : QJsonObject{};
    p.limits = m_limits->limits();
    p.secretPolicy = m_policy->policy();
    p.auth.channelMode = m_channelAuth->mode();
    p.auth.channelEndpoint = m_channelAuth->config();
    p.auth.userMode = m_userAuth->mode();
    p.auth.userEndpoint = m_userAuth->config();
    return p;
}

QString ProfileForm::userInfoText() const { return m_userInfo->toPlainText(); }

QString ProfileForm::nameText() const { return m_name->text(); }

void ProfileForm::onEdited()
{
    if (!m_populating)
        Q_EMIT edited();
}

void ProfileForm::updatePresetVisibility()
{
    const bool pusher = ServerPreset(m_preset->currentData().toInt()) == ServerPreset::Pusher;
    for (QWidget *row : std::as_const(m_pusherRows))
        m_form->setRowVisible(row, pusher);
    for (QWidget *row : std::as_const(m_hostRows))
        m_form->setRowVisible(row, !pusher);
}

QMap<ProfileField, QString> ProfileForm::fieldMessages() const
{
    QMap<ProfileField, QString> out;
    for (auto it = m_messages.begin(); it != m_messages.end(); ++it)
        if (!it.value()->text().isEmpty())
            out.insert(it.key(), it.value()->text());
    return out;
}

void ProfileForm::showReview(const ProfileReview &review)
{
    for (auto it = m_messages.begin(); it != m_messages.end(); ++it) {
        if (review.errors.contains(it.key()))
            it.value()->setMessage(review.errors.value(it.key()), Tone::Error);
        else if (review.warnings.contains(it.key()))
            it.value()->setMessage(review.warnings.value(it.key()), Tone::Warning);
        else
            it.value()->clearMessage();
    }
    if (review.hasAuthError())
        m_authToggle->setChecked(true);
    updateAuthSummary();
}

void ProfileForm::updateAuthSummary()
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

void ProfileForm::setKeychainMissing(bool missing) { m_policy->setKeychainMissing(missing); }

void ProfileForm::acceptCertificate(const QByteArray &sha256)
{
    m_advancedToggle->setChecked(true);
    m_pinned->setText(formatSha256(sha256));
}

}  // namespace cs::ui
