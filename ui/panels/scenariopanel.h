#pragma once
// The Scenario dock: opens a scenario file (docs/scenarios.md), runs it against the current
// profile's server with the same ScenarioRunner as `channelscope-cli run`, and shows each step as
// it passes or fails. The scenario's clients write into the window's log (conn:alice…). A failed
// step's row (double-click, or Show in log) asks for its log entries: showLogRange(first, end).

#include "contractset.h"
#include "credentials.h"
#include "scenario.h"

#include <QPointer>
#include <QWidget>

#include <functional>
#include <memory>
#include <optional>

class QLabel;
class QPushButton;
class QTableWidget;

namespace cs {
class LogStore;
class ScenarioRunner;
struct StepResult;
}  // namespace cs

namespace cs::ui {

class ScenarioPanel : public QWidget {
    Q_OBJECT
public:
    enum Column { StatusColumn, StepColumn, TimeColumn, MessageColumn, ColumnCount };

    explicit ScenarioPanel(LogStore *log, QWidget *parent = nullptr);
    ~ScenarioPanel() override;

    // Where a run gets its server: the current profile's credentials (or why there are none),
    // and the contracts in force (may be null).
    using CredentialsSource = std::function<Result<Credentials>()>;
    void setCredentialsSource(CredentialsSource source) { m_credentials = std::move(source); }
    void setContractsSource(std::function<std::shared_ptr<const ContractSet>()> source)
    {
        m_contracts = std::move(source);
    }

    // Loads a scenario file; false with the reason in the panel (file, member, why).
    bool openFile(const QString &path);
    void openWithDialog();
    // Runs the loaded scenario; false (with the reason shown) without one or without a server.
    bool run();
    void stop();
    bool isRunning() const;

    QTableWidget *table() const { return m_table; }
    QString messageText() const;
    const std::optional<Scenario> &scenario() const { return m_scenario; }
    // The log range of a step row's last result (first == end: none).
    std::pair<quint64, quint64> logRange(int row) const;
    void showInLog(int row);

Q_SIGNALS:
    void statusMessage(const QString &message);
    // The user asked to see a step's log entries: seq in [first, end).
    void showLogRange(quint64 first, quint64 end);
    // A run ended; `passed` when every step passed.
    void runFinished(bool passed);

private:
    void fillSteps();
    void onStepStarted(int index);
    void onStepFinished(const StepResult &result);
    void setMessage(const QString &text, bool error);
    void updateButtons();

    QPointer<LogStore> m_log;
    CredentialsSource m_credentials;
    std::function<std::shared_ptr<const ContractSet>()> m_contracts;
    std::optional<Scenario> m_scenario;
    std::unique_ptr<ScenarioRunner> m_runner;
    QList<std::pair<quint64, quint64>> m_ranges;  // per step row

    QLabel *m_fileLabel;
    QPushButton *m_openButton;
    QPushButton *m_runButton;
    QPushButton *m_stopButton;
    QPushButton *m_showButton;
    QTableWidget *m_table;
    QLabel *m_message;
};

}  // namespace cs::ui
