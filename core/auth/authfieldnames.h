#pragma once
// The field names AuthSettings::validate() and warn() report under: a section ("channelAuth",
// "userAuth", also the profile JSON members) alone, or followed by a part ("channelAuthUrl").
// The profile editor shows each message under the field of the same name, so both sides take the
// names from here instead of spelling them twice.

#include <QString>

namespace cs::authfield {

inline constexpr QLatin1String ChannelAuth("channelAuth");
inline constexpr QLatin1String UserAuth("userAuth");

inline constexpr QLatin1String Url("Url");
inline constexpr QLatin1String Method("Method");
inline constexpr QLatin1String Params("Params");
inline constexpr QLatin1String Headers("Headers");

// "channelAuth" + "Url" -> "channelAuthUrl".
inline QString name(QLatin1String section, QLatin1String part) { return QString(section) + part; }
inline bool isAuthField(const QString &field) { return field.startsWith(ChannelAuth) || field.startsWith(UserAuth); }

} // namespace cs::authfield
