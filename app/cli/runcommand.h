#pragma once

#include <QStringList>

namespace cs::cli {

// channelscope-cli run SCENARIO: runs a scenario file (docs/scenarios.md); exit 0 every step
// passed, 1 a step failed, 2 usage error or an invalid scenario file.
int runScenario(const QStringList &args);

}  // namespace cs::cli
