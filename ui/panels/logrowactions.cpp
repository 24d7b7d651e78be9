#include "logrowactions.h"

#include "filterbar.h"
#include "jsonformat.h"
#include "logactions.h"
#include "logmodel.h"
#include "logstore.h"
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
    // A folded row stands for all its entries, as in an export.
    qsizetype total = 0;
    for (const QItemSelectionRange &range : selection) {
        for (int row = range.top(); row <= range.bottom(); ++row)
            total += m_model->entryCountAt(m_proxy->mapToSource(m_proxy->index(row, 0)).row());
    }
    const LogStore *store = m_model->store();
    QByteArray text;
    qsizetype copied = 0;
    for (const int row : rows) {
        for (const quint64 seq : m_model->entrySeqsAt(row)) {
            if (copied >= kMaxCopyRows || !store)
                break;
            if (seq < store->firstSeq())
                continue;
            if (!text.isEmpty())
                text += '\n';
            text +=
                QJsonDocument(store->at(qsizetype(seq - store->firstSeq())).toJson()).toJson(QJsonDocument::Compact);
            ++copied;
        }
    }
    total = qMax(total, copied);
    QGuiApplication::clipboard()->setText(QString::fromUtf8(text));
    if (total > copied)
        Q_EMIT message(tr("Copied the first %1 of %2 selected entries as JSON lines").arg(copied).arg(total), false);
    else
        Q_EMIT message(copied == 1 ? tr("Copied 1 entry as a JSON line")
                                   : tr("Copied %1 entries as JSON lines").arg(copied),
                       false);
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
        const int row = m_proxy->mapToSource(index).row();
        if (m_model->isFoldedRow(row)) {
            QAction *expand = menu.addAction(tr("Show the %n keepalive entries", nullptr, m_model->entryCountAt(row)),
                                             this, [this, index] { Q_EMIT expandRequested(index); });
            menu.insertAction(menu.actions().constFirst(), expand);
        }
        const LogEntry entry = m_model->entryAt(row);
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
    menu.addAction(m_actions->foldKeepalives);
    menu.addAction(m_actions->exportVisible);
    if (!m_extraActions.isEmpty()) {
        menu.addSeparator();
        menu.addActions(m_extraActions);
    }
    menu.exec(m_view->viewport()->mapToGlobal(pos));
}

}  // namespace cs::ui
