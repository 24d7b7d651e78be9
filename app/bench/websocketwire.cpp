#include "websocketwire.h"

#include <QCryptographicHash>
#include <QList>

namespace cs::bench::ws {

QByteArray acceptKey(const QByteArray &clientKey)
{
    static const QByteArray guid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    return QCryptographicHash::hash(clientKey + guid, QCryptographicHash::Sha1).toBase64();
}

std::optional<QByteArray> upgradeResponse(const QByteArray &requestHead)
{
    QByteArray key;
    bool upgrade = false;
    const QList<QByteArray> lines = requestHead.split('\n');
    for (const QByteArray &line : lines) {
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            continue;
        const QByteArray name = line.left(colon).trimmed().toLower();
        const QByteArray value = line.mid(colon + 1).trimmed();
        if (name == "sec-websocket-key")
            key = value;
        else if (name == "upgrade")
            upgrade = value.toLower() == "websocket";
    }
    if (!upgrade || key.isEmpty())
        return std::nullopt;
    return QByteArray("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                      "Sec-WebSocket-Accept: ")
           + acceptKey(key) + "\r\n\r\n";
}

QByteArray frameHeader(quint8 opcode, qint64 payloadSize)
{
    QByteArray header;
    header += char(0x80 | opcode);
    if (payloadSize < 126) {
        header += char(payloadSize);
    } else if (payloadSize <= 0xffff) {
        header += char(126);
        header += char((payloadSize >> 8) & 0xff);
        header += char(payloadSize & 0xff);
    } else {
        header += char(127);
        for (int shift = 56; shift >= 0; shift -= 8)
            header += char((payloadSize >> shift) & 0xff);
    }
    return header;
}

QByteArray serverFrame(quint8 opcode, const QByteArray &payload)
{
    return frameHeader(opcode, payload.size()) + payload;
}

std::optional<ClientFrame> takeClientFrame(QByteArray &buffer)
{
    if (buffer.size() < 2)
        return std::nullopt;
    const auto *bytes = reinterpret_cast<const uchar *>(buffer.constData());
    const quint8 opcode = bytes[0] & 0x0f;
    const bool masked = bytes[1] & 0x80;
    qint64 length = bytes[1] & 0x7f;
    qsizetype at = 2;
    if (length == 126 || length == 127) {
        const int extra = length == 126 ? 2 : 8;
        if (buffer.size() < at + extra)
            return std::nullopt;
        length = 0;
        for (int i = 0; i < extra; ++i)
            length = (length << 8) | bytes[at + i];
        at += extra;
    }
    const qsizetype maskAt = at;
    if (masked)
        at += 4;
    if (buffer.size() < at + length)
        return std::nullopt;
    ClientFrame frame;
    frame.opcode = opcode;
    frame.payload = buffer.mid(at, length);
    if (masked) {
        for (qsizetype i = 0; i < frame.payload.size(); ++i)
            frame.payload[i] = char(frame.payload[i] ^ bytes[maskAt + (i & 3)]);
    }
    buffer.remove(0, at + length);
    return frame;
}

}  // namespace cs::bench::ws
