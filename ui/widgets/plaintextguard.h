#pragma once
// No server text as rich text, anywhere. Close reasons, error messages, channel and event names,
// member info and endpoint bodies reach labels and tooltips, and Qt renders a QLabel's text and
// every tooltip as HTML when Qt::mightBeRichText() guesses so: "<img src=…>" would be fetched,
// "<a href=…>" would be a link, "<b>" would restyle. One application-wide filter enforces the
// rule for every widget, including ones added later:
//   - each QLabel is switched to Qt::PlainText when it is polished (before it is first shown);
//   - each tooltip (a widget's, an item view's ToolTipRole, a header's) is shown as the
//     literal text (Qt::convertFromPlainText), not guessed.
// A window that shows our own markup (the About box) opts out with allowRichText().

#include <QObject>

class QWidget;

namespace cs::ui {

// Installs the filter on the application once; later calls do nothing.
void installPlainTextGuard();
// The labels of this window (e.g. a QMessageBox with our own static markup) keep their format.
void allowRichText(QWidget *window);
// The tooltip text for QToolTip::showText: shows `text` literally whatever it contains.
QString plainToolTip(const QString &text);

}  // namespace cs::ui
