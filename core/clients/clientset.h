#pragma once
// Several clients side by side (issue 13): each one a Session of its own (connection, channels,
// authorizer, REST client) with a short name (A, B, C…), a stable colour index and a presence
// identity, all writing to one LogStore under their names (LogEntry::connection, the filter
// terms `client:` / `conn:`). Reconnecting and resubscribing stay each Connection's own
// behaviour: one client dropping does not touch the others.

#include "authorizer.h"
#include "credentials.h"
#include "result.h"
#include "session.h"

#include <QList>
#include <QObject>

#include <functional>
#include <memory>

namespace cs {

class LogStore;

// Makes a client's authorizer; called again when the client is rebuilt (renamed). Null factory:
// the built-in signer for the client's credentials (Session::builtInSigner).
using AuthorizerFactory = std::function<std::unique_ptr<Authorizer>(const Credentials &)>;

struct ClientSpec {
    Credentials credentials;
    AuthorizerFactory authorizer;
    PresenceIdentity identity;  // presence channels and sign-in; empty user id: "user-<name>"
    QString name;               // empty: the first free short name (A, B, … Z, AA, AB, …)
};

class Client : public QObject {
    Q_OBJECT
public:
    QString name() const { return m_name; }
    // Stable for the client's life: the lowest index no other client held when it was added.
    int colorIndex() const { return m_colorIndex; }
    const PresenceIdentity &identity() const { return m_identity; }
    const Credentials &credentials() const { return m_credentials; }
    Session *session() const { return m_session.get(); }
    ConnectionState state() const;
    QString socketId() const;  // empty unless connected

    void open();   // connects (and retries, as every Connection does)
    void close();  // disconnects; subscriptions are kept and come back with open()
    // Subscribes with this client's presence identity.
    Status subscribe(const QString &channel);
    void unsubscribe(const QString &channel);
    // Subscribed to `channel` as far as this client knows, or signed in as the user that
    // `#server-to-user-<id>` names.
    bool isOn(const QString &channel) const;

Q_SIGNALS:
    // The session was replaced (after a rename): views reconnect to its parts.
    void sessionReplaced();
    // Name, connection state, subscriptions or a roster changed.
    void changed();

private:
    friend class ClientSet;
    Client(const ClientSpec &spec, const QString &name, int colorIndex, LogStore *log, QObject *parent);
    void buildSession();
    void rename(const QString &name);

    QString m_name;
    int m_colorIndex;
    Credentials m_credentials;
    AuthorizerFactory m_authorizerFactory;
    PresenceIdentity m_identity;
    LogStore *m_log;
    bool m_wantOpen = false;
    std::unique_ptr<Session> m_session;
};

class ClientSet : public QObject {
    Q_OBJECT
public:
    explicit ClientSet(LogStore *log, QObject *parent = nullptr);
    ~ClientSet() override;

    // Adds a client (not yet connected). Fails on a name that is taken or not valid (1 to 32
    // letters, digits, '-', '_' or '.': it is a log column and a filter value).
    Result<Client *> add(const ClientSpec &spec);
    // `count` clients on `channel`, presence user ids "<userIdPrefix>-1…count", connected and
    // subscribed: the "three presence users on this channel" of a demo.
    Result<QList<Client *>> addPresenceUsers(int count, const QString &channel, const Credentials &credentials,
                                             const QString &userIdPrefix = QStringLiteral("user"),
                                             const AuthorizerFactory &authorizer = {});
    // Closes and deletes the client; false if it is not in the set.
    bool remove(Client *client);
    // A connected client reconnects under its new name (the connection name is part of every
    // log entry); its subscriptions come along.
    Status rename(Client *client, const QString &name);

    QList<Client *> clients() const { return m_clients; }
    Client *find(const QString &name) const;
    Client *findBySocketId(const QString &socketId) const;
    LogStore *log() const { return m_log; }

    void openAll();
    void closeAll();
    // Every user id on `channel`'s roster as any client sees it, sorted: "N presence users on
    // channel C" is its size. Each client's own view is its Subscription::members.
    QStringList presenceUsers(const QString &channel) const;
    static Status checkName(const QString &name);
    QString nextFreeName() const;

Q_SIGNALS:
    void clientAdded(cs::Client *client);
    void clientAboutToBeRemoved(cs::Client *client);
    void clientRemoved(const QString &name);
    void clientChanged(cs::Client *client);

private:
    int nextFreeColour() const;

    LogStore *m_log;
    QList<Client *> m_clients;
};

}  // namespace cs
