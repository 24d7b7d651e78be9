#pragma once
// The fields AuthSettings::validate() and warn() report under: a section (the chosen mode of
// channel or user authorization) or one part of its endpoint. An enum, so that a misspelt field
// cannot compile; Profile's ProfileField includes every one of them (profilefield.h).

#include <QString>

namespace cs {

// X(Enumerator, "name"): the name is also the section's profile JSON member ("channelAuth",
// "userAuth") and the editor widgets' objectName prefix ("channelAuthUrl").
#define CS_AUTH_FIELDS(X)                                                                                              \
    X(ChannelAuth, "channelAuth")                                                                                      \
    X(ChannelAuthUrl, "channelAuthUrl")                                                                                \
    X(ChannelAuthMethod, "channelAuthMethod")                                                                          \
    X(ChannelAuthParams, "channelAuthParams")                                                                          \
    X(ChannelAuthHeaders, "channelAuthHeaders")                                                                        \
    X(UserAuth, "userAuth")                                                                                            \
    X(UserAuthUrl, "userAuthUrl")                                                                                      \
    X(UserAuthMethod, "userAuthMethod")                                                                                \
    X(UserAuthParams, "userAuthParams")                                                                                \
    X(UserAuthHeaders, "userAuthHeaders")

enum class AuthField {
#define CS_AUTH_FIELD_ENUMERATOR(name, spelling) name,
    CS_AUTH_FIELDS(CS_AUTH_FIELD_ENUMERATOR)
#undef CS_AUTH_FIELD_ENUMERATOR
};

// The parts of one section, in the order of the enum.
enum class AuthPart { Section, Url, Method, Params, Headers };

// ChannelAuth + Url -> ChannelAuthUrl.
constexpr AuthField authField(bool user, AuthPart part)
{
    return AuthField(int(user ? AuthField::UserAuth : AuthField::ChannelAuth) + int(part));
}

QString authFieldName(AuthField field);  // "channelAuthUrl"

}  // namespace cs
