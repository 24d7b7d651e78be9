#pragma once
// `channelscope-bench` (or `channelscope-bench run`): the whole benchmark, one table. Every part
// runs in a fresh process of this binary (or Node for pusher-js), each reader against its own
// frame-source process, so that no measurement inherits another's heap or shares its core.

#include <QStringList>

namespace cs::bench {

int runAll(const QStringList &args);
// `channelscope-bench report FILE`: the table of a run saved with `--json FILE`, printed again.
int runReport(const QStringList &args);

}  // namespace cs::bench
