#include "redact.h"

#include <QByteArrayList>

namespace cs {

namespace {

const QByteArray kBullets = QByteArrayLiteral("\xE2\x80\xA2\xE2\x80\xA2\xE2\x80\xA2\xE2\x80\xA2");  // "••••"
constexpr qsizetype kShownTail = 4;
constexpr qsizetype kShortValue = 8;

bool isCookieHeader(const QByteArray &lowerName)
{
    return lowerName == "cookie" || lowerName == "set-cookie";
}

// "Bearer", "Basic", "Token", "Digest"…: a single word of letters before a space.
qsizetype schemeLength(const QByteArray &value)
{
    const qsizetype space = value.indexOf(' ');
    if (space <= 0)
        return 0;
    for (qsizetype i = 0; i < space; ++i) {
        const char c = value.at(i);
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '-'))
            return 0;
    }
    return space;
}

} // namespace

bool isCredentialHeader(const QByteArray &name)
{
    const QByteArray lower = name.trimmed().toLower();
    if (lower.isEmpty())
        return false;
    static const char *const kExact[] = {"authorization", "proxy-authorization", "cookie", "set-cookie",
                                         "x-csrf-token", "x-xsrf-token"};
    for (const char *exact : kExact) {
        if (lower == exact)
            return true;
    }
    static const char *const kParts[] = {"token", "secret", "key", "auth", "session", "cookie", "password"};
    for (const char *part : kParts) {
        if (lower.contains(part))
            return true;
    }
    return false;
}

QByteArray maskCredential(const QByteArray &value)
{
    if (value.isEmpty())
        return value;
    if (value.size() <= kShortValue)
        return kBullets;
    // Keep whole UTF-8 characters in the tail.
    qsizetype start = value.size() - kShownTail;
    while (start > 0 && (uchar(value.at(start)) & 0xC0) == 0x80)
        --start;
    return kBullets + value.mid(start);
}

QByteArray maskHeaderValue(const QByteArray &name, const QByteArray &value)
{
    if (!isCredentialHeader(name))
        return value;
    const QByteArray lower = name.trimmed().toLower();
    if (isCookieHeader(lower)) {
        QByteArrayList parts;
        for (const QByteArray &part : value.split(';')) {
            const QByteArray cookie = part.trimmed();
            const qsizetype eq = cookie.indexOf('=');
            if (eq < 0) {
                parts << maskCredential(cookie);
                continue;
            }
            parts << cookie.left(eq + 1) + maskCredential(cookie.mid(eq + 1));
        }
        return parts.join("; ");
    }
    const qsizetype scheme = schemeLength(value);
    if (scheme > 0)
        return value.left(scheme + 1) + maskCredential(value.mid(scheme + 1).trimmed());
    return maskCredential(value.trimmed());
}

} // namespace cs
