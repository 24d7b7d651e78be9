#pragma once
// Secrets in the system keychain through QtKeychain (Secret Service / KWallet, macOS Keychain,
// Windows Credential Store). Entries: service "Channelscope", keys "<profileId>/secret",
// "<profileId>/masterKey" and "<profileId>/authHeaders" (the auth endpoints' header values as
// one JSON blob; entries written before it existed simply lack it and read as no values).
// QtKeychain 0.13 has no isAvailable(): a probe read decides, and every job has a timeout
// because a missing or stuck D-Bus session must never hang the app.

#include "profile.h"

#include <QPointer>

namespace QKeychain {
class Job;
}

namespace cs::ui {

class KeychainSecretStore : public SecretStore {
    Q_OBJECT
public:
    static constexpr int DefaultTimeoutMs = 5000;

    explicit KeychainSecretStore(QObject *parent = nullptr, QString service = QStringLiteral("Channelscope"));
    ~KeychainSecretStore() override;

    void setTimeoutMs(int ms);
    // Probes the keychain (a read of an entry that does not exist) and emits availabilityChecked().
    // Runs by itself once the event loop starts; call it again to probe again.
    void checkAvailability();

    void readSecrets(const QString &profileId, ReadCallback callback) override;
    void writeSecrets(const QString &profileId, const Secrets &secrets, WriteCallback callback) override;
    void removeSecrets(const QString &profileId) override;
    bool isAvailable() const override { return m_available; }
    bool isAvailabilityKnown() const override { return m_known; }
    QString describe() const override;
    QString lastError() const { return m_lastError; }  // why it is unavailable

private:
    struct Outcome {
        int error = 0;  // QKeychain::Error
        QString message;
        QByteArray data;
    };
    using JobCallback = std::function<void(const Outcome &)>;

    enum class Kind { Read, Write, Delete };
    void run(Kind kind, const QString &key, const QByteArray &data, JobCallback callback);
    void setAvailable(bool available, const QString &why);
    static bool meansNoKeychain(int error);

    QString m_service;
    int m_timeoutMs = DefaultTimeoutMs;
    bool m_available = true;  // optimistic until the probe answers
    bool m_known = false;
    QString m_lastError;
};

}  // namespace cs::ui
