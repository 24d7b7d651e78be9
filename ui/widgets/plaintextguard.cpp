#include "plaintextguard.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QHeaderView>
#include <QHelpEvent>
#include <QLabel>
#include <QTextDocument>
#include <QToolTip>

namespace cs::ui {

namespace {

const char kRichTextProperty[] = "cs_allowRichText";

class PlainTextGuard : public QObject {
public:
    using QObject::QObject;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Polish) {
            if (auto *label = qobject_cast<QLabel *>(watched);
                label && !label->window()->property(kRichTextProperty).toBool())
                label->setTextFormat(Qt::PlainText);
            return false;
        }
        if (event->type() != QEvent::ToolTip || !watched->isWidgetType())
            return false;
        auto *widget = static_cast<QWidget *>(watched);
        if (widget->window()->property(kRichTextProperty).toBool())
            return false;
        auto *help = static_cast<QHelpEvent *>(event);
        QString text;
        QRect area;
        if (auto *header = qobject_cast<QHeaderView *>(widget->parentWidget());
            header && header->viewport() == widget) {
            const int section = header->logicalIndexAt(help->pos());
            if (section >= 0 && header->model())
                text = header->model()->headerData(section, header->orientation(), Qt::ToolTipRole).toString();
        } else if (auto *view = qobject_cast<QAbstractItemView *>(widget->parentWidget());
                   view && view->viewport() == widget) {
            const QModelIndex index = view->indexAt(help->pos());
            text = index.data(Qt::ToolTipRole).toString();
            area = view->visualRect(index);
        } else {
            text = widget->toolTip();
        }
        if (text.isEmpty())
            return false;  // Qt's own handling: hides a tip, or asks the parent
        QToolTip::showText(help->globalPos(), plainToolTip(text), widget, area, widget->toolTipDuration());
        return true;
    }
};

}  // namespace

void installPlainTextGuard()
{
    static PlainTextGuard *guard = nullptr;
    if (guard || !qApp)
        return;
    guard = new PlainTextGuard(qApp);
    qApp->installEventFilter(guard);
}

void allowRichText(QWidget *window) { window->setProperty(kRichTextProperty, true); }

QString plainToolTip(const QString &text)
{
    // "<p>…</p>" with the text escaped and line breaks as <br>: explicit rich text showing only the text.
    return Qt::convertFromPlainText(text, Qt::WhiteSpaceNormal);
}

}  // namespace cs::ui
