#pragma once
// The log table's empty state: a note centred over the empty view that says what to do, gone
// with the first row. Before anything is logged it points at Connect; when the filter hides every
// entry it says so and offers to clear the filter; while paused with entries waiting it says how
// many and offers to resume. A child of the view's viewport, sized to its content, so the view
// stays usable. Plain text only (the application's plain-text guard holds for it too).

#include <QWidget>

class QAbstractItemView;
class QLabel;
class QPushButton;

namespace cs::ui {

class LogEmptyState : public QWidget {
    Q_OBJECT
public:
    enum class Reason { None, NothingLogged, FilterHidesAll, Paused };

    explicit LogEmptyState(QAbstractItemView *view);

    // Shows the note for `reason` (None hides it); `pending` is the paused count.
    void showReason(Reason reason, qsizetype pending = 0);
    Reason reason() const { return m_reason; }
    QString text() const;                                   // the title and the line under it
    QPushButton *actionButton() const { return m_action; }  // "Clear the filter" or "Resume"

Q_SIGNALS:
    void clearFilterRequested();  // the "Clear the filter" button was clicked
    void resumeRequested();       // the "Resume" button was clicked

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void place();

    QAbstractItemView *m_view;
    QLabel *m_title;
    QLabel *m_body;
    QPushButton *m_action;
    Reason m_reason = Reason::None;
    qsizetype m_pending = -1;
};

}  // namespace cs::ui
