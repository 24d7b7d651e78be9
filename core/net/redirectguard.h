#pragma once
// Redirects of requests that carry credentials. An auth endpoint's request holds the user's
// headers (Authorization, Cookie, every header the user configured: all secrets), so a redirect
// to another origin (scheme, host or port differ) is refused, not followed with the headers
// dropped: a refusal is visible and says why, while a silently header-less request would only
// fail later with a puzzling 401. Same-origin redirects are followed with the headers.

#include <QUrl>

#include <functional>

class QNetworkReply;
class QNetworkRequest;

namespace cs {

// Scheme, host and port (the scheme's default port when none is given) are equal.
bool isSameOrigin(const QUrl &a, const QUrl &b);
// "https://host:port" of a URL, without user info, path or query: what a message may name.
QString originText(const QUrl &url);

// Puts the request under user-verified redirects; guardRedirects() then decides each one.
void verifyRedirects(QNetworkRequest &request);
// Allows redirects that stay on the origin of `origin`; any other aborts the reply (queued, once
// the redirect signal has returned) after calling onRefused with the refused target.
void guardRedirects(QNetworkReply *reply, const QUrl &origin, std::function<void(const QUrl &target)> onRefused);

}  // namespace cs
