#include "emptystate.h"

#include <QAbstractItemModel>
#include <QAbstractItemView>
#include <QEvent>
#include <QLabel>

namespace cs::ui {

namespace {
constexpr int kMargin = 12;  // pixels between the text and the viewport's edges
}  // namespace

EmptyState::EmptyState(QAbstractItemView *view) : QObject(view), m_view(view), m_label(new QLabel(view->viewport()))
{
    setObjectName(view->objectName() + QStringLiteral("EmptyState"));
    m_label->setObjectName(objectName());
    m_label->setAlignment(Qt::AlignCenter);
    m_label->setWordWrap(true);
    m_label->setTextFormat(Qt::PlainText);
    m_label->setAttribute(Qt::WA_TransparentForMouseEvents);  // clicks still reach the view
    m_label->setForegroundRole(QPalette::PlaceholderText);
    m_label->hide();
    view->viewport()->installEventFilter(this);
    view->installEventFilter(this);
    watchModel();
}

void EmptyState::setText(const QString &text)
{
    if (!m_label)
        return;
    m_label->setText(text);
    update();
}

QString EmptyState::text() const { return m_label ? m_label->text() : QString(); }

bool EmptyState::isShown() const { return m_label && !m_label->isHidden(); }

bool EmptyState::eventFilter(QObject *watched, QEvent *event)
{
    if (m_label && watched == m_label->parent() && event->type() == QEvent::Resize)
        place();
    // A view announces no "model changed" signal; a polish or show is the earliest it is seen.
    if (watched == m_view && (event->type() == QEvent::Show || event->type() == QEvent::Polish)
        && m_view->model() != m_model)
        watchModel();
    return QObject::eventFilter(watched, event);
}

void EmptyState::watchModel()
{
    if (m_model)
        disconnect(m_model, nullptr, this, nullptr);
    m_model = m_view->model();
    if (m_model) {
        connect(m_model, &QAbstractItemModel::rowsInserted, this, &EmptyState::update);
        connect(m_model, &QAbstractItemModel::rowsRemoved, this, &EmptyState::update);
        connect(m_model, &QAbstractItemModel::modelReset, this, &EmptyState::update);
        connect(m_model, &QAbstractItemModel::layoutChanged, this, &EmptyState::update);
    }
    update();
}

void EmptyState::update()
{
    if (!m_label)
        return;  // the view is being destroyed
    const bool show = (!m_model || m_model->rowCount() == 0) && !m_label->text().isEmpty();
    m_label->setVisible(show);
    if (show)
        place();
}

void EmptyState::place()
{
    // The viewport excludes the header, so the text never hides behind it.
    const QRect area = m_label->parentWidget()->rect().adjusted(kMargin, kMargin, -kMargin, -kMargin);
    m_label->setGeometry(area);
}

}  // namespace cs::ui
