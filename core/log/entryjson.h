#pragma once
// A log entry's NDJSON line written straight from its fields and the frame's bytes: byte for byte
// what QJsonDocument(entry.toJson()).toJson(Compact) gives, without building QJsonObjects (in a
// flood of a million events that was most of `listen`'s and the export's time). JSON that Qt
// writes back exactly as it was sent, or with its keys sorted, is copied; whatever Qt would write
// differently (exponents, long numbers, duplicate keys, surrogate escapes, bad UTF-8) goes
// through Qt's own writer, so the line never differs from toJson()'s.

#include <QByteArray>

class QJsonArray;
class QJsonValue;

namespace cs {

struct LogEntry;

struct EntryJsonExtras {
    const QJsonValue *data = nullptr;        // replaces the entry's data (exports: masked details)
    const QJsonArray *violations = nullptr;  // added as "violations" when not empty (listen --contracts)
};

// Appends the line, without its newline.
void appendEntryJson(QByteArray &out, const LogEntry &entry, const EntryJsonExtras &extras = {});
QByteArray entryJson(const LogEntry &entry);

}  // namespace cs
