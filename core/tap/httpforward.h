#pragma once
// Sends a request on to another HTTP server as received (the REST tap to the REST host, the
// webhook inbox to the user's webhook URL) and hands back the answer, with the limits of
// httplimits.h and the profile's certificate pin for a self-signed upstream.

#include "httplistener.h"

#include <QString>
#include <QUrl>

#include <functional>

class QNetworkAccessManager;

namespace cs::tap {

struct ForwardResult {
    int status = 0;  // 0: no HTTP answer (see error)
    HttpHeaders headers;
    QByteArray body;
    QString error;  // why there is no answer, or empty
    qint64 durationMs = 0;
};

// The request's headers go along but those of its framing and Host. `done` runs once, from
// the event loop.
void forwardHttp(QNetworkAccessManager *network, const QUrl &url, const QByteArray &method, const HttpHeaders &headers,
                 const QByteArray &body, const QString &pinnedSha256, std::function<void(const ForwardResult &)> done);

// The upstream URL of a request target ("/apps/1/events?auth_key=…"): origin's scheme, host and
// port, the target's path and query kept as encoded.
QUrl upstreamUrl(const QUrl &origin, const QByteArray &target);

}  // namespace cs::tap
