#pragma once
// The commands that hold a connection open: listen (frames as NDJSON) and expect (wait for one event).
// Each command takes its own arguments (args[0] = command name) and returns an exit code (cli.h, Exit).

#include <QStringList>

namespace cs::cli {

int runListen(const QStringList &args);
int runExpect(const QStringList &args);

}  // namespace cs::cli
