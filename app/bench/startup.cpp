#include "startup.h"

#include "benchutil.h"

#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QProcess>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>

namespace cs::bench {

namespace {

struct Launch {
    double msToShown = -1;  // measured here, from start() to the line
    double msInApp = -1;    // what the app measured from its main()
    QString error;
};

Launch launchOnce(const QString &app, const QString &settingsFile)
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    env.insert(QStringLiteral("CHANNELSCOPE_REPORT_FIRST_SHOW"), QStringLiteral("1"));
    process.setProcessEnvironment(env);
    Launch launch;
    QElapsedTimer clock;
    clock.start();
    process.start(app, {QStringLiteral("--settings"), settingsFile});
    QByteArray out;
    while (!out.contains('\n') && process.waitForReadyRead(10'000))
        out += process.readAllStandardOutput();
    const double ms = double(clock.nsecsElapsed()) / 1e6;
    if (out.startsWith("first-show ")) {
        launch.msToShown = ms;
        launch.msInApp = out.mid(11).trimmed().toDouble();
    } else {
        launch.error = QStringLiteral("%1 did not report its first show: %2").arg(app, process.errorString());
    }
    if (!process.waitForFinished(10'000)) {
        process.kill();
        process.waitForFinished();
    }
    // The app's own warnings (no XDG_RUNTIME_DIR, offscreen limits) are noise unless it failed.
    if (!launch.error.isEmpty())
        std::fputs(process.readAllStandardError().constData(), stderr);
    return launch;
}

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    const std::size_t n = values.size();
    return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

}  // namespace

int runStartup(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Time from process start to the first window shown."));
    parser.addHelpOption();
    parser.addOptions({
        {QStringLiteral("app"), QStringLiteral("The channelscope binary."), QStringLiteral("path")},
        {QStringLiteral("runs"), QStringLiteral("Measured runs after one warm-up (default 5)."), QStringLiteral("n"),
         QStringLiteral("5")},
    });
    parser.process(args);
    const QString app = parser.value(QStringLiteral("app"));
    const int runs = std::max(1, parser.value(QStringLiteral("runs")).toInt());
    QTemporaryDir dir;
    const QString settings = dir.filePath(QStringLiteral("startup.ini"));

    QString failure;
    const Launch warmUp = launchOnce(app, settings);  // first start: writes the settings, warms the caches
    std::vector<double> toShown, inApp;
    QJsonArray all;
    if (!warmUp.error.isEmpty())
        failure = warmUp.error;
    for (int i = 0; failure.isEmpty() && i < runs; ++i) {
        const Launch launch = launchOnce(app, settings);
        if (!launch.error.isEmpty()) {
            failure = launch.error;
            break;
        }
        toShown.push_back(launch.msToShown);
        inApp.push_back(launch.msInApp);
        all.append(launch.msToShown);
    }
    const bool ok = failure.isEmpty() && !toShown.empty();
    printResult({
        {QStringLiteral("part"), QStringLiteral("startup")},
        {QStringLiteral("ok"), ok},
        {QStringLiteral("error"), failure},
        {QStringLiteral("runs"), int(toShown.size())},
        {QStringLiteral("best_ms"), ok ? *std::min_element(toShown.begin(), toShown.end()) : -1.0},
        {QStringLiteral("median_ms"), ok ? median(toShown) : -1.0},
        {QStringLiteral("median_in_app_ms"), ok ? median(inApp) : -1.0},
        {QStringLiteral("first_start_ms"), warmUp.msToShown},
        {QStringLiteral("all_ms"), all},
    });
    return ok ? 0 : 1;
}

}  // namespace cs::bench
