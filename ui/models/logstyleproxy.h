#pragma once
// The log table's looks, kept out of core (as GammaRay does): a QIdentityProxyModel over
// cs::LogModel that adds kind colours (foreground, a light row tint and a dot in the Kind column),
// direction arrows, a monospace font for time/summary/size, alignment and header tooltips. A
// folded keepalive run (FoldCountRole > 1) is muted, its summary in italics.
// Colours are derived from the palette so that they read on light and dark themes.

#include "logentry.h"

#include <QBrush>
#include <QFont>
#include <QIcon>
#include <QIdentityProxyModel>
#include <QPalette>

#include <array>

namespace cs::ui {

class LogStyleProxy : public QIdentityProxyModel {
    Q_OBJECT
public:
    explicit LogStyleProxy(QObject *parent = nullptr);
    ~LogStyleProxy() override;

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Recomputes every colour for this palette; the rows are repainted (one dataChanged).
    void setPalette(const QPalette &palette);
    const QPalette &palette() const { return m_palette; }
    bool isDark() const { return m_dark; }

    QColor kindForeground(EntryKind kind) const;
    QColor kindBackground(EntryKind kind) const;  // transparent when the kind has no tint
    QIcon kindIcon(EntryKind kind) const;
    QFont monospaceFont() const { return m_mono; }

    static QString directionText(Direction direction);  // "↓ in", "↑ out", "• local"

private:
    struct KindStyle {
        QBrush foreground;
        QBrush background;
        QIcon icon;
    };
    std::array<KindStyle, kEntryKindCount> m_kinds;
    QPalette m_palette;
    QBrush m_muted;
    QFont m_mono;
    bool m_dark = false;
};

}  // namespace cs::ui
