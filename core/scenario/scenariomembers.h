#pragma once
// Reading one object of a scenario file by member, with the member's path in every message
// ("steps[2].channel: must be a non-empty string") and unknown members (typos) refused.

#include "scenario.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringList>

#include <cmath>

namespace cs::scenariojson {

inline Error invalid(const QString &where, const QString &why)
{
    return Error{ErrorCode::Usage, where.isEmpty() ? why : QStringLiteral("%1: %2").arg(where, why)};
}

inline QString sendText(const QJsonValue &value)
{
    if (value.isUndefined())
        return QStringLiteral("{}");  // no "data": an empty object, as the SDKs send
    if (value.isString())
        return value.toString();
    return QString::fromUtf8(QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact).mid(1).chopped(1));
}

// One JSON object of the file and its path; onlyKnown() refuses a member no step knows (a typo: "chanel").
class Members {
public:
    Members(const QJsonObject &object, QString where) : m_object(object), m_where(std::move(where)) {}

    const QString &where() const { return m_where; }
    QString at(const char *member) const
    {
        return m_where.isEmpty() ? QString(QLatin1String(member)) : m_where + QLatin1Char('.') + QLatin1String(member);
    }
    bool has(const char *member) const { return m_object.contains(QLatin1String(member)); }
    QJsonValue value(const char *member) const { return m_object.value(QLatin1String(member)); }

    Result<QString> string(const char *member, bool required) const
    {
        const QJsonValue v = value(member);
        if (v.isUndefined())
            return required ? Result<QString>(invalid(at(member), QStringLiteral("missing (a string)"))) : QString();
        if (!v.isString() || v.toString().isEmpty())
            return invalid(at(member), QStringLiteral("must be a non-empty string"));
        return v.toString();
    }

    Result<QStringList> strings(const char *member) const
    {
        const QJsonValue v = value(member);
        if (!v.isArray())
            return invalid(at(member), QStringLiteral("must be an array of strings"));
        QStringList out;
        for (const QJsonValue &item : v.toArray()) {
            if (!item.isString())
                return invalid(at(member), QStringLiteral("must be an array of strings"));
            out << item.toString();
        }
        return out;
    }

    // Seconds as a number > 0, into milliseconds; `fallback` when absent.
    Result<int> seconds(const char *member, int fallbackMs) const
    {
        const QJsonValue v = value(member);
        if (v.isUndefined())
            return fallbackMs;
        const double s = v.toDouble(-1);
        if (!v.isDouble() || !(s > 0) || s * 1000 > kScenarioMaxTimeoutMs)
            return invalid(at(member), QStringLiteral("must be a number of seconds above 0 and at most %1")
                                           .arg(kScenarioMaxTimeoutMs / 1000));
        return int(std::ceil(s * 1000));
    }

    Status onlyKnown(std::initializer_list<const char *> known) const
    {
        QStringList names;
        for (const char *k : known)
            names << QLatin1String(k);
        return onlyKnown(names);
    }
    Status onlyKnown(const QStringList &names) const
    {
        for (auto it = m_object.begin(); it != m_object.end(); ++it) {
            if (!names.contains(it.key()))
                return invalid(m_where.isEmpty() ? QStringLiteral("scenario") : m_where,
                               QStringLiteral("unknown member '%1' (expected one of: %2)")
                                   .arg(it.key(), names.join(QStringLiteral(", "))));
        }
        return {};
    }

private:
    QJsonObject m_object;
    QString m_where;
};

}  // namespace cs::scenariojson
