#pragma once
// Limits on an HTTP answer from a host the user does not control (the REST host, an auth
// endpoint): a total deadline, because QNetworkRequest::setTransferTimeout only fires after a
// silence and a server that drips one byte a second would never end; and a body size cap, so
// that an answer cannot fill memory.

#include <QtGlobal>

#include <memory>

class QNetworkReply;

namespace cs {

struct HttpLimits {
    int deadlineMs = 10'000;                // from the request to the last byte
    qint64 maxBodyBytes = qint64(1) << 20;  // 1 MiB: a Pusher answer is a few hundred bytes
};

// What the watch saw, for the reply's finished() handler.
struct HttpLimitState {
    bool deadlinePassed = false;  // aborted: the answer took longer than deadlineMs
    bool bodyTooLarge = false;    // aborted: the body was (or announced to be) over maxBodyBytes
    bool aborted() const { return deadlinePassed || bodyTooLarge; }
};

// Watches `reply` and aborts it when a limit is passed (finished() then follows with
// OperationCanceledError). The state is filled before finished() is emitted.
std::shared_ptr<const HttpLimitState> enforceHttpLimits(QNetworkReply *reply, const HttpLimits &limits);

}  // namespace cs
