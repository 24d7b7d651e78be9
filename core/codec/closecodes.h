#pragma once
// What a WebSocket close code means (docs/protocol.md, "Close codes" and "Close actions"): for
// reconnecting, and in words for the log and the UI.

#include <QString>

namespace cs::protocol {

enum class CloseAction {
    None,     // 1000/1001 etc: reconnect after 1 s if the socket was up
    Backoff,  // 1002-1004, 4100-4199: retry after 1 s
    TlsOnly,  // 4000: switch to TLS and retry at once
    Refused,  // 4001-4099, >= 4300: stay disconnected
    Retry,    // 4200-4299: retry at once
};
CloseAction closeActionFor(int closeCode);
QString closeActionName(CloseAction action);
// A short explanation of a close code for the log and UI ("4001 app key does not exist (wrong cluster?)").
QString describeCloseCode(int closeCode);

}  // namespace cs::protocol
