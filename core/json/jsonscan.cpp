#include "jsonscan.h"

#include <cstring>

namespace cs::json {

int hexDigit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    c = char(c | 0x20);
    return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

bool isEscapeLetter(char c) { return c != '\0' && std::strchr("\"\\/bfnrtu", c) != nullptr; }

const char *findStringEnd(const char *p, const char *end, bool *escaped, StringBytes allowed)
{
    *escaped = false;
    if (p >= end || *p != '"')
        return nullptr;
    const bool asciiOnly = allowed == StringBytes::PrintableAscii;
    for (++p; p < end; ++p) {
        const auto c = static_cast<unsigned char>(*p);
        if (c == '"')
            return p;
        if (asciiOnly && (c < 0x20 || c >= 0x80))
            return nullptr;
        if (c == '\\') {
            *escaped = true;
            if (++p >= end)  // the escaped character cannot end the string; it is judged elsewhere
                return nullptr;
        }
    }
    return nullptr;
}

std::optional<char16_t> escapedUnit(const char *u, const char *close)
{
    if (close - u < 5)
        return std::nullopt;
    int unit = 0;
    for (int i = 1; i <= 4; ++i) {
        const int digit = hexDigit(u[i]);
        if (digit < 0)
            return std::nullopt;
        unit = unit * 16 + digit;
    }
    if (unit >= 0xD800 && unit <= 0xDFFF)
        return std::nullopt;
    return char16_t(unit);
}

bool unescape(const char *begin, const char *close, QString *out)
{
    QString text(close - begin, Qt::Uninitialized);
    auto *d = reinterpret_cast<char16_t *>(text.data());
    char16_t *const start = d;
    for (const char *q = begin; q < close; ++q) {
        if (*q != '\\') {
            *d++ = char16_t(static_cast<unsigned char>(*q));
            continue;
        }
        switch (*++q) {
        case '"': *d++ = u'"'; break;
        case '\\': *d++ = u'\\'; break;
        case '/': *d++ = u'/'; break;
        case 'b': *d++ = u'\b'; break;
        case 'f': *d++ = u'\f'; break;
        case 'n': *d++ = u'\n'; break;
        case 'r': *d++ = u'\r'; break;
        case 't': *d++ = u'\t'; break;
        case 'u': {
            const std::optional<char16_t> unit = escapedUnit(q, close);
            if (!unit)
                return false;
            *d++ = *unit;
            q += 4;
            break;
        }
        default: return false;
        }
    }
    text.truncate(d - start);
    *out = std::move(text);
    return true;
}

bool escapesAreSimple(const char *begin, const char *close)
{
    for (const char *q = begin; (q = static_cast<const char *>(std::memchr(q, '\\', close - q)));) {
        switch (*++q) {
        case '"':
        case '\\':
        case '/':
        case 'b':
        case 'f':
        case 'n':
        case 'r':
        case 't': break;
        case 'u':
            if (!escapedUnit(q, close))
                return false;
            q += 4;
            break;
        default: return false;
        }
        ++q;
    }
    return true;
}

bool scanString(const char **p, const char *end, QString *out)
{
    bool escaped = false;
    const char *close = findStringEnd(*p, end, &escaped, StringBytes::PrintableAscii);
    if (!close)
        return false;
    const char *begin = *p + 1;
    if (escaped) {
        if (!unescape(begin, close, out))
            return false;
    } else {
        *out = QString::fromLatin1(begin, close - begin);
    }
    *p = close + 1;
    return true;
}

const char *bareTokenEnd(const char *p, const char *end)
{
    while (p < end && *p != '\0' && !std::strchr(",]} \t\r\n", *p))
        ++p;
    return p;
}

}  // namespace cs::json
