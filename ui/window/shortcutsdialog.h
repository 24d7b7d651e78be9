#pragma once
// Help → Keyboard shortcuts. The list is read from the live window (every QAction and QShortcut
// that has keys), so it cannot fall behind when a panel gains a shortcut.

#include <QDialog>
#include <QList>
#include <QString>

class QWidget;

namespace cs::ui {

struct ShortcutRow {
    QString keys;   // as the platform writes them, e.g. "Ctrl+Shift+K"
    QString what;   // the action's text without its mnemonic, e.g. "Disconnect"
    QString where;  // the panel (dock title) it works in, or "Everywhere"
};

// Every shortcut under `root`, sorted by where, then keys; an action shown in two places once.
QList<ShortcutRow> collectShortcuts(QWidget *root);

class ShortcutsDialog : public QDialog {
    Q_OBJECT
public:
    explicit ShortcutsDialog(QWidget *window);
};

}  // namespace cs::ui
