#pragma once
// The log panel's rows as the user takes them away: the selected rows copied as JSON lines, the
// current entry's payload copied, and the right-click menu that also narrows the filter to a
// row's channel, event or kind. The panel owns it and shows its messages.

#include <QObject>

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

    // The selected rows (or the current one) as NDJSON lines, in log order, at most kMaxCopyRows.
    void copySelectedRows();
    // The current entry's data, as it would be published.
    void copyPayload();
    // At `pos` in the view's viewport.
    void showContextMenu(const QPoint &pos);

Q_SIGNALS:
    void message(const QString &text, bool error);  // what was copied, or why nothing was

private:
    QTableView *m_view;
    LogStyleProxy *m_proxy;
    LogModel *m_model;
    FilterBar *m_filterBar;
    const LogActions *m_actions;
    QWidget *m_menuParent;
};

}  // namespace cs::ui
