#include "orchestrator.h"

#include "benchutil.h"
#include "report.h"
#include "wholeprocess.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QStandardPaths>
#include <QSysInfo>
#include <QThread>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <functional>

namespace cs::bench {

namespace {

constexpr int kPartTimeoutMs = 600'000;
const QString kReaderTimeoutSeconds = QStringLiteral("540");  // a reader gives up (with its result) before it is killed

struct Options {
    qint64 events = 1'000'000;
    int ingestRuns = 1;
    QList<double> guiRates{50'000, 100'000};
    double guiSeconds = 10;
    qint64 storeEvents = 1'000'000;
    int startupRuns = 5;
    bool ingest = true, pusherjs = true, faces = true, gui = true, store = true, startup = true;
    QString app;      // the channelscope binary
    QString cli;      // the channelscope-cli binary
    QString node;     // the node binary
    QString script;   // scripts/bench/pusherjs-ingest.js
    QString jsonOut;  // optional file for every part's raw result
};

void progress(const QString &line)
{
    std::fprintf(stderr, "bench: %s\n", qPrintable(line));
    std::fflush(stderr);
}

QString self() { return QCoreApplication::applicationFilePath(); }

QJsonObject failure(const QString &part, const QString &error)
{
    return {{QStringLiteral("part"), part}, {QStringLiteral("ok"), false}, {QStringLiteral("error"), error}};
}

// Runs one part to the end; its stderr goes straight to ours, its result is its last JSON line.
QJsonObject runPart(const QString &part, const QString &program, const QStringList &args,
                    const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment())
{
    QProcess process;
    process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    process.setProcessEnvironment(env);
    process.start(program, args);
    if (!process.waitForStarted(10'000))
        return failure(part, QStringLiteral("cannot start %1: %2").arg(program, process.errorString()));
    if (!process.waitForFinished(kPartTimeoutMs)) {
        process.kill();
        process.waitForFinished();
        return failure(part, QStringLiteral("timed out"));
    }
    QJsonObject result = lastJsonLine(process.readAllStandardOutput());
    if (result.isEmpty())
        return failure(part, QStringLiteral("exit code %1 without a result").arg(process.exitCode()));
    return result;
}

// A frame-source process; killed when this goes.
class SourceProcess {
public:
    bool start(qint64 events, double rate, QString *error)
    {
        m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        m_process.start(self(), {QStringLiteral("source"), QStringLiteral("--events"), QString::number(events),
                                 QStringLiteral("--rate"), QString::number(rate, 'f', 0)});
        QByteArray out;
        while (!out.contains('\n') && m_process.waitForReadyRead(10'000))
            out += m_process.readAllStandardOutput();
        m_port = quint16(lastJsonLine(out).value(QLatin1String("listening")).toInt());
        if (m_port == 0)
            *error = QStringLiteral("the frame source did not start: %1").arg(m_process.errorString());
        return m_port != 0;
    }
    quint16 port() const { return m_port; }
    // The source quits once its client has left, printing what it sent.
    QJsonObject finish()
    {
        if (!m_process.waitForFinished(10'000)) {
            m_process.kill();
            m_process.waitForFinished();
        }
        return lastJsonLine(m_process.readAllStandardOutput());
    }
    ~SourceProcess()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished();
        }
    }

private:
    QProcess m_process;
    quint16 m_port = 0;
};

// One reader against its own fresh source.
QJsonObject runAgainstSource(const QString &part, qint64 events, double rate,
                             const std::function<QJsonObject(quint16)> &reader, QJsonObject *sourceSummary = nullptr)
{
    SourceProcess source;
    QString error;
    if (!source.start(events, rate, &error))
        return failure(part, error);
    const QJsonObject result = reader(source.port());
    const QJsonObject summary = source.finish();
    if (sourceSummary)
        *sourceSummary = summary;
    return result;
}

QJsonObject machineInfo()
{
    QString cpu;
    QFile cpuinfo(QStringLiteral("/proc/cpuinfo"));
    if (cpuinfo.open(QIODevice::ReadOnly)) {
        for (const QByteArray &line : cpuinfo.readAll().split('\n')) {
            if (line.startsWith("model name")) {
                cpu = QString::fromUtf8(line.mid(line.indexOf(':') + 1).trimmed());
                break;
            }
        }
    }
    QFile loadavg(QStringLiteral("/proc/loadavg"));
    const QString load =
        loadavg.open(QIODevice::ReadOnly) ? QString::fromLatin1(loadavg.readAll().split(' ').value(0)) : QString();
    return {
        {QStringLiteral("date"), QDate::currentDate().toString(Qt::ISODate)},
        {QStringLiteral("load"), load},
        {QStringLiteral("cores"), QThread::idealThreadCount()},
        {QStringLiteral("cpu"), cpu.isEmpty() ? QSysInfo::currentCpuArchitecture() : cpu},
        {QStringLiteral("os"), QSysInfo::prettyProductName()},
        {QStringLiteral("qt"), QString::fromLatin1(qVersion())},
        {QStringLiteral("build"), QStringLiteral(CS_BENCH_BUILD_TYPE)},
    };
}

QList<double> parseRates(const QString &text)
{
    QList<double> rates;
    for (const QString &part : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        bool ok = false;
        const double rate = part.trimmed().toDouble(&ok);
        if (ok && rate > 0)
            rates << rate;
    }
    std::sort(rates.begin(), rates.end());
    return rates;
}

Options parseOptions(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Channelscope benchmark: ingest against pusher-js and a raw reader, the GUI under load, the log store at scale, "
        "start-up. Prints one Markdown table with every figure of this run.\n"
        "Parts (each also a command of its own, see <command> --help): source, core, raw, gui, store, startup."));
    parser.addHelpOption();
    const QString appDir = QCoreApplication::applicationDirPath();
    parser.addOptions({
        {QStringLiteral("events"), QStringLiteral("Channel events per ingest run (default 1000000)."),
         QStringLiteral("n"), QStringLiteral("1000000")},
        {QStringLiteral("ingest-runs"),
         QStringLiteral("Runs of each ingest reader, interleaved; the best counts (default 1)."), QStringLiteral("k"),
         QStringLiteral("1")},
        {QStringLiteral("gui-rates"),
         QStringLiteral("Offered rates for the GUI, comma-separated (default 50000,100000)."), QStringLiteral("list"),
         QStringLiteral("50000,100000")},
        {QStringLiteral("gui-seconds"), QStringLiteral("Seconds the source sends at each GUI rate (default 10)."),
         QStringLiteral("s"), QStringLiteral("10")},
        {QStringLiteral("store-events"), QStringLiteral("Entries for the log-store part (default 1000000)."),
         QStringLiteral("n"), QStringLiteral("1000000")},
        {QStringLiteral("startup-runs"), QStringLiteral("Measured start-ups after a warm-up (default 5)."),
         QStringLiteral("n"), QStringLiteral("5")},
        {QStringLiteral("skip-ingest"), QStringLiteral("Skip the ingest part.")},
        {QStringLiteral("skip-pusherjs"), QStringLiteral("Skip the pusher-js readers (no Node needed).")},
        {QStringLiteral("skip-faces"),
         QStringLiteral("Skip channelscope-cli expect and listen as whole processes (part of ingest).")},
        {QStringLiteral("skip-gui"), QStringLiteral("Skip the GUI part.")},
        {QStringLiteral("skip-store"), QStringLiteral("Skip the log-store part.")},
        {QStringLiteral("skip-startup"), QStringLiteral("Skip the start-up part.")},
        {QStringLiteral("app"), QStringLiteral("The channelscope binary (default: next to this one)."),
         QStringLiteral("path"), appDir + QStringLiteral("/channelscope")},
        {QStringLiteral("cli"), QStringLiteral("The channelscope-cli binary (default: next to this one)."),
         QStringLiteral("path"), appDir + QStringLiteral("/channelscope-cli")},
        {QStringLiteral("node"), QStringLiteral("The Node.js binary (default: node on PATH)."), QStringLiteral("path"),
         QStringLiteral("node")},
        {QStringLiteral("pusherjs-script"),
         QStringLiteral("The pusher-js reader (default: scripts/bench/pusherjs-ingest.js of the source tree)."),
         QStringLiteral("path"), QStringLiteral(CS_SOURCE_DIR "/scripts/bench/pusherjs-ingest.js")},
        {QStringLiteral("json"), QStringLiteral("Also write every part's raw result to this file."),
         QStringLiteral("file")},
    });
    parser.process(args);
    Options o;
    o.events = parser.value(QStringLiteral("events")).toLongLong();
    o.ingestRuns = std::max(1, parser.value(QStringLiteral("ingest-runs")).toInt());
    o.guiRates = parseRates(parser.value(QStringLiteral("gui-rates")));
    o.guiSeconds = parser.value(QStringLiteral("gui-seconds")).toDouble();
    o.storeEvents = parser.value(QStringLiteral("store-events")).toLongLong();
    o.startupRuns = std::max(1, parser.value(QStringLiteral("startup-runs")).toInt());
    o.ingest = !parser.isSet(QStringLiteral("skip-ingest"));
    o.pusherjs = !parser.isSet(QStringLiteral("skip-pusherjs"));
    o.faces = !parser.isSet(QStringLiteral("skip-faces"));
    o.gui = !parser.isSet(QStringLiteral("skip-gui")) && !o.guiRates.isEmpty() && o.guiSeconds > 0;
    o.store = !parser.isSet(QStringLiteral("skip-store"));
    o.startup = !parser.isSet(QStringLiteral("skip-startup"));
    o.app = parser.value(QStringLiteral("app"));
    o.cli = parser.value(QStringLiteral("cli"));
    o.node = parser.value(QStringLiteral("node"));
    o.script = parser.value(QStringLiteral("pusherjs-script"));
    o.jsonOut = parser.value(QStringLiteral("json"));
    if (o.events <= 0 || o.storeEvents <= 0) {
        std::fprintf(stderr, "bench: --events and --store-events must be positive\n");
        ::exit(2);
    }
    return o;
}

bool nodeFound(const Options &o)
{
    return !QStandardPaths::findExecutable(o.node).isEmpty() || QFileInfo(o.node).isExecutable();
}

// pusher-js keeping every event (a log) or only counting (a user's script), as a whole process:
// the result has both the in-process rate (first event to marker) and the whole-process figures.
QJsonObject runPusherJs(const Options &o, quint16 port, const QString &mode)
{
    WholeProcess run;
    run.part = mode == QLatin1String("count") ? QStringLiteral("pusherjs-count") : QStringLiteral("pusherjs");
    run.program = o.node;
    run.args = {o.script};
    run.events = o.events + 1;  // the marker too, as the CLI readers wait for it
    run.env.insert(QStringLiteral("CS_PORT"), QString::number(port));
    run.env.insert(QStringLiteral("CS_EVENTS"), QString::number(o.events));
    run.env.insert(QStringLiteral("CS_TIMEOUT"), kReaderTimeoutSeconds);
    run.env.insert(QStringLiteral("CS_MODE"), mode);
    run.env.insert(QStringLiteral("NODE_PATH"), QStringLiteral(CS_SOURCE_DIR "/scripts/node/node_modules"));
    return runWholeProcess(run, kPartTimeoutMs);
}

// channelscope-cli as a user runs it against the source: `expect` waiting for the marker, or
// `listen` printing every entry to /dev/null until the marker (N + 1 channel events).
QJsonObject runCliFace(const Options &o, quint16 port, const QString &face)
{
    WholeProcess run;
    run.part = QStringLiteral("cli-") + face;
    run.program = o.cli;
    run.events = o.events + 1;
    run.args = {face,
                QStringLiteral("--host"),
                QStringLiteral("127.0.0.1"),
                QStringLiteral("--port"),
                QString::number(port),
                QStringLiteral("--no-tls"),
                QStringLiteral("--app-id"),
                QStringLiteral("bench"),
                QStringLiteral("--key"),
                QStringLiteral("bench-key"),
                QStringLiteral("--secret"),
                QStringLiteral("bench-secret"),
                QStringLiteral("private-orders"),
                QStringLiteral("--timeout"),
                kReaderTimeoutSeconds};
    if (face == QLatin1String("expect"))
        run.args << QStringLiteral("--event") << QStringLiteral("bench-end");
    else
        run.args << QStringLiteral("--count") << QString::number(o.events + 1);
    run.discardOutput = true;
    return runWholeProcess(run, kPartTimeoutMs);
}

void runIngest(const Options &o, RunResults &results)
{
    const QStringList sizes{QStringLiteral("--events"), QString::number(o.events), QStringLiteral("--timeout"),
                            kReaderTimeoutSeconds};
    const auto cppReader = [&](const QString &part) {
        return [part, sizes](quint16 port) {
            return runPart(part, self(), QStringList{part, QStringLiteral("--port"), QString::number(port)} + sizes);
        };
    };
    for (int run = 1; run <= o.ingestRuns; ++run) {
        progress(
            QStringLiteral("ingest run %1/%2: Channelscope core, %3 events").arg(run).arg(o.ingestRuns).arg(o.events));
        results.core << runAgainstSource(QStringLiteral("core"), o.events, 0, cppReader(QStringLiteral("core")),
                                         &results.source);
        if (o.pusherjs && !nodeFound(o)) {
            results.pusherjs << failure(QStringLiteral("pusherjs"),
                                        QStringLiteral("Node.js not found (%1); run scripts/setup.sh").arg(o.node));
        } else if (o.pusherjs) {
            progress(QStringLiteral("ingest run %1/%2: pusher-js keeping every event").arg(run).arg(o.ingestRuns));
            results.pusherjs << runAgainstSource(QStringLiteral("pusherjs"), o.events, 0, [&o](quint16 port) {
                return runPusherJs(o, port, QStringLiteral("keep"));
            });
            progress(QStringLiteral("ingest run %1/%2: pusher-js counting").arg(run).arg(o.ingestRuns));
            results.pusherjsCount << runAgainstSource(QStringLiteral("pusherjs-count"), o.events, 0,
                                                      [&o](quint16 port) {
                                                          return runPusherJs(o, port, QStringLiteral("count"));
                                                      });
        }
        if (o.faces) {
            for (const QString &face : {QStringLiteral("expect"), QStringLiteral("listen")}) {
                progress(QStringLiteral("ingest run %1/%2: channelscope-cli %3").arg(run).arg(o.ingestRuns).arg(face));
                (face == QLatin1String("expect") ? results.cliExpect : results.cliListen)
                    << runAgainstSource(QStringLiteral("cli-") + face, o.events, 0,
                                        [&o, face](quint16 port) { return runCliFace(o, port, face); });
            }
        }
        progress(QStringLiteral("ingest run %1/%2: raw QWebSocket reader").arg(run).arg(o.ingestRuns));
        results.raw << runAgainstSource(QStringLiteral("raw"), o.events, 0, cppReader(QStringLiteral("raw")));
    }
}

void runGui(const Options &o, RunResults &results)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    for (const double rate : o.guiRates) {
        const auto events = qint64(rate * o.guiSeconds);
        progress(QStringLiteral("GUI: %1 events/s for %2 s").arg(rate).arg(o.guiSeconds));
        QJsonObject result = runAgainstSource(QStringLiteral("gui"), events, rate, [&](quint16 port) {
            return runPart(QStringLiteral("gui"), self(),
                           {QStringLiteral("gui"), QStringLiteral("--port"), QString::number(port),
                            QStringLiteral("--events"), QString::number(events), QStringLiteral("--rate"),
                            QString::number(rate, 'f', 0), QStringLiteral("--timeout"), kReaderTimeoutSeconds},
                           env);
        });
        result.insert(QStringLiteral("rate_target"), rate);
        results.gui << result;
    }
}

QJsonArray toArray(const QList<QJsonObject> &items)
{
    QJsonArray array;
    for (const QJsonObject &item : items)
        array.append(item);
    return array;
}

QList<QJsonObject> fromArray(const QJsonValue &value)
{
    QList<QJsonObject> items;
    for (const QJsonValue &item : value.toArray())
        items << item.toObject();
    return items;
}

QJsonObject toJson(const RunResults &r)
{
    return {
        {QStringLiteral("machine"), r.machine},
        {QStringLiteral("events"), r.events},
        {QStringLiteral("ingest_runs"), r.ingestRuns},
        {QStringLiteral("gui_seconds"), r.guiSeconds},
        {QStringLiteral("source"), r.source},
        {QStringLiteral("core"), toArray(r.core)},
        {QStringLiteral("pusherjs"), toArray(r.pusherjs)},
        {QStringLiteral("pusherjs_count"), toArray(r.pusherjsCount)},
        {QStringLiteral("cli_expect"), toArray(r.cliExpect)},
        {QStringLiteral("cli_listen"), toArray(r.cliListen)},
        {QStringLiteral("raw"), toArray(r.raw)},
        {QStringLiteral("gui"), toArray(r.gui)},
        {QStringLiteral("store"), r.store},
        {QStringLiteral("startup"), r.startup},
    };
}

RunResults fromJson(const QJsonObject &o)
{
    RunResults r;
    r.machine = o.value(QLatin1String("machine")).toObject();
    r.events = qint64(o.value(QLatin1String("events")).toDouble());
    r.ingestRuns = o.value(QLatin1String("ingest_runs")).toInt();
    r.guiSeconds = o.value(QLatin1String("gui_seconds")).toDouble();
    r.source = o.value(QLatin1String("source")).toObject();
    r.core = fromArray(o.value(QLatin1String("core")));
    r.pusherjs = fromArray(o.value(QLatin1String("pusherjs")));
    r.pusherjsCount = fromArray(o.value(QLatin1String("pusherjs_count")));
    r.cliExpect = fromArray(o.value(QLatin1String("cli_expect")));
    r.cliListen = fromArray(o.value(QLatin1String("cli_listen")));
    r.raw = fromArray(o.value(QLatin1String("raw")));
    r.gui = fromArray(o.value(QLatin1String("gui")));
    r.store = o.value(QLatin1String("store")).toObject();
    r.startup = o.value(QLatin1String("startup")).toObject();
    return r;
}

void printTable(const RunResults &results)
{
    const QByteArray table = markdownReport(results).toUtf8();
    std::fwrite(table.constData(), 1, size_t(table.size()), stdout);
    std::fflush(stdout);
}

}  // namespace

int runAll(const QStringList &args)
{
    const Options o = parseOptions(args);
    RunResults results;
    results.machine = machineInfo();
    results.events = o.events;
    results.guiSeconds = o.guiSeconds;
    if (o.ingest) {
        results.ingestRuns = o.ingestRuns;
        runIngest(o, results);
    }
    if (o.gui)
        runGui(o, results);
    if (o.store) {
        progress(QStringLiteral("log store: %1 events").arg(o.storeEvents));
        results.store = runPart(QStringLiteral("store"), self(),
                                {QStringLiteral("store"), QStringLiteral("--events"), QString::number(o.storeEvents)});
    }
    if (o.startup) {
        progress(QStringLiteral("start-up: %1 runs of %2").arg(o.startupRuns).arg(o.app));
        results.startup = runPart(QStringLiteral("startup"), self(),
                                  {QStringLiteral("startup"), QStringLiteral("--app"), o.app, QStringLiteral("--runs"),
                                   QString::number(o.startupRuns)});
    }

    if (!o.jsonOut.isEmpty()) {
        QFile file(o.jsonOut);
        if (file.open(QIODevice::WriteOnly | QIODevice::Truncate))
            file.write(QJsonDocument(toJson(results)).toJson());
        else
            progress(QStringLiteral("cannot write %1: %2").arg(o.jsonOut, file.errorString()));
    }
    printTable(results);
    return 0;
}

int runReport(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Prints the table of a run saved with --json again."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("file"), QStringLiteral("The JSON file written by --json."));
    parser.process(args);
    QFile file(parser.positionalArguments().value(0));
    if (!file.open(QIODevice::ReadOnly)) {
        std::fprintf(stderr, "bench: cannot read %s: %s\n", qPrintable(file.fileName()),
                     qPrintable(file.errorString()));
        return 2;
    }
    printTable(fromJson(QJsonDocument::fromJson(file.readAll()).object()));
    return 0;
}

}  // namespace cs::bench
