#include "serverlimitsfields.h"

#include <QComboBox>
#include <QFormLayout>
#include <QSpinBox>

namespace cs::ui {

namespace {

QSpinBox *limitSpin(const QString &objectName, const QString &hosted, const QString &suffix, int max,
                    const QString &tooltip, QWidget *parent)
{
    auto *spin = new QSpinBox(parent);
    spin->setObjectName(objectName);
    spin->setRange(0, max);
    spin->setSpecialValueText(hosted);  // 0: unset, hosted Pusher's value applies
    spin->setSuffix(suffix);
    spin->setToolTip(tooltip);
    return spin;
}

std::optional<int> valueOf(const QSpinBox *spin)
{
    return spin->value() > 0 ? std::optional<int>(spin->value()) : std::nullopt;
}

}  // namespace

ServerLimitsFields::ServerLimitsFields(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("serverLimitsFields"));
    auto *form = new QFormLayout(this);
    form->setContentsMargins(0, 0, 0, 0);
    m_payloadKb =
        limitSpin(QStringLiteral("limitPayloadKb"), tr("hosted Pusher (%1 KB)").arg(ServerLimits::kHostedPayloadKb),
                  tr(" KB"), 1 << 20,
                  tr("Event data the server accepts. soketi: SOKETI_EVENT_MAX_SIZE_IN_KB (default 100)"), this);
    m_members = limitSpin(QStringLiteral("limitPresenceMembers"),
                          tr("hosted Pusher (%1)").arg(ServerLimits::kHostedPresenceMembers), QString(), 1 << 24,
                          tr("Members per presence channel. soketi: SOKETI_PRESENCE_MAX_MEMBERS (default 100)"), this);
    m_userInfoKb =
        limitSpin(QStringLiteral("limitUserInfoKb"), tr("hosted Pusher (%1 KB)").arg(ServerLimits::kHostedUserInfoKb),
                  tr(" KB"), 1 << 10,
                  tr("One presence member's user info. soketi: SOKETI_PRESENCE_MAX_MEMBER_SIZE (default 2)"), this);
    m_clientEvents = new QComboBox(this);
    m_clientEvents->setObjectName(QStringLiteral("limitClientEvents"));
    m_clientEvents->addItem(tr("not known"), int(ClientEventsSetting::Unknown));
    m_clientEvents->addItem(tr("enabled"), int(ClientEventsSetting::On));
    m_clientEvents->addItem(tr("disabled"), int(ClientEventsSetting::Off));
    m_clientEvents->setToolTip(tr("Whether the app allows client events (an app setting; soketi: "
                                  "SOKETI_DEFAULT_APP_ENABLE_CLIENT_MESSAGES, off by default)"));
    form->addRow(tr("Event data limit"), m_payloadKb);
    form->addRow(tr("Presence members"), m_members);
    form->addRow(tr("User info limit"), m_userInfoKb);
    form->addRow(tr("Client events"), m_clientEvents);

    for (QSpinBox *spin : {m_payloadKb, m_members, m_userInfoKb})
        connect(spin, &QSpinBox::valueChanged, this, &ServerLimitsFields::edited);
    connect(m_clientEvents, &QComboBox::currentIndexChanged, this, &ServerLimitsFields::edited);
}

void ServerLimitsFields::setLimits(const ServerLimits &limits)
{
    m_payloadKb->setValue(limits.payloadKb.value_or(0));
    m_members->setValue(limits.presenceMembers.value_or(0));
    m_userInfoKb->setValue(limits.userInfoKb.value_or(0));
    m_clientEvents->setCurrentIndex(m_clientEvents->findData(int(limits.clientEvents)));
}

ServerLimits ServerLimitsFields::limits() const
{
    ServerLimits limits;
    limits.payloadKb = valueOf(m_payloadKb);
    limits.presenceMembers = valueOf(m_members);
    limits.userInfoKb = valueOf(m_userInfoKb);
    limits.clientEvents = ClientEventsSetting(m_clientEvents->currentData().toInt());
    return limits;
}

}  // namespace cs::ui
