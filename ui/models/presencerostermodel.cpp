#include "presencerostermodel.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

namespace cs::ui {

namespace {

QString jsonText(const QJsonValue &value, QJsonDocument::JsonFormat format)
{
    switch (value.type()) {
    case QJsonValue::Object: return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(format)).trimmed();
    case QJsonValue::Array: return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(format)).trimmed();
    case QJsonValue::String:
        return QString::fromUtf8(QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact)).mid(1).chopped(1);
    case QJsonValue::Double: return QString::number(value.toDouble());
    case QJsonValue::Bool: return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Null:
    case QJsonValue::Undefined: break;
    }
    return {};
}

}  // namespace

PresenceRosterModel::PresenceRosterModel(QObject *parent) : QAbstractTableModel(parent)
{
    m_clock.start();
    m_animation.setInterval(50);
    connect(&m_animation, &QTimer::timeout, this, &PresenceRosterModel::tick);
}

qsizetype PresenceRosterModel::lowerBound(const QString &userId) const
{
    const auto it = std::lower_bound(m_members.cbegin(), m_members.cend(), userId,
                                     [](const Member &m, const QString &id) { return m.id < id; });
    return it - m_members.cbegin();
}

int PresenceRosterModel::rowOf(const QString &userId) const
{
    const qsizetype at = lowerBound(userId);
    return at < m_members.size() && m_members.at(at).id == userId ? int(at) : -1;
}

void PresenceRosterModel::insertRow(qsizetype row, Member member)
{
    beginInsertRows({}, int(row), int(row));
    m_members.insert(row, std::move(member));
    endInsertRows();
}

void PresenceRosterModel::removeRow(qsizetype row)
{
    beginRemoveRows({}, int(row), int(row));
    if (m_members.at(row).leaving)
        --m_leaving;
    m_animated.remove(m_members.at(row).id);
    m_members.removeAt(row);
    endRemoveRows();
}

void PresenceRosterModel::reset(const QMap<QString, QJsonValue> &members, const QString &myUserId)
{
    beginResetModel();
    m_members.clear();
    m_members.reserve(members.size());
    m_me = myUserId;
    for (auto it = members.cbegin(); it != members.cend(); ++it)  // QMap iterates in id order
        m_members.append(Member{it.key(), it.value()});
    m_leaving = 0;
    m_animated.clear();
    endResetModel();
    m_animation.stop();
}

void PresenceRosterModel::clear() { reset({}, {}); }

void PresenceRosterModel::sync(const QMap<QString, QJsonValue> &members, const QString &myUserId)
{
    if (m_me != myUserId) {
        m_me = myUserId;
        if (!m_members.isEmpty())
            Q_EMIT dataChanged(index(0, 0), index(int(m_members.size()) - 1, ColumnCount - 1));
    }
    // One merge of two id-ordered sequences.
    qsizetype row = 0;
    auto it = members.cbegin();
    while (row < m_members.size() || it != members.cend()) {
        if (it == members.cend() || (row < m_members.size() && m_members.at(row).id < it.key())) {
            if (m_members.at(row).leaving)
                ++row;  // on its way out: the animation removes it
            else
                removeRow(row);
            continue;
        }
        if (row == m_members.size() || it.key() < m_members.at(row).id) {
            insertRow(row, Member{it.key(), it.value()});
        } else {
            Member &m = m_members[row];
            if (m.leaving || m.info != it.value()) {
                if (m.leaving) {
                    m.leaving = false;
                    --m_leaving;
                    m.since = -1;
                    m_animated.remove(m.id);
                }
                m.info = it.value();
                Q_EMIT dataChanged(index(int(row), 0), index(int(row), ColumnCount - 1));
            }
        }
        ++row;
        ++it;
    }
}

void PresenceRosterModel::memberJoined(const QString &userId, const QJsonValue &info)
{
    const int row = rowOf(userId);
    if (row < 0) {
        insertRow(lowerBound(userId), Member{userId, info, false, m_clock.elapsed()});
    } else {
        Member &m = m_members[row];
        if (m.leaving)
            --m_leaving;
        m.leaving = false;
        m.info = info;
        m.since = m_clock.elapsed();
        Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
    }
    animate(userId);
}

void PresenceRosterModel::memberLeft(const QString &userId)
{
    const int row = rowOf(userId);
    if (row < 0 || m_members.at(row).leaving)
        return;
    Member &m = m_members[row];
    m.leaving = true;
    ++m_leaving;
    m.since = m_clock.elapsed();
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
    animate(userId);
}

void PresenceRosterModel::animate(const QString &userId)
{
    m_animated.insert(userId);
    if (!m_animation.isActive())
        m_animation.start();
}

void PresenceRosterModel::tick()
{
    const qint64 now = m_clock.elapsed();
    const QList<QString> ids(m_animated.cbegin(), m_animated.cend());  // rows may go below
    for (const QString &id : ids) {
        const int row = rowOf(id);
        if (row < 0 || m_members.at(row).since < 0) {
            m_animated.remove(id);
            continue;
        }
        Member &m = m_members[row];
        if (now - m.since >= kHighlightMs) {
            if (m.leaving) {
                removeRow(row);
                continue;
            }
            m.since = -1;
            m_animated.remove(id);
        }
        Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1), {HighlightRole});
    }
    if (m_animated.isEmpty())
        m_animation.stop();
}

qreal PresenceRosterModel::highlightOf(const Member &m) const
{
    if (m.since < 0)
        return 0;
    const qreal progress = qreal(m_clock.elapsed() - m.since) / kHighlightMs;
    return qBound<qreal>(0, 1 - progress, 1);
}

int PresenceRosterModel::memberCount() const { return int(m_members.size()) - m_leaving; }

int PresenceRosterModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_members.size());
}

int PresenceRosterModel::columnCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : ColumnCount; }

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
        case InfoColumn: return jsonText(m.info, QJsonDocument::Compact);  // only visible rows ask
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
        // Server text: the application's plain-text guard shows it literally (plaintextguard.h).
        return info.isEmpty() ? state : QStringLiteral("%1\n\n%2").arg(state, info);
    }
    case UserIdRole: return m.id;
    case LeavingRole: return m.leaving;
    case HighlightRole: return highlightOf(m);
    case IsMeRole: return me;
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

}  // namespace cs::ui
