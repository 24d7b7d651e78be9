#pragma once
// Panels keep small memories (recent channels, publish history) in the window's settings: the
// user's QSettings, or the file given with --settings (demos, screenshots, tests), never a mix.

#include <QSettings>

namespace cs::ui {

// Runs `use` on `chosen`, or on the application's default QSettings when it is null.
template <typename Use>
void withSettings(QSettings *chosen, Use &&use)
{
    if (chosen) {
        use(*chosen);
        return;
    }
    QSettings standard;
    use(standard);
}

}  // namespace cs::ui
