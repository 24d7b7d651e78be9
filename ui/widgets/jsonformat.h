#pragma once
// Text helpers for showing JSON in the log's details: re-indenting that keeps the text exactly as
// written (member order, number spelling, string escapes), finding a member's text inside a frame
// without re-serialising it, and the payload of a log entry as the details pane shows it.

#include "logentry.h"

#include <QString>
#include <QStringView>

#include <optional>

namespace cs::ui {

// True when `text` is exactly one JSON value (object, array, string, number, bool or null).
bool isJsonValue(QStringView text);

// Limits of pretty-printing untrusted text: levels deeper than kMaxIndentDepth are not indented
// further (a deep value would otherwise cost depth² spaces), and an indented text longer than
// kMaxPrettyChars is not built at all: the value is then shown as sent.
inline constexpr int kMaxIndentDepth = 32;
inline constexpr qsizetype kMaxPrettyChars = 8 * 1024 * 1024;

// Re-indents one JSON value with `indent` spaces per level. Tokens are copied verbatim, so a frame
// reads as it was sent. Returns std::nullopt when the text is not one JSON value, or when the
// indented text would exceed `maxChars`.
std::optional<QString> reindentJson(QStringView text, int indent = 2, qsizetype maxChars = kMaxPrettyChars);

// The text of a top-level member of a JSON object, exactly as written (e.g. a frame's "data").
std::optional<QStringView> jsonMemberText(QStringView objectText, QStringView key);

// What the Data tab and "Copy payload" show for an entry.
struct Payload {
    enum class Form { None, Json, Text };
    Form form = Form::None;
    QString text;  // pretty-printed (2-space indent) when requested and the form is Json
    QString note;  // one line about where the text comes from ("data was a JSON string, decoded")
};
// Frames: the decoded `data` (a JSON string is parsed, as pusher-js does; a plain string is kept);
// local entries: the details object.
Payload entryPayload(const LogEntry &entry, bool pretty);

}  // namespace cs::ui
