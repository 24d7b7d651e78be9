#include "mainwindow.h"

#include "logstore.h"

#include <QLabel>
#include <QStatusBar>

namespace cs::ui {

MainWindow::MainWindow(QWidget *parent) : QMainWindow(parent), m_log(new LogStore(this))
{
    setWindowTitle(tr("Channelscope"));
    auto *placeholder = new QLabel(tr("Channelscope %1: the console panels are on their way.").arg(QStringLiteral(CS_VERSION_STRING)), this);
    placeholder->setAlignment(Qt::AlignCenter);
    setCentralWidget(placeholder);
    statusBar()->showMessage(tr("Ready"));
    resize(1100, 720);
}

MainWindow::~MainWindow() = default;

} // namespace cs::ui
