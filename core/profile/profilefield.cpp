#include "profilefield.h"

namespace cs {

QString profileFieldName(ProfileField field)
{
    switch (field) {
#define CS_PROFILE_FIELD_NAME(name, spelling)                                                                          \
    case ProfileField::name: return QStringLiteral(spelling);
        CS_PROFILE_FIELDS(CS_PROFILE_FIELD_NAME)
#undef CS_PROFILE_FIELD_NAME
    }
    return {};
}

ProfileField profileField(AuthField field)
{
    switch (field) {
#define CS_AUTH_TO_PROFILE_FIELD(name, spelling)                                                                       \
    case AuthField::name: return ProfileField::name;
        CS_AUTH_FIELDS(CS_AUTH_TO_PROFILE_FIELD)
#undef CS_AUTH_TO_PROFILE_FIELD
    }
    return ProfileField::ChannelAuth;
}

bool isAuthField(ProfileField field)
{
    return field >= ProfileField::ChannelAuth;  // the auth fields come last
}

}  // namespace cs
