#pragma once
// Profiles under "profiles/<id>" of a QSettings, secrets routed by each profile's SecretPolicy:
// the keychain, memory for this session, or — only when chosen — the settings file itself.

#include "profile.h"
#include "result.h"
#include "secretstore.h"

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

    // Reads every profile; secrets arrive later, one profileLoaded(id) per profile: during this
    // call for profiles whose secrets are in the settings (or have no store), after it for those
    // a SecretStore answers for.
    void load();

    QList<Profile> profiles() const;  // sorted by name
    QStringList ids() const;
    std::optional<Profile> profile(const QString &id) const;
    bool contains(const QString &id) const;
    bool secretsLoaded(const QString &id) const;

    // Writes the non-secret fields at once (profile() has the whole profile when this returns),
    // the secrets where the policy says, then calls back: exactly once, never before this returns
    // (not at all if the store is destroyed first). The callback may be empty.
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
    void writeFields(const Profile &profile, bool withSecrets);
    void loadSecrets(const QString &id);
    void moveLegacyEndpointSecrets(const QString &id);
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
    // Profiles whose settings still hold endpoint secrets (an endpoint URL with credentials,
    // parameter values) as an older version wrote them: moved to their store once loaded.
    QSet<QString> m_legacyEndpointSecrets;
};

}  // namespace cs
