#pragma once
// The profile editor's fields: preset, cluster or host and port, keys, secret and where it is
// kept, authorization (endpointauthfields.h), advanced connection settings and the presence
// identity, each with its message label under it. Profile in (populate), profile out
// (profile()); what the messages say comes from the rules (profilerules.h), via showReview().

#include "profile.h"
#include "profilerules.h"

#include <QMap>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QFormLayout;
class QLineEdit;
class QPlainTextEdit;
class QSpinBox;
class QToolButton;

namespace cs::ui {

class EndpointAuthFields;
class MessageLabel;
class SecretLineEdit;
class SecretPolicyField;
class ServerLimitsFields;

class ProfileForm : public QWidget {
    Q_OBJECT
public:
    explicit ProfileForm(QWidget *parent = nullptr);

    // Fills every field; emits nothing.
    void populate(const Profile &profile);
    // What the fields say, on top of `base` (its id and whatever the fields do not show).
    Profile profile(const Profile &base) const;
    // The user info as typed: it may not be a JSON object (Profile cannot hold that).
    QString userInfoText() const;
    QString nameText() const;

    // Each field's error (red) or warning (amber) under it; opens Authorization when it holds an
    // error, so that a blocked Save always has a visible reason.
    void showReview(const ProfileReview &review);
    QMap<ProfileField, QString> fieldMessages() const;

    void setKeychainMissing(bool missing);
    // "Trust this certificate": the fingerprint goes into the accepted-certificate field.
    void acceptCertificate(const QByteArray &sha256);

Q_SIGNALS:
    // Any field changed by the user.
    void edited();
    // The user chose another server preset (its defaults are the editor's to apply).
    void presetChosen(ServerPreset preset);

private:
    QWidget *buildAuthorization();
    QWidget *buildAdvanced();
    QWidget *field(QWidget *widget, ProfileField field);
    void onEdited();
    void updatePresetVisibility();
    void updateAuthSummary();

    bool m_populating = false;
    QMap<ProfileField, MessageLabel *> m_messages;
    QFormLayout *m_form = nullptr;
    QLineEdit *m_name = nullptr;
    QComboBox *m_preset = nullptr;
    QComboBox *m_cluster = nullptr;
    QLineEdit *m_host = nullptr;
    QSpinBox *m_port = nullptr;
    QCheckBox *m_tls = nullptr;
    QLineEdit *m_appId = nullptr;
    QLineEdit *m_key = nullptr;
    SecretLineEdit *m_secret = nullptr;
    SecretPolicyField *m_policy = nullptr;
    QToolButton *m_authToggle = nullptr;
    QWidget *m_authGroup = nullptr;
    EndpointAuthFields *m_channelAuth = nullptr;
    EndpointAuthFields *m_userAuth = nullptr;
    QToolButton *m_advancedToggle = nullptr;
    QWidget *m_advanced = nullptr;
    QLineEdit *m_restHost = nullptr;
    QSpinBox *m_restPort = nullptr;
    QComboBox *m_restScheme = nullptr;
    QLineEdit *m_pathPrefix = nullptr;
    SecretLineEdit *m_masterKey = nullptr;
    QLineEdit *m_pinned = nullptr;
    ServerLimitsFields *m_limits = nullptr;
    QLineEdit *m_userId = nullptr;
    QPlainTextEdit *m_userInfo = nullptr;
    // Rows that only some presets show.
    QList<QWidget *> m_pusherRows;
    QList<QWidget *> m_hostRows;
};

}  // namespace cs::ui
