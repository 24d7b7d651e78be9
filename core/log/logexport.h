#pragma once
// Writes log entries to a file: NDJSON (one LogEntry::toJson object per line) or one JSON array.
// Entries never hold secrets (they are not logged), and the details of local, REST and auth
// entries go through the log's credential masking once more (redactDetails), so exports are
// safe to share.

#include "result.h"

#include <QByteArray>
#include <QList>

class QIODevice;

namespace cs {

class LogStore;

enum class ExportFormat { Ndjson, JsonArray };

struct LogEntry;

// Streams entries to a device: one compact JSON object per line, inside "[\n" … "\n]\n" for an
// array. At most ~64 KB is held in memory; the first failed write stops everything.
class ExportWriter {
public:
    ExportWriter(QIODevice *out, ExportFormat format);
    bool add(const LogEntry &entry);  // false once a write failed: see error()
    Result<qsizetype> finish();       // the entries written, or why not
    const Error &error() const { return m_error; }

private:
    bool writeBuffer();
    Error failure() const;

    QIODevice *m_out;
    ExportFormat m_format;
    QByteArray m_buffer;
    qsizetype m_count = 0;
    Error m_error;
};

// `seqs` selects the entries (e.g. the visible rows); entries evicted meanwhile are skipped.
// Returns how many entries were written.
Result<qsizetype> exportEntries(const LogStore &store, const QList<quint64> &seqs, ExportFormat format, QIODevice *out);
Result<qsizetype> exportAll(const LogStore &store, ExportFormat format, QIODevice *out);

}  // namespace cs
