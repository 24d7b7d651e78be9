#pragma once
// The main window's menu bar: Connection (connect, disconnect, quit), Log (the log panel's
// actions with their shortcuts), View (a toggle per dock, reset layout) and Help (shortcuts,
// About). The actions belong to the window and its panels; this only puts them in menus.

#include <QList>

#include <functional>

class QAction;
class QDockWidget;
class QMainWindow;
class QString;

namespace cs::ui {

struct MainMenuActions {
    QAction *connect = nullptr;
    QAction *disconnect = nullptr;
    QAction *resetLayout = nullptr;
    QList<QAction *> log;        // LogPanel::actions()
    QList<QDockWidget *> docks;  // in View-menu order
};

// Fills `window`'s menu bar. `showStatus(message, timeoutMs)` shows the shortcut list.
void buildMainMenus(QMainWindow *window, const MainMenuActions &actions,
                    const std::function<void(const QString &, int)> &showStatus);

}  // namespace cs::ui
