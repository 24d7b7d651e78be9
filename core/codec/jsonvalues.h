#pragma once
// Reading typed values out of parsed JSON the way pusher-js (JavaScript) reads them: ids that
// may be numbers, integers that may be text, numbers written as JSON.stringify writes them.

#include <QJsonValue>
#include <QString>

#include <optional>

namespace cs::protocol {

// "a string", "a number", "null"…: for messages that say what a member was instead.
QString typeName(const QJsonValue &v);

// A number's text as JSON.stringify writes it: integers exactly, doubles in ECMAScript's
// shortest round-trip form ("4.5", "1e+21"); a non-finite double reads "null".
QString numberText(const QJsonValue &v);

// A string-or-number id such as user_id or socket_id; numbers become their text.
std::optional<QString> idText(const QJsonValue &v);

// An integer given as a number or as decimal text, as JavaScript arithmetic would accept it;
// nullopt for fractions, non-numbers and magnitudes over 9e15.
std::optional<qint64> integerOf(const QJsonValue &v);

int clampToInt(qint64 v);

}  // namespace cs::protocol
