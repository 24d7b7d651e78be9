#pragma once
// Whether a profile as edited may be saved and, if not, why. Pure functions over the profile the
// editor's fields make and the user-info text as typed (which Profile cannot hold when it is not
// a JSON object). The editor shows the messages under the fields and enables Save from
// canSaveProfile(); saving asks it again.

#include "profile.h"
#include "result.h"

#include <QMap>
#include <QString>

namespace cs {

// Messages by field name (profilefieldnames.h, authfieldnames.h).
struct ProfileReview {
    QMap<QString, QString> errors;    // block saving
    QMap<QString, QString> warnings;  // never block

    // An error in the authorization section: the editor opens it, or Save would be blocked
    // without a visible reason.
    bool hasAuthError() const;
};

// Profile::validate() and warnings(), plus the user-info text's JSON problem under "userInfo".
ProfileReview reviewProfile(const Profile &profile, const QString &userInfoText);
Status canSaveProfile(const ProfileReview &review);
Status canSaveProfile(const Profile &profile, const QString &userInfoText);

} // namespace cs
