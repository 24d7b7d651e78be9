#pragma once
// Light and dark: View → Theme. "System" keeps what the desktop gives (style and palette);
// Light and Dark use the Fusion style with a fixed palette, so the app looks the same on every
// desktop and a dark desktop without a Qt platform theme still gets a dark console.
// Panels follow a palette change through feedback::followPalette().

#include <QString>

#include <optional>

class QMenu;
class QSettings;

namespace cs::ui {

enum class Theme { System, Light, Dark };

QString themeId(Theme theme);                         // "system", "light", "dark"
std::optional<Theme> themeFromId(const QString &id);  // nullopt for anything else
Theme savedTheme(const QSettings &settings);          // System when unset or unknown
void applyTheme(Theme theme);                         // application-wide, at once
void saveTheme(QSettings &settings, Theme theme);

// Adds View → Theme (System, Light, Dark) checked at `current`; picking one applies and saves it.
void addThemeMenu(QMenu *menu, QSettings *settings, Theme current);

}  // namespace cs::ui
