#pragma once
// deliver: N clients on one channel, one trigger (REST, optionally excluding one client's socket,
// or a client event from one of them), and the delivery matrix as one JSON object (issue 13).

#include <QStringList>

namespace cs::cli {

int runDeliver(const QStringList &args);

}  // namespace cs::cli
