#include "strictjson.h"

#include "jsonscan.h"

#include <QJsonArray>
#include <QJsonParseError>

namespace cs::json {

namespace {

Error invalidJson(const QString &what, qsizetype offset)
{
    return Error{ErrorCode::InvalidJson, QStringLiteral("%1 at offset %2").arg(what).arg(offset), int(offset)};
}

}  // namespace

std::optional<StrictnessProblem> strictnessProblem(QByteArrayView json)
{
    bool inString = false;
    for (qsizetype i = 0; i < json.size(); ++i) {
        const char c = json[i];
        if (inString) {
            if (c == '"') {
                inString = false;
            } else if (uchar(c) < 0x20) {
                return StrictnessProblem{"control character in a string", i};
            } else if (c == '\\') {
                if (i + 1 >= json.size() || !isEscapeLetter(json[i + 1]))
                    return StrictnessProblem{"invalid escape sequence", i};
                ++i;  // Qt has checked the four hex digits of \u
            }
        } else if (c == '"') {
            inString = true;
        } else if (c == '.') {  // outside strings a '.' can only be part of a number
            const bool digitBefore = i > 0 && isDigit(json[i - 1]);
            const bool digitAfter = i + 1 < json.size() && isDigit(json[i + 1]);
            if (!digitBefore || !digitAfter)
                return StrictnessProblem{"illegal number", i};
        }
    }
    return std::nullopt;
}

Result<QJsonDocument> parseDocument(const QByteArray &text, Strictness strictness)
{
    QJsonParseError error{};
    QJsonDocument doc = QJsonDocument::fromJson(text, &error);
    if (error.error != QJsonParseError::NoError)
        return invalidJson(error.errorString(), error.offset);
    if (strictness == Strictness::JsonParse) {
        if (const std::optional<StrictnessProblem> problem = strictnessProblem(text))
            return invalidJson(QLatin1String(problem->what), problem->offset);
    }
    return doc;
}

Result<QJsonValue> parseValue(QByteArrayView text, Strictness strictness)
{
    QByteArray wrapped;
    wrapped.reserve(text.size() + 2);
    wrapped.append('[').append(text).append(']');
    const Result<QJsonDocument> doc = parseDocument(wrapped, strictness);
    if (!doc) {
        // Offsets of the text itself, not of the wrapped copy.
        const qsizetype offset = qBound(qsizetype(0), qsizetype(doc.error().detail) - 1, text.size());
        const QString message = doc.error().message;
        return invalidJson(message.left(message.lastIndexOf(QLatin1String(" at offset "))), offset);
    }
    // "1, 2" or "1],[2" also parse once wrapped: exactly one element is one value.
    const QJsonArray array = doc->array();
    if (array.size() != 1)
        return invalidJson(QStringLiteral("not exactly one value"), 0);
    return array.first();
}

}  // namespace cs::json
