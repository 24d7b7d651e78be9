#include "presencestyleproxy.h"

#include "presencerostermodel.h"
#include "tone.h"

#include <algorithm>

namespace cs::ui {

namespace {

const QList<int> kStyleRoles{Qt::BackgroundRole, Qt::ForegroundRole, Qt::FontRole};

}  // namespace

PresenceStyleProxy::PresenceStyleProxy(QObject *parent) : QIdentityProxyModel(parent) {}

void PresenceStyleProxy::setSourceModel(QAbstractItemModel *source)
{
    if (sourceModel())
        disconnect(sourceModel(), &QAbstractItemModel::dataChanged, this, &PresenceStyleProxy::restyle);
    QIdentityProxyModel::setSourceModel(source);
    if (source)
        connect(source, &QAbstractItemModel::dataChanged, this, &PresenceStyleProxy::restyle);
}

void PresenceStyleProxy::restyle(const QModelIndex &topLeft, const QModelIndex &bottomRight, const QList<int> &roles)
{
    const bool styleFollows = std::any_of(roles.cbegin(), roles.cend(), [](int role) {
        return role == PresenceRosterModel::HighlightRole || role == PresenceRosterModel::LeavingRole
               || role == PresenceRosterModel::IsMeRole;
    });
    if (styleFollows)  // an empty list (everything changed) is forwarded as it is
        Q_EMIT dataChanged(mapFromSource(topLeft), mapFromSource(bottomRight), kStyleRoles);
}

void PresenceStyleProxy::setPalette(const QPalette &palette)
{
    m_palette = palette;
    if (sourceModel() && rowCount() > 0)
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1), kStyleRoles);
}

QColor PresenceStyleProxy::background(bool leaving, qreal strength) const
{
    if (strength <= 0)
        return {};
    return feedback::tint(m_palette, leaving ? feedback::Tone::Error : feedback::Tone::Success,
                          int((leaving ? 70 : 120) * qMin<qreal>(strength, 1)));
}

QColor PresenceStyleProxy::leavingForeground() const { return m_palette.color(QPalette::PlaceholderText); }

QVariant PresenceStyleProxy::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    switch (role) {
    case Qt::FontRole: {
        const bool leaving = index.data(PresenceRosterModel::LeavingRole).toBool();
        const bool me = index.data(PresenceRosterModel::IsMeRole).toBool();
        if (!leaving && !me)
            break;
        QFont font;
        font.setStrikeOut(leaving);
        font.setBold(me);
        return font;
    }
    case Qt::ForegroundRole:
        if (index.data(PresenceRosterModel::LeavingRole).toBool())
            return leavingForeground();
        break;
    case Qt::BackgroundRole: {
        const QColor color = background(index.data(PresenceRosterModel::LeavingRole).toBool(),
                                        index.data(PresenceRosterModel::HighlightRole).toReal());
        if (color.isValid())
            return color;
        break;
    }
    default: break;
    }
    return QIdentityProxyModel::data(index, role);
}

}  // namespace cs::ui
