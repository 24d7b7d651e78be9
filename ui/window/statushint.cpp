#include "statushint.h"

#include <QCoreApplication>

namespace cs::ui {

namespace {
QString tr(const char *text) { return QCoreApplication::translate("cs::ui::StatusHint", text); }
}  // namespace

QString statusHint(const StatusHintInput &input)
{
    switch (input.state) {
    case ConnectionState::Initialized:
    case ConnectionState::Disconnected:
        if (!input.hasProfiles)
            return tr("Create a profile in the Profile panel, then press Connect (Ctrl+K).");
        return tr("Pick a profile and press Connect (Ctrl+K).");
    case ConnectionState::Connecting: return tr("Connecting to \"%1\"…").arg(input.profileName);
    case ConnectionState::Connected:
        return tr("Connected to \"%1\" as socket %2. Subscribe in the Channels panel.")
            .arg(input.profileName, input.socketId);
    case ConnectionState::Unavailable:
        return tr("\"%1\" is unavailable; retrying (the log says why). Disconnect (Ctrl+Shift+K) stops it.")
            .arg(input.profileName);
    case ConnectionState::Failed:
        return tr("The connection to \"%1\" failed (the log says why); press Connect (Ctrl+K) to try again.")
            .arg(input.profileName);
    }
    return {};
}

}  // namespace cs::ui
