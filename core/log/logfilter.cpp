#include "logfilter.h"

#include "logstore.h"

#include <QRegularExpression>

#include <algorithm>
#include <array>
#include <bit>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace cs {

namespace {

// ---------------------------------------------------------------------------------------------
// Byte-level, ASCII case-insensitive substring search. Free text is searched in the raw bytes of
// every row, so this is the hot loop of a free-text filter and allocates nothing. With SSE2 it
// looks at 16 positions at once, keeping those where both the needle's first and last byte fit
// (letters folded with | 0x20), and compares only those; elsewhere it is a Horspool search.

constexpr std::array<unsigned char, 256> makeCaseTable(bool upper)
{
    std::array<unsigned char, 256> table{};
    for (int c = 0; c < 256; ++c) {
        if (!upper && c >= 'A' && c <= 'Z')
            table[std::size_t(c)] = static_cast<unsigned char>(c - 'A' + 'a');
        else if (upper && c >= 'a' && c <= 'z')
            table[std::size_t(c)] = static_cast<unsigned char>(c - 'a' + 'A');
        else
            table[std::size_t(c)] = static_cast<unsigned char>(c);
    }
    return table;
}
constexpr std::array<unsigned char, 256> kLower = makeCaseTable(false);
constexpr std::array<unsigned char, 256> kUpper = makeCaseTable(true);

class ByteSearcher {
public:
    ByteSearcher() = default;
    explicit ByteSearcher(const QString &needle)
        : m_needle(needle.toUtf8())
    {
        for (char &c : m_needle)
            c = char(kLower[static_cast<unsigned char>(c)]);
        const qsizetype m = m_needle.size();
        m_shift.fill(m);
        const auto *n = reinterpret_cast<const unsigned char *>(m_needle.constData());
        for (qsizetype i = 0; i + 1 < m; ++i) {
            m_shift[n[i]] = m - 1 - i;
            m_shift[kUpper[n[i]]] = m - 1 - i;
        }
    }

    bool isEmpty() const { return m_needle.isEmpty(); }

    static bool equalsAt(const unsigned char *h, const unsigned char *n, qsizetype m)
    {
        for (qsizetype j = 0; j < m; ++j) {
            if (kLower[h[j]] != n[j])
                return false;
        }
        return true;
    }

    bool find(QByteArrayView haystack) const
    {
        const qsizetype m = m_needle.size();
        const qsizetype size = haystack.size();
        if (m == 0)
            return true;
        if (size < m)
            return false;
        const auto *h = reinterpret_cast<const unsigned char *>(haystack.data());
        const auto *n = reinterpret_cast<const unsigned char *>(m_needle.constData());
        const unsigned char last = n[m - 1];
        const qsizetype end = size - m;  // the last position where the needle fits
        qsizetype pos = 0;
#if defined(__SSE2__)
        const auto isLetter = [](unsigned char c) { return c >= 'a' && c <= 'z'; };
        const __m128i first = _mm_set1_epi8(char(n[0]));
        const __m128i lastBytes = _mm_set1_epi8(char(last));
        const __m128i foldFirst = _mm_set1_epi8(isLetter(n[0]) ? 0x20 : 0);
        const __m128i foldLast = _mm_set1_epi8(isLetter(last) ? 0x20 : 0);
        for (; pos + 15 <= end; pos += 16) {
            const __m128i atFirst = _mm_loadu_si128(reinterpret_cast<const __m128i *>(h + pos));
            const __m128i atLast = _mm_loadu_si128(reinterpret_cast<const __m128i *>(h + pos + m - 1));
            const __m128i both = _mm_and_si128(_mm_cmpeq_epi8(_mm_or_si128(atFirst, foldFirst), first),
                                               _mm_cmpeq_epi8(_mm_or_si128(atLast, foldLast), lastBytes));
            auto candidates = unsigned(_mm_movemask_epi8(both));
            while (candidates) {
                const qsizetype at = pos + std::countr_zero(candidates);
                if (equalsAt(h + at, n, m))
                    return true;
                candidates &= candidates - 1;
            }
        }
#endif
        while (pos <= end) {
            const unsigned char c = h[pos + m - 1];
            if (kLower[c] == last) {
                qsizetype j = m - 2;
                while (j >= 0 && kLower[h[pos + j]] == n[j])
                    --j;
                if (j < 0)
                    return true;
            }
            pos += m_shift[c];
        }
        return false;
    }

private:
    QByteArray m_needle;  // UTF-8, ASCII letters lower-cased
    std::array<qsizetype, 256> m_shift{};
};

// ---------------------------------------------------------------------------------------------
// A field value with wildcards, compiled to the cheapest matcher that does the job.

class Pattern {
public:
    enum class Mode : quint8 { EmptyOnly, Any, Exact, Prefix, Suffix, Contains, Regex };

    // `text` with `wild[i]` telling which characters are unquoted * or ? wildcards.
    static Pattern compile(const QString &text, const std::vector<bool> &wild)
    {
        Pattern p;
        if (text.isEmpty()) {
            p.m_mode = Mode::EmptyOnly;
            return p;
        }
        const qsizetype n = text.size();
        auto isStar = [&](qsizetype i) { return wild[std::size_t(i)] && text[i] == u'*'; };
        auto isQuestion = [&](qsizetype i) { return wild[std::size_t(i)] && text[i] == u'?'; };
        bool anyQuestion = false;
        for (qsizetype i = 0; i < n; ++i)
            anyQuestion = anyQuestion || isQuestion(i);
        qsizetype begin = 0;
        qsizetype end = n;
        while (begin < end && isStar(begin))
            ++begin;
        while (end > begin && isStar(end - 1))
            --end;
        bool innerStar = false;
        for (qsizetype i = begin; i < end; ++i)
            innerStar = innerStar || isStar(i);
        if (!anyQuestion && !innerStar) {
            const bool leading = begin > 0;
            const bool trailing = end < n;
            p.m_literal = text.mid(begin, end - begin);
            if (p.m_literal.isEmpty())
                p.m_mode = Mode::Any;
            else if (leading && trailing)
                p.m_mode = Mode::Contains;
            else if (leading)
                p.m_mode = Mode::Suffix;
            else if (trailing)
                p.m_mode = Mode::Prefix;
            else
                p.m_mode = Mode::Exact;
            return p;
        }
        // The general case: an anchored regular expression built from the literal runs.
        QString re = QStringLiteral("\\A");
        QString run;
        for (qsizetype i = 0; i < n; ++i) {
            if (isStar(i) || isQuestion(i)) {
                re += QRegularExpression::escape(run);
                run.clear();
                re += isStar(i) ? QStringLiteral(".*") : QStringLiteral(".");
            } else {
                run += text[i];
            }
        }
        re += QRegularExpression::escape(run);
        re += QStringLiteral("\\z");
        p.m_mode = Mode::Regex;
        p.m_regex = QRegularExpression(re, QRegularExpression::CaseInsensitiveOption
                                               | QRegularExpression::DotMatchesEverythingOption);
        p.m_regex.optimize();
        return p;
    }

    // An empty field has no value: only an explicit "" matches it.
    bool matches(QStringView s) const
    {
        if (s.isEmpty())
            return m_mode == Mode::EmptyOnly;
        switch (m_mode) {
        case Mode::EmptyOnly: return false;
        case Mode::Any: return true;
        case Mode::Exact: return s.compare(m_literal, Qt::CaseInsensitive) == 0;
        case Mode::Prefix: return s.startsWith(m_literal, Qt::CaseInsensitive);
        case Mode::Suffix: return s.endsWith(m_literal, Qt::CaseInsensitive);
        case Mode::Contains: return s.contains(m_literal, Qt::CaseInsensitive);
        case Mode::Regex: return m_regex.match(s).hasMatch();
        }
        return false;
    }

    Mode mode() const { return m_mode; }

private:
    Mode m_mode = Mode::EmptyOnly;
    QString m_literal;
    QRegularExpression m_regex;
};

// ---------------------------------------------------------------------------------------------
// Terms

enum class TermType : quint8 { Kind, Dir, Name, Text };

struct Term {
    TermType type = TermType::Text;
    bool negate = false;
    quint32 kindMask = 0;  // bit per EntryKind
    quint32 dirMask = 0;   // bit per Direction
    LogStore::NameField field = LogStore::NameField::Channel;
    std::vector<Pattern> patterns;  // any of them
    QString text;                   // free text
    ByteSearcher searcher;          // free text in raw and message bytes
    int cacheIndex = -1;            // of this term's per-name cache

    bool matchesName(QStringView name) const
    {
        if (type == TermType::Text)
            return !name.isEmpty() && name.contains(text, Qt::CaseInsensitive);
        for (const Pattern &p : patterns) {
            if (p.matches(name))
                return true;
        }
        return false;
    }
};

struct FieldInfo {
    QLatin1StringView name;
    TermType type;
    LogStore::NameField field;
};

// The canonical names first (in the order of error messages), then accepted aliases.
const std::array<FieldInfo, 11> kFields{{
    {QLatin1StringView("channel"), TermType::Name, LogStore::NameField::Channel},
    {QLatin1StringView("event"), TermType::Name, LogStore::NameField::Event},
    {QLatin1StringView("kind"), TermType::Kind, LogStore::NameField::Channel},
    {QLatin1StringView("dir"), TermType::Dir, LogStore::NameField::Channel},
    {QLatin1StringView("user"), TermType::Name, LogStore::NameField::UserId},
    {QLatin1StringView("socket"), TermType::Name, LogStore::NameField::SocketId},
    {QLatin1StringView("conn"), TermType::Name, LogStore::NameField::Connection},
    {QLatin1StringView("direction"), TermType::Dir, LogStore::NameField::Channel},
    {QLatin1StringView("user_id"), TermType::Name, LogStore::NameField::UserId},
    {QLatin1StringView("socket_id"), TermType::Name, LogStore::NameField::SocketId},
    {QLatin1StringView("connection"), TermType::Name, LogStore::NameField::Connection},
}};
constexpr std::size_t kCanonicalFields = 7;

int editDistance(const QString &a, const QString &b)
{
    std::vector<int> row(std::size_t(b.size()) + 1);
    for (std::size_t j = 0; j < row.size(); ++j)
        row[j] = int(j);
    for (qsizetype i = 1; i <= a.size(); ++i) {
        int diagonal = row[0];
        row[0] = int(i);
        for (qsizetype j = 1; j <= b.size(); ++j) {
            const int above = row[std::size_t(j)];
            const int cost = a[i - 1].toLower() == b[j - 1].toLower() ? 0 : 1;
            row[std::size_t(j)] = std::min({above + 1, row[std::size_t(j - 1)] + 1, diagonal + cost});
            diagonal = above;
        }
    }
    return row.back();
}

// The closest of `names` to `typed`, or empty when none is close enough to suggest.
QString closest(const QString &typed, const QStringList &names)
{
    QString best;
    int bestDistance = 1 << 30;
    for (const QString &name : names) {
        int distance = editDistance(typed, name);
        if (typed.size() >= 2 && name.startsWith(typed, Qt::CaseInsensitive))
            distance = std::min(distance, 1);
        if (distance < bestDistance) {
            bestDistance = distance;
            best = name;
        }
    }
    const int allowed = typed.size() <= 3 ? 1 : 2;
    return bestDistance <= allowed ? best : QString();
}

QString unknownMessage(const QString &what, const QString &typed, const QStringList &valid, const QString &listName)
{
    QString message = QStringLiteral("unknown %1 '%2'").arg(what, typed);
    const QString suggestion = closest(typed, valid);
    if (!suggestion.isEmpty())
        message += QStringLiteral(", did you mean '%1'?").arg(suggestion);
    message += QStringLiteral(" (%1: %2)").arg(listName, valid.join(QStringLiteral(", ")));
    return message;
}

QStringList canonicalFieldNames()
{
    QStringList names;
    for (std::size_t i = 0; i < kCanonicalFields; ++i)
        names.append(QString(kFields[i].name));
    return names;
}

QStringList kindNames()
{
    QStringList names;
    for (int k = 0; k < kEntryKindCount; ++k)
        names.append(entryKindName(EntryKind(k)));
    return names;
}

QStringList directionNames()
{
    return {directionName(Direction::In), directionName(Direction::Out), directionName(Direction::Local)};
}

// ---------------------------------------------------------------------------------------------
// Parsing: the text is split into shell-like words (quotes group characters; inside quotes a
// backslash escapes a quote or a backslash); a word whose unquoted prefix before the first ':' is a field name is a field
// term, anything else is free text.

struct Char {
    QChar c;
    int pos = 0;          // in the filter text
    bool quoted = false;
    bool marker = false;  // where a quoted group starts (so that "" is seen); not a character
    bool wildcard() const { return !quoted && !marker && (c == u'*' || c == u'?'); }
    bool is(char16_t ch) const { return !quoted && !marker && c == ch; }
};

struct Value {
    QString text;
    std::vector<bool> wild;
    bool hadQuote = false;
    int position = 0;
    int length = 0;
};

// Treated as free text although they look like "field:value": Pusher's own event prefixes.
bool isProtocolPrefix(const QString &name)
{
    return name.compare(QLatin1StringView("pusher"), Qt::CaseInsensitive) == 0
           || name.compare(QLatin1StringView("pusher_internal"), Qt::CaseInsensitive) == 0;
}

// A field name is a letter or '_' followed by letters, digits, '_' or '-'; "10:30" is free text.
bool looksLikeFieldName(const std::vector<Char> &chars, std::size_t end)
{
    if (end == 0)
        return false;
    for (std::size_t i = 0; i < end; ++i) {
        const Char &ch = chars[i];
        if (ch.quoted || ch.marker)
            return false;
        const bool letter = (ch.c >= u'a' && ch.c <= u'z') || (ch.c >= u'A' && ch.c <= u'Z') || ch.c == u'_';
        const bool other = (ch.c >= u'0' && ch.c <= u'9') || ch.c == u'-';
        if (!(letter || (i > 0 && other)))
            return false;
    }
    return true;
}

QString textOf(const std::vector<Char> &chars, std::size_t from, std::size_t to)
{
    QString text;
    for (std::size_t i = from; i < to; ++i) {
        if (!chars[i].marker)
            text += chars[i].c;
    }
    return text;
}

std::vector<Value> splitValues(const std::vector<Char> &chars, std::size_t from, int wordEnd)
{
    std::vector<Value> values;
    Value current;
    current.position = from < chars.size() ? chars[from].pos : wordEnd;
    auto finish = [&](int endPos) {
        current.length = endPos - current.position;
        values.push_back(std::move(current));
        current = Value();
    };
    for (std::size_t i = from; i < chars.size(); ++i) {
        const Char &ch = chars[i];
        if (ch.is(u',')) {
            finish(ch.pos);
            current.position = ch.pos + 1;
            continue;
        }
        if (ch.marker) {
            current.hadQuote = true;
            continue;
        }
        current.text += ch.c;
        current.wild.push_back(ch.wildcard());
    }
    finish(wordEnd);
    return values;
}

// The entry kinds or directions a value names; wildcards match against the names.
quint32 enumMask(const Value &value, const QStringList &names)
{
    const Pattern pattern = Pattern::compile(value.text, value.wild);
    quint32 mask = 0;
    for (qsizetype i = 0; i < names.size(); ++i) {
        if (pattern.matches(names[i]))
            mask |= 1u << i;
    }
    return mask;
}

std::optional<FilterError> parseFieldTerm(Term &term, const FieldInfo &field, const QString &fieldName,
                                          const std::vector<Char> &chars, std::size_t colon, int wordEnd)
{
    term.type = field.type;
    term.field = field.field;
    const int fieldPos = chars.front().pos;
    if (colon + 1 == chars.size())
        return FilterError{QStringLiteral("empty value after '%1:'").arg(fieldName), fieldPos, int(colon) + 1};
    const std::vector<Value> values = splitValues(chars, colon + 1, wordEnd);
    for (const Value &value : values) {
        if (value.text.isEmpty() && !value.hadQuote) {
            return FilterError{QStringLiteral("empty value in the list for '%1'").arg(fieldName), value.position,
                               std::max(1, value.length)};
        }
        switch (field.type) {
        case TermType::Kind: {
            const QStringList names = kindNames();
            const quint32 mask = enumMask(value, names);
            if (!mask) {
                return FilterError{unknownMessage(QStringLiteral("kind"), value.text, names, QStringLiteral("kinds")),
                                   value.position, std::max(1, value.length)};
            }
            term.kindMask |= mask;
            break;
        }
        case TermType::Dir: {
            const QStringList names = directionNames();
            const quint32 mask = enumMask(value, names);
            if (!mask) {
                return FilterError{unknownMessage(QStringLiteral("direction"), value.text, names,
                                                  QStringLiteral("directions")),
                                   value.position, std::max(1, value.length)};
            }
            term.dirMask |= mask;
            break;
        }
        case TermType::Name:
            term.patterns.push_back(Pattern::compile(value.text, value.wild));
            break;
        case TermType::Text:
            break;
        }
    }
    return std::nullopt;
}

} // namespace

// ---------------------------------------------------------------------------------------------

namespace {
struct ParsedFilter {
    QString text;
    std::vector<Term> terms;  // ANDed, cheapest first
    int caches = 0;            // terms with a per-name cache
};
} // namespace

struct LogFilter::Impl : ParsedFilter {};

struct LogFilter::MatchCache {
    const LogStore *store = nullptr;
    quint64 token = 0;
    std::vector<std::vector<qint8>> caches;  // [cache][name id]: 0 unknown, 1 match, -1 no match
};

namespace {

// Parses `text`; on failure returns the error and leaves `impl` unusable.
std::optional<FilterError> parseText(const QString &text, ParsedFilter &impl)
{
    impl.text = text;
    const int n = int(text.size());
    int i = 0;
    while (true) {
        while (i < n && text[i].isSpace())
            ++i;
        if (i >= n)
            break;
        const int termStart = i;
        bool negate = false;
        if (text[i] == u'-') {
            negate = true;
            ++i;
            if (i >= n || text[i].isSpace())
                return FilterError{QStringLiteral("'-' must be followed by a term"), termStart, 1};
        }
        std::vector<Char> chars;
        while (i < n && !text[i].isSpace()) {
            if (text[i] != u'"') {
                chars.push_back({text[i], i, false, false});
                ++i;
                continue;
            }
            const int quote = i++;
            chars.push_back({QChar(), quote, true, true});
            bool closed = false;
            while (i < n) {
                if (text[i] == u'\\' && i + 1 < n && (text[i + 1] == u'"' || text[i + 1] == u'\\')) {
                    chars.push_back({text[i + 1], i + 1, true, false});
                    i += 2;
                    continue;
                }
                if (text[i] == u'"') {
                    closed = true;
                    ++i;
                    break;
                }
                chars.push_back({text[i], i, true, false});
                ++i;
            }
            if (!closed)
                return FilterError{QStringLiteral("unterminated quote"), quote, n - quote};
        }
        const int wordEnd = i;

        std::size_t colon = 0;
        while (colon < chars.size() && !chars[colon].is(u':'))
            ++colon;
        Term term;
        bool isField = false;
        if (colon < chars.size() && looksLikeFieldName(chars, colon)) {
            const QString name = textOf(chars, 0, colon);
            if (!isProtocolPrefix(name)) {
                const auto field = std::find_if(kFields.begin(), kFields.end(), [&](const FieldInfo &f) {
                    return name.compare(f.name, Qt::CaseInsensitive) == 0;
                });
                if (field == kFields.end()) {
                    return FilterError{unknownMessage(QStringLiteral("field"), name, canonicalFieldNames(),
                                                      QStringLiteral("fields")),
                                       chars.front().pos, int(colon)};
                }
                if (auto error = parseFieldTerm(term, *field, name, chars, colon, wordEnd))
                    return error;
                isField = true;
            }
        }
        if (!isField) {
            term.type = TermType::Text;
            term.text = textOf(chars, 0, chars.size());
            if (term.text.isEmpty())
                continue;  // "" as free text restricts nothing
            term.searcher = ByteSearcher(term.text);
        }
        term.negate = negate;
        impl.terms.push_back(std::move(term));
    }
    // Cheapest first: a row is rejected by its kind before its bytes are searched.
    std::stable_sort(impl.terms.begin(), impl.terms.end(),
                     [](const Term &a, const Term &b) { return int(a.type) < int(b.type); });
    for (Term &term : impl.terms) {
        if (term.type == TermType::Name || term.type == TermType::Text)
            term.cacheIndex = impl.caches++;
    }
    return std::nullopt;
}

// The cached result for a name id; computed once per id.
template <typename Compute>
inline bool cachedById(std::vector<qint8> &cache, quint32 id, Compute compute)
{
    if (id >= cache.size())
        cache.resize(std::size_t(id) + 1 + cache.size() / 2, 0);
    qint8 &state = cache[id];
    if (state == 0)
        state = compute() ? 1 : -1;
    return state > 0;
}

} // namespace

LogFilter::LogFilter() = default;
LogFilter::~LogFilter() = default;

LogFilter::LogFilter(const LogFilter &other)
    : d(other.d)
{
}

LogFilter &LogFilter::operator=(const LogFilter &other)
{
    if (this != &other) {
        d = other.d;
        m_cache.reset();
    }
    return *this;
}

LogFilter::LogFilter(LogFilter &&other) noexcept = default;

LogFilter &LogFilter::operator=(LogFilter &&other) noexcept
{
    d = std::move(other.d);
    m_cache = std::move(other.m_cache);
    return *this;
}

LogFilter LogFilter::parse(const QString &text, FilterError *error)
{
    auto impl = std::make_shared<Impl>();
    LogFilter filter;
    if (const auto failure = parseText(text, *impl)) {
        if (error)
            *error = *failure;
        return filter;  // matches everything
    }
    if (error)
        *error = FilterError();
    filter.d = std::move(impl);
    return filter;
}

std::optional<FilterError> LogFilter::check(const QString &text)
{
    Impl impl;
    return parseText(text, impl);
}

bool LogFilter::isEmpty() const { return !d || d->terms.empty(); }
QString LogFilter::text() const { return d ? d->text : QString(); }

LogFilter::MatchCache &LogFilter::cacheFor(const LogStore &store) const
{
    if (!m_cache)
        m_cache = std::make_unique<MatchCache>();
    MatchCache &cache = *m_cache;
    const quint64 token = store.namesToken();
    if (cache.store != &store || cache.token != token || cache.caches.size() != std::size_t(d->caches)) {
        cache.store = &store;
        cache.token = token;
        cache.caches.assign(std::size_t(d->caches), std::vector<qint8>(store.nameIdCount(), 0));
    }
    return cache;
}

bool LogFilter::matches(const LogStore &store, qsizetype row) const
{
    if (!d || d->terms.empty())
        return true;
    if (row < 0 || row >= store.size())
        return false;
    MatchCache &cache = cacheFor(store);
    for (const Term &term : d->terms) {
        bool hit = false;
        switch (term.type) {
        case TermType::Kind:
            hit = (term.kindMask >> unsigned(store.kindAt(row))) & 1u;
            break;
        case TermType::Dir:
            hit = (term.dirMask >> unsigned(store.directionAt(row))) & 1u;
            break;
        case TermType::Name: {
            const quint32 id = store.nameIdAt(row, term.field);
            hit = cachedById(cache.caches[std::size_t(term.cacheIndex)], id,
                             [&] { return term.matchesName(store.nameForId(id)); });
            break;
        }
        case TermType::Text: {
            std::vector<qint8> &names = cache.caches[std::size_t(term.cacheIndex)];
            const quint32 channel = store.nameIdAt(row, LogStore::NameField::Channel);
            const quint32 event = store.nameIdAt(row, LogStore::NameField::Event);
            hit = cachedById(names, channel, [&] { return term.matchesName(store.nameForId(channel)); })
                  || cachedById(names, event, [&] { return term.matchesName(store.nameForId(event)); })
                  || term.searcher.find(store.rawAt(row)) || term.searcher.find(store.messageUtf8At(row));
            break;
        }
        }
        if (hit == term.negate)
            return false;
    }
    return true;
}

bool LogFilter::matches(const LogEntry &entry) const
{
    if (!d)
        return true;
    for (const Term &term : d->terms) {
        bool hit = false;
        switch (term.type) {
        case TermType::Kind:
            hit = (term.kindMask >> unsigned(entry.kind)) & 1u;
            break;
        case TermType::Dir:
            hit = (term.dirMask >> unsigned(entry.direction)) & 1u;
            break;
        case TermType::Name:
            switch (term.field) {
            case LogStore::NameField::Connection: hit = term.matchesName(entry.connection); break;
            case LogStore::NameField::Channel: hit = term.matchesName(entry.channel); break;
            case LogStore::NameField::Event: hit = term.matchesName(entry.event); break;
            case LogStore::NameField::SocketId: hit = term.matchesName(entry.socketId); break;
            case LogStore::NameField::UserId: hit = term.matchesName(entry.userId); break;
            }
            break;
        case TermType::Text:
            hit = term.matchesName(entry.channel) || term.matchesName(entry.event) || term.searcher.find(entry.raw)
                  || (!entry.message.isEmpty() && term.searcher.find(entry.message.toUtf8()));
            break;
        }
        if (hit == term.negate)
            return false;
    }
    return true;
}

} // namespace cs
