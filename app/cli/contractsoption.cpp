#include "contractsoption.h"

#include "contractloader.h"
#include "violationindex.h"

#include <QJsonArray>

namespace cs::cli {

void addContractsOption(QCommandLineParser &parser)
{
    parser.addOption(
        {QStringLiteral("contracts"),
         QStringLiteral("Validate event data against the JSON Schemas in DIR: one "
                        "<event name or glob>.schema.json per contract; violations are added to the line."),
         QStringLiteral("dir")});
}

Result<std::shared_ptr<const ContractSet>> contractsFrom(const QCommandLineParser &parser)
{
    if (!parser.isSet(QStringLiteral("contracts")))
        return std::shared_ptr<const ContractSet>();
    auto set = loadContractFolder(parser.value(QStringLiteral("contracts")));
    if (!set)
        return set.error();
    if (Status all = requireAllLoaded(*set); !all)
        return all.error();
    return std::shared_ptr<const ContractSet>(std::make_shared<ContractSet>(std::move(*set)));
}

QJsonArray violationsOf(const LogEntry &entry, const ContractSet *contracts)
{
    QJsonArray list;
    if (!contracts || !ViolationIndex::isCheckable(entry.direction, entry.kind)
        || !contracts->applies(entry.event, entry.channel))
        return list;
    const QList<Violation> violations =
        contracts->validate(entry.event, entry.channel, ViolationIndex::checkedData(entry));
    for (const Violation &v : violations) {
        list.append(QJsonObject{{QStringLiteral("path"), v.path},
                                {QStringLiteral("message"), v.message},
                                {QStringLiteral("contract"), v.contract}});
    }
    return list;
}

QJsonObject withViolations(const LogEntry &entry, QJsonObject line, const ContractSet *contracts)
{
    const QJsonArray list = violationsOf(entry, contracts);
    if (!list.isEmpty())
        line.insert(QStringLiteral("violations"), list);
    return line;
}

}  // namespace cs::cli
