#include "profilestore.h"

#include "deliverlater.h"
#include "privatefile.h"

#include <QJsonDocument>
#include <QLoggingCategory>
#include <QPointer>
#include <QSettings>

#include <algorithm>

namespace cs {

Q_LOGGING_CATEGORY(lcProfile, "channelscope.profile")

namespace {
const QString kProfilesGroup = QStringLiteral("profiles");
const QString kCurrentKey = QStringLiteral("currentProfile");

QString groupOf(const QString &id) { return kProfilesGroup + u'/' + id; }
}  // namespace

ProfileStore::ProfileStore(QSettings *settings, SecretStore *keychain, QObject *parent)
    : QObject(parent),
      m_settings(settings),
      m_keychain(keychain),
      m_session(new MemorySecretStore(this))
{}

ProfileStore::ProfileStore(const QString &iniPath, SecretStore *keychain, QObject *parent)
    : ProfileStore(nullptr, keychain, parent)
{
    m_ownedSettings = std::make_unique<QSettings>(iniPath, QSettings::IniFormat);
    m_settings = m_ownedSettings.get();
}

ProfileStore::~ProfileStore() = default;

void ProfileStore::load()
{
    m_profiles.clear();
    m_loaded.clear();
    m_legacyEndpointSecrets.clear();
    m_settings->sync();
    m_settings->beginGroup(kProfilesGroup);
    const QStringList ids = m_settings->childGroups();
    m_settings->endGroup();

    for (const QString &id : ids) {
        m_settings->beginGroup(groupOf(id));
        QJsonObject json;
        for (const QString &key : m_settings->childKeys())
            json.insert(key, QJsonValue::fromVariant(m_settings->value(key)));
        m_settings->endGroup();
        json.insert(QStringLiteral("id"), id);
        auto profile = Profile::fromJson(json);
        if (!profile) {
            qCWarning(lcProfile) << "skipping stored profile" << id << ":" << profile.error().message;
            continue;
        }
        // Only a plain-settings profile may take its secrets from the file.
        if (profile->secretPolicy != SecretPolicy::PlainSettings) {
            profile.value().setSecrets({});
            // setSecrets({}) keeps an endpoint URL and parameter values: older versions kept
            // them in the settings, and they move to the secret store below, not get lost.
            const Secrets leftover = profile->secrets();
            const auto anyValue = [](const QStringList &values) {
                return std::any_of(values.begin(), values.end(), [](const QString &v) { return !v.isEmpty(); });
            };
            if (!leftover.channelUrl.isEmpty() || !leftover.userUrl.isEmpty() || anyValue(leftover.channelParamValues)
                || anyValue(leftover.userParamValues))
                m_legacyEndpointSecrets.insert(id);
        }
        m_profiles.insert(id, *profile);
        ++m_secretVersion[id];
    }
    ensureOneProfile();
    Q_EMIT profilesChanged();
    for (const QString &id : m_profiles.keys())
        loadSecrets(id);
}

QList<Profile> ProfileStore::profiles() const
{
    QList<Profile> out = m_profiles.values();
    std::sort(out.begin(), out.end(), [](const Profile &a, const Profile &b) {
        const int byName = a.name.compare(b.name, Qt::CaseInsensitive);
        return byName != 0 ? byName < 0 : a.id < b.id;
    });
    return out;
}

QStringList ProfileStore::ids() const
{
    QStringList out;
    for (const Profile &p : profiles())
        out << p.id;
    return out;
}

std::optional<Profile> ProfileStore::profile(const QString &id) const
{
    const auto it = m_profiles.constFind(id);
    if (it == m_profiles.constEnd())
        return std::nullopt;
    return *it;
}

bool ProfileStore::contains(const QString &id) const { return m_profiles.contains(id); }

bool ProfileStore::secretsLoaded(const QString &id) const { return m_loaded.contains(id); }

SecretStore *ProfileStore::storeFor(SecretPolicy policy) const
{
    switch (policy) {
    case SecretPolicy::Keychain: return m_keychain;
    case SecretPolicy::SessionOnly: return m_session;
    case SecretPolicy::PlainSettings: return nullptr;
    }
    return nullptr;
}

void ProfileStore::writeFields(const Profile &profile, bool withSecrets)
{
    // A settings file that holds a plain secret is the user's alone (0600), from before the
    // secret is written; QSettings keeps a file's permissions when it rewrites it.
    if (withSecrets && !m_settings->fileName().isEmpty()) {
        if (!preparePrivateFile(m_settings->fileName()))
            qCWarning(lcProfile) << "cannot restrict" << m_settings->fileName() << "to its owner (0600)";
    }
    const QString group = groupOf(profile.id);
    m_settings->remove(group);  // no stale keys, above all no stale plain secret
    m_settings->beginGroup(group);
    // toJson(true) holds the secret, the master key and the header values: plain settings only.
    const QJsonObject json = profile.toJson(withSecrets);
    for (auto it = json.begin(); it != json.end(); ++it) {
        if (it.key() == u"id")
            continue;
        if (it.value().isObject())  // user info, auth settings: JSON text keeps the INI file readable
            m_settings->setValue(it.key(), QString::fromUtf8(
                                               QJsonDocument(it.value().toObject()).toJson(QJsonDocument::Compact)));
        else
            m_settings->setValue(it.key(), it.value().toVariant());
    }
    m_settings->endGroup();
    m_settings->sync();
}

void ProfileStore::save(const Profile &profile, SaveCallback callback)
{
    const QString id = profile.id;
    const Secrets secrets = profile.secrets();
    ++m_secretVersion[id];
    const bool plain = profile.secretPolicy == SecretPolicy::PlainSettings;
    writeFields(profile, plain);

    // The secret lives in exactly one place: drop it from the others.
    for (SecretPolicy other : {SecretPolicy::Keychain, SecretPolicy::SessionOnly})
        if (other != profile.secretPolicy)
            if (SecretStore *store = storeFor(other))
                store->removeSecrets(id);

    // In memory the profile is complete at once, whatever the store answers.
    m_profiles.insert(id, profile);
    m_loaded.insert(id);
    Q_EMIT profilesChanged();

    SecretStore *store = storeFor(profile.secretPolicy);
    const auto reportLater = [this, &callback](const Status &status) {
        if (callback)
            deliverLater(this, [callback, status] { callback(status); });
    };
    if (plain)
        return reportLater(Status{});
    if (!store)
        return reportLater(
            Error{ErrorCode::KeychainUnavailable,
                  QStringLiteral("No keychain is configured: the secret is kept for this session only.")});
    if (secrets.isEmpty()) {
        store->removeSecrets(id);
        return reportLater(Status{});
    }
    store->writeSecrets(id, secrets, [callback, describe = store->describe()](const Status &status) {
        if (!callback)
            return;
        if (status)
            callback(status);
        else
            callback(Error{status.error().code,
                           QStringLiteral("The %1 did not take the secret (%2); it is kept for this session only.")
                               .arg(describe, status.error().message)});
    });
}

void ProfileStore::remove(const QString &id)
{
    if (!m_profiles.contains(id))
        return;
    const bool wasCurrent = currentProfileId() == id;
    ++m_secretVersion[id];
    m_settings->remove(groupOf(id));
    for (SecretPolicy policy : {SecretPolicy::Keychain, SecretPolicy::SessionOnly})
        if (SecretStore *store = storeFor(policy))
            store->removeSecrets(id);
    m_profiles.remove(id);
    m_loaded.remove(id);
    m_legacyEndpointSecrets.remove(id);
    ensureOneProfile();
    m_settings->sync();
    Q_EMIT profilesChanged();
    if (wasCurrent)
        setCurrentProfileId(currentProfileId());
}

QString ProfileStore::currentProfileId() const
{
    const QString stored = m_settings->value(kCurrentKey).toString();
    if (m_profiles.contains(stored))
        return stored;
    const QStringList all = ids();
    return all.isEmpty() ? QString() : all.first();
}

void ProfileStore::setCurrentProfileId(const QString &id)
{
    if (!m_profiles.contains(id))
        return;
    const bool changed = m_settings->value(kCurrentKey).toString() != id;
    m_settings->setValue(kCurrentKey, id);
    m_settings->sync();
    if (changed)
        Q_EMIT currentProfileChanged(id);
}

void ProfileStore::loadSecrets(const QString &id)
{
    const Profile &p = m_profiles[id];
    SecretStore *store = storeFor(p.secretPolicy);
    if (p.secretPolicy == SecretPolicy::PlainSettings || !store) {
        m_loaded.insert(id);
        if (!store && p.secretPolicy == SecretPolicy::Keychain)
            Q_EMIT secretsError(id, Error{ErrorCode::KeychainUnavailable,
                                          QStringLiteral("No keychain is configured: enter the secret again.")});
        Q_EMIT profileLoaded(id);
        return;
    }
    const quint64 version = m_secretVersion.value(id);
    QPointer<ProfileStore> self(this);
    store->readSecrets(id, [self, id, version](const Result<Secrets> &secrets) {
        if (!self || self->m_secretVersion.value(id) != version || !self->m_profiles.contains(id))
            return;  // saved, removed or reloaded meanwhile
        if (secrets)
            self->m_profiles[id].setSecrets(*secrets);
        else
            Q_EMIT self->secretsError(id, secrets.error());
        self->m_loaded.insert(id);
        if (secrets && self->m_legacyEndpointSecrets.remove(id))
            self->moveLegacyEndpointSecrets(id);
        Q_EMIT self->profileLoaded(id);
    });
}

void ProfileStore::moveLegacyEndpointSecrets(const QString &id)
{
    const Profile profile = m_profiles.value(id);
    SecretStore *store = storeFor(profile.secretPolicy);
    if (!store)
        return;
    const quint64 version = m_secretVersion.value(id);
    QPointer<ProfileStore> self(this);
    // The settings lose them only once the store holds them.
    store->writeSecrets(id, profile.secrets(), [self, id, version, profile](const Status &status) {
        if (!status || !self || self->m_secretVersion.value(id) != version)
            return;
        self->writeFields(profile, false);
    });
}

void ProfileStore::ensureOneProfile()
{
    if (!m_profiles.isEmpty())
        return;
    // A newcomer gets a profile that works with a local soketi at once.
    const Profile sandbox = Profile::localSandbox();
    writeFields(sandbox, true);  // its secret is soketi's public demo secret (PlainSettings)
    m_profiles.insert(sandbox.id, sandbox);
    m_loaded.insert(sandbox.id);
}

}  // namespace cs
