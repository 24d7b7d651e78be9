#pragma once
// The field names Profile::validate() and warnings() report under. The profile editor shows each
// message under the field of the same name, so both take the names from here (the endpoint
// fields' names come from authfieldnames.h).

#include "authfieldnames.h"

#include <QString>


namespace cs::profilefield {

inline constexpr QLatin1String Name("name");
inline constexpr QLatin1String AppId("appId");
inline constexpr QLatin1String Key("key");
inline constexpr QLatin1String Secret("secret");
inline constexpr QLatin1String Cluster("cluster");
inline constexpr QLatin1String Host("host");
inline constexpr QLatin1String Port("port");
inline constexpr QLatin1String RestHost("restHost");
inline constexpr QLatin1String RestPort("restPort");
inline constexpr QLatin1String PathPrefix("pathPrefix");
inline constexpr QLatin1String MasterKey("masterKey");
inline constexpr QLatin1String PinnedSha256("pinnedSha256");
inline constexpr QLatin1String UserId("userId");
inline constexpr QLatin1String UserInfo("userInfo");

} // namespace cs::profilefield
