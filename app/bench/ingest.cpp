#include "ingest.h"

#include "benchutil.h"
#include "credentials.h"
#include "logstore.h"
#include "orderframes.h"
#include "session.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTimer>
#include <QWebSocket>

#include <algorithm>
#include <cstdlib>

namespace cs::bench {

namespace {

struct ReaderOptions {
    quint16 port = 0;
    qint64 events = 0;
    int timeoutMs = 0;
};

ReaderOptions parseReaderOptions(const QStringList &args, const QString &description)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(description);
    parser.addHelpOption();
    parser.addOptions({
        {QStringLiteral("port"), QStringLiteral("Port of the frame source on 127.0.0.1."), QStringLiteral("port")},
        {QStringLiteral("events"), QStringLiteral("Channel events the source sends."), QStringLiteral("n")},
        {QStringLiteral("timeout"), QStringLiteral("Give up after S seconds (default 300)."), QStringLiteral("s"),
         QStringLiteral("300")},
    });
    parser.process(args);
    ReaderOptions options;
    options.port = quint16(parser.value(QStringLiteral("port")).toUInt());
    options.events = parser.value(QStringLiteral("events")).toLongLong();
    options.timeoutMs = int(parser.value(QStringLiteral("timeout")).toDouble() * 1000);
    if (options.port == 0 || options.events <= 0) {
        qCritical("--port and --events are required");
        ::exit(2);
    }
    return options;
}

// Exits the event loop with a failure after the timeout.
void armTimeout(int timeoutMs, QString *failure)
{
    QTimer::singleShot(timeoutMs, qApp, [failure, timeoutMs] {
        *failure = QStringLiteral("no marker within %1 s").arg(timeoutMs / 1000);
        QCoreApplication::exit(1);
    });
}

}  // namespace

Credentials sourceCredentials(quint16 port)
{
    Credentials credentials;
    credentials.appId = QStringLiteral("bench");
    credentials.key = QStringLiteral("bench-key");
    credentials.secret = QStringLiteral("bench-secret");
    credentials.host = QStringLiteral("127.0.0.1");
    credentials.port = port;
    credentials.tls = false;
    return credentials;
}

int runCoreIngest(const QStringList &args)
{
    const ReaderOptions options = parseReaderOptions(args, QStringLiteral("Channelscope core as an ingest reader."));
    const QString eventName = QString::fromLatin1(kEventName);
    const QString markerName = QString::fromLatin1(kMarkerEvent);

    const qint64 rssBefore = residentBytes();
    LogStore log;
    // Room for every event, so that the check at the end can find all N.
    log.setCap(std::max<qsizetype>(LogStore::kDefaultCap, options.events + 1000));
    Session session(sourceCredentials(options.port), &log, QStringLiteral("bench"));

    // The clock starts at the first published batch that holds channel events; the events of
    // that batch are not counted in the rate, since their parsing happened before the start.
    qint64 startNs = 0, endNs = 0, eventsBeforeStart = 0;
    double cpuAtStart = 0, cpuAtEnd = 0;
    QObject::connect(&log, &LogStore::appended, &log, [&](qsizetype first, qsizetype count) {
        const qint64 now = monotonicNs();
        if (startNs == 0) {
            for (qsizetype row = first; row < first + count; ++row)
                eventsBeforeStart += log.kindAt(row) == EntryKind::Event && log.eventAt(row) == eventName ? 1 : 0;
            if (eventsBeforeStart > 0) {
                startNs = now;
                cpuAtStart = cpuSeconds();
            }
        }
        // The marker is the source's last frame: look at the tail of the batch only.
        for (qsizetype row = first + count - 1; row >= std::max(first, first + count - 4); --row) {
            if (log.eventAt(row) == markerName) {
                endNs = now;
                cpuAtEnd = cpuSeconds();
                QCoreApplication::quit();
                return;
            }
        }
    });
    QString failure;
    QObject::connect(session.connection(), &Connection::stateChanged, &log, [&](ConnectionState state) {
        if (state == ConnectionState::Failed || state == ConnectionState::Disconnected
            || state == ConnectionState::Unavailable) {
            failure = QStringLiteral("connection %1: %2")
                          .arg(connectionStateName(state), session.connection()->lastError().message);
            QCoreApplication::exit(1);
        }
    });
    armTimeout(options.timeoutMs, &failure);
    if (Status s = session.channels()->subscribe(QString::fromLatin1(kChannelName)); !s) {
        qCritical("core: %s", qPrintable(s.error().message));
        return 1;
    }
    session.connection()->open();
    const int code = QCoreApplication::exec();
    log.flush();
    const qint64 rssAfter = residentBytes();

    // Everything parsed and stored: every channel event of the stream is a row of the store.
    qint64 stored = 0;
    for (qsizetype row = 0; row < log.size(); ++row)
        stored += log.kindAt(row) == EntryKind::Event && log.eventAt(row) == eventName ? 1 : 0;
    const double seconds = endNs > startNs && startNs > 0 ? double(endNs - startNs) / 1e9 : 0;
    const bool ok = code == 0 && stored == options.events && seconds > 0;
    if (!ok && failure.isEmpty())
        failure = QStringLiteral("stored %1 of %2 events").arg(stored).arg(options.events);
    printResult({
        {QStringLiteral("part"), QStringLiteral("core")},
        {QStringLiteral("ok"), ok},
        {QStringLiteral("error"), failure},
        {QStringLiteral("events"), options.events},
        {QStringLiteral("stored"), stored},
        {QStringLiteral("store_rows"), log.size()},
        {QStringLiteral("seconds"), seconds},
        {QStringLiteral("rate"), seconds > 0 ? double(options.events - eventsBeforeStart) / seconds : 0.0},
        {QStringLiteral("first_batch_events"), eventsBeforeStart},
        {QStringLiteral("cpu_seconds"), cpuAtEnd - cpuAtStart},
        {QStringLiteral("rss_growth_bytes"), rssAfter - rssBefore},
        {QStringLiteral("rss_peak_bytes"), peakResidentBytes()},
    });
    return ok ? 0 : 1;
}

int runRawIngest(const QStringList &args)
{
    const ReaderOptions options =
        parseReaderOptions(args, QStringLiteral("A bare QWebSocket reader that does not parse."));
    const QString eventPrefix = QStringLiteral("{\"event\":\"%1\"").arg(QLatin1String(kEventName));
    const QString markerPrefix = QStringLiteral("{\"event\":\"%1\"").arg(QLatin1String(kMarkerEvent));
    const QByteArray subscribe =
        QByteArray("{\"event\":\"pusher:subscribe\",\"data\":{\"auth\":\"\",\"channel\":\"") + kChannelName + "\"}}";

    QWebSocket socket;
    bool subscribed = false;
    qint64 counted = 0, startNs = 0, endNs = 0;
    double cpuAtStart = 0, cpuAtEnd = 0;
    // No parsing: the first message is the handshake, events and the marker are told by prefix.
    QObject::connect(&socket, &QWebSocket::textMessageReceived, &socket, [&](const QString &message) {
        if (!subscribed) {
            subscribed = true;
            socket.sendTextMessage(QString::fromLatin1(subscribe));
            return;
        }
        if (message.startsWith(eventPrefix)) {
            if (counted++ == 0) {
                startNs = monotonicNs();
                cpuAtStart = cpuSeconds();
            }
        } else if (message.startsWith(markerPrefix)) {
            endNs = monotonicNs();
            cpuAtEnd = cpuSeconds();
            QCoreApplication::quit();
        }
    });
    QString failure;
    QObject::connect(&socket, &QWebSocket::disconnected, &socket, [&] {
        failure = QStringLiteral("disconnected: %1").arg(socket.errorString());
        QCoreApplication::exit(1);
    });
    armTimeout(options.timeoutMs, &failure);
    socket.open(QUrl(QStringLiteral("ws://127.0.0.1:%1/app/bench-key?protocol=7&client=bench-raw").arg(options.port)));
    const int code = QCoreApplication::exec();
    QObject::disconnect(&socket, nullptr, nullptr, nullptr);

    const double seconds = endNs > startNs && startNs > 0 ? double(endNs - startNs) / 1e9 : 0;
    const bool ok = code == 0 && counted == options.events && seconds > 0;
    if (!ok && failure.isEmpty())
        failure = QStringLiteral("received %1 of %2 events").arg(counted).arg(options.events);
    printResult({
        {QStringLiteral("part"), QStringLiteral("raw")},
        {QStringLiteral("ok"), ok},
        {QStringLiteral("error"), failure},
        {QStringLiteral("events"), options.events},
        {QStringLiteral("received"), counted},
        {QStringLiteral("seconds"), seconds},
        {QStringLiteral("rate"), seconds > 0 ? double(counted - 1) / seconds : 0.0},
        {QStringLiteral("cpu_seconds"), cpuAtEnd - cpuAtStart},
    });
    return ok ? 0 : 1;
}

}  // namespace cs::bench
