#pragma once
// The log panel's rows as the user takes them away: the selected rows copied as JSON lines (a
// folded keepalive row gives every entry it stands for), the current entry's payload copied, and
// the right-click menu that also narrows the filter to a row's channel, event or kind and expands
// a folded row. The panel owns it and shows its messages.

#include <QList>
#include <QObject>

class QAction;
class QModelIndex;
class QPoint;
class QTableView;
class QWidget;

namespace cs {
class LogModel;
}

namespace cs::ui {

class FilterBar;
class LogStyleProxy;
struct LogActions;

class LogRowActions : public QObject {
    Q_OBJECT
public:
    static constexpr int kMaxCopyRows = 10000;

    // `view` shows `proxy` over `model`; the menu offers `actions`' copy and export entries and
    // edits `filterBar`'s text. All must outlive this object (the panel owns them all).
    LogRowActions(QTableView *view, LogStyleProxy *proxy, LogModel *model, FilterBar *filterBar,
                  const LogActions *actions, QWidget *parent);

    // The entries of the selected rows (or the current one) as NDJSON lines, in log order, at most
    // kMaxCopyRows.
    void copySelectedRows();
    // The current entry's data, as it would be published.
    void copyPayload();
    // At `pos` in the view's viewport.
    void showContextMenu(const QPoint &pos);
    // An action the window adds at the end of the row menu (e.g. "Replay selected…").
    void addMenuAction(QAction *action) { m_extraActions.append(action); }

Q_SIGNALS:
    void message(const QString &text, bool error);   // what was copied, or why nothing was
    void expandRequested(const QModelIndex &index);  // the menu's "Show the N keepalive entries"; a view index

private:
    QTableView *m_view;
    LogStyleProxy *m_proxy;
    LogModel *m_model;
    FilterBar *m_filterBar;
    const LogActions *m_actions;
    QWidget *m_menuParent;
    QList<QAction *> m_extraActions;
};

}  // namespace cs::ui
