#pragma once
// A reader measured as the user runs it: a whole process (channelscope-cli expect, listen, a Node
// script), timed from its start to its exit, with its CPU time and its peak resident memory read
// from /proc while it runs. Start-up and connecting are included, as the user waits for them too.

#include <QJsonObject>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

namespace cs::bench {

struct WholeProcess {
    QString part;  // the result's "part", e.g. "cli-expect"
    QString program;
    QStringList args;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    qint64 events = 0;           // how many events the run delivers: rate = events / seconds
    bool discardOutput = false;  // stdout to /dev/null (listen's NDJSON), as `> /dev/null` would
};

// The process's own last JSON line (if it prints one), plus "wall_seconds", "wall_rate",
// "wall_cpu_seconds", "peak_rss_mib" and "exit_code"; "ok" is false unless it exited with 0.
QJsonObject runWholeProcess(const WholeProcess &run, int timeoutMs);

}  // namespace cs::bench
