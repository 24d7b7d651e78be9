#include "report.h"

#include "storebench.h"

#include <QJsonArray>
#include <QLocale>
#include <QStringList>

#include <algorithm>

namespace cs::bench {

namespace {

// Targets of issue 5, on the 2-core machine.
constexpr double kCoreOverPusherJs = 2.0;
constexpr double kGuiRate = 50'000;
constexpr double kGuiMaxStallMs = 50;
constexpr double kGuiViewUpdatesPerS = 30;
constexpr double kStoreEvents = 1e6;
constexpr double kStoreMaxBytes = 400e6;  // for kStoreEvents
constexpr double kFilterMaxMs = 150;
constexpr double kStartupMaxMs = 500;
// Targets of issue 12 (speed, second round): every face against a pusher-js script that counts.
constexpr double kFaceOverCountingPusherJs = 3.0;
constexpr double kCoreOverRaw = 0.35;
constexpr double kFacePeakBytes = 150e6;  // during a kStoreEvents flood
constexpr double kExportMaxMs = 2000;     // for kStoreEvents

QString num(double value, int decimals = 0) { return QLocale(QLocale::English).toString(value, 'f', decimals); }
QString perSecond(double value) { return num(value) + QStringLiteral(" events/s"); }
QString megabytes(double bytes) { return num(bytes / 1e6) + QStringLiteral(" MB"); }
QString millis(double ms)
{
    return ms >= 2000 ? num(ms / 1000, 1) + QStringLiteral(" s") : num(ms, ms < 10 ? 1 : 0) + QStringLiteral(" ms");
}

QString atLeast(double value, double target)
{
    if (value >= target)
        return QStringLiteral("yes");
    return QStringLiteral("**no**: %1 % short").arg(num(100.0 * (target - value) / target));
}

QString atMost(double value, double target)
{
    if (value <= target)
        return QStringLiteral("yes");
    return QStringLiteral("**no**: %1× the target").arg(num(value / target, 2));
}

QString failed(const QJsonObject &result)
{
    const QString error = result.value(QLatin1String("error")).toString();
    return QStringLiteral("failed: ") + (error.isEmpty() ? QStringLiteral("no result") : error);
}

bool ok(const QJsonObject &result) { return result.value(QLatin1String("ok")).toBool(); }
double number(const QJsonObject &o, const char *key) { return o.value(QLatin1String(key)).toDouble(); }

// The fastest successful run, or the last failure when none succeeded.
QJsonObject best(const QList<QJsonObject> &runs)
{
    QJsonObject out = runs.isEmpty() ? QJsonObject{} : runs.last();
    for (const QJsonObject &run : runs) {
        if (ok(run) && (!ok(out) || number(run, "rate") > number(out, "rate")))
            out = run;
    }
    return out;
}

QString allRates(const QList<QJsonObject> &runs)
{
    if (runs.size() < 2)
        return {};
    QStringList rates;
    for (const QJsonObject &run : runs)
        rates << (ok(run) ? num(number(run, "rate")) : QStringLiteral("failed"));
    return QStringLiteral(" (runs: %1)").arg(rates.join(QStringLiteral(", ")));
}

// "in 36.7 s, 22.1 CPU-seconds": a reader may use more than one core.
QString detail(const QJsonObject &run)
{
    return QStringLiteral(" (in %1 s, %2 CPU-seconds)")
        .arg(num(number(run, "seconds"), 2), num(number(run, "cpu_seconds"), 1));
}

struct Table {
    QStringList lines{QStringLiteral("| figure | value | target | met |"), QStringLiteral("|---|---|---|---|")};
    void add(const QString &figure, const QString &value, const QString &target = QStringLiteral("—"),
             const QString &met = {})
    {
        lines << QStringLiteral("| %1 | %2 | %3 | %4 |").arg(figure, value, target, met);
    }
};

void addIngest(Table &table, const RunResults &r)
{
    if (r.core.isEmpty() && r.pusherjs.isEmpty() && r.raw.isEmpty())
        return;
    const QJsonObject core = best(r.core), pusherjs = best(r.pusherjs), raw = best(r.raw);
    const QString n = num(double(r.events));
    if (!r.core.isEmpty()) {
        table.add(QStringLiteral("Ingest: Channelscope core (Session → LogStore, every event parsed and stored)"),
                  ok(core) ? perSecond(number(core, "rate")) + detail(core) + allRates(r.core) : failed(core));
    }
    if (!r.pusherjs.isEmpty()) {
        const QString who = QStringLiteral("pusher-js %1 on Node %2")
                                .arg(pusherjs.value(QLatin1String("version")).toString(),
                                     pusherjs.value(QLatin1String("node")).toString());
        table.add(QStringLiteral("Ingest: %1 (events parsed and kept in an array)")
                      .arg(ok(pusherjs) ? who : QStringLiteral("pusher-js")),
                  ok(pusherjs) ? perSecond(number(pusherjs, "rate")) + detail(pusherjs) + allRates(r.pusherjs)
                               : failed(pusherjs));
    }
    if (!r.raw.isEmpty()) {
        table.add(QStringLiteral("Ingest: raw QWebSocket reader, no parsing (the ceiling)"),
                  ok(raw) ? perSecond(number(raw, "rate")) + detail(raw) + allRates(r.raw) : failed(raw));
    }
    if (ok(core) && ok(pusherjs)) {
        const double ratio = number(core, "rate") / number(pusherjs, "rate");
        table.add(QStringLiteral("Ingest ratio core ÷ pusher-js"), num(ratio, 2) + QStringLiteral("×"),
                  QStringLiteral("≥ %1×").arg(num(kCoreOverPusherJs)), atLeast(ratio, kCoreOverPusherJs));
    }
    if (ok(core) && ok(raw))
        table.add(QStringLiteral("Ingest ratio core ÷ raw ceiling"),
                  num(number(core, "rate") / number(raw, "rate"), 2) + QStringLiteral("×"));
    if (ok(core))
        table.add(QStringLiteral("Core ingest: resident memory growth for %1 events").arg(n),
                  megabytes(number(core, "rss_growth_bytes")));
}

// The best run by `key` (e.g. "wall_rate"), or the last failure when none succeeded.
QJsonObject bestBy(const QList<QJsonObject> &runs, const char *key)
{
    QJsonObject out = runs.isEmpty() ? QJsonObject{} : runs.last();
    for (const QJsonObject &run : runs) {
        if (ok(run) && (!ok(out) || number(run, key) > number(out, key)))
            out = run;
    }
    return out;
}

QString wholeProcess(const QJsonObject &run)
{
    return QStringLiteral("%1 (whole process: %2 s, %3 CPU-seconds, peak %4)")
        .arg(perSecond(number(run, "wall_rate")), num(number(run, "wall_seconds"), 2),
             num(number(run, "wall_cpu_seconds"), 1), megabytes(number(run, "peak_rss_mib") * 1048576.0));
}

// The faces users run, each a whole process against its own source, next to a pusher-js script
// that only counts (issue 12): same source, same N, start to exit.
void addFaces(Table &table, const RunResults &r)
{
    if (r.pusherjsCount.isEmpty() && r.cliExpect.isEmpty() && r.cliListen.isEmpty())
        return;
    const QJsonObject counting = bestBy(r.pusherjsCount, "wall_rate");
    const QJsonObject keeping = bestBy(r.pusherjs, "wall_rate");
    const QJsonObject expect = bestBy(r.cliExpect, "wall_rate"), listen = bestBy(r.cliListen, "wall_rate");
    const QString n = num(double(r.events));
    if (!r.pusherjsCount.isEmpty())
        table.add(QStringLiteral("pusher-js binding a handler that counts, whole process"),
                  ok(counting)
                      ? wholeProcess(counting)
                            + QStringLiteral("; first event to marker: %1").arg(perSecond(number(counting, "rate")))
                      : failed(counting));
    if (ok(keeping) && keeping.contains(QLatin1String("wall_rate")))
        table.add(QStringLiteral("pusher-js keeping every event, whole process"), wholeProcess(keeping));
    const QString faceTarget = QStringLiteral("≥ %1×").arg(num(kFaceOverCountingPusherJs));
    const bool judgePeak = double(r.events) >= kStoreEvents;
    const auto face = [&](const QJsonObject &run, const QList<QJsonObject> &runs, const QString &label) {
        if (runs.isEmpty())
            return;
        table.add(label, ok(run) ? wholeProcess(run) : failed(run));
        if (!ok(run))
            return;
        if (ok(counting)) {
            const double ratio = number(run, "wall_rate") / number(counting, "wall_rate");
            table.add(label + QStringLiteral(" ÷ counting pusher-js (whole processes)"),
                      num(ratio, 2) + QStringLiteral("×"), faceTarget, atLeast(ratio, kFaceOverCountingPusherJs));
        }
        const double peak = number(run, "peak_rss_mib") * 1048576.0;
        table.add(label + QStringLiteral(": peak resident memory during %1 events").arg(n), megabytes(peak),
                  judgePeak ? QStringLiteral("≤ %1").arg(megabytes(kFacePeakBytes))
                            : QStringLiteral("— (judged at 1,000,000)"),
                  judgePeak ? atMost(peak, kFacePeakBytes) : QString());
    };
    face(expect, r.cliExpect, QStringLiteral("`channelscope-cli expect CHANNEL --event MARKER`"));
    face(listen, r.cliListen, QStringLiteral("`channelscope-cli listen CHANNEL > /dev/null`"));
    const QJsonObject core = best(r.core), raw = best(r.raw);
    if (ok(core) && ok(counting)) {
        const double ratio = number(core, "rate") / number(counting, "rate");
        table.add(QStringLiteral("Ingest ratio core ÷ counting pusher-js (first event to marker)"),
                  num(ratio, 2) + QStringLiteral("×"), faceTarget, atLeast(ratio, kFaceOverCountingPusherJs));
    }
    if (ok(core) && ok(raw)) {
        const double ratio = number(core, "rate") / number(raw, "rate");
        table.add(QStringLiteral("Ingest ratio core ÷ raw ceiling (issue 12 target)"),
                  num(ratio, 2) + QStringLiteral("×"), QStringLiteral("≥ %1×").arg(num(kCoreOverRaw, 2)),
                  atLeast(ratio, kCoreOverRaw));
    }
}

void addGui(Table &table, const RunResults &r)
{
    double highestKept = 0;
    for (const QJsonObject &gui : r.gui) {
        const double rate = number(gui, "rate_target");
        const bool isTarget = rate == kGuiRate;
        const QString at = QStringLiteral("GUI at %1 events/s offered for %2 s").arg(num(rate), num(r.guiSeconds));
        if (!ok(gui)) {
            table.add(at, failed(gui), isTarget ? QStringLiteral("keeps up") : QStringLiteral("—"),
                      isTarget ? QStringLiteral("**no**") : QString());
            continue;
        }
        const bool kept = gui.value(QLatin1String("kept_up")).toBool();
        if (kept)
            highestKept = std::max(highestKept, rate);
        table.add(at + QStringLiteral(": rate shown in the log table"),
                  QStringLiteral("%1 (source sent %2); last event on screen %3 after it was sent; %4 cores busy")
                      .arg(perSecond(number(gui, "rate_shown")), perSecond(number(gui, "rate_sent")),
                           millis(number(gui, "marker_lag_ms")), num(number(gui, "cpu_cores_used"), 2)),
                  isTarget ? QStringLiteral("keeps up") : QStringLiteral("—"),
                  isTarget ? (kept ? QStringLiteral("yes") : QStringLiteral("**no**: fell behind"))
                           : (kept ? QStringLiteral("kept up") : QStringLiteral("fell behind")));
        const double stall = number(gui, "max_stall_ms");
        table.add(QStringLiteral("GUI at %1/s: longest event-loop stall (lateness of a 5 ms timer)").arg(num(rate)),
                  millis(stall)
                      + QStringLiteral(" (%1 over 16 ms, %2 over 50 ms)")
                            .arg(num(number(gui, "stalls_over_16ms")), num(number(gui, "stalls_over_50ms"))),
                  isTarget ? QStringLiteral("≤ %1 ms").arg(num(kGuiMaxStallMs)) : QStringLiteral("—"),
                  isTarget ? atMost(stall, kGuiMaxStallMs) : QString());
        const double updates = number(gui, "view_updates_per_s");
        table.add(QStringLiteral("GUI at %1/s: log view inserts").arg(num(rate)),
                  num(updates, 1) + QStringLiteral(" batches/s"),
                  isTarget ? QStringLiteral("≤ ~%1/s").arg(num(kGuiViewUpdatesPerS)) : QStringLiteral("—"),
                  isTarget ? atMost(updates, kGuiViewUpdatesPerS * 1.1) : QString());
    }
    if (r.gui.size() > 1) {
        table.add(QStringLiteral("GUI: highest offered rate kept up"),
                  highestKept > 0 ? perSecond(highestKept) : QStringLiteral("none of those tried"),
                  QStringLiteral("≥ %1 events/s").arg(num(kGuiRate)),
                  highestKept > 0 ? atLeast(highestKept, kGuiRate) : QStringLiteral("**no**"));
    }
}

void addStore(Table &table, const RunResults &r)
{
    const QJsonObject &s = r.store;
    if (s.isEmpty())
        return;
    const QString n = num(number(s, "events"));
    if (!ok(s)) {
        table.add(QStringLiteral("Log store at %1 events").arg(n), failed(s));
        return;
    }
    // The targets are for a million events: memory scales with the count, the filter time is only
    // judged at a million or more.
    const double events = number(s, "events");
    const double bytes = number(s, "rss_store_bytes");
    const double maxBytes = kStoreMaxBytes * events / kStoreEvents;
    table.add(QStringLiteral("Log store: resident memory growth for %1 events").arg(n),
              QStringLiteral("%1 (%2 bytes per event of %3 wire bytes; %4 with the log model)")
                  .arg(megabytes(bytes), num(number(s, "bytes_per_entry")), num(number(s, "frame_bytes")),
                       megabytes(number(s, "rss_with_model_bytes"))),
              QStringLiteral("≤ %1").arg(megabytes(maxBytes)), atMost(bytes, maxBytes));
    const bool judgeFilters = events >= kStoreEvents;
    const auto filterRow = [&](const char *key, const QString &label) {
        const QJsonObject f = s.value(QLatin1String(key)).toObject();
        const double ms = number(f, "model_ms");
        table.add(QStringLiteral("%1 `%2` over %3 events (until the log model holds the rows)")
                      .arg(label, f.value(QLatin1String("filter")).toString(), n),
                  millis(ms) + QStringLiteral(", %1 rows").arg(num(number(f, "matches"))),
                  judgeFilters ? QStringLiteral("≤ %1 ms").arg(num(kFilterMaxMs))
                               : QStringLiteral("— (judged at 1,000,000)"),
                  judgeFilters ? atMost(ms, kFilterMaxMs) : QString());
    };
    filterRow("field_filter", QStringLiteral("Field filter"));
    filterRow("text_filter", QStringLiteral("Free-text filter"));
    table.add(QStringLiteral("Clearing the filter (all %1 rows back)").arg(n),
              millis(number(s.value(QLatin1String("clear_filter")).toObject(), "model_ms")));
    const double exportMs = number(s, "export_ms");
    const double maxExportMs = kExportMaxMs * events / kStoreEvents;
    table.add(QStringLiteral("Export of %1 events to NDJSON").arg(n),
              QStringLiteral("%1 (%2; %3 CPU)")
                  .arg(millis(exportMs), megabytes(number(s, "export_bytes")), millis(number(s, "export_cpu_ms"))),
              QStringLiteral("≤ %1").arg(millis(maxExportMs)), atMost(exportMs, maxExportMs));
}

void addStartup(Table &table, const RunResults &r)
{
    const QJsonObject &s = r.startup;
    if (s.isEmpty())
        return;
    if (!ok(s)) {
        table.add(QStringLiteral("Start-up: process start to first window shown"), failed(s),
                  QStringLiteral("≤ %1 ms").arg(num(kStartupMaxMs)), QStringLiteral("**no**"));
        return;
    }
    const double median = number(s, "median_ms");
    table.add(QStringLiteral("Start-up: process start to first window shown (best / median of %1)")
                  .arg(num(number(s, "runs"))),
              QStringLiteral("%1 / %2 (first start with fresh settings: %3)")
                  .arg(millis(number(s, "best_ms")), millis(median), millis(number(s, "first_start_ms"))),
              QStringLiteral("≤ %1 ms").arg(num(kStartupMaxMs)), atMost(median, kStartupMaxMs));
}

}  // namespace

QString markdownReport(const RunResults &r)
{
    const QJsonObject &m = r.machine;
    QStringList out;
    out << QStringLiteral("### Channelscope benchmark, %1").arg(m.value(QLatin1String("date")).toString());
    out << QString();
    QString setup = QStringLiteral("%1 cores (%2), %3, Qt %4, %5 build")
                        .arg(m.value(QLatin1String("cores")).toInt())
                        .arg(m.value(QLatin1String("cpu")).toString(), m.value(QLatin1String("os")).toString(),
                             m.value(QLatin1String("qt")).toString(), m.value(QLatin1String("build")).toString());
    if (!r.source.isEmpty()) {
        setup += QStringLiteral("; channel events of %1 bytes of JSON data, %2-byte frames (double-encoded)")
                     .arg(num(number(r.source, "data_bytes")), num(number(r.source, "frame_bytes")));
    }
    if (r.ingestRuns > 0)
        setup +=
            QStringLiteral("; ingest: N = %1, %2, each reader against its own source process")
                .arg(num(double(r.events)), r.ingestRuns == 1 ? QStringLiteral("one run")
                                                              : QStringLiteral("best of %1 runs").arg(r.ingestRuns));
    const QString load = m.value(QLatin1String("load")).toString();
    if (!load.isEmpty())
        setup += QStringLiteral("; load average at the start: %1").arg(load);
    out << setup + QLatin1Char('.');
    out << QString();
    Table table;
    addIngest(table, r);
    addFaces(table, r);
    addGui(table, r);
    addStore(table, r);
    addStartup(table, r);
    out << table.lines;
    return out.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

}  // namespace cs::bench
