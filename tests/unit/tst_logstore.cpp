// The event log: LogEntry names, data() and toJson(); LogStore batching, seq numbering, cap
// eviction, clear and the round trip of every field through the compact storage.

#include "logentry.h"
#include "logfixtures.h"
#include "logstore.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>
#include <QThread>

#include <memory>
#include <vector>

using namespace cs;

namespace {

LogEntry frameEntry(int i)
{
    LogEntry e = cs::test::numberedEvent(quint64(i), i % 2 ? Direction::In : Direction::Out);
    e.socketId = QStringLiteral("123.456");
    e.userId = i % 5 ? QString() : QStringLiteral("user-%1").arg(i);
    return e;
}

LogEntry localEntry(const QString &message) { return cs::test::stateEntry(message); }

// Checks that rows hold consecutive seqs starting at firstSeq, each with the entry appended under it.
void verifyRows(const LogStore &store)
{
    for (qsizetype row = 0; row < store.size(); ++row) {
        const LogEntry e = store.at(row);
        QCOMPARE(e.seq, store.firstSeq() + quint64(row));
        QCOMPARE(store.seqAt(row), e.seq);
        QCOMPARE(e.raw, frameEntry(int(e.seq)).raw);
    }
}

}  // namespace

class TestLogStore : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void names();
    void entryData();
    void entryToJson();
    void entryToJsonOmitsEmpty();
    void orderAcrossBatches();
    void onePairPerFlush();
    void timerFlush();
    void flushInterval();
    void capEviction();
    void batchLargerThanCap();
    void setCapEvicts();
    void clearKeepsNumbering();
    void roundTrip();
    void fieldAccessors();
    void outOfRange();
    void appendFromSlot();
    void appendFromOtherThreads();
    void byteBudgetEvictsOldestFirst();
};

void TestLogStore::names()
{
    const QStringList dirs{QStringLiteral("in"), QStringLiteral("out"), QStringLiteral("local")};
    for (int i = 0; i < dirs.size(); ++i) {
        QCOMPARE(directionName(Direction(i)), dirs[i]);
        Direction d = Direction::Local;
        QVERIFY(parseDirection(dirs[i], &d));
        QCOMPARE(d, Direction(i));
    }
    const QStringList kinds{QStringLiteral("state"),        QStringLiteral("timer"),    QStringLiteral("connection"),
                            QStringLiteral("subscription"), QStringLiteral("presence"), QStringLiteral("event"),
                            QStringLiteral("client-event"), QStringLiteral("signin"),   QStringLiteral("auth"),
                            QStringLiteral("rest"),         QStringLiteral("error"),    QStringLiteral("api"),
                            QStringLiteral("webhook"),      QStringLiteral("watch")};
    QCOMPARE(kinds.size(), kEntryKindCount);
    for (int i = 0; i < kinds.size(); ++i) {
        QCOMPARE(entryKindName(EntryKind(i)), kinds[i]);
        EntryKind k = EntryKind::State;
        QVERIFY(parseEntryKind(kinds[i], &k));
        QCOMPARE(k, EntryKind(i));
    }
    EntryKind k = EntryKind::State;
    QVERIFY(parseEntryKind(QStringLiteral("Client-Event"), &k));  // typed by people: case does not matter
    QCOMPARE(k, EntryKind::ClientEvent);
    QVERIFY(!parseEntryKind(QStringLiteral("client_event"), &k));
    QVERIFY(!parseEntryKind(QString(), &k));
    Direction d = Direction::In;
    QVERIFY(!parseDirection(QStringLiteral("inbound"), &d));
    QCOMPARE(d, Direction::In);  // untouched on failure
}

void TestLogStore::entryData()
{
    LogEntry e;
    e.direction = Direction::In;
    e.raw = R"({"event":"pusher:connection_established","data":"{\"socket_id\":\"1.2\",\"activity_timeout\":30}"})";
    QCOMPARE(e.data(), QJsonValue(QJsonObject{{QStringLiteral("socket_id"), QStringLiteral("1.2")},
                                              {QStringLiteral("activity_timeout"), 30}}));

    e.raw = R"({"event":"e","channel":"a","data":"plain text"})";
    QCOMPARE(e.data(), QJsonValue(QStringLiteral("plain text")));

    e.raw = R"({"event":"pusher_internal:subscription_succeeded","channel":"a"})";
    QVERIFY(e.data().isUndefined());

    e.direction = Direction::Out;
    e.raw = R"({"event":"pusher:subscribe","data":{"auth":"","channel":"a"}})";
    QCOMPARE(e.data(), QJsonValue(QJsonObject{{QStringLiteral("auth"), QStringLiteral("")},
                                              {QStringLiteral("channel"), QStringLiteral("a")}}));

    e.raw = "not json";
    QVERIFY(e.data().isUndefined());

    const LogEntry local = localEntry(QStringLiteral("connected"));
    QVERIFY(!local.isFrame());
    QCOMPARE(local.data(), QJsonValue(QJsonObject{{QStringLiteral("from"), QStringLiteral("connecting")},
                                                  {QStringLiteral("to"), QStringLiteral("connected")}}));
    LogEntry bare = localEntry(QStringLiteral("x"));
    bare.raw.clear();
    QVERIFY(bare.data().isUndefined());
}

void TestLogStore::entryToJson()
{
    LogEntry e;
    e.seq = 42;
    e.timeMs = QDateTime(QDate(2026, 11, 27), QTime(17, 8, 36, 123), Qt::UTC).toMSecsSinceEpoch();
    e.direction = Direction::In;
    e.kind = EntryKind::ClientEvent;
    e.connection = QStringLiteral("main");
    e.channel = QStringLiteral("presence-a");
    e.event = QStringLiteral("client-typing");
    e.socketId = QStringLiteral("1.2");
    e.userId = QStringLiteral("7");
    e.raw = R"({"event":"client-typing","channel":"presence-a","data":{"on":true},"user_id":"7"})";

    const QJsonObject json = e.toJson();
    QCOMPARE(json.value(QStringLiteral("seq")), QJsonValue(42));
    QCOMPARE(json.value(QStringLiteral("time")).toString(), QStringLiteral("2026-11-27T17:08:36.123Z"));
    QCOMPARE(json.value(QStringLiteral("dir")).toString(), QStringLiteral("in"));
    QCOMPARE(json.value(QStringLiteral("kind")).toString(), QStringLiteral("client-event"));
    QCOMPARE(json.value(QStringLiteral("connection")).toString(), QStringLiteral("main"));
    QCOMPARE(json.value(QStringLiteral("channel")).toString(), QStringLiteral("presence-a"));
    QCOMPARE(json.value(QStringLiteral("event")).toString(), QStringLiteral("client-typing"));
    QCOMPARE(json.value(QStringLiteral("data")), QJsonValue(QJsonObject{{QStringLiteral("on"), true}}));
    QCOMPARE(json.value(QStringLiteral("user_id")).toString(), QStringLiteral("7"));
    QCOMPARE(json.value(QStringLiteral("socket_id")).toString(), QStringLiteral("1.2"));
    QCOMPARE(json.value(QStringLiteral("raw")).toString(), QString::fromUtf8(e.raw));
    QVERIFY(!json.contains(QStringLiteral("message")));
    QCOMPARE(json.size(), 11);

    const QJsonObject local = localEntry(QStringLiteral("state connected")).toJson();
    QCOMPARE(local.value(QStringLiteral("dir")).toString(), QStringLiteral("local"));
    QCOMPARE(local.value(QStringLiteral("kind")).toString(), QStringLiteral("state"));
    QCOMPARE(local.value(QStringLiteral("message")).toString(), QStringLiteral("state connected"));
    QCOMPARE(local.value(QStringLiteral("data")),
             QJsonValue(QJsonObject{{QStringLiteral("from"), QStringLiteral("connecting")},
                                    {QStringLiteral("to"), QStringLiteral("connected")}}));
    QCOMPARE(local.value(QStringLiteral("time")).toString(), QStringLiteral("2023-11-14T22:13:20.000Z"));
    QVERIFY(!local.contains(QStringLiteral("raw")));
}

void TestLogStore::entryToJsonOmitsEmpty()
{
    LogEntry e;
    e.direction = Direction::In;
    e.kind = EntryKind::Connection;
    e.raw = R"({"event":"pusher:pong"})";
    const QJsonObject json = e.toJson();
    for (const char *key : {"channel", "event", "data", "user_id", "socket_id", "message"})
        QVERIFY2(!json.contains(QLatin1String(key)), key);
    for (const char *key : {"seq", "time", "dir", "kind", "connection", "raw"})
        QVERIFY2(json.contains(QLatin1String(key)), key);
    QCOMPARE(json.value(QStringLiteral("time")).toString(), QStringLiteral("1970-01-01T00:00:00.000Z"));
}

void TestLogStore::orderAcrossBatches()
{
    LogStore store;
    int next = 0;
    for (int batch = 0; batch < 50; ++batch) {
        for (int i = 0; i < batch * 37 % 500 + 1; ++i, ++next)
            QCOMPARE(store.append(frameEntry(next)), quint64(next));
        store.flush();
    }
    QCOMPARE(store.size(), qsizetype(next));
    QCOMPARE(store.firstSeq(), quint64(0));
    QCOMPARE(store.nextSeq(), quint64(next));
    QCOMPARE(store.pendingCount(), qsizetype(0));
    verifyRows(store);  // spans several 4096-row chunks
}

void TestLogStore::onePairPerFlush()
{
    LogStore store;
    QSignalSpy aboutToAppend(&store, &LogStore::aboutToAppend);
    QSignalSpy appended(&store, &LogStore::appended);
    QSignalSpy aboutToEvict(&store, &LogStore::aboutToEvict);

    store.flush();  // nothing pending: no signals
    QCOMPARE(appended.count(), 0);

    for (int i = 0; i < 10; ++i)
        store.append(frameEntry(i));
    QCOMPARE(store.size(), 0);  // not yet published
    QCOMPARE(store.pendingCount(), 10);
    // The model sees the old size during aboutToAppend and the new one in appended.
    qsizetype sizeAtAboutToAppend = -1;
    connect(&store, &LogStore::aboutToAppend, this, [&] { sizeAtAboutToAppend = store.size(); });
    store.flush();
    QCOMPARE(sizeAtAboutToAppend, 0);
    QCOMPARE(aboutToAppend.count(), 1);
    QCOMPARE(aboutToAppend.at(0).at(0).value<qsizetype>(), 10);
    QCOMPARE(appended.count(), 1);
    QCOMPARE(appended.at(0).at(0).value<qsizetype>(), 0);
    QCOMPARE(appended.at(0).at(1).value<qsizetype>(), 10);

    for (int i = 10; i < 13; ++i)
        store.append(frameEntry(i));
    store.flush();
    store.flush();
    QCOMPARE(appended.count(), 2);
    QCOMPARE(sizeAtAboutToAppend, 10);
    QCOMPARE(appended.at(1).at(0).value<qsizetype>(), 10);
    QCOMPARE(appended.at(1).at(1).value<qsizetype>(), 3);
    QCOMPARE(store.size(), 13);
    QCOMPARE(aboutToEvict.count(), 0);
}

void TestLogStore::timerFlush()
{
    LogStore store;
    QCOMPARE(store.flushIntervalMs(), 0);
    QSignalSpy appended(&store, &LogStore::appended);
    for (int i = 0; i < 5; ++i)
        store.append(frameEntry(i));
    QCOMPARE(store.size(), 0);  // nothing is published before the event loop runs
    QTRY_COMPARE(store.size(), 5);
    QCOMPARE(appended.count(), 1);
    QCOMPARE(appended.at(0).at(1).value<qsizetype>(), 5);
    QCOMPARE(store.pendingCount(), 0);
}

void TestLogStore::flushInterval()
{
    LogStore store;
    store.setFlushIntervalMs(1000);
    QCOMPARE(store.flushIntervalMs(), 1000);
    QSignalSpy appended(&store, &LogStore::appended);
    QElapsedTimer clock;
    clock.start();
    store.append(frameEntry(0));
    // The event loop turns (a queued call runs) without publishing: the interval holds the batch.
    bool turned = false;
    QMetaObject::invokeMethod(
        &store, [&turned] { turned = true; }, Qt::QueuedConnection);
    QTRY_VERIFY(turned);
    if (clock.elapsed() >= 1000)
        QSKIP("one event-loop turn took the whole flush interval: this run cannot judge the batching");
    QCOMPARE(appended.count(), 0);
    store.append(frameEntry(1));
    QTRY_COMPARE(appended.count(), 1);
    QCOMPARE(appended.at(0).at(1).value<qsizetype>(), 2);
    store.append(frameEntry(2));
    QTRY_COMPARE(appended.count(), 2);
    QCOMPARE(store.size(), 3);
}

void TestLogStore::capEviction()
{
    LogStore store;
    store.setCap(100);
    QCOMPARE(store.cap(), 100);
    QSignalSpy aboutToEvict(&store, &LogStore::aboutToEvict);
    QSignalSpy evicted(&store, &LogStore::evicted);
    QSignalSpy appended(&store, &LogStore::appended);
    QStringList order;
    connect(&store, &LogStore::aboutToEvict, this, [&] { order << QStringLiteral("aboutToEvict"); });
    connect(&store, &LogStore::evicted, this, [&] { order << QStringLiteral("evicted"); });
    connect(&store, &LogStore::aboutToAppend, this, [&] { order << QStringLiteral("aboutToAppend"); });
    connect(&store, &LogStore::appended, this, [&] { order << QStringLiteral("appended"); });

    for (int i = 0; i < 80; ++i)
        store.append(frameEntry(i));
    store.flush();
    QCOMPARE(aboutToEvict.count(), 0);
    order.clear();

    for (int i = 80; i < 130; ++i)
        store.append(frameEntry(i));
    store.flush();
    QCOMPARE(order, QStringList({QStringLiteral("aboutToEvict"), QStringLiteral("evicted"),
                                 QStringLiteral("aboutToAppend"), QStringLiteral("appended")}));
    QCOMPARE(aboutToEvict.at(0).at(0).value<qsizetype>(), 30);
    QCOMPARE(evicted.at(0).at(0).value<qsizetype>(), 30);
    QCOMPARE(appended.last().at(0).value<qsizetype>(), 50);  // 80 held - 30 evicted
    QCOMPARE(appended.last().at(1).value<qsizetype>(), 50);
    QCOMPARE(store.size(), 100);
    QCOMPARE(store.evictedCount(), quint64(30));
    QCOMPARE(store.firstSeq(), quint64(30));
    QCOMPARE(store.at(0).seq, quint64(30));
    QCOMPARE(store.at(99).seq, quint64(129));
    verifyRows(store);

    // Evicting across chunk boundaries keeps rows addressable.
    store.setCap(5000);
    for (int i = 130; i < 20000; ++i)
        store.append(frameEntry(i));
    store.flush();
    QCOMPARE(store.size(), 5000);
    QCOMPARE(store.firstSeq(), quint64(15000));
    QCOMPARE(store.evictedCount(), quint64(15000));
    verifyRows(store);
}

void TestLogStore::batchLargerThanCap()
{
    LogStore store;
    store.setCap(10);
    for (int i = 0; i < 4; ++i)
        store.append(frameEntry(i));
    store.flush();
    QSignalSpy aboutToEvict(&store, &LogStore::aboutToEvict);
    QSignalSpy appended(&store, &LogStore::appended);

    for (int i = 4; i < 29; ++i)  // 25 at once, cap 10
        store.append(frameEntry(i));
    store.flush();
    QCOMPARE(aboutToEvict.count(), 1);
    QCOMPARE(aboutToEvict.at(0).at(0).value<qsizetype>(), 4);  // the rows the model had
    QCOMPARE(appended.count(), 1);
    QCOMPARE(appended.at(0).at(0).value<qsizetype>(), 0);
    QCOMPARE(appended.at(0).at(1).value<qsizetype>(), 10);
    QCOMPARE(store.size(), 10);
    QCOMPARE(store.evictedCount(), quint64(19));  // 4 held + 15 never shown
    QCOMPARE(store.firstSeq(), quint64(19));
    QCOMPARE(store.at(0).seq, quint64(19));
    QCOMPARE(store.at(9).seq, quint64(28));
    QCOMPARE(store.nextSeq(), quint64(29));
    verifyRows(store);

    // Into an empty store: nothing held, so no eviction signal, only the count.
    LogStore empty;
    empty.setCap(3);
    QSignalSpy emptyEvict(&empty, &LogStore::aboutToEvict);
    for (int i = 0; i < 8; ++i)
        empty.append(frameEntry(i));
    empty.flush();
    QCOMPARE(emptyEvict.count(), 0);
    QCOMPARE(empty.size(), 3);
    QCOMPARE(empty.evictedCount(), quint64(5));
    QCOMPARE(empty.at(0).seq, quint64(5));
    verifyRows(empty);
}

void TestLogStore::setCapEvicts()
{
    LogStore store;
    for (int i = 0; i < 50; ++i)
        store.append(frameEntry(i));
    store.flush();
    QSignalSpy aboutToEvict(&store, &LogStore::aboutToEvict);
    QSignalSpy evicted(&store, &LogStore::evicted);
    store.setCap(20);
    QCOMPARE(aboutToEvict.count(), 1);
    QCOMPARE(evicted.at(0).at(0).value<qsizetype>(), 30);
    QCOMPARE(store.size(), 20);
    QCOMPARE(store.firstSeq(), quint64(30));
    verifyRows(store);
    store.setCap(0);  // clamped: a log keeps at least its newest entry
    QCOMPARE(store.cap(), 1);
    QCOMPARE(store.size(), 1);
    QCOMPARE(store.at(0).seq, quint64(49));
}

void TestLogStore::clearKeepsNumbering()
{
    LogStore store;
    for (int i = 0; i < 30; ++i)
        store.append(frameEntry(i));
    store.flush();
    store.append(frameEntry(30));  // pending when cleared: dropped too
    QSignalSpy aboutToClear(&store, &LogStore::aboutToClear);
    QSignalSpy cleared(&store, &LogStore::cleared);
    QSignalSpy appended(&store, &LogStore::appended);
    qsizetype sizeAtAboutToClear = -1;
    connect(&store, &LogStore::aboutToClear, this, [&] { sizeAtAboutToClear = store.size(); });
    store.clear();
    QCOMPARE(aboutToClear.count(), 1);
    QCOMPARE(cleared.count(), 1);
    QCOMPARE(sizeAtAboutToClear, 30);
    QCOMPARE(store.size(), 0);
    QCOMPARE(store.pendingCount(), 0);
    QCOMPARE(store.nextSeq(), quint64(31));
    QCOMPARE(store.firstSeq(), quint64(31));
    QCOMPARE(store.evictedCount(), quint64(0));
    QCOMPARE(appended.count(), 0);

    // Collection goes on by itself (no flush() call) after a clear that dropped a pending flush.
    // The dropped pending entry is never published: the first batch after the clear is entry 31
    // alone (a publication of the dropped one would come before it or with it).
    QCOMPARE(store.append(frameEntry(31)), quint64(31));
    QTRY_COMPARE(store.size(), 1);
    QCOMPARE(store.at(0).seq, quint64(31));
    QCOMPARE(appended.count(), 1);
    QCOMPARE(appended.at(0).at(0).value<qsizetype>(), 0);
    QCOMPARE(appended.at(0).at(1).value<qsizetype>(), 1);
    verifyRows(store);
}

void TestLogStore::roundTrip()
{
    LogStore store;
    QList<LogEntry> expected;
    for (int i = 0; i < 5000; ++i)
        expected << frameEntry(i);
    LogEntry local = localEntry(QString::fromUtf8("state \xe2\x86\x92 connected \xf0\x9f\x98\x80"));
    local.kind = EntryKind::Rest;
    local.socketId = QStringLiteral("9.9");
    local.userId = QStringLiteral("u");
    expected << local;
    LogEntry bare;  // all defaults except the time
    bare.timeMs = 5;
    expected << bare;
    LogEntry binary = frameEntry(1);
    binary.raw = QByteArray("\x00\xff\x01 not utf-8", 14);
    binary.kind = EntryKind::Error;
    binary.message = QStringLiteral("undecodable");
    expected << binary;

    for (LogEntry &e : expected)
        e.seq = store.append(e);
    store.flush();
    QCOMPARE(store.size(), expected.size());
    for (qsizetype row = 0; row < store.size(); ++row) {
        cs::test::compareEntries(store.at(row), expected.at(row));
        if (QTest::currentTestFailed())
            QFAIL(qPrintable(QStringLiteral("row %1").arg(row)));
    }
}

void TestLogStore::fieldAccessors()
{
    LogStore store;
    const qint64 before = QDateTime::currentMSecsSinceEpoch();
    LogEntry untimed = localEntry(QStringLiteral("no time"));
    untimed.timeMs = 0;
    store.append(untimed);
    store.append(frameEntry(1));
    store.flush();
    QVERIFY(store.timeMsAt(0) >= before);  // stamped at append
    QVERIFY(store.timeMsAt(0) <= QDateTime::currentMSecsSinceEpoch());
    QCOMPARE(store.at(0).timeMs, store.timeMsAt(0));

    const LogEntry e = frameEntry(1);
    QCOMPARE(store.seqAt(1), quint64(1));
    QCOMPARE(store.timeMsAt(1), e.timeMs);
    QCOMPARE(store.directionAt(1), e.direction);
    QCOMPARE(store.kindAt(1), e.kind);
    QCOMPARE(store.connectionAt(1), e.connection);
    QCOMPARE(store.channelAt(1), e.channel);
    QCOMPARE(store.eventAt(1), e.event);
    QCOMPARE(store.rawAt(1).toByteArray(), e.raw);
    QCOMPARE(store.directionAt(0), Direction::Local);
    QCOMPARE(store.kindAt(0), EntryKind::State);
    QVERIFY(store.channelAt(0).isEmpty());
}

void TestLogStore::outOfRange()
{
    LogStore store;
    QCOMPARE(store.at(0).raw, QByteArray());
    store.append(frameEntry(0));
    store.flush();
    for (qsizetype row : {qsizetype(-1), qsizetype(1), qsizetype(1000000)}) {
        QVERIFY(store.at(row).raw.isEmpty());
        QVERIFY(store.rawAt(row).isEmpty());
        QVERIFY(store.channelAt(row).isEmpty());
        QCOMPARE(store.timeMsAt(row), 0);
    }
}

void TestLogStore::appendFromSlot()
{
    // A listener that logs in reaction to a batch lands in the next batch, not in this one.
    LogStore store;
    QSignalSpy appended(&store, &LogStore::appended);
    bool reacted = false;
    connect(&store, &LogStore::appended, this, [&] {
        if (!reacted) {
            reacted = true;
            store.append(frameEntry(1));
        }
    });
    store.append(frameEntry(0));
    store.flush();
    QCOMPARE(store.size(), 1);
    QCOMPARE(store.pendingCount(), 1);
    QTRY_COMPARE(store.size(), 2);
    QCOMPARE(appended.count(), 2);
    verifyRows(store);
}

void TestLogStore::appendFromOtherThreads()
{
    // Socket readers append from their own threads while the owner flushes: nothing is lost or
    // numbered twice, and each thread's entries keep their order. Run under ThreadSanitizer by
    // scripts/test.sh --tsan.
    constexpr int kThreads = 4;
    constexpr int kPerThread = 2000;
    LogStore store;
    store.setCap(kThreads * kPerThread);
    std::vector<std::unique_ptr<QThread>> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back(QThread::create([&store, t] {
            for (int i = 0; i < kPerThread; ++i) {
                LogEntry e = frameEntry(i);
                e.connection = QStringLiteral("reader-%1").arg(t);
                e.raw = QByteArray::number(i);
                store.append(std::move(e));
            }
        }));
        threads.back()->start();
    }
    // The owner keeps flushing (and reading) while the readers append.
    QTRY_COMPARE_WITH_TIMEOUT(store.size() + store.pendingCount(), qsizetype(kThreads * kPerThread), 60000);
    for (const auto &thread : threads)
        QVERIFY(thread->wait(60000));
    QTRY_COMPARE(store.size(), qsizetype(kThreads * kPerThread));
    QCOMPARE(store.nextSeq(), quint64(kThreads * kPerThread));
    QList<int> next(kThreads, 0);
    for (qsizetype row = 0; row < store.size(); ++row) {
        QCOMPARE(store.seqAt(row), quint64(row));
        const int t = store.connectionAt(row).mid(7).toInt();
        QCOMPARE(store.rawAt(row).toByteArray(), QByteArray::number(next[t]++));
    }
    QCOMPARE(next, QList<int>(kThreads, kPerThread));
}

// The byte budget: held entries cost their bytes plus a 32-byte record; the oldest go first,
// from what is held and from a batch larger than the budget alike, and the count says why.
void TestLogStore::byteBudgetEvictsOldestFirst()
{
    LogStore store;
    const qint64 budget = LogStore::kMinByteBudget;  // 1 MiB
    store.setByteBudget(budget);
    auto big = [](int i) {
        LogEntry e = frameEntry(i);
        e.raw += QByteArray(100 * 1024, ' ');  // ~100 KiB each: ten fit
        return e;
    };
    for (int i = 0; i < 6; ++i)
        store.append(big(i));
    store.flush();
    QCOMPARE(store.size(), 6);
    QCOMPARE(store.evictedForBytes(), quint64(0));
    const qint64 six = store.heldBytes();
    QVERIFY(six >= 6 * 100 * 1024 && six < 6 * 101 * 1024);

    QSignalSpy aboutToEvict(&store, &LogStore::aboutToEvict);
    for (int i = 6; i < 30; ++i)  // 24 more in one batch: more than the budget by itself
        store.append(big(i));
    store.flush();
    QVERIFY(store.heldBytes() <= budget);
    QCOMPARE(store.size(), 10);
    QCOMPARE(store.at(9).seq, quint64(29));  // the newest are kept
    QCOMPARE(store.firstSeq(), quint64(20));
    QCOMPARE(store.evictedCount(), quint64(20));
    QCOMPARE(store.evictedForBytes(), quint64(20));  // all of them for bytes, none for the cap
    QCOMPARE(aboutToEvict.count(), 1);
    QCOMPARE(aboutToEvict.at(0).at(0).value<qsizetype>(), 6);  // the rows a model had
    for (qsizetype row = 0; row < store.size(); ++row)
        QCOMPARE(store.at(row).raw, big(int(store.at(row).seq)).raw);

    // Lowering the budget evicts at once; clearing starts the accounting over.
    store.setByteBudget(budget / 2);  // below the floor: the floor holds
    QCOMPARE(store.byteBudget(), budget);
    store.clear();
    QCOMPARE(store.heldBytes(), 0);
    QCOMPARE(store.pendingBytes(), 0);
    store.append(big(30));
    QVERIFY(store.pendingBytes() > 100 * 1024);
    store.flush();
    QCOMPARE(store.pendingBytes(), 0);
    QCOMPARE(store.size(), 1);
}

QTEST_GUILESS_MAIN(TestLogStore)
#include "tst_logstore.moc"
