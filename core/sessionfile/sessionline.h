#pragma once
// One log entry as a line of a session file, and any such line read back into a LogEntry. A line
// is what `listen` prints and exports write (LogEntry::toJson) plus what a faithful copy needs:
// the exact details bytes of local entries ("raw") and the message of undecodable frames. So
// the reader also takes plain `listen` and export lines, where a local entry's details are
// rebuilt from "data".

#include "logentry.h"
#include "result.h"

#include <QJsonObject>

namespace cs::sessionfile {

struct SaveOptions {
    // Decrypted payloads of encrypted channels (local entries with "decrypted": true) keep their
    // plaintext only when the user says so; otherwise the file says it was left out.
    bool includeDecrypted = false;
};

// The line for `entry`: details of local, REST and auth entries go through the log's credential
// masking again (redactDetails), as exports do.
QJsonObject lineFor(const LogEntry &entry, const SaveOptions &options = {});

// The entry a line describes. seq and time are kept as written (0 when absent). An unknown
// "kind" (written by a newer version) is an error of its own code path: `unknownKind` is set so
// that readers may skip the line instead of refusing the file.
struct LineProblem : Error {
    bool unknownKind = false;
};
Result<LogEntry, LineProblem> entryFromLine(const QJsonObject &line);

}  // namespace cs::sessionfile
