#include "statebadge.h"

#include "connection.h"

#include <QHBoxLayout>
#include <QLabel>

namespace cs::ui {

namespace {

// Hues that read on light and dark palettes alike.
QColor colourFor(ConnectionState state)
{
    switch (state) {
    case ConnectionState::Connected: return QColor(0x2e, 0xa0, 0x43);
    case ConnectionState::Connecting: return QColor(0xd2, 0x99, 0x22);
    case ConnectionState::Unavailable: return QColor(0xe0, 0x6c, 0x1f);
    case ConnectionState::Failed: return QColor(0xd1, 0x35, 0x35);
    case ConnectionState::Disconnected:
    case ConnectionState::Initialized: return QColor(0x8b, 0x8b, 0x8b);
    }
    return Qt::gray;
}

}  // namespace

StateBadge::StateBadge(QWidget *parent) : QWidget(parent), m_dot(new QLabel(this)), m_label(new QLabel(this))
{
    setObjectName(QStringLiteral("stateBadge"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 0, 8, 0);
    layout->setSpacing(6);
    m_dot->setFixedSize(12, 12);
    m_label->setObjectName(QStringLiteral("stateText"));
    m_label->setTextFormat(Qt::PlainText);                        // may quote the server (close reasons)
    m_label->setTextInteractionFlags(Qt::TextSelectableByMouse);  // the socket id can be copied
    layout->addWidget(m_dot);
    layout->addWidget(m_label);
    m_countdown.setInterval(250);
    connect(&m_countdown, &QTimer::timeout, this, &StateBadge::refresh);
    refresh();
}

void StateBadge::setConnection(Connection *connection)
{
    if (m_connection)
        m_connection->disconnect(this);
    m_connection = connection;
    if (connection) {
        connect(connection, &Connection::stateChanged, this, &StateBadge::refresh);
        connect(connection, &Connection::retryScheduled, this, &StateBadge::refresh);
        connect(connection, &Connection::errorOccurred, this, &StateBadge::refresh);
    }
    refresh();
}

QString StateBadge::text() const { return m_label->text(); }

void StateBadge::refresh()
{
    const ConnectionState state = m_connection ? m_connection->state() : ConnectionState::Initialized;
    QString text = m_connection ? connectionStateName(state) : tr("no connection");
    if (state == ConnectionState::Connected)
        text += tr(" · socket %1").arg(m_connection->socketId());
    const qint64 retryMs = m_connection ? m_connection->msUntilRetry() : -1;
    if (retryMs >= 0)
        text += tr(" · retry in %1 s").arg(QString::number(retryMs / 1000.0, 'f', 1));
    // 4009 is about who the user is, not the network: the badge says so, the tooltip says why.
    const bool unauthorized = m_connection && state != ConnectionState::Connected
                              && m_connection->lastError().code == ErrorCode::Close
                              && m_connection->lastError().detail == 4009;
    if (unauthorized)
        text += tr(" · unauthorized (4009)");
    m_label->setText(text);
    // Keep ticking only while there is a countdown to show.
    if (retryMs >= 0 && !m_countdown.isActive())
        m_countdown.start();
    else if (retryMs < 0)
        m_countdown.stop();

    const QColor colour = colourFor(state);
    m_dot->setStyleSheet(QStringLiteral("background-color: %1; border-radius: 6px;").arg(colour.name()));
    QString tip = tr("Connection state: %1").arg(connectionStateName(state));
    if (m_connection && !m_connection->lastError().message.isEmpty())
        tip += tr("\nLast error: %1").arg(m_connection->lastError().message);
    if (unauthorized)
        tip += tr("\n4009: the server refused this connection's user: the app terminated the user's connections, "
                  "the sign-in was refused, or the connection did not sign in in time. As pusher-js, Channelscope "
                  "does not reconnect; press Connect to start again.");
    setToolTip(tip);
}

}  // namespace cs::ui
