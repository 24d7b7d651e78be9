#pragma once
// Inbound frames (docs/protocol.md, "Messages"): every text frame a server sends is parsed here,
// defensively. Never throws, never crashes on garbage: what is not a Pusher message comes back as
// Error{InvalidFrame, "not JSON: …"} saying why.

#include "result.h"

#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QMap>
#include <QString>

#include <memory>

namespace cs::protocol {

// How `data` arrived on the wire.
enum class DataEncoding {
    Absent,       // no data member
    JsonString,   // a string that itself parses as JSON ("double encoded")
    PlainString,  // a string that is not JSON
    Object,       // an object or array sent as such
    Other,        // a number, bool or null
};

// A Pusher message: a JSON object with a non-empty string "event".
struct Frame {
    QString event;
    QString channel;  // empty when absent
    QString userId;   // "user_id" when present (client events on presence channels)
    DataEncoding encoding = DataEncoding::Absent;
    QJsonValue data;     // decoded: a JSON string is parsed, a plain string is kept as a string
    QString dataString;  // the string as sent, for JsonString and PlainString
    // False when parseFrame left a string `data` as sent (DataDecoding::ProtocolOnly): `data` and
    // `dataString` are then empty, `dataJson` holds the member's JSON text, `encoding` says only
    // "a string", and decodedData() decodes on demand.
    bool dataDecoded = true;
    QByteArray dataJson;
    // pusher_internal:subscription_succeeded on a presence channel: the roster by id, built
    // where the frame was parsed (the socket's reader thread) so that a roster of hundreds of
    // thousands costs the state machine's thread no parsing. Null when not built; the one
    // consumer may move the map out.
    std::shared_ptr<QMap<QString, QJsonValue>> presenceMembers;
    int presenceLeftOut = 0;  // members whose user_info was over kMaxUserInfoBytes (presence.h)
};

// Which frames get their `data` decoded while parsing. Decoding a double-encoded string costs
// as much as parsing the frame itself, and the log keeps the raw bytes anyway.
enum class DataDecoding {
    All,
    ProtocolOnly,  // pusher:* and pusher_internal:* events, and private-encrypted-* channels
};

// The frame, or Error{InvalidFrame, why}: empty, not JSON as JSON.parse reads it, not an object,
// no string "event"… Frames of the usual shape (string members event, channel, data, user_id;
// ASCII) are read by a small scanner; anything else goes through the strict JSON layer
// (core/json/strictjson.h). Both give the same Frame and the same error.
Result<Frame> parseFrame(const QByteArray &raw, DataDecoding decoding = DataDecoding::All);
// The same through the strict JSON layer only: for tests that compare the two ways.
Result<Frame> parseFrameWithJsonDocument(const QByteArray &raw, DataDecoding decoding = DataDecoding::All);
// frame.data, decoded now when parseFrame left it as sent.
QJsonValue decodedData(const Frame &frame);
// The same for a `data` member's JSON text as parseFrame left it (Frame::dataJson).
QJsonValue decodeSentData(const QByteArray &dataJson);
// Decodes a `data` member the way pusher-js does (try JSON.parse on strings).
QJsonValue decodeData(const QJsonValue &data, DataEncoding *encoding = nullptr);
// frame.data when it is an object, else an empty object.
QJsonObject dataObject(const Frame &frame);

}  // namespace cs::protocol
