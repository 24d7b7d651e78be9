#pragma once
// channelscope-cli replay FILE: a session file's (or listen NDJSON's) channel events triggered
// again through the HTTP API, in order.

#include <QStringList>

namespace cs::cli {

int runReplay(const QStringList &args);

}  // namespace cs::cli
