#pragma once
// The log table's Summary column: one line describing an entry's data (the message of a local
// entry, the decoded data of a frame, or what came when it was not a Pusher message), and the
// longer text of its tool tip. Built when a row is drawn, never stored.

#include "logentry.h"

#include <QString>

namespace cs::logsummary {

QString summarize(const LogEntry &entry);  // one line, at most 200 characters
QString toolTip(const LogEntry &entry);    // at most 1000 characters; JSON indented

}  // namespace cs::logsummary
