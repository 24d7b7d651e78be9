// The details pane's pretty-printer (ui/jsonformat.cpp, built here without Widgets). Properties:
//  - text that is one JSON value re-indents, the result is one JSON value again and parses to
//    the same value, and only whitespace outside strings changed (tokens are copied verbatim);
//  - a member found by jsonMemberText is a slice of the text and, in a valid object, the value
//    QJsonDocument gives for that member;
//  - the payload of any frame or local entry is built without trouble, and a pretty-printed
//    Json payload is JSON.

#include "fuzzcheck.h"

#include "jsonformat.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace cs;

namespace {

std::optional<QJsonValue> parseValue(QStringView text)
{
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson('[' + text.toUtf8() + ']', &error);
    if (error.error != QJsonParseError::NoError || doc.array().size() != 1)
        return std::nullopt;
    return doc.array().first();
}

// The text without whitespace outside strings.
QString tokensOnly(QStringView text)
{
    QString out;
    bool inString = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (inString) {
            out += c;
            if (c == u'\\' && i + 1 < text.size())
                out += text[++i];
            else if (c == u'"')
                inString = false;
        } else if (c != u' ' && c != u'\t' && c != u'\n' && c != u'\r') {
            out += c;
            inString = c == u'"';
        }
    }
    return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray raw = csfuzz::bytes(data, size);
    const QString text = QString::fromUtf8(raw);

    const std::optional<QString> pretty = ui::reindentJson(text);
    FUZZ_CHECK(pretty.has_value() == ui::isJsonValue(text), "reindentJson refuses a JSON value or takes a non-value");
    if (pretty) {
        FUZZ_CHECK(ui::isJsonValue(*pretty), "re-indented JSON is not JSON");
        FUZZ_CHECK(parseValue(*pretty) == parseValue(text), "re-indenting changed the value");
        FUZZ_CHECK(tokensOnly(*pretty) == tokensOnly(text), "re-indenting changed more than whitespace");
    }

    if (const std::optional<QStringView> member = ui::jsonMemberText(text, u"data")) {
        FUZZ_CHECK(member->data() >= text.constData()
                       && member->data() + member->size() <= text.constData() + text.size(),
                   "a member's text lies outside the object's text");
        const QJsonDocument doc = QJsonDocument::fromJson(raw);
        // Only where the answer is unambiguous: one spelling of "data" and no escapes anywhere.
        if (doc.isObject() && !raw.contains('\\') && text.count(QStringLiteral("\"data\"")) == 1)
            FUZZ_CHECK(parseValue(*member) == doc.object().value(QLatin1String("data")),
                       "member text is another value");
    }

    for (const Direction direction : {Direction::In, Direction::Local}) {
        LogEntry entry;
        entry.direction = direction;
        entry.kind = direction == Direction::In ? EntryKind::Event : EntryKind::State;
        entry.raw = raw;
        const ui::Payload payload = ui::entryPayload(entry, true);
        if (payload.form == ui::Payload::Form::Json)
            FUZZ_CHECK(ui::isJsonValue(payload.text), "a Json payload is not JSON");
    }
    return 0;
}
