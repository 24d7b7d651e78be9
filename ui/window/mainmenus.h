#pragma once
// The main window's menu bar: Connection (connect, disconnect, quit), Log (the log panel's
// actions with their shortcuts), View (a toggle per dock, reset layout) and Help (shortcuts,
// About). The actions belong to the window and its panels; this only puts them in menus.

#include <QList>

class QAction;
class QDockWidget;
class QMainWindow;
class QSettings;
class QString;

namespace cs::ui {

struct MainMenuActions {
    QAction *connect = nullptr;
    QAction *disconnect = nullptr;
    QAction *resetLayout = nullptr;
    QList<QAction *> log;           // LogPanel::actions()
    QList<QDockWidget *> docks;     // in View-menu order
    QSettings *settings = nullptr;  // where View → Theme keeps the choice
};

// Fills `window`'s menu bar.
void buildMainMenus(QMainWindow *window, const MainMenuActions &actions);

}  // namespace cs::ui
