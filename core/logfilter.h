#pragma once
// The log's filter language, parsed in core so that the CLI, the GUI's filter bar and the
// benchmarks speak the same words.
//
//   order            free text: matches channel, event, message or raw bytes, case-insensitive
//   "two words"      quoted free text
//   channel:private-*   field match; * and ? are wildcards; case-insensitive
//   event:order-updated,order-created    comma = any of these values
//   kind:event   dir:in   user:42   socket:123.456   conn:main
//   -kind:timer      a leading '-' negates a term
// Terms are ANDed. An empty filter matches everything.

#include "logentry.h"

#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

namespace cs {

class LogStore;

struct FilterError {
    QString message;   // "unknown field 'chanel' (fields: channel, event, kind, dir, user, socket, conn)"
    int position = 0;  // character index in the filter text where the problem starts
    int length = 0;    // how many characters are wrong (for underlining)
};

class LogFilter {
public:
    LogFilter();  // matches everything
    ~LogFilter();
    LogFilter(const LogFilter &);
    LogFilter &operator=(const LogFilter &);

    // Parses the text; on error returns the error, never throws.
    static LogFilter parse(const QString &text, FilterError *error = nullptr);
    static std::optional<FilterError> check(const QString &text);

    bool isEmpty() const;
    QString text() const;

    // Matches a held row of the store without building a LogEntry (hot path over a million rows).
    bool matches(const LogStore &store, qsizetype row) const;
    bool matches(const LogEntry &entry) const;

private:
    struct Impl;
    std::shared_ptr<const Impl> d;
};

} // namespace cs
