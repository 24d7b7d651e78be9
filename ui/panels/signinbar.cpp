#include "signinbar.h"

#include "feedback.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>

namespace cs::ui {

SigninBar::SigninBar(QWidget *parent) : QWidget(parent)
{
    auto *row = new QHBoxLayout(this);
    row->setContentsMargins(0, 0, 0, 0);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("signinStatus"));
    m_status->setWordWrap(true);
    m_status->setTextFormat(Qt::PlainText);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_button = new QPushButton(tr("Sign &in"), this);
    m_button->setObjectName(QStringLiteral("signinButton"));
    row->addWidget(m_status, 1);
    row->addWidget(m_button, 0, Qt::AlignTop);
    connect(m_button, &QPushButton::clicked, this, &SigninBar::signIn);
    refresh();
}

void SigninBar::setSession(Session *session)
{
    std::optional<PresenceIdentity> signin;
    if (m_session) {
        signin = m_session->channels()->signinIdentity();
        disconnect(m_session, nullptr, this, nullptr);
        disconnect(m_session->channels(), nullptr, this, nullptr);
        disconnect(m_session->connection(), nullptr, this, nullptr);
    }
    m_session = session;
    if (session) {
        ChannelRegistry *registry = session->channels();
        connect(registry, &ChannelRegistry::signinChanged, this, &SigninBar::refresh);
        connect(session->connection(), &Connection::stateChanged, this, &SigninBar::refresh);
        connect(registry, &ChannelRegistry::signedIn, this,
                [this](const QString &userId) { Q_EMIT statusMessage(tr("Signed in as %1").arg(userId)); });
        // The status bar repeats the sign-in line (with its one prefix).
        connect(registry, &ChannelRegistry::signinFailed, this, [this] { Q_EMIT statusMessage(text()); });
        connect(registry, &ChannelRegistry::signedOut, this,
                [this](const QString &reason) { Q_EMIT statusMessage(tr("Signed out: %1").arg(reason)); });
        connect(session, &QObject::destroyed, this, &SigninBar::refresh);
        if (signin && !registry->signinIdentity())
            registry->signin(*signin);
    }
    refresh();
}

void SigninBar::setIdentity(const PresenceIdentity &identity)
{
    m_identity = identity;
    refresh();
}

bool SigninBar::signIn()
{
    if (!m_session) {
        Q_EMIT statusMessage(tr("Not signed in: no connection, open a profile first"));
        return false;
    }
    if (m_identity.userId.isEmpty()) {
        Q_EMIT statusMessage(tr("Not signed in: the profile has no presence user id"));
        return false;
    }
    m_session->channels()->signin(m_identity);
    Q_EMIT statusMessage(tr("Signing in as %1\u2026").arg(m_identity.userId));
    return true;
}

QString SigninBar::text() const { return m_status->text(); }

void SigninBar::refresh()
{
    const QString userId = m_identity.userId;
    QString text;
    QString tip;
    feedback::Tone tone = feedback::Tone::Neutral;
    bool canSignIn = m_session && !userId.isEmpty();
    if (!m_session) {
        text = tr("Not signed in");
        tip = tr("No connection: open a profile first");
    } else {
        const ChannelRegistry *registry = m_session->channels();
        const bool connected = m_session->connection()->state() == ConnectionState::Connected;
        switch (registry->signinState()) {
        case SigninState::None: text = tr("Not signed in"); break;
        case SigninState::Pending:
            text = connected ? tr("Signing in\u2026") : tr("Signs in once connected");
            canSignIn = false;
            break;
        case SigninState::SignedIn: {
            const QString channel = registry->serverToUserChannel();
            const Subscription *sub = registry->subscription(channel);
            const quint64 events = sub ? sub->eventCount : 0;
            text = events == 1 ? tr("Signed in as %1 \u00b7 1 event sent to this user").arg(registry->signedInUserId())
                               : tr("Signed in as %1 \u00b7 %2 events sent to this user")
                                     .arg(registry->signedInUserId(), QString::number(events));
            tip = tr("Events the server sends to this user arrive on %1 and appear in the log").arg(channel);
            tone = feedback::Tone::Success;
            canSignIn = false;
            break;
        }
        case SigninState::Failed: {
            QString reason = registry->signinError();
            if (reason.startsWith(QLatin1String("sign-in failed: ")))  // the authorizer's errors say it already
                reason = reason.mid(16);
            text = tr("Sign-in failed: %1").arg(reason);
            tone = feedback::Tone::Error;
            break;
        }
        case SigninState::SignedOut:
            text = tr("Signed out: %1").arg(registry->signinError());
            tone = feedback::Tone::Warning;
            break;
        }
    }
    feedback::show(m_status, text, tone);
    m_status->setToolTip(tip.isEmpty() ? tr("User sign-in (pusher:signin): who this connection is signed in as") : tip);
    m_button->setEnabled(canSignIn);
    m_button->setToolTip(userId.isEmpty()
                             ? tr("Sign-in needs a user id: set the presence identity in the profile")
                             : tr("Sign this connection in as %1 (the profile's presence identity) with pusher:signin; "
                                  "an auth endpoint decides the user itself")
                                   .arg(userId));
}

}  // namespace cs::ui
