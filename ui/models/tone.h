#pragma once
// The palette-derived feedback colours every panel and proxy uses for errors, warnings and
// success, so that light and dark system palettes both stay readable. QtGui only: models and
// proxies use them without knowing any widget.

#include <QColor>
#include <QPalette>

namespace cs::ui::feedback {

enum class Tone { Neutral, Error, Warning, Success };
// A colour for `tone` readable on the palette's base/window colours.
QColor color(const QPalette &palette, Tone tone);
// A light tint of `tone` for row or field backgrounds; alpha in 0..255.
QColor tint(const QPalette &palette, Tone tone, int alpha = 60);

}  // namespace cs::ui::feedback
