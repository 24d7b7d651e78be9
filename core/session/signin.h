#pragma once
// User sign-in (pusher:signin) of one connection, as pusher-js does it: ask the authorizer for a
// signature of the user data, send it, wait for pusher:signin_success, and do it all again after
// every reconnect once asked. ChannelRegistry owns it, feeds it the connection's events and
// re-emits its signals; it subscribes #server-to-user-<id> when signedIn() comes.

#include "authorizer.h"
#include "explainer.h"
#include "protocol.h"
#include "requestbudget.h"
#include "result.h"

#include <QObject>
#include <QPointer>
#include <QTimer>

#include <optional>

namespace cs {

class Connection;

enum class SigninState {
    None,     // never asked
    Pending,  // waiting for the connection, the authorizer or the server's answer
    SignedIn,
    Failed,     // the authorizer or the server refused; see UserSignin::error()
    SignedOut,  // was signed in, the connection went (terminated by the app, or lost); see UserSignin::error()
};

class UserSignin : public QObject {
    Q_OBJECT
public:
    // The authorizer's requests go through `budget` (shared with the channels' authorizations).
    UserSignin(Connection *connection, RequestBudget *budget, signer::AppKeys appKeys, QObject *parent = nullptr);

    void setAuthorizer(Authorizer *authorizer);
    // Signs in now when connected, else once connected; again after every reconnect.
    void signin(const PresenceIdentity &identity);

    SigninState state() const { return m_state; }
    QString userId() const { return m_userId; }  // while signed in, else empty
    QString error() const { return m_error; }    // why it failed or ended (empty otherwise)
    std::optional<PresenceIdentity> identity() const { return m_identity; }
    QByteArray signedString() const { return m_signedString; }  // what the last pusher:signin signed
    void setAnswerTimeoutMs(int ms) { m_answerTimeoutMs = ms; }

    // What the registry sees of the connection and the server.
    void onConnected();
    void onConnectionLost(const QString &reason);
    void onSuccess(const protocol::Frame &frame);  // pusher:signin_success
    void onServer4009(const QString &serverMessage);
    void onSignatureRejected(const QString &reason);  // the server quoted the sign-in's string to sign
    void setExplanation(const SignatureExplanation &explanation) { m_explanation = explanation; }

Q_SIGNALS:
    // Each attempt (signin(), or a reconnect after it) ends in signedIn() or failed(), once,
    // after changed() has shown the new state; a lost connection ends it without either. The
    // authorizer's answer comes after signin() returned; only a missing authorizer fails during it.
    void signedIn(const QString &userId);
    void failed(const cs::Error &error);  // error.message is what the user reads
    // A signed-in connection went (after changed()); the next connect signs in again.
    void signedOut(const QString &reason);
    // Any change of state(), userId() or error().
    void changed();

private:
    void start();
    void authenticateNow(quint64 generation);
    void setState(SigninState state, const QString &error = {});
    void fail(const Error &error);
    void onRefused(const QString &serverMessage);

    QPointer<Connection> m_connection;
    RequestBudget *m_budget;
    signer::AppKeys m_appKeys;
    QPointer<Authorizer> m_authorizer;
    std::optional<PresenceIdentity> m_identity;
    QString m_userId;
    SigninState m_state = SigninState::None;
    QString m_error;
    QByteArray m_signedString;
    std::optional<SignatureExplanation> m_explanation;  // the authorizer's check of the last signature
    QString m_terminatedReason;  // a 4009 pusher:error seen while signed in: why the close follows
    QTimer m_answerTimer;
    int m_answerTimeoutMs = 10000;
    quint64 m_generation = 0;  // bumps on every (re)connect and loss: stale authorizer answers are ignored
};

}  // namespace cs
