#pragma once
// Runs a scenario against one server: one Session per named client, all writing to one LogStore
// under the client's name (LogEntry::connection, the filter's conn:NAME), and a REST client named
// "rest" for triggers. Steps run one after the other; every step ends (passed or failed) within
// its time, so a run always ends. After the first failed step the rest are skipped, since they
// build on it. Events are kept per client from the moment it connects: expect_event takes the
// first matching event that no earlier expect_event took, whether it came before the step or during it.

#include "contractset.h"
#include "credentials.h"
#include "scenario.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <functional>
#include <map>
#include <memory>

namespace cs {

class LogStore;
class Session;

struct StepResult {
    enum class Outcome { Passed, Failed, Skipped };
    int index = 0;  // into Scenario::steps
    QString title;
    Outcome outcome = Outcome::Skipped;
    QString message;  // what happened: why it failed, or what passed ("arrived after 0.03 s")
    qint64 durationMs = 0;
    // The log entries written while the step ran: seq in [firstSeq, endSeq). Empty when equal.
    quint64 firstSeq = 0;
    quint64 endSeq = 0;
};
QString outcomeName(StepResult::Outcome outcome);  // "pass", "fail", "skip"

class ScenarioRunner : public QObject {
    Q_OBJECT
public:
    // `contracts` (may be null): every event an expect_event step takes must also meet the
    // contracts of this set that apply to it (the CLI's --contracts, the profile's contracts).
    ScenarioRunner(Scenario scenario, Credentials credentials, LogStore *log,
                   std::shared_ptr<const ContractSet> contracts = {}, QObject *parent = nullptr);
    ~ScenarioRunner() override;

    const Scenario &scenario() const { return m_scenario; }
    // Starts the first step on the next event-loop turn (signals never come from inside start()).
    void start();
    // Ends the run now: the current step fails with "stopped", the rest are skipped.
    void stop();
    bool isRunning() const { return m_running; }
    const QList<StepResult> &results() const { return m_results; }
    bool passed() const;
    qint64 elapsedMs() const { return m_clock.isValid() ? m_clock.elapsed() : 0; }
    Session *session(const QString &client) const;  // null before start()

Q_SIGNALS:
    void stepStarted(int index);
    // Once per step, in order: its outcome. Skipped steps come after the failed one, at once.
    void stepFinished(const cs::StepResult &result);
    // After the last stepFinished; every connection is closed by then.
    void finished(bool passed);

private:
    struct Received {
        QString channel;
        QString event;
        QJsonValue data;
        bool taken = false;
    };
    struct Client {
        std::unique_ptr<Session> session;
        QList<Received> inbox;
    };

    void createClients();
    void nextStep();
    void beginStep(const ScenarioStep &step);
    void poll();  // re-checks the current step after anything happened
    void pass(const QString &message = {});
    void fail(const QString &message);
    void endStep(StepResult::Outcome outcome, const QString &message);
    void finishRun();
    Client *client(const QString &name);

    // The current step's checks: `check` says done (pass or fail) or not yet; `onTimeout` ends it.
    std::optional<std::pair<bool, QString>> checkConnect(const ScenarioStep &step) const;
    std::optional<std::pair<bool, QString>> checkSubscribe(const ScenarioStep &step) const;
    std::optional<std::pair<bool, QString>> checkExpectEvent(const ScenarioStep &step, QString *mismatch);
    std::optional<std::pair<bool, QString>> checkNoEvent(const ScenarioStep &step);
    std::optional<std::pair<bool, QString>> checkRoster(const ScenarioStep &step, QString *now) const;
    QString eventMismatch(const ScenarioStep &step, const Received &event) const;
    void startTrigger(const ScenarioStep &step);

    Scenario m_scenario;
    Credentials m_credentials;
    LogStore *m_log;
    std::shared_ptr<const ContractSet> m_contracts;
    std::map<QString, Client> m_clients;
    RestClient *m_rest = nullptr;
    QList<StepResult> m_results;
    int m_current = -1;
    bool m_running = false;
    bool m_stepOpen = false;
    quint64 m_stepFirstSeq = 0;
    QElapsedTimer m_clock;
    QElapsedTimer m_stepClock;
    QTimer m_deadline;
    std::function<std::optional<std::pair<bool, QString>>()> m_check;
    std::function<void()> m_onTimeout;
};

}  // namespace cs

Q_DECLARE_METATYPE(cs::StepResult)
