#include "contract.h"

#include <valijson/adapters/qtjson_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

#include <QJsonArray>
#include <QRegularExpression>

#include <exception>
#include <string>

namespace cs {

struct Contract::Compiled {
    valijson::Schema schema;
};

namespace {

// valijson's context ("<root>", "[items]", "[0]", "[qty]") as one readable path: $.items[0].qty.
// It writes keys and indexes alike, so the payload says which is which.
QString pathOf(const std::vector<std::string> &context, const QJsonValue &data)
{
    static const QRegularExpression identifier(QStringLiteral("\\A[A-Za-z_$][A-Za-z0-9_$]*\\z"));
    QString path = QStringLiteral("$");
    QJsonValue at = data;
    for (const std::string &part : context) {
        QString token = QString::fromStdString(part);
        if (token == QLatin1StringView("<root>"))
            continue;
        if (token.startsWith(u'[') && token.endsWith(u']'))
            token = token.mid(1, token.size() - 2);
        bool isIndex = false;
        const int index = token.toInt(&isIndex);
        if (at.isArray() && isIndex) {
            path += QStringLiteral("[%1]").arg(index);
            at = at.toArray().at(index);
            continue;
        }
        if (identifier.match(token).hasMatch()) {
            path += u'.' + token;
        } else {
            QString quoted = token;
            quoted.replace(u'\\', QStringLiteral("\\\\")).replace(u'"', QStringLiteral("\\\""));
            path += QStringLiteral("[\"%1\"]").arg(quoted);
        }
        at = at.toObject().value(token);
    }
    return path;
}

// valijson also reports every enclosing level ("Failed to validate against schema associated
// with property name 'a'"); the innermost error already says where and why.
bool isWrapper(const std::string &description)
{
    return description.rfind("Failed to validate against schema associated with property", 0) == 0
           || description.rfind("Failed to validate item #", 0) == 0
           || description.rfind("Failed to validate against child schema", 0) == 0
           || description.rfind("Failed to validate against additional properties schema", 0) == 0;
}

QString fromStd(const std::string &text)
{
    QString s = QString::fromStdString(text);
    if (s.endsWith(u'.'))
        s.chop(1);
    // valijson prints limits with %f: "1.000000" reads as 1, "2.500000" as 2.5.
    static const QRegularExpression zeros(QStringLiteral("(\\d)\\.0+(?!\\d)|(\\d\\.\\d*?[1-9])0+(?!\\d)"));
    s.replace(zeros, QStringLiteral("\\1\\2"));
    return s;
}

}  // namespace

bool globMatches(const QString &glob, QStringView name)
{
    if (!glob.contains(u'*') && !glob.contains(u'?'))
        return name == glob;
    QString re = QStringLiteral("\\A");
    for (const QChar c : glob) {
        if (c == u'*')
            re += QStringLiteral(".*");
        else if (c == u'?')
            re += u'.';
        else
            re += QRegularExpression::escape(QString(c));
    }
    re += QStringLiteral("\\z");
    return QRegularExpression(re, QRegularExpression::DotMatchesEverythingOption).match(name).hasMatch();
}

Result<Contract> Contract::compile(const QString &eventGlob, const QJsonObject &schema, const QString &sourceFile)
{
    if (eventGlob.isEmpty())
        return Error{ErrorCode::InvalidContract, QStringLiteral("a contract needs an event name or pattern")};
    const QJsonValue channel = schema.value(kChannelKeyword);
    if (!channel.isUndefined() && (!channel.isString() || channel.toString().isEmpty()))
        return Error{
            ErrorCode::InvalidContract,
            QStringLiteral("\"%1\" must be a channel name or pattern (a non-empty string)").arg(kChannelKeyword)};
    auto compiled = std::make_shared<Compiled>();
    try {
        valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
        const valijson::adapters::QtJsonAdapter adapter{QJsonValue(schema)};
        parser.populateSchema(adapter, compiled->schema);
    } catch (const std::exception &e) {
        return Error{ErrorCode::InvalidContract,
                     QStringLiteral("not a valid draft-7 JSON Schema: %1").arg(fromStd(e.what()))};
    }
    Contract contract;
    contract.m_eventGlob = eventGlob;
    contract.m_channelGlob = channel.toString();
    contract.m_schema = schema;
    contract.m_sourceFile = sourceFile;
    contract.m_compiled = std::move(compiled);
    return contract;
}

QString Contract::name() const
{
    return m_channelGlob.isEmpty() ? m_eventGlob : QStringLiteral("%1 on %2").arg(m_eventGlob, m_channelGlob);
}

bool Contract::matches(QStringView event, QStringView channel) const
{
    return globMatches(m_eventGlob, event) && (m_channelGlob.isEmpty() || globMatches(m_channelGlob, channel));
}

QList<Violation> Contract::validate(const QJsonValue &data) const
{
    QList<Violation> violations;
    if (!m_compiled)
        return violations;
    valijson::ValidationResults results;
    try {
        valijson::Validator validator;
        const valijson::adapters::QtJsonAdapter target(data);
        if (validator.validate(m_compiled->schema, target, &results))
            return violations;
    } catch (const std::exception &e) {
        // A schema feature that only fails on use (a regex std::regex cannot run): say so, once.
        violations.append({QStringLiteral("$"),
                           QStringLiteral("the schema could not be applied: %1").arg(fromStd(e.what())), name()});
        return violations;
    }
    QList<Violation> wrappers;
    valijson::ValidationResults::Error error;
    while (results.popError(error)) {
        Violation v{pathOf(error.context, data), fromStd(error.description), name()};
        (isWrapper(error.description) ? wrappers : violations).append(std::move(v));
    }
    return violations.isEmpty() ? wrappers : violations;
}

}  // namespace cs
