#include "subscriptionstyleproxy.h"

#include "subscriptiontablemodel.h"
#include "tone.h"

namespace cs::ui {

SubscriptionStyleProxy::SubscriptionStyleProxy(QObject *parent) : QIdentityProxyModel(parent) {}

void SubscriptionStyleProxy::setPalette(const QPalette &palette)
{
    m_palette = palette;
    if (sourceModel() && rowCount() > 0)
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1), {Qt::ForegroundRole});
}

QColor SubscriptionStyleProxy::foreground(SubscriptionState state, int column) const
{
    if (state == SubscriptionState::Failed)
        return feedback::color(m_palette, feedback::Tone::Error);
    if (column != SubscriptionTableModel::StateColumn)
        return {};
    if (state == SubscriptionState::Subscribed)
        return feedback::color(m_palette, feedback::Tone::Success);
    if (state == SubscriptionState::Pending)
        return m_palette.color(QPalette::PlaceholderText);
    return {};
}

QVariant SubscriptionStyleProxy::data(const QModelIndex &index, int role) const
{
    if (role == Qt::ForegroundRole && index.isValid()) {
        const QVariant state = index.data(SubscriptionTableModel::StateRole);
        if (state.isValid()) {
            const QColor color = foreground(SubscriptionState(state.toInt()), index.column());
            if (color.isValid())
                return color;
        }
    }
    return QIdentityProxyModel::data(index, role);
}

}  // namespace cs::ui
