// Channelscope, the desktop console.

#include "contractsmanager.h"
#include "logpanel.h"
#include "mainwindow.h"
#include "sessionfileactions.h"
#include "theme.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QIcon>
#include <QSettings>
#include <QTimer>
#include <QWindow>

#include <cstdio>

namespace {

// For channelscope-bench's start-up figure (CHANNELSCOPE_REPORT_FIRST_SHOW set): once the main
// window is first exposed — and so painted — print "first-show <ms since main()>" and quit.
class FirstShowReporter : public QObject {
public:
    FirstShowReporter(QWidget *window, const QElapsedTimer &clock) : m_window(window), m_clock(clock) {}

    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Expose && !m_reported && watched == m_window->windowHandle()
            && m_window->windowHandle()->isExposed()) {
            m_reported = true;
            // Queued: the expose is handled (the frame painted) before the line goes out.
            QTimer::singleShot(0, this, [this] {
                std::printf("first-show %.1f\n", double(m_clock.nsecsElapsed()) / 1e6);
                std::fflush(stdout);
                QCoreApplication::quit();
            });
        }
        return false;
    }

private:
    QWidget *m_window;
    const QElapsedTimer &m_clock;
    bool m_reported = false;
};

// The window icon, from resources.qrc (the same drawing the desktop entry names by CS_APP_ID).
QIcon appIcon()
{
    QIcon icon;
    for (const int size : {16, 24, 32, 48, 64, 128, 256})
        icon.addFile(QStringLiteral(":/channelscope/icons/%1.png").arg(size), QSize(size, size));
    return icon;
}

}  // namespace

int main(int argc, char *argv[])
{
    // The qrc is compiled into the static ui library; this keeps the linker from dropping it.
    Q_INIT_RESOURCE(resources);
    QElapsedTimer sinceStart;
    sinceStart.start();
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Channelscope"));
    QApplication::setApplicationName(QStringLiteral("Channelscope"));
    QApplication::setApplicationVersion(QStringLiteral(CS_VERSION_STRING));
    // Wayland's app id and the desktop entry's name: how a shell finds the icon and the entry.
    QGuiApplication::setDesktopFileName(QStringLiteral(CS_APP_ID));
    QApplication::setWindowIcon(appIcon());

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Desktop debug console for Pusher Channels"));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOptions({
        {QStringLiteral("profile"), QStringLiteral("Select this profile (name or id) at start."),
         QStringLiteral("name")},
        {QStringLiteral("connect"), QStringLiteral("Connect at start.")},
        {QStringLiteral("subscribe"), QStringLiteral("Subscribe to a channel once connected (repeatable)."),
         QStringLiteral("channel")},
        {QStringLiteral("panel"),
         QStringLiteral(
             "Raise this panel: log, channels, presence, publish, inspect, profile, scenario, clients, tap."),
         QStringLiteral("name")},
        {QStringLiteral("filter"), QStringLiteral("Start with this log filter, e.g. 'kind:event channel:orders'."),
         QStringLiteral("text")},
        {QStringLiteral("theme"), QStringLiteral("Use this theme from now on: system, light or dark."),
         QStringLiteral("name")},
        {QStringLiteral("contracts"),
         QStringLiteral("Check payloads against the <event>.schema.json files in this folder (kept with the profile)."),
         QStringLiteral("dir")},
        {QStringLiteral("settings"),
         QStringLiteral("Use this settings file instead of the user's (demos, screenshots)."), QStringLiteral("file")},
    });
    parser.addPositionalArgument(QStringLiteral("file"),
                                 QStringLiteral("A session file (or listen/export NDJSON) to open read-only."),
                                 QStringLiteral("[FILE]"));
    parser.process(app);

    std::unique_ptr<QSettings> settings;
    if (parser.isSet(QStringLiteral("settings")))
        settings = std::make_unique<QSettings>(parser.value(QStringLiteral("settings")), QSettings::IniFormat);

    cs::ui::MainWindow window({settings.get(), nullptr});
    if (parser.isSet(QStringLiteral("profile")) && !window.selectProfile(parser.value(QStringLiteral("profile"))))
        qWarning("channelscope: no profile named %s", qPrintable(parser.value(QStringLiteral("profile"))));
    if (parser.isSet(QStringLiteral("panel")) && !window.raisePanel(parser.value(QStringLiteral("panel"))))
        qWarning("channelscope: no panel named %s", qPrintable(parser.value(QStringLiteral("panel"))));
    if (parser.isSet(QStringLiteral("theme"))) {
        if (const auto theme = cs::ui::themeFromId(parser.value(QStringLiteral("theme"))))
            window.setTheme(*theme);
        else
            qWarning("channelscope: no theme named %s (system, light, dark)",
                     qPrintable(parser.value(QStringLiteral("theme"))));
    }
    if (parser.isSet(QStringLiteral("contracts"))) {
        QString why;
        if (!window.contracts()->setFolder(QDir(parser.value(QStringLiteral("contracts"))).absolutePath(), &why))
            qWarning("channelscope: contracts not set: %s", qPrintable(why));
    }
    if (parser.isSet(QStringLiteral("filter")))
        window.logPanel()->setFilterText(parser.value(QStringLiteral("filter")));
    FirstShowReporter firstShow(&window, sinceStart);
    if (qEnvironmentVariableIsSet("CHANNELSCOPE_REPORT_FIRST_SHOW"))
        app.installEventFilter(&firstShow);
    window.show();
    for (const QString &file : parser.positionalArguments())
        window.sessionFiles()->openFile(file);

    if (parser.isSet(QStringLiteral("connect"))) {
        const QStringList channels = parser.values(QStringLiteral("subscribe"));
        // Once the event loop runs, so that the profile's secrets have been read.
        QTimer::singleShot(0, &window, [&window, channels] {
            if (!window.connectProfile())
                return;
            for (const QString &channel : channels)
                window.subscribe(channel);
        });
    }
    return app.exec();
}
