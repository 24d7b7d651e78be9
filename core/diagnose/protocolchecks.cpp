#include "protocolchecks.h"

#include "connection.h"
#include "framebuild.h"
#include "messages.h"
#include "signer.h"

#include <QJsonDocument>
#include <QRandomGenerator>
#include <QTimer>

#include <memory>

namespace cs::diagnose {

namespace {

using FrameTest = std::function<bool(const protocol::Frame &, const QByteArray &raw)>;

ConnectionOptions probeOptions(int timeoutMs)
{
    ConnectionOptions options;
    options.handshakeTimeoutMs = timeoutMs;
    options.unavailableTimeoutMs = timeoutMs;
    options.activityTimeoutMs = 24 * 3600 * 1000;  // so the server's activity_timeout shows through
    return options;
}

// "key refused: 4001 app key does not exist — wrong key, or wrong cluster?"
QString keyFailureLine(const Error &error, ServerPreset preset)
{
    if (error.code != ErrorCode::Close)
        return error.message;
    QString text = error.message;
    text.remove(QStringLiteral("connection closed: "));
    const bool unknownKey = error.detail == 4001;
    if (unknownKey)
        text.remove(QStringLiteral(" (wrong cluster?)"));
    text = QStringLiteral("key refused: ") + text;
    if (unknownKey)
        text += preset == ServerPreset::Pusher ? QStringLiteral(" — wrong cluster?")
                                               : QStringLiteral(" — wrong key, or wrong cluster?");
    return text;
}

QString doctorChannel(const QString &prefix)
{
    return prefix + QStringLiteral("channelscope-doctor-%1").arg(QRandomGenerator::global()->bounded(1000000));
}

// Calls `then` once with the first frame `test` accepts, or with nothing after waitMs.
void awaitFrame(QObject *scope, Connection *connection, int waitMs, const FrameTest &test,
                const std::function<void(std::optional<protocol::Frame>, QByteArray)> &then)
{
    auto fired = std::make_shared<bool>(false);
    auto *timer = new QTimer(scope);
    timer->setSingleShot(true);
    QObject::connect(timer, &QTimer::timeout, scope, [fired, then] {
        if (!std::exchange(*fired, true))
            then(std::nullopt, {});
    });
    QObject::connect(connection, &Connection::frameReceived, scope,
                     [fired, then, test, timer](const protocol::Frame &frame, const QByteArray &raw) {
                         if (*fired || !test(frame, raw))
                             return;
                         *fired = true;
                         timer->stop();
                         then(frame, raw);
                     });
    timer->start(waitMs);
}

// Why a protocol check cannot run, or empty.
QString missing(const DoctorRun &run)
{
    const Connection *c = run.facts->connection.data();
    if (!c || c->state() != ConnectionState::Connected)
        return QStringLiteral("skipped: needs the key check's connection");
    if (run.profile.credentials.secret.isEmpty())
        return QStringLiteral("skipped: signing needs the app secret");
    return {};
}

signer::AppKeys keys(const DoctorRun &run)
{
    return signer::AppKeys{run.profile.credentials.key, run.profile.credentials.secret};
}

QString errorText(const protocol::Frame &frame)
{
    const protocol::ServerError e = protocol::parseServerError(frame);
    return e.code ? QStringLiteral("%1 %2").arg(*e.code).arg(e.message) : e.message;
}

}  // namespace

void checkKey(DoctorRun &run, const CheckDone &done)
{
    if (run.profile.credentials.key.trimmed().isEmpty()) {
        done(DoctorCheck::fail(QStringLiteral("key"), QStringLiteral("no app key to try")));
        return;
    }
    // Lives for the whole run: the protocol checks after this one use it.
    auto *connection = new Connection(nullptr, QStringLiteral("doctor"), run.runScope);
    connection->setOptions(probeOptions(run.timeoutMs));
    connection->setEndpoint(run.profile.credentials.endpoint());
    QObject::connect(connection, &Connection::connected, run.scope,
                     [done, connection, facts = run.facts](const QString &socketId) {
                         facts->connection = connection;
                         facts->socketId = socketId;
                         done(DoctorCheck::pass(QStringLiteral("key"), QStringLiteral("key accepted"),
                                                QStringLiteral("socket id %1, activity timeout %2")
                                                    .arg(socketId, seconds(connection->effectiveActivityTimeoutMs()))));
                     });
    // The first error decides: the connection would otherwise retry with back-off.
    QObject::connect(connection, &Connection::errorOccurred, run.scope,
                     [done, connection, preset = run.profile.preset](const Error &error) {
                         connection->close();
                         done(DoctorCheck::fail(QStringLiteral("key"), keyFailureLine(error, preset), error.message));
                     });
    connection->open();
}

void checkClientEvents(DoctorRun &run, const CheckDone &done)
{
    const QString id = QStringLiteral("client-events");
    if (const QString why = missing(run); !why.isEmpty()) {
        done(DoctorCheck::skip(id, why));
        return;
    }
    const QString channel = doctorChannel(QStringLiteral("private-"));
    const auto auth = signer::signChannel(keys(run), run.facts->socketId, channel);
    if (!auth) {
        done(DoctorCheck::fail(id, auth.error().message));
        return;
    }
    Connection *connection = run.facts->connection.data();
    const auto forChannel = [channel](const protocol::Frame &f, const QByteArray &) {
        return f.channel == channel || f.event == QLatin1String("pusher:error");
    };
    QObject *scope = run.scope;
    DoctorFacts *facts = run.facts;
    awaitFrame(
        scope, connection, run.timeoutMs, forChannel,
        [scope, facts, done, id, channel, connection, forChannel](std::optional<protocol::Frame> frame,
                                                                  QByteArray raw) {
            if (!frame || frame->event != QLatin1String("pusher_internal:subscription_succeeded")) {
                facts->secretSignsChannels = false;
                done(DoctorCheck::fail(
                    id, QStringLiteral("a private channel signed with the secret was refused: wrong secret?"),
                    frame ? excerpt(raw) : QStringLiteral("no answer to pusher:subscribe")));
                return;
            }
            facts->secretSignsChannels = true;
            connection->sendFrame(protocol::buildClientEvent(channel, QStringLiteral("client-doctor"), QJsonObject{}),
                                  EntryKind::ClientEvent, channel, QStringLiteral("client-doctor"));
            awaitFrame(scope, connection, kQuietMs, forChannel,
                       [done, id](std::optional<protocol::Frame> error, QByteArray raw) {
                           if (!error) {
                               done(
                                   DoctorCheck::pass(id, QStringLiteral("client events enabled"),
                                                     QStringLiteral("a client event on a private channel drew no error "
                                                                    "within %1")
                                                         .arg(seconds(kQuietMs))));
                               return;
                           }
                           const QString text = errorText(*error);
                           const bool disabled = text.contains(QStringLiteral("client messag"), Qt::CaseInsensitive)
                                                 || text.contains(QStringLiteral("enable"), Qt::CaseInsensitive);
                           done(DoctorCheck::warn(id,
                                                  disabled ? QStringLiteral("client events are disabled on the server")
                                                           : QStringLiteral("a client event was refused: %1").arg(text),
                                                  excerpt(raw, 300)));
                       });
        });
    connection->sendFrame(protocol::buildSubscribe(channel, auth->auth), EntryKind::Subscription, channel);
}

void checkUserAuth(DoctorRun &run, const CheckDone &done)
{
    const QString id = QStringLiteral("user-auth");
    if (const QString why = missing(run); !why.isEmpty()) {
        done(DoctorCheck::skip(id, why));
        return;
    }
    const QByteArray userData = R"({"id":"channelscope-doctor","user_info":{"name":"channelscope doctor"}})";
    const auto auth = signer::signUser(keys(run), run.facts->socketId, userData);
    if (!auth) {
        done(DoctorCheck::fail(id, auth.error().message));
        return;
    }
    const auto signinAnswer = [](const protocol::Frame &f, const QByteArray &) {
        return f.event == QLatin1String("pusher:signin_success") || f.event == QLatin1String("pusher:error");
    };
    awaitFrame(run.scope, run.facts->connection.data(), kQuietMs, signinAnswer,
               [done, id, facts = run.facts](std::optional<protocol::Frame> frame, QByteArray raw) {
                   if (!frame) {
                       facts->userAuthentication = false;
                       done(DoctorCheck::pass(
                           id, QStringLiteral("user authentication is not enabled: pusher:signin was ignored"),
                           QStringLiteral("no pusher:signin_success nor pusher:error within %1 (soketi ignores "
                                          "sign-in unless user authentication is on)")
                               .arg(seconds(kQuietMs))));
                       return;
                   }
                   if (frame->event == QLatin1String("pusher:signin_success")) {
                       facts->userAuthentication = true;
                       done(DoctorCheck::pass(id, QStringLiteral("user authentication enabled: pusher:signin accepted"),
                                              QStringLiteral("pusher:signin_success for user channelscope-doctor")));
                       return;
                   }
                   done(DoctorCheck::fail(id, QStringLiteral("pusher:signin refused: %1").arg(errorText(*frame)),
                                          excerpt(raw, 300)));
               });
    run.facts->connection->sendFrame(protocol::buildSignin(auth->auth, auth->userData), EntryKind::Signin);
}

void checkCache(DoctorRun &run, const CheckDone &done)
{
    const QString id = QStringLiteral("cache");
    const Connection *c = run.facts->connection.data();
    if (!c || c->state() != ConnectionState::Connected) {
        done(DoctorCheck::skip(id, QStringLiteral("skipped: needs the key check's connection")));
        return;
    }
    const QString channel = doctorChannel(QStringLiteral("cache-"));
    auto subscribed = std::make_shared<bool>(false);
    const auto answer = [channel, subscribed](const protocol::Frame &f, const QByteArray &) {
        if (f.channel != channel)
            return false;
        if (f.event == QLatin1String("pusher_internal:subscription_succeeded")) {
            *subscribed = true;
            return false;  // keep waiting for the cache_miss (or the cached event)
        }
        return true;
    };
    awaitFrame(run.scope, run.facts->connection.data(), run.timeoutMs, answer,
               [done, id, subscribed](std::optional<protocol::Frame> frame, QByteArray raw) {
                   if (frame && frame->event == QLatin1String("pusher:cache_miss")) {
                       done(DoctorCheck::pass(id, QStringLiteral("cache channels work"),
                                              QStringLiteral("pusher:cache_miss on an empty cache channel")));
                   } else if (frame && frame->event == QLatin1String("pusher:subscription_error")) {
                       done(DoctorCheck::warn(id, QStringLiteral("a cache channel subscription was refused"),
                                              excerpt(raw, 300)));
                   } else if (frame) {
                       done(DoctorCheck::pass(id, QStringLiteral("cache channels work"),
                                              QStringLiteral("the cached event came first: %1").arg(excerpt(raw))));
                   } else {
                       done(DoctorCheck::warn(id, *subscribed
                                                      ? QStringLiteral(
                                                          "no pusher:cache_miss on an empty cache channel: the "
                                                          "server may not support cache channels")
                                                      : QStringLiteral("no answer to a cache channel subscription")));
                   }
               });
    run.facts->connection->sendFrame(protocol::buildSubscribe(channel), EntryKind::Subscription, channel);
}

void openIdleConnection(DoctorRun &run)
{
    if (run.unauthorizedWaitMs <= 0)
        return;
    auto *idle = new Connection(nullptr, QStringLiteral("doctor-idle"), run.runScope);
    idle->setObjectName(QStringLiteral("doctorIdleConnection"));
    idle->setOptions(probeOptions(run.timeoutMs));
    idle->setEndpoint(run.profile.credentials.endpoint());
    DoctorFacts *facts = run.facts;
    QObject::connect(idle, &Connection::connected, idle,
                     [facts] { facts->idleOpenedMs = QDateTime::currentMSecsSinceEpoch(); });
    QObject::connect(idle, &Connection::errorOccurred, idle, [facts, idle](const Error &error) {
        if (error.code != ErrorCode::Close || facts->idleCloseCode)
            return;
        facts->idleCloseCode = int(error.detail);
        facts->idleClosedMs = QDateTime::currentMSecsSinceEpoch();
        facts->idleCloseText = error.message;
        idle->close();  // no retry
    });
    idle->open();
}

void checkUnauthorized(DoctorRun &run, const CheckDone &done)
{
    const QString id = QStringLiteral("unauthorized");
    DoctorFacts *facts = run.facts;
    if (run.unauthorizedWaitMs <= 0) {
        done(DoctorCheck::skip(id, QStringLiteral("skipped: not measured (no wait given)")));
        return;
    }
    if (facts->idleOpenedMs == 0) {
        done(DoctorCheck::skip(id, QStringLiteral("skipped: the idle connection did not connect")));
        return;
    }
    const int waitMs = run.unauthorizedWaitMs;
    const auto report = [done, id, facts, waitMs] {
        if (facts->idleCloseCode) {
            const qint64 after = facts->idleClosedMs - facts->idleOpenedMs;
            done(DoctorCheck::warn(
                id,
                QStringLiteral("a connection that neither signs in nor subscribes is closed after %1 (%2): sign in "
                               "or subscribe to a private channel sooner")
                    .arg(seconds(qRound64(after / 100.0) * 100))
                    .arg(*facts->idleCloseCode),
                facts->idleCloseText));
            return;
        }
        done(
            DoctorCheck::pass(id, QStringLiteral("an idle connection is not closed within %1").arg(seconds(waitMs)),
                              QStringLiteral("the server enforces no sign-in within %1; soketi closes such connections "
                                             "(4009) only with user authentication on, after 30 s by default")
                                  .arg(seconds(waitMs))));
    };
    const qint64 remaining = facts->idleOpenedMs + waitMs - QDateTime::currentMSecsSinceEpoch();
    if (facts->idleCloseCode || remaining <= 0) {
        report();
        return;
    }
    auto *timer = new QTimer(run.scope);
    timer->setSingleShot(true);
    QObject::connect(timer, &QTimer::timeout, run.scope, report);
    if (auto *idle = run.runScope->findChild<Connection *>(QStringLiteral("doctorIdleConnection")))
        QObject::connect(idle, &Connection::errorOccurred, run.scope, [report, facts] {
            if (facts->idleCloseCode)
                report();
        });
    timer->start(int(remaining));
}

}  // namespace cs::diagnose
