#pragma once
// Where a profile's secrets live: the app secret, the encryption master key and its auth
// endpoints' secrets: the values of the extra headers (bearer tokens, cookies, CSRF tokens) and of
// the extra parameters, and an endpoint URL that carries user info or a query (?token=…). A SecretStore keeps
// them per profile id: the system keychain in the app, memory for this session only, or — only
// when the user explicitly chooses it — the settings file in plain text (SecretPolicy).

#include "result.h"

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QObject>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

namespace cs {

// Where the secrets of a profile are kept.
enum class SecretPolicy { Keychain, SessionOnly, PlainSettings };
QString secretPolicyName(SecretPolicy policy);  // "keychain", "session", "plain"
std::optional<SecretPolicy> secretPolicyFromName(const QString &name);

struct Secrets {
    QString appSecret;
    QByteArray masterKey;  // base64 text, as in Credentials::encryptionMasterKeyBase64
    // Values of the extra headers of the channel and user auth endpoints, in the order of the
    // header names (which are not secret and stay in the settings).
    QList<QByteArray> channelHeaderValues;
    QList<QByteArray> userHeaderValues;
    // Values of the extra parameters, in the order of their names (which stay in the settings).
    QStringList channelParamValues{};
    QStringList userParamValues{};
    // The whole endpoint URL when it holds user info or a query; empty otherwise (the settings
    // then hold the whole URL, which is not secret).
    QString channelUrl{};
    QString userUrl{};

    bool hasHeaderValues() const;
    bool hasEndpointSecrets() const;  // header or parameter values, or a secret URL
    bool isEmpty() const { return appSecret.isEmpty() && masterKey.isEmpty() && !hasEndpointSecrets(); }
    bool operator==(const Secrets &) const = default;

    // Every endpoint secret as one blob ({"channel":[…],"user":[…],"channelParams":[…],
    // "userParams":[…],"channelUrl":…,"userUrl":…}), e.g. for the one keychain entry
    // "<id>/authHeaders" (named when it held header values only); empty when there are none.
    // decodeHeaderValues() takes what encodeHeaderValues() gave (an empty or unreadable blob
    // means no values).
    QByteArray encodeHeaderValues() const;
    void decodeHeaderValues(const QByteArray &blob);
};

// Asynchronous storage for secrets, keyed by profile id. Callbacks run exactly once, on the
// thread of the store, and never before the call returns (not at all if the store is destroyed
// first). A write callback may be empty.
class SecretStore : public QObject {
    Q_OBJECT
public:
    using ReadCallback = std::function<void(const Result<Secrets> &)>;
    using WriteCallback = std::function<void(const Status &)>;

    using QObject::QObject;
    // A missing entry is not an error: it reads as empty Secrets.
    virtual void readSecrets(const QString &profileId, ReadCallback callback) = 0;
    virtual void writeSecrets(const QString &profileId, const Secrets &secrets, WriteCallback callback) = 0;
    virtual void removeSecrets(const QString &profileId) = 0;
    // Until availabilityChecked() has been emitted this is the optimistic guess (true).
    virtual bool isAvailable() const = 0;
    virtual bool isAvailabilityKnown() const { return true; }
    virtual QString describe() const = 0;  // "system keychain", "memory (this session only)"

Q_SIGNALS:
    void availabilityChecked(bool available);
};

// Keeps secrets in memory: the SessionOnly policy, and the keychain stand-in of tests. A write
// takes effect at once (a read right after it sees it); the callbacks still come later.
class MemorySecretStore : public SecretStore {
    Q_OBJECT
public:
    using SecretStore::SecretStore;
    void readSecrets(const QString &profileId, ReadCallback callback) override;
    void writeSecrets(const QString &profileId, const Secrets &secrets, WriteCallback callback) override;
    void removeSecrets(const QString &profileId) override;
    bool isAvailable() const override { return m_available; }
    QString describe() const override;

    // Tests: pretend there is (not) a keychain service. Reads and writes then fail.
    void setAvailable(bool available);
    bool contains(const QString &profileId) const { return m_secrets.contains(profileId); }
    // Tests: what is stored for a profile (empty Secrets when nothing).
    Secrets stored(const QString &profileId) const { return m_secrets.value(profileId); }
    // Tests: puts secrets in place as an older version of the app left them.
    void preload(const QString &profileId, const Secrets &secrets) { m_secrets.insert(profileId, secrets); }

private:
    QMap<QString, Secrets> m_secrets;
    bool m_available = true;
};

}  // namespace cs
