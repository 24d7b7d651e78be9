#include "logemptystate.h"

#include <QAbstractItemView>
#include <QEvent>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QVBoxLayout>

namespace cs::ui {

namespace {
constexpr int kMaxWidth = 420;
}

LogEmptyState::LogEmptyState(QAbstractItemView *view)
    : QWidget(view->viewport()),
      m_view(view),
      m_title(new QLabel(this)),
      m_body(new QLabel(this)),
      m_action(new QPushButton(this))
{
    setObjectName(QStringLiteral("logEmptyState"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 12, 12, 12);
    layout->setSpacing(6);
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    for (QLabel *label : {m_title, m_body}) {
        label->setTextFormat(Qt::PlainText);
        label->setAlignment(Qt::AlignCenter);
        label->setWordWrap(true);
        label->setForegroundRole(QPalette::PlaceholderText);
        layout->addWidget(label);
    }
    m_action->setObjectName(QStringLiteral("logEmptyStateAction"));
    m_action->setCursor(Qt::PointingHandCursor);
    layout->addWidget(m_action, 0, Qt::AlignHCenter);
    connect(m_action, &QPushButton::clicked, this, [this] {
        if (m_reason == Reason::FilterHidesAll)
            Q_EMIT clearFilterRequested();
        else if (m_reason == Reason::Paused)
            Q_EMIT resumeRequested();
    });
    view->viewport()->installEventFilter(this);
    hide();
}

QString LogEmptyState::text() const { return m_title->text() + u'\n' + m_body->text(); }

void LogEmptyState::showReason(Reason reason, qsizetype pending)
{
    if (reason == m_reason && (reason != Reason::Paused || pending == m_pending))
        return;
    m_reason = reason;
    m_pending = pending;
    switch (reason) {
    case Reason::None: hide(); return;
    case Reason::NothingLogged:
        m_title->setText(tr("Nothing logged yet"));
        m_body->setText(tr("Connect to a profile (Ctrl+K): frames in and out, state changes, timers, "
                           "authorizations and REST calls appear here as they happen."));
        m_action->hide();
        break;
    case Reason::FilterHidesAll:
        m_title->setText(tr("No entries match the filter"));
        m_body->setText(tr("The log holds entries, but the filter hides all of them."));
        m_action->setText(tr("Clear the filter"));
        m_action->setToolTip(tr("Empty the filter line: every entry is shown"));
        m_action->show();
        break;
    case Reason::Paused:
        m_title->setText(tr("Paused \u2014 %1 new entries wait").arg(QLocale().toString(qlonglong(pending))));
        m_body->setText(tr("The list is frozen; entries are still collected."));
        m_action->setText(tr("Resume (Ctrl+P)"));
        m_action->setToolTip(tr("Resume the list and show the waiting entries"));
        m_action->show();
        break;
    }
    place();
    show();
    raise();
}

bool LogEmptyState::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_view->viewport() && event->type() == QEvent::Resize && !isHidden())
        place();
    return QWidget::eventFilter(watched, event);
}

// Centred in the viewport, at most kMaxWidth wide, as tall as its content wants.
void LogEmptyState::place()
{
    const QRect area = m_view->viewport()->rect();
    const int width = qMax(1, qMin(kMaxWidth, area.width()));
    const int height =
        qMin(layout()->hasHeightForWidth() ? layout()->totalHeightForWidth(width) : layout()->totalSizeHint().height(),
             area.height());
    setGeometry(QRect(area.center().x() - width / 2, area.center().y() - height / 2, width, height));
}

}  // namespace cs::ui
