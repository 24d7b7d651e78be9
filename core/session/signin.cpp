#include "signin.h"

#include "connection.h"
#include "logstore.h"
#include "refusals.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace cs {

namespace {

QString userIdFromUserData(const QString &userData)
{
    const QJsonValue v = QJsonDocument::fromJson(userData.toUtf8()).object().value(QStringLiteral("id"));
    return v.isDouble() ? QString::number(v.toInteger()) : v.toString();
}

}  // namespace

UserSignin::UserSignin(Connection *connection, RequestBudget *budget, signer::AppKeys appKeys, QObject *parent)
    : QObject(parent),
      m_connection(connection),
      m_budget(budget),
      m_appKeys(std::move(appKeys))
{
    m_answerTimer.setSingleShot(true);
    connect(&m_answerTimer, &QTimer::timeout, this, [this] {
        if (m_state != SigninState::Pending)
            return;
        const QString reason = tr("no answer to pusher:signin within %1 s: user authentication may not be enabled for "
                                  "this app (soketi ignores pusher:signin unless it is)")
                                   .arg(m_answerTimeoutMs / 1000.0);
        m_connection->logLocal(EntryKind::Error, reason);
        fail(Error{ErrorCode::SigninTimeout, reason});
    });
}

void UserSignin::setAuthorizer(Authorizer *authorizer) { m_authorizer = authorizer; }

void UserSignin::signin(const PresenceIdentity &identity)
{
    m_identity = identity;
    if (m_connection->state() == ConnectionState::Connected)
        start();
    else
        setState(SigninState::Pending);  // signs in once connected
}

void UserSignin::setState(SigninState state, const QString &error)
{
    m_state = state;
    m_error = error;
    Q_EMIT changed();
}

void UserSignin::fail(const Error &error)
{
    setState(SigninState::Failed, error.message);
    Q_EMIT failed(error);
}

void UserSignin::onConnected()
{
    ++m_generation;
    if (m_identity)
        start();
}

void UserSignin::onConnectionLost(const QString &reason)
{
    ++m_generation;
    m_answerTimer.stop();
    if (m_state == SigninState::SignedIn) {
        const QString why =
            m_terminatedReason.isEmpty()
                ? tr("the connection closed (%1); signing in again when it reconnects").arg(reason)
                : tr("the app terminated the connections of user %1 (\"%2\", close 4009); not reconnecting, as pusher-js does")
                      .arg(m_userId, m_terminatedReason);
        m_connection->logLocal(m_terminatedReason.isEmpty() ? EntryKind::Signin : EntryKind::Error,
                               tr("signed out: %1").arg(why),
                               {{QStringLiteral("user_id"), m_userId}, {QStringLiteral("reason"), why}});
        m_userId.clear();  // before the signals: the server-to-user channel is gone from now on
        setState(SigninState::SignedOut, why);
        Q_EMIT signedOut(why);
    }
    m_terminatedReason.clear();
    m_userId.clear();
}

void UserSignin::start()
{
    if (!m_authorizer) {
        const QString reason = tr("sign-in needs the app secret or a user-authentication endpoint");
        m_connection->logLocal(EntryKind::Error, reason);
        fail(Error{ErrorCode::NoAuthorizer, reason});
        return;
    }
    setState(SigninState::Pending);
    m_signedString.clear();
    m_explanation.reset();
    const quint64 generation = m_generation;
    const QPointer<UserSignin> guard(this);
    m_budget->run([guard, generation] {
        if (guard && generation == guard->m_generation && guard->m_authorizer && guard->m_identity)
            guard->authenticateNow(generation);
    });
}

void UserSignin::authenticateNow(quint64 generation)
{
    const QString socketId = m_connection->socketId();
    const QPointer<UserSignin> guard(this);
    m_authorizer->authenticateUser(
        socketId, *m_identity, [guard, generation, socketId](const Result<UserAuthorization> &result) {
            if (!guard || generation != guard->m_generation)
                return;
            if (!result) {
                const Error &cause = result.error();
                const QString reason = tr("sign-in failed: %1").arg(cause.message);
                guard->m_connection->logLocal(EntryKind::Error, reason);
                guard->fail(Error{cause.code, reason, cause.detail});
                return;
            }
            guard->m_signedString = signer::userStringToSign(socketId, result->userData);
            guard->m_connection->sendFrame(protocol::buildSignin(result->auth, result->userData), EntryKind::Signin, {},
                                           QStringLiteral("pusher:signin"));
            guard->m_answerTimer.start(guard->m_answerTimeoutMs);
        });
}

void UserSignin::onSuccess(const protocol::Frame &frame)
{
    const QJsonValue userData = frame.data.toObject().value(QStringLiteral("user_data"));
    const QString id = userIdFromUserData(userData.toString());
    m_answerTimer.stop();
    if (id.isEmpty()) {
        const QString reason = tr("pusher:signin_success without a user id in user_data");
        m_connection->logLocal(EntryKind::Error, reason);
        fail(Error{ErrorCode::SigninNoUserId, reason});
        return;
    }
    m_userId = id;
    m_terminatedReason.clear();
    m_connection->logLocal(
        EntryKind::Signin,
        tr("signed in as %1; events for this user arrive on %2").arg(id, QStringLiteral("#server-to-user-") + id),
        {{QStringLiteral("user_id"), id}});
    setState(SigninState::SignedIn);
    Q_EMIT signedIn(id);
}

void UserSignin::onServer4009(const QString &serverMessage)
{
    // soketi: a refused sign-in, the user-authentication timeout, or terminate_connections.
    if (m_state == SigninState::Pending) {
        onRefused(serverMessage);
    } else if (m_state == SigninState::SignedIn) {
        m_terminatedReason = serverMessage;
        m_connection->logLocal(EntryKind::Signin,
                               tr("the server is disconnecting signed-in user %1: \"%2\" (close code 4009: the app "
                                  "terminated the user's connections; no reconnect follows)")
                                   .arg(m_userId, serverMessage),
                               {{QStringLiteral("user_id"), m_userId},
                                {QStringLiteral("server_message"), serverMessage}});
    } else {
        m_connection->logLocal(EntryKind::Error,
                               tr("the server refuses this connection (4009 \"%1\"): with user authentication enabled, "
                                  "a connection must sign in, or subscribe to a private or presence channel, in time")
                                   .arg(serverMessage));
    }
}

void UserSignin::onSignatureRejected(const QString &reason)
{
    if (m_state != SigninState::Pending)
        return;
    m_answerTimer.stop();
    fail(Error{ErrorCode::SignatureRejected, reason});
}

void UserSignin::onRefused(const QString &serverMessage)
{
    m_answerTimer.stop();
    QString reason = tr("the server refused the sign-in (\"%1\")").arg(serverMessage);
    if (m_explanation && m_explanation->verdict != SignatureExplanation::Verdict::Unknown) {
        const SignatureExplanation e = refusedByServer(*m_explanation, m_appKeys.key);
        reason += QStringLiteral(": ") + e.summary;
        m_connection->logLocal(EntryKind::Auth, tr("the server refused the sign-in signature: %1").arg(e.summary),
                               {{QStringLiteral("server_message"), serverMessage},
                                {QStringLiteral("explanation"), e.toJson()}});
    }
    m_connection->logLocal(EntryKind::Error, tr("sign-in failed: %1").arg(reason));
    fail(Error{ErrorCode::SigninRefused, reason});
}

}  // namespace cs
