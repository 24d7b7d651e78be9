#pragma once
// One step of a scenario file (docs/scenarios.md, "Steps"), checked member by member.

#include "scenario.h"

namespace cs {

// `where` is the step's path ("steps[3]"); `baseDir` resolves a schema given as a file name.
Result<ScenarioStep> parseStep(const Scenario &scenario, const QJsonValue &value, const QString &where,
                               int defaultTimeoutMs, const QString &baseDir);

}  // namespace cs
