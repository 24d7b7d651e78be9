#pragma once
// A profile is everything needed to reach one app: a name, a server preset, credentials and a
// presence identity. Non-secret fields live in QSettings; the app secret and the encryption
// master key go to a SecretStore (the system keychain in the app), to memory for this session
// only, or, when the user explicitly chooses it, to the settings file in plain text.

#include "authorizer.h"
#include "credentials.h"
#include "result.h"

#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QObject>
#include <QSet>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>
#include <optional>

class QSettings;

namespace cs {

enum class ServerPreset { Pusher, Soketi, Reverb, Custom };
QString serverPresetName(ServerPreset preset);   // "pusher", "soketi", "reverb", "custom" (stored)
QString serverPresetLabel(ServerPreset preset);  // "Pusher (hosted)", "soketi", …
std::optional<ServerPreset> serverPresetFromName(const QString &name);

// Where the app secret and the master key are kept.
enum class SecretPolicy { Keychain, SessionOnly, PlainSettings };
QString secretPolicyName(SecretPolicy policy);  // "keychain", "session", "plain"
std::optional<SecretPolicy> secretPolicyFromName(const QString &name);

// The public clusters (protocol reference §1.1), in the order the docs list them.
struct ClusterInfo {
    QString id;      // "mt1"
    QString region;  // "N. Virginia"
};
const QList<ClusterInfo> &pusherClusters();

// Presence member limits (§6.3): hosted Pusher takes 1 KB of user object, soketi 2 KB.
inline constexpr int kUserInfoWarnBytes = 1024;
inline constexpr int kUserIdWarnLength = 128;

struct ImportedProfile;

struct Profile {
    QString id;  // uuid without braces
    QString name;
    ServerPreset preset = ServerPreset::Pusher;
    Credentials credentials;  // secret and encryptionMasterKeyBase64 are filled at runtime
    PresenceIdentity identity;
    SecretPolicy secretPolicy = SecretPolicy::Keychain;

    // A fresh id, preset defaults applied.
    static Profile create(const QString &name, ServerPreset preset);
    // 127.0.0.1:6001, no TLS, app-id/app-key/app-secret: soketi's default app.
    static Profile localSandbox();
    static QString newId();

    // Sets the preset and its connection defaults (cluster/host/port/TLS); keys are kept.
    // Pusher: cluster mt1, TLS, 443. soketi: 127.0.0.1:6001 plain. Reverb: localhost:8080 plain.
    // Custom: empty host.
    void applyPreset(ServerPreset newPreset);

    // Field ("name", "appId", "key", "secret", "cluster", "host", "port", "restHost", "restPort",
    // "pathPrefix", "masterKey", "userId", "userInfo") -> one line. Problems that make the profile
    // unusable; an empty map means it can be saved.
    QMap<QString, QString> validate() const;
    // Same field names, for what works but deserves a word (no secret: REST is off; port 443
    // without TLS…). Never blocks saving.
    QMap<QString, QString> warnings() const;

    // Secrets ("secret", "masterKey") only when includeSecrets; exports never include them.
    QJsonObject toJson(bool includeSecrets) const;
    // Lenient about types (settings files give strings back); unknown keys are ignored.
    static Result<Profile> fromJson(const QJsonObject &json);

    // KEY=VALUE lines of a .env file (see ImportedProfile for what is recognised).
    static Result<ImportedProfile> fromDotEnv(const QString &text);
    // http[s]://KEY:SECRET@HOST[:PORT]/apps/APP_ID
    static Result<Profile> fromUrl(const QString &url);

    // User info as typed in the editor: empty text is an empty object; anything else must be
    // a JSON object. The error says where the JSON breaks.
    static Result<QJsonObject> parseUserInfo(const QString &text);
};

// What a .env import produced. Recognised names: PUSHER_APP_ID/KEY/SECRET/CLUSTER, PUSHER_HOST,
// PUSHER_PORT, PUSHER_SCHEME; VITE_PUSHER_* and MIX_PUSHER_* (browser copies: no secret);
// REVERB_APP_ID/KEY/SECRET, REVERB_HOST/PORT/SCHEME (+ VITE_REVERB_*); SOKETI_DEFAULT_APP_ID/KEY/
// SECRET (+ SOKETI_PORT, SOKETI_PATH_PREFIX); PUSHER_ENCRYPTION_MASTER_KEY_BASE64; APP_NAME.
struct ImportedProfile {
    Profile profile;
    QStringList usedVariables;  // in file order
    QStringList notes;          // one line each: "no secret in VITE_PUSHER_*…", "line 7 ignored…"
};

// The parsed lines of a .env file: quotes, comments, `export `, ${VAR} (and ${VAR:-default})
// references to other keys of the file. Later definitions win, as in dotenv.
struct DotEnv {
    QMap<QString, QString> values;
    QStringList order;     // keys in order of first definition
    QStringList problems;  // "line 3: no '=' …"
    static DotEnv parse(const QString &text);
};

// --- Secrets -------------------------------------------------------------------------------

struct Secrets {
    QString appSecret;
    QByteArray masterKey;  // base64 text, as in Credentials::encryptionMasterKeyBase64
    bool isEmpty() const { return appSecret.isEmpty() && masterKey.isEmpty(); }
    bool operator==(const Secrets &) const = default;
};

// Asynchronous storage for secrets, keyed by profile id. Callbacks run exactly once, on the
// thread of the store, possibly before the call returns.
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

// Keeps secrets in memory: the SessionOnly policy, and the keychain stand-in of tests.
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

private:
    QMap<QString, Secrets> m_secrets;
    bool m_available = true;
};

// --- Profiles in QSettings -------------------------------------------------------------------

// Profiles under "profiles/<id>" of a QSettings, secrets routed by each profile's policy.
// There is always at least one profile: when none is stored, the Local sandbox is added.
class ProfileStore : public QObject {
    Q_OBJECT
public:
    using SaveCallback = std::function<void(const Status &)>;

    // `settings` must outlive the store. `keychain` may be null (Keychain policy then fails).
    ProfileStore(QSettings *settings, SecretStore *keychain, QObject *parent = nullptr);
    // An INI file of its own (tests, portable installs).
    ProfileStore(const QString &iniPath, SecretStore *keychain, QObject *parent = nullptr);
    ~ProfileStore() override;

    // Reads every profile; secrets arrive later, one profileLoaded(id) per profile.
    void load();

    QList<Profile> profiles() const;  // sorted by name
    QStringList ids() const;
    std::optional<Profile> profile(const QString &id) const;
    bool contains(const QString &id) const;
    bool secretsLoaded(const QString &id) const;

    // Writes the non-secret fields at once, the secrets where the policy says, then calls back.
    void save(const Profile &profile, SaveCallback callback = {});
    void remove(const QString &id);

    QString currentProfileId() const;  // falls back to the first profile
    void setCurrentProfileId(const QString &id);

    SecretStore *keychain() const { return m_keychain; }
    QSettings *settings() const { return m_settings; }

Q_SIGNALS:
    void profilesChanged();
    void profileLoaded(const QString &id);  // the profile's secrets (if any) are in place
    void secretsError(const QString &id, const cs::Error &error);
    void currentProfileChanged(const QString &id);

private:
    SecretStore *storeFor(SecretPolicy policy) const;
    void writeFields(const Profile &profile, const Secrets *plainSecrets);
    void loadSecrets(const QString &id);
    void setSecrets(const QString &id, const Secrets &secrets);
    void ensureOneProfile();

    std::unique_ptr<QSettings> m_ownedSettings;
    QSettings *m_settings;
    SecretStore *m_keychain;
    MemorySecretStore *m_session;  // SessionOnly secrets, and a copy of every secret in use
    QMap<QString, Profile> m_profiles;
    QSet<QString> m_loaded;
    // Bumped by every save, remove and load of a profile: a keychain read that started before
    // is stale and must not overwrite newer secrets.
    QMap<QString, quint64> m_secretVersion;
};

} // namespace cs
