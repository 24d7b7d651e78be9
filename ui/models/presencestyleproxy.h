#pragma once
// The presence roster's looks, kept out of PresenceRosterModel (as LogStyleProxy does for the
// log): from the model's state roles, a joining member gets a success-tinted background that fades
// with HighlightRole, a leaving one an error tint, muted text and a struck-through font, and the
// member this connection joined as is bold. Colours come from the palette given (the view's).

#include <QColor>
#include <QFont>
#include <QIdentityProxyModel>
#include <QPalette>

namespace cs::ui {

class PresenceStyleProxy : public QIdentityProxyModel {
    Q_OBJECT
public:
    explicit PresenceStyleProxy(QObject *parent = nullptr);

    void setSourceModel(QAbstractItemModel *source) override;
    // Recolours every row for this palette (one dataChanged).
    void setPalette(const QPalette &palette);
    const QPalette &palette() const { return m_palette; }

    // A row's background for a highlight of `strength` (0..1); invalid when there is none.
    QColor background(bool leaving, qreal strength) const;
    QColor leavingForeground() const;

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

private:
    // The model says which state changed (e.g. only HighlightRole while a join fades): the
    // view must repaint the looks that follow from it.
    void restyle(const QModelIndex &topLeft, const QModelIndex &bottomRight, const QList<int> &roles);

    QPalette m_palette;
};

}  // namespace cs::ui
