#include "profilerules.h"

#include <algorithm>

namespace cs {

bool ProfileReview::hasAuthError() const { return std::any_of(errors.keyBegin(), errors.keyEnd(), isAuthField); }

ProfileReview reviewProfile(const Profile &profile, const QString &userInfoText)
{
    ProfileReview review{profile.validate(), profile.warnings()};
    if (const auto info = Profile::parseUserInfo(userInfoText); !info)
        review.errors.insert(ProfileField::UserInfo, info.error().message);
    return review;
}

Status canSaveProfile(const ProfileReview &review)
{
    if (review.errors.isEmpty())
        return {};
    // Lower case: the editor puts it after "Not saved: " and after the Save button's tooltip.
    return Error{ErrorCode::InvalidProfile, QStringLiteral("fix the fields marked in red first")};
}

Status canSaveProfile(const Profile &profile, const QString &userInfoText)
{
    return canSaveProfile(reviewProfile(profile, userInfoText));
}

}  // namespace cs
