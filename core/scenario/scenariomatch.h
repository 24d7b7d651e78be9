#pragma once
// "contains": whether an event's data holds the values a scenario expects, and where it does not.

#include <QJsonValue>
#include <QString>

namespace cs {

// Empty when `actual` contains `expected`: objects by subset (every expected member, recursively),
// arrays when every expected element is contained by some actual element, scalars by equality.
// Otherwise the first difference: "$.order.total: expected 42, got 41".
QString containsMismatch(const QJsonValue &actual, const QJsonValue &expected,
                         const QString &path = QStringLiteral("$"));

// A value as short compact JSON for a message (cut after `max` characters).
QString shortJson(const QJsonValue &value, int max = 120);

}  // namespace cs
