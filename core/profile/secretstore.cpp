#include "secretstore.h"

#include "deliverlater.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

namespace cs {

namespace {

const QString kChannelKey = QStringLiteral("channel");
const QString kUserKey = QStringLiteral("user");
const QString kChannelParamsKey = QStringLiteral("channelParams");
const QString kUserParamsKey = QStringLiteral("userParams");
const QString kChannelUrlKey = QStringLiteral("channelUrl");
const QString kUserUrlKey = QStringLiteral("userUrl");

QJsonArray toArray(const QList<QByteArray> &values)
{
    QJsonArray out;
    for (const QByteArray &v : values)
        out.append(QString::fromUtf8(v));
    return out;
}

QList<QByteArray> fromArray(const QJsonValue &value)
{
    QList<QByteArray> out;
    for (const QJsonValue &v : value.toArray())
        out.append(v.toString().toUtf8());
    return out;
}

bool anyNonEmpty(const QList<QByteArray> &values)
{
    return std::any_of(values.begin(), values.end(), [](const QByteArray &v) { return !v.isEmpty(); });
}

Error unavailableError()
{
    return Error{ErrorCode::KeychainUnavailable, QStringLiteral("No keychain service is available.")};
}

}  // namespace

QString secretPolicyName(SecretPolicy policy)
{
    switch (policy) {
    case SecretPolicy::Keychain: return QStringLiteral("keychain");
    case SecretPolicy::SessionOnly: return QStringLiteral("session");
    case SecretPolicy::PlainSettings: return QStringLiteral("plain");
    }
    return {};
}

std::optional<SecretPolicy> secretPolicyFromName(const QString &name)
{
    for (SecretPolicy p : {SecretPolicy::Keychain, SecretPolicy::SessionOnly, SecretPolicy::PlainSettings})
        if (name.compare(secretPolicyName(p), Qt::CaseInsensitive) == 0)
            return p;
    return std::nullopt;
}

// --- Secrets ---------------------------------------------------------------------------------------

bool Secrets::hasHeaderValues() const { return anyNonEmpty(channelHeaderValues) || anyNonEmpty(userHeaderValues); }

bool Secrets::hasEndpointSecrets() const
{
    const auto anyText = [](const QStringList &values) {
        return std::any_of(values.begin(), values.end(), [](const QString &v) { return !v.isEmpty(); });
    };
    return hasHeaderValues() || anyText(channelParamValues) || anyText(userParamValues) || !channelUrl.isEmpty()
           || !userUrl.isEmpty();
}

QByteArray Secrets::encodeHeaderValues() const
{
    if (!hasEndpointSecrets())
        return {};
    QJsonObject o{{kChannelKey, toArray(channelHeaderValues)}, {kUserKey, toArray(userHeaderValues)}};
    if (!channelParamValues.isEmpty() || !userParamValues.isEmpty()) {
        o.insert(kChannelParamsKey, QJsonArray::fromStringList(channelParamValues));
        o.insert(kUserParamsKey, QJsonArray::fromStringList(userParamValues));
    }
    if (!channelUrl.isEmpty())
        o.insert(kChannelUrlKey, channelUrl);
    if (!userUrl.isEmpty())
        o.insert(kUserUrlKey, userUrl);
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

void Secrets::decodeHeaderValues(const QByteArray &blob)
{
    const QJsonObject o = QJsonDocument::fromJson(blob).object();
    channelHeaderValues = fromArray(o.value(kChannelKey));
    userHeaderValues = fromArray(o.value(kUserKey));
    channelParamValues.clear();
    userParamValues.clear();
    for (const QJsonValue &v : o.value(kChannelParamsKey).toArray())
        channelParamValues << v.toString();
    for (const QJsonValue &v : o.value(kUserParamsKey).toArray())
        userParamValues << v.toString();
    channelUrl = o.value(kChannelUrlKey).toString();
    userUrl = o.value(kUserUrlKey).toString();
}

// --- MemorySecretStore -----------------------------------------------------------------------------

void MemorySecretStore::readSecrets(const QString &profileId, ReadCallback callback)
{
    // What is stored now is what the callback gets, later.
    const Result<Secrets> result =
        m_available ? Result<Secrets>(m_secrets.value(profileId)) : Result<Secrets>(unavailableError());
    deliverLater(this, [callback, result] { callback(result); });
}

void MemorySecretStore::writeSecrets(const QString &profileId, const Secrets &secrets, WriteCallback callback)
{
    const Status status = m_available ? Status{} : Status(unavailableError());
    if (status)
        m_secrets.insert(profileId, secrets);  // at once: a read that follows sees it
    if (callback)
        deliverLater(this, [callback, status] { callback(status); });
}

void MemorySecretStore::removeSecrets(const QString &profileId) { m_secrets.remove(profileId); }

QString MemorySecretStore::describe() const { return QStringLiteral("memory (this session only)"); }

void MemorySecretStore::setAvailable(bool available)
{
    m_available = available;
    Q_EMIT availabilityChecked(available);
}

}  // namespace cs
