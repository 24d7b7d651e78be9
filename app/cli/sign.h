#pragma once
// The offline command: sign (an auth signature from the secret, and its explanation).
// Each command takes its own arguments (args[0] = command name) and returns an exit code (cli.h, Exit).

#include <QStringList>

namespace cs::cli {

int runSign(const QStringList &args);

}  // namespace cs::cli
