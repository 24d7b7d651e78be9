#pragma once
// The log row's contract marker: a row whose event breaks its payload contract gets a warning
// badge and a tooltip with the first violation in its Event column. LogStyleProxy asks this for
// the Event column; a log without contracts answers at once.

#include <QModelIndex>
#include <QVariant>

namespace cs::ui {

// For an index of LogModel (the source model) and a role: the badge (DecorationRole), the
// tooltip (ToolTipRole), or an invalid QVariant when the row breaks no contract or the role is
// another one.
QVariant violationMark(const QModelIndex &sourceIndex, int role);

}  // namespace cs::ui
