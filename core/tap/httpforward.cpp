#include "httpforward.h"

#include "httplimits.h"
#include "tlspolicy.h"

#include <QElapsedTimer>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

#include <memory>

namespace cs::tap {

namespace {

bool isHopHeader(const QByteArray &name)
{
    static const QByteArray hop[] = {"host",       "connection",       "content-length", "transfer-encoding",
                                     "keep-alive", "proxy-connection", "upgrade",        "te"};
    for (const QByteArray &h : hop) {
        if (name.compare(h, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

}  // namespace

QUrl upstreamUrl(const QUrl &origin, const QByteArray &target)
{
    QUrl base = origin;
    base.setPath(QString());
    base.setQuery(QString());
    base.setFragment(QString());
    QByteArray encoded = base.toEncoded();
    while (encoded.endsWith('/'))
        encoded.chop(1);
    return QUrl::fromEncoded(encoded + (target.startsWith('/') ? target : '/' + target));
}

void forwardHttp(QNetworkAccessManager *network, const QUrl &url, const QByteArray &method, const HttpHeaders &headers,
                 const QByteArray &body, const QString &pinnedSha256, std::function<void(const ForwardResult &)> done)
{
    QNetworkRequest request(url);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    bool clientEncoding = false;  // else Qt asks for gzip itself and hands back the body decoded
    for (const auto &[name, value] : headers) {
        if (!isHopHeader(name))
            request.setRawHeader(name, value);
        clientEncoding = clientEncoding || name.compare("accept-encoding", Qt::CaseInsensitive) == 0;
    }
    auto timer = std::make_shared<QElapsedTimer>();
    timer->start();
    QNetworkReply *reply =
        method == "GET" && body.isEmpty() ? network->get(request) : network->sendCustomRequest(request, method, body);
    if (!pinnedSha256.isEmpty()) {
        QObject::connect(reply, &QNetworkReply::sslErrors, reply, [reply, pinnedSha256](const QList<QSslError> &e) {
            if (checkPin(e, pinnedSha256).accept)
                reply->ignoreSslErrors(e);
        });
    }
    const auto limits = enforceHttpLimits(reply, HttpLimits{15'000, HttpListener::kMaxBodyBytes});
    QObject::connect(reply, &QNetworkReply::finished, reply,
                     [reply, limits, timer, clientEncoding, done = std::move(done)] {
                         reply->deleteLater();
                         ForwardResult result;
                         result.durationMs = timer->elapsed();
                         result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
                         result.body = reply->readAll();
                         for (const auto &pair : reply->rawHeaderPairs()) {
                             const bool decoded =
                                 !clientEncoding && pair.first.compare("content-encoding", Qt::CaseInsensitive) == 0;
                             if (!isHopHeader(pair.first) && !decoded)
                                 result.headers.append(pair);
                         }
                         if (limits->deadlinePassed)
                             result.error = QStringLiteral("no answer within 15 s");
                         else if (limits->bodyTooLarge)
                             result.error =
                                 QStringLiteral("answer body over %1 bytes").arg(HttpListener::kMaxBodyBytes);
                         else if (result.status == 0)
                             result.error = reply->errorString();
                         if (!result.error.isEmpty())
                             result.status = 0;
                         done(result);
                     });
}

}  // namespace cs::tap
