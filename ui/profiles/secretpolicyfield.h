#pragma once
// Where the profile keeps its secrets: a choice of system keychain, this session only, or the
// settings file in plain text. Without a keychain service the choice becomes an inline banner
// with the two other options (and a profile set to the keychain starts from "this session").
//
// objectNames: secretPolicy (the combo), keychainBanner, keychainBannerText, secretSessionOnly,
// secretPlainSettings.

#include "secretstore.h"

#include <QWidget>

class QComboBox;
class QRadioButton;

namespace cs::ui {

class SecretPolicyField : public QWidget {
    Q_OBJECT
public:
    explicit SecretPolicyField(QWidget *parent = nullptr);

    SecretPolicy policy() const { return m_policy; }
    void setPolicy(SecretPolicy policy);  // no policyChosen()
    void setKeychainMissing(bool missing);

Q_SIGNALS:
    // The user chose another policy.
    void policyChosen(SecretPolicy policy);

private:
    void choose(SecretPolicy policy);
    void updateUi();

    SecretPolicy m_policy = SecretPolicy::Keychain;
    bool m_keychainMissing = false;
    bool m_updating = false;
    QComboBox *m_combo = nullptr;
    QWidget *m_banner = nullptr;
    QRadioButton *m_sessionOnly = nullptr;
    QRadioButton *m_plain = nullptr;
};

}  // namespace cs::ui
