// A flood from a real soketi, through the reader thread, into a capped log store and the log
// model: no event lost or reordered on the way, evictions oldest first, and the model (checked by
// QAbstractItemModelTester the whole time) showing exactly the store's rows.

#include "logfilter.h"
#include "logmodel.h"
#include "restclient.h"
#include "soketi.h"
#include "testclient.h"

#include <QAbstractItemModelTester>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>
#include <QThread>

#include <numeric>

using namespace cs;
using namespace cs::test;

namespace {

constexpr int kEvents = 600;  // in batches of 10, the REST API's limit
constexpr int kCap = 250;     // far below kEvents: the store evicts while events arrive
const QString kChannel = QStringLiteral("flood");
const QString kEvent = QStringLiteral("tick");

// The "n" of a tick frame's double-encoded data, -1 for anything else.
int tickNumber(QByteArrayView raw)
{
    const QJsonObject frame = QJsonDocument::fromJson(raw.toByteArray()).object();
    if (frame.value(QLatin1String("event")).toString() != kEvent)
        return -1;
    const QJsonObject data = QJsonDocument::fromJson(frame.value(QLatin1String("data")).toString().toUtf8()).object();
    return data.value(QLatin1String("n")).toInt(-1);
}

// Sends kEvents ticks, numbered 0…kEvents-1, ten per REST call, one call after the other.
bool sendTicks(RestClient &rest)
{
    for (int first = 0; first < kEvents; first += 10) {
        QList<BatchEvent> batch;
        for (int n = first; n < first + 10; ++n)
            batch.append(
                {kChannel,
                 kEvent,
                 QString::fromUtf8(QJsonDocument(QJsonObject{{QStringLiteral("n"), n}}).toJson(QJsonDocument::Compact)),
                 {},
                 {}});
        bool done = false;
        bool ok = false;
        rest.batch(batch, [&](const RestResponse &response) {
            ok = response.ok();
            done = true;
        });
        if (!QTest::qWaitFor([&] { return done; }, 10000) || !ok)
            return false;
    }
    return true;
}

}  // namespace

class TestIngest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY2(m_soketi.start(), qPrintable(m_soketi.output())); }

    void floodKeepsOrderThroughEvictionAndModel()
    {
        TestClient client(m_soketi.credentials());
        client.log.setCap(kCap);
        LogModel model(&client.log);
        model.setUpdateIntervalMs(5);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        LogModel ticksOnly(&client.log);
        ticksOnly.setFilter(LogFilter::parse(QStringLiteral("event:tick")).value());
        QAbstractItemModelTester filteredTester(&ticksOnly, QAbstractItemModelTester::FailureReportingMode::QtTest);

        // Every tick as the store publishes it, before any eviction can take it away.
        QList<int> stored;
        QList<quint64> seqs;
        connect(&client.log, &LogStore::appended, this, [&](qsizetype firstRow, qsizetype count) {
            for (qsizetype row = firstRow; row < firstRow + count; ++row) {
                seqs.append(client.log.seqAt(row));
                if (const int n = tickNumber(client.log.rawAt(row)); n >= 0)
                    stored.append(n);
            }
            // A busy GUI thread: the reader keeps reading, the next batches grow. (Simulates load;
            // it paces nothing the test waits for and proves no absence, so it stays a sleep.)
            if (stored.size() % 97 == 0)
                QThread::msleep(15);
        });
        QSignalSpy evictions(&client.log, &LogStore::evicted);

        QVERIFY(client.connect());
        QVERIFY(client.subscribe(kChannel));
        RestClient rest(m_soketi.credentials(), nullptr);
        QVERIFY(sendTicks(rest));
        QTRY_COMPARE_WITH_TIMEOUT(stored.size(), kEvents, 15000);

        QList<int> expected(kEvents);
        std::iota(expected.begin(), expected.end(), 0);
        QCOMPARE(stored, expected);  // none lost, none reordered, none doubled
        for (qsizetype i = 1; i < seqs.size(); ++i)
            QCOMPARE(seqs[i], seqs[i - 1] + 1);

        // The store held the newest kCap entries and counted every eviction.
        QVERIFY(!evictions.isEmpty());
        QCOMPARE(client.log.size(), qsizetype(kCap));
        QCOMPARE(client.log.evictedCount() + quint64(client.log.size()), client.log.nextSeq());
        QCOMPARE(tickNumber(client.log.rawAt(kCap - 1)), kEvents - 1);

        // Both models caught up with exactly the store's rows (QTRY: they update on a timer).
        QTRY_COMPARE(model.rowCount(), kCap);
        for (int row = 0; row < kCap; ++row)
            QCOMPARE(model.seqAt(row), client.log.seqAt(row));
        QTRY_VERIFY(ticksOnly.rowCount() > 0);
        int previous = -1;
        for (int row = 0; row < ticksOnly.rowCount(); ++row) {
            const int n = tickNumber(ticksOnly.data(ticksOnly.index(row, 0), RawRole).toByteArray());
            QCOMPARE(n, previous < 0 ? n : previous + 1);
            previous = n;
        }
        QCOMPARE(previous, kEvents - 1);

        // The registry saw them in the same order.
        QCOMPARE(client.events.size(), kEvents);
        for (int n = 0; n < kEvents; ++n)
            QCOMPARE(client.events[n].data.toObject().value(QLatin1String("n")).toInt(), n);
    }

private:
    SoketiServer m_soketi;
};

QTEST_MAIN(TestIngest)
#include "tst_ingest.moc"
