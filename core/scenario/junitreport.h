#pragma once
// A scenario run as JUnit XML, the format CI systems read (Jenkins, GitLab, GitHub actions'
// reporters): <testsuites><testsuite><testcase> per step, <failure> for a failed step,
// <skipped> for the steps after it, times in seconds. tests/data/junit.xsd is the schema it meets.

#include "scenariorunner.h"

#include <QByteArray>

namespace cs {

QByteArray junitXml(const Scenario &scenario, const QList<StepResult> &results, qint64 totalMs);

}  // namespace cs
