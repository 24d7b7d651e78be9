#pragma once
// The subscriptions table's looks, kept out of SubscriptionTableModel (as LogStyleProxy does for
// the log): from the model's StateRole, a failed row reads in the error tone, and the State column
// in the success tone once subscribed or muted while pending. Colours come from the palette given
// (the view's), so that light and dark themes both stay readable.

#include "channels.h"

#include <QColor>
#include <QIdentityProxyModel>
#include <QPalette>

namespace cs::ui {

class SubscriptionStyleProxy : public QIdentityProxyModel {
    Q_OBJECT
public:
    explicit SubscriptionStyleProxy(QObject *parent = nullptr);

    // Recolours every row for this palette (one dataChanged).
    void setPalette(const QPalette &palette);
    const QPalette &palette() const { return m_palette; }

    // The text colour of a cell in `column` of a row in `state`; invalid: the view's own.
    QColor foreground(SubscriptionState state, int column) const;

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

private:
    QPalette m_palette;
};

}  // namespace cs::ui
