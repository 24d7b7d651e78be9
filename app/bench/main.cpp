// channelscope-bench: the benchmark command of issue 5 (not part of the test suite).
//   channelscope-bench [run] [options]   the whole benchmark: one Markdown table, every figure from this run
//   channelscope-bench source|core|raw|gui|store|startup|json [options]   one part (used by `run`; --help each)
//   channelscope-bench report FILE        the table of a run saved with --json FILE, again

#include "framesource.h"
#include "guiload.h"
#include "ingest.h"
#include "jsonbench.h"
#include "orchestrator.h"
#include "startup.h"
#include "storebench.h"

#include <QApplication>
#include <QCoreApplication>

#include <cstdio>
#include <functional>
#include <map>
#include <memory>

int main(int argc, char *argv[])
{
    const std::map<QString, std::function<int(const QStringList &)>> commands{
        {QStringLiteral("run"), cs::bench::runAll},         {QStringLiteral("source"), cs::bench::runSource},
        {QStringLiteral("core"), cs::bench::runCoreIngest}, {QStringLiteral("raw"), cs::bench::runRawIngest},
        {QStringLiteral("gui"), cs::bench::runGuiLoad},     {QStringLiteral("store"), cs::bench::runStoreBench},
        {QStringLiteral("startup"), cs::bench::runStartup}, {QStringLiteral("report"), cs::bench::runReport},
        {QStringLiteral("json"), cs::bench::runJsonBench},
    };
    const bool named = argc > 1 && argv[1][0] != '-';
    const QString command = named ? QString::fromLocal8Bit(argv[1]) : QStringLiteral("run");
    const auto it = commands.find(command);
    if (it == commands.end()) {
        std::fprintf(
            stderr,
            "channelscope-bench: unknown command '%s' (run, source, core, raw, gui, store, startup, report, json)\n",
            argv[1]);
        return 2;
    }

    // Only the GUI part needs widgets; it draws offscreen unless a platform is chosen explicitly.
    std::unique_ptr<QCoreApplication> app;
    if (command == QLatin1String("gui")) {
        if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
            qputenv("QT_QPA_PLATFORM", "offscreen");
        app = std::make_unique<QApplication>(argc, argv);
    } else {
        app = std::make_unique<QCoreApplication>(argc, argv);
    }
    QCoreApplication::setApplicationName(QStringLiteral("channelscope-bench"));
    QStringList args = QCoreApplication::arguments();
    if (named)
        args.removeAt(1);  // the parsers see "channelscope-bench --option …"
    return it->second(args);
}
