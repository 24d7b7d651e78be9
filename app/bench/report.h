#pragma once
// The one table a benchmark run prints: Markdown, so that it pastes into the README, with the
// date, the machine and every figure of that same run next to its target.

#include <QJsonObject>
#include <QList>
#include <QString>

namespace cs::bench {

struct RunResults {
    QJsonObject machine;  // date, cores, cpu, os, qt, build
    qint64 events = 0;    // N of the ingest runs
    int ingestRuns = 0;
    QList<QJsonObject> core, pusherjs, raw;  // one result per run
    // Whole processes as users run them (wholeprocess.h): pusher-js only counting, the CLI faces.
    QList<QJsonObject> pusherjsCount, cliExpect, cliListen;
    QJsonObject source;      // a source summary (frame sizes)
    QList<QJsonObject> gui;  // one per offered rate, ascending
    double guiSeconds = 0;
    QJsonObject store;
    QJsonObject startup;
};

QString markdownReport(const RunResults &results);

}  // namespace cs::bench
