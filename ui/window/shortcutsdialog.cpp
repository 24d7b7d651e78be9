#include "shortcutsdialog.h"

#include <QAction>
#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QDockWidget>
#include <QHeaderView>
#include <QKeySequence>
#include <QLabel>
#include <QRegularExpression>
#include <QShortcut>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <tuple>

namespace cs::ui {

namespace {

QString keysText(const QList<QKeySequence> &keys)
{
    QStringList parts;
    for (const QKeySequence &sequence : keys)
        parts << sequence.toString(QKeySequence::NativeText);
    return parts.join(QStringLiteral(", "));
}

// The dock a widget lives in names the panel; the main window's own shortcuts work everywhere.
QString placeOf(const QObject *object)
{
    for (const QObject *at = object; at; at = at->parent()) {
        if (const auto *dock = qobject_cast<const QDockWidget *>(at))
            return dock->windowTitle();
    }
    return QCoreApplication::translate("cs::ui::ShortcutsDialog", "Everywhere");
}

QString withoutMnemonic(QString text)
{
    text.remove(QRegularExpression(QStringLiteral("&(?!&)")));
    return text.replace(QStringLiteral("&&"), QStringLiteral("&"));
}

}  // namespace

QList<ShortcutRow> collectShortcuts(QWidget *root)
{
    QList<ShortcutRow> rows;
    const auto add = [&rows](ShortcutRow row) {
        const bool seen = std::any_of(rows.cbegin(), rows.cend(), [&row](const ShortcutRow &other) {
            return other.keys == row.keys && other.what == row.what && other.where == row.where;
        });
        if (!seen && !row.keys.isEmpty())
            rows << std::move(row);
    };
    for (const QAction *action : root->findChildren<QAction *>()) {
        if (action->shortcuts().isEmpty() || action->isSeparator())
            continue;
        add({keysText(action->shortcuts()), withoutMnemonic(action->text()), placeOf(action)});
    }
    for (const QShortcut *shortcut : root->findChildren<QShortcut *>()) {
        const QString what = shortcut->whatsThis().isEmpty() ? shortcut->objectName() : shortcut->whatsThis();
        add({keysText(shortcut->keys()), what, placeOf(shortcut)});
    }
    std::sort(rows.begin(), rows.end(), [](const ShortcutRow &a, const ShortcutRow &b) {
        return std::tie(a.where, a.keys) < std::tie(b.where, b.keys);
    });
    return rows;
}

ShortcutsDialog::ShortcutsDialog(QWidget *window) : QDialog(window)
{
    setObjectName(QStringLiteral("shortcutsDialog"));
    setWindowTitle(tr("Keyboard shortcuts"));
    auto *layout = new QVBoxLayout(this);
    const QList<ShortcutRow> rows = collectShortcuts(window);
    auto *table = new QTableWidget(int(rows.size()), 3, this);
    table->setObjectName(QStringLiteral("shortcutsTable"));
    table->setHorizontalHeaderLabels({tr("Keys"), tr("Does"), tr("Where")});
    table->verticalHeader()->hide();
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    for (int i = 0; i < rows.size(); ++i) {
        table->setItem(i, 0, new QTableWidgetItem(rows[i].keys));
        table->setItem(i, 1, new QTableWidgetItem(rows[i].what));
        table->setItem(i, 2, new QTableWidgetItem(rows[i].where));
    }
    table->resizeColumnsToContents();
    table->horizontalHeader()->setStretchLastSection(true);
    layout->addWidget(table, 1);
    auto *note = new QLabel(tr("In a field, Enter runs it: subscribe, list, filter. Alt with an underlined letter "
                               "moves to that field or button."),
                            this);
    note->setWordWrap(true);
    layout->addWidget(note);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    resize(560, 420);
}

}  // namespace cs::ui
