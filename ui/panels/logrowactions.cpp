#include "logrowactions.h"

#include "filterbar.h"
#include "jsonformat.h"
#include "logactions.h"
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
    return std::none_of(value.cbegin(), value.cend(),
                        [](QChar c) { return c.isSpace() || c == u',' || c == u'"' || c == u'*' || c == u'?'; });
}

QString appendTerm(const QString &text, const QString &term)
{
    const QString trimmed = text.trimmed();
    return trimmed.isEmpty() ? term : trimmed + QLatin1Char(' ') + term;
}

}  // namespace

LogRowActions::LogRowActions(QTableView *view, LogStyleProxy *proxy, LogModel *model, FilterBar *filterBar,
                             const LogActions *actions, QWidget *parent)
    : QObject(parent),
      m_view(view),
      m_proxy(proxy),
      m_model(model),
      m_filterBar(filterBar),
      m_actions(actions),
      m_menuParent(parent)
{}

void LogRowActions::copySelectedRows()
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
        Q_EMIT message(tr("Nothing to copy: select a row"), true);
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
        Q_EMIT message(tr("Copied the first %1 of %2 selected rows as JSON lines").arg(rows.size()).arg(total), false);
    else
        Q_EMIT message(tr("Copied %n row(s) as JSON lines", nullptr, int(rows.size())), false);
}

void LogRowActions::copyPayload()
{
    const QModelIndex index = m_view->currentIndex();
    if (!index.isValid()) {
        Q_EMIT message(tr("Nothing to copy: select a row"), true);
        return;
    }
    const Payload payload = entryPayload(m_model->entryAt(m_proxy->mapToSource(index).row()), false);
    if (payload.form == Payload::Form::None) {
        Q_EMIT message(tr("Nothing to copy: %1").arg(payload.note), true);
        return;
    }
    QGuiApplication::clipboard()->setText(payload.text);
    Q_EMIT message(tr("Copied the payload (%1)").arg(payload.note), false);
}

void LogRowActions::showContextMenu(const QPoint &pos)
{
    const QModelIndex index = m_view->indexAt(pos);
    QMenu menu(m_menuParent);
    menu.addAction(m_actions->copyRow);
    menu.addAction(m_actions->copyPayload);
    if (index.isValid()) {
        const LogEntry entry = m_model->entryAt(m_proxy->mapToSource(index).row());
        menu.addSeparator();
        if (isPlainValue(entry.channel)) {
            menu.addAction(tr("Only channel %1").arg(entry.channel), this, [this, channel = entry.channel] {
                m_filterBar->setText(appendTerm(m_filterBar->text(), QStringLiteral("channel:") + channel));
            });
        }
        if (isPlainValue(entry.event)) {
            menu.addAction(tr("Only event %1").arg(entry.event), this, [this, event = entry.event] {
                m_filterBar->setText(appendTerm(m_filterBar->text(), QStringLiteral("event:") + event));
            });
        }
        const QString kind = entryKindName(entry.kind);
        menu.addAction(tr("Hide kind %1").arg(kind), this, [this, kind] {
            m_filterBar->setText(FilterBar::withKindsShown(m_filterBar->text(), {kind}, false));
        });
    }
    menu.addSeparator();
    menu.addAction(m_actions->exportVisible);
    menu.exec(m_view->viewport()->mapToGlobal(pos));
}

}  // namespace cs::ui
