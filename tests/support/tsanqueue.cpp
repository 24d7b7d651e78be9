// Linked into every test of a ThreadSanitizer build (CS_TSAN) only.
//
// Qt is not built with -fsanitize=thread, so ThreadSanitizer does not see the ordering that Qt's
// event queue gives: a queued signal or invokeMethod() posted on one thread happens before its
// delivery on another, but the post and the delivery meet under a QMutex inside libQt6Core (a
// futex), invisible to TSan. Every hand-off between our threads (socket reader, export writer,
// log appends) goes through that queue, so without this every one of them is reported.
//
// This file tells TSan about that ordering, and nothing else: every post that our code makes
// (QMetaObject::activate for signals, invokeMethodImpl for invokeMethod(), deleteLater()) releases
// one token, and every event delivery acquires it. Likewise QThread::wait() returning after the
// thread finished (Qt threads are detached and wait() meets finish() under a QMutex): the thread
// releases a second token when it emits finished(), and wait() acquires it. The calls are interposed (the executable's
// definition wins over libQt6Core's, which is then called through dlsym(RTLD_NEXT)).
// The approximation is coarse in one direction only: a delivery is ordered after every earlier
// post of any thread, so a race whose two sides are separated by an unrelated post is not seen.
// Races with no post in between (plain threads, mutex mistakes, atomics) are all still reported.

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QObject>
#include <QThread>

#include <dlfcn.h>
#include <sanitizer/tsan_interface.h>

namespace {

char g_queue;      // stands for "Qt's event queues"
char g_threadEnd;  // stands for "a QThread finished"

template <typename Fn>
Fn realFunction(const char *mangledName)
{
    void *fn = dlsym(RTLD_NEXT, mangledName);
    if (!fn)
        qFatal("tsanqueue: %s not found in libQt6Core", mangledName);
    return reinterpret_cast<Fn>(fn);
}

bool onEventDelivery(void **)
{
    __tsan_acquire(&g_queue);
    return false;  // deliver as usual
}

const bool g_registered = [] {
    QInternal::registerCallback(QInternal::EventNotifyCallback, onEventDelivery);
    return true;
}();

}  // namespace

// Signals: queued connections copy the arguments and post inside; released before and after, so
// the copies are covered as soon as the emitting thread returns.
void QMetaObject::activate(QObject *sender, const QMetaObject *m, int localSignalIndex, void **argv)
{
    using Fn = void (*)(QObject *, const QMetaObject *, int, void **);
    static const Fn real = realFunction<Fn>("_ZN11QMetaObject8activateEP7QObjectPKS_iPPv");
    __tsan_release(&g_queue);
    real(sender, m, localSignalIndex, argv);
    __tsan_release(&g_queue);
}

// QMetaObject::invokeMethod(context, functor, Qt::QueuedConnection): the functor is already built.
bool QMetaObject::invokeMethodImpl(QObject *object, QtPrivate::QSlotObjectBase *slot, Qt::ConnectionType type,
                                   void *ret)
{
    using Fn = bool (*)(QObject *, QtPrivate::QSlotObjectBase *, Qt::ConnectionType, void *);
    static const Fn real = realFunction<Fn>(
        "_ZN11QMetaObject16invokeMethodImplEP7QObjectPN9QtPrivate15QSlotObjectBaseEN2Qt14ConnectionTypeEPv");
    __tsan_release(&g_queue);
    return real(object, slot, type, ret);
}

void QObject::deleteLater()
{
    using Fn = void (*)(QObject *);
    static const Fn real = realFunction<Fn>("_ZN7QObject11deleteLaterEv");
    __tsan_release(&g_queue);
    real(this);
}

void QThread::start(Priority priority)
{
    using Fn = void (*)(QThread *, Priority);
    static const Fn real = realFunction<Fn>("_ZN7QThread5startENS_8PriorityE");
    // finished() is emitted on the thread itself, after everything it ran and before wait() returns.
    connect(
        this, &QThread::finished, this, [] { __tsan_release(&g_threadEnd); }, Qt::DirectConnection);
    real(this, priority);
}

bool QThread::wait(QDeadlineTimer deadline)
{
    using Fn = bool (*)(QThread *, QDeadlineTimer);
    static const Fn real = realFunction<Fn>("_ZN7QThread4waitE14QDeadlineTimer");
    const bool finished = real(this, deadline);
    if (finished)
        __tsan_acquire(&g_threadEnd);
    return finished;
}
