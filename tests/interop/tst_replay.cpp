// Replay against a real soketi, received by the official pusher-js in order:
//  - the core Replayer, with the original spacing in time and fast;
//  - channelscope-cli listen --save writes a session file as it goes (no secret in it), and
//    channelscope-cli replay FILE triggers its channel events again, in order.

#include "cliprocess.h"
#include "logfixtures.h"
#include "logstore.h"
#include "nodepeer.h"
#include "replay.h"
#include "restclient.h"
#include "sessionfile.h"
#include "soketi.h"

#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using namespace cs;
using namespace cs::test;

namespace {

constexpr int kWait = 20000;
constexpr qint64 kSpacingMs = 400;

// Channel events received on `channel` in the log, n = 1..count, kSpacingMs apart; between them
// entries that are not events to send again (state, a subscription frame, an encrypted event).
QList<LogEntry> recordedEvents(const QString &channel, int count)
{
    QList<LogEntry> entries;
    entries << stateEntry(QStringLiteral("connecting → connected"));
    entries << frameEntry(Direction::In, EntryKind::Subscription, channel,
                          QStringLiteral("pusher_internal:subscription_succeeded"),
                          QStringLiteral("{\"event\":\"pusher_internal:subscription_succeeded\",\"channel\":\"%1\"}")
                              .arg(channel)
                              .toUtf8());
    for (int n = 1; n <= count; ++n) {
        const QString data = QStringLiteral("{\\\"n\\\":%1,\\\"text\\\":\\\"Zoë #%1\\\"}").arg(n);
        LogEntry e = frameEntry(Direction::In, EntryKind::Event, channel, QStringLiteral("order-%1").arg(n),
                                QStringLiteral("{\"event\":\"order-%1\",\"channel\":\"%2\",\"data\":\"%3\"}")
                                    .arg(n)
                                    .arg(channel, data)
                                    .toUtf8());
        e.timeMs = kFixtureTimeMs + (n - 1) * kSpacingMs;
        entries << e;
        if (n == 1)
            entries << frameEntry(Direction::In, EntryKind::Event, QStringLiteral("private-encrypted-x"),
                                  QStringLiteral("sealed"),
                                  QByteArrayLiteral(
                                      "{\"event\":\"sealed\",\"channel\":\"private-encrypted-x\","
                                      "\"data\":\"{\\\"nonce\\\":\\\"AA\\\",\\\"ciphertext\\\":\\\"BB\\\"}\"}"));
    }
    return entries;
}

QString saveSession(const QTemporaryDir &dir, const QList<LogEntry> &entries)
{
    LogStore store;
    for (const LogEntry &entry : entries)
        store.append(entry);
    store.flush();
    const QString path = dir.filePath(QStringLiteral("recorded.cssession"));
    return sessionfile::save(store, path, {}) ? path : QString();
}

}  // namespace

class TestReplay : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { QVERIFY2(m_soketi.start(), qPrintable(m_soketi.output())); }

    void replayerKeepsOrder_data()
    {
        QTest::addColumn<int>("timing");
        QTest::newRow("original spacing") << int(replay::Timing::Original);
        QTest::newRow("fast") << int(replay::Timing::Fast);
    }
    void replayerKeepsOrder()
    {
        QFETCH(int, timing);
        const QString channel = QStringLiteral("replay-core-%1").arg(timing);
        NodePeer js;
        QVERIFY(subscribe(js, channel));
        // Through a session file, as the app and the CLI do.
        QTemporaryDir dir;
        const QString path = saveSession(dir, recordedEvents(channel, 3));
        QVERIFY(!path.isEmpty());
        const auto opened = sessionfile::open(path);
        QVERIFY(opened);
        const replay::Plan plan = replay::plan(opened->entries);
        QCOMPARE(plan.items.size(), 3);
        QCOMPARE(plan.skipped, 3);  // state, subscription frame, encrypted event

        LogStore log;
        RestClient rest(m_soketi.credentials(), &log, QStringLiteral("replay"));
        replay::Replayer replayer(&rest);
        QSignalSpy finished(&replayer, &replay::Replayer::finished);
        QElapsedTimer clock;
        clock.start();
        replayer.start(plan.items, replay::Timing(timing));
        QCOMPARE(finished.count(), 0);  // nothing before start() returns
        QVERIFY(finished.wait(kWait));
        QCOMPARE(finished.first().at(0).toInt(), 3);
        QCOMPARE(finished.first().at(1).toInt(), 0);
        if (replay::Timing(timing) == replay::Timing::Original)
            QVERIFY2(clock.elapsed() >= 2 * kSpacingMs - 20, qPrintable(QString::number(clock.elapsed())));
        expectInOrder(js, channel, 3);
    }

    void cliListenSaveThenReplay()
    {
        QTemporaryDir dir;
        const QString recorded = QStringLiteral("replay-recorded");
        const QString target = QStringLiteral("replay-target");
        const QString saved = dir.filePath(QStringLiteral("listen.cssession"));
        // 1. listen --save records two events triggered through the API.
        CliProcess listen(connection()
                          + QStringList{QStringLiteral("listen"), recorded, QStringLiteral("--count"),
                                        QStringLiteral("2"), QStringLiteral("--save"), saved});
        QVERIFY2(listen.waitForLines(
                     [&](const QJsonObject &l) {
                         return l.value(u"event").toString() == QLatin1String("pusher_internal:subscription_succeeded");
                     },
                     1, kWait),
                 qPrintable(listen.describe()));
        LogStore log;
        RestClient rest(m_soketi.credentials(), &log);
        for (int n = 1; n <= 2; ++n) {
            bool done = false;
            rest.trigger({{recorded}, QStringLiteral("step-%1").arg(n), QStringLiteral("{\"n\":%1}").arg(n), {}, {}},
                         [&done](const RestResponse &) { done = true; });
            QTRY_VERIFY_WITH_TIMEOUT(done, kWait);
        }
        QVERIFY2(listen.finish(kWait), qPrintable(listen.describe()));
        QCOMPARE(listen.exitCode(), 0);
        QFile file(saved);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray bytes = file.readAll();
        QVERIFY(bytes.left(bytes.indexOf('\n')).contains("\"channelscope_session\":1"));  // the header line
        QVERIFY(!bytes.contains("app-secret"));
        const auto opened = sessionfile::open(saved);
        QVERIFY2(opened, qPrintable(opened ? QString() : opened.error().message));
        QCOMPARE(opened->header->profile->key, QStringLiteral("app-key"));
        QCOMPARE(replay::plan(opened->entries).items.size(), 2);

        // 2. replay FILE sends them again; the file is moved to another channel so that only the replay arrives there.
        QByteArray moved = bytes;
        moved.replace(recorded.toUtf8(), target.toUtf8());
        const QString retargeted = dir.filePath(QStringLiteral("target.cssession"));
        QFile out(retargeted);
        QVERIFY(out.open(QIODevice::WriteOnly) && out.write(moved) == moved.size());
        out.close();
        NodePeer js;
        QVERIFY(subscribe(js, target));
        CliProcess replayCli(
            connection()
            + QStringList{QStringLiteral("replay"), retargeted, QStringLiteral("--timing"), QStringLiteral("fast")});
        QVERIFY2(replayCli.finish(kWait), qPrintable(replayCli.describe()));
        QCOMPARE(replayCli.exitCode(), 0);
        const QList<QJsonObject> lines = replayCli.lines();
        QCOMPARE(lines.size(), 2);
        for (const QJsonObject &line : lines)
            QVERIFY2(line.value(u"ok").toBool(), qPrintable(replayCli.describe()));
        for (int n = 1; n <= 2; ++n) {
            const auto got = js.waitForType(QStringLiteral("event"), kWait);
            QVERIFY2(got, qPrintable(js.stderrText()));
            QCOMPARE(got->value(u"event").toString(), QStringLiteral("step-%1").arg(n));
            QCOMPARE(got->value(u"data").toObject().value(u"n").toInt(), n);
        }
    }

    void cliReplayErrors()
    {
        QTemporaryDir dir;
        const QString bad = dir.filePath(QStringLiteral("bad.cssession"));
        QFile file(bad);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("this is not a session\n");
        file.close();
        CliProcess broken(connection() + QStringList{QStringLiteral("replay"), bad});
        QVERIFY(broken.finish());
        QCOMPARE(broken.exitCode(), 2);
        QVERIFY2(broken.err().contains("not a session file"), qPrintable(broken.describe()));
        CliProcess timing(
            connection()
            + QStringList{QStringLiteral("replay"), bad, QStringLiteral("--timing"), QStringLiteral("slow")});
        QVERIFY(timing.finish());
        QCOMPARE(timing.exitCode(), 2);
        QVERIFY2(timing.err().contains("--timing"), qPrintable(timing.describe()));
    }

private:
    QStringList connection() const
    {
        return {QStringLiteral("--app-id"),       QStringLiteral("app-id"),    QStringLiteral("--key"),
                QStringLiteral("app-key"),        QStringLiteral("--secret"),  QStringLiteral("app-secret"),
                QStringLiteral("--host"),         QStringLiteral("127.0.0.1"), QStringLiteral("--port"),
                QString::number(m_soketi.port()), QStringLiteral("--no-tls")};
    }

    bool subscribe(NodePeer &js, const QString &channel)
    {
        if (!js.start(QStringLiteral("pusherjs-client.js"), {channel}, NodePeer::envFor(m_soketi.credentials())))
            return false;
        return js
            .waitForLine(
                [&](const QJsonObject &l) {
                    return l.value(u"type").toString() == QLatin1String("subscribed")
                           && l.value(u"channel").toString() == channel;
                },
                kWait)
            .has_value();
    }

    void expectInOrder(NodePeer &js, const QString &channel, int count)
    {
        for (int n = 1; n <= count; ++n) {
            const auto got = js.waitForType(QStringLiteral("event"), kWait);
            QVERIFY2(got, qPrintable(js.stderrText()));
            QCOMPARE(got->value(u"channel").toString(), channel);
            QCOMPARE(got->value(u"event").toString(), QStringLiteral("order-%1").arg(n));
            const QJsonObject data = got->value(u"data").toObject();
            QCOMPARE(data.value(u"n").toInt(), n);
            QCOMPARE(data.value(u"text").toString(), QStringLiteral("Zoë #%1").arg(n));
        }
    }

    SoketiServer m_soketi;
};

QTEST_GUILESS_MAIN(TestReplay)
#include "tst_replay.moc"
