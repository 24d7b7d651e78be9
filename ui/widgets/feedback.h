#pragma once
// Labels that show a feedback tone (error, warning, success) in the palette's colours.

#include "tone.h"

#include <QString>

class QLabel;
class QWidget;

namespace cs::ui::feedback {

// Sets the label's text colour through its palette (no style sheet: the system style stays).
void setTone(QLabel *label, Tone tone);
// Shows `text` in `tone`; hides the label when the text is empty.
void show(QLabel *label, const QString &text, Tone tone);
// Re-applies the tones of every label under `root` (after a light/dark palette change).
void refresh(QWidget *root);

}  // namespace cs::ui::feedback
