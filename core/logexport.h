#pragma once
// Writes log entries to a file: NDJSON (one LogEntry::toJson object per line) or one JSON array.
// Entries never hold secrets (they are not logged), and the details of local, REST and auth
// entries go through the log's credential masking once more (redactDetails), so exports are
// safe to share.

#include "result.h"

#include <QList>

class QIODevice;

namespace cs {

class LogStore;

enum class ExportFormat { Ndjson, JsonArray };

// `seqs` selects the entries (e.g. the visible rows); entries evicted meanwhile are skipped.
// Returns how many entries were written.
Result<qsizetype> exportEntries(const LogStore &store, const QList<quint64> &seqs, ExportFormat format, QIODevice *out);
Result<qsizetype> exportAll(const LogStore &store, ExportFormat format, QIODevice *out);

} // namespace cs
