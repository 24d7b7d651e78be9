#pragma once
// Byte-level primitives for reading JSON text (UTF-8): white space, where a string ends, which
// escapes are valid, where a bare token (number, true, false, null) ends. Shared by the
// credential masker and the strict checks, so that each of these questions is answered once.
// (Frames and data are read by simdjson: fastjson.h.) Nothing here allocates.

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

// The closing quote of the JSON string that starts at p (a '"'), stepping over escaped
// characters (not judged); null when there is none before `end`. *escaped tells whether the
// string holds a backslash.
const char *findStringEnd(const char *p, const char *end, bool *escaped);

// The end of the bare token (number, true, false, null) at p: the first ',', ']', '}', white
// space or NUL byte, or `end`.
const char *bareTokenEnd(const char *p, const char *end);

}  // namespace cs::json
