#pragma once
// Edits one profile: preset, keys, secret, authorization, endpoints, presence identity. Every field validates as
// you type (reviewProfile(), inline under the field); Save is enabled only when canSaveProfile()
// says so (profilerules.h). The fields are ProfileForm's (profileform.h); this adds the actions. Imports from .env, a pusher URL or an exported JSON; exports without secrets; "Test"
// runs Doctor and shows its lines inline. No modal dialogs except the file choosers.
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
#include "doctor.h"

#include <QMap>
#include <QPointer>
#include <QTimer>
#include <QWidget>

class QLineEdit;
class QPushButton;

class QScrollArea;

namespace cs::ui {

class MessageLabel;
class ProfileForm;
class ProfileTestView;

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
    QMap<ProfileField, QString> fieldMessages() const;
    bool canSave() const;

    // Loads a .env (or an exported .json) into the editor as a new, unsaved profile.
    Status importDotEnvFile(const QString &path);
    Status importUrl(const QString &url);
    // Writes the profile as JSON without the secret and the master key.
    Status exportTo(const QString &path) const;
    // JSON without secrets, as exportTo() writes it.
    static QByteArray exportJson(const Profile &profile);

    Doctor *tester() const { return m_tester; }
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

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void buildUi();
    QWidget *buildImportBar();
    QWidget *buildButtons();

    void showFields(const Profile &profile);
    void onPresetChosen(ServerPreset preset);
    void onEdited();
    void revalidate();
    void updatePolicyUi();
    void showStatus(const QString &text, int tone);
    void doSave(bool thenConnect);
    Status loadImported(const Profile &profile, const QStringList &used, const QStringList &notes,
                        const QString &source);
    QString chooseFile(bool save);

    QPointer<ProfileStore> m_store;
    QPointer<SecretStore> m_secretStore;
    Profile m_base;  // id and whatever the fields do not show
    bool m_dirty = false;
    bool m_deleteArmed = false;
    QTimer m_deleteDisarm;

    ProfileForm *m_form = nullptr;
    QLineEdit *m_importUrl = nullptr;
    QPushButton *m_saveButton = nullptr;
    QPushButton *m_saveConnectButton = nullptr;
    QPushButton *m_testButton = nullptr;
    QPushButton *m_deleteButton = nullptr;
    MessageLabel *m_status = nullptr;
    MessageLabel *m_importMessage = nullptr;
    Doctor *m_tester = nullptr;
    ProfileTestView *m_testView = nullptr;
    QScrollArea *m_testScroll = nullptr;  // the doctor's lines; at most kTestShare of the height
};

}  // namespace cs::ui
