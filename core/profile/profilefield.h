#pragma once
// The fields Profile::validate() and warnings() report under, and under which the profile editor
// shows each message. An enum shared by core and ui, so that a misspelt field cannot compile.

#include "authfield.h"

#include <QString>

namespace cs {

// X(Enumerator, "name"): the name is the editor widgets' objectName ("appId", "appIdMessage").
// In the editor's order; the AuthSettings fields (authfield.h) come last.
#define CS_PROFILE_FIELDS(X)                                                                                           \
    X(Name, "name")                                                                                                    \
    X(Cluster, "cluster")                                                                                              \
    X(Host, "host")                                                                                                    \
    X(Port, "port")                                                                                                    \
    X(AppId, "appId")                                                                                                  \
    X(Key, "key")                                                                                                      \
    X(Secret, "secret")                                                                                                \
    X(UserId, "userId")                                                                                                \
    X(UserInfo, "userInfo")                                                                                            \
    X(RestHost, "restHost")                                                                                            \
    X(RestPort, "restPort")                                                                                            \
    X(PathPrefix, "pathPrefix")                                                                                        \
    X(MasterKey, "masterKey")                                                                                          \
    X(PinnedSha256, "pinnedSha256")                                                                                    \
    CS_AUTH_FIELDS(X)

enum class ProfileField {
#define CS_PROFILE_FIELD_ENUMERATOR(name, spelling) name,
    CS_PROFILE_FIELDS(CS_PROFILE_FIELD_ENUMERATOR)
#undef CS_PROFILE_FIELD_ENUMERATOR
};

QString profileFieldName(ProfileField field);  // "appId", "channelAuthUrl"
ProfileField profileField(AuthField field);
bool isAuthField(ProfileField field);  // channelAuth… or userAuth…

}  // namespace cs
