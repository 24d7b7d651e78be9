#pragma once
// Parsing untrusted JSON text into Qt values: the one place that turns bytes from the server, a
// REST host, an auth endpoint or a file into a QJsonDocument or QJsonValue. Today it is
// QJsonDocument plus a strictness pass. simdjson was measured behind these functions (issue 12,
// `channelscope-bench json`): building Qt values from its output through QJsonObject/QJsonArray
// is 3-6x slower than QJsonDocument's own parser, so QJsonDocument builds the values; simdjson
// reads frames and unescapes double-encoded data (fastjson.h).
//
// Errors are Error{InvalidJson, "<what> at offset <n>", detail = n, the byte offset}.

#include "result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QJsonDocument>
#include <QJsonValue>

#include <optional>

namespace cs::json {

enum class Strictness {
    // What QJsonDocument accepts, which is a little more than JSON: unknown escapes ("\q" reads
    // as "q"), raw control characters inside strings, numbers such as ".5" or "1.".
    Qt,
    // What JSON.parse accepts (RFC 8259): how pusher-js reads frames, so a frame is refused
    // exactly when pusher-js would refuse it.
    JsonParse,
};

// Where text that Qt has accepted breaks a rule JSON.parse keeps; the first such place.
struct StrictnessProblem {
    const char *what;  // "invalid escape sequence", "control character in a string", "illegal number"
    qsizetype offset;
};
std::optional<StrictnessProblem> strictnessProblem(QByteArrayView json);

// One JSON document: an object or an array at the top level.
Result<QJsonDocument> parseDocument(const QByteArray &text, Strictness strictness = Strictness::JsonParse);

// Any one JSON value, scalars included, as JSON.parse reads it (Qt 6.4 alone only takes an
// object or an array at the top level). White space around the value is allowed.
Result<QJsonValue> parseValue(QByteArrayView text, Strictness strictness = Strictness::JsonParse);

}  // namespace cs::json
