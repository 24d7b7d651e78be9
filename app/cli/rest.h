#pragma once
// The commands that call the HTTP API: trigger, batch, channels, channel, users, terminate.
// Each command takes its own arguments (args[0] = command name) and returns an exit code (cli.h, Exit).

#include <QStringList>

namespace cs::cli {

int runTrigger(const QStringList &args);
int runBatch(const QStringList &args);
int runChannels(const QStringList &args);
int runChannel(const QStringList &args);
int runUsers(const QStringList &args);
int runTerminate(const QStringList &args);

}  // namespace cs::cli
