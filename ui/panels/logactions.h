#pragma once
// The log panel's actions (for its toolbar, its context menu and the main window's Log menu):
// names, shortcuts, icons and tooltips, the texts that follow the panel's state (paused with the
// pending count, following or held, exporting), and the toolbar that shows them. The panel
// connects what they do.

#include <QList>
#include <QtGlobal>

class QAction;
class QLabel;
class QWidget;

namespace cs::ui {

struct LogActions {
    explicit LogActions(QWidget *owner);  // parent of the actions, and the style their icons follow

    QAction *focusFilter;
    QAction *clear;
    QAction *pause;
    QAction *follow;
    QAction *copyRow;
    QAction *copyPayload;
    QAction *exportVisible;
    QAction *logLimit;

    QList<QAction *> all() const;  // in menu order

    void showPaused(bool paused, qsizetype pending);
    void showHeld(bool held);  // the user scrolled up: following waits
    void showExporting(bool running);

    // One row of buttons (pause, clear, follow, copy row, copy payload, export), then the status
    // and message labels; it wraps onto a second line in a narrow dock.
    QWidget *buildToolbar(QWidget *parent, QLabel *status, QLabel *message) const;

private:
    QWidget *m_owner;
};

}  // namespace cs::ui
