#include "scenariomatch.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace cs {

QString shortJson(const QJsonValue &value, int max)
{
    if (value.isUndefined())
        return QStringLiteral("nothing");
    QString text = QString::fromUtf8(QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact).mid(1).chopped(1));
    if (text.size() > max)
        text = text.left(max) + QStringLiteral("…");
    return text;
}

QString containsMismatch(const QJsonValue &actual, const QJsonValue &expected, const QString &path)
{
    if (expected.isObject()) {
        if (!actual.isObject())
            return QStringLiteral("%1: expected an object, got %2").arg(path, shortJson(actual));
        const QJsonObject want = expected.toObject();
        const QJsonObject have = actual.toObject();
        for (auto it = want.begin(); it != want.end(); ++it) {
            const QString at = path + QLatin1Char('.') + it.key();
            if (!have.contains(it.key()))
                return QStringLiteral("%1: missing (expected %2)").arg(at, shortJson(it.value()));
            if (QString why = containsMismatch(have.value(it.key()), it.value(), at); !why.isEmpty())
                return why;
        }
        return {};
    }
    if (expected.isArray()) {
        if (!actual.isArray())
            return QStringLiteral("%1: expected an array, got %2").arg(path, shortJson(actual));
        const QJsonArray have = actual.toArray();
        for (const QJsonValue &want : expected.toArray()) {
            const bool found = std::any_of(have.begin(), have.end(), [&](const QJsonValue &item) {
                return containsMismatch(item, want).isEmpty();
            });
            if (!found)
                return QStringLiteral("%1: no element contains %2").arg(path, shortJson(want));
        }
        return {};
    }
    if (actual != expected)
        return QStringLiteral("%1: expected %2, got %3").arg(path, shortJson(expected), shortJson(actual));
    return {};
}

}  // namespace cs
