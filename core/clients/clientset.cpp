#include "clientset.h"

#include "logstore.h"

#include <QRegularExpression>
#include <QSet>

#include <algorithm>

namespace cs {

namespace {

constexpr qsizetype kMaxNameLength = 32;

// A, B, … Z, AA, AB, …: spreadsheet column names, short enough for a log column.
QString shortName(int index)
{
    QString name;
    for (int n = index + 1; n > 0; n = (n - 1) / 26)
        name.prepend(QChar(u'A' + (n - 1) % 26));
    return name;
}

}  // namespace

Client::Client(const ClientSpec &spec, const QString &name, int colorIndex, LogStore *log, QObject *parent)
    : QObject(parent),
      m_name(name),
      m_colorIndex(colorIndex),
      m_credentials(spec.credentials),
      m_authorizerFactory(spec.authorizer),
      m_identity(spec.identity),
      m_log(log)
{
    if (m_identity.userId.isEmpty())
        m_identity.userId = QStringLiteral("user-") + name;
    buildSession();
}

void Client::buildSession()
{
    std::unique_ptr<Authorizer> authorizer =
        m_authorizerFactory ? m_authorizerFactory(m_credentials) : Session::builtInSigner(m_credentials);
    m_session = std::make_unique<Session>(m_credentials, std::move(authorizer), m_log, m_name);
    Session *session = m_session.get();
    connect(session->connection(), &Connection::stateChanged, this, &Client::changed);
    connect(session->channels(), &ChannelRegistry::subscriptionChanged, this, &Client::changed);
    connect(session->channels(), &ChannelRegistry::signinChanged, this, &Client::changed);
}

void Client::rename(const QString &name)
{
    // The connection's name is in every entry its reader thread writes: a new name is a new
    // session, and the subscriptions move to it.
    const QStringList channels = m_session->channels()->channelNames();
    std::unique_ptr<Session> old = std::move(m_session);
    old->disconnect(this);
    old->connection()->disconnect(this);
    old->channels()->disconnect(this);
    old->connection()->close();
    old.release()->deleteLater();  // the rename may come from one of its own signals
    m_name = name;
    buildSession();
    for (const QString &channel : channels)
        m_session->channels()->subscribe(channel, m_identity);
    if (m_wantOpen)
        m_session->connection()->open();
    Q_EMIT sessionReplaced();
    Q_EMIT changed();
}

ConnectionState Client::state() const { return m_session->connection()->state(); }

QString Client::socketId() const { return m_session->connection()->socketId(); }

void Client::open()
{
    m_wantOpen = true;
    m_session->connection()->open();
}

void Client::close()
{
    m_wantOpen = false;
    m_session->connection()->close();
}

Status Client::subscribe(const QString &channel) { return m_session->channels()->subscribe(channel, m_identity); }

void Client::unsubscribe(const QString &channel) { m_session->channels()->unsubscribe(channel); }

bool Client::isOn(const QString &channel) const
{
    const ChannelRegistry *channels = m_session->channels();
    if (!channel.isEmpty() && channel == channels->serverToUserChannel())
        return true;
    const Subscription *sub = channels->subscription(channel);
    return sub && sub->state == SubscriptionState::Subscribed;
}

ClientSet::ClientSet(LogStore *log, QObject *parent) : QObject(parent), m_log(log) {}

ClientSet::~ClientSet()
{
    // Sessions go before the log they write to outlives them (it may be a sibling member).
    qDeleteAll(m_clients);
}

Status ClientSet::checkName(const QString &name)
{
    static const QRegularExpression valid(QStringLiteral("^[A-Za-z0-9._-]+$"));
    if (name.isEmpty() || name.size() > kMaxNameLength || !valid.match(name).hasMatch())
        return Error{ErrorCode::Usage, QStringLiteral("a client name is 1 to %1 letters, digits, '.', '-' or '_': '%2'")
                                           .arg(kMaxNameLength)
                                           .arg(name.left(kMaxNameLength * 2))};
    return {};
}

QString ClientSet::nextFreeName() const
{
    for (int i = 0;; ++i) {
        const QString name = shortName(i);
        if (!find(name))
            return name;
    }
}

int ClientSet::nextFreeColour() const
{
    QSet<int> taken;
    for (const Client *c : m_clients)
        taken.insert(c->colorIndex());
    int index = 0;
    while (taken.contains(index))
        ++index;
    return index;
}

Result<Client *> ClientSet::add(const ClientSpec &spec)
{
    const QString name = spec.name.isEmpty() ? nextFreeName() : spec.name;
    if (Status s = checkName(name); !s)
        return s.error();
    if (find(name))
        return Error{ErrorCode::Usage, QStringLiteral("there is a client named '%1' already").arg(name)};
    auto *client = new Client(spec, name, nextFreeColour(), m_log, nullptr);
    m_clients.append(client);
    connect(client, &Client::changed, this, [this, client] { Q_EMIT clientChanged(client); });
    Q_EMIT clientAdded(client);
    return client;
}

Result<QList<Client *>> ClientSet::addPresenceUsers(int count, const QString &channel, const Credentials &credentials,
                                                    const QString &userIdPrefix, const AuthorizerFactory &authorizer)
{
    if (count < 1)
        return Error{ErrorCode::Usage, QStringLiteral("the number of clients must be at least 1")};
    if (Status s = validateChannelName(channel); !s)
        return s.error();
    if (channelKindOf(channel).type != ChannelType::Presence)
        return Error{ErrorCode::InvalidChannelName,
                     QStringLiteral("'%1' is not a presence channel (presence-…)").arg(channel)};
    QList<Client *> added;
    for (int i = 1; i <= count; ++i) {
        ClientSpec spec{credentials, authorizer, {QStringLiteral("%1-%2").arg(userIdPrefix).arg(i), {}}, {}};
        spec.identity.userInfo.insert(QStringLiteral("name"), QStringLiteral("%1 %2").arg(userIdPrefix).arg(i));
        auto client = add(spec);
        if (!client)
            return client.error();
        if (Status s = (*client)->subscribe(channel); !s)
            return s.error();
        (*client)->open();
        added.append(*client);
    }
    return added;
}

bool ClientSet::remove(Client *client)
{
    if (!m_clients.contains(client))
        return false;
    Q_EMIT clientAboutToBeRemoved(client);
    const QString name = client->name();
    m_clients.removeOne(client);
    client->disconnect(this);
    client->close();
    client->deleteLater();  // the request may come from one of its own signals
    Q_EMIT clientRemoved(name);
    return true;
}

Status ClientSet::rename(Client *client, const QString &name)
{
    if (!m_clients.contains(client))
        return Error{ErrorCode::Usage, QStringLiteral("no such client")};
    if (name == client->name())
        return {};
    if (Status s = checkName(name); !s)
        return s;
    if (find(name))
        return Error{ErrorCode::Usage, QStringLiteral("there is a client named '%1' already").arg(name)};
    client->rename(name);
    return {};
}

Client *ClientSet::find(const QString &name) const
{
    for (Client *c : m_clients) {
        if (c->name() == name)
            return c;
    }
    return nullptr;
}

Client *ClientSet::findBySocketId(const QString &socketId) const
{
    if (socketId.isEmpty())
        return nullptr;
    for (Client *c : m_clients) {
        if (c->socketId() == socketId)
            return c;
    }
    return nullptr;
}

void ClientSet::openAll()
{
    for (Client *c : m_clients)
        c->open();
}

void ClientSet::closeAll()
{
    for (Client *c : m_clients)
        c->close();
}

QStringList ClientSet::presenceUsers(const QString &channel) const
{
    QSet<QString> ids;
    for (const Client *c : m_clients) {
        if (const Subscription *sub = c->session()->channels()->subscription(channel)) {
            for (auto it = sub->members.cbegin(); it != sub->members.cend(); ++it)
                ids.insert(it.key());
        }
    }
    QStringList out(ids.cbegin(), ids.cend());
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace cs
