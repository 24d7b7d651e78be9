#pragma once
// Contracts from a folder: every `<event name or glob>.schema.json` in it (not its subfolders)
// is one contract; the file name without ".schema.json" is the event pattern (`order-*`), and
// an optional "x-channel" member of the schema limits it to a channel pattern
// (`"x-channel": "private-orders-*"`). Files are read in name order; other files are ignored.

#include "contractset.h"

#include <QByteArray>
#include <QString>

namespace cs {

inline constexpr QLatin1StringView kContractSuffix{".schema.json"};
inline constexpr qint64 kMaxContractBytes = qint64(4) << 20;  // a schema is text, not data

// One contract from the text of a file. InvalidContract with "Line L, column C: …" for bad
// JSON, or the reason the schema is not a draft-7 schema.
Result<Contract> parseContract(const QString &eventGlob, const QByteArray &text, const QString &sourceFile = {});

// Every contract file in `folder`: the ones that load, and a problem for each that does not.
// ContractFolder when the folder is missing or unreadable.
Result<ContractSet> loadContractFolder(const QString &folder);

// The event pattern a file name stands for ("order-*.schema.json" → "order-*"); empty if none.
QString eventGlobOfFile(const QString &fileName);
// The file name for an event pattern, for saving an inferred schema.
QString contractFileName(const QString &eventGlob);

// The whole set as one Error (the first problem, and how many more) when any file failed:
// what `channelscope-cli --contracts` refuses to run with.
Status requireAllLoaded(const ContractSet &set);

}  // namespace cs
