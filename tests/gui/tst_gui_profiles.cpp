// The profile editor driven like a user would: typing, inline validation, reveal, .env and URL
// import, export without secrets, the Test button against a real soketi, the no-keychain banner,
// the Authorization section (built-in signer or your own endpoints, masked header values), and
// the profile list beside it, which asks before unsaved edits would be lost.

#include "profilemanager.h"
#include "profilestore.h"
#include "profileeditor.h"
#include "profiletestview.h"
#include "secretstore_keychain.h"
#include "soketi.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QScrollArea>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QToolButton>
#include <QtTest>

using namespace cs;
using namespace cs::ui;

namespace {

QByteArray fileBytes(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

template <typename T>
T *child(QWidget *root, const QString &name)
{
    T *w = root->findChild<T *>(name);
    if (!w)
        qWarning() << "no child" << name;
    return w;
}

// Replaces the text of a line edit the way a user does: select all, type.
void retype(QLineEdit *edit, const QString &text)
{
    edit->selectAll();
    QTest::keyClick(edit, Qt::Key_Backspace);
    QTest::keyClicks(edit, text);
}

QString message(QWidget *root, const QString &field)
{
    auto *label = root->findChild<QLabel *>(field + QStringLiteral("Message"));
    return label && label->isVisible() ? label->text() : QString();
}

}  // namespace

class TestGuiProfiles : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void everyControlHasATooltipAndName();
    void typingShowsInlineMessages();
    void presetSwitchesFields();
    void revealTogglesEchoMode();
    void importDotEnvFile();
    void importDotEnvErrorInline();
    void importUrl();
    void exportHasNoSecret();
    void saveKeepsSecretOutOfSettings();
    void noKeychainBanner();
    void deleteNeedsTwoClicks();
    void testButtonAgainstSoketi();
    void managerListsAndCreates();
    void authEndpointFieldsSaveAndComeBack();
    void authInlineValidation();
    void unsavedEditsAreAskedAbout();
    void keychainProbeDoesNotHang();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<MemorySecretStore> m_keychain;
    std::unique_ptr<ProfileStore> m_store;
    QString settingsPath() const { return m_dir->filePath(QStringLiteral("settings.ini")); }
};

void TestGuiProfiles::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_keychain = std::make_unique<MemorySecretStore>();
    m_store = std::make_unique<ProfileStore>(settingsPath(), m_keychain.get());
    m_store->load();
}

void TestGuiProfiles::cleanup()
{
    m_store.reset();
    m_keychain.reset();
    m_dir.reset();
}

void TestGuiProfiles::everyControlHasATooltipAndName()
{
    ProfileEditor editor(m_store.get());
    const auto widgets = editor.findChildren<QWidget *>();
    int interactive = 0;
    for (QWidget *w : widgets) {
        const bool isControl = qobject_cast<QLineEdit *>(w) || qobject_cast<QAbstractButton *>(w)
                               || qobject_cast<QComboBox *>(w) || qobject_cast<QAbstractSpinBox *>(w)
                               || qobject_cast<QPlainTextEdit *>(w);
        // Sub-widgets Qt creates inside a combo box, spin box or line edit belong to their owner.
        if (!isControl || qobject_cast<QComboBox *>(w->parentWidget())
            || qobject_cast<QAbstractSpinBox *>(w->parentWidget()) || qobject_cast<QLineEdit *>(w->parentWidget()))
            continue;
        ++interactive;
        QVERIFY2(!w->objectName().isEmpty(), w->metaObject()->className());
        QVERIFY2(!w->toolTip().isEmpty(), qPrintable(w->objectName()));
    }
    QVERIFY(interactive >= 25);
    for (const char *name : {"revealSecret", "revealMasterKey"}) {
        auto *action = editor.findChild<QAction *>(QLatin1String(name));
        QVERIFY(action);
        QVERIFY(!action->toolTip().isEmpty());
    }
}

void TestGuiProfiles::typingShowsInlineMessages()
{
    ProfileEditor editor(m_store.get());
    editor.show();
    auto *save = child<QPushButton>(&editor, QStringLiteral("saveButton"));
    QVERIFY(save->isEnabled());  // the sandbox is valid
    QVERIFY(message(&editor, QStringLiteral("key")).isEmpty());

    auto *key = child<QLineEdit>(&editor, QStringLiteral("appKey"));
    retype(key, QStringLiteral("my key"));
    QVERIFY2(message(&editor, QStringLiteral("key")).contains(QStringLiteral("spaces")),
             qPrintable(message(&editor, QStringLiteral("key"))));
    QVERIFY(!save->isEnabled());
    QVERIFY(!child<QPushButton>(&editor, QStringLiteral("saveConnectButton"))->isEnabled());
    retype(key, QStringLiteral("mykey"));
    QVERIFY(message(&editor, QStringLiteral("key")).isEmpty());
    QVERIFY(save->isEnabled());

    auto *host = child<QLineEdit>(&editor, QStringLiteral("host"));
    retype(host, QStringLiteral("http://localhost"));
    QVERIFY(message(&editor, QStringLiteral("host")).contains(QStringLiteral("without scheme")));
    QVERIFY(!save->isEnabled());
    retype(host, QStringLiteral("localhost:6001"));
    QVERIFY(message(&editor, QStringLiteral("host")).contains(QStringLiteral("port field")));
    retype(host, QStringLiteral("localhost"));
    QVERIFY(save->isEnabled());

    auto *name = child<QLineEdit>(&editor, QStringLiteral("profileName"));
    name->selectAll();
    QTest::keyClick(name, Qt::Key_Backspace);
    QVERIFY(!message(&editor, QStringLiteral("name")).isEmpty());
    QVERIFY(!save->isEnabled());
    QTest::keyClicks(name, QStringLiteral("Mine"));
    QVERIFY(save->isEnabled());

    auto *info = child<QPlainTextEdit>(&editor, QStringLiteral("userInfo"));
    QTest::keyClicks(info, QStringLiteral("{\"name\": "));
    QVERIFY(message(&editor, QStringLiteral("userInfo")).contains(QStringLiteral("JSON")));
    QVERIFY(!save->isEnabled());
    QTest::keyClicks(info, QStringLiteral("\"Ada\"}"));
    // Valid JSON, but user info needs a user id.
    QVERIFY(message(&editor, QStringLiteral("userInfo")).isEmpty());
    QVERIFY(message(&editor, QStringLiteral("userId")).contains(QStringLiteral("user id")));
    QTest::keyClicks(child<QLineEdit>(&editor, QStringLiteral("userId")), QStringLiteral("u1"));
    QVERIFY(save->isEnabled());
    QCOMPARE(editor.profile().identity.userInfo.value(QStringLiteral("name")).toString(), QStringLiteral("Ada"));

    // A warning (amber) never blocks saving.
    retype(child<QLineEdit>(&editor, QStringLiteral("secret")), QString());
    QVERIFY(message(&editor, QStringLiteral("secret")).contains(QStringLiteral("REST")));
    QVERIFY(save->isEnabled());
    QVERIFY(editor.isDirty());
}

void TestGuiProfiles::presetSwitchesFields()
{
    ProfileEditor editor(m_store.get());
    editor.show();
    auto *preset = child<QComboBox>(&editor, QStringLiteral("preset"));
    auto *cluster = child<QComboBox>(&editor, QStringLiteral("cluster"));
    auto *host = child<QLineEdit>(&editor, QStringLiteral("host"));
    auto *port = child<QSpinBox>(&editor, QStringLiteral("port"));
    QVERIFY(host->isVisible());
    QVERIFY(!cluster->isVisible());

    preset->setCurrentIndex(preset->findData(int(ServerPreset::Pusher)));
    QVERIFY(cluster->isVisible());
    QVERIFY(!host->isVisible());
    QVERIFY(!port->isVisible());
    QCOMPARE(editor.profile().credentials.cluster, QStringLiteral("mt1"));
    QCOMPARE(editor.profile().credentials.key, QStringLiteral("app-key"));  // kept
    QVERIFY(cluster->count() >= 9);
    QVERIFY(cluster->itemText(cluster->findData(QStringLiteral("ap3"))).contains(QStringLiteral("Tokyo")));
    cluster->setCurrentIndex(cluster->findData(QStringLiteral("eu")));
    QCOMPARE(editor.profile().credentials.cluster, QStringLiteral("eu"));
    QCOMPARE(editor.profile().credentials.webSocketUrl(QStringLiteral("js"), QStringLiteral("1")).host(),
             QStringLiteral("ws-eu.pusher.com"));
    cluster->lineEdit()->selectAll();
    QTest::keyClicks(cluster->lineEdit(), QStringLiteral("e u"));
    QVERIFY(message(&editor, QStringLiteral("cluster")).contains(QStringLiteral("not a cluster")));
    QVERIFY(!child<QPushButton>(&editor, QStringLiteral("saveButton"))->isEnabled());
    cluster->lineEdit()->selectAll();
    QTest::keyClicks(cluster->lineEdit(), QStringLiteral("private-7"));  // a cluster not in the list
    QCOMPARE(editor.profile().credentials.cluster, QStringLiteral("private-7"));
    QVERIFY(message(&editor, QStringLiteral("cluster")).isEmpty());

    preset->setCurrentIndex(preset->findData(int(ServerPreset::Reverb)));
    QVERIFY(host->isVisible());
    QCOMPARE(host->text(), QStringLiteral("localhost"));
    QCOMPARE(port->value(), 8080);
    QVERIFY(!child<QCheckBox>(&editor, QStringLiteral("tls"))->isChecked());
}

void TestGuiProfiles::revealTogglesEchoMode()
{
    ProfileEditor editor(m_store.get());
    editor.show();
    auto *secret = child<QLineEdit>(&editor, QStringLiteral("secret"));
    auto *reveal = editor.findChild<QAction *>(QStringLiteral("revealSecret"));
    QVERIFY(reveal);
    QCOMPARE(secret->echoMode(), QLineEdit::Password);
    reveal->trigger();
    QCOMPARE(secret->echoMode(), QLineEdit::Normal);
    reveal->trigger();
    QCOMPARE(secret->echoMode(), QLineEdit::Password);

    auto *masterKey = child<QLineEdit>(&editor, QStringLiteral("masterKey"));
    QCOMPARE(masterKey->echoMode(), QLineEdit::Password);
    editor.findChild<QAction *>(QStringLiteral("revealMasterKey"))->trigger();
    QCOMPARE(masterKey->echoMode(), QLineEdit::Normal);
}

void TestGuiProfiles::importDotEnvFile()
{
    const QString path = m_dir->filePath(QStringLiteral(".env"));
    QVERIFY(writeFile(path, "APP_NAME=Shop\n"
                            "# broadcasting\n"
                            "export PUSHER_APP_ID=4242\n"
                            "PUSHER_APP_KEY=\"shop-key\"\n"
                            "PUSHER_APP_SECRET='shop-secret-0d9f'\n"
                            "PUSHER_HOST=127.0.0.1\n"
                            "PUSHER_PORT=6001\n"
                            "PUSHER_SCHEME=http\n"
                            "VITE_PUSHER_APP_KEY=\"${PUSHER_APP_KEY}\"\n"));
    ProfileEditor editor(m_store.get());
    editor.show();
    QVERIFY(editor.importDotEnvFile(path).ok());
    QCOMPARE(child<QLineEdit>(&editor, QStringLiteral("appKey"))->text(), QStringLiteral("shop-key"));
    QCOMPARE(child<QLineEdit>(&editor, QStringLiteral("appId"))->text(), QStringLiteral("4242"));
    QCOMPARE(child<QLineEdit>(&editor, QStringLiteral("host"))->text(), QStringLiteral("127.0.0.1"));
    QCOMPARE(child<QSpinBox>(&editor, QStringLiteral("port"))->value(), 6001);
    QCOMPARE(child<QLineEdit>(&editor, QStringLiteral("profileName"))->text(),
             QStringLiteral("Shop (Pusher (hosted))"));
    auto *note = child<QLabel>(&editor, QStringLiteral("importMessage"));
    QVERIFY(note->isVisible());
    QVERIFY2(note->text().contains(QStringLiteral("PUSHER_APP_KEY")), qPrintable(note->text()));
    QVERIFY(editor.isNew());
    QVERIFY(editor.isDirty());

    QSignalSpy saved(&editor, &ProfileEditor::profileSaved);
    QTest::mouseClick(child<QPushButton>(&editor, QStringLiteral("saveButton")), Qt::LeftButton);
    QCOMPARE(saved.size(), 1);
    QVERIFY(m_store->contains(editor.profileId()));
    QCOMPARE(m_store->profile(editor.profileId())->credentials.secret, QStringLiteral("shop-secret-0d9f"));
    QVERIFY(!fileBytes(settingsPath()).contains("shop-secret-0d9f"));
    QVERIFY(!editor.isNew());

    // A browser-only file says there is no secret in it.
    const QString vite = m_dir->filePath(QStringLiteral("vite.env"));
    QVERIFY(writeFile(vite, "VITE_PUSHER_APP_KEY=vk\nVITE_PUSHER_APP_CLUSTER=ap1\n"));
    QVERIFY(editor.importDotEnvFile(vite).ok());
    QVERIFY(note->text().contains(QStringLiteral("no secret")));
    QCOMPARE(editor.profile().credentials.cluster, QStringLiteral("ap1"));
}

void TestGuiProfiles::importDotEnvErrorInline()
{
    const QString path = m_dir->filePath(QStringLiteral("other.env"));
    QVERIFY(writeFile(path, "DB_HOST=127.0.0.1\n"));
    ProfileEditor editor(m_store.get());
    editor.show();
    const QString before = editor.profileId();
    QVERIFY(!editor.importDotEnvFile(path).ok());
    QCOMPARE(editor.profileId(), before);  // nothing replaced
    auto *note = child<QLabel>(&editor, QStringLiteral("importMessage"));
    QVERIFY(note->isVisible());
    QVERIFY(note->text().contains(QStringLiteral("No app key")));
    QVERIFY(!editor.importDotEnvFile(m_dir->filePath(QStringLiteral("missing.env"))).ok());
    QVERIFY(note->text().contains(QStringLiteral("Cannot read")));
    QVERIFY(QApplication::activeModalWidget() == nullptr);
}

void TestGuiProfiles::importUrl()
{
    ProfileEditor editor(m_store.get());
    editor.show();
    auto *url = child<QLineEdit>(&editor, QStringLiteral("importUrl"));
    QTest::keyClicks(url, QStringLiteral("https://k3y:s3cret@api-eu.pusher.com/apps/77"));
    QTest::mouseClick(child<QPushButton>(&editor, QStringLiteral("importUrlButton")), Qt::LeftButton);
    const Profile p = editor.profile();
    QCOMPARE(p.preset, ServerPreset::Pusher);
    QCOMPARE(p.credentials.cluster, QStringLiteral("eu"));
    QCOMPARE(p.credentials.key, QStringLiteral("k3y"));
    QCOMPARE(p.credentials.secret, QStringLiteral("s3cret"));
    QCOMPARE(p.credentials.appId, QStringLiteral("77"));
    QVERIFY(url->text().isEmpty());  // the secret does not stay on screen

    QTest::keyClicks(url, QStringLiteral("not a url"));
    QTest::keyClick(url, Qt::Key_Return);
    QVERIFY(child<QLabel>(&editor, QStringLiteral("importMessage"))->text().contains(QStringLiteral("http")));
    QCOMPARE(editor.profile().credentials.key, QStringLiteral("k3y"));
}

void TestGuiProfiles::exportHasNoSecret()
{
    ProfileEditor editor(m_store.get());
    editor.show();
    retype(child<QLineEdit>(&editor, QStringLiteral("secret")), QStringLiteral("export-secret-1a2b"));
    retype(child<QLineEdit>(&editor, QStringLiteral("masterKey")),
           QStringLiteral("zyrm8pvV2C9fJcBfhyXzvxbJVN/H7QLmbe0xJi1GhPU="));
    const QString path = m_dir->filePath(QStringLiteral("profile.json"));
    QVERIFY(editor.exportTo(path).ok());
    const QByteArray bytes = fileBytes(path);
    QVERIFY(!bytes.isEmpty());
    QVERIFY(!bytes.contains("export-secret-1a2b"));
    QVERIFY(!bytes.contains("zyrm8pvV2C9f"));
    const QJsonObject json = QJsonDocument::fromJson(bytes).object();
    QCOMPARE(json.value(QStringLiteral("format")).toString(), QStringLiteral("channelscope-profile"));
    QCOMPARE(json.value(QStringLiteral("key")).toString(), QStringLiteral("app-key"));
    QVERIFY(!json.contains(QStringLiteral("secret")));

    // And it comes back in as a new profile, without the secret.
    const QString exportedFrom = editor.profileId();
    QVERIFY(editor.importDotEnvFile(path).ok());
    QVERIFY(editor.profileId() != exportedFrom);
    QCOMPARE(editor.profile().credentials.key, QStringLiteral("app-key"));
    QVERIFY(editor.profile().credentials.secret.isEmpty());
}

void TestGuiProfiles::saveKeepsSecretOutOfSettings()
{
    ProfileEditor editor(m_store.get());
    editor.show();
    editor.setProfile(Profile::create(QStringLiteral("Keychained"), ServerPreset::Custom));
    QTest::keyClicks(child<QLineEdit>(&editor, QStringLiteral("host")), QStringLiteral("ws.example.test"));
    QTest::keyClicks(child<QLineEdit>(&editor, QStringLiteral("appKey")), QStringLiteral("kc-key"));
    QTest::keyClicks(child<QLineEdit>(&editor, QStringLiteral("secret")), QStringLiteral("kc-secret-77aa"));
    auto *policy = child<QComboBox>(&editor, QStringLiteral("secretPolicy"));
    QVERIFY(policy->isVisible());
    QCOMPARE(policy->currentData().toInt(), int(SecretPolicy::Keychain));
    QSignalSpy connectSpy(&editor, &ProfileEditor::connectRequested);
    QTest::mouseClick(child<QPushButton>(&editor, QStringLiteral("saveConnectButton")), Qt::LeftButton);
    QCOMPARE(connectSpy.size(), 1);
    QCOMPARE(connectSpy.first().first().toString(), editor.profileId());
    QVERIFY(m_keychain->contains(editor.profileId()));
    QVERIFY(fileBytes(settingsPath()).contains("kc-key"));
    QVERIFY(!fileBytes(settingsPath()).contains("kc-secret-77aa"));
    QVERIFY(child<QLabel>(&editor, QStringLiteral("statusMessage"))->text().contains(QStringLiteral("Saved")));
}

void TestGuiProfiles::noKeychainBanner()
{
    ProfileEditor editor(m_store.get());
    editor.show();
    auto *banner = child<QWidget>(&editor, QStringLiteral("keychainBanner"));
    auto *policy = child<QComboBox>(&editor, QStringLiteral("secretPolicy"));
    QVERIFY(!banner->isVisible());
    editor.setProfile(Profile::create(QStringLiteral("No keychain here"), ServerPreset::Soketi));
    QTest::keyClicks(child<QLineEdit>(&editor, QStringLiteral("appKey")), QStringLiteral("nk-key"));
    QTest::keyClicks(child<QLineEdit>(&editor, QStringLiteral("secret")), QStringLiteral("nk-secret-5e5e"));

    m_keychain->setAvailable(false);
    QVERIFY(banner->isVisible());
    QVERIFY(!policy->isVisible());
    QVERIFY(child<QLabel>(&editor, QStringLiteral("keychainBannerText"))
                ->text()
                .contains(QStringLiteral("No keychain service found")));
    auto *sessionOnly = child<QRadioButton>(&editor, QStringLiteral("secretSessionOnly"));
    auto *plain = child<QRadioButton>(&editor, QStringLiteral("secretPlainSettings"));
    QVERIFY(sessionOnly->isChecked());  // the safe default
    QCOMPARE(editor.profile().secretPolicy, SecretPolicy::SessionOnly);

    QTest::mouseClick(child<QPushButton>(&editor, QStringLiteral("saveButton")), Qt::LeftButton);
    QVERIFY(!fileBytes(settingsPath()).contains("nk-secret-5e5e"));
    QCOMPARE(m_store->profile(editor.profileId())->credentials.secret, QStringLiteral("nk-secret-5e5e"));

    plain->click();
    QCOMPARE(editor.profile().secretPolicy, SecretPolicy::PlainSettings);
    QTest::mouseClick(child<QPushButton>(&editor, QStringLiteral("saveButton")), Qt::LeftButton);
    QVERIFY(fileBytes(settingsPath()).contains("nk-secret-5e5e"));
    QVERIFY(QApplication::activeModalWidget() == nullptr);

    m_keychain->setAvailable(true);
    QVERIFY(!banner->isVisible());
    QVERIFY(policy->isVisible());
    QCOMPARE(policy->currentData().toInt(), int(SecretPolicy::PlainSettings));
}

void TestGuiProfiles::deleteNeedsTwoClicks()
{
    Profile p = Profile::create(QStringLiteral("Doomed"), ServerPreset::Soketi);
    p.credentials.key = QStringLiteral("doomed");
    m_store->save(p);
    ProfileEditor editor(m_store.get());
    editor.show();
    editor.setProfile(p);
    QSignalSpy deleted(&editor, &ProfileEditor::profileDeleted);
    auto *button = child<QPushButton>(&editor, QStringLiteral("deleteButton"));
    QTest::mouseClick(button, Qt::LeftButton);
    QCOMPARE(deleted.size(), 0);
    QVERIFY(m_store->contains(p.id));
    QVERIFY(child<QLabel>(&editor, QStringLiteral("statusMessage"))->text().contains(QStringLiteral("Confirm delete")));
    QTest::mouseClick(button, Qt::LeftButton);
    QCOMPARE(deleted.size(), 1);
    QVERIFY(!m_store->contains(p.id));
}

void TestGuiProfiles::testButtonAgainstSoketi()
{
    test::SoketiServer soketi;
    QVERIFY2(soketi.start(), qPrintable(soketi.output()));
    Profile p = Profile::create(QStringLiteral("soketi"), ServerPreset::Soketi);
    p.credentials = soketi.credentials();

    ProfileEditor editor(m_store.get());
    editor.show();
    editor.setProfile(p);
    QSignalSpy finished(editor.tester(), &Doctor::finished);
    QTest::mouseClick(child<QPushButton>(&editor, QStringLiteral("testButton")), Qt::LeftButton);
    QVERIFY(finished.wait(20000));
    QVERIFY(finished.first().first().toBool());
    // No TLS (skipped); nothing fails.
    for (const QString &id : Doctor::checkIds()) {
        auto *line = child<QLabel>(&editor, QStringLiteral("testLine_%1").arg(id));
        QVERIFY(line->isVisible());
        QVERIFY2(!line->text().startsWith(QStringLiteral("✗")), qPrintable(line->text()));
    }
    QVERIFY(editor.testView()->lineText(QStringLiteral("tcp")).startsWith(QStringLiteral("✓")));
    QVERIFY(editor.testView()->lineText(QStringLiteral("tcp")).contains(QStringLiteral("accepts connections")));
    QVERIFY(editor.testView()->lineText(QStringLiteral("key")).contains(QStringLiteral("✓ Key: key accepted")));
    QVERIFY(editor.testView()->evidenceText(QStringLiteral("rest")).contains(QStringLiteral("HTTP 200")));
    QVERIFY(editor.testView()->lineText(QStringLiteral("clock")).contains(QStringLiteral("clock skew")));
    // In a dock of laptop height the results scroll on their own: the form keeps most of the room.
    editor.resize(460, 640);
    QTRY_VERIFY(child<QScrollArea>(&editor, QStringLiteral("profileTestScroll"))->height() <= 640 / 2);
    QVERIFY(child<QScrollArea>(&editor, QStringLiteral("profileScroll"))->height() >= 640 / 4);
    // An ok line keeps its evidence in the tooltip; a failed one shows it under the line (below).
    QVERIFY(!child<QLabel>(&editor, QStringLiteral("testEvidence_key"))->isVisible());
    QVERIFY(child<QLabel>(&editor, QStringLiteral("testLine_key"))->toolTip().contains(QStringLiteral("socket id")));

    // A wrong key: the key line turns into the server's refusal, inline, with the hint.
    retype(child<QLineEdit>(&editor, QStringLiteral("appKey")), QStringLiteral("wrong-key"));
    finished.clear();
    QTest::mouseClick(child<QPushButton>(&editor, QStringLiteral("testButton")), Qt::LeftButton);
    QVERIFY(finished.wait(20000));
    QVERIFY(!finished.first().first().toBool());
    const QString keyLine = editor.testView()->lineText(QStringLiteral("key"));
    QVERIFY2(keyLine.startsWith(QStringLiteral("✗")) && keyLine.contains(QStringLiteral("4001"))
                 && keyLine.contains(QStringLiteral("wrong cluster")),
             qPrintable(keyLine));
    QVERIFY(child<QLabel>(&editor, QStringLiteral("testEvidence_key"))->isVisible());
    QVERIFY(child<QLabel>(&editor, QStringLiteral("testEvidence_key"))->text().contains(QStringLiteral("4001")));
    QVERIFY(QApplication::activeModalWidget() == nullptr);
}

void TestGuiProfiles::managerListsAndCreates()
{
    ProfileManagerWidget manager(m_store.get());
    manager.show();
    auto *list = child<QListWidget>(&manager, QStringLiteral("profileList"));
    QCOMPARE(list->count(), 1);
    QCOMPARE(list->currentItem()->text(), QStringLiteral("Local sandbox"));
    ProfileEditor *editor = manager.editor();
    QCOMPARE(editor->profile().name, QStringLiteral("Local sandbox"));

    QTest::mouseClick(child<QPushButton>(&manager, QStringLiteral("newProfileButton")), Qt::LeftButton);
    QVERIFY(editor->isNew());
    QCOMPARE(list->currentRow(), -1);
    retype(child<QLineEdit>(editor, QStringLiteral("profileName")), QStringLiteral("Alpha"));
    QTest::keyClicks(child<QLineEdit>(editor, QStringLiteral("appKey")), QStringLiteral("alpha-key"));
    QTest::mouseClick(child<QPushButton>(editor, QStringLiteral("saveButton")), Qt::LeftButton);
    QCOMPARE(list->count(), 2);
    QCOMPARE(list->currentItem()->text(), QStringLiteral("Alpha"));
    QCOMPARE(m_store->currentProfileId(), editor->profileId());
    QVERIFY(child<QLabel>(editor, QStringLiteral("statusMessage"))->text().contains(QStringLiteral("Saved")));

    // Choosing the sandbox again shows it, and makes it current.
    list->setCurrentRow(list->row(list->findItems(QStringLiteral("Local sandbox"), Qt::MatchExactly).first()));
    QCOMPARE(editor->profile().name, QStringLiteral("Local sandbox"));
    QCOMPARE(m_store->profile(m_store->currentProfileId())->name, QStringLiteral("Local sandbox"));

    QSignalSpy connectSpy(&manager, &ProfileManagerWidget::connectRequested);
    QTest::mouseClick(child<QPushButton>(editor, QStringLiteral("saveConnectButton")), Qt::LeftButton);
    QCOMPARE(connectSpy.size(), 1);
}

void TestGuiProfiles::authEndpointFieldsSaveAndComeBack()
{
    ProfileEditor editor(m_store.get());
    editor.show();
    editor.setProfile(Profile::create(QStringLiteral("Through my endpoint"), ServerPreset::Soketi));
    QTest::keyClicks(child<QLineEdit>(&editor, QStringLiteral("appKey")), QStringLiteral("ep-key"));

    // Closed at first, and the closed toggle says what is in use.
    auto *toggle = child<QToolButton>(&editor, QStringLiteral("authToggle"));
    auto *group = child<QWidget>(&editor, QStringLiteral("authGroup"));
    QVERIFY(!group->isVisible());
    QVERIFY2(toggle->text().contains(QStringLiteral("built-in signer")), qPrintable(toggle->text()));
    toggle->click();
    QVERIFY(group->isVisible());
    QVERIFY(child<QRadioButton>(&editor, QStringLiteral("channelAuthBuiltIn"))->isChecked());
    auto *url = child<QLineEdit>(&editor, QStringLiteral("channelAuthUrl"));
    QVERIFY(!url->isVisible());  // the endpoint's fields only when it is chosen

    child<QRadioButton>(&editor, QStringLiteral("channelAuthEndpoint"))->click();
    QVERIFY(url->isVisible());
    QTest::keyClicks(url, QStringLiteral("http://127.0.0.1:3000/pusher/auth"));
    auto *format = child<QComboBox>(&editor, QStringLiteral("channelAuthFormat"));
    format->setCurrentIndex(format->findData(int(EndpointConfig::BodyFormat::Json)));
    child<QPushButton>(&editor, QStringLiteral("channelAuthAddParam"))->click();
    QTest::keyClicks(child<QLineEdit>(&editor, QStringLiteral("channelAuthParamName0")), QStringLiteral("team"));
    QTest::keyClicks(child<QLineEdit>(&editor, QStringLiteral("channelAuthParamValue0")), QStringLiteral("blue"));
    child<QPushButton>(&editor, QStringLiteral("channelAuthAddHeader"))->click();
    QTest::keyClicks(child<QLineEdit>(&editor, QStringLiteral("channelAuthHeaderName0")),
                     QStringLiteral("Authorization"));
    auto *value = child<QLineEdit>(&editor, QStringLiteral("channelAuthHeaderValue0"));
    QTest::keyClicks(value, QStringLiteral("Bearer gui-token-5a6b"));

    // The token is masked like the secret, with its own eye.
    QCOMPARE(value->echoMode(), QLineEdit::Password);
    auto *reveal = editor.findChild<QAction *>(QStringLiteral("channelAuthRevealHeader0"));
    QVERIFY(reveal);
    QVERIFY(!reveal->toolTip().isEmpty());
    reveal->trigger();
    QCOMPARE(value->echoMode(), QLineEdit::Normal);
    reveal->trigger();
    QCOMPARE(value->echoMode(), QLineEdit::Password);

    // Sign-in through its own endpoint, with GET: no body, so no body format.
    child<QRadioButton>(&editor, QStringLiteral("userAuthEndpoint"))->click();
    QTest::keyClicks(child<QLineEdit>(&editor, QStringLiteral("userAuthUrl")),
                     QStringLiteral("http://127.0.0.1:3000/pusher/user-auth"));
    auto *userMethod = child<QComboBox>(&editor, QStringLiteral("userAuthMethod"));
    userMethod->setCurrentIndex(userMethod->findText(QStringLiteral("GET")));
    QVERIFY(!child<QComboBox>(&editor, QStringLiteral("userAuthFormat"))->isEnabled());
    QVERIFY2(toggle->text().contains(QStringLiteral("your endpoints")), qPrintable(toggle->text()));

    QVERIFY(editor.canSave());
    QTest::mouseClick(child<QPushButton>(&editor, QStringLiteral("saveButton")), Qt::LeftButton);
    const QString id = editor.profileId();
    QVERIFY(m_store->contains(id));
    // The settings file has the endpoint and the header's name; the token went to the keychain.
    const QByteArray bytes = fileBytes(settingsPath());
    QVERIFY(bytes.contains("127.0.0.1:3000/pusher/auth"));
    QVERIFY(bytes.contains("Authorization"));
    QVERIFY2(!bytes.contains("gui-token-5a6b"), bytes.constData());
    QCOMPARE(m_keychain->stored(id).channelHeaderValues, QList<QByteArray>{"Bearer gui-token-5a6b"});

    // A fresh start: settings from the file, the token from the keychain, all back in the fields.
    ProfileStore reloaded(settingsPath(), m_keychain.get());
    QSignalSpy loaded(&reloaded, &ProfileStore::profileLoaded);
    reloaded.load();
    QTRY_VERIFY(reloaded.secretsLoaded(id));
    ProfileEditor again(&reloaded);
    again.show();
    again.setProfile(*reloaded.profile(id));
    QVERIFY(child<QWidget>(&again, QStringLiteral("authGroup"))->isVisible());  // in use: not hidden
    QVERIFY(child<QRadioButton>(&again, QStringLiteral("channelAuthEndpoint"))->isChecked());
    QCOMPARE(child<QLineEdit>(&again, QStringLiteral("channelAuthUrl"))->text(),
             QStringLiteral("http://127.0.0.1:3000/pusher/auth"));
    QCOMPARE(child<QComboBox>(&again, QStringLiteral("channelAuthFormat"))->currentData().toInt(),
             int(EndpointConfig::BodyFormat::Json));
    QCOMPARE(child<QLineEdit>(&again, QStringLiteral("channelAuthParamName0"))->text(), QStringLiteral("team"));
    QCOMPARE(child<QLineEdit>(&again, QStringLiteral("channelAuthParamValue0"))->text(), QStringLiteral("blue"));
    QCOMPARE(child<QLineEdit>(&again, QStringLiteral("channelAuthHeaderName0"))->text(),
             QStringLiteral("Authorization"));
    auto *valueAgain = child<QLineEdit>(&again, QStringLiteral("channelAuthHeaderValue0"));
    QCOMPARE(valueAgain->text(), QStringLiteral("Bearer gui-token-5a6b"));
    QCOMPARE(valueAgain->echoMode(), QLineEdit::Password);
    QVERIFY(child<QRadioButton>(&again, QStringLiteral("userAuthEndpoint"))->isChecked());
    QCOMPARE(child<QComboBox>(&again, QStringLiteral("userAuthMethod"))->currentText(), QStringLiteral("GET"));
    QVERIFY(!again.isDirty());

    // The export keeps the header's name for the next machine, never its value.
    const QString exported = m_dir->filePath(QStringLiteral("endpoint-profile.json"));
    QVERIFY(again.exportTo(exported).ok());
    QVERIFY(fileBytes(exported).contains("Authorization"));
    QVERIFY(!fileBytes(exported).contains("gui-token-5a6b"));
}

void TestGuiProfiles::authInlineValidation()
{
    ProfileEditor editor(m_store.get());
    editor.show();
    auto *save = child<QPushButton>(&editor, QStringLiteral("saveButton"));
    child<QToolButton>(&editor, QStringLiteral("authToggle"))->click();
    QVERIFY(save->isEnabled());

    child<QRadioButton>(&editor, QStringLiteral("channelAuthEndpoint"))->click();
    QVERIFY2(message(&editor, QStringLiteral("channelAuthUrl")).contains(QStringLiteral("Enter")),
             qPrintable(message(&editor, QStringLiteral("channelAuthUrl"))));
    QVERIFY(!save->isEnabled());
    auto *url = child<QLineEdit>(&editor, QStringLiteral("channelAuthUrl"));
    QTest::keyClicks(url, QStringLiteral("ftp://auth.example.test/auth"));
    QVERIFY(message(&editor, QStringLiteral("channelAuthUrl")).contains(QStringLiteral("http://")));
    QVERIFY(!save->isEnabled());
    retype(url, QStringLiteral("https://auth.example.test/auth"));
    QVERIFY(message(&editor, QStringLiteral("channelAuthUrl")).isEmpty());
    QVERIFY(save->isEnabled());

    child<QPushButton>(&editor, QStringLiteral("channelAuthAddHeader"))->click();
    QTest::keyClicks(child<QLineEdit>(&editor, QStringLiteral("channelAuthHeaderName0")), QStringLiteral("X Token"));
    QVERIFY(message(&editor, QStringLiteral("channelAuthHeaders")).contains(QStringLiteral("not a header name")));
    QVERIFY(!save->isEnabled());
    child<QToolButton>(&editor, QStringLiteral("channelAuthRemoveHeader0"))->click();
    QVERIFY(message(&editor, QStringLiteral("channelAuthHeaders")).isEmpty());
    QVERIFY(save->isEnabled());
    QVERIFY(editor.profile().auth.channelEndpoint.headers.isEmpty());

    // A header without its value (as an import leaves it) is a warning, never a block.
    child<QPushButton>(&editor, QStringLiteral("channelAuthAddHeader"))->click();
    QTest::keyClicks(child<QLineEdit>(&editor, QStringLiteral("channelAuthHeaderName0")),
                     QStringLiteral("Authorization"));
    QVERIFY(message(&editor, QStringLiteral("channelAuthHeaders")).contains(QStringLiteral("no value")));
    QVERIFY(save->isEnabled());

    // Back to the built-in signer: the endpoint's fields no longer matter; without the secret it cannot sign.
    retype(url, QStringLiteral("not a url"));
    QVERIFY(!save->isEnabled());
    child<QRadioButton>(&editor, QStringLiteral("channelAuthBuiltIn"))->click();
    QVERIFY(save->isEnabled());
    retype(child<QLineEdit>(&editor, QStringLiteral("secret")), QString());
    QVERIFY2(message(&editor, QStringLiteral("channelAuth")).contains(QStringLiteral("app secret")),
             qPrintable(message(&editor, QStringLiteral("channelAuth"))));
    QVERIFY(save->isEnabled());
}

void TestGuiProfiles::unsavedEditsAreAskedAbout()
{
    Profile other = Profile::create(QStringLiteral("Other"), ServerPreset::Soketi);
    other.credentials.key = QStringLiteral("other-key");
    m_store->save(other);
    ProfileManagerWidget manager(m_store.get());
    manager.show();
    auto *list = child<QListWidget>(&manager, QStringLiteral("profileList"));
    ProfileEditor *editor = manager.editor();
    auto *bar = child<QWidget>(&manager, QStringLiteral("unsavedBar"));
    const auto rowOf = [list](const QString &name) {
        return list->row(list->findItems(name, Qt::MatchExactly).first());
    };
    list->setCurrentRow(rowOf(QStringLiteral("Local sandbox")));
    QCOMPARE(editor->profile().name, QStringLiteral("Local sandbox"));
    QVERIFY(!bar->isVisible());
    auto *name = child<QLineEdit>(editor, QStringLiteral("profileName"));

    // Choosing another profile with edits pending asks, and drops nothing meanwhile.
    retype(name, QStringLiteral("Sandbox edited"));
    list->setCurrentRow(rowOf(QStringLiteral("Other")));
    QVERIFY(bar->isVisible());
    QVERIFY(manager.isAskingAboutUnsavedEdits());
    QVERIFY(child<QLabel>(&manager, QStringLiteral("unsavedText"))->text().contains(QStringLiteral("Sandbox edited")));
    QCOMPARE(editor->profile().name, QStringLiteral("Sandbox edited"));
    QCOMPARE(list->currentItem()->text(), QStringLiteral("Local sandbox"));  // the list stays with the editor
    QVERIFY(QApplication::activeModalWidget() == nullptr);

    // Cancel: nothing happens.
    QTest::mouseClick(child<QPushButton>(&manager, QStringLiteral("unsavedCancelButton")), Qt::LeftButton);
    QVERIFY(!bar->isVisible());
    QCOMPARE(editor->profile().name, QStringLiteral("Sandbox edited"));
    QVERIFY(editor->isDirty());

    // Discard: the other profile, and the edits are gone for good.
    list->setCurrentRow(rowOf(QStringLiteral("Other")));
    QVERIFY(bar->isVisible());
    QTest::mouseClick(child<QPushButton>(&manager, QStringLiteral("unsavedDiscardButton")), Qt::LeftButton);
    QVERIFY(!bar->isVisible());
    QCOMPARE(editor->profile().name, QStringLiteral("Other"));
    QCOMPARE(list->currentItem()->text(), QStringLiteral("Other"));
    QCOMPARE(m_store->currentProfileId(), other.id);
    QVERIFY(list->findItems(QStringLiteral("Sandbox edited"), Qt::MatchExactly).isEmpty());

    // Save: the edits are stored, then the chosen profile is shown.
    retype(name, QStringLiteral("Other edited"));
    list->setCurrentRow(rowOf(QStringLiteral("Local sandbox")));
    QVERIFY(bar->isVisible());
    QTest::mouseClick(child<QPushButton>(&manager, QStringLiteral("unsavedSaveButton")), Qt::LeftButton);
    QVERIFY(!bar->isVisible());
    QCOMPARE(m_store->profile(other.id)->name, QStringLiteral("Other edited"));
    QCOMPARE(editor->profile().name, QStringLiteral("Local sandbox"));
    QCOMPARE(list->currentItem()->text(), QStringLiteral("Local sandbox"));

    // Save refused (a field in red): the question stays, the editor says why.
    retype(child<QLineEdit>(editor, QStringLiteral("appKey")), QStringLiteral("bad key"));
    list->setCurrentRow(rowOf(QStringLiteral("Other edited")));
    QTest::mouseClick(child<QPushButton>(&manager, QStringLiteral("unsavedSaveButton")), Qt::LeftButton);
    QVERIFY(bar->isVisible());
    QVERIFY(child<QLabel>(editor, QStringLiteral("statusMessage"))->text().contains(QStringLiteral("Not saved")));
    QCOMPARE(editor->profile().credentials.key, QStringLiteral("bad key"));

    // New asks too; a copy carries the edits along, so Duplicate does not.
    QTest::mouseClick(child<QPushButton>(&manager, QStringLiteral("unsavedCancelButton")), Qt::LeftButton);
    QTest::mouseClick(child<QPushButton>(&manager, QStringLiteral("newProfileButton")), Qt::LeftButton);
    QVERIFY(bar->isVisible());
    QCOMPARE(editor->profile().credentials.key, QStringLiteral("bad key"));
    QTest::mouseClick(child<QPushButton>(&manager, QStringLiteral("unsavedDiscardButton")), Qt::LeftButton);
    QVERIFY(editor->isNew());
    QCOMPARE(editor->profile().name, QStringLiteral("New profile"));
    QCOMPARE(list->currentRow(), -1);
    QCOMPARE(m_store->profile(m_store->currentProfileId())->credentials.key, QStringLiteral("app-key"));  // never saved
}

void TestGuiProfiles::keychainProbeDoesNotHang()
{
    // CI has no D-Bus session: the probe must answer (probably "unavailable") within its timeout.
    KeychainSecretStore keychain;
    keychain.setTimeoutMs(3000);
    QSignalSpy checked(&keychain, &SecretStore::availabilityChecked);
    QVERIFY(checked.wait(6000) || keychain.isAvailabilityKnown());
    QVERIFY(keychain.isAvailabilityKnown());
    qInfo() << "keychain available:" << keychain.isAvailable() << keychain.lastError();
    if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"))
        QVERIFY2(!keychain.isAvailable(), "no D-Bus session, yet the keychain claims to work");
    int calls = 0;
    keychain.readSecrets(QStringLiteral("some-profile"), [&](const Result<Secrets> &) { ++calls; });
    QCOMPARE(calls, 0);  // never before the call returns, even when the keychain fails at once
    QTRY_COMPARE_WITH_TIMEOUT(calls, 1, 6000);
    QTest::qWait(20);
    QCOMPARE(calls, 1);
}

QTEST_MAIN(TestGuiProfiles)
#include "tst_gui_profiles.moc"
