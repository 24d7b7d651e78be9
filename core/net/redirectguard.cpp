#include "redirectguard.h"

#include <QNetworkReply>
#include <QNetworkRequest>

namespace cs {

namespace {

int portOf(const QUrl &url)
{
    const QString scheme = url.scheme().toLower();
    const int fallback = scheme == u"https" || scheme == u"wss" ? 443 : scheme == u"http" || scheme == u"ws" ? 80 : -1;
    return url.port(fallback);
}

}  // namespace

bool isSameOrigin(const QUrl &a, const QUrl &b)
{
    return a.scheme().compare(b.scheme(), Qt::CaseInsensitive) == 0
           && a.host().compare(b.host(), Qt::CaseInsensitive) == 0 && portOf(a) == portOf(b);
}

QString originText(const QUrl &url)
{
    return url.adjusted(QUrl::RemoveUserInfo | QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveFragment).toString();
}

void verifyRedirects(QNetworkRequest &request)
{
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::UserVerifiedRedirectPolicy);
}

void guardRedirects(QNetworkReply *reply, const QUrl &origin, std::function<void(const QUrl &target)> onRefused)
{
    QObject::connect(reply, &QNetworkReply::redirected, reply, [reply, origin, onRefused](const QUrl &target) {
        const QUrl resolved = reply->url().resolved(target);
        if (isSameOrigin(origin, resolved)) {
            Q_EMIT reply->redirectAllowed();
            return;
        }
        if (onRefused)
            onRefused(resolved);
        // Not from inside the redirect signal: the reply is still handling it.
        QMetaObject::invokeMethod(reply, &QNetworkReply::abort, Qt::QueuedConnection);
    });
}

}  // namespace cs
