#include "theme.h"

#include <QActionGroup>
#include <QApplication>
#include <QMenu>
#include <QPalette>
#include <QSettings>
#include <QStyle>
#include <QStyleFactory>

namespace cs::ui {

namespace {

const QString kThemeKey = QStringLiteral("view/theme");

QString tr(const char *text) { return QCoreApplication::translate("cs::ui::Theme", text); }

// What the desktop gave at start, to go back to from Light or Dark.
struct SystemLook {
    QString style;
    QPalette palette;
};

const SystemLook &systemLook()
{
    static const SystemLook look{QApplication::style()->name(), QApplication::palette()};
    return look;
}

QPalette darkPalette()
{
    const QColor window(0x2b, 0x2d, 0x30), base(0x1e, 0x1f, 0x22), text(0xdf, 0xe1, 0xe5);
    const QColor button(0x3c, 0x3f, 0x41), highlight(0x35, 0x74, 0xf0), muted(0x80, 0x84, 0x8a);
    QPalette p;
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, QColor(0x26, 0x28, 0x2b));
    p.setColor(QPalette::ToolTipBase, button);
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, muted);
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, button);
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, QColor(0xff, 0x6b, 0x6b));
    p.setColor(QPalette::Light, QColor(0x4a, 0x4d, 0x50));
    p.setColor(QPalette::Midlight, QColor(0x40, 0x43, 0x46));
    p.setColor(QPalette::Mid, QColor(0x30, 0x32, 0x35));
    p.setColor(QPalette::Dark, QColor(0x18, 0x19, 0x1b));
    p.setColor(QPalette::Shadow, Qt::black);
    p.setColor(QPalette::Highlight, highlight);
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, QColor(0x6c, 0xa8, 0xff));
    p.setColor(QPalette::LinkVisited, QColor(0xb0, 0x8c, 0xff));
    for (const auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, muted);
    p.setColor(QPalette::Disabled, QPalette::Base, window);
    p.setColor(QPalette::Disabled, QPalette::Button, window);
    return p;
}

}  // namespace

QString themeId(Theme theme)
{
    switch (theme) {
    case Theme::System: return QStringLiteral("system");
    case Theme::Light: return QStringLiteral("light");
    case Theme::Dark: return QStringLiteral("dark");
    }
    return {};
}

std::optional<Theme> themeFromId(const QString &id)
{
    for (const Theme theme : {Theme::System, Theme::Light, Theme::Dark}) {
        if (id.compare(themeId(theme), Qt::CaseInsensitive) == 0)
            return theme;
    }
    return std::nullopt;
}

Theme savedTheme(const QSettings &settings)
{
    return themeFromId(settings.value(kThemeKey).toString()).value_or(Theme::System);
}

void saveTheme(QSettings &settings, Theme theme) { settings.setValue(kThemeKey, themeId(theme)); }

void applyTheme(Theme theme)
{
    const SystemLook &system = systemLook();  // taken before the first change
    switch (theme) {
    case Theme::System:
        QApplication::setStyle(QStyleFactory::create(system.style));
        QApplication::setPalette(system.palette);
        break;
    case Theme::Light:
        QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
        QApplication::setPalette(QApplication::style()->standardPalette());
        break;
    case Theme::Dark:
        QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
        QApplication::setPalette(darkPalette());
        break;
    }
}

void addThemeMenu(QMenu *menu, QSettings *settings, Theme current)
{
    QMenu *themes = menu->addMenu(tr("&Theme"));
    themes->setObjectName(QStringLiteral("themeMenu"));
    auto *group = new QActionGroup(themes);
    const struct {
        Theme theme;
        QString label;
    } choices[] = {{Theme::System, tr("&System")}, {Theme::Light, tr("&Light")}, {Theme::Dark, tr("&Dark")}};
    for (const auto &choice : choices) {
        QAction *action = themes->addAction(choice.label);
        action->setObjectName(QStringLiteral("theme_") + themeId(choice.theme));
        action->setCheckable(true);
        action->setChecked(choice.theme == current);
        group->addAction(action);
        const Theme theme = choice.theme;
        QObject::connect(action, &QAction::triggered, themes, [settings, theme] {
            applyTheme(theme);
            if (settings)
                saveTheme(*settings, theme);
        });
    }
}

}  // namespace cs::ui
