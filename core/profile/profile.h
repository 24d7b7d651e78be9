#pragma once
// A profile is everything needed to reach one app: a name, a server preset, credentials, a
// presence identity and how private channels and sign-in are authorized. Non-secret fields live
// in QSettings (ProfileStore); the app secret, the encryption master key and the auth endpoints'
// secrets (header and parameter values, a URL with user info or a query) go to a SecretStore (the system keychain in the app), to memory for
// this session only, or, when the user explicitly chooses it, to the settings file in plain text.

#include "authorizer.h"
#include "authsettings.h"
#include "credentials.h"
#include "dotenv.h"
#include "profilefield.h"
#include "result.h"
#include "secretstore.h"
#include "serverlimits.h"

#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

namespace cs {

enum class ServerPreset { Pusher, Soketi, Reverb, Custom };
QString serverPresetName(ServerPreset preset);   // "pusher", "soketi", "reverb", "custom" (stored)
QString serverPresetLabel(ServerPreset preset);  // "Pusher (hosted)", "soketi", …
std::optional<ServerPreset> serverPresetFromName(const QString &name);

// The public clusters (docs/protocol.md, "Clusters"), in the order the docs list them.
struct ClusterInfo {
    QString id;      // "mt1"
    QString region;  // "N. Virginia"
};
const QList<ClusterInfo> &pusherClusters();

// docs/protocol.md, "Names and limits"; the user info limit is the profile's (ServerLimits).
inline constexpr int kUserIdWarnLength = 128;

struct Profile {
    QString id;  // uuid without braces
    QString name;
    ServerPreset preset = ServerPreset::Pusher;
    Credentials credentials;  // secret and encryptionMasterKeyBase64 are filled at runtime
    PresenceIdentity identity;
    SecretPolicy secretPolicy = SecretPolicy::Keychain;
    AuthSettings auth;    // header values are filled at runtime, like the secret
    ServerLimits limits;  // what the server refuses; unset values are hosted Pusher's
    // Payload contracts: a folder of <event glob>.schema.json files (core/contracts); empty: none.
    QString contractsFolder;

    // A fresh id, preset defaults applied.
    static Profile create(const QString &name, ServerPreset preset);
    // 127.0.0.1:6001, no TLS, app-id/app-key/app-secret: soketi's default app.
    static Profile localSandbox();
    static QString newId();

    // Sets the preset and its connection defaults (cluster/host/port/TLS); keys are kept.
    // Pusher: cluster mt1, TLS, 443. soketi: 127.0.0.1:6001 plain. Reverb: localhost:8080 plain.
    // Custom: empty host.
    void applyPreset(ServerPreset newPreset);

    // Field -> one line: problems that make the profile unusable; an empty map means it can be
    // saved. In the editor's field order (profilefield.h), so first() is the first field to fix.
    QMap<ProfileField, QString> validate() const;
    // The same for what works but deserves a word (no secret: REST is off; port 443 without
    // TLS…). Never blocks saving.
    QMap<ProfileField, QString> warnings() const;

    // Secrets ("secret", "masterKey", header and parameter values, an endpoint URL's user info
    // and query) only when includeSecrets; exports never include them (header and parameter
    // names are kept, so an import only asks for the values).
    QJsonObject toJson(bool includeSecrets) const;
    // Lenient about types (settings files give strings back); unknown keys are ignored.
    static Result<Profile> fromJson(const QJsonObject &json);

    // User info as typed in the editor: empty text is an empty object; anything else must be
    // a JSON object. The error says where the JSON breaks.
    static Result<QJsonObject> parseUserInfo(const QString &text);

    // Everything secret the profile holds, and putting it back (header and parameter values by
    // position; an empty parameter list or URL leaves the profile's own).
    Secrets secrets() const;
    void setSecrets(const Secrets &secrets);
};

}  // namespace cs
