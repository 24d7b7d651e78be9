// LogModel over a LogStore: coalesced batch inserts, no entry lost or reordered, eviction from the
// top, filter changes, pause and resume, clear, what every column and role shows, and keepalive
// folding (runs, counts, what breaks a run, expand, the setting, filters that ask for keepalives,
// a million entries). Every model is checked by QAbstractItemModelTester while the test drives it.

#include "logfixtures.h"
#include "logmodel.h"
#include "logstore.h"

#include <QAbstractItemModelTester>
#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace cs;

namespace {

// Every fourth entry is one the client sent.
LogEntry frameEntry(quint64 i)
{
    return i % 4 == 0 ? cs::test::numberedEvent(i, Direction::Out, EntryKind::ClientEvent)
                      : cs::test::numberedEvent(i, Direction::In);
}

LogEntry localEntry(const QString &message) { return cs::test::stateEntry(message); }

// Appends `count` entries numbered from the store's next seq, then publishes them as one batch.
void appendBatch(LogStore &store, int count)
{
    for (int i = 0; i < count; ++i)
        store.append(frameEntry(store.nextSeq()));
    store.flush();
}

std::vector<quint64> modelSeqs(const LogModel &model)
{
    std::vector<quint64> seqs;
    for (int row = 0; row < model.rowCount(); ++row)
        seqs.push_back(model.seqAt(row));
    return seqs;
}

// What the model must show: every held store row that passes the filter, in store order.
std::vector<quint64> expectedSeqs(const LogStore &store, const LogFilter &filter)
{
    std::vector<quint64> seqs;
    for (qsizetype row = 0; row < store.size(); ++row) {
        if (filter.matches(store.at(row)))
            seqs.push_back(store.seqAt(row));
    }
    return seqs;
}

// Appends the entries (times from the store's next seq) and publishes them as one batch.
void appendEntries(LogStore &store, const QList<LogEntry> &entries)
{
    for (LogEntry e : entries) {
        e.timeMs = cs::test::kFixtureTimeMs + qint64(store.nextSeq()) * 1000;
        store.append(std::move(e));
    }
    store.flush();
}

QList<LogEntry> keepalives(int exchanges, bool clientPings = true)
{
    QList<LogEntry> out;
    for (int i = 0; i < exchanges; ++i)
        out << cs::test::keepaliveExchange(clientPings);
    return out;
}

// What a folding model must show, worked out afresh: the entries that pass the filter, where each
// run of two or more consecutive keepalives is one row. One vector of seqs per row.
std::vector<std::vector<quint64>> expectedFoldedRows(const LogStore &store, const LogFilter &filter)
{
    std::vector<std::vector<quint64>> rows;
    bool inRun = false;
    for (qsizetype row = 0; row < store.size(); ++row) {
        const LogEntry e = store.at(row);
        if (!filter.matches(e))
            continue;
        const bool keepalive = (e.kind == EntryKind::Connection || e.kind == EntryKind::Timer)
                               && (e.event == QLatin1String("pusher:ping") || e.event == QLatin1String("pusher:pong"));
        if (keepalive && inRun)
            rows.back().push_back(e.seq);
        else
            rows.push_back({e.seq});
        inRun = keepalive;
    }
    return rows;
}

std::vector<std::vector<quint64>> modelRows(const LogModel &model)
{
    std::vector<std::vector<quint64>> rows;
    for (int row = 0; row < model.rowCount(); ++row)
        rows.push_back(model.entrySeqsAt(row));
    return rows;
}

int insertedRows(const QSignalSpy &spy)
{
    int total = 0;
    for (const QList<QVariant> &args : spy)
        total += args.at(0).toInt();
    return total;
}

}  // namespace

class TestLogModel : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();

    void showsRowsHeldBeforeIt();
    void coalescesStoreBatches();
    void coalescesWhileTheLoopRuns();
    void noEntryLostOrReordered();
    void evictionRemovesFromTheTop();
    void evictionOfRowsNotShownYet();
    void evictionWithFilter();
    void filterChange();
    void pauseAndResume();
    void pauseCountsMatchingEntriesOnly();
    void pauseWithEvictionAndFilterChange();
    void clear();
    void storeDestroyed();
    void dataForEveryColumnAndRole();
    void summaries();
    void rowForSeq();

    void foldsKeepaliveRuns();
    void foldedRowGrowsInPlace();
    void hiddenRowsDoNotBreakARun();
    void expandFoldedRow();
    void foldSettingAndFilters_data();
    void foldSettingAndFilters();
    void foldingWithPauseAndEviction();
    void millionEntriesStayBatched();

private:
    std::unique_ptr<LogStore> m_store;
    std::unique_ptr<LogModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;

    void makeModel()
    {
        m_model = std::make_unique<LogModel>(m_store.get());
        m_tester = std::make_unique<QAbstractItemModelTester>(m_model.get(),
                                                              QAbstractItemModelTester::FailureReportingMode::QtTest);
    }
};

void TestLogModel::init()
{
    m_store = std::make_unique<LogStore>();
    makeModel();
}

void TestLogModel::cleanup()
{
    m_tester.reset();
    m_model.reset();
    m_store.reset();
}

void TestLogModel::showsRowsHeldBeforeIt()
{
    m_tester.reset();
    m_model.reset();
    appendBatch(*m_store, 250);
    makeModel();
    QCOMPARE(m_model->rowCount(), 250);
    QCOMPARE(m_model->columnCount(), int(LogColumn::Count));
    QCOMPARE(modelSeqs(*m_model), expectedSeqs(*m_store, LogFilter()));
}

void TestLogModel::coalescesStoreBatches()
{
    // 10,000 entries in 100 store batches published before the model's next update: one insert.
    QSignalSpy storeBatches(m_store.get(), &LogStore::appended);
    QSignalSpy inserts(m_model.get(), &QAbstractItemModel::rowsAboutToBeInserted);
    QSignalSpy batches(m_model.get(), &LogModel::rowsBatchInserted);
    for (int batch = 0; batch < 100; ++batch)
        appendBatch(*m_store, 100);
    QCOMPARE(storeBatches.count(), 100);
    QCOMPARE(m_model->rowCount(), 0);  // nothing shown before the update
    QTRY_COMPARE(m_model->rowCount(), 10000);
    QCOMPARE(inserts.count(), 1);
    QCOMPARE(inserts.at(0).at(1).toInt(), 0);
    QCOMPARE(inserts.at(0).at(2).toInt(), 9999);
    QCOMPARE(batches.count(), 1);
    QCOMPARE(batches.at(0).at(0).toInt(), 10000);
    QCOMPARE(modelSeqs(*m_model), expectedSeqs(*m_store, LogFilter()));
}

void TestLogModel::coalescesWhileTheLoopRuns()
{
    // Store batches arrive every few milliseconds while the event loop runs; the model updates at
    // most about 30 times a second, so it inserts far fewer batches than the store publishes.
    QSignalSpy storeBatches(m_store.get(), &LogStore::appended);
    QSignalSpy inserts(m_model.get(), &QAbstractItemModel::rowsAboutToBeInserted);
    QSignalSpy batches(m_model.get(), &LogModel::rowsBatchInserted);
    QElapsedTimer elapsed;
    elapsed.start();
    for (int batch = 0; batch < 100; ++batch) {
        appendBatch(*m_store, 100);
        QTest::qWait(2);  // paces the producer (the loop runs between store batches); asserts nothing
    }
    QTRY_COMPARE(m_model->rowCount(), 10000);
    QCOMPARE(storeBatches.count(), 100);
    const qint64 ms = elapsed.elapsed();
    qInfo("100 store batches in %lld ms became %lld model inserts", qlonglong(ms), qlonglong(inserts.count()));
    QVERIFY(inserts.count() >= 1);
    QVERIFY2(inserts.count() <= int(ms / 33) + 2, "more than ~30 inserts per second");
    QVERIFY(inserts.count() < storeBatches.count() / 3);
    QCOMPARE(batches.count(), inserts.count());
    QCOMPARE(insertedRows(batches), 10000);
    QCOMPARE(modelSeqs(*m_model), expectedSeqs(*m_store, LogFilter()));
}

void TestLogModel::noEntryLostOrReordered()
{
    m_model->setUpdateIntervalMs(0);
    const LogFilter filter = LogFilter::parse(QStringLiteral("channel:channel-3,channel-5 -event:event-1")).value();
    QVERIFY(!filter.isEmpty());
    m_model->setFilter(filter);
    int sizes[] = {1, 7, 300, 2, 1000, 13};
    for (int round = 0; round < 30; ++round) {
        appendBatch(*m_store, sizes[round % 6]);
        if (round % 4 == 0)
            QTest::qWait(1);  // lets some model updates interleave with the batches; asserts nothing
    }
    QTRY_COMPARE(qsizetype(modelSeqs(*m_model).size()), qsizetype(expectedSeqs(*m_store, filter).size()));
    const std::vector<quint64> seqs = modelSeqs(*m_model);
    QCOMPARE(seqs, expectedSeqs(*m_store, filter));
    QVERIFY(std::is_sorted(seqs.begin(), seqs.end()));
    for (int row = 0; row < m_model->rowCount(); ++row)
        QCOMPARE(m_model->entryAt(row).seq, seqs[std::size_t(row)]);
}

void TestLogModel::evictionRemovesFromTheTop()
{
    m_store->setCap(500);
    QSignalSpy removes(m_model.get(), &QAbstractItemModel::rowsAboutToBeRemoved);
    for (int round = 0; round < 100; ++round) {
        appendBatch(*m_store, 37 + round % 5);
        if (round % 3 == 0) {
            QTest::qWait(1);  // lets model updates interleave with evictions; asserts nothing by itself
            QVERIFY(m_model->rowCount() <= 500);
        }
    }
    QTRY_COMPARE(m_model->rowCount(), 500);
    QCOMPARE(modelSeqs(*m_model), expectedSeqs(*m_store, LogFilter()));
    QVERIFY(removes.count() > 0);
    for (const QList<QVariant> &args : removes)
        QCOMPARE(args.at(1).toInt(), 0);  // always from the top
    QCOMPARE(m_model->seqAt(0), m_store->firstSeq());

    // Shrinking the cap evicts at once.
    m_store->setCap(10);
    QCOMPARE(m_model->rowCount(), 10);
    QCOMPARE(modelSeqs(*m_model), expectedSeqs(*m_store, LogFilter()));
    for (int row = 0; row < 10; ++row)
        QCOMPARE(m_model->data(m_model->index(row, 0), SeqRole).toULongLong(), m_store->seqAt(row));
}

void TestLogModel::evictionOfRowsNotShownYet()
{
    m_store->setCap(100);
    appendBatch(*m_store, 80);
    appendBatch(*m_store, 80);  // evicts 60 of the first batch before the model looked at it
    QCOMPARE(m_model->rowCount(), 0);
    QTRY_COMPARE(m_model->rowCount(), 100);
    QCOMPARE(m_model->seqAt(0), quint64(60));
    appendBatch(*m_store, 250);  // more than the cap in one batch: the oldest are never held
    QTRY_COMPARE(m_model->seqAt(0), quint64(310));
    QCOMPARE(m_model->rowCount(), 100);
    QCOMPARE(modelSeqs(*m_model), expectedSeqs(*m_store, LogFilter()));
}

void TestLogModel::evictionWithFilter()
{
    // Many small evictions over a long run: the lazily compacted row list stays right.
    m_store->setCap(3000);
    const LogFilter filter = LogFilter::parse(QStringLiteral("kind:client-event")).value();
    m_model->setFilter(filter);
    m_model->setUpdateIntervalMs(0);
    for (int round = 0; round < 200; ++round) {
        appendBatch(*m_store, 97);
        if (round % 10 == 0)
            QTest::qWait(1);  // lets model updates interleave with evictions; asserts nothing
    }
    QTRY_COMPARE(m_model->rowCount(), int(expectedSeqs(*m_store, filter).size()));
    QCOMPARE(modelSeqs(*m_model), expectedSeqs(*m_store, filter));
    QCOMPARE(m_model->rowForSeq(m_model->seqAt(5)), 5);
}

void TestLogModel::filterChange()
{
    appendBatch(*m_store, 1000);
    QTRY_COMPARE(m_model->rowCount(), 1000);
    QSignalSpy resets(m_model.get(), &QAbstractItemModel::modelReset);

    const LogFilter events = LogFilter::parse(QStringLiteral("kind:event channel:channel-2")).value();
    m_model->setFilter(events);
    QCOMPARE(resets.count(), 1);
    QCOMPARE(m_model->filter().text(), events.text());
    QCOMPARE(modelSeqs(*m_model), expectedSeqs(*m_store, events));
    QVERIFY(m_model->rowCount() > 0 && m_model->rowCount() < 1000);

    // New rows go through the filter too.
    appendBatch(*m_store, 500);
    QTRY_COMPARE(modelSeqs(*m_model), expectedSeqs(*m_store, events));

    m_model->setFilter(LogFilter());
    QCOMPARE(resets.count(), 2);
    QCOMPARE(m_model->rowCount(), 1500);

    // A filter set while store batches wait for the update takes them in at once.
    appendBatch(*m_store, 10);
    m_model->setFilter(events);
    QCOMPARE(modelSeqs(*m_model), expectedSeqs(*m_store, events));
    // And not twice: the update that would add them again is the one that shows the next batch.
    const qsizetype before = qsizetype(expectedSeqs(*m_store, events).size());
    appendBatch(*m_store, 200);
    const std::vector<quint64> expected = expectedSeqs(*m_store, events);
    QVERIFY(qsizetype(expected.size()) > before);
    QTRY_COMPARE(m_model->rowForSeq(expected.back()), m_model->rowCount() - 1);
    QCOMPARE(modelSeqs(*m_model), expected);
}

void TestLogModel::pauseAndResume()
{
    appendBatch(*m_store, 10);  // not shown yet when the pause comes: shown by the pause
    QSignalSpy counts(m_model.get(), &LogModel::pendingCountChanged);
    QSignalSpy inserts(m_model.get(), &QAbstractItemModel::rowsAboutToBeInserted);
    m_model->setPaused(true);
    QVERIFY(m_model->isPaused());
    QCOMPARE(m_model->rowCount(), 10);
    QCOMPARE(inserts.count(), 1);

    for (int batch = 0; batch < 30; ++batch) {
        appendBatch(*m_store, 10);
        QTest::qWait(1);  // paces the producer so the update timer runs during the pause; asserts nothing
    }
    QTRY_COMPARE(m_model->pendingCount(), qsizetype(300));
    QCOMPARE(m_model->rowCount(), 10);
    QCOMPARE(inserts.count(), 1);
    QVERIFY(counts.count() >= 1);
    QVERIFY(counts.count() < 30);  // at the update rate, not per store batch
    QCOMPARE(counts.last().at(0).value<qsizetype>(), qsizetype(300));

    m_model->setPaused(false);
    QVERIFY(!m_model->isPaused());
    QCOMPARE(m_model->rowCount(), 310);
    QCOMPARE(inserts.count(), 2);  // the whole pause in one batch
    QCOMPARE(m_model->pendingCount(), qsizetype(0));
    QCOMPARE(counts.last().at(0).value<qsizetype>(), qsizetype(0));
    QCOMPARE(modelSeqs(*m_model), expectedSeqs(*m_store, LogFilter()));

    m_model->setPaused(false);  // no change
    QCOMPARE(inserts.count(), 2);
}

void TestLogModel::pauseCountsMatchingEntriesOnly()
{
    const LogFilter filter = LogFilter::parse(QStringLiteral("kind:client-event")).value();
    m_model->setFilter(filter);
    m_model->setPaused(true);
    appendBatch(*m_store, 100);  // every fourth is a client event
    QTRY_COMPARE(m_model->pendingCount(), qsizetype(25));
    QCOMPARE(m_model->rowCount(), 0);
    m_model->setPaused(false);
    QCOMPARE(m_model->rowCount(), 25);
    QCOMPARE(modelSeqs(*m_model), expectedSeqs(*m_store, filter));
}

void TestLogModel::pauseWithEvictionAndFilterChange()
{
    m_store->setCap(100);
    appendBatch(*m_store, 50);
    QTRY_COMPARE(m_model->rowCount(), 50);
    m_model->setPaused(true);
    appendBatch(*m_store, 40);
    QTRY_COMPARE(m_model->pendingCount(), qsizetype(40));

    // A new filter while paused: the rows from before the pause are shown filtered, the rest wait.
    const LogFilter filter = LogFilter::parse(QStringLiteral("-kind:client-event")).value();
    m_model->setFilter(filter);
    QCOMPARE(m_model->rowCount(), int(50 - 13));  // seqs 0..49: 13 client events
    QCOMPARE(m_model->pendingCount(), qsizetype(30));

    // Eviction while paused drops shown rows from the top and pending ones that went.
    appendBatch(*m_store, 80);  // holds seqs 70..169 now
    QCOMPARE(m_model->rowCount(), 0);
    QTRY_COMPARE(m_model->pendingCount(), qsizetype(75));  // 70..169 without client events
    m_model->setPaused(false);
    QCOMPARE(modelSeqs(*m_model), expectedSeqs(*m_store, filter));
    QCOMPARE(m_model->pendingCount(), qsizetype(0));
}

void TestLogModel::clear()
{
    appendBatch(*m_store, 100);
    QTRY_COMPARE(m_model->rowCount(), 100);
    QSignalSpy resets(m_model.get(), &QAbstractItemModel::modelReset);
    m_store->clear();
    QCOMPARE(resets.count(), 1);
    QCOMPARE(m_model->rowCount(), 0);
    appendBatch(*m_store, 5);
    QTRY_COMPARE(m_model->rowCount(), 5);
    QCOMPARE(m_model->seqAt(0), quint64(100));  // numbering goes on

    // Clearing while paused drops the pending count.
    m_model->setPaused(true);
    appendBatch(*m_store, 5);
    QTRY_COMPARE(m_model->pendingCount(), qsizetype(5));
    QSignalSpy counts(m_model.get(), &LogModel::pendingCountChanged);
    m_store->clear();
    QCOMPARE(m_model->pendingCount(), qsizetype(0));
    QCOMPARE(counts.count(), 1);
    QCOMPARE(m_model->rowCount(), 0);
}

void TestLogModel::storeDestroyed()
{
    appendBatch(*m_store, 20);
    QTRY_COMPARE(m_model->rowCount(), 20);
    m_store.reset();
    QCOMPARE(m_model->rowCount(), 0);
    QCOMPARE(m_model->store(), nullptr);
    QVERIFY(!m_model->data(m_model->index(0, 0)).isValid());
}

void TestLogModel::dataForEveryColumnAndRole()
{
    LogEntry frame = frameEntry(1);  // in, event, channel-1, event-1
    frame.socketId = QStringLiteral("1.2");
    m_store->append(frame);
    m_store->append(localEntry(QStringLiteral("connecting \u2192 connected")));
    LogEntry rest = localEntry(QStringLiteral("GET /channels 200"));
    rest.direction = Direction::In;
    rest.kind = EntryKind::Rest;
    m_store->append(rest);
    m_store->flush();
    QTRY_COMPARE(m_model->rowCount(), 3);

    auto cell = [&](int row, LogColumn column, int role = Qt::DisplayRole) {
        return m_model->data(m_model->index(row, int(column)), role);
    };
    // The frame.
    QCOMPARE(cell(0, LogColumn::Time).toString(), LogModel::formatTime(frame.timeMs));
    QCOMPARE(cell(0, LogColumn::Direction).toString(), QStringLiteral("in"));
    QCOMPARE(cell(0, LogColumn::Kind).toString(), QStringLiteral("event"));
    QCOMPARE(cell(0, LogColumn::Channel).toString(), QStringLiteral("channel-1"));
    QCOMPARE(cell(0, LogColumn::Event).toString(), QStringLiteral("event-1"));
    QCOMPARE(cell(0, LogColumn::Summary).toString(), QStringLiteral("{\"i\":1}"));
    QCOMPARE(cell(0, LogColumn::Summary).toString(), QStringLiteral("{\"i\":1}"));  // from the cache
    QCOMPARE(cell(0, LogColumn::Size).toLongLong(), qlonglong(frame.raw.size()));
    QCOMPARE(cell(0, LogColumn::Size, Qt::TextAlignmentRole).toInt(), int(Qt::AlignRight | Qt::AlignVCenter));
    QVERIFY(cell(0, LogColumn::Summary, Qt::ToolTipRole).toString().contains(QStringLiteral("\"i\": 1")));
    QVERIFY(cell(0, LogColumn::Time, Qt::ToolTipRole).toString().contains(u'T'));
    QVERIFY(!cell(0, LogColumn::Channel, Qt::ToolTipRole).isValid());
    for (int column = 0; column < int(LogColumn::Count); ++column) {
        const QModelIndex index = m_model->index(0, column);
        const LogEntry entry = m_model->data(index, EntryRole).value<LogEntry>();
        QCOMPARE(entry.seq, quint64(0));
        QCOMPARE(entry.raw, frame.raw);
        QCOMPARE(entry.socketId, frame.socketId);
        QCOMPARE(m_model->data(index, SeqRole).toULongLong(), quint64(0));
        QCOMPARE(m_model->data(index, KindRole).toInt(), int(EntryKind::Event));
        QCOMPARE(m_model->data(index, DirectionRole).toInt(), int(Direction::In));
        QCOMPARE(m_model->data(index, RawRole).toByteArray(), frame.raw);
        QCOMPARE(m_model->data(index, StoreRowRole).value<qsizetype>(), qsizetype(0));
        QVERIFY(!m_model->data(index, Qt::DecorationRole).isValid());
    }
    // The local entry: its message is the summary, it has no size.
    QCOMPARE(cell(1, LogColumn::Direction).toString(), QStringLiteral("local"));
    QCOMPARE(cell(1, LogColumn::Kind).toString(), QStringLiteral("state"));
    QCOMPARE(cell(1, LogColumn::Channel).toString(), QString());
    QCOMPARE(cell(1, LogColumn::Summary).toString(), QStringLiteral("connecting \u2192 connected"));
    QVERIFY(!cell(1, LogColumn::Size).isValid());
    const QString tip = cell(1, LogColumn::Summary, Qt::ToolTipRole).toString();
    QVERIFY(tip.startsWith(QStringLiteral("connecting \u2192 connected\n{")));
    QCOMPARE(cell(1, LogColumn::Direction, DirectionRole).toInt(), int(Direction::Local));
    // A REST answer is logged "in" but is no frame: no size.
    QCOMPARE(cell(2, LogColumn::Direction).toString(), QStringLiteral("in"));
    QCOMPARE(cell(2, LogColumn::Kind).toString(), QStringLiteral("rest"));
    QVERIFY(!cell(2, LogColumn::Size).isValid());

    // Headers.
    const QStringList titles{QStringLiteral("Time"),    QStringLiteral("Direction"), QStringLiteral("Kind"),
                             QStringLiteral("Channel"), QStringLiteral("Event"),     QStringLiteral("Summary"),
                             QStringLiteral("Size")};
    for (int column = 0; column < int(LogColumn::Count); ++column)
        QCOMPARE(m_model->headerData(column, Qt::Horizontal).toString(), titles[column]);

    // entryAt and out-of-range access.
    QCOMPARE(m_model->entryAt(1).message, QStringLiteral("connecting \u2192 connected"));
    QCOMPARE(m_model->entryAt(3).seq, quint64(0));
    QCOMPARE(m_model->seqAt(-1), quint64(0));
    QVERIFY(!m_model->data(m_model->index(5, 0)).isValid());
    QCOMPARE(m_model->store(), m_store.get());
}

void TestLogModel::summaries()
{
    QCOMPARE(LogModel::formatTime(0), QDateTime::fromMSecsSinceEpoch(0).toString(QStringLiteral("HH:mm:ss.zzz")));
    QCOMPARE(LogModel::formatTime(1700000000123LL).size(), 12);
    QVERIFY(LogModel::formatTime(1700000000123LL).endsWith(QStringLiteral(".123")));

    LogEntry e;
    e.direction = Direction::In;
    e.kind = EntryKind::Event;
    e.raw = "{\"event\":\"x\",\"data\":\"plain text\\nwith a line\"}";
    QCOMPARE(LogModel::summarize(e), QStringLiteral("plain text with a line"));
    e.raw = "{\"event\":\"x\",\"data\":{\"a\":[1,2],\"b\":null}}";
    QCOMPARE(LogModel::summarize(e), QStringLiteral("{\"a\":[1,2],\"b\":null}"));
    e.raw = "{\"event\":\"x\",\"data\":42}";
    QCOMPARE(LogModel::summarize(e), QStringLiteral("42"));
    e.raw = "{\"event\":\"pusher:ping\"}";
    QCOMPARE(LogModel::summarize(e), QString());
    e.raw = "garbage\r\nframe";
    QCOMPARE(LogModel::summarize(e), QStringLiteral("garbage  frame"));

    // Long data: one line of at most 200 characters ending in an ellipsis; the tip holds 1000.
    QJsonObject big;
    for (int i = 0; i < 200; ++i)
        big.insert(QStringLiteral("key%1").arg(i), QStringLiteral("value\nline %1").arg(i));
    e.raw = "{\"event\":\"x\",\"data\":" + QJsonDocument(big).toJson(QJsonDocument::Compact) + "}";
    const QString summary = LogModel::summarize(e);
    QCOMPARE(summary.size(), 200);
    QVERIFY(summary.endsWith(QChar(0x2026)));
    QVERIFY(!summary.contains(u'\n'));
    const QString tip = LogModel::summaryToolTip(e);
    QCOMPARE(tip.size(), 1000);
    QVERIFY(tip.endsWith(QChar(0x2026)));

    // Never cut between the halves of a surrogate pair.
    e.raw = "{\"event\":\"x\",\"data\":\"" + QByteArray(198, 'a') + "\xF0\x9F\x98\x80\xF0\x9F\x98\x80\"}";
    const QString cut = LogModel::summarize(e);
    QVERIFY(cut.size() <= 200);
    QVERIFY(!cut.at(cut.size() - 2).isHighSurrogate());

    // Local entries: the message, or the details when there is no message.
    LogEntry local = localEntry(QString());
    QCOMPARE(LogModel::summarize(local), QStringLiteral("{\"from\":\"connecting\",\"to\":\"connected\"}"));
    local.message = QStringLiteral("two\nlines");
    QCOMPARE(LogModel::summarize(local), QStringLiteral("two lines"));
}

void TestLogModel::rowForSeq()
{
    const LogFilter filter = LogFilter::parse(QStringLiteral("kind:client-event")).value();
    m_model->setFilter(filter);
    appendBatch(*m_store, 100);
    QTRY_COMPARE(m_model->rowCount(), 25);
    for (int row = 0; row < 25; ++row) {
        QCOMPARE(m_model->seqAt(row), quint64(row * 4));
        QCOMPARE(m_model->rowForSeq(quint64(row * 4)), row);
        QCOMPARE(m_model->rowForSeq(quint64(row * 4 + 1)), -1);
    }
    QCOMPARE(m_model->rowForSeq(1000), -1);
    m_store->setCap(50);  // seqs 50..99 held: client events 52..96
    QCOMPARE(m_model->rowForSeq(0), -1);
    QCOMPARE(m_model->rowForSeq(52), 0);
    QCOMPARE(m_model->rowForSeq(96), 11);
}

void TestLogModel::foldsKeepaliveRuns()
{
    m_model->setFoldKeepalives(true);
    QVERIFY(m_model->isFolding());
    // event, 3 client exchanges (9 entries), event, 2 server exchanges (4), event, one lone ping.
    QList<LogEntry> entries;
    entries << frameEntry(1) << keepalives(3) << frameEntry(2) << keepalives(2, false) << frameEntry(3)
            << cs::test::keepaliveExchange(false).constFirst();
    appendEntries(*m_store, entries);
    QTRY_COMPARE(m_model->rowCount(), 6);
    QCOMPARE(modelRows(*m_model), expectedFoldedRows(*m_store, LogFilter()));
    QCOMPARE(m_model->entryCountAt(0), 1);
    QCOMPARE(m_model->entryCountAt(1), 9);
    QCOMPARE(m_model->entryCountAt(3), 4);
    QCOMPARE(m_model->entryCountAt(5), 1);  // a lone keepalive is a plain row
    QVERIFY(m_model->isFoldedRow(1) && !m_model->isFoldedRow(2) && !m_model->isFoldedRow(5));
    QCOMPARE(m_model->shownEntryCount(), qsizetype(17));
    QCOMPARE(m_model->hiddenByFolding(), qsizetype(11));

    // The folded row: its own texts, its newest entry behind the entry roles.
    auto cell = [&](int row, LogColumn column, int role = Qt::DisplayRole) {
        return m_model->data(m_model->index(row, int(column)), role);
    };
    const quint64 newest = 9;  // seq of the third exchange's pong
    const QString last = QDateTime::fromMSecsSinceEpoch(m_store->at(9).timeMs).toString(QStringLiteral("HH:mm:ss"));
    QCOMPARE(cell(1, LogColumn::Summary).toString(), QStringLiteral("Keepalive \u00d79 (last %1)").arg(last));
    QCOMPARE(cell(1, LogColumn::Kind).toString(), QStringLiteral("keepalive"));
    QCOMPARE(cell(1, LogColumn::Time).toString(), LogModel::formatTime(m_store->at(9).timeMs));
    QVERIFY(cell(1, LogColumn::Summary, Qt::ToolTipRole).toString().contains(QStringLiteral("Double-click")));
    QCOMPARE(cell(1, LogColumn::Event, FoldCountRole).toInt(), 9);
    QCOMPARE(cell(0, LogColumn::Event, FoldCountRole).toInt(), 1);
    QCOMPARE(cell(1, LogColumn::Time, SeqRole).toULongLong(), newest);
    QCOMPARE(cell(1, LogColumn::Time, EntryRole).value<LogEntry>().event, QStringLiteral("pusher:pong"));
    QVERIFY(!cell(1, LogColumn::Time, DirectionRole).isValid());
    QCOMPARE(m_model->seqAt(1), newest);
    QCOMPARE(m_model->entryAt(1).seq, newest);
    // Every entry of a run is found in its row.
    for (quint64 seq = 1; seq <= 9; ++seq)
        QCOMPARE(m_model->rowForSeq(seq), 1);
    QCOMPARE(m_model->rowForSeq(10), 2);
    // Export names every entry, folded or not.
    QList<quint64> all;
    for (quint64 seq = 0; seq < 17; ++seq)
        all << seq;
    QCOMPARE(m_model->entrySeqs(), all);
}

void TestLogModel::foldedRowGrowsInPlace()
{
    m_model->setFoldKeepalives(true);
    appendEntries(*m_store, QList<LogEntry>{frameEntry(1)} + keepalives(1));
    QTRY_COMPARE(m_model->rowCount(), 2);
    QCOMPARE(m_model->entryCountAt(1), 3);

    // The next exchanges, each in its own model update: the last row grows, no row is inserted.
    QSignalSpy inserts(m_model.get(), &QAbstractItemModel::rowsInserted);
    QSignalSpy changes(m_model.get(), &QAbstractItemModel::dataChanged);
    for (int i = 0; i < 3; ++i) {
        appendEntries(*m_store, keepalives(1));
        QTRY_COMPARE(m_model->entryCountAt(1), 6 + 3 * i);
    }
    QCOMPARE(m_model->rowCount(), 2);
    QCOMPARE(inserts.count(), 0);
    QCOMPARE(changes.count(), 3);
    QCOMPARE(changes.constLast().at(0).toModelIndex().row(), 1);

    // An event ends the run; the next keepalives start another.
    appendEntries(*m_store, {frameEntry(2)});
    QTRY_COMPARE(m_model->rowCount(), 3);
    appendEntries(*m_store, keepalives(2, false));
    QTRY_COMPARE(m_model->rowCount(), 4);
    QCOMPARE(m_model->entryCountAt(3), 4);
    QCOMPARE(modelRows(*m_model), expectedFoldedRows(*m_store, LogFilter()));
}

void TestLogModel::hiddenRowsDoNotBreakARun()
{
    // Events between the keepalives break the run while shown, not while the filter hides them.
    m_model->setFoldKeepalives(true);
    QList<LogEntry> entries;
    for (int i = 0; i < 5; ++i)
        entries << keepalives(1) << frameEntry(quint64(i) * 4 + 1);
    appendEntries(*m_store, entries);
    QTRY_COMPARE(m_model->rowCount(), 10);
    QCOMPARE(modelRows(*m_model), expectedFoldedRows(*m_store, LogFilter()));

    const LogFilter noEvents = LogFilter::parse(QStringLiteral("-kind:event")).value();
    m_model->setFilter(noEvents);
    QVERIFY(m_model->isFolding());
    QCOMPARE(m_model->rowCount(), 1);
    QCOMPARE(m_model->entryCountAt(0), 15);
    QCOMPARE(modelRows(*m_model), expectedFoldedRows(*m_store, noEvents));
    QCOMPARE(m_model->rowForSeq(3), -1);  // an event inside the run's span, hidden by the filter
    QCOMPARE(m_model->rowForSeq(4), 0);
}

void TestLogModel::expandFoldedRow()
{
    m_model->setFoldKeepalives(true);
    appendEntries(*m_store, QList<LogEntry>{frameEntry(1)} + keepalives(2));
    QTRY_COMPARE(m_model->rowCount(), 2);
    QVERIFY(!m_model->expandRow(0));  // not folded
    QVERIFY(!m_model->expandRow(7));  // no such row
    QSignalSpy inserts(m_model.get(), &QAbstractItemModel::rowsInserted);
    QVERIFY(m_model->expandRow(1));
    QCOMPARE(inserts.count(), 1);
    QCOMPARE(inserts.at(0).at(1).toInt(), 2);
    QCOMPARE(inserts.at(0).at(2).toInt(), 6);
    QCOMPARE(m_model->rowCount(), 7);
    for (int row = 0; row < 7; ++row) {
        QCOMPARE(m_model->seqAt(row), quint64(row));
        QVERIFY(!m_model->isFoldedRow(row));
    }
    QCOMPARE(m_model->hiddenByFolding(), qsizetype(0));
    QCOMPARE(m_model->data(m_model->index(1, int(LogColumn::Kind))).toString(), QStringLiteral("timer"));

    // Later keepalives do not fold back into the expanded run: they start a run of their own.
    appendEntries(*m_store, keepalives(2));
    QTRY_COMPARE(m_model->rowCount(), 8);
    QCOMPARE(m_model->entryCountAt(7), 6);
    QCOMPARE(m_model->entrySeqs().size(), 13);

    // A reset (here: the setting off and on) folds everything again.
    m_model->setFoldKeepalives(false);
    QCOMPARE(m_model->rowCount(), 13);
    m_model->setFoldKeepalives(true);
    QCOMPARE(m_model->rowCount(), 2);
    QCOMPARE(m_model->entryCountAt(1), 12);
}

void TestLogModel::foldSettingAndFilters_data()
{
    QTest::addColumn<QString>("filter");
    QTest::addColumn<bool>("folding");
    QTest::newRow("no filter") << QString() << true;
    QTest::newRow("hiding events") << QStringLiteral("-kind:event") << true;
    QTest::newRow("direction") << QStringLiteral("dir:in,out") << true;
    QTest::newRow("kind:connection") << QStringLiteral("kind:connection") << false;
    QTest::newRow("kind:timer,event") << QStringLiteral("kind:timer,event") << false;
    QTest::newRow("kind:*") << QStringLiteral("kind:*") << true;
    QTest::newRow("event:pusher:ping") << QStringLiteral("event:pusher:ping") << false;
    QTest::newRow("event:pusher:p*") << QStringLiteral("event:pusher:p*") << false;
    QTest::newRow("event:*") << QStringLiteral("event:*") << true;
    QTest::newRow("-event:pusher:ping") << QStringLiteral("-event:pusher:ping") << true;
    QTest::newRow("free text pong") << QStringLiteral("pong") << false;
}

void TestLogModel::foldSettingAndFilters()
{
    QFETCH(QString, filter);
    QFETCH(bool, folding);
    appendEntries(*m_store, QList<LogEntry>{frameEntry(1)} + keepalives(4) + keepalives(2, false));
    QTRY_COMPARE(m_model->rowCount(), 17);
    QVERIFY(!m_model->foldsKeepalives());  // off by default in core; the log panel turns it on
    QVERIFY(!m_model->isFolding());

    const LogFilter parsed = LogFilter::parse(filter).value();
    QCOMPARE(parsed.asksForKeepalives(), !folding);
    m_model->setFilter(parsed);
    QSignalSpy resets(m_model.get(), &QAbstractItemModel::modelReset);
    m_model->setFoldKeepalives(true);
    QCOMPARE(m_model->foldsKeepalives(), true);
    QCOMPARE(m_model->isFolding(), folding);
    QCOMPARE(resets.count(), folding ? 1 : 0);
    if (folding) {
        QCOMPARE(modelRows(*m_model), expectedFoldedRows(*m_store, parsed));
    } else {
        QCOMPARE(modelSeqs(*m_model), expectedSeqs(*m_store, parsed));  // every keepalive a row
        QVERIFY(m_model->rowCount() > 1);
    }
    QCOMPARE(qsizetype(m_model->entrySeqs().size()), qsizetype(expectedSeqs(*m_store, parsed).size()));
    m_model->setFoldKeepalives(false);
    QCOMPARE(modelSeqs(*m_model), expectedSeqs(*m_store, parsed));
}

void TestLogModel::foldingWithPauseAndEviction()
{
    // Random batches of events and keepalives, pauses and a small cap: the rows are always what a
    // fresh fold over the held entries gives (a run that loses its oldest entries stays one row).
    m_model->setFoldKeepalives(true);
    m_model->setUpdateIntervalMs(0);
    m_store->setCap(200);
    quint32 seed = 12345;
    auto next = [&seed](quint32 n) {
        seed = seed * 1103515245u + 12345u;
        return (seed >> 16) % n;
    };
    for (int round = 0; round < 300; ++round) {
        QList<LogEntry> batch;
        const quint32 pick = next(10);
        if (pick < 6) {
            batch = keepalives(int(next(4)) + 1, next(2) == 0);
        } else {
            for (quint32 i = 0, n = next(5) + 1; i < n; ++i)
                batch << frameEntry(m_store->nextSeq() + i);
        }
        appendEntries(*m_store, batch);
        if (round % 37 == 0)
            m_model->setPaused(!m_model->isPaused());
        if (round % 5 == 0)
            QTest::qWait(1);  // lets model updates interleave with batches and evictions; asserts nothing
        if (!m_model->isPaused() && round % 25 == 0) {
            QTRY_COMPARE(m_model->pendingCount(), qsizetype(0));
            QTRY_COMPARE(m_model->shownEntryCount(), m_store->size());
            QCOMPARE(modelRows(*m_model), expectedFoldedRows(*m_store, LogFilter()));
        }
    }
    m_model->setPaused(false);
    QTRY_COMPARE(m_model->shownEntryCount(), m_store->size());
    QCOMPARE(modelRows(*m_model), expectedFoldedRows(*m_store, LogFilter()));

    // Eviction into the middle of a folded run at the top.
    m_store->clear();
    appendEntries(*m_store, keepalives(10) + QList<LogEntry>{frameEntry(1)});
    QTRY_COMPARE(m_model->rowCount(), 2);
    QCOMPARE(m_model->entryCountAt(0), 30);
    m_store->setCap(20);  // 11 entries go: 11 of the run's 30
    QCOMPARE(m_model->rowCount(), 2);
    QCOMPARE(m_model->entryCountAt(0), 19);
    QCOMPARE(modelRows(*m_model), expectedFoldedRows(*m_store, LogFilter()));
    m_store->setCap(2);  // one keepalive left: a plain row
    QCOMPARE(m_model->rowCount(), 2);
    QVERIFY(!m_model->isFoldedRow(0));
    QCOMPARE(modelRows(*m_model), expectedFoldedRows(*m_store, LogFilter()));
    m_store->setCap(LogStore::kDefaultCap);
}

void TestLogModel::millionEntriesStayBatched()
{
    // A million entries, nine keepalives to each event, in 20 store batches published before the
    // model's next update: one insert, and every entry is accounted for.
    m_tester.reset();  // walks every row on a reset; it is for correctness, not for this
    m_model->setFoldKeepalives(true);
    QSignalSpy inserts(m_model.get(), &QAbstractItemModel::rowsInserted);
    const QList<LogEntry> pattern = QList<LogEntry>{frameEntry(1)} + keepalives(3);  // 10 entries
    QElapsedTimer timer;
    timer.start();
    for (int batch = 0; batch < 20; ++batch) {
        for (int i = 0; i < 50000 / int(pattern.size()) * int(pattern.size()); ++i)
            m_store->append(pattern[i % pattern.size()]);
        m_store->flush();
    }
    const qint64 appendMs = timer.restart();
    QCOMPARE(m_store->size(), qsizetype(1000000));
    QTRY_COMPARE_WITH_TIMEOUT(m_model->shownEntryCount(), qsizetype(1000000), 20000);
    const qint64 insertMs = timer.restart();
    QCOMPARE(inserts.count(), 1);
    QCOMPARE(m_model->rowCount(), 200000);
    QCOMPARE(m_model->entryCountAt(1), 9);
    QCOMPARE(m_model->entryCountAt(199999), 9);
    m_model->setFilter(LogFilter::parse(QStringLiteral("-kind:event")).value());
    const qint64 refoldMs = timer.restart();
    QCOMPARE(m_model->rowCount(), 1);
    QCOMPARE(m_model->entryCountAt(0), 900000);
    qInfo("1M entries: append+store flush %lld ms, model insert (folded to 200k rows) %lld ms, refold %lld ms",
          appendMs, insertMs, refoldMs);
}

QTEST_GUILESS_MAIN(TestLogModel)
#include "tst_logmodel.moc"
