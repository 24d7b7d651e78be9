#include "replaycommand.h"

#include "cli.h"

#include "logfilter.h"
#include "logstore.h"
#include "replay.h"
#include "sessionfile.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>

namespace cs::cli {

int runReplay(const QStringList &args)
{
    QCommandLineParser parser;
    addCredentialOptions(parser);
    parser.addOptions({
        {QStringLiteral("timing"),
         QStringLiteral("original: keep the events' spacing in time; fast: one after the other (default)."),
         QStringLiteral("original|fast")},
        {QStringLiteral("filter"),
         QStringLiteral("Only entries this log filter matches, e.g. 'channel:orders conn:cli'."),
         QStringLiteral("text")},
        {QStringLiteral("dry-run"), QStringLiteral("Print what would be sent; send nothing.")},
    });
    parser.addPositionalArgument(QStringLiteral("file"),
                                 QStringLiteral("A session file, or NDJSON written by listen or an export."),
                                 QStringLiteral("FILE"));
    if (const Parsed p =
            parse(parser, args, QStringLiteral("Trigger a session file's channel events again, in order."));
        p.exitNow)
        return *p.exitNow;
    if (parser.positionalArguments().size() != 1)
        return usageError(QStringLiteral("replay takes exactly one FILE"));
    const auto timing = replay::timingFromName(parser.value(QStringLiteral("timing")).isEmpty()
                                                   ? QStringLiteral("fast")
                                                   : parser.value(QStringLiteral("timing")));
    if (!timing)
        return usageError(QStringLiteral("--timing must be original or fast"));
    const auto filter = LogFilter::parse(parser.value(QStringLiteral("filter")));
    if (!filter)
        return usageError(QStringLiteral("--filter: ") + filter.error().message);
    const bool dryRun = parser.isSet(QStringLiteral("dry-run"));
    const auto credentials = credentialsFrom(parser, dryRun ? QStringLiteral("ws") : QStringLiteral("rest"));
    if (!dryRun && !credentials)
        return usageError(credentials.error().message);

    const auto opened = sessionfile::open(parser.positionalArguments().first());
    if (!opened)
        return usageError(opened.error().message);
    if (opened->skippedLines > 0)
        failure(ExitOk, QStringLiteral("skipped %1 unreadable line(s); the first, %2")
                            .arg(opened->skippedLines)
                            .arg(opened->firstProblem));
    QList<LogEntry> chosen;
    for (const LogEntry &entry : opened->entries)
        if (filter->matches(entry))
            chosen.append(entry);
    // Client events need a client of their own; the HTTP API sends channel events only.
    const replay::Plan plan = replay::plan(chosen, {.clientEvents = false});
    if (plan.items.isEmpty())
        return failure(ExitNotMet,
                       QStringLiteral("nothing to replay: no channel events in %1%2")
                           .arg(opened->path, filter->isEmpty() ? QString() : QStringLiteral(" match the filter")));

    auto describe = [](const replay::Item &item) {
        return QJsonObject{{QStringLiteral("seq"), qint64(item.seq)},
                           {QStringLiteral("channels"), QJsonArray::fromStringList(item.channels)},
                           {QStringLiteral("event"), item.event},
                           {QStringLiteral("data"), item.data}};
    };
    if (dryRun) {
        for (const replay::Item &item : plan.items)
            printJsonLine(describe(item));
        return ExitOk;
    }

    LogStore log;
    RestClient rest(*credentials, &log, QStringLiteral("replay"));
    replay::Replayer replayer(&rest);
    int exitCode = ExitOk;
    QObject::connect(&replayer, &replay::Replayer::itemSent, &replayer, [&](int index, const Status &result) {
        QJsonObject line = describe(plan.items.at(index));
        line.insert(QStringLiteral("ok"), result.ok());
        if (!result) {
            line.insert(QStringLiteral("error"), result.error().message);
            exitCode = ExitNotMet;
        }
        printJsonLine(line);
    });
    QObject::connect(&replayer, &replay::Replayer::finished, &replayer, [&](int sent, int failed) {
        if (failed > 0)
            failure(ExitNotMet,
                    QStringLiteral("replayed %1 of %2 events; %3 failed").arg(sent).arg(sent + failed).arg(failed));
        QCoreApplication::exit(exitCode);
    });
    replayer.start(plan.items, *timing);
    QCoreApplication::exec();
    return exitCode;
}

}  // namespace cs::cli
