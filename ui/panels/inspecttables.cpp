#include "inspecttables.h"

#include "names.h"

#include <QCoreApplication>
#include <QHeaderView>
#include <QJsonDocument>
#include <QSet>
#include <QTableWidget>

#include <algorithm>

namespace cs::ui::inspecttables {

namespace {

// The strings were InspectPanel's: keep their translation context.
QString tr(const char *text) { return QCoreApplication::translate("cs::ui::InspectPanel", text); }

// A cell that sorts numbers as numbers and shows JSON values compactly.
QTableWidgetItem *valueItem(const QJsonValue &value)
{
    auto *item = new QTableWidgetItem;
    switch (value.type()) {
    case QJsonValue::Double:
        item->setData(Qt::DisplayRole, value.toDouble());
        item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        break;
    case QJsonValue::Bool: item->setText(value.toBool() ? QStringLiteral("true") : QStringLiteral("false")); break;
    case QJsonValue::String: item->setText(value.toString()); break;
    case QJsonValue::Object:
        item->setText(QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact)));
        item->setToolTip(QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Indented)));
        break;
    case QJsonValue::Array:
        item->setText(QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact)));
        break;
    case QJsonValue::Null: item->setText(QStringLiteral("null")); break;
    case QJsonValue::Undefined: break;
    }
    item->setFlags(item->flags() & ~Qt::ItemIsEditable);
    return item;
}

QTableWidgetItem *textItem(const QString &text)
{
    auto *item = new QTableWidgetItem(text);
    item->setFlags(item->flags() & ~Qt::ItemIsEditable);
    return item;
}

}  // namespace

QTableWidget *makeTable(const QString &objectName, const QStringList &headers, const QString &tooltip, QWidget *parent)
{
    auto *table = new QTableWidget(0, int(headers.size()), parent);
    table->setObjectName(objectName);
    table->setHorizontalHeaderLabels(headers);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setSelectionMode(QAbstractItemView::SingleSelection);
    table->setAlternatingRowColors(true);
    table->setWordWrap(false);
    table->verticalHeader()->hide();
    table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + 8);
    table->horizontalHeader()->setStretchLastSection(true);
    table->setToolTip(tooltip);
    return table;
}

bool fillChannels(QTableWidget *table, const QJsonObject &channels)
{
    // The server names the attributes: a set (not a list search per key), and only so many
    // columns, so that a listing where every channel has keys of its own cannot explode.
    QSet<QString> attributeSet;
    bool tooMany = false;
    for (auto it = channels.begin(); it != channels.end() && !tooMany; ++it) {
        const QJsonObject attrs = it.value().toObject();
        for (auto a = attrs.begin(); a != attrs.end(); ++a) {
            if (attributeSet.size() == kMaxAttributeColumns && !attributeSet.contains(a.key())) {
                tooMany = true;
                break;
            }
            attributeSet.insert(a.key());
        }
    }
    QStringList attributes(attributeSet.cbegin(), attributeSet.cend());
    std::sort(attributes.begin(), attributes.end());
    table->setSortingEnabled(false);
    table->clear();
    table->setColumnCount(1 + int(attributes.size()));
    table->setHorizontalHeaderLabels(QStringList{tr("Channel")} + attributes);
    table->setRowCount(int(channels.size()));
    int row = 0;
    for (auto it = channels.begin(); it != channels.end(); ++it, ++row) {
        auto *name = textItem(it.key());
        name->setToolTip(
            tr("%1 (%2). Double-click to inspect it.").arg(it.key(), channelTypeName(channelKindOf(it.key()).type)));
        table->setItem(row, 0, name);
        const QJsonObject attrs = it.value().toObject();
        for (int c = 0; c < attributes.size(); ++c)
            table->setItem(row, c + 1, valueItem(attrs.value(attributes.at(c))));
    }
    table->setSortingEnabled(true);
    table->sortByColumn(0, Qt::AscendingOrder);
    table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    for (int c = 1; c < table->columnCount(); ++c)
        table->horizontalHeader()->setSectionResizeMode(c, QHeaderView::ResizeToContents);
    table->horizontalHeader()->setStretchLastSection(false);
    return !tooMany;
}

void fillAttributes(QTableWidget *table, const QJsonObject &attributes)
{
    QStringList keys = attributes.keys();
    // occupied first: it is always there and answers the first question.
    if (keys.removeOne(QStringLiteral("occupied")))
        keys.prepend(QStringLiteral("occupied"));
    table->setRowCount(int(keys.size()));
    for (int row = 0; row < keys.size(); ++row) {
        table->setItem(row, 0, textItem(keys.at(row)));
        QTableWidgetItem *value = valueItem(attributes.value(keys.at(row)));
        value->setTextAlignment(Qt::AlignLeft | Qt::AlignVCenter);
        table->setItem(row, 1, value);
    }
}

void fillUsers(QTableWidget *table, const QJsonArray &users)
{
    table->setRowCount(int(users.size()));
    for (int row = 0; row < users.size(); ++row) {
        const QJsonObject user = users.at(row).toObject();
        const QJsonValue id = user.value(QStringLiteral("id"));
        auto *idItem = textItem(id.isDouble() ? QString::number(id.toDouble()) : id.toString());
        idItem->setToolTip(tr("Click to put %1 in the terminate field").arg(idItem->text()));
        table->setItem(row, 0, idItem);
        table->setItem(row, 1, valueItem(user.value(QStringLiteral("user_info"))));
    }
}

}  // namespace cs::ui::inspecttables
