#include "httplimits.h"

#include <QNetworkReply>
#include <QTimer>

namespace cs {

std::shared_ptr<const HttpLimitState> enforceHttpLimits(QNetworkReply *reply, const HttpLimits &limits)
{
    auto state = std::make_shared<HttpLimitState>();
    auto *deadline = new QTimer(reply);
    deadline->setSingleShot(true);
    QObject::connect(deadline, &QTimer::timeout, reply, [reply, state] {
        state->deadlinePassed = true;
        reply->abort();
    });
    deadline->start(limits.deadlineMs);
    QObject::connect(reply, &QNetworkReply::finished, deadline, &QTimer::stop);
    // `total` is the announced Content-Length (-1 when unknown): refuse early when it is too much.
    QObject::connect(reply, &QNetworkReply::downloadProgress, reply,
                     [reply, state, max = limits.maxBodyBytes](qint64 received, qint64 total) {
                         // (isFinished() may already be true here in Qt 6.4: it is not asked.)
                         if (state->aborted() || (received <= max && total <= max))
                             return;
                         state->bodyTooLarge = true;
                         reply->abort();
                     });
    return state;
}

}  // namespace cs
