#pragma once
// Masking of credentials for the log, the UI and every export: header values that carry
// credentials (Authorization, Cookie, CSRF tokens, API keys…) are shown as "Bearer ••••1a2b":
// the scheme is kept, everything but the last 4 characters is hidden. Shared by core, UI and CLI.

#include <QByteArray>
#include <QString>

namespace cs {

// Authorization, Cookie, Set-Cookie, X-CSRF-Token, X-XSRF-Token, Proxy-Authorization, and any
// name containing "token", "secret", "key", "auth", "session", "cookie" or "password"
// (case-insensitive).
bool isCredentialHeader(const QByteArray &name);
inline bool isCredentialHeader(const QString &name) { return isCredentialHeader(name.toUtf8()); }

// The value as it may be shown: unchanged for other headers; for credential headers the scheme
// ("Bearer", "Basic", …) is kept and the rest masked ("••••1a2b"); cookies are masked per value
// ("session=••••9f3e; theme=••••dark"). Values of 8 characters or fewer are masked entirely.
QByteArray maskHeaderValue(const QByteArray &name, const QByteArray &value);

// "••••" + the last 4 characters (all masked when the value is 8 characters or fewer).
QByteArray maskCredential(const QByteArray &value);

// A request parameter (form or JSON body) whose name looks like a credential: same rule as headers.
inline bool isCredentialParam(const QString &name) { return isCredentialHeader(name.toUtf8()); }

} // namespace cs
