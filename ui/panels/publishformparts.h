#pragma once
// Pieces the publish forms share: an inline error label, a label with a buddy, the send button
// row with its Ctrl+Enter hint, and the Ctrl+Enter shortcut itself.

#include <QString>

#include <functional>

class QHBoxLayout;
class QLabel;
class QPushButton;
class QWidget;

namespace cs::ui::publishparts {

// Hidden, word-wrapped, selectable plain text: shown by feedback::show() when there is a problem.
QLabel *errorLabel(const QString &objectName, const QString &tooltip, QWidget *parent);
QLabel *buddyLabel(const QString &text, QWidget *buddy, QWidget *parent);
// The send button on the right, with the shortcut spelled out next to it.
QHBoxLayout *sendButtonRow(QPushButton *button);
// Ctrl+Enter and Ctrl+Return anywhere in `form` call `send`.
void addSendShortcut(QWidget *form, const std::function<void()> &send);

}  // namespace cs::ui::publishparts
