#pragma once
// The log panel's actions (for its toolbar, its context menu and the main window's Log menu):
// names, shortcuts, icons and tooltips, the texts that follow the panel's state (paused with the
// pending count, following or held, exporting), and the toolbar that shows them. The panel
// connects what they do.

#include <QList>
#include <QtGlobal>

class QAction;
class QToolBar;
class QWidget;

namespace cs::ui {

struct LogActions {
    explicit LogActions(QWidget *owner);  // parent of the actions, and the style their icons follow

    QAction *focusFilter;
    QAction *clear;
    QAction *pause;
    QAction *follow;
    QAction *foldKeepalives;
    QAction *copyRow;
    QAction *copyPayload;
    QAction *exportVisible;
    QAction *logLimit;

    QList<QAction *> all() const;  // in menu order

    void showPaused(bool paused, qsizetype pending);
    void showFollowing(bool heldByScroll);  // off because the user scrolled up: the tooltip says how to resume
    void showExporting(bool running);

    // One row of buttons (pause, follow, fold keepalives, clear, export, copy row, copy payload)
    // that never wraps: in a narrow dock the last ones go behind the toolbar's extension button.
    QToolBar *buildToolbar(QWidget *parent) const;

private:
    QWidget *m_owner;
};

}  // namespace cs::ui
