#include "filtermatcher.h"

#include <algorithm>
#include <bit>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace cs::filter {

namespace {

// ---------------------------------------------------------------------------------------------
// Byte search: with SSE2 it looks at 16 positions at once, keeping those where both the needle's
// first and last byte fit (letters folded with | 0x20), and compares only those; elsewhere it is
// a Horspool search.

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

bool equalsAt(const unsigned char *h, const unsigned char *n, qsizetype m)
{
    for (qsizetype j = 0; j < m; ++j) {
        if (kLower[h[j]] != n[j])
            return false;
    }
    return true;
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

// Drops the cache when it was made for another store or before the store's names changed.
void refresh(MatchCache &cache, const ParsedFilter &filter, const LogStore &store)
{
    const quint64 token = store.namesToken();
    if (cache.store != &store || cache.token != token || cache.caches.size() != std::size_t(filter.caches)) {
        cache.store = &store;
        cache.token = token;
        cache.caches.assign(std::size_t(filter.caches), std::vector<qint8>(store.nameIdCount(), 0));
        cache.violations = nullptr;
    }
    if (!cache.violations && filter.violates)
        cache.violations = ViolationIndex::of(store);
}

}  // namespace

ByteSearcher::ByteSearcher(const QString &needle) : m_needle(needle.toUtf8())
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

bool ByteSearcher::find(QByteArrayView haystack) const
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

// ---------------------------------------------------------------------------------------------
// Patterns

Pattern Pattern::compile(const QString &text, const std::vector<bool> &wild)
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

bool Pattern::matches(QStringView s) const
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

// ---------------------------------------------------------------------------------------------
// Terms

bool Term::matchesName(QStringView name) const
{
    if (type == TermType::Text)
        return !name.isEmpty() && name.contains(text, Qt::CaseInsensitive);
    for (const Pattern &p : patterns) {
        if (p.matches(name))
            return true;
    }
    return false;
}

namespace {

// violates:any, or a violation of a contract (or of an event) the term names.
bool violates(const Term &term, const ViolationIndex *index, const LogStore &store, qsizetype row)
{
    if (!index)
        return false;
    const QList<Violation> violations = index->violationsAt(row);
    if (violations.isEmpty() || term.anyViolation)
        return !violations.isEmpty();
    if (term.matchesName(store.eventAt(row)))
        return true;
    for (const Violation &v : violations) {
        if (term.matchesName(v.contract))
            return true;
    }
    return false;
}

const QByteArray kSignatureMember = QByteArrayLiteral("\"signature\":\"");
const QByteArray kSignatureValid = QByteArrayLiteral("\"signature\":\"valid\"");

// sig:ok is a checked signature that matched; sig:bad one that was checked and did not.
bool signatureHit(const Term &term, QByteArrayView raw)
{
    const bool checked = raw.indexOf(kSignatureMember) >= 0;
    if (!checked)
        return false;
    const bool valid = raw.indexOf(kSignatureValid) >= 0;
    return term.sigValid ? valid : !valid;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Matching: every term must hit (or miss, when negated); the first that fails ends it.

bool matchesRow(const ParsedFilter &filter, MatchCache &cache, const LogStore &store, qsizetype row)
{
    if (filter.terms.empty())
        return true;
    if (row < 0 || row >= store.size())
        return false;
    refresh(cache, filter, store);
    for (const Term &term : filter.terms) {
        bool hit = false;
        switch (term.type) {
        case TermType::Kind: hit = (term.kindMask >> unsigned(store.kindAt(row))) & 1u; break;
        case TermType::Dir: hit = (term.dirMask >> unsigned(store.directionAt(row))) & 1u; break;
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
        case TermType::Violates: hit = violates(term, cache.violations, store, row); break;
        case TermType::Source: {
            const quint32 id = store.nameIdAt(row, LogStore::NameField::Connection);
            const bool tapped = cachedById(cache.caches[std::size_t(term.cacheIndex)], id,
                                           [&] { return store.nameForId(id).startsWith(kTapConnectionPrefix); });
            EntrySource source = entrySource(store.kindAt(row), QStringView());
            if (source == EntrySource::Console && tapped)
                source = EntrySource::Tap;
            hit = (term.sourceMask >> unsigned(source)) & 1u;
            break;
        }
        case TermType::Sig: hit = signatureHit(term, store.rawAt(row)); break;
        }
        if (hit == term.negate)
            return false;
    }
    return true;
}

bool matchesEntry(const ParsedFilter &filter, const LogEntry &entry)
{
    for (const Term &term : filter.terms) {
        bool hit = false;
        switch (term.type) {
        case TermType::Kind: hit = (term.kindMask >> unsigned(entry.kind)) & 1u; break;
        case TermType::Dir: hit = (term.dirMask >> unsigned(entry.direction)) & 1u; break;
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
        case TermType::Violates: hit = false; break;
        case TermType::Source:
            hit = (term.sourceMask >> unsigned(entrySource(entry.kind, entry.connection))) & 1u;
            break;
        case TermType::Sig: hit = signatureHit(term, entry.raw); break;
        }
        if (hit == term.negate)
            return false;
    }
    return true;
}

}  // namespace cs::filter
