#include "mainwindow.h"

#include <QApplication>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Channelscope"));
    QApplication::setApplicationName(QStringLiteral("Channelscope"));
    QApplication::setApplicationVersion(QStringLiteral(CS_VERSION_STRING));
    cs::ui::MainWindow window;
    window.show();
    return app.exec();
}
