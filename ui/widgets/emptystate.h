#pragma once
// A line of help centred over an item view while its model has no rows: what the panel is for and
// what to do to fill it ("Connect, then subscribe…"). It hides itself with the first row and comes
// back when the rows go, so panels only say which text fits their state.

#include <QObject>
#include <QPointer>
#include <QString>

class QAbstractItemView;
class QAbstractItemModel;
class QLabel;

namespace cs::ui {

class EmptyState : public QObject {
    Q_OBJECT
public:
    // Owned by the view. The view's model may be set or replaced later.
    explicit EmptyState(QAbstractItemView *view);

    void setText(const QString &text);
    QString text() const;
    bool isShown() const;  // the model is empty and the text is not

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void watchModel();
    void update();
    void place();

    QAbstractItemView *m_view;
    QPointer<QLabel> m_label;  // a child of the viewport, which may go before the model does
    QPointer<QAbstractItemModel> m_model;
};

}  // namespace cs::ui
