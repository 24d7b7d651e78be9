#pragma once
// Edits one profile: preset, keys, secret, authorization, endpoints, presence identity. Every field validates as
// you type (Profile::validate(), inline under the field); Save is enabled only when nothing is
// wrong. Imports from .env, a pusher URL or an exported JSON; exports without secrets; "Test"
// runs ProfileTester and shows its lines inline. No modal dialogs except the file choosers.
//
// objectNames: profileName, preset, cluster, host, port, tls, appId, appKey, secret, revealSecret
// (action), secretPolicy, keychainBanner, secretSessionOnly, secretPlainSettings, advancedToggle,
// authToggle, authGroup (with the fields of endpointauthfields.h for channelAuth and userAuth),
// advancedGroup, restHost, restPort, restScheme, pathPrefix, masterKey, revealMasterKey (action),
// pinnedSha256 (the accepted certificate), userId, userInfo, saveButton, saveConnectButton, testButton, importEnvButton,
// importUrl, importUrlButton, exportButton, deleteButton, statusMessage, importMessage,
// testResults (testLine_host/key/rest/clock, trustCertificateButton) and <field>Message under each field.

#include "profilestore.h"
#include "profile.h"
#include "profiletester.h"

#include <QMap>
#include <QPointer>
#include <QTimer>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QFormLayout;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QRadioButton;
class QSpinBox;
class QToolButton;

namespace cs::ui {

class EndpointAuthFields;
class MessageLabel;
class ProfileTestView;
class SecretLineEdit;

class ProfileEditor : public QWidget {
    Q_OBJECT
public:
    // `store` may be null: Save then only emits profileSaved().
    explicit ProfileEditor(ProfileStore *store = nullptr, QWidget *parent = nullptr);
    ~ProfileEditor() override;

    void setProfile(const Profile &profile);
    Profile profile() const;  // what the fields say now
    QString profileId() const { return m_base.id; }
    bool isDirty() const { return m_dirty; }
    bool isNew() const;  // not in the store yet

    // The keychain whose availability decides between the policy combo and the banner.
    void setSecretStore(SecretStore *store);
    // Field -> message currently shown (errors and warnings), for tests and the main window.
    QMap<QString, QString> fieldMessages() const;
    bool canSave() const;

    // Loads a .env (or an exported .json) into the editor as a new, unsaved profile.
    Status importDotEnvFile(const QString &path);
    Status importUrl(const QString &url);
    // Writes the profile as JSON without the secret and the master key.
    Status exportTo(const QString &path) const;
    // JSON without secrets, as exportTo() writes it.
    static QByteArray exportJson(const Profile &profile);

    ProfileTester *tester() const { return m_tester; }
    ProfileTestView *testView() const { return m_testView; }

public Q_SLOTS:
    void save();
    void saveAndConnect();
    void runTest();
    void requestDelete();

Q_SIGNALS:
    void profileSaved(const QString &id);
    void connectRequested(const QString &id);
    void profileDeleted(const QString &id);
    void dirtyChanged(bool dirty);

private:
    void buildUi();
    QWidget *buildImportBar();
    QWidget *buildForm();
    QWidget *buildAdvanced();
    QWidget *buildAuthorization();
    QWidget *buildSecretPolicy();
    QWidget *buildButtons();
    QWidget *fieldWithMessage(QWidget *field, const QString &fieldName);

    void populate(const Profile &profile);
    void onPresetChanged();
    void onEdited();
    void revalidate();
    void updatePresetVisibility();
    void updatePolicyUi();
    void updateAuthSummary();
    void setPolicy(SecretPolicy policy);
    void showStatus(const QString &text, int tone);
    void doSave(bool thenConnect);
    Status loadImported(const Profile &profile, const QStringList &used, const QStringList &notes, const QString &source);
    QString chooseFile(bool save);

    QPointer<ProfileStore> m_store;
    QPointer<SecretStore> m_secretStore;
    Profile m_base;  // id and whatever the fields do not show
    SecretPolicy m_policy = SecretPolicy::Keychain;
    bool m_dirty = false;
    bool m_populating = false;
    bool m_deleteArmed = false;
    QTimer m_deleteDisarm;

    QMap<QString, MessageLabel *> m_messages;
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
    QComboBox *m_policyCombo = nullptr;
    QWidget *m_banner = nullptr;
    QRadioButton *m_sessionOnly = nullptr;
    QRadioButton *m_plain = nullptr;
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
    QLineEdit *m_userId = nullptr;
    QPlainTextEdit *m_userInfo = nullptr;
    QLineEdit *m_importUrl = nullptr;
    QPushButton *m_saveButton = nullptr;
    QPushButton *m_saveConnectButton = nullptr;
    QPushButton *m_testButton = nullptr;
    QPushButton *m_deleteButton = nullptr;
    MessageLabel *m_status = nullptr;
    MessageLabel *m_importMessage = nullptr;
    ProfileTester *m_tester = nullptr;
    ProfileTestView *m_testView = nullptr;
    // Rows that only some presets show.
    QList<QWidget *> m_pusherRows;
    QList<QWidget *> m_hostRows;
};

} // namespace cs::ui
