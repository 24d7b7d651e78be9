#pragma once
// Masking of credentials for the log, the UI and every export: header values that carry
// credentials (Authorization, Cookie, CSRF tokens, API keys…) are shown as "Bearer ••••1a2b":
// the scheme is kept, everything but the last 4 characters is hidden. Bodies (JSON or
// form-encoded) get the values of credential-like members masked the same way. Shared by core,
// UI and CLI.

#include <QByteArray>
#include <QJsonObject>
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

// "••••" + the last 4 characters (all masked when the value is 8 characters or fewer). A value
// that is already masked is returned unchanged, so masking twice changes nothing.
QByteArray maskCredential(const QByteArray &value);

// A request parameter (form or JSON body) whose name looks like a credential: same rule as headers.
inline bool isCredentialParam(const QString &name) { return isCredentialHeader(name.toUtf8()); }

// A member of a body (JSON key or form field) whose value is a credential: token, access_token,
// refresh_token, id_token, password, secret, client_secret, shared_secret, api_key, apikey,
// session, session_id, cookie, csrf/xsrf tokens, authorization, private_key… Secrets, passwords
// and keys are masked entirely, tokens and sessions keep their last 4 characters. Narrower than the
// header rule on purpose: Pusher's own "auth", "auth_key", "auth_signature", "channel_data" and
// "user_data" are what a debug console is for, and they are not credentials.
bool isCredentialField(const QString &name);

// The body with the values of credential fields masked: JSON (any depth; the text is kept as it
// was everywhere else, so member order and spacing stay) or form-encoded "k=v&k=v". Other bodies
// come back unchanged.
QByteArray maskCredentialsInBody(const QByteArray &body);

// The URL text without user info and with credential fields of the query masked (?token=…).
QString maskCredentialsInUrl(const QString &url);

// A local entry's details object as it may leave the machine (log, export): "headers" values
// masked by header name, "body" by maskCredentialsInBody, "url" by maskCredentialsInUrl.
// Idempotent: the log already holds masked details; exports apply it again so that nothing
// depends on every writer having been careful.
QJsonObject redactDetails(const QJsonObject &details);

}  // namespace cs
