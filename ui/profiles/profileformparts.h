#pragma once
// Builders the profile editor's forms share: line edits, port spin boxes and buttons with their
// objectName and tooltip, a field with its message label under it, and sections that open with
// an arrow button.

#include "profilefield.h"

#include <QMap>
#include <QString>

class QComboBox;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QToolButton;
class QWidget;

namespace cs::ui {

class MessageLabel;

namespace profileparts {

QLineEdit *lineEdit(const QString &name, const QString &placeholder, const QString &tip, QWidget *parent);
QSpinBox *portSpin(const QString &name, const QString &zeroText, const QString &tip, QWidget *parent);
QPushButton *button(const QString &name, const QString &text, const QString &tip, QWidget *parent);
// `widget` with a MessageLabel "<field's name>Message" under it, registered in `messages`.
QWidget *withMessage(QWidget *widget, ProfileField field, QMap<ProfileField, MessageLabel *> &messages,
                     QWidget *parent);
// An arrow button that opens and closes `section` (closed at first).
QToolButton *sectionToggle(const QString &name, const QString &text, const QString &tip, QWidget *parent);
void connectSection(QToolButton *toggle, QWidget *section);

}  // namespace profileparts
}  // namespace cs::ui
