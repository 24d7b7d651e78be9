#include "contractset.h"

namespace cs {

bool ContractSet::applies(QStringView event, QStringView channel) const
{
    for (const Contract &contract : m_contracts) {
        if (contract.matches(event, channel))
            return true;
    }
    return false;
}

QList<Violation> ContractSet::validate(QStringView event, QStringView channel, const QJsonValue &data) const
{
    QList<Violation> violations;
    for (const Contract &contract : m_contracts) {
        if (contract.matches(event, channel))
            violations += contract.validate(data);
    }
    return violations;
}

}  // namespace cs
