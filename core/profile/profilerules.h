#pragma once
// Whether a profile as edited may be saved and, if not, why. Pure functions over the profile the
// editor's fields make and the user-info text as typed (which Profile cannot hold when it is not
// a JSON object). The editor shows the messages under the fields and enables Save from
// canSaveProfile(); saving asks it again.

#include "profile.h"
#include "profilefield.h"
#include "result.h"

#include <QMap>
#include <QString>

namespace cs {

// Messages by field.
struct ProfileReview {
    QMap<ProfileField, QString> errors;    // block saving
    QMap<ProfileField, QString> warnings;  // never block

    // An error in the authorization section: the editor opens it, or Save would be blocked
    // without a visible reason.
    bool hasAuthError() const;
};

// Profile::validate() and warnings(), plus the user-info text's JSON problem under UserInfo.
ProfileReview reviewProfile(const Profile &profile, const QString &userInfoText);
Status canSaveProfile(const ProfileReview &review);
Status canSaveProfile(const Profile &profile, const QString &userInfoText);

}  // namespace cs
