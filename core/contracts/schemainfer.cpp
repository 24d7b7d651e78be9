#include "schemainfer.h"

#include <QJsonArray>

#include <cmath>

namespace cs {

namespace {

QString typeOf(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Null: return QStringLiteral("null");
    case QJsonValue::Bool: return QStringLiteral("boolean");
    case QJsonValue::Double: {
        const double d = v.toDouble();
        return std::isfinite(d) && d == std::floor(d) ? QStringLiteral("integer") : QStringLiteral("number");
    }
    case QJsonValue::String: return QStringLiteral("string");
    case QJsonValue::Array: return QStringLiteral("array");
    case QJsonValue::Object: return QStringLiteral("object");
    case QJsonValue::Undefined: break;
    }
    return {};
}

QJsonObject infer(const QJsonValue &v);

// Two schemas of array elements as one: objects keep every property and require only the
// members all of them had; integer and number make number; other differences drop the type.
QJsonObject merge(const QJsonObject &a, const QJsonObject &b)
{
    const QString ta = a.value(QLatin1StringView("type")).toString();
    const QString tb = b.value(QLatin1StringView("type")).toString();
    if (ta == tb && ta == QLatin1StringView("object")) {
        QJsonObject props = a.value(QLatin1StringView("properties")).toObject();
        const QJsonObject other = b.value(QLatin1StringView("properties")).toObject();
        for (auto it = other.begin(); it != other.end(); ++it)
            props.insert(it.key(), props.contains(it.key())
                                       ? merge(props.value(it.key()).toObject(), it.value().toObject())
                                       : it.value().toObject());
        const QJsonArray reqB = b.value(QLatin1StringView("required")).toArray();
        QJsonArray required;
        for (const QJsonValue &key : a.value(QLatin1StringView("required")).toArray()) {
            if (reqB.contains(key))
                required.append(key);
        }
        QJsonObject merged{{QStringLiteral("type"), ta}, {QStringLiteral("properties"), props}};
        if (!required.isEmpty())
            merged.insert(QStringLiteral("required"), required);
        return merged;
    }
    if (ta == tb && ta == QLatin1StringView("array")) {
        const QJsonValue ia = a.value(QLatin1StringView("items"));
        const QJsonValue ib = b.value(QLatin1StringView("items"));
        if (ia.isObject() && ib.isObject())
            return {{QStringLiteral("type"), ta}, {QStringLiteral("items"), merge(ia.toObject(), ib.toObject())}};
        return {{QStringLiteral("type"), ta}};
    }
    if (ta == tb)
        return a;
    const bool numbers = (ta == QLatin1StringView("integer") || ta == QLatin1StringView("number"))
                         && (tb == QLatin1StringView("integer") || tb == QLatin1StringView("number"));
    if (numbers)
        return {{QStringLiteral("type"), QStringLiteral("number")}};
    return {};
}

QJsonObject infer(const QJsonValue &v)
{
    const QString type = typeOf(v);
    QJsonObject schema;
    if (type.isEmpty())
        return schema;
    schema.insert(QStringLiteral("type"), type);
    if (v.isObject()) {
        const QJsonObject object = v.toObject();
        QJsonObject props;
        QJsonArray required;
        for (auto it = object.begin(); it != object.end(); ++it) {
            props.insert(it.key(), infer(it.value()));
            required.append(it.key());
        }
        schema.insert(QStringLiteral("properties"), props);
        if (!required.isEmpty())
            schema.insert(QStringLiteral("required"), required);
    } else if (v.isArray()) {
        const QJsonArray array = v.toArray();
        if (!array.isEmpty()) {
            QJsonObject items = infer(array.first());
            for (qsizetype i = 1; i < array.size() && !items.isEmpty(); ++i)
                items = merge(items, infer(array.at(i)));
            schema.insert(QStringLiteral("items"), items);
        }
    }
    return schema;
}

}  // namespace

QJsonObject inferSchema(const QJsonValue &payload, const QString &title)
{
    QJsonObject schema = infer(payload);
    schema.insert(QStringLiteral("$schema"), QStringLiteral("http://json-schema.org/draft-07/schema#"));
    if (!title.isEmpty())
        schema.insert(QStringLiteral("title"), title);
    return schema;
}

}  // namespace cs
