// ScenarioRunner against a real soketi: a passing scenario (presence roster, client event,
// trigger, schema and values), each kind of failure with the message a user reads, the steps
// after a failure skipped, every step's log range holding its clients' entries; and scenario
// files that do not parse or name what does not exist, refused with where and why.

#include "logstore.h"
#include "scenariorunner.h"
#include "soketi.h"

#include <QSignalSpy>
#include <QtTest>

using namespace cs;

namespace {

// A scenario with alice (user 1) and bob (user 2, no credentials when `bobSigns` is false) and
// `steps` (JSON text of the array's elements).
QByteArray scenarioText(const QByteArray &steps, const QByteArray &extraClient = {})
{
    return R"({"name": "t", "timeout": 3, "clients": [
        {"name": "alice", "user_id": "1"}, {"name": "bob", "user_id": "2"})"
           + (extraClient.isEmpty() ? QByteArray() : QByteArray(", ") + extraClient) + R"(],
        "steps": [)"
           + steps + "]}";
}

const QByteArray kBothOnPresence = R"(
    {"step": "connect"},
    {"step": "subscribe", "client": "alice", "channel": "presence-room"},
    {"step": "subscribe", "client": "bob", "channel": "presence-room"})";

}  // namespace

class TestScenario : public QObject {
    Q_OBJECT

    test::SoketiServer m_soketi;

    struct Run {
        QList<StepResult> results;
        bool passed = false;
        std::unique_ptr<LogStore> log;
    };

    Run run(const QByteArray &text)
    {
        Run out;
        const auto scenario = parseScenario(text);
        if (!scenario) {
            qWarning("%s", qPrintable(scenario.error().message));
            return out;
        }
        out.log = std::make_unique<LogStore>();
        ScenarioRunner runner(*scenario, m_soketi.credentials(), out.log.get());
        QSignalSpy finished(&runner, &ScenarioRunner::finished);
        QSignalSpy steps(&runner, &ScenarioRunner::stepFinished);
        runner.start();
        [&] { QVERIFY(finished.wait(30000)); }();
        out.results = runner.results();
        out.passed = finished.value(0).value(0).toBool();
        [&] { QCOMPARE(steps.size(), scenario->steps.size()); }();  // one signal per step, skipped ones too
        return out;
    }

    static QString describe(const Run &r)
    {
        QStringList lines;
        for (const StepResult &s : r.results)
            lines << QStringLiteral("%1 %2: %3").arg(outcomeName(s.outcome), s.title, s.message);
        return lines.join(QLatin1Char('\n'));
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY2(m_soketi.start(), qPrintable(m_soketi.output())); }

    void passingScenario()
    {
        const Run r = run(scenarioText(kBothOnPresence + R"(,
            {"step": "expect_roster", "client": "alice", "channel": "presence-room", "members": ["2", "1"]},
            {"step": "client_event", "client": "alice", "channel": "presence-room", "event": "client-hi",
             "data": {"n": 1, "tags": ["a", "b"]}},
            {"step": "expect_event", "client": "bob", "channel": "presence-room", "event": "client-hi",
             "contains": {"tags": ["b"]}},
            {"step": "expect_no_event", "client": "alice", "channel": "presence-room", "event": "client-hi", "within": 0.3},
            {"step": "trigger", "channel": "presence-room", "event": "news", "data": {"id": 5, "title": "x"}},
            {"step": "expect_event", "client": "alice", "channel": "presence-room", "event": "news",
             "schema": {"type": "object", "required": ["id"], "properties": {"id": {"type": "integer"}}}},
            {"step": "batch", "events": [{"channel": "presence-room", "event": "a", "data": "1"},
                                         {"channel": "presence-room", "event": "b", "data": "2"}]},
            {"step": "expect_event", "client": "bob", "channel": "presence-room", "event": "b", "contains": 2},
            {"step": "disconnect", "client": "bob"},
            {"step": "expect_roster", "client": "alice", "channel": "presence-room", "members": ["1"]},
            {"step": "wait", "seconds": 0.1})"));
        QVERIFY2(r.passed, qPrintable(describe(r)));
        QCOMPARE(r.results.size(), 14);
        // Each step's log range holds what it did: the subscribe of bob is logged as conn:bob.
        const StepResult &bobSubscribe = r.results.at(2);
        QVERIFY(bobSubscribe.endSeq > bobSubscribe.firstSeq);
        bool sawBob = false;
        for (qsizetype row = 0; row < r.log->size(); ++row) {
            const quint64 seq = r.log->seqAt(row);
            if (seq >= bobSubscribe.firstSeq && seq < bobSubscribe.endSeq)
                sawBob = sawBob || r.log->connectionAt(row) == QLatin1String("bob");
        }
        QVERIFY(sawBob);
        // The trigger was logged by the scenario's REST client.
        bool sawRest = false;
        for (qsizetype row = 0; row < r.log->size(); ++row)
            sawRest = sawRest || r.log->connectionAt(row) == QLatin1String("rest");
        QVERIFY(sawRest);
    }

    void failures_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<int>("failedStep");
        QTest::addColumn<QString>("message");

        QTest::newRow("event does not arrive")
            << scenarioText(kBothOnPresence + R"(,
                {"step": "expect_event", "client": "bob", "channel": "presence-room", "event": "never", "within": 0.4},
                {"step": "wait", "seconds": 0.1})")
            << 3 << QStringLiteral("no event 'never' on presence-room at bob within 0.40 s");
        QTest::newRow("unexpected arrival")
            << scenarioText(kBothOnPresence + R"(,
                {"step": "trigger", "channel": "presence-room", "event": "news"},
                {"step": "expect_no_event", "client": "bob", "channel": "presence-room", "event": "news", "within": 2})")
            << 4 << QStringLiteral("event 'news' arrived on presence-room at bob, expected none: {}");
        QTest::newRow("data breaks the schema")
            << scenarioText(kBothOnPresence + R"(,
                {"step": "trigger", "channel": "presence-room", "event": "news", "data": {"id": "five"}},
                {"step": "expect_event", "client": "bob", "channel": "presence-room", "event": "news", "within": 0.5,
                 "schema": {"type": "object", "properties": {"id": {"type": "integer"}}}})")
            << 4 << QStringLiteral("event 'news' arrived on presence-room at bob but did not match: $.id: ");
        QTest::newRow("data lacks the values") << scenarioText(kBothOnPresence + R"(,
                {"step": "trigger", "channel": "presence-room", "event": "news", "data": {"id": 4, "tags": ["x"]}},
                {"step": "expect_event", "client": "bob", "channel": "presence-room", "event": "news", "within": 0.5,
                 "contains": {"id": 5}})") << 4 << QStringLiteral("did not match: $.id: expected 5, got 4");
        QTest::newRow("roster differs") << scenarioText(kBothOnPresence + R"(,
                {"step": "expect_roster", "client": "alice", "channel": "presence-room", "members": ["1", "3"],
                 "within": 0.5})") << 3
                                        << QStringLiteral(
                                               "roster of presence-room at alice is [1, 2], expected [1, 3]");
        QTest::newRow("subscription fails unexpectedly") << scenarioText(R"({"step": "connect"},
                {"step": "subscribe", "client": "carol", "channel": "private-x"})",
                                                                         R"({"name": "carol", "auth": "none"})")
                                                         << 1 << QStringLiteral("subscription failed: ");
        QTest::newRow("subscription fails for another reason")
            << scenarioText(R"({"step": "connect"},
                {"step": "subscribe", "client": "carol", "channel": "private-x", "fails_with": "over quota"})",
                            R"({"name": "carol", "auth": "none"})")
            << 1 << QStringLiteral("expected a reason containing 'over quota'");
        QTest::newRow("subscription succeeds against expectation")
            << scenarioText(R"({"step": "connect"},
                {"step": "subscribe", "client": "alice", "channel": "private-x", "fails_with": "refused"})")
            << 1 << QStringLiteral("subscribed, but expected it to fail with 'refused'");
        QTest::newRow("connection refused")
            << QByteArray(R"({"clients": [{"name": "a"}], "steps": [{"step": "connect", "within": 2}]})") << 0
            << QStringLiteral("a ");
    }

    void failures()
    {
        QFETCH(QByteArray, text);
        QFETCH(int, failedStep);
        QFETCH(QString, message);
        if (QByteArray(QTest::currentDataTag()) == "connection refused") {
            // A port nothing listens on: the connect step fails (at once or at its deadline), never hangs.
            Credentials dead = m_soketi.credentials();
            dead.port = 1;
            LogStore log;
            ScenarioRunner runner(*parseScenario(text), dead, &log);
            QSignalSpy finished(&runner, &ScenarioRunner::finished);
            runner.start();
            QVERIFY(finished.wait(10000));
            QCOMPARE(runner.results().at(0).outcome, StepResult::Outcome::Failed);
            QVERIFY2(runner.results().at(0).message.contains(message), qPrintable(runner.results().at(0).message));
            return;
        }
        const Run r = run(text);
        QVERIFY2(!r.passed, qPrintable(describe(r)));
        QVERIFY2(r.results.size() > failedStep, qPrintable(describe(r)));
        const StepResult &failed = r.results.at(failedStep);
        QVERIFY2(failed.outcome == StepResult::Outcome::Failed, qPrintable(describe(r)));
        QVERIFY2(failed.message.contains(message), qPrintable(describe(r)));
        for (int i = 0; i < failedStep; ++i)
            QVERIFY2(r.results.at(i).outcome == StepResult::Outcome::Passed, qPrintable(describe(r)));
        for (int i = failedStep + 1; i < r.results.size(); ++i)
            QVERIFY2(r.results.at(i).outcome == StepResult::Outcome::Skipped, qPrintable(describe(r)));
    }

    void expectedFailurePasses()
    {
        const Run r = run(scenarioText(R"({"step": "connect"},
            {"step": "subscribe", "client": "carol", "channel": "private-x", "fails_with": "authoriz"})",
                                       R"({"name": "carol", "auth": "none"})"));
        QVERIFY2(r.passed, qPrintable(describe(r)));
        QVERIFY(r.results.at(1).message.startsWith(QLatin1String("failed as expected: ")));
    }

    void invalidFiles_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("message");
        QTest::newRow("bad json") << QByteArray("{\n  \"clients\": [\n  oops\n]}")
                                  << QStringLiteral("Line 3, column 3");
        QTest::newRow("no clients") << QByteArray(R"({"steps": [{"step": "wait", "seconds": 1}]})")
                                    << QStringLiteral("clients: must be a non-empty array");
        QTest::newRow("unknown top member")
            << scenarioText(R"({"step": "connect"})").replace("\"timeout\"", "\"timeot\"")
            << QStringLiteral("scenario: unknown member 'timeot'");
        QTest::newRow("unknown step") << scenarioText(R"({"step": "connect"}, {"step": "conect"})")
                                      << QStringLiteral("steps[1].step: 'conect' is not a step (one of: connect,");
        QTest::newRow("typo in a member") << scenarioText(R"({"step": "subscribe", "client": "alice", "chanel": "x"})")
                                          << QStringLiteral("steps[0]: unknown member 'chanel'");
        QTest::newRow("unknown client") << scenarioText(R"({"step": "subscribe", "client": "zoe", "channel": "x"})")
                                        << QStringLiteral("steps[0].client: no client is named 'zoe'");
        QTest::newRow("missing channel") << scenarioText(R"({"step": "subscribe", "client": "alice"})")
                                         << QStringLiteral("steps[0].channel: missing");
        QTest::newRow("bad channel") << scenarioText(R"({"step": "subscribe", "client": "alice", "channel": "a b"})")
                                     << QStringLiteral("steps[0].channel: ");
        QTest::newRow("client event name")
            << scenarioText(R"({"step": "client_event", "client": "alice", "channel": "private-a", "event": "hi"})")
            << QStringLiteral("steps[0].event: ");
        QTest::newRow("bad schema") << scenarioText(
            R"({"step": "expect_event", "client": "alice", "channel": "a", "event": "e",
                                "schema": {"type": "strng"}})")
                                    << QStringLiteral("steps[0].schema: ");
        QTest::newRow("missing schema file")
            << scenarioText(R"({"step": "expect_event", "client": "alice", "channel": "a", "event": "e",
                                "schema": "nope.schema.json"})")
            << QStringLiteral("steps[0].schema: cannot read ");
        QTest::newRow("endless wait") << scenarioText(R"({"step": "wait", "seconds": 100000})")
                                      << QStringLiteral("steps[0].seconds: must be a number of seconds above 0");
        QTest::newRow("negative within") << scenarioText(R"({"step": "connect", "within": -1})")
                                         << QStringLiteral("steps[0].within: ");
        QTest::newRow("duplicate client")
            << scenarioText(R"({"step": "connect"})", R"({"name": "alice"})")
            << QStringLiteral("clients[2].name: 'alice' is already the name of another client");
        QTest::newRow("batch too large") << scenarioText(R"({"step": "batch", "events": []})")
                                         << QStringLiteral("steps[0].events: must be an array of 1 to 10");
    }

    void invalidFiles()
    {
        QFETCH(QByteArray, text);
        QFETCH(QString, message);
        const auto scenario = parseScenario(text, QDir::tempPath());
        QVERIFY(!scenario);
        QCOMPARE(scenario.error().id(), QStringLiteral("usage"));
        QVERIFY2(scenario.error().message.contains(message), qPrintable(scenario.error().message));
    }
};

QTEST_GUILESS_MAIN(TestScenario)
#include "tst_scenario.moc"
