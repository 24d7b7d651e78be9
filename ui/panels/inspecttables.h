#pragma once
// The Inspect panel's answer tables: read-only, one row selected at a time, cells that sort
// numbers as numbers and show JSON values compactly. Filling them from the server's answers
// (which the server words: attribute names are capped, nothing is taken as markup).

#include <QJsonArray>
#include <QJsonObject>
#include <QStringList>

class QTableWidget;
class QWidget;

namespace cs::ui::inspecttables {

QTableWidget *makeTable(const QString &objectName, const QStringList &headers, const QString &tooltip, QWidget *parent);

// GET /channels: a row per channel, a column per attribute the server named (at most
// kMaxAttributeColumns, sorted). Returns false when there were more attributes than shown.
inline constexpr qsizetype kMaxAttributeColumns = 16;
bool fillChannels(QTableWidget *table, const QJsonObject &channels);
// GET /channels/NAME: attribute and value rows, "occupied" first.
void fillAttributes(QTableWidget *table, const QJsonObject &attributes);
// GET /channels/NAME/users: id and user info rows.
void fillUsers(QTableWidget *table, const QJsonArray &users);

}  // namespace cs::ui::inspecttables
