#pragma once
// The C++ ingest readers, each measured from the first channel event to the `bench-end` marker
// against a frame source (see framesource.h):
//   core — Channelscope's core exactly as the apps use it: cs::Session (Connection +
//          ChannelRegistry + the built-in signer) writing into a cs::LogStore. An event counts once
//          it is parsed and published by the store; the store is checked to hold all N at the end.
//   raw  — a bare QWebSocket that only counts text messages: the ceiling of Qt's WebSocket layer.
// Each prints one JSON result line.

#include <QStringList>

namespace cs {
struct Credentials;
}

namespace cs::bench {

// Credentials for the frame source on 127.0.0.1:`port` (any key and secret: it checks nothing).
Credentials sourceCredentials(quint16 port);

int runCoreIngest(const QStringList &args);
int runRawIngest(const QStringList &args);

}  // namespace cs::bench
