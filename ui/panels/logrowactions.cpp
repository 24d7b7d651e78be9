// The log panel's rows as the user takes them away: copied as JSON lines or as the payload, and
// the right-click menu that also narrows the filter to a row's channel, event or kind.

#include "logpanel.h"

#include "filterbar.h"
#include "jsonformat.h"
#include "logmodel.h"
#include "logstyleproxy.h"

#include <QAction>
#include <QClipboard>
#include <QGuiApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMenu>
#include <QTableView>

#include <algorithm>

namespace cs::ui {

namespace {

// A filter value that needs no quoting: the filter splits on spaces and commas.
bool isPlainValue(const QString &value)
{
    if (value.isEmpty())
        return false;
    return std::none_of(value.cbegin(), value.cend(), [](QChar c) {
        return c.isSpace() || c == u',' || c == u'"' || c == u'*' || c == u'?';
    });
}

QString appendTerm(const QString &text, const QString &term)
{
    const QString trimmed = text.trimmed();
    return trimmed.isEmpty() ? term : trimmed + QLatin1Char(' ') + term;
}

} // namespace

void LogPanel::copySelectedRows()
{
    std::vector<int> rows;
    const QItemSelection selection = m_view->selectionModel()->selection();
    qsizetype total = 0;
    for (const QItemSelectionRange &range : selection)
        total += range.bottom() - range.top() + 1;
    for (const QItemSelectionRange &range : selection) {
        for (int row = range.top(); row <= range.bottom() && rows.size() < std::size_t(kMaxCopyRows); ++row)
            rows.push_back(m_proxy->mapToSource(m_proxy->index(row, 0)).row());
    }
    if (rows.empty() && m_view->currentIndex().isValid())
        rows.push_back(m_proxy->mapToSource(m_view->currentIndex()).row());
    if (rows.empty()) {
        showMessage(tr("Nothing to copy: select a row"), true);
        return;
    }
    std::sort(rows.begin(), rows.end());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    QByteArray text;
    for (const int row : rows) {
        if (!text.isEmpty())
            text += '\n';
        text += QJsonDocument(m_model->entryAt(row).toJson()).toJson(QJsonDocument::Compact);
    }
    QGuiApplication::clipboard()->setText(QString::fromUtf8(text));
    if (total > qsizetype(rows.size()))
        showMessage(tr("Copied the first %1 of %2 selected rows as JSON lines").arg(rows.size()).arg(total));
    else
        showMessage(tr("Copied %n row(s) as JSON lines", nullptr, int(rows.size())));
}

void LogPanel::copyPayload()
{
    const QModelIndex index = m_view->currentIndex();
    if (!index.isValid()) {
        showMessage(tr("Nothing to copy: select a row"), true);
        return;
    }
    const Payload payload = entryPayload(m_model->entryAt(m_proxy->mapToSource(index).row()), false);
    if (payload.form == Payload::Form::None) {
        showMessage(tr("Nothing to copy: %1").arg(payload.note), true);
        return;
    }
    QGuiApplication::clipboard()->setText(payload.text);
    showMessage(tr("Copied the payload (%1)").arg(payload.note));
}

void LogPanel::showContextMenu(const QPoint &pos)
{
    const QModelIndex index = m_view->indexAt(pos);
    QMenu menu(this);
    menu.addAction(m_actions.copyRow);
    menu.addAction(m_actions.copyPayload);
    if (index.isValid()) {
        const LogEntry entry = m_model->entryAt(m_proxy->mapToSource(index).row());
        menu.addSeparator();
        if (isPlainValue(entry.channel)) {
            menu.addAction(tr("Only channel %1").arg(entry.channel), this, [this, channel = entry.channel] {
                setFilterText(appendTerm(filterText(), QStringLiteral("channel:") + channel));
            });
        }
        if (isPlainValue(entry.event)) {
            menu.addAction(tr("Only event %1").arg(entry.event), this, [this, event = entry.event] {
                setFilterText(appendTerm(filterText(), QStringLiteral("event:") + event));
            });
        }
        const QString kind = entryKindName(entry.kind);
        menu.addAction(tr("Hide kind %1").arg(kind), this, [this, kind] {
            setFilterText(FilterBar::withKindsShown(filterText(), {kind}, false));
        });
    }
    menu.addSeparator();
    menu.addAction(m_actions.exportVisible);
    menu.exec(m_view->viewport()->mapToGlobal(pos));
}

} // namespace cs::ui
