#pragma once
// How the log table is set up for a million rows: whole-row selection, fixed row heights (the
// view never asks the model to size a row), no sorting, and column widths from the fonts, never
// from the data.

class QFont;
class QTableView;

namespace cs::ui {

// `mono`: the font LogStyleProxy gives the time, summary and size columns.
void setUpLogTable(QTableView *view, const QFont &mono);

}  // namespace cs::ui
