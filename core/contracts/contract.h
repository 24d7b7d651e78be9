#pragma once
// A payload contract: a JSON Schema (draft 7, through valijson) that the data of every event
// whose name matches `eventGlob` (and, when set, whose channel matches `channelGlob`) must meet.
// Compiled once; validating is const and safe from any thread.

#include "result.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>

#include <memory>

namespace cs {

// One way a payload breaks its contract: where (a path like $.items[0].sku) and why.
struct Violation {
    QString path;
    QString message;
    QString contract;  // the contract's name (its event pattern, plus " on CHANNEL" when it has one)
    bool operator==(const Violation &) const = default;
};

// `*` and `?` wildcards, anchored and case-sensitive (event and channel names are).
bool globMatches(const QString &glob, QStringView name);

class Contract {
public:
    // The schema keyword naming the channel glob a contract is limited to (optional).
    static inline const QLatin1StringView kChannelKeyword{"x-channel"};

    // Compiles `schema` as draft 7. Error InvalidContract when it is not an object or valijson
    // refuses it (an unknown type, a bad regex, an unresolvable $ref…); the message says why.
    // The channel glob comes from the schema's "x-channel" unless `channelGlob` is given.
    static Result<Contract> compile(const QString &eventGlob, const QJsonObject &schema,
                                    const QString &sourceFile = {});

    const QString &eventGlob() const { return m_eventGlob; }
    const QString &channelGlob() const { return m_channelGlob; }  // empty: any channel
    const QJsonObject &schema() const { return m_schema; }
    const QString &sourceFile() const { return m_sourceFile; }
    QString name() const;

    bool matches(QStringView event, QStringView channel) const;
    // Every error valijson finds, innermost first; empty when the payload meets the schema.
    QList<Violation> validate(const QJsonValue &data) const;

private:
    struct Compiled;
    QString m_eventGlob;
    QString m_channelGlob;
    QJsonObject m_schema;
    QString m_sourceFile;
    std::shared_ptr<const Compiled> m_compiled;
};

}  // namespace cs
