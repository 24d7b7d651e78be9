#include "canonicaljson.h"

#include <QChar>

#include <algorithm>
#include <cstring>
#include <vector>

namespace cs::canonicaljson {

namespace {

constexpr int kMaxDepth = 200;
constexpr int kMaxPlainDigits = 15;  // decimals of up to 15 digits survive a round trip through double

char hexDigit(uint v) { return "0123456789abcdef"[v & 0xf]; }

// Output written through a pointer into room made beforehand (a QByteArray append per character
// cost more than the rest of a line). The canonical form is never longer than the text it comes
// from, so the room is the text's length.
struct Sink {
    char *base;
    char *w;
    qsizetype size() const { return w - base; }
    Sink &operator+=(char c)
    {
        *w++ = c;
        return *this;
    }
    Sink &operator+=(const char *text)
    {
        while (*text)
            *w++ = *text++;
        return *this;
    }
    void append(const char *p, qsizetype n)
    {
        std::memcpy(w, p, size_t(n));
        w += n;
    }
};

// Qt's escapes: the short ones where JSON has them, \u00XX for other control characters.
void appendEscapedAscii(Sink &out, uint c)
{
    out += '\\';
    switch (c) {
    case '"': out += '"'; break;
    case '\\': out += '\\'; break;
    case '\b': out += 'b'; break;
    case '\f': out += 'f'; break;
    case '\n': out += 'n'; break;
    case '\r': out += 'r'; break;
    case '\t': out += 't'; break;
    default:
        out += "u00";
        out += hexDigit(c >> 4);
        out += hexDigit(c);
    }
}

bool needsEscape(uchar c) { return c < 0x20 || c == '"' || c == '\\'; }

void appendCodePoint(Sink &out, uint cp)
{
    if (cp < 0x80) {
        if (needsEscape(uchar(cp)))
            appendEscapedAscii(out, cp);
        else
            out += char(cp);
    } else if (cp < 0x800) {
        out += char(0xc0 | (cp >> 6));
        out += char(0x80 | (cp & 0x3f));
    } else {
        out += char(0xe0 | (cp >> 12));
        out += char(0x80 | ((cp >> 6) & 0x3f));
        out += char(0x80 | (cp & 0x3f));
    }
}

bool isContinuation(uchar c) { return (c & 0xc0) == 0x80; }

// The length of the valid UTF-8 sequence at p (lead byte >= 0x80), or 0. Noncharacters U+FFFE and
// U+FFFF count as invalid: their fate is left to Qt.
int utf8SequenceLength(const uchar *p, const uchar *end)
{
    const uchar c = p[0];
    const auto left = end - p;
    if (c >= 0xc2 && c <= 0xdf)
        return left >= 2 && isContinuation(p[1]) ? 2 : 0;
    if (c >= 0xe0 && c <= 0xef) {
        if (left < 3 || !isContinuation(p[1]) || !isContinuation(p[2]))
            return 0;
        if ((c == 0xe0 && p[1] < 0xa0) || (c == 0xed && p[1] > 0x9f))
            return 0;  // overlong, or a surrogate
        if (c == 0xef && p[1] == 0xbf && p[2] >= 0xbe)
            return 0;
        return 3;
    }
    if (c >= 0xf0 && c <= 0xf4) {
        if (left < 4 || !isContinuation(p[1]) || !isContinuation(p[2]) || !isContinuation(p[3]))
            return 0;
        if ((c == 0xf0 && p[1] < 0x90) || (c == 0xf4 && p[1] > 0x8f))
            return 0;
        return 4;
    }
    return 0;
}

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

// Reads a strict JSON string at p (on its opening quote) and writes it as Qt would; `decoded`
// writes the text instead (no quotes, no escapes). Flags what matters for object keys.
struct StringScan {
    bool escaped = false;  // the written key holds a backslash
    bool astral = false;   // a character outside the BMP
};

bool scanString(const char *&p, const char *end, Sink &out, bool decoded, StringScan *scan)
{
    ++p;  // the opening quote
    if (!decoded)
        out += '"';
    while (true) {
        const char *run = p;
        while (p < end && uchar(*p) >= 0x20 && *p != '"' && *p != '\\' && uchar(*p) < 0x80)
            ++p;
        out.append(run, p - run);
        if (p >= end)
            return false;
        const auto c = uchar(*p);
        if (c == '"') {
            ++p;
            if (!decoded)
                out += '"';
            return true;
        }
        if (c < 0x20)
            return false;  // JSON.parse refuses raw control characters
        if (c >= 0x80) {
            const int n = utf8SequenceLength(reinterpret_cast<const uchar *>(p), reinterpret_cast<const uchar *>(end));
            if (n == 0)
                return false;
            scan->astral |= n == 4;
            out.append(p, n);
            p += n;
            continue;
        }
        // A backslash.
        if (end - p < 2)
            return false;
        const char e = p[1];
        p += 2;
        uint cp = 0;
        switch (e) {
        case '"': cp = '"'; break;
        case '\\': cp = '\\'; break;
        case '/': cp = '/'; break;
        case 'b': cp = '\b'; break;
        case 'f': cp = '\f'; break;
        case 'n': cp = '\n'; break;
        case 'r': cp = '\r'; break;
        case 't': cp = '\t'; break;
        case 'u': {
            if (end - p < 4)
                return false;
            for (int i = 0; i < 4; ++i) {
                const int h = hexValue(p[i]);
                if (h < 0)
                    return false;
                cp = (cp << 4) | uint(h);
            }
            p += 4;
            if (QChar::isSurrogate(char32_t(cp)) || cp == 0xfffe || cp == 0xffff)
                return false;
            break;
        }
        default: return false;
        }
        if (decoded) {
            if (cp < 0x80)
                out += char(cp);
            else
                appendCodePoint(out, cp);
        } else {
            scan->escaped |= cp < 0x80 && needsEscape(uchar(cp));
            appendCodePoint(out, cp);
        }
    }
}

bool isDigit(char c) { return c >= '0' && c <= '9'; }

struct Member {
    qsizetype begin;  // the key's opening quote in the output
    qsizetype keyLength;
    qsizetype end;  // after the value
};

// Reused between calls, per thread: a line should cost no allocation but its own.
struct Workspace {
    std::vector<Member> members;
    QByteArray scratch;
};

class Canonical {
public:
    Canonical(const char *p, const char *end, Sink &out, Workspace &space)
        : m_p(p),
          m_end(end),
          m_out(out),
          m_members(space.members),
          m_scratch(space.scratch)
    {
        m_members.clear();
    }

    bool document()
    {
        skipSpace();
        if (!value(0))
            return false;
        skipSpace();
        return m_p == m_end;
    }

private:
    void skipSpace()
    {
        while (m_p < m_end && (*m_p == ' ' || *m_p == '\n' || *m_p == '\r' || *m_p == '\t'))
            ++m_p;
    }

    bool value(int depth)
    {
        if (m_p >= m_end || depth > kMaxDepth)
            return false;
        switch (*m_p) {
        case '{': return object(depth);
        case '[': return array(depth);
        case '"': {
            StringScan scan;
            return scanString(m_p, m_end, m_out, false, &scan);
        }
        case 't': return literal("true");
        case 'f': return literal("false");
        case 'n': return literal("null");
        default: return number();
        }
    }

    bool literal(const char *word)
    {
        const auto n = qsizetype(std::strlen(word));
        if (m_end - m_p < n || std::memcmp(m_p, word, size_t(n)) != 0)
            return false;
        m_out.append(word, n);
        m_p += n;
        return true;
    }

    // Plain decimals only, which Qt writes back as they came: integers of up to 15 digits (not
    // "-0"), and fractions of up to 15 digits not ending in 0, with no leading "0.0".
    bool number()
    {
        const char *start = m_p;
        if (m_p < m_end && *m_p == '-')
            ++m_p;
        const char *intStart = m_p;
        while (m_p < m_end && isDigit(*m_p))
            ++m_p;
        const auto intDigits = m_p - intStart;
        if (intDigits == 0 || (intDigits > 1 && *intStart == '0'))
            return false;
        qsizetype significant = *intStart == '0' ? 0 : intDigits;
        if (m_p < m_end && *m_p == '.') {
            ++m_p;
            const char *fracStart = m_p;
            while (m_p < m_end && isDigit(*m_p))
                ++m_p;
            if (m_p == fracStart || m_p[-1] == '0' || (significant == 0 && *fracStart == '0'))
                return false;
            significant += m_p - fracStart;
        } else if (intDigits == 1 && *intStart == '0' && intStart != start) {
            return false;  // "-0": Qt writes 0
        }
        if (significant > kMaxPlainDigits)
            return false;
        if (m_p < m_end && (*m_p == 'e' || *m_p == 'E'))
            return false;
        m_out.append(start, m_p - start);
        return true;
    }

    bool array(int depth)
    {
        ++m_p;
        m_out += '[';
        skipSpace();
        if (m_p < m_end && *m_p == ']') {
            ++m_p;
            m_out += ']';
            return true;
        }
        while (true) {
            skipSpace();
            if (!value(depth + 1))
                return false;
            skipSpace();
            if (m_p >= m_end)
                return false;
            const char c = *m_p++;
            m_out += c;
            if (c == ']')
                return true;
            if (c != ',')
                return false;
        }
    }

    bool object(int depth)
    {
        ++m_p;
        const qsizetype open = m_out.size();
        m_out += '{';
        skipSpace();
        if (m_p < m_end && *m_p == '}') {
            ++m_p;
            m_out += '}';
            return true;
        }
        const std::size_t base = m_members.size();
        bool sorted = true;
        while (true) {
            skipSpace();
            if (m_p >= m_end || *m_p != '"')
                return false;
            Member member{m_out.size(), 0, 0};
            StringScan scan;
            if (!scanString(m_p, m_end, m_out, false, &scan) || scan.escaped || scan.astral)
                return false;  // Qt's order of such keys is left to Qt
            member.keyLength = m_out.size() - member.begin - 2;
            skipSpace();
            if (m_p >= m_end || *m_p != ':')
                return false;
            ++m_p;
            m_out += ':';
            skipSpace();
            if (!value(depth + 1))
                return false;
            member.end = m_out.size();
            if (m_members.size() > base) {
                const int order = compareKeys(m_members.back(), member);
                if (order == 0)
                    return false;  // a duplicate: which one Qt keeps is left to Qt
                sorted &= order < 0;
            }
            m_members.push_back(member);
            skipSpace();
            if (m_p >= m_end)
                return false;
            const char c = *m_p++;
            if (c == '}')
                break;
            if (c != ',')
                return false;
            m_out += ',';
        }
        m_out += '}';
        const bool ok = sorted || sortMembers(base, open);
        m_members.resize(base);
        return ok;
    }

    QByteArrayView key(const Member &m) const { return {m_out.base + m.begin + 1, m.keyLength}; }

    int compareKeys(const Member &a, const Member &b) const
    {
        const QByteArrayView x = key(a), y = key(b);
        const int c = std::memcmp(x.data(), y.data(), size_t(std::min(x.size(), y.size())));
        if (c != 0)
            return c;
        return x.size() < y.size() ? -1 : (x.size() > y.size() ? 1 : 0);
    }

    // Rewrites the object at `open` with its members in key order (UTF-8 byte order is code
    // point order, which is Qt's order for keys inside the BMP).
    bool sortMembers(std::size_t base, qsizetype open)
    {
        const auto first = m_members.begin() + std::ptrdiff_t(base);
        std::sort(first, m_members.end(), [this](const Member &a, const Member &b) { return compareKeys(a, b) < 0; });
        for (auto it = first; it + 1 < m_members.end(); ++it) {
            if (compareKeys(*it, *(it + 1)) == 0)
                return false;
        }
        m_scratch.clear();
        m_scratch += '{';
        for (auto it = first; it < m_members.end(); ++it) {
            if (it != first)
                m_scratch += ',';
            m_scratch.append(m_out.base + it->begin, it->end - it->begin);
        }
        m_scratch += '}';
        Q_ASSERT(m_scratch.size() == m_out.size() - open);
        std::memcpy(m_out.base + open, m_scratch.constData(), size_t(m_scratch.size()));
        return true;
    }

    const char *m_p;
    const char *m_end;
    Sink &m_out;
    std::vector<Member> &m_members;
    QByteArray &m_scratch;
};

}  // namespace

bool append(QByteArray &out, QByteArrayView json)
{
    const qsizetype mark = out.size();
    out.resize(mark + json.size());
    Sink sink{out.data() + mark, out.data() + mark};
    thread_local Workspace space;
    Canonical canonical(json.data(), json.data() + json.size(), sink, space);
    const bool ok = canonical.document();
    out.truncate(ok ? mark + sink.size() : mark);
    return ok;
}

namespace {

// Writing through a pointer into room made beforehand: a QByteArray append per character costs
// more than the rest of a line (perf, export of a million entries).
char *writeEscapedAscii(char *w, uint c)
{
    *w++ = '\\';
    switch (c) {
    case '"': *w++ = '"'; break;
    case '\\': *w++ = '\\'; break;
    case '\b': *w++ = 'b'; break;
    case '\f': *w++ = 'f'; break;
    case '\n': *w++ = 'n'; break;
    case '\r': *w++ = 'r'; break;
    case '\t': *w++ = 't'; break;
    default:
        *w++ = 'u';
        *w++ = '0';
        *w++ = '0';
        *w++ = hexDigit(c >> 4);
        *w++ = hexDigit(c);
    }
    return w;
}

// Makes room for `worst` more bytes and returns where to write; finishWriting() trims.
char *startWriting(QByteArray &out, qsizetype worst)
{
    const qsizetype size = out.size();
    out.resize(size + worst);
    return out.data() + size;
}

void finishWriting(QByteArray &out, const char *w) { out.resize(w - out.constData()); }

}  // namespace

void appendString(QByteArray &out, QStringView text)
{
    // At most 6 bytes per UTF-16 unit (\uXXXX), and the quotes.
    char *w = startWriting(out, 6 * text.size() + 2);
    *w++ = '"';
    const char16_t *p = text.utf16();
    const char16_t *const end = p + text.size();
    while (p < end) {
        const char16_t u = *p++;
        if (u < 0x80) {
            if (needsEscape(uchar(u)))
                w = writeEscapedAscii(w, u);
            else
                *w++ = char(u);
        } else if (u < 0x800) {
            *w++ = char(0xc0 | (u >> 6));
            *w++ = char(0x80 | (u & 0x3f));
        } else if (!QChar::isSurrogate(u)) {
            *w++ = char(0xe0 | (u >> 12));
            *w++ = char(0x80 | ((u >> 6) & 0x3f));
            *w++ = char(0x80 | (u & 0x3f));
        } else if (QChar::isHighSurrogate(u) && p < end && QChar::isLowSurrogate(*p)) {
            const char32_t cp = QChar::surrogateToUcs4(u, *p++);
            *w++ = char(0xf0 | (cp >> 18));
            *w++ = char(0x80 | ((cp >> 12) & 0x3f));
            *w++ = char(0x80 | ((cp >> 6) & 0x3f));
            *w++ = char(0x80 | (cp & 0x3f));
        } else {
            *w++ = '\\';
            *w++ = 'u';
            for (int shift = 12; shift >= 0; shift -= 4)
                *w++ = hexDigit(uint(u) >> shift);
        }
    }
    *w++ = '"';
    finishWriting(out, w);
}

bool appendUtf8String(QByteArray &out, QByteArrayView utf8)
{
    const auto *p = reinterpret_cast<const uchar *>(utf8.data());
    const auto *const end = p + utf8.size();
    if (end - p >= 3 && p[0] == 0xef && p[1] == 0xbb && p[2] == 0xbf)
        return false;  // a byte order mark: what fromUtf8 makes of it is left to Qt
    const qsizetype mark = out.size();
    char *w = startWriting(out, 6 * utf8.size() + 2);
    *w++ = '"';
    while (p < end) {
        const auto *run = p;
        while (p < end && *p < 0x80 && !needsEscape(*p))
            ++p;
        std::memcpy(w, run, size_t(p - run));
        w += p - run;
        if (p >= end)
            break;
        if (*p < 0x80) {
            w = writeEscapedAscii(w, *p++);
            continue;
        }
        const int n = utf8SequenceLength(p, end);
        if (n == 0) {
            out.truncate(mark);
            return false;
        }
        std::memcpy(w, p, size_t(n));
        w += n;
        p += n;
    }
    *w++ = '"';
    finishWriting(out, w);
    return true;
}

bool decodeString(QByteArrayView token, QByteArray *text)
{
    const char *p = token.data();
    const char *const end = p + token.size();
    text->resize(token.size());
    Sink sink{text->data(), text->data()};
    StringScan scan;
    const bool ok = p < end && *p == '"' && scanString(p, end, sink, true, &scan) && p == end;
    text->truncate(ok ? sink.size() : 0);
    return ok;
}

}  // namespace cs::canonicaljson
