#pragma once
// The log store at scale: appends 1,000,000 channel-event frames as the connection logs them
// (wire bytes of ~250-byte double-encoded orders, names from a small set), then measures the
// resident memory they cost, the time for the log model to show a field filter and a free-text
// filter (the same call the filter bar makes), and the time to export everything to NDJSON.
// Prints one JSON line.

#include <QStringList>

namespace cs::bench {

inline constexpr char kFieldFilter[] = "event:order-updated channel:private-*";
inline constexpr char kTextFilter[] = "cust-4711";

int runStoreBench(const QStringList &args);

}  // namespace cs::bench
