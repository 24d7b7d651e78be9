#include "profileformparts.h"

#include "profilefields.h"

#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>

namespace cs::ui::profileparts {

QSpinBox *portSpin(const QString &name, const QString &zeroText, const QString &tip, QWidget *parent)
{
    auto *spin = new QSpinBox(parent);
    spin->setObjectName(name);
    spin->setRange(0, 65535);
    spin->setSpecialValueText(zeroText);
    spin->setToolTip(tip);
    return spin;
}

QLineEdit *lineEdit(const QString &name, const QString &placeholder, const QString &tip, QWidget *parent)
{
    auto *edit = new QLineEdit(parent);
    edit->setObjectName(name);
    edit->setPlaceholderText(placeholder);
    edit->setToolTip(tip);
    edit->setClearButtonEnabled(true);
    return edit;
}

QPushButton *button(const QString &name, const QString &text, const QString &tip, QWidget *parent)
{
    auto *b = new QPushButton(text, parent);
    b->setObjectName(name);
    b->setToolTip(tip);
    return b;
}

QWidget *withMessage(QWidget *widget, ProfileField field, QMap<ProfileField, MessageLabel *> &messages, QWidget *parent)
{
    auto *box = new QWidget(parent);
    auto *column = new QVBoxLayout(box);
    column->setContentsMargins(0, 0, 0, 0);
    column->setSpacing(1);
    column->addWidget(widget);
    auto *message = new MessageLabel(profileFieldName(field) + QStringLiteral("Message"), box);
    column->addWidget(message);
    messages.insert(field, message);
    return box;
}

QToolButton *sectionToggle(const QString &name, const QString &text, const QString &tip, QWidget *parent)
{
    auto *toggle = new QToolButton(parent);
    toggle->setObjectName(name);
    toggle->setText(text);
    toggle->setCheckable(true);
    toggle->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toggle->setArrowType(Qt::RightArrow);
    toggle->setAutoRaise(true);
    toggle->setToolTip(tip);
    return toggle;
}

void connectSection(QToolButton *toggle, QWidget *section)
{
    section->setVisible(false);
    QObject::connect(toggle, &QToolButton::toggled, section, [toggle, section](bool open) {
        section->setVisible(open);
        toggle->setArrowType(open ? Qt::DownArrow : Qt::RightArrow);
    });
}

}  // namespace cs::ui::profileparts
