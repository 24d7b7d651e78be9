#include "logtablesetup.h"

#include "logmodel.h"

#include <QCoreApplication>
#include <QFont>
#include <QFontMetrics>
#include <QHeaderView>
#include <QStyle>
#include <QTableView>

namespace cs::ui {

void setUpLogTable(QTableView *view, const QFont &mono)
{
    view->setObjectName(QStringLiteral("logTable"));
    view->setToolTip(QCoreApplication::translate(
        "cs::ui::LogPanel", "The event log, oldest first. Select a row to see it below; right-click for filters"));
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    view->setShowGrid(false);
    view->setWordWrap(false);
    view->setTextElideMode(Qt::ElideRight);
    view->setCornerButtonEnabled(false);
    view->setSortingEnabled(false);
    view->setTabKeyNavigation(false);
    view->setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);
    view->setVerticalScrollMode(QAbstractItemView::ScrollPerItem);

    // Uniform rows: a fixed height means the view never asks the model to size a row.
    const QFontMetrics fm(view->font());
    const QFontMetrics monoFm(mono);
    QHeaderView *rows = view->verticalHeader();
    rows->setVisible(false);
    rows->setSectionResizeMode(QHeaderView::Fixed);
    rows->setMinimumSectionSize(1);
    rows->setDefaultSectionSize(qMax(fm.height(), monoFm.height()) + 6);

    // Column widths from the font, never from the data.
    QHeaderView *columns = view->horizontalHeader();
    columns->setHighlightSections(false);
    columns->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    columns->setStretchLastSection(false);
    columns->setSectionResizeMode(QHeaderView::Interactive);
    columns->setSectionResizeMode(int(LogColumn::Summary), QHeaderView::Stretch);
    const int pad = 20;
    const int icon = view->style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, view);
    columns->resizeSection(int(LogColumn::Time), monoFm.horizontalAdvance(QStringLiteral("00:00:00.000")) + pad);
    columns->resizeSection(int(LogColumn::Direction), fm.horizontalAdvance(QStringLiteral("\u2022 local")) + pad);
    columns->resizeSection(int(LogColumn::Kind), fm.horizontalAdvance(QStringLiteral("subscription")) + icon + pad);
    columns->resizeSection(int(LogColumn::Channel), fm.averageCharWidth() * 26);
    columns->resizeSection(int(LogColumn::Event), fm.averageCharWidth() * 30);
    columns->resizeSection(int(LogColumn::Size), monoFm.horizontalAdvance(QStringLiteral("100.0 KB")) + pad);
    columns->setMinimumSectionSize(fm.averageCharWidth() * 4);
}

}  // namespace cs::ui
