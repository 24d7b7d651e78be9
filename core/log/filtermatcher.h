#pragma once
// The matching half of the log filter (logfilter.h): a parsed filter is a list of terms, and this
// file decides whether a store row or a LogEntry passes them. The parser (filterparser.h) builds
// the terms; LogFilter puts the two together. Internal to core/log: other code uses LogFilter.

#include "logentry.h"
#include "logstore.h"
#include "violationindex.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QRegularExpression>
#include <QString>

#include <array>
#include <vector>

namespace cs::filter {

// Byte-level, ASCII case-insensitive substring search (free text in the raw bytes of a row): the
// hot loop of a free-text filter, allocation-free. Other bytes must be equal.
class ByteSearcher {
public:
    ByteSearcher() = default;
    explicit ByteSearcher(const QString &needle);

    bool isEmpty() const { return m_needle.isEmpty(); }
    bool find(QByteArrayView haystack) const;

private:
    QByteArray m_needle;  // UTF-8, ASCII letters lower-cased
    std::array<qsizetype, 256> m_shift{};
};

// A field value with * and ? wildcards, compiled to the cheapest matcher that does the job;
// case-insensitive.
class Pattern {
public:
    enum class Mode : quint8 { EmptyOnly, Any, Exact, Prefix, Suffix, Contains, Regex };

    // `text` with `wild[i]` telling which characters are unquoted * or ? wildcards.
    static Pattern compile(const QString &text, const std::vector<bool> &wild);

    // An empty field has no value: only an explicit "" matches it.
    bool matches(QStringView s) const;
    Mode mode() const { return m_mode; }

private:
    Mode m_mode = Mode::EmptyOnly;
    QString m_literal;
    QRegularExpression m_regex;
};

// In this order from cheapest to dearest; Violates validates payloads (violationindex.h).
// Source looks at the kind and the connection name; Sig searches the details for the signature
// verdict that the tap's checks write ("signature":"valid" or what differs).
enum class TermType : quint8 { Kind, Dir, Source, Name, Sig, Text, Violates };

struct Term {
    TermType type = TermType::Text;
    bool negate = false;
    quint32 kindMask = 0;    // bit per EntryKind
    quint32 dirMask = 0;     // bit per Direction
    quint32 sourceMask = 0;  // bit per EntrySource
    bool sigValid = false;   // sig:ok (else sig:bad)
    LogStore::NameField field = LogStore::NameField::Channel;
    std::vector<Pattern> patterns;  // any of them (violates: the contract's or the event's name)
    bool anyViolation = false;      // violates:any
    QString text;                   // free text
    ByteSearcher searcher;          // free text in raw and message bytes
    int cacheIndex = -1;            // of this term's per-name cache

    // Name terms: one of the patterns matches; free text: a substring of a non-empty name.
    bool matchesName(QStringView name) const;
};

struct ParsedFilter {
    QString text;
    std::vector<Term> terms;  // ANDed, cheapest first
    int caches = 0;           // terms with a per-name cache
    bool violates = false;    // has a violates: term
};

// Per interned name id and term: match or not, for the store the filter last ran over. Dropped
// when the store or its names change (clear), so ids are never read against the wrong names.
struct MatchCache {
    const LogStore *store = nullptr;
    quint64 token = 0;
    std::vector<std::vector<qint8>> caches;      // [cache][name id]: 0 unknown, 1 match, -1 no match
    const ViolationIndex *violations = nullptr;  // the store's contracts, for violates: terms
};

// A held row of the store, without building a LogEntry (the hot path over a million rows).
bool matchesRow(const ParsedFilter &filter, MatchCache &cache, const LogStore &store, qsizetype row);
// violates: terms need the store's contracts: here no entry violates anything.
bool matchesEntry(const ParsedFilter &filter, const LogEntry &entry);

}  // namespace cs::filter
