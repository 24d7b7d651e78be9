#pragma once
// channelscope-cli tap: the REST tap, the WebSocket tap and the webhook inbox (core/tap) run
// headless, their log printed as NDJSON like listen's.

#include <QStringList>

namespace cs::cli {

int runTap(const QStringList &args);

}  // namespace cs::cli
