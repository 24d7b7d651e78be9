#include "secretstore_keychain.h"

#include <qt6keychain/keychain.h>

#include <QTimer>

#include <memory>

namespace cs::ui {

namespace {

QString secretKey(const QString &profileId) { return profileId + QStringLiteral("/secret"); }
QString masterKeyKey(const QString &profileId) { return profileId + QStringLiteral("/masterKey"); }
QString authHeadersKey(const QString &profileId) { return profileId + QStringLiteral("/authHeaders"); }
const QString kProbeKey = QStringLiteral("channelscope-availability-probe");

Error keychainError(const QString &message) { return Error{ErrorCode::Keychain, message}; }

}  // namespace

KeychainSecretStore::KeychainSecretStore(QObject *parent, QString service)
    : SecretStore(parent),
      m_service(std::move(service))
{
    // Probe once the event loop runs, so the editor learns early whether to offer the keychain.
    QTimer::singleShot(0, this, [this] {
        if (!m_known)
            checkAvailability();
    });
}

KeychainSecretStore::~KeychainSecretStore() = default;

void KeychainSecretStore::setTimeoutMs(int ms) { m_timeoutMs = std::max(100, ms); }

QString KeychainSecretStore::describe() const { return QStringLiteral("system keychain"); }

bool KeychainSecretStore::meansNoKeychain(int error)
{
    switch (QKeychain::Error(error)) {
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
    case QKeychain::OtherError:  // e.g. no D-Bus session: libsecret cannot even ask
        return true;
    default: return false;
    }
}

void KeychainSecretStore::setAvailable(bool available, const QString &why)
{
    const bool changed = !m_known || available != m_available;
    m_available = available;
    m_known = true;
    m_lastError = available ? QString() : why;
    if (changed)
        Q_EMIT availabilityChecked(available);
}

void KeychainSecretStore::checkAvailability()
{
    run(Kind::Read, kProbeKey, {}, [this](const Outcome &outcome) {
        const bool ok = outcome.error == QKeychain::NoError || outcome.error == QKeychain::EntryNotFound;
        if (ok || !meansNoKeychain(outcome.error))
            setAvailable(true, {});
        else
            setAvailable(false, outcome.message);
    });
}

// One job with a timeout; the callback runs exactly once, and never before this returns. A job that answers after its timeout
// is ignored (and deletes itself when it finally finishes, or with the store).
void KeychainSecretStore::run(Kind kind, const QString &key, const QByteArray &data, JobCallback callback)
{
    QKeychain::Job *job = nullptr;
    switch (kind) {
    case Kind::Read: job = new QKeychain::ReadPasswordJob(m_service, this); break;
    case Kind::Write: {
        auto *write = new QKeychain::WritePasswordJob(m_service, this);
        write->setBinaryData(data);
        job = write;
        break;
    }
    case Kind::Delete: job = new QKeychain::DeletePasswordJob(m_service, this); break;
    }
    job->setKey(key);
    job->setAutoDelete(true);
    job->setInsecureFallback(false);  // a plain-text fallback is the user's explicit choice, not ours

    auto done = std::make_shared<bool>(false);
    auto *timer = new QTimer(this);
    timer->setSingleShot(true);
    const QPointer<QKeychain::Job> guard(job);
    connect(timer, &QTimer::timeout, this, [this, done, callback, timer, guard] {
        timer->deleteLater();
        if (*done)
            return;
        *done = true;
        if (guard)
            guard->disconnect(this);
        const Outcome outcome{QKeychain::OtherError,
                              tr("the keychain did not answer within %1 s").arg(m_timeoutMs / 1000.0),
                              {}};
        setAvailable(false, outcome.message);
        callback(outcome);
    });
    connect(job, &QKeychain::Job::finished, this, [this, done, callback, timer, kind](QKeychain::Job *finished) {
        timer->stop();
        timer->deleteLater();
        if (*done)
            return;
        *done = true;
        Outcome outcome{int(finished->error()), finished->errorString(), {}};
        if (kind == Kind::Read && finished->error() == QKeychain::NoError)
            outcome.data = static_cast<QKeychain::ReadPasswordJob *>(finished)->binaryData();
        if (meansNoKeychain(outcome.error))
            setAvailable(false, outcome.message);
        callback(outcome);
    });
    timer->start(m_timeoutMs);
    // QtKeychain may finish a job inside start() (no D-Bus): started from the event loop, the
    // callback never runs before readSecrets()/writeSecrets() return.
    QMetaObject::invokeMethod(
        job, [job] { job->start(); }, Qt::QueuedConnection);
}

void KeychainSecretStore::readSecrets(const QString &profileId, ReadCallback callback)
{
    auto secrets = std::make_shared<Secrets>();
    const auto failed = [](const Outcome &o) {
        return o.error != QKeychain::NoError && o.error != QKeychain::EntryNotFound;
    };
    // Three entries, read one after the other; a missing entry is simply empty.
    run(Kind::Read, secretKey(profileId), {}, [=, this](const Outcome &first) {
        if (failed(first))
            return callback(keychainError(first.message));
        secrets->appSecret = QString::fromUtf8(first.data);
        run(Kind::Read, masterKeyKey(profileId), {}, [=, this](const Outcome &second) {
            if (failed(second))
                return callback(keychainError(second.message));
            secrets->masterKey = second.data;
            run(Kind::Read, authHeadersKey(profileId), {}, [=](const Outcome &third) {
                if (failed(third))
                    return callback(keychainError(third.message));
                secrets->decodeHeaderValues(third.data);
                callback(*secrets);
            });
        });
    });
}

void KeychainSecretStore::writeSecrets(const QString &profileId, const Secrets &secrets, WriteCallback callback)
{
    const auto report = [callback](const Status &status) {
        if (callback)
            callback(status);
    };
    // An empty value is a deleted entry, so an old secret never lingers.
    const auto step = [this](const QString &key, const QByteArray &value, JobCallback next) {
        if (value.isEmpty())
            run(Kind::Delete, key, {}, std::move(next));
        else
            run(Kind::Write, key, value, std::move(next));
    };
    const auto failed = [](const Outcome &o) {
        return o.error != QKeychain::NoError && o.error != QKeychain::EntryNotFound;
    };
    step(secretKey(profileId), secrets.appSecret.toUtf8(), [=](const Outcome &first) {
        if (failed(first)) {
            report(keychainError(first.message));
            return;
        }
        step(masterKeyKey(profileId), secrets.masterKey, [=](const Outcome &second) {
            if (failed(second)) {
                report(keychainError(second.message));
                return;
            }
            step(authHeadersKey(profileId), secrets.encodeHeaderValues(), [=](const Outcome &third) {
                report(failed(third) ? Status(keychainError(third.message)) : Status{});
            });
        });
    });
}

void KeychainSecretStore::removeSecrets(const QString &profileId)
{
    // Without a keychain there is nothing to remove, and each attempt would wait for a timeout.
    if (m_known && !m_available)
        return;
    run(Kind::Delete, secretKey(profileId), {}, [](const Outcome &) {});
    run(Kind::Delete, masterKeyKey(profileId), {}, [](const Outcome &) {});
    run(Kind::Delete, authHeadersKey(profileId), {}, [](const Outcome &) {});
}

}  // namespace cs::ui
