#pragma once
// The server side of RFC 6455, just enough for the frame source: the HTTP upgrade, unmasked server
// frames, and masked client frames taken off a byte buffer. Done by hand on a QTcpServer (not
// QWebSocketServer) so that pre-encoded frames go to the socket without any per-message work.

#include <QByteArray>

#include <optional>

namespace cs::bench::ws {

enum Opcode : quint8 { Continuation = 0x0, Text = 0x1, Binary = 0x2, Close = 0x8, Ping = 0x9, Pong = 0xA };

// base64(sha1(key + the RFC's GUID))
QByteArray acceptKey(const QByteArray &clientKey);

// The "101 Switching Protocols" answer to a complete request head (up to "\r\n\r\n"); nullopt when
// the head is not a WebSocket upgrade.
std::optional<QByteArray> upgradeResponse(const QByteArray &requestHead);

// Header of an unmasked, final server frame with a payload of `payloadSize` bytes.
QByteArray frameHeader(quint8 opcode, qint64 payloadSize);
QByteArray serverFrame(quint8 opcode, const QByteArray &payload);

struct ClientFrame {
    quint8 opcode = Text;
    QByteArray payload;  // unmasked
};
// Takes the first complete client frame off the front of `buffer`; nullopt while incomplete.
std::optional<ClientFrame> takeClientFrame(QByteArray &buffer);

}  // namespace cs::bench::ws
