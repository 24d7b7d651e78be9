#include "violationmark.h"

#include "logmodel.h"
#include "logstore.h"
#include "violationindex.h"

#include <QCoreApplication>
#include <QIcon>
#include <QPainter>
#include <QPixmap>

namespace cs::ui {

namespace {

// Drawn, not themed: ui/models has no style to ask, and the mark must look the same everywhere.
QIcon badge()
{
    static const QIcon icon = [] {
        QPixmap pixmap(32, 32);
        pixmap.fill(Qt::transparent);
        QPainter p(&pixmap);
        p.setRenderHint(QPainter::Antialiasing);
        p.setPen(Qt::NoPen);
        p.setBrush(QColor(0xd9, 0x48, 0x2b));
        p.drawEllipse(2, 2, 28, 28);
        p.setBrush(Qt::white);
        p.drawRoundedRect(QRectF(14, 7, 4, 12), 2, 2);
        p.drawEllipse(QRectF(14, 21, 4, 4));
        return QIcon(pixmap);
    }();
    return icon;
}

}  // namespace

QVariant violationMark(const QModelIndex &sourceIndex, int role)
{
    if (role != Qt::DecorationRole && role != Qt::ToolTipRole)
        return {};
    const auto *model = qobject_cast<const LogModel *>(sourceIndex.model());
    const LogStore *store = model ? model->store() : nullptr;
    const ViolationIndex *index = store ? ViolationIndex::of(*store) : nullptr;
    if (!index || !index->isActive())
        return {};
    const QList<Violation> violations = index->violationsAt(sourceIndex.data(StoreRowRole).value<qsizetype>());
    if (violations.isEmpty())
        return {};
    if (role == Qt::DecorationRole)
        return badge();
    const Violation &first = violations.first();
    return QCoreApplication::translate("cs::ui::LogStyleProxy", "Violates its contract (%1): %2 at %3%4")
        .arg(first.contract, first.message, first.path,
             violations.size() > 1 ? QCoreApplication::translate("cs::ui::LogStyleProxy", " and %n more", nullptr,
                                                                 int(violations.size() - 1))
                                   : QString());
}

}  // namespace cs::ui
