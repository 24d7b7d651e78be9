#include "mainmenus.h"

#include "plaintextguard.h"
#include "shortcutsdialog.h"
#include "theme.h"

#include <QAction>
#include <QCoreApplication>
#include <QDockWidget>
#include <QKeySequence>
#include <QMainWindow>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>

namespace cs::ui {

namespace {

QString tr(const char *text) { return QCoreApplication::translate("cs::ui::MainWindow", text); }

void showAbout(QMainWindow *window)
{
    // Our own static markup: the one window that keeps rich text.
    auto *box = new QMessageBox(QMessageBox::Information, tr("About Channelscope"),
                                tr("<b>Channelscope %1</b><p>A desktop debug console for Pusher Channels, soketi, "
                                   "Laravel Reverb and laravel-websockets.</p>")
                                    .arg(QStringLiteral(CS_VERSION_STRING)),
                                QMessageBox::Ok, window);
    allowRichText(box);
    box->setTextFormat(Qt::RichText);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

}  // namespace

void buildMainMenus(QMainWindow *window, const MainMenuActions &actions)
{
    QMenuBar *bar = window->menuBar();
    QMenu *connectionMenu = bar->addMenu(tr("&Connection"));
    connectionMenu->addAction(actions.connect);
    connectionMenu->addAction(actions.disconnect);
    connectionMenu->addSeparator();
    QAction *quit = connectionMenu->addAction(tr("&Quit"), window, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    QMenu *logMenu = bar->addMenu(tr("&Log"));
    for (QAction *action : actions.log)
        logMenu->addAction(action);

    QMenu *viewMenu = bar->addMenu(tr("&View"));
    for (QDockWidget *dock : actions.docks)
        viewMenu->addAction(dock->toggleViewAction());
    viewMenu->addSeparator();
    if (actions.settings)
        addThemeMenu(viewMenu, actions.settings, savedTheme(*actions.settings));
    viewMenu->addAction(actions.resetLayout);

    QMenu *helpMenu = bar->addMenu(tr("&Help"));
    QAction *shortcuts = helpMenu->addAction(tr("&Keyboard shortcuts"), window, [window] {
        auto *dialog = new ShortcutsDialog(window);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->open();
    });
    shortcuts->setObjectName(QStringLiteral("shortcutsAction"));
    shortcuts->setShortcut(QKeySequence::HelpContents);
    helpMenu->addAction(tr("&About Channelscope"), window, [window] { showAbout(window); });
}

}  // namespace cs::ui
