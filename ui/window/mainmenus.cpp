#include "mainmenus.h"

#include "plaintextguard.h"

#include <QAction>
#include <QCoreApplication>
#include <QDockWidget>
#include <QKeySequence>
#include <QMainWindow>
#include <QMenuBar>
#include <QMessageBox>

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

void buildMainMenus(QMainWindow *window, const MainMenuActions &actions,
                    const std::function<void(const QString &, int)> &showStatus)
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
    viewMenu->addAction(actions.resetLayout);

    QMenu *helpMenu = bar->addMenu(tr("&Help"));
    helpMenu->addAction(tr("&Keyboard shortcuts"), window, [showStatus] {
        showStatus(tr("Ctrl+K connect · Ctrl+Shift+K disconnect · Ctrl+F filter the log · Ctrl+L clear the log · "
                      "Ctrl+P pause · Ctrl+Enter send"),
                   15000);
    });
    helpMenu->addAction(tr("&About Channelscope"), window, [window] { showAbout(window); });
}

}  // namespace cs::ui
