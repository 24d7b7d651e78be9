#include "filterparser.h"

#include "names.h"

#include <algorithm>
#include <array>
#include <optional>
#include <vector>

namespace cs::filter {

namespace {

FilterError syntaxError(const QString &message, int position, int length)
{
    return FilterError{{ErrorCode::FilterSyntax, message}, position, length};
}

// ---------------------------------------------------------------------------------------------
// Fields, and the names suggested when one is misspelt

struct FieldInfo {
    QLatin1StringView name;
    TermType type;
    LogStore::NameField field;
};

// The canonical names first (in the order of error messages), then accepted aliases.
const std::array<FieldInfo, 15> kFields{{
    {QLatin1StringView("channel"), TermType::Name, LogStore::NameField::Channel},
    {QLatin1StringView("event"), TermType::Name, LogStore::NameField::Event},
    {QLatin1StringView("kind"), TermType::Kind, LogStore::NameField::Channel},
    {QLatin1StringView("dir"), TermType::Dir, LogStore::NameField::Channel},
    {QLatin1StringView("user"), TermType::Name, LogStore::NameField::UserId},
    {QLatin1StringView("socket"), TermType::Name, LogStore::NameField::SocketId},
    {QLatin1StringView("conn"), TermType::Name, LogStore::NameField::Connection},
    {QLatin1StringView("violates"), TermType::Violates, LogStore::NameField::Event},
    {QLatin1StringView("source"), TermType::Source, LogStore::NameField::Connection},
    {QLatin1StringView("sig"), TermType::Sig, LogStore::NameField::Channel},
    {QLatin1StringView("direction"), TermType::Dir, LogStore::NameField::Channel},
    {QLatin1StringView("user_id"), TermType::Name, LogStore::NameField::UserId},
    {QLatin1StringView("socket_id"), TermType::Name, LogStore::NameField::SocketId},
    {QLatin1StringView("connection"), TermType::Name, LogStore::NameField::Connection},
    {QLatin1StringView("client"), TermType::Name, LogStore::NameField::Connection},  // a ClientSet client's name
}};
constexpr std::size_t kCanonicalFields = 10;

// The closest of `names` to `typed`, or empty when none is close enough to suggest.
QString closest(const QString &typed, const QStringList &names)
{
    QString best;
    int bestDistance = 1 << 30;
    for (const QString &name : names) {
        int distance = editDistance(typed, name, Qt::CaseInsensitive);
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

QStringList sourceNames()
{
    QStringList names;
    for (int s = 0; s < kEntrySourceCount; ++s)
        names.append(entrySourceName(EntrySource(s)));
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
    int pos = 0;  // in the filter text
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
        return syntaxError(QStringLiteral("empty value after '%1:'").arg(fieldName), fieldPos, int(colon) + 1);
    const std::vector<Value> values = splitValues(chars, colon + 1, wordEnd);
    for (const Value &value : values) {
        if (value.text.isEmpty() && !value.hadQuote) {
            return syntaxError(QStringLiteral("empty value in the list for '%1'").arg(fieldName), value.position,
                               std::max(1, value.length));
        }
        switch (field.type) {
        case TermType::Kind: {
            const QStringList names = kindNames();
            const quint32 mask = enumMask(value, names);
            if (!mask) {
                return syntaxError(unknownMessage(QStringLiteral("kind"), value.text, names, QStringLiteral("kinds")),
                                   value.position, std::max(1, value.length));
            }
            term.kindMask |= mask;
            break;
        }
        case TermType::Dir: {
            const QStringList names = directionNames();
            const quint32 mask = enumMask(value, names);
            if (!mask) {
                return syntaxError(unknownMessage(QStringLiteral("direction"), value.text, names,
                                                  QStringLiteral("directions")),
                                   value.position, std::max(1, value.length));
            }
            term.dirMask |= mask;
            break;
        }
        case TermType::Name: term.patterns.push_back(Pattern::compile(value.text, value.wild)); break;
        case TermType::Source: {
            // "own" is the console's own connection, as people say it.
            QStringList names = sourceNames();
            const bool own = value.text.compare(QLatin1StringView("own"), Qt::CaseInsensitive) == 0;
            const quint32 mask = own ? 1u << unsigned(EntrySource::Console) : enumMask(value, names);
            if (!mask) {
                return syntaxError(unknownMessage(QStringLiteral("source"), value.text, names << QStringLiteral("own"),
                                                  QStringLiteral("sources")),
                                   value.position, std::max(1, value.length));
            }
            term.sourceMask |= mask;
            break;
        }
        case TermType::Sig: {
            const bool ok = value.text.compare(QLatin1StringView("ok"), Qt::CaseInsensitive) == 0
                            || value.text.compare(QLatin1StringView("valid"), Qt::CaseInsensitive) == 0;
            const bool bad = value.text.compare(QLatin1StringView("bad"), Qt::CaseInsensitive) == 0;
            if ((!ok && !bad) || values.size() > 1) {
                return syntaxError(unknownMessage(QStringLiteral("signature verdict"), value.text,
                                                  {QStringLiteral("ok"), QStringLiteral("bad")}, QStringLiteral("use")),
                                   value.position, std::max(1, value.length));
            }
            term.sigValid = ok;
            break;
        }
        case TermType::Violates:
            // violates:any is any violation; anything else names a contract or an event.
            if (!value.hadQuote && value.text.compare(QLatin1StringView("any"), Qt::CaseInsensitive) == 0)
                term.anyViolation = true;
            else
                term.patterns.push_back(Pattern::compile(value.text, value.wild));
            break;
        case TermType::Text: break;
        }
    }
    return std::nullopt;
}

// Parses `text` into `parsed`; on failure returns the error and leaves `parsed` unusable.
std::optional<FilterError> parseText(const QString &text, ParsedFilter &parsed)
{
    parsed.text = text;
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
                return syntaxError(QStringLiteral("'-' must be followed by a term"), termStart, 1);
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
                return syntaxError(QStringLiteral("unterminated quote"), quote, n - quote);
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
                    return syntaxError(unknownMessage(QStringLiteral("field"), name, canonicalFieldNames(),
                                                      QStringLiteral("fields")),
                                       chars.front().pos, int(colon));
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
        parsed.violates = parsed.violates || term.type == TermType::Violates;
        parsed.terms.push_back(std::move(term));
    }
    // Cheapest first: a row is rejected by its kind before its bytes are searched.
    std::stable_sort(parsed.terms.begin(), parsed.terms.end(),
                     [](const Term &a, const Term &b) { return int(a.type) < int(b.type); });
    for (Term &term : parsed.terms) {
        if (term.type == TermType::Name || term.type == TermType::Text || term.type == TermType::Source)
            term.cacheIndex = parsed.caches++;
    }
    return std::nullopt;
}

}  // namespace

Result<ParsedFilter, FilterError> parseFilter(const QString &text)
{
    ParsedFilter parsed;
    if (auto error = parseText(text, parsed))
        return std::move(*error);
    return parsed;
}

}  // namespace cs::filter
