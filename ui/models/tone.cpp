#include "tone.h"

namespace cs::ui::feedback {

namespace {

bool isDark(const QPalette &palette) { return palette.color(QPalette::Base).lightnessF() < 0.5; }

}  // namespace

QColor color(const QPalette &palette, Tone tone)
{
    const bool dark = isDark(palette);
    switch (tone) {
    case Tone::Error: return dark ? QColor(0xff, 0x80, 0x80) : QColor(0xb7, 0x1c, 0x1c);
    case Tone::Warning: return dark ? QColor(0xff, 0xc0, 0x60) : QColor(0x9a, 0x5b, 0x00);
    case Tone::Success: return dark ? QColor(0x7c, 0xd9, 0x8b) : QColor(0x1b, 0x6e, 0x2a);
    case Tone::Neutral: break;
    }
    return palette.color(QPalette::WindowText);
}

QColor tint(const QPalette &palette, Tone tone, int alpha)
{
    QColor c = tone == Tone::Neutral ? palette.color(QPalette::Highlight) : color(palette, tone);
    c.setAlpha(qBound(0, alpha, 255));
    return c;
}

}  // namespace cs::ui::feedback
