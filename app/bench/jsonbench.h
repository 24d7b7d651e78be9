#pragma once
// `channelscope-bench json`: the JSON readers side by side in one run (issue 12 item 4), in this
// process, no sockets. Corpus: the benchmark's ~250-byte double-encoded order events,
// pusher:connection_established, a presence subscription_succeeded with its roster, and a big
// payload. (a) frame parsing: parseFrame as the socket calls it, the QJsonDocument way, and bare
// simdjson On Demand pulling the three members out; (b) decoding a data string's JSON text to a
// QJsonValue: QJsonDocument, the strict Qt way (strictjson), simdjson into Qt values, and
// decodeSentData() as consumers call it. Prints a table on stderr and one JSON line.

#include <QStringList>

namespace cs::bench {

int runJsonBench(const QStringList &args);

}  // namespace cs::bench
