#include "secretpolicyfield.h"

#include "profilefields.h"

#include <QButtonGroup>
#include <QComboBox>
#include <QFrame>
#include <QRadioButton>
#include <QVBoxLayout>

namespace cs::ui {

SecretPolicyField::SecretPolicyField(QWidget *parent) : QWidget(parent)
{
    auto *column = new QVBoxLayout(this);
    column->setContentsMargins(0, 0, 0, 0);

    m_combo = new QComboBox(this);
    m_combo->setObjectName(QStringLiteral("secretPolicy"));
    m_combo->addItem(tr("System keychain"), int(SecretPolicy::Keychain));
    m_combo->addItem(tr("This session only"), int(SecretPolicy::SessionOnly));
    m_combo->addItem(tr("Settings file (plain text)"), int(SecretPolicy::PlainSettings));
    m_combo->setToolTip(tr(
        "Where the secret, the master key and auth header values are kept: the system keychain, memory until you quit, "
        "or the settings file in plain text"));
    column->addWidget(m_combo);

    // Shown instead of the combo when there is no keychain service: the user decides, inline.
    auto *banner = new QFrame(this);
    banner->setObjectName(QStringLiteral("keychainBanner"));
    banner->setFrameShape(QFrame::StyledPanel);
    banner->setAutoFillBackground(true);
    banner->setBackgroundRole(QPalette::AlternateBase);
    banner->setToolTip(
        tr("No system keychain (Secret Service, KWallet, macOS Keychain, Windows Credential Store) answered"));
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

    connect(m_combo, &QComboBox::currentIndexChanged, this, [this] {
        if (!m_updating)
            choose(SecretPolicy(m_combo->currentData().toInt()));
    });
    connect(m_sessionOnly, &QRadioButton::toggled, this, [this](bool on) {
        if (on && !m_updating)
            choose(SecretPolicy::SessionOnly);
    });
    connect(m_plain, &QRadioButton::toggled, this, [this](bool on) {
        if (on && !m_updating)
            choose(SecretPolicy::PlainSettings);
    });
    updateUi();
}

void SecretPolicyField::setPolicy(SecretPolicy policy)
{
    m_policy = policy;
    updateUi();
}

void SecretPolicyField::setKeychainMissing(bool missing)
{
    m_keychainMissing = missing;
    updateUi();
}

void SecretPolicyField::choose(SecretPolicy policy)
{
    if (policy == m_policy)
        return;
    m_policy = policy;
    updateUi();
    Q_EMIT policyChosen(policy);
}

void SecretPolicyField::updateUi()
{
    // Without a keychain the profile cannot keep its secret there: start from the safer choice.
    if (m_keychainMissing && m_policy == SecretPolicy::Keychain)
        m_policy = SecretPolicy::SessionOnly;
    m_updating = true;
    m_combo->setVisible(!m_keychainMissing);
    m_banner->setVisible(m_keychainMissing);
    m_combo->setCurrentIndex(m_combo->findData(int(m_policy)));
    m_sessionOnly->setChecked(m_policy == SecretPolicy::SessionOnly);
    m_plain->setChecked(m_policy == SecretPolicy::PlainSettings);
    m_updating = false;
}

}  // namespace cs::ui
