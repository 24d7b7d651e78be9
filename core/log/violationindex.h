#pragma once
// Payload contracts applied to the log: which held rows break a contract, and how. One index
// per store, its child (ViolationIndex::of(store)), living in the store's thread. A row is
// checked when first asked (the log view paints it, a `violates:` filter reaches it, the details
// pane shows it) and the answer kept by seq until the row is evicted, so a log without
// contracts, or rows nobody looks at, cost nothing.
//
// Checked: channel events and client events (frames, in and out) whose event and channel a
// contract names, and the backend's triggers seen by the REST tap (kind Api); their decoded
// `data` (checkedData()) is validated.

#include "contractset.h"
#include "logentry.h"

#include <QHash>
#include <QObject>

#include <map>
#include <memory>

namespace cs {

class LogStore;

class ViolationIndex : public QObject {
    Q_OBJECT
public:
    explicit ViolationIndex(LogStore *store);  // becomes the store's child
    // The store's index, or null when no one set contracts on it.
    static ViolationIndex *of(const LogStore &store);
    // The store's index, created when missing.
    static ViolationIndex *ensure(LogStore *store);

    // Replaces the contracts (null or empty: none) and forgets every answer; emits contractsChanged().
    void setContracts(std::shared_ptr<const ContractSet> contracts);
    const std::shared_ptr<const ContractSet> &contracts() const { return m_contracts; }
    bool isActive() const { return m_contracts && !m_contracts->isEmpty(); }

    static bool isCheckable(Direction direction, EntryKind kind)
    {
        return ((kind == EntryKind::Event || kind == EntryKind::ClientEvent) && direction != Direction::Local)
               || kind == EntryKind::Api;
    }
    // What a contract validates: a frame's decoded data, or the data a tapped API call sent (a
    // JSON string decoded as the server's subscribers will decode it).
    static QJsonValue checkedData(const LogEntry &entry);
    // The violations of a held row; empty when it meets its contracts or none applies.
    QList<Violation> violationsAt(qsizetype row) const;
    bool violatesAt(qsizetype row) const { return !violationsAt(row).isEmpty(); }
    // The same for an entry not (or no longer) in the store.
    QList<Violation> violationsOf(const LogEntry &entry) const;

Q_SIGNALS:
    // After setContracts(): every earlier answer may have changed (views repaint, filters rerun).
    void contractsChanged();

private:
    bool appliesAt(qsizetype row) const;
    void forgetBefore(quint64 seq);

    LogStore *m_store;
    std::shared_ptr<const ContractSet> m_contracts;
    mutable std::map<quint64, QList<Violation>> m_bySeq;  // checked rows; most are empty lists
    mutable QHash<quint64, bool> m_applies;               // (event id << 32 | channel id) -> a contract applies
    mutable quint64 m_namesToken = 0;
};

}  // namespace cs
