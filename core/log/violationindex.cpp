#include "violationindex.h"

#include "logstore.h"
#include "strictjson.h"

#include <QJsonObject>

namespace cs {

ViolationIndex::ViolationIndex(LogStore *store) : QObject(store), m_store(store)
{
    setObjectName(QStringLiteral("cs-violation-index"));
    connect(store, &LogStore::evicted, this, [this] { forgetBefore(m_store->firstSeq()); });
    connect(store, &LogStore::cleared, this, [this] {
        m_bySeq.clear();
        m_applies.clear();
    });
}

ViolationIndex *ViolationIndex::of(const LogStore &store)
{
    return store.findChild<ViolationIndex *>(QStringLiteral("cs-violation-index"), Qt::FindDirectChildrenOnly);
}

ViolationIndex *ViolationIndex::ensure(LogStore *store)
{
    if (ViolationIndex *index = of(*store))
        return index;
    return new ViolationIndex(store);
}

void ViolationIndex::setContracts(std::shared_ptr<const ContractSet> contracts)
{
    m_contracts = std::move(contracts);
    m_bySeq.clear();
    m_applies.clear();
    Q_EMIT contractsChanged();
}

bool ViolationIndex::appliesAt(qsizetype row) const
{
    if (m_namesToken != m_store->namesToken()) {
        m_namesToken = m_store->namesToken();
        m_applies.clear();
    }
    const quint64 key = quint64(m_store->nameIdAt(row, LogStore::NameField::Event)) << 32
                        | m_store->nameIdAt(row, LogStore::NameField::Channel);
    auto it = m_applies.constFind(key);
    if (it == m_applies.constEnd())
        it = m_applies.insert(key, m_contracts->applies(m_store->eventAt(row), m_store->channelAt(row)));
    return *it;
}

QList<Violation> ViolationIndex::violationsAt(qsizetype row) const
{
    if (!isActive() || row < 0 || row >= m_store->size()
        || !isCheckable(m_store->directionAt(row), m_store->kindAt(row)) || !appliesAt(row))
        return {};
    const quint64 seq = m_store->seqAt(row);
    auto it = m_bySeq.find(seq);
    if (it == m_bySeq.end())
        it = m_bySeq.emplace(seq, violationsOf(m_store->at(row))).first;
    return it->second;
}

QList<Violation> ViolationIndex::violationsOf(const LogEntry &entry) const
{
    if (!isActive() || !isCheckable(entry.direction, entry.kind))
        return {};
    return m_contracts->validate(entry.event, entry.channel, checkedData(entry));
}

QJsonValue ViolationIndex::checkedData(const LogEntry &entry)
{
    if (entry.kind != EntryKind::Api)
        return entry.data();
    const QJsonValue sent = entry.data().toObject().value(QLatin1StringView("data"));
    if (!sent.isString())
        return sent;
    const QByteArray text = sent.toString().toUtf8();
    const Result<QJsonValue> decoded = json::parseValue(text);
    return decoded ? *decoded : sent;
}

void ViolationIndex::forgetBefore(quint64 seq) { m_bySeq.erase(m_bySeq.begin(), m_bySeq.lower_bound(seq)); }

}  // namespace cs
