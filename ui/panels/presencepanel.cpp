#include "presencepanel.h"
#include "emptystate.h"
#include "feedback.h"
#include "presencestyleproxy.h"

#include "channels.h"
#include "jsoneditor.h"
#include "session.h"

#include <QEvent>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QTableView>
#include <QVBoxLayout>

namespace cs::ui {

PresencePanel::PresencePanel(QWidget *parent)
    : QWidget(parent),
      m_model(new PresenceRosterModel(this)),
      m_proxy(new PresenceStyleProxy(this))
{
    m_proxy->setSourceModel(m_model);
    auto *layout = new QVBoxLayout(this);
    auto *header = new QHBoxLayout;
    m_title = new QLabel(this);
    m_title->setObjectName(QStringLiteral("presenceChannelLabel"));
    m_title->setTextFormat(Qt::PlainText);
    m_title->setWordWrap(true);
    m_title->setToolTip(tr("The presence channel shown: select one in the channels list"));
    m_count = new QLabel(this);
    m_count->setTextFormat(Qt::PlainText);  // may show server text
    m_count->setObjectName(QStringLiteral("presenceCount"));
    m_count->setToolTip(tr("Members in the channel's roster"));
    QFont bold = m_count->font();
    bold.setBold(true);
    m_count->setFont(bold);
    header->addWidget(m_title, 1);
    header->addWidget(m_count);
    layout->addLayout(header);

    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("presenceTable"));
    m_table->setModel(m_proxy);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    m_table->horizontalHeader()->setSectionResizeMode(PresenceRosterModel::IdColumn, QHeaderView::Interactive);
    m_table->horizontalHeader()->setSectionResizeMode(PresenceRosterModel::InfoColumn, QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(PresenceRosterModel::MeColumn, QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->resizeSection(PresenceRosterModel::IdColumn,
                                               m_table->fontMetrics().averageCharWidth() * 18);
    m_table->setToolTip(tr("The live roster: joins are highlighted, leaves are struck through for a moment"));
    m_proxy->setPalette(m_table->palette());
    m_empty = new EmptyState(m_table);
    layout->addWidget(m_table, 1);

    m_syncTimer.setSingleShot(true);
    m_syncTimer.setInterval(0);
    connect(&m_syncTimer, &QTimer::timeout, this, &PresencePanel::sync);
    rebuild();
}

PresencePanel::~PresencePanel() = default;

void PresencePanel::setSession(Session *session)
{
    if (m_registry)
        disconnect(m_registry, nullptr, this, nullptr);
    if (m_session)
        disconnect(m_session, nullptr, this, nullptr);
    m_session = session;
    m_registry = session ? session->channels() : nullptr;
    if (m_registry) {
        connect(m_registry, &ChannelRegistry::memberAdded, this,
                [this](const QString &channel, const QString &userId, const QJsonValue &info) {
                    if (channel != m_channel)
                        return;
                    m_model->memberJoined(userId, info);
                    noteIncrementalChange();
                });
        connect(m_registry, &ChannelRegistry::memberRemoved, this,
                [this](const QString &channel, const QString &userId) {
                    if (channel != m_channel)
                        return;
                    m_model->memberLeft(userId);
                    noteIncrementalChange();
                });
        // Emitted for every event on the channel too: only a roster change not yet shown costs a sync.
        connect(m_registry, &ChannelRegistry::subscriptionChanged, this, [this](const QString &channel) {
            if (channel != m_channel)
                return;
            const Subscription *sub = m_registry->subscription(channel);
            if (!sub || sub->rosterRevision != m_syncedRevision)
                scheduleSync();
            else
                updateHeader();
        });
        connect(m_registry, &QObject::destroyed, this, [this] {
            m_syncTimer.stop();
            m_model->clear();
            m_title->setText(tr("No session"));
            m_count->clear();
        });
    }
    rebuild();
}

void PresencePanel::setChannel(const QString &channel)
{
    if (channel == m_channel)
        return;
    m_channel = channel;
    rebuild();
}

void PresencePanel::rebuild()
{
    m_syncTimer.stop();
    const Subscription *sub = m_registry && channelKindOf(m_channel).type == ChannelType::Presence
                                  ? m_registry->subscription(m_channel)
                                  : nullptr;
    if (sub && sub->state == SubscriptionState::Subscribed)
        m_model->reset(sub->members, sub->myUserId);
    else
        m_model->clear();
    m_syncedRevision = sub ? sub->rosterRevision : 0;
    updateHeader();
}

void PresencePanel::noteIncrementalChange()
{
    // A join or leave the model applied itself: one revision on from what it showed.
    const Subscription *sub = m_registry->subscription(m_channel);
    if (sub && sub->rosterRevision == m_syncedRevision + 1)
        m_syncedRevision = sub->rosterRevision;
    else
        scheduleSync();
    updateHeader();
}

void PresencePanel::scheduleSync()
{
    if (!m_syncTimer.isActive())
        m_syncTimer.start();
}

void PresencePanel::sync()
{
    const Subscription *sub = m_registry ? m_registry->subscription(m_channel) : nullptr;
    if (!sub || channelKindOf(m_channel).type != ChannelType::Presence)
        m_model->clear();
    else
        m_model->sync(sub->members, sub->myUserId);
    m_syncedRevision = sub ? sub->rosterRevision : 0;
    updateHeader();
}

void PresencePanel::updateHeader()
{
    const Subscription *sub = m_registry ? m_registry->subscription(m_channel) : nullptr;
    const bool presence = channelKindOf(m_channel).type == ChannelType::Presence;
    m_table->setEnabled(sub && presence);
    m_empty->setText(emptyText(sub != nullptr, presence));
    if (!m_session) {
        m_title->setText(tr("No session"));
        m_count->clear();
        return;
    }
    if (m_channel.isEmpty()) {
        m_title->setText(tr("Select a presence channel in the channels list to see its members"));
        m_count->clear();
        return;
    }
    if (!presence) {
        m_title->setText(tr("%1 is a %2 channel: only presence channels have members")
                             .arg(m_channel, channelTypeName(channelKindOf(m_channel).type)));
        m_count->clear();
        return;
    }
    if (!sub) {
        m_title->setText(tr("%1: not subscribed").arg(m_channel));
        m_count->clear();
        return;
    }
    switch (sub->state) {
    case SubscriptionState::Subscribed:
        m_title->setText(sub->myUserId.isEmpty() ? m_channel : tr("%1 (joined as %2)").arg(m_channel, sub->myUserId));
        m_count->setText(sub->members.size() == 1 ? tr("1 member") : tr("%L1 members").arg(sub->members.size()));
        break;
    case SubscriptionState::Failed:
        m_title->setText(tr("%1: subscription failed: %2").arg(m_channel, sub->error));
        m_count->clear();
        break;
    default:
        m_title->setText(tr("%1: %2").arg(m_channel, subscriptionStateName(sub->state)));
        m_count->clear();
        break;
    }
}

QString PresencePanel::emptyText(bool subscribed, bool presence) const
{
    if (!m_session)
        return tr("Not connected.\nConnect, then subscribe to a presence- channel to see who is in it.");
    if (m_channel.isEmpty() || !presence)
        return tr("Subscribe to a presence- channel, or select one in Channels, to see its members here.");
    if (!subscribed)
        return tr("Subscribe to %1 to see its members.").arg(m_channel);
    return tr("Nobody here yet.");
}

void PresencePanel::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    feedback::followPalette(this, event, [this] { m_proxy->setPalette(m_table->palette()); });
}

}  // namespace cs::ui
