#pragma once
// The check behind the JSON editor: text a person typed, judged as JSON.parse would judge it,
// that stops at the first problem with its exact position and a message saying how to fix it.
// Pure (no widgets), so that the editor only shows what this returns.

#include "result.h"

#include <QJsonValue>
#include <QString>
#include <QStringView>

namespace cs::json {

enum class JsonShape { AnyValue, Object };

// The value of `text`, or Error{InvalidJson, "Line 2, column 7: expected ':' after …", detail =
// the character index of the problem in `text`}. Empty or blank text is an error; with
// JsonShape::Object anything but an object is.
Result<QJsonValue> checkJson(const QString &text, JsonShape shape = JsonShape::AnyValue);

// 1-based line and column of a character index (an error's detail), as the messages count them.
struct TextPosition {
    int line = 1;
    int column = 1;
};
TextPosition textPosition(QStringView text, qsizetype index);

}  // namespace cs::json
