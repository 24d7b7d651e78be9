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

const char *findStringEnd(const char *p, const char *end, bool *escaped)
{
    *escaped = false;
    if (p >= end || *p != '"')
        return nullptr;
    for (++p; p < end; ++p) {
        if (*p == '"')
            return p;
        if (*p == '\\') {
            *escaped = true;
            if (++p >= end)  // the escaped character cannot end the string; it is judged elsewhere
                return nullptr;
        }
    }
    return nullptr;
}

const char *bareTokenEnd(const char *p, const char *end)
{
    while (p < end && *p != '\0' && !std::strchr(",]} \t\r\n", *p))
        ++p;
    return p;
}

}  // namespace cs::json
