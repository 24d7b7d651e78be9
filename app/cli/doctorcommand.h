#pragma once
// The doctor command: the profile editor's Test on the command line. One line per check with
// its evidence indented under it, or one JSON object (--json). Exit 0 when no check failed
// (warnings allowed), 1 when one did, 2 on a usage error.

#include <QStringList>

namespace cs::cli {

int runDoctor(const QStringList &args);

}  // namespace cs::cli
