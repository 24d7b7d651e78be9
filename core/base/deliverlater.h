#pragma once
// The asynchronous contract (docs/architecture.md, "Asynchronous contract"): a callback runs
// exactly once and never before the call that took it returns, so callers may connect and update
// their state after the call. An answer known at once (a validation failure, a local signature)
// goes through deliverLater().

#include <QMetaObject>
#include <QObject>

#include <utility>

namespace cs {

// Runs `f` from the event loop of `context`'s thread, after the current call has returned; never
// if `context` is destroyed first (the queued call dies with it).
template <typename F>
void deliverLater(QObject *context, F &&f)
{
    QMetaObject::invokeMethod(context, std::forward<F>(f), Qt::QueuedConnection);
}

}  // namespace cs
