#pragma once
// Byte-level primitives for reading JSON text (UTF-8): white space, where a string ends, which
// escapes are valid and what they mean, where a bare token (number, true, false, null) ends.
// Shared by the codec's frame scanner, the credential masker and the strict checks, so that each
// of these questions is answered once. Nothing here allocates but unescape() and scanString().

#include <QString>

#include <optional>

namespace cs::json {

inline bool isSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
inline bool isDigit(char c) { return c >= '0' && c <= '9'; }
// The value of a hex digit, -1 for anything else.
int hexDigit(char c);
// The characters JSON allows after a backslash: " \ / b f n r t u.
bool isEscapeLetter(char c);

inline const char *skipSpace(const char *p, const char *end)
{
    while (p < end && isSpace(*p))
        ++p;
    return p;
}

// Which bytes a string may hold for findStringEnd() to accept it.
enum class StringBytes {
    Any,             // anything; escapes are skipped, not judged
    PrintableAscii,  // 0x20..0x7f only: the fast frame scanner leaves the rest to the full parser
};

// The closing quote of the JSON string that starts at p (a '"'), stepping over escaped
// characters; null when there is none before `end` or a byte is outside `allowed`. *escaped
// tells whether the string holds a backslash.
const char *findStringEnd(const char *p, const char *end, bool *escaped, StringBytes allowed = StringBytes::Any);

// The code unit of the \uXXXX escape whose 'u' is at u (four hex digits before close).
// Surrogates, paired or not, are left to a full parser: nullopt.
std::optional<char16_t> escapedUnit(const char *u, const char *close);

// Unescapes the ASCII string body [begin, close) into *out (one allocation). False for an escape
// a full parser should judge: unknown letters, surrogates.
bool unescape(const char *begin, const char *close, QString *out);

// True when unescape() would take every escape in [begin, close); builds nothing.
bool escapesAreSimple(const char *begin, const char *close);

// Reads the printable-ASCII string at *p into *out and moves *p past its closing quote. False
// (and *p unchanged) for anything unescape() or findStringEnd(PrintableAscii) refuses.
bool scanString(const char **p, const char *end, QString *out);

// The end of the bare token (number, true, false, null) at p: the first ',', ']', '}', white
// space or NUL byte, or `end`.
const char *bareTokenEnd(const char *p, const char *end);

}  // namespace cs::json
