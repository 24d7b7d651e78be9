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
//   violates:any     an event that breaks its payload contract (violationindex.h);
//   violates:order-*   …one whose contract or event name matches
//   source:tap       where it comes from: console (or own), api, tap, webhook, watch (logentry.h)
//   sig:bad          a checked signature that did not match (the tap's API calls, a tapped
//                    client's subscriptions, webhooks); sig:ok one that did
//   source:tap conn:tap:t1    every frame of one tapped client
// Terms are ANDed. An empty filter matches everything.
//
// Details:
//   - Field names and values are case-insensitive; aliases: direction, connection, socket_id, user_id.
//   - A field value matches the whole field (channel:orders does not match private-orders); an
//     empty field has no value, so channel:* means "has a channel" and -channel:* "has none";
//     channel:"" matches an empty channel.
//   - Wildcards work only in field values and only unquoted: event:"a*" is the literal a*.
//     kind:client* and dir:* match against the kind and direction names.
//   - Only the first ':' separates field and value: event:pusher:ping is the event pusher:ping.
//   - Free text is a literal substring (no wildcards). Words such as pusher:subscribe and
//     pusher_internal:… (Pusher's own prefixes) and 10:30 (not a name before the ':') are free text.
//   - In quotes, \" is a quote and \\ a backslash.
//   - Free text is searched in the raw bytes with ASCII case folding; other characters must be
//     equal byte for byte (channel and event names fold all of Unicode).
//
// The parser is filterparser.h, the matcher filtermatcher.h; this class puts them together.

#include "logentry.h"
#include "result.h"

#include <QString>

#include <memory>

namespace cs {

class LogStore;

namespace filter {
struct MatchCache;
struct ParsedFilter;
}  // namespace filter

// A filter text that does not parse: code FilterSyntax, a message that says what is wrong
// ("unknown field 'chanel', did you mean 'channel'? (fields: …)"), and where, so that the filter
// bar can underline the offending term. An Error with the span beside it, which Error lacks.
struct FilterError : Error {
    int position = 0;  // character index in the filter text where the problem starts
    int length = 0;    // how many characters are wrong (for underlining); at least 1

    bool operator==(const FilterError &) const = default;
};

class LogFilter {
public:
    LogFilter();  // matches everything
    ~LogFilter();
    LogFilter(const LogFilter &);  // copies share the parsed filter, not the match cache
    LogFilter &operator=(const LogFilter &);
    LogFilter(LogFilter &&) noexcept;
    LogFilter &operator=(LogFilter &&) noexcept;

    // The filter the text describes, or what is wrong with it (code FilterSyntax). Never throws.
    static Result<LogFilter, FilterError> parse(const QString &text);

    bool isEmpty() const;
    QString text() const;

    // Matches a held row of the store without building a LogEntry (hot path over a million rows).
    // Results per interned name are cached in this object, so one LogFilter object must not be
    // used by two threads at once; copies are independent.
    bool matches(const LogStore &store, qsizetype row) const;
    bool matches(const LogEntry &entry) const;

    // The kinds the filter's kind: and -kind: terms let through, one bit per EntryKind (every bit
    // when it has none). Other terms are not looked at: the log's kind toggles show this.
    quint32 kindMask() const;
    // Whether a positive term asks for keepalive entries by name: kind:connection or kind:timer
    // (not kind:*), an event: value that matches pusher:ping or pusher:pong (not event:*), or
    // free text containing "ping" or "pong". The log model shows them unfolded then.
    bool asksForKeepalives() const;

private:
    std::shared_ptr<const filter::ParsedFilter> d;
    mutable std::unique_ptr<filter::MatchCache> m_cache;  // per interned name id and term: match or not
};

}  // namespace cs
