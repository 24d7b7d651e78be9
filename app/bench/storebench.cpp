#include "storebench.h"

#include "benchutil.h"
#include "logexport.h"
#include "logfilter.h"
#include "logmodel.h"
#include "logstore.h"
#include "orderframes.h"

#include <QCommandLineParser>
#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>

#include <vector>

namespace cs::bench {

namespace {

constexpr qsizetype kBatch = 4096;  // rows published per store flush, about one event-loop turn's worth

// The names a busy app would see: 8 private and 4 public channels, 3 event names.
struct FrameSet {
    QStringList channels;
    QStringList events;
    std::vector<OrderFrames> frames;  // channel-major

    FrameSet()
    {
        for (int i = 0; i < 8; ++i)
            channels << QStringLiteral("private-orders-%1").arg(i);
        for (int i = 0; i < 4; ++i)
            channels << QStringLiteral("orders-%1").arg(i);
        events << QString::fromLatin1(kEventName) << QStringLiteral("order-created") << QStringLiteral("order-shipped");
        for (const QString &channel : channels) {
            for (const QString &event : events)
                frames.emplace_back(channel.toUtf8(), event.toUtf8());
        }
    }

    // Entry `i` exactly as Connection logs an inbound channel event.
    LogEntry entry(qint64 i, qint64 baseTimeMs) const
    {
        const auto channel = int(i % channels.size());
        const auto event = int((i / channels.size()) % events.size());
        LogEntry e;
        e.direction = Direction::In;
        e.kind = EntryKind::Event;
        e.connection = QStringLiteral("main");
        e.socketId = QStringLiteral("1.1");
        e.channel = channels[channel];
        e.event = events[event];
        e.raw = frames[std::size_t(channel * events.size() + event)].frame(i);
        e.timeMs = baseTimeMs + i / 50;
        return e;
    }
};

struct FilterTiming {
    qint64 matches = 0;
    double scanMs = 0;   // LogFilter::matches over every row, alone
    double modelMs = 0;  // LogModel::setFilter until the model holds the filtered rows
};

FilterTiming timeFilter(const LogStore &store, LogModel &model, const QString &text)
{
    FilterTiming timing;
    const Result<LogFilter, FilterError> parsed = LogFilter::parse(text);
    Q_ASSERT(parsed.ok());  // the bench's filters are constants
    const LogFilter filter = parsed.ok() ? *parsed : LogFilter();
    QElapsedTimer clock;
    clock.start();
    {
        const LogFilter scan = filter;  // a fresh copy: no match cache from an earlier pass
        for (qsizetype row = 0; row < store.size(); ++row)
            timing.matches += scan.matches(store, row) ? 1 : 0;
    }
    timing.scanMs = double(clock.nsecsElapsed()) / 1e6;
    clock.restart();
    model.setFilter(filter);
    waitUntil([&] { return model.rowCount() == timing.matches; }, 30'000);
    timing.modelMs = double(clock.nsecsElapsed()) / 1e6;
    return timing;
}

QJsonObject filterJson(const QString &text, const FilterTiming &t)
{
    return {{QStringLiteral("filter"), text},
            {QStringLiteral("matches"), t.matches},
            {QStringLiteral("scan_ms"), t.scanMs},
            {QStringLiteral("model_ms"), t.modelMs}};
}

}  // namespace

int runStoreBench(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("The log store, its filters and the NDJSON export at scale."));
    parser.addHelpOption();
    parser.addOptions({
        {QStringLiteral("events"), QStringLiteral("Entries to append (default 1000000)."), QStringLiteral("n"),
         QStringLiteral("1000000")},
        {QStringLiteral("export-dir"),
         QStringLiteral("Where the NDJSON export is written (default: a temporary folder)."), QStringLiteral("dir")},
    });
    parser.process(args);
    const qint64 count = parser.value(QStringLiteral("events")).toLongLong();
    if (count <= 0) {
        qCritical("store: --events must be positive");
        return 2;
    }

    const FrameSet frames;
    const qint64 baseTimeMs = QDateTime::currentMSecsSinceEpoch();
    LogStore store;
    store.setCap(std::max<qsizetype>(LogStore::kDefaultCap, count));
    const qint64 rssEmpty = residentBytes();
    QElapsedTimer clock;
    clock.start();
    for (qint64 i = 0; i < count; ++i) {
        store.append(frames.entry(i, baseTimeMs));
        if (i % kBatch == kBatch - 1)
            store.flush();
    }
    store.flush();
    const double appendMs = double(clock.nsecsElapsed()) / 1e6;
    const qint64 rssStore = residentBytes();
    const qint64 rawBytes = store.rawAt(0).size();

    clock.restart();
    LogModel model(&store);
    waitUntil([&] { return model.rowCount() == store.size(); }, 30'000);
    const double modelMs = double(clock.nsecsElapsed()) / 1e6;
    const qint64 rssModel = residentBytes();

    const QString fieldText = QString::fromLatin1(kFieldFilter);
    const QString freeText = QString::fromLatin1(kTextFilter);
    const FilterTiming field = timeFilter(store, model, fieldText);
    const FilterTiming text = timeFilter(store, model, freeText);
    const FilterTiming none = timeFilter(store, model, QString());

    QTemporaryDir tempDir;
    const QString dir =
        parser.isSet(QStringLiteral("export-dir")) ? parser.value(QStringLiteral("export-dir")) : tempDir.path();
    QFile file(dir + QStringLiteral("/channelscope-bench-export.ndjson"));
    double exportMs = 0, exportCpuMs = 0;
    qint64 exported = 0, exportBytes = 0;
    QString failure;
    if (file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        clock.restart();
        const double cpuBefore = cpuSeconds();
        const Result<qsizetype> written = exportAll(store, ExportFormat::Ndjson, &file);
        file.flush();
        exportMs = double(clock.nsecsElapsed()) / 1e6;
        exportCpuMs = (cpuSeconds() - cpuBefore) * 1000;  // the figure that a busy machine does not inflate
        exportBytes = file.size();
        file.close();
        file.remove();
        if (written)
            exported = *written;
        else
            failure = written.error().message;
    } else {
        failure = QStringLiteral("cannot write %1: %2").arg(file.fileName(), file.errorString());
    }

    const bool ok = store.size() == count && exported == count && failure.isEmpty();
    printResult({
        {QStringLiteral("part"), QStringLiteral("store")},
        {QStringLiteral("ok"), ok},
        {QStringLiteral("error"), failure},
        {QStringLiteral("events"), count},
        {QStringLiteral("frame_bytes"), rawBytes},
        {QStringLiteral("append_ms"), appendMs},
        {QStringLiteral("rss_store_bytes"), rssStore - rssEmpty},
        {QStringLiteral("rss_with_model_bytes"), rssModel - rssEmpty},
        {QStringLiteral("bytes_per_entry"), double(rssStore - rssEmpty) / double(count)},
        {QStringLiteral("model_ms"), modelMs},
        {QStringLiteral("field_filter"), filterJson(fieldText, field)},
        {QStringLiteral("text_filter"), filterJson(freeText, text)},
        {QStringLiteral("clear_filter"), filterJson(QString(), none)},
        {QStringLiteral("export_ms"), exportMs},
        {QStringLiteral("export_cpu_ms"), exportCpuMs},
        {QStringLiteral("export_bytes"), exportBytes},
        {QStringLiteral("exported"), exported},
    });
    return ok ? 0 : 1;
}

}  // namespace cs::bench
