#pragma once
// The status bar's standing line: what the connection is doing and what the user can do next.
// It follows the connection state, so it never contradicts the badge (issue 15: "Pick a profile
// and press Connect" used to stay after connecting).

#include "connection.h"

#include <QString>

namespace cs::ui {

struct StatusHintInput {
    ConnectionState state = ConnectionState::Initialized;  // Initialized when there is no session
    QString profileName;                                   // the profile connected or selected
    QString socketId;                                      // when connected
    bool hasProfiles = true;
};

QString statusHint(const StatusHintInput &input);

}  // namespace cs::ui
