#include "guiload.h"

#include "benchutil.h"
#include "ingest.h"
#include "logmodel.h"
#include "logpanel.h"
#include "mainwindow.h"
#include "orderframes.h"
#include "profile.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QJsonDocument>
#include <QSettings>
#include <QTemporaryDir>
#include <QTimer>
#include <QWindow>

#include <algorithm>

namespace cs::bench {

namespace {

constexpr int kStallProbeMs = 5;
constexpr qint64 kMaxLagNs = 1'000'000'000;  // the marker may appear at most 1 s after it was sent

// The lateness of a fine-grained timer is how long the event loop could not run it.
class StallProbe {
public:
    StallProbe()
    {
        m_timer.setTimerType(Qt::PreciseTimer);
        QObject::connect(&m_timer, &QTimer::timeout, &m_timer, [this] {
            const qint64 now = monotonicNs();
            if (m_measuring && m_last > 0) {
                const qint64 late = now - m_last - qint64(kStallProbeMs) * 1'000'000;
                if (late > m_maxLateNs) {
                    m_maxLateNs = late;
                    m_maxLateAtNs = now - late;
                }
                m_over16 += late > 16'000'000 ? 1 : 0;
                m_over50 += late > 50'000'000 ? 1 : 0;
            }
            m_last = now;
        });
        m_timer.start(kStallProbeMs);
    }
    void setMeasuring(bool on) { m_measuring = on; }
    double maxLateMs() const { return double(m_maxLateNs) / 1e6; }
    qint64 maxLateAtNs() const { return m_maxLateAtNs; }  // when the longest stall began
    int over16() const { return m_over16; }
    int over50() const { return m_over50; }

private:
    QTimer m_timer;
    bool m_measuring = false;
    qint64 m_last = 0;
    qint64 m_maxLateNs = 0;
    qint64 m_maxLateAtNs = 0;
    int m_over16 = 0;
    int m_over50 = 0;
};

// The offscreen platform warns on every dock layout change, and a headless session has no
// XDG_RUNTIME_DIR: neither is the window's problem.
void quietOffscreenWarnings()
{
    static QtMessageHandler previous = nullptr;
    previous = qInstallMessageHandler([](QtMsgType type, const QMessageLogContext &context, const QString &message) {
        if (previous && !message.contains(QLatin1String("does not support propagateSizeHints"))
            && !message.contains(QLatin1String("XDG_RUNTIME_DIR not set")))
            previous(type, context, message);
    });
}

// A profile for the source, saved into the window's profile store and selected.
bool connectWindowToSource(ui::MainWindow &window, quint16 port, QString *failure)
{
    Profile profile = Profile::create(QStringLiteral("Bench source"), ServerPreset::Soketi);
    profile.credentials = sourceCredentials(port);
    profile.identity = {QStringLiteral("bench-user"), {}};
    bool saved = false;
    window.profiles()->save(profile, [&saved](const Status &s) { saved = s.ok(); });
    if (!waitUntil([&saved] { return saved; }, 10'000) || !window.selectProfile(profile.id)) {
        *failure = QStringLiteral("could not save and select the bench profile");
        return false;
    }
    if (!window.connectProfile()) {
        *failure = QStringLiteral("the window refused to connect the bench profile");
        return false;
    }
    if (Status s = window.subscribe(QString::fromLatin1(kChannelName)); !s) {
        *failure = s.error().message;
        return false;
    }
    return true;
}

}  // namespace

int runGuiLoad(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("The real main window fed by a paced frame source."));
    parser.addHelpOption();
    parser.addOptions({
        {QStringLiteral("port"), QStringLiteral("Port of the frame source on 127.0.0.1."), QStringLiteral("port")},
        {QStringLiteral("events"), QStringLiteral("Channel events the source sends."), QStringLiteral("n")},
        {QStringLiteral("rate"), QStringLiteral("The source's rate in events per second (for the report)."),
         QStringLiteral("r")},
        {QStringLiteral("timeout"), QStringLiteral("Give up after S seconds (default 120)."), QStringLiteral("s"),
         QStringLiteral("120")},
    });
    parser.process(args);
    const auto port = quint16(parser.value(QStringLiteral("port")).toUInt());
    const qint64 events = parser.value(QStringLiteral("events")).toLongLong();
    const double rate = parser.value(QStringLiteral("rate")).toDouble();
    if (port == 0 || events <= 0 || rate <= 0) {
        qCritical("gui: --port, --events and --rate are required");
        return 2;
    }

    quietOffscreenWarnings();
    QTemporaryDir dir;
    QSettings settings(dir.filePath(QStringLiteral("bench.ini")), QSettings::IniFormat);
    MemorySecretStore secrets;
    ui::MainWindow window({&settings, &secrets});
    window.resize(1600, 1000);
    window.show();
    QString failure;
    if (!waitUntil([&window] { return window.windowHandle() && window.windowHandle()->isExposed(); }, 10'000))
        failure = QStringLiteral("the window was never exposed");

    LogStore *store = window.log();
    LogModel *model = window.logPanel()->model();
    const QString eventName = QString::fromLatin1(kEventName);
    const QString markerName = QString::fromLatin1(kMarkerEvent);
    StallProbe stalls;
    qint64 startNs = 0, shownNs = 0;
    double cpuAtStart = 0, cpuAtEnd = 0;
    int viewUpdates = 0;
    QObject::connect(store, &LogStore::appended, &window, [&](qsizetype first, qsizetype count) {
        if (startNs != 0)
            return;
        for (qsizetype row = first; row < first + count; ++row) {
            if (store->kindAt(row) == EntryKind::Event && store->eventAt(row) == eventName) {
                startNs = monotonicNs();
                cpuAtStart = cpuSeconds();
                stalls.setMeasuring(true);
                return;
            }
        }
    });
    QJsonObject marker;
    QObject::connect(model, &LogModel::rowsBatchInserted, &window, [&](int) {
        if (startNs == 0 || shownNs != 0)
            return;
        ++viewUpdates;
        const int rows = model->rowCount();
        // The marker is the last frame the source sends: once the view's last row, all is shown.
        if (rows > 0 && model->entryAt(rows - 1).event == markerName) {
            shownNs = monotonicNs();
            cpuAtEnd = cpuSeconds();
            stalls.setMeasuring(false);
            const QJsonValue data = model->entryAt(rows - 1).data();  // decoded, as pusher-js decodes
            marker = data.isObject() ? data.toObject() : QJsonDocument::fromJson(data.toString().toUtf8()).object();
            QCoreApplication::quit();
        }
    });
    const int timeoutMs = int(parser.value(QStringLiteral("timeout")).toDouble() * 1000);
    QTimer::singleShot(timeoutMs, &window, [&] {
        failure = QStringLiteral("the marker was not shown within %1 s").arg(timeoutMs / 1000);
        QCoreApplication::exit(1);
    });
    int code = 1;
    if (failure.isEmpty() && connectWindowToSource(window, port, &failure))
        code = QCoreApplication::exec();

    // The source stamps the marker with its clock (the same monotonic clock as ours).
    const auto firstSentNs = qint64(marker.value(QLatin1String("first_sent_ns")).toDouble());
    const auto markerSentNs = qint64(marker.value(QLatin1String("marker_sent_ns")).toDouble());
    const double sendSeconds =
        markerSentNs > firstSentNs && firstSentNs > 0 ? double(markerSentNs - firstSentNs) / 1e9 : 0;
    const double shownSeconds = shownNs > firstSentNs && firstSentNs > 0 ? double(shownNs - firstSentNs) / 1e9 : 0;
    const qint64 lagNs = shownNs > 0 && markerSentNs > 0 ? shownNs - markerSentNs : -1;
    const double busySeconds = shownNs > startNs && startNs > 0 ? double(shownNs - startNs) / 1e9 : 0;
    const qint64 rowsPublished = store->size() + qint64(store->evictedCount());
    const bool allShown = code == 0 && shownNs > 0 && rowsPublished >= events;
    const double rateSent = sendSeconds > 0 ? double(events) / sendSeconds : 0;
    // Kept up: the source was never held back (it sent at the rate asked) and the last event was
    // on screen within a second of leaving it.
    const bool keptUp = allShown && rateSent >= 0.97 * rate && lagNs >= 0 && lagNs <= kMaxLagNs;
    if (!allShown && failure.isEmpty())
        failure = QStringLiteral("not every event reached the view");
    printResult({
        {QStringLiteral("part"), QStringLiteral("gui")},
        {QStringLiteral("ok"), allShown},
        {QStringLiteral("error"), failure},
        {QStringLiteral("events"), events},
        {QStringLiteral("rate_target"), rate},
        {QStringLiteral("rate_sent"), rateSent},
        {QStringLiteral("rate_shown"), shownSeconds > 0 ? double(events) / shownSeconds : 0.0},
        {QStringLiteral("kept_up"), keptUp},
        {QStringLiteral("marker_lag_ms"), lagNs >= 0 ? double(lagNs) / 1e6 : -1.0},
        {QStringLiteral("max_stall_ms"), stalls.maxLateMs()},
        {QStringLiteral("max_stall_after_s"),
         stalls.maxLateAtNs() > startNs && startNs > 0 ? double(stalls.maxLateAtNs() - startNs) / 1e9 : 0.0},
        {QStringLiteral("stalls_over_16ms"), stalls.over16()},
        {QStringLiteral("stalls_over_50ms"), stalls.over50()},
        {QStringLiteral("view_updates_per_s"), busySeconds > 0 ? viewUpdates / busySeconds : 0.0},
        {QStringLiteral("cpu_cores_used"), busySeconds > 0 ? (cpuAtEnd - cpuAtStart) / busySeconds : 0.0},
        {QStringLiteral("rows_in_view"), model->rowCount()},
        {QStringLiteral("rss_bytes"), residentBytes()},
    });
    return allShown ? 0 : 1;
}

}  // namespace cs::bench
