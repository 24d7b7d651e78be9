#pragma once
// JSON written the way QJsonDocument writes it compactly, from text or strings, without building
// Qt values: the pieces of entryjson.h. Each says when it cannot reproduce Qt exactly; the caller
// then asks Qt.

#include <QByteArray>
#include <QByteArrayView>
#include <QStringView>

namespace cs::canonicaljson {

// `json` (one JSON value, white space around it allowed) as Qt writes it: keys sorted, strings
// escaped as Qt escapes them. False, with `out` unchanged, when the text is not strict JSON or is
// outside what is reproduced here (exponents, numbers of more than 15 digits, duplicate keys,
// surrogate escapes, keys with escapes or outside the BMP, nesting deeper than 200).
bool append(QByteArray &out, QByteArrayView json);

// A string as Qt writes it (quoted; control characters, '"' and '\\' escaped; a lone surrogate
// as \uXXXX).
void appendString(QByteArray &out, QStringView text);
// The same for UTF-8 text; false (and `out` unchanged) when it is not valid UTF-8, whose
// replacement characters QString::fromUtf8 decides.
bool appendUtf8String(QByteArray &out, QByteArrayView utf8);

// The text a JSON string token (quotes included) stands for, as UTF-8; false when the token is
// not a strict JSON string, holds a surrogate escape or is not valid UTF-8.
bool decodeString(QByteArrayView token, QByteArray *text);

}  // namespace cs::canonicaljson
