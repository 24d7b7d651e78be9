#include "publishformparts.h"

#include <QCoreApplication>
#include <QHBoxLayout>
#include <QKeySequence>
#include <QLabel>
#include <QPushButton>
#include <QShortcut>

namespace cs::ui::publishparts {

namespace {

// The strings were PublishPanel's: keep their translation context.
QString tr(const char *text) { return QCoreApplication::translate("cs::ui::PublishPanel", text); }

}  // namespace

QLabel *errorLabel(const QString &objectName, const QString &tooltip, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setToolTip(tooltip);
    label->hide();
    return label;
}

QLabel *buddyLabel(const QString &text, QWidget *buddy, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setBuddy(buddy);
    return label;
}

QHBoxLayout *sendButtonRow(QPushButton *button)
{
    auto *row = new QHBoxLayout;
    auto *hint = new QLabel(tr("Ctrl+Enter"), button->parentWidget());
    hint->setToolTip(tr("Ctrl+Enter sends this form from any of its fields"));
    hint->setEnabled(false);  // drawn in the palette's disabled (muted) colour
    row->addStretch(1);
    row->addWidget(hint);
    row->addWidget(button);
    return row;
}

void addSendShortcut(QWidget *form, const std::function<void()> &send)
{
    for (const QKeySequence &keys : {QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter)}) {
        auto *shortcut = new QShortcut(keys, form);
        shortcut->setContext(Qt::WidgetWithChildrenShortcut);
        shortcut->setWhatsThis(tr("Send this form"));
        QObject::connect(shortcut, &QShortcut::activated, form, send);
    }
}

}  // namespace cs::ui::publishparts
