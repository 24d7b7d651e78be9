#pragma once
// The Pusher wire codec (docs/protocol.md, "Messages"): parses every frame defensively and
// builds outbound frames. Never throws, never crashes on garbage: a frame that is not a Pusher
// message comes back with ok == false and an error text.

#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QMap>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

namespace cs::protocol {

inline constexpr int kProtocolVersion = 7;

// How `data` arrived on the wire.
enum class DataEncoding {
    Absent,         // no data member
    JsonString,     // a string that itself parses as JSON ("double encoded")
    PlainString,    // a string that is not JSON
    Object,         // an object or array sent as such
    Other,          // a number, bool or null
};

struct Frame {
    bool ok = false;     // false: not JSON, not an object, or no string "event"
    QString error;       // why it was rejected, when !ok
    QString event;
    QString channel;     // empty when absent
    QString userId;      // "user_id" when present (client events on presence channels)
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
    int presenceLeftOut = 0;  // members whose user_info was over kMaxUserInfoBytes (see below)
};

// Which frames get their `data` decoded while parsing. Decoding a double-encoded string costs
// as much as parsing the frame itself, and the log keeps the raw bytes anyway.
enum class DataDecoding {
    All,
    ProtocolOnly,  // pusher:* and pusher_internal:* events, and private-encrypted-* channels
};

// Frames of the usual shape (string members event, channel, data, user_id; ASCII) are read by a
// small scanner; anything else goes through QJsonDocument. Both give the same Frame.
Frame parseFrame(const QByteArray &raw, DataDecoding decoding = DataDecoding::All);
// The same through QJsonDocument only: for tests that compare the two ways.
Frame parseFrameWithJsonDocument(const QByteArray &raw, DataDecoding decoding = DataDecoding::All);
// frame.data, decoded now when parseFrame left it as sent.
QJsonValue decodedData(const Frame &frame);
// Decodes a `data` member the way pusher-js does (try JSON.parse on strings).
QJsonValue decodeData(const QJsonValue &data, DataEncoding *encoding = nullptr);

// pusher:connection_established
struct Handshake {
    QString socketId;
    int activityTimeoutSeconds = 0;  // 0 when missing: pusher-js rejects such a handshake
};
std::optional<Handshake> parseHandshake(const Frame &frame);

// pusher:error, and the error inside pusher:subscription_error
struct ServerError {
    std::optional<int> code;  // null or missing for non-fatal errors
    QString message;
    QString channel;          // soketi adds it for client-event errors
};
ServerError parseServerError(const Frame &frame);

struct SubscriptionError {
    QString type;    // "AuthError", "LimitReached", …
    QString error;   // text
    int status = 0;  // HTTP-like status (401) or a 4xxx code
};
SubscriptionError parseSubscriptionError(const Frame &frame);

// Presence roster from pusher_internal:subscription_succeeded on a presence channel.
struct PresenceRoster {
    QStringList ids;   // every member: the "ids" list, plus any id only found in "hash"
    QJsonObject hash;  // user id -> user_info; soketi leaves out members without user_info
    int count = 0;
};
std::optional<PresenceRoster> parsePresenceRoster(const Frame &frame);
// A member's user_info larger than this (as compact JSON) is not kept: Pusher allows 1 KB and
// soketi 2 KB, and a roster is held for as long as the subscription lasts.
inline constexpr qsizetype kMaxUserInfoBytes = 16 * 1024;
// `info` itself, or when it is over kMaxUserInfoBytes a small object that says so.
QJsonValue boundedUserInfo(const QJsonValue &info, bool *leftOut = nullptr);
// The roster as a map id -> user_info (Undefined for members only listed in "ids"); O(n log n).
// user_info is bounded as boundedUserInfo() does; `leftOut` counts the members it replaced.
std::optional<QMap<QString, QJsonValue>> presenceMembers(const Frame &frame, int *leftOut = nullptr);
// Fills frame.presenceMembers when the frame is a presence roster.
void attachPresenceMembers(Frame &frame);

struct MemberChange {
    QString userId;     // numbers are turned into their decimal text
    QJsonValue userInfo;
};
std::optional<MemberChange> parseMemberChange(const Frame &frame);

// Outbound frames, shaped exactly as pusher-js sends them (data as an object).
QByteArray buildSubscribe(const QString &channel, const QByteArray &auth = {}, const QByteArray &channelData = {});
QByteArray buildUnsubscribe(const QString &channel);
QByteArray buildPing();
QByteArray buildPong();
QByteArray buildSignin(const QByteArray &auth, const QByteArray &userData);
QByteArray buildClientEvent(const QString &channel, const QString &event, const QJsonValue &data);

// What a close code means for reconnecting (docs/protocol.md, "Close actions").
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

} // namespace cs::protocol
