// Exports: NDJSON lines and the JSON array parse back to the entries' toJson(), selections skip
// evicted entries, large exports are streamed in pieces, and write failures come back as errors.

#include "logexport.h"
#include "logexportjob.h"
#include "logfixtures.h"
#include "logstore.h"

#include <QBuffer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <vector>

using namespace cs;

namespace {

LogEntry frameEntry(quint64 i)
{
    const QString channel = QStringLiteral("private-orders-%1").arg(i % 5);
    // A note with an escaped line break and a non-ASCII character, to survive the export.
    LogEntry e =
        cs::test::frameEntry(i % 2 ? Direction::In : Direction::Out, EntryKind::Event, channel,
                             QStringLiteral("order-updated"),
                             QStringLiteral("{\"event\":\"order-updated\",\"channel\":\"%1\",\"data\":\"{\\\"id\\\":%2,"
                                            "\\\"note\\\":\\\"line\\\\nbreak \\u00e9\\\"}\"}")
                                 .arg(channel)
                                 .arg(i)
                                 .toUtf8());
    e.socketId = QStringLiteral("123.456");
    e.userId = i % 3 ? QString() : QStringLiteral("user-%1").arg(i);
    e.timeMs = cs::test::kFixtureTimeMs + qint64(i);
    return e;
}

LogEntry localEntry(quint64 i)
{
    LogEntry e = cs::test::localEntry(EntryKind::Timer, QStringLiteral("activity timer %1 \u2192 ping").arg(i),
                                      "{\"timer\":\"activity\",\"ms\":120000}");
    e.timeMs = cs::test::kFixtureTimeMs + qint64(i);
    return e;
}

// The seqs of every `step`-th row, oldest first.
QList<quint64> seqsOf(const LogStore &store, qsizetype step = 1)
{
    QList<quint64> seqs;
    for (qsizetype row = 0; row < store.size(); row += step)
        seqs << store.seqAt(row);
    return seqs;
}

// What the job finishes with, in `out`: Result has no default constructor, so no QSignalSpy.
void collectResults(LogExportJob &job, std::vector<Result<qsizetype>> &out)
{
    QObject::connect(&job, &LogExportJob::finished, &job, [&out](const Result<qsizetype> &r) { out.push_back(r); });
}

void fill(LogStore &store, int count)
{
    for (int i = 0; i < count; ++i) {
        const quint64 seq = store.nextSeq();
        store.append(seq % 4 == 3 ? localEntry(seq) : frameEntry(seq));
    }
    store.flush();
}

QList<QJsonObject> parseNdjson(const QByteArray &bytes)
{
    QList<QJsonObject> objects;
    QList<QByteArray> lines = bytes.split('\n');
    if (!lines.isEmpty() && lines.last().isEmpty())
        lines.removeLast();  // the text ends with a newline
    for (const QByteArray &line : lines) {
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(line, &error);
        if (error.error != QJsonParseError::NoError || !doc.isObject())
            return {};
        objects.append(doc.object());
    }
    return objects;
}

// Accepts `capacity` bytes, then fails as a full disk does.
class FullDevice : public QIODevice {
public:
    explicit FullDevice(qint64 capacity) : m_capacity(capacity) {}

protected:
    qint64 readData(char *, qint64) override { return -1; }
    qint64 writeData(const char *, qint64 len) override
    {
        if (m_written >= m_capacity) {
            setErrorString(QStringLiteral("No space left on device"));
            return -1;
        }
        const qint64 n = qMin(len, m_capacity - m_written);  // short writes are allowed
        m_written += n;
        return n;
    }

private:
    qint64 m_capacity;
    qint64 m_written = 0;
};

}  // namespace

class TestLogExport : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void ndjsonRoundTrip();
    void jsonArrayRoundTrip();
    void emptyExports();
    void selectionSkipsEvicted();
    void largeExportIsStreamed();
    void failingDevice();
    void deviceNotWritable();
    void diskFull();
    void backgroundJobWritesWhatExportEntriesWrites();
    void backgroundJobSkipsRowsEvictedWhileItRuns();
    void backgroundJobCancelLeavesNoFile();
    void backgroundJobReportsAnUnwritablePath();
};

void TestLogExport::ndjsonRoundTrip()
{
    LogStore store;
    fill(store, 40);
    QBuffer buffer;
    QVERIFY(buffer.open(QIODevice::WriteOnly));
    const Result<qsizetype> result = exportAll(store, ExportFormat::Ndjson, &buffer);
    QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message));
    QCOMPARE(result.value(), qsizetype(40));
    const QByteArray bytes = buffer.data();
    QVERIFY(bytes.endsWith('\n'));
    QCOMPARE(bytes.count('\n'), 40);  // one line per entry: no newline inside a line
    const QList<QJsonObject> objects = parseNdjson(bytes);
    QCOMPARE(objects.size(), 40);
    for (int i = 0; i < 40; ++i)
        QCOMPARE(objects[i], store.at(i).toJson());
    QCOMPARE(objects[3].value(QStringLiteral("message")).toString(), QStringLiteral("activity timer 3 \u2192 ping"));
    QCOMPARE(objects[1].value(QStringLiteral("data")).toObject().value(QStringLiteral("note")).toString(),
             QStringLiteral("line\nbreak \u00e9"));
}

void TestLogExport::jsonArrayRoundTrip()
{
    LogStore store;
    fill(store, 25);
    QBuffer buffer;
    QVERIFY(buffer.open(QIODevice::WriteOnly));
    const Result<qsizetype> result = exportAll(store, ExportFormat::JsonArray, &buffer);
    QVERIFY(result.ok());
    QCOMPARE(result.value(), qsizetype(25));
    const QByteArray bytes = buffer.data();
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &error);
    QCOMPARE(error.error, QJsonParseError::NoError);
    QVERIFY(doc.isArray());
    const QJsonArray array = doc.array();
    QCOMPARE(array.size(), 25);
    for (int i = 0; i < 25; ++i)
        QCOMPARE(array.at(i).toObject(), store.at(i).toJson());
    // "[", one entry per line, "]".
    const QList<QByteArray> lines = bytes.trimmed().split('\n');
    QCOMPARE(lines.size(), 27);
    QCOMPARE(lines.first(), QByteArray("["));
    QCOMPARE(lines.last(), QByteArray("]"));
    for (int i = 1; i < 26; ++i) {
        QVERIFY(lines[i].startsWith('{'));
        QVERIFY(lines[i].endsWith(i < 25 ? "}," : "}"));
    }
}

void TestLogExport::emptyExports()
{
    LogStore store;
    QBuffer ndjson;
    QVERIFY(ndjson.open(QIODevice::WriteOnly));
    QCOMPARE(exportAll(store, ExportFormat::Ndjson, &ndjson).value(), qsizetype(0));
    QCOMPARE(ndjson.data(), QByteArray());

    QBuffer array;
    QVERIFY(array.open(QIODevice::WriteOnly));
    QCOMPARE(exportAll(store, ExportFormat::JsonArray, &array).value(), qsizetype(0));
    const QJsonDocument doc = QJsonDocument::fromJson(array.data());
    QVERIFY(doc.isArray());
    QVERIFY(doc.array().isEmpty());
}

void TestLogExport::selectionSkipsEvicted()
{
    LogStore store;
    store.setCap(50);
    fill(store, 100);  // holds seqs 50..99
    QCOMPARE(store.firstSeq(), quint64(50));
    const QList<quint64> seqs{3, 49, 50, 51, 77, 99, 100, 5000};
    for (const ExportFormat format : {ExportFormat::Ndjson, ExportFormat::JsonArray}) {
        QBuffer buffer;
        QVERIFY(buffer.open(QIODevice::WriteOnly));
        const Result<qsizetype> result = exportEntries(store, seqs, format, &buffer);
        QVERIFY(result.ok());
        QCOMPARE(result.value(), qsizetype(4));
        QList<QJsonObject> objects;
        if (format == ExportFormat::Ndjson) {
            objects = parseNdjson(buffer.data());
        } else {
            for (const QJsonValue &v : QJsonDocument::fromJson(buffer.data()).array())
                objects.append(v.toObject());
        }
        QCOMPARE(objects.size(), 4);
        const QList<qint64> expected{50, 51, 77, 99};
        for (int i = 0; i < 4; ++i) {
            QCOMPARE(objects[i].value(QStringLiteral("seq")).toInteger(), expected[i]);
            QCOMPARE(objects[i], store.at(qsizetype(expected[i] - 50)).toJson());
        }
    }
}

void TestLogExport::largeExportIsStreamed()
{
    // Far more than one 64 KiB piece; written to a real file.
    LogStore store;
    fill(store, 5000);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QFile file(dir.filePath(QStringLiteral("log.ndjson")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    const Result<qsizetype> result = exportAll(store, ExportFormat::Ndjson, &file);
    QVERIFY(result.ok());
    QCOMPARE(result.value(), qsizetype(5000));
    file.close();
    QVERIFY(file.size() > 4 * 64 * 1024);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QList<QJsonObject> objects = parseNdjson(file.readAll());
    QCOMPARE(objects.size(), 5000);
    QCOMPARE(objects.first(), store.at(0).toJson());
    QCOMPARE(objects.last(), store.at(4999).toJson());
}

void TestLogExport::failingDevice()
{
    LogStore store;
    fill(store, 3000);
    for (const ExportFormat format : {ExportFormat::Ndjson, ExportFormat::JsonArray}) {
        FullDevice device(100 * 1024);
        QVERIFY(device.open(QIODevice::WriteOnly | QIODevice::Unbuffered));
        const Result<qsizetype> result = exportAll(store, format, &device);
        QVERIFY(!result.ok());
        QCOMPARE(result.error().id(), QStringLiteral("export-write-failed"));
        QVERIFY2(result.error().message.contains(QStringLiteral("No space left on device")),
                 qPrintable(result.error().message));
    }
    // Failing at the very end (the last piece) is reported too.
    FullDevice tiny(10);
    QVERIFY(tiny.open(QIODevice::WriteOnly | QIODevice::Unbuffered));
    const Result<qsizetype> result = exportEntries(store, {0}, ExportFormat::JsonArray, &tiny);
    QVERIFY(!result.ok());
    QCOMPARE(result.error().id(), QStringLiteral("export-write-failed"));
}

void TestLogExport::deviceNotWritable()
{
    LogStore store;
    fill(store, 3);
    QBuffer closed;
    Result<qsizetype> result = exportAll(store, ExportFormat::Ndjson, &closed);
    QVERIFY(!result.ok());
    QCOMPARE(result.error().id(), QStringLiteral("export-not-writable"));

    QBuffer readOnly;
    QVERIFY(readOnly.open(QIODevice::ReadOnly));
    result = exportEntries(store, {0, 1}, ExportFormat::JsonArray, &readOnly);
    QVERIFY(!result.ok());
    QCOMPARE(result.error().id(), QStringLiteral("export-not-writable"));

    result = exportAll(store, ExportFormat::Ndjson, nullptr);
    QVERIFY(!result.ok());
    QCOMPARE(result.error().id(), QStringLiteral("export-no-device"));
}

void TestLogExport::diskFull()
{
    // /dev/full takes the bytes into QFile's buffer and fails when they are written out.
    QFile full(QStringLiteral("/dev/full"));
    if (!full.open(QIODevice::WriteOnly))
        QSKIP("no /dev/full here");
    LogStore store;
    fill(store, 10);
    const Result<qsizetype> result = exportAll(store, ExportFormat::Ndjson, &full);
    QVERIFY(!result.ok());
    QCOMPARE(result.error().id(), QStringLiteral("export-write-failed"));
    QVERIFY2(result.error().message.contains(QStringLiteral("space"), Qt::CaseInsensitive),
             qPrintable(result.error().message));
}

QTEST_GUILESS_MAIN(TestLogExport)
void TestLogExport::backgroundJobWritesWhatExportEntriesWrites()
{
    LogStore store;
    fill(store, 20000);  // several slices
    const QList<quint64> seqs = seqsOf(store, 2);
    QBuffer expected;
    expected.open(QIODevice::WriteOnly);
    QVERIFY(exportEntries(store, seqs, ExportFormat::JsonArray, &expected).ok());

    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("out.json"));
    LogExportJob job(&store, seqs, ExportFormat::JsonArray, path);
    QSignalSpy progress(&job, &LogExportJob::progress);
    std::vector<Result<qsizetype>> finished;
    collectResults(job, finished);
    job.start();
    QVERIFY(job.isRunning());
    QTRY_VERIFY_WITH_TIMEOUT(!finished.empty(), 20000);
    const Result<qsizetype> result = finished.front();
    QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message));
    QCOMPARE(*result, qsizetype(10000));
    QVERIFY(progress.size() > 1);  // copied in slices, not in one go
    QCOMPARE(progress.last().at(0).value<qsizetype>(), qsizetype(seqs.size()));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), expected.data());
    QVERIFY(!job.isRunning());
}

void TestLogExport::backgroundJobSkipsRowsEvictedWhileItRuns()
{
    LogStore store;
    fill(store, 30000);
    const QList<quint64> seqs = seqsOf(store);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("out.ndjson"));
    LogExportJob job(&store, seqs, ExportFormat::Ndjson, path);
    std::vector<Result<qsizetype>> finished;
    collectResults(job, finished);
    // After the first slice, the oldest half goes: the rest of what was asked must still come, in order.
    bool evicted = false;
    connect(&job, &LogExportJob::progress, &store, [&] {
        if (!std::exchange(evicted, true))
            store.setCap(15000);
    });
    job.start();
    QTRY_VERIFY_WITH_TIMEOUT(!finished.empty(), 20000);
    const Result<qsizetype> result = finished.front();
    QVERIFY(result.ok());
    QVERIFY(*result >= 15000 && *result < 30000);
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = file.readAll().split('\n');
    QCOMPARE(lines.size() - 1, int(*result));
    qint64 previous = -1;
    for (qsizetype i = 0; i + 1 < lines.size(); ++i) {
        const qint64 seq = QJsonDocument::fromJson(lines[i]).object().value(QLatin1String("seq")).toInteger(-1);
        QVERIFY(seq > previous);
        previous = seq;
    }
    QCOMPARE(previous, qint64(store.seqAt(store.size() - 1)));  // the newest made it
}

void TestLogExport::backgroundJobCancelLeavesNoFile()
{
    LogStore store;
    fill(store, 50000);
    const QList<quint64> seqs = seqsOf(store);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("cancelled.ndjson"));
    LogExportJob job(&store, seqs, ExportFormat::Ndjson, path);
    std::vector<Result<qsizetype>> finished;
    collectResults(job, finished);
    connect(&job, &LogExportJob::progress, &job, &LogExportJob::cancel);  // after the first slice
    job.start();
    QTRY_COMPARE(finished.size(), std::size_t(1));
    const Result<qsizetype> result = finished.front();
    QVERIFY(!result.ok());
    QCOMPARE(result.error().id(), QStringLiteral("export-cancelled"));
    // Exactly once. The worker thread is gone once finished() is emitted, so all it ever posted
    // to the job is queued already: a call queued now runs after it (and after a pump tick).
    QVERIFY(!job.isRunning());
    bool turned = false;
    QMetaObject::invokeMethod(
        &job, [&turned] { turned = true; }, Qt::QueuedConnection);
    QTRY_VERIFY(turned);
    QCOMPARE(finished.size(), std::size_t(1));
    QVERIFY(!QFile::exists(path));
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList());  // no temporary file either
}

void TestLogExport::backgroundJobReportsAnUnwritablePath()
{
    LogStore store;
    fill(store, 10);
    QTemporaryDir dir;
    LogExportJob job(&store, {store.seqAt(0)}, ExportFormat::Ndjson,
                     dir.filePath(QStringLiteral("missing/dir/x.ndjson")));
    std::vector<Result<qsizetype>> finished;
    collectResults(job, finished);
    job.start();
    QTRY_VERIFY_WITH_TIMEOUT(!finished.empty(), 10000);
    const Result<qsizetype> result = finished.front();
    QVERIFY(!result.ok());
    QCOMPARE(result.error().id(), QStringLiteral("export-open"));
    QVERIFY(result.error().message.contains(QStringLiteral("missing")));
}

#include "tst_logexport.moc"
