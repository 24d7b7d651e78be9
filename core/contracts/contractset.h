#pragma once
// The contracts in force: the ones that loaded, and why the others did not. Shared read-only
// (std::shared_ptr<const ContractSet>) by the log's violation index, the CLI and the UI.

#include "contract.h"

#include <QList>
#include <QString>

namespace cs {

// A contract file that did not load, and why (Error InvalidContract or ContractFolder).
struct ContractProblem {
    QString file;
    Error error;
};

class ContractSet {
public:
    void add(Contract contract) { m_contracts.append(std::move(contract)); }
    void addProblem(ContractProblem problem) { m_problems.append(std::move(problem)); }

    const QList<Contract> &contracts() const { return m_contracts; }
    const QList<ContractProblem> &problems() const { return m_problems; }
    bool isEmpty() const { return m_contracts.isEmpty(); }
    QString folder;  // where they were loaded from; empty when built in code

    // Whether any contract applies to this event on this channel (cheap: no validation).
    bool applies(QStringView event, QStringView channel) const;
    // The violations of every contract that applies, in contract order; empty when it meets them all.
    QList<Violation> validate(QStringView event, QStringView channel, const QJsonValue &data) const;

private:
    QList<Contract> m_contracts;
    QList<ContractProblem> m_problems;
};

}  // namespace cs
