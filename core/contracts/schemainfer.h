#pragma once
// A first draft of a contract from one payload ("infer a schema from this payload"): the types
// seen, every member of an object required, arrays typed by what their elements share. A start
// to edit, not a guess at the rules: the schema it gives accepts its own payload and rejects one
// that misses a member or changes a type.

#include <QJsonObject>
#include <QJsonValue>
#include <QString>

namespace cs {

// The draft-7 schema of `payload`; `title` (the event name) goes into "title" when not empty.
QJsonObject inferSchema(const QJsonValue &payload, const QString &title = {});

}  // namespace cs
