#pragma once
// Labels that show a feedback tone (error, warning, success) in the palette's colours.

#include "tone.h"

#include <QString>

#include <functional>

class QEvent;
class QLabel;
class QWidget;

namespace cs::ui::feedback {

// Sets the label's text colour through its palette (no style sheet: the system style stays).
void setTone(QLabel *label, Tone tone);
// Shows `text` in `tone`; hides the label when the text is empty.
void show(QLabel *label, const QString &text, Tone tone);
// Re-applies the tones of every label under `root` (after a light/dark palette change).
void refresh(QWidget *root);
// For a widget's changeEvent(): on a palette change, once every child has the new palette (they get
// it after `widget`), re-applies the tones under `widget` and then runs `recolour` (may be empty).
void followPalette(QWidget *widget, const QEvent *event, std::function<void()> recolour = {});

// A panel's empty state: one short line saying what to do ("Connect to a profile to …"), drawn
// like a placeholder (the palette's PlaceholderText role, so it follows light/dark changes),
// word-wrapped and centred. The caller shows and hides it.
QLabel *emptyStateLabel(const QString &objectName, const QString &text, QWidget *parent);

}  // namespace cs::ui::feedback
