#pragma once
// Profiles from what people already have: a .env file (Laravel, Vite, Mix, Reverb, soketi) or a
// pusher connection URL. Both inputs are untrusted text; every problem becomes a note or an Error.

#include "profile.h"
#include "result.h"

#include <QString>
#include <QStringList>

namespace cs {

// What a .env import produced. Recognised names: PUSHER_APP_ID/KEY/SECRET/CLUSTER, PUSHER_HOST,
// PUSHER_PORT, PUSHER_SCHEME; VITE_PUSHER_* and MIX_PUSHER_* (browser copies: no secret);
// REVERB_APP_ID/KEY/SECRET, REVERB_HOST/PORT/SCHEME (+ VITE_REVERB_*); SOKETI_DEFAULT_APP_ID/KEY/
// SECRET (+ SOKETI_PORT, SOKETI_PATH_PREFIX); PUSHER_ENCRYPTION_MASTER_KEY_BASE64; APP_NAME.
struct ImportedProfile {
    Profile profile;
    QStringList usedVariables;  // in file order
    QStringList notes;          // one line each: "no secret in VITE_PUSHER_*…", "line 7 ignored…"
};

// KEY=VALUE lines of a .env file (see ImportedProfile for what is recognised).
Result<ImportedProfile> importDotEnv(const QString &text);
// http[s]://KEY:SECRET@HOST[:PORT]/apps/APP_ID
Result<Profile> importPusherUrl(const QString &url);

}  // namespace cs
