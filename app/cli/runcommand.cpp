#include "runcommand.h"

#include "cli.h"
#include "contractsoption.h"

#include "junitreport.h"
#include "logstore.h"
#include "scenariorunner.h"

#include <QCoreApplication>
#include <QSaveFile>

namespace cs::cli {

namespace {

const char kSummary[] = "Run a scenario file: clients connect, subscribe, trigger and send client events, and the\n"
                        "expectations (an event arrives or not, its data matches a schema or contains values, a\n"
                        "presence roster, a subscription failing with a reason) are checked in order. One line per\n"
                        "step; the reference of every step is docs/scenarios.md.\n"
                        "Exit codes: 0 every step passed, 1 a step failed, 2 usage error or invalid scenario file.";

QByteArray stepLine(const StepResult &r, int total)
{
    QString line = QStringLiteral("%1 %2/%3 %4")
                       .arg(outcomeName(r.outcome).toUpper().leftJustified(4))
                       .arg(r.index + 1)
                       .arg(total)
                       .arg(r.title);
    if (r.outcome != StepResult::Outcome::Skipped)
        line += QStringLiteral(" (%1 s)").arg(QString::number(r.durationMs / 1000.0, 'f', 2));
    if (!r.message.isEmpty() && r.outcome != StepResult::Outcome::Skipped)
        line += QStringLiteral(": ") + r.message;
    if (r.outcome == StepResult::Outcome::Failed && r.endSeq > r.firstSeq)
        line += QStringLiteral(" [log #%1-#%2]").arg(r.firstSeq).arg(r.endSeq - 1);
    return line.toUtf8();
}

Status writeJunit(const QString &path, const QByteArray &xml)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(xml) != xml.size() || !file.commit())
        return Error{ErrorCode::Usage, QStringLiteral("cannot write %1: %2").arg(path, file.errorString())};
    return {};
}

}  // namespace

int runScenario(const QStringList &args)
{
    QCommandLineParser parser;
    addCredentialOptions(parser);
    addContractsOption(parser);
    parser.addOption({QStringLiteral("junit"), QStringLiteral("Also write the results as JUnit XML to FILE."),
                      QStringLiteral("file")});
    parser.addPositionalArgument(QStringLiteral("scenario"), QStringLiteral("The scenario file (JSON)."),
                                 QStringLiteral("SCENARIO"));
    if (const Parsed p = parse(parser, args, QString::fromLatin1(kSummary)); p.exitNow)
        return *p.exitNow;
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1)
        return usageError(QStringLiteral("run takes exactly one SCENARIO file"));
    const auto scenario = loadScenario(positional.first());
    if (!scenario)
        return usageError(scenario.error().message);
    const auto credentials =
        credentialsFrom(parser, scenario->needsSecret ? QStringLiteral("rest") : QStringLiteral("ws"));
    if (!credentials)
        return usageError(credentials.error().message);
    const auto contracts = contractsFrom(parser);
    if (!contracts)
        return usageError(contracts.error().message);
    const QString junitPath = parser.value(QStringLiteral("junit"));

    LogStore log;
    ScenarioRunner runner(*scenario, *credentials, &log, *contracts);
    const int total = int(scenario->steps.size());
    QObject::connect(&runner, &ScenarioRunner::stepFinished, &runner,
                     [total](const StepResult &r) { printLine(stepLine(r, total)); });
    QObject::connect(&runner, &ScenarioRunner::finished, &runner,
                     [](bool passed) { QCoreApplication::exit(passed ? ExitOk : ExitNotMet); });
    runner.start();
    const int code = QCoreApplication::exec();

    const QList<StepResult> &results = runner.results();
    const auto count = [&](StepResult::Outcome o) {
        return std::count_if(results.begin(), results.end(), [o](const StepResult &r) { return r.outcome == o; });
    };
    printLine(QStringLiteral("%1: %2 passed, %3 failed, %4 skipped in %5 s")
                  .arg(scenario->name)
                  .arg(count(StepResult::Outcome::Passed))
                  .arg(count(StepResult::Outcome::Failed))
                  .arg(count(StepResult::Outcome::Skipped))
                  .arg(QString::number(runner.elapsedMs() / 1000.0, 'f', 2))
                  .toUtf8());
    if (!junitPath.isEmpty()) {
        if (Status s = writeJunit(junitPath, junitXml(*scenario, results, runner.elapsedMs())); !s)
            return failure(ExitUsage, s.error().message);
    }
    return code;
}

}  // namespace cs::cli
