#pragma once
// --contracts DIR, shared by the commands that print events (listen, tap, run):
// a folder of <event name or glob>.schema.json files (core/contracts/contractloader.h). Any file
// that does not load is a usage error (exit 2): a check that silently skips a contract is worse
// than none.

#include "contractset.h"
#include "logentry.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonObject>

#include <memory>

namespace cs::cli {

void addContractsOption(QCommandLineParser &parser);
// The contracts --contracts names; null when the option is absent. Error InvalidContract or
// ContractFolder, with the file and the reason, when the folder or any file in it is bad.
Result<std::shared_ptr<const ContractSet>> contractsFrom(const QCommandLineParser &parser);

// An entry's NDJSON line with "violations": [{"path", "message", "contract"}, …] when it breaks a
// contract; the line unchanged otherwise, or when `contracts` is null.
QJsonObject withViolations(const LogEntry &entry, QJsonObject line, const ContractSet *contracts);
// Just the list: empty when the entry breaks no contract or `contracts` is null.
QJsonArray violationsOf(const LogEntry &entry, const ContractSet *contracts);

}  // namespace cs::cli
