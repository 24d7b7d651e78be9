#include "scenariopanel.h"

#include "logstore.h"
#include "scenariorunner.h"

#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace cs::ui {

namespace {

QString statusText(StepResult::Outcome outcome)
{
    switch (outcome) {
    case StepResult::Outcome::Passed: return ScenarioPanel::tr("✓ pass");
    case StepResult::Outcome::Failed: return ScenarioPanel::tr("✗ fail");
    case StepResult::Outcome::Skipped: break;
    }
    return ScenarioPanel::tr("– skipped");
}

}  // namespace

ScenarioPanel::ScenarioPanel(LogStore *log, QWidget *parent) : QWidget(parent), m_log(log)
{
    m_fileLabel = new QLabel(tr("No scenario open."), this);
    m_fileLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_openButton = new QPushButton(tr("Open…"), this);
    m_runButton = new QPushButton(tr("Run"), this);
    m_stopButton = new QPushButton(tr("Stop"), this);
    m_showButton = new QPushButton(tr("Show in log"), this);
    m_showButton->setToolTip(tr("Select the log entries written while the selected step ran"));
    m_openButton->setObjectName(QStringLiteral("scenarioOpen"));
    m_runButton->setObjectName(QStringLiteral("scenarioRun"));
    m_stopButton->setObjectName(QStringLiteral("scenarioStop"));
    m_showButton->setObjectName(QStringLiteral("scenarioShowInLog"));

    m_table = new QTableWidget(0, ColumnCount, this);
    m_table->setObjectName(QStringLiteral("scenarioSteps"));
    m_table->setHorizontalHeaderLabels({tr("Result"), tr("Step"), tr("Time"), tr("Message")});
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setSectionResizeMode(StatusColumn, QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(TimeColumn, QHeaderView::ResizeToContents);
    m_table->setColumnWidth(StepColumn, 200);  // the message column gets the rest: it says why
    m_table->setWordWrap(false);

    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("scenarioMessage"));
    m_message->setWordWrap(true);
    m_message->setTextFormat(Qt::PlainText);  // file names and server text are not markup

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_openButton);
    buttons->addWidget(m_runButton);
    buttons->addWidget(m_stopButton);
    buttons->addWidget(m_showButton);
    buttons->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_fileLabel);
    layout->addLayout(buttons);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_message);

    connect(m_openButton, &QPushButton::clicked, this, &ScenarioPanel::openWithDialog);
    connect(m_runButton, &QPushButton::clicked, this, &ScenarioPanel::run);
    connect(m_stopButton, &QPushButton::clicked, this, &ScenarioPanel::stop);
    connect(m_showButton, &QPushButton::clicked, this, [this] { showInLog(m_table->currentRow()); });
    connect(m_table, &QTableWidget::cellDoubleClicked, this, [this](int row) { showInLog(row); });
    connect(m_table, &QTableWidget::currentCellChanged, this, &ScenarioPanel::updateButtons);
    updateButtons();
}

ScenarioPanel::~ScenarioPanel() = default;

bool ScenarioPanel::isRunning() const { return m_runner && m_runner->isRunning(); }

QString ScenarioPanel::messageText() const { return m_message->text(); }

void ScenarioPanel::setMessage(const QString &text, bool error)
{
    m_message->setText(text);
    m_message->setStyleSheet(error ? QStringLiteral("color: #c62828;") : QString());
    if (!text.isEmpty())
        Q_EMIT statusMessage(text);
}

void ScenarioPanel::openWithDialog()
{
    const QString path =
        QFileDialog::getOpenFileName(this, tr("Open scenario"), QString(), tr("Scenarios (*.json);;All files (*)"));
    if (!path.isEmpty())
        openFile(path);
}

bool ScenarioPanel::openFile(const QString &path)
{
    if (isRunning())
        stop();
    auto loaded = loadScenario(path);
    if (!loaded) {
        setMessage(loaded.error().message, true);
        return false;
    }
    m_scenario = *loaded;
    m_fileLabel->setText(
        tr("%1 — %2 (%3 steps)").arg(m_scenario->name, QFileInfo(path).fileName()).arg(m_scenario->steps.size()));
    m_fileLabel->setToolTip(path);
    fillSteps();
    setMessage(tr("Ready: run it against the current profile."), false);
    updateButtons();
    return true;
}

void ScenarioPanel::fillSteps()
{
    m_table->setRowCount(0);
    m_ranges.clear();
    if (!m_scenario)
        return;
    m_table->setRowCount(int(m_scenario->steps.size()));
    for (int row = 0; row < m_scenario->steps.size(); ++row) {
        m_table->setItem(row, StatusColumn, new QTableWidgetItem(tr("waiting")));
        m_table->setItem(row, StepColumn, new QTableWidgetItem(m_scenario->steps.at(row).title()));
        m_table->setItem(row, TimeColumn, new QTableWidgetItem());
        m_table->setItem(row, MessageColumn, new QTableWidgetItem());
        m_ranges.append({0, 0});
    }
}

bool ScenarioPanel::run()
{
    if (!m_scenario) {
        setMessage(tr("Open a scenario file first."), true);
        return false;
    }
    if (isRunning())
        return false;
    const Result<Credentials> credentials =
        m_credentials ? m_credentials()
                      : Result<Credentials>(Error{ErrorCode::NoSession, tr("No profile to run against.")});
    if (!credentials) {
        setMessage(credentials.error().message, true);
        return false;
    }
    if (m_scenario->needsSecret && credentials->secret.isEmpty()) {
        setMessage(tr("This scenario triggers events through the HTTP API: the profile needs the app secret."), true);
        return false;
    }
    fillSteps();
    m_runner = std::make_unique<ScenarioRunner>(*m_scenario, *credentials, m_log.data(),
                                                m_contracts ? m_contracts() : nullptr);
    connect(m_runner.get(), &ScenarioRunner::stepStarted, this, &ScenarioPanel::onStepStarted);
    connect(m_runner.get(), &ScenarioRunner::stepFinished, this, &ScenarioPanel::onStepFinished);
    connect(m_runner.get(), &ScenarioRunner::finished, this, [this](bool passed) {
        const QList<StepResult> &results = m_runner->results();
        const auto failed = std::count_if(results.begin(), results.end(),
                                          [](const StepResult &r) { return r.outcome == StepResult::Outcome::Failed; });
        setMessage(passed ? tr("All %1 steps passed in %2 s.")
                                .arg(results.size())
                                .arg(QString::number(m_runner->elapsedMs() / 1000.0, 'f', 2))
                          : tr("%1 step failed: double-click it to see its log entries.").arg(failed),
                   !passed);
        updateButtons();
        Q_EMIT runFinished(passed);
    });
    setMessage(tr("Running %1…").arg(m_scenario->name), false);
    m_runner->start();
    updateButtons();
    return true;
}

void ScenarioPanel::stop()
{
    if (m_runner)
        m_runner->stop();
}

void ScenarioPanel::onStepStarted(int index)
{
    if (QTableWidgetItem *item = m_table->item(index, StatusColumn))
        item->setText(tr("running…"));
    m_table->scrollToItem(m_table->item(index, StepColumn));
}

void ScenarioPanel::onStepFinished(const StepResult &result)
{
    const int row = result.index;
    if (row < 0 || row >= m_table->rowCount())
        return;
    m_ranges[row] = {result.firstSeq, result.endSeq};
    m_table->item(row, StatusColumn)->setText(statusText(result.outcome));
    const QColor tone = result.outcome == StepResult::Outcome::Passed   ? QColor(0x2e, 0x7d, 0x32)
                        : result.outcome == StepResult::Outcome::Failed ? QColor(0xc6, 0x28, 0x28)
                                                                        : palette().color(QPalette::PlaceholderText);
    m_table->item(row, StatusColumn)->setForeground(tone);
    if (result.outcome != StepResult::Outcome::Skipped)
        m_table->item(row, TimeColumn)->setText(tr("%1 s").arg(QString::number(result.durationMs / 1000.0, 'f', 2)));
    m_table->item(row, MessageColumn)->setText(result.message);
    m_table->item(row, MessageColumn)->setToolTip(result.message);
    if (result.outcome == StepResult::Outcome::Failed)
        m_table->setCurrentCell(row, StepColumn);
    updateButtons();
}

std::pair<quint64, quint64> ScenarioPanel::logRange(int row) const
{
    return row >= 0 && row < m_ranges.size() ? m_ranges.at(row) : std::pair<quint64, quint64>{0, 0};
}

void ScenarioPanel::showInLog(int row)
{
    const auto [first, end] = logRange(row);
    if (end > first)
        Q_EMIT showLogRange(first, end);
}

void ScenarioPanel::updateButtons()
{
    const bool running = isRunning();
    m_openButton->setEnabled(!running);
    m_runButton->setEnabled(m_scenario.has_value() && !running);
    m_stopButton->setEnabled(running);
    const auto [first, end] = logRange(m_table->currentRow());
    m_showButton->setEnabled(end > first);
}

}  // namespace cs::ui
