#include "presencepanel.h"

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

namespace {

QString jsonText(const QJsonValue &value, QJsonDocument::JsonFormat format)
{
    switch (value.type()) {
    case QJsonValue::Object: return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(format)).trimmed();
    case QJsonValue::Array: return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(format)).trimmed();
    case QJsonValue::String: return QString::fromUtf8(QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact)).mid(1).chopped(1);
    case QJsonValue::Double: return QString::number(value.toDouble());
    case QJsonValue::Bool: return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Null:
    case QJsonValue::Undefined: break;
    }
    return {};
}

} // namespace

// --- PresenceRosterModel --------------------------------------------------------------------------

PresenceRosterModel::PresenceRosterModel(QObject *parent) : QAbstractTableModel(parent)
{
    m_clock.start();
    m_animation.setInterval(50);
    connect(&m_animation, &QTimer::timeout, this, &PresenceRosterModel::tick);
}

PresenceRosterModel::Member PresenceRosterModel::makeMember(const QString &id, const QJsonValue &info) const
{
    Member m;
    m.id = id;
    m.info = info;
    m.infoText = jsonText(info, QJsonDocument::Compact);
    return m;
}

void PresenceRosterModel::reset(const QMap<QString, QJsonValue> &members, const QString &myUserId)
{
    beginResetModel();
    m_members.clear();
    m_me = myUserId;
    for (auto it = members.cbegin(); it != members.cend(); ++it)
        m_members.append(makeMember(it.key(), it.value()));
    endResetModel();
    m_animation.stop();
}

void PresenceRosterModel::clear()
{
    reset({}, {});
}

void PresenceRosterModel::sync(const QMap<QString, QJsonValue> &members, const QString &myUserId)
{
    if (m_me != myUserId) {
        m_me = myUserId;
        if (!m_members.isEmpty())
            Q_EMIT dataChanged(index(0, 0), index(int(m_members.size()) - 1, ColumnCount - 1));
    }
    for (int i = int(m_members.size()) - 1; i >= 0; --i) {
        const Member &m = m_members.at(i);
        if (!m.leaving && !members.contains(m.id)) {
            beginRemoveRows({}, i, i);
            m_members.removeAt(i);
            endRemoveRows();
        }
    }
    for (auto it = members.cbegin(); it != members.cend(); ++it) {
        const int row = rowOf(it.key());
        if (row < 0) {
            const int at = int(m_members.size());
            beginInsertRows({}, at, at);
            m_members.append(makeMember(it.key(), it.value()));
            endInsertRows();
            continue;
        }
        Member &m = m_members[row];
        if (m.leaving || m.info != it.value()) {
            if (m.leaving) {
                m.leaving = false;
                m.since = -1;
            }
            m.info = it.value();
            m.infoText = jsonText(m.info, QJsonDocument::Compact);
            Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
        }
    }
}

void PresenceRosterModel::memberJoined(const QString &userId, const QJsonValue &info)
{
    const int row = rowOf(userId);
    if (row < 0) {
        const int at = int(m_members.size());
        beginInsertRows({}, at, at);
        Member m = makeMember(userId, info);
        m.since = m_clock.elapsed();
        m_members.append(m);
        endInsertRows();
    } else {
        Member &m = m_members[row];
        m.leaving = false;
        m.info = info;
        m.infoText = jsonText(info, QJsonDocument::Compact);
        m.since = m_clock.elapsed();
        Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
    }
    startAnimation();
}

void PresenceRosterModel::memberLeft(const QString &userId)
{
    const int row = rowOf(userId);
    if (row < 0 || m_members.at(row).leaving)
        return;
    Member &m = m_members[row];
    m.leaving = true;
    m.since = m_clock.elapsed();
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
    startAnimation();
}

void PresenceRosterModel::startAnimation()
{
    if (!m_animation.isActive())
        m_animation.start();
}

void PresenceRosterModel::tick()
{
    const qint64 now = m_clock.elapsed();
    bool active = false;
    for (int i = int(m_members.size()) - 1; i >= 0; --i) {
        Member &m = m_members[i];
        if (m.since < 0)
            continue;
        if (now - m.since >= kHighlightMs) {
            if (m.leaving) {
                beginRemoveRows({}, i, i);
                m_members.removeAt(i);
                endRemoveRows();
                continue;
            }
            m.since = -1;
        } else {
            active = true;
        }
        Q_EMIT dataChanged(index(i, 0), index(i, ColumnCount - 1), {Qt::BackgroundRole, HighlightRole});
    }
    if (!active)
        m_animation.stop();
}

qreal PresenceRosterModel::highlightOf(const Member &m) const
{
    if (m.since < 0)
        return 0;
    const qreal progress = qreal(m_clock.elapsed() - m.since) / kHighlightMs;
    return qBound<qreal>(0, 1 - progress, 1);
}

int PresenceRosterModel::memberCount() const
{
    return int(std::count_if(m_members.cbegin(), m_members.cend(), [](const Member &m) { return !m.leaving; }));
}

int PresenceRosterModel::rowOf(const QString &userId) const
{
    for (int i = 0; i < m_members.size(); ++i) {
        if (m_members.at(i).id == userId)
            return i;
    }
    return -1;
}

void PresenceRosterModel::setPalette(const QPalette &palette)
{
    m_palette = palette;
    if (!m_members.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(int(m_members.size()) - 1, ColumnCount - 1));
}

int PresenceRosterModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_members.size());
}

int PresenceRosterModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant PresenceRosterModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Member &m = m_members.at(index.row());
    const bool me = !m_me.isEmpty() && m.id == m_me;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case IdColumn: return m.id;
        case InfoColumn: return m.infoText;
        case MeColumn: return me ? tr("me") : QString();
        }
        break;
    case Qt::ToolTipRole: {
        QString state;
        if (m.leaving)
            state = tr("%1 left the channel").arg(m.id);
        else if (m.since >= 0)
            state = tr("%1 just joined").arg(m.id);
        else
            state = me ? tr("%1: this connection").arg(m.id) : m.id;
        const QString info = jsonText(m.info, QJsonDocument::Indented);
        return info.isEmpty() ? state : QStringLiteral("%1\n\n%2").arg(state, info);
    }
    case Qt::FontRole:
        if (m.leaving || me) {
            QFont font;
            font.setStrikeOut(m.leaving);
            font.setBold(me);
            return font;
        }
        break;
    case Qt::ForegroundRole:
        if (m.leaving)
            return m_palette.color(QPalette::PlaceholderText);
        break;
    case Qt::BackgroundRole: {
        const qreal strength = highlightOf(m);
        if (strength <= 0)
            break;
        return feedback::tint(m_palette, m.leaving ? feedback::Tone::Error : feedback::Tone::Success,
                              int((m.leaving ? 70 : 120) * strength));
    }
    case UserIdRole: return m.id;
    case LeavingRole: return m.leaving;
    case HighlightRole: return highlightOf(m);
    default: break;
    }
    return {};
}

QVariant PresenceRosterModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::DisplayRole) {
        switch (section) {
        case IdColumn: return tr("User id");
        case InfoColumn: return tr("User info");
        case MeColumn: return tr("Me");
        }
    } else if (role == Qt::ToolTipRole) {
        switch (section) {
        case IdColumn: return tr("The member's user id");
        case InfoColumn: return tr("The member's user_info, as the server sent it");
        case MeColumn: return tr("Marks the member this connection joined as");
        }
    }
    return {};
}

// --- PresencePanel --------------------------------------------------------------------------------

PresencePanel::PresencePanel(QWidget *parent) : QWidget(parent), m_model(new PresenceRosterModel(this))
{
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
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    m_table->horizontalHeader()->setSectionResizeMode(PresenceRosterModel::IdColumn, QHeaderView::Interactive);
    m_table->horizontalHeader()->setSectionResizeMode(PresenceRosterModel::InfoColumn, QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(PresenceRosterModel::MeColumn, QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->resizeSection(PresenceRosterModel::IdColumn, m_table->fontMetrics().averageCharWidth() * 18);
    m_table->setToolTip(tr("The live roster: joins are highlighted, leaves are struck through for a moment"));
    m_model->setPalette(m_table->palette());
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
                    updateHeader();
                });
        connect(m_registry, &ChannelRegistry::memberRemoved, this, [this](const QString &channel, const QString &userId) {
            if (channel != m_channel)
                return;
            m_model->memberLeft(userId);
            updateHeader();
        });
        connect(m_registry, &ChannelRegistry::subscriptionChanged, this, [this](const QString &channel) {
            if (channel == m_channel)
                scheduleSync();
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
    updateHeader();
}

void PresencePanel::updateHeader()
{
    const Subscription *sub = m_registry ? m_registry->subscription(m_channel) : nullptr;
    const bool presence = channelKindOf(m_channel).type == ChannelType::Presence;
    m_table->setEnabled(sub && presence);
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
        m_count->setText(sub->members.size() == 1 ? tr("1 member") : tr("%1 members").arg(sub->members.size()));
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

void PresencePanel::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() != QEvent::PaletteChange)
        return;
    // Children get the new palette after this widget: recolour once they all have it.
    QMetaObject::invokeMethod(this, [this] {
        feedback::refresh(this);
        m_model->setPalette(m_table->palette());
    }, Qt::QueuedConnection);
}

} // namespace cs::ui
