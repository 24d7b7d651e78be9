#include "profilestore.h"
#include "profileeditor.h"

#include "profileimport.h"
#include "profilerules.h"

#include "flowlayout.h"
#include "profilefields.h"
#include "profileform.h"
#include "profileformparts.h"
#include "profiletestview.h"
#include "privatefile.h"
#include "tlspolicy.h"

#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFrame>
#include <QHBoxLayout>
#include <QJsonDocument>
#include <QLineEdit>
#include <QPushButton>
#include <QResizeEvent>
#include <QScrollArea>
#include <QStandardPaths>
#include <QVBoxLayout>

#include <algorithm>

namespace cs::ui {

using profileparts::button;
using profileparts::lineEdit;

namespace {

constexpr int kDeleteConfirmMs = 4000;
constexpr qint64 kMaxImportBytes = 1024 * 1024;  // a .env is small; anything bigger is the wrong file

}  // namespace

ProfileEditor::ProfileEditor(ProfileStore *store, QWidget *parent)
    : QWidget(parent),
      m_store(store),
      m_tester(new Doctor(this))
{
    setObjectName(QStringLiteral("profileEditor"));
    m_deleteDisarm.setSingleShot(true);
    connect(&m_deleteDisarm, &QTimer::timeout, this, [this] {
        m_deleteArmed = false;
        m_deleteButton->setText(tr("Delete"));
    });
    buildUi();
    if (store)
        setSecretStore(store->keychain());
    setProfile(store ? store->profile(store->currentProfileId()).value_or(Profile::localSandbox())
                     : Profile::localSandbox());
}

ProfileEditor::~ProfileEditor() = default;

namespace {
constexpr double kTestShare = 0.45;  // of the editor's height, for the Test results
}  // namespace

// --- Building --------------------------------------------------------------------------------

void ProfileEditor::buildUi()
{
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(buildImportBar());

    auto *scroll = new QScrollArea(this);
    scroll->setObjectName(QStringLiteral("profileScroll"));
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    m_form = new ProfileForm;
    scroll->setWidget(m_form);
    layout->addWidget(scroll, 1);
    connect(m_form, &ProfileForm::edited, this, &ProfileEditor::onEdited);
    connect(m_form, &ProfileForm::presetChosen, this, &ProfileEditor::onPresetChosen);

    layout->addWidget(buildButtons());
    m_status = new MessageLabel(QStringLiteral("statusMessage"), this);
    layout->addWidget(m_status);
    m_testView = new ProfileTestView(this);
    // "Trust this certificate" under a failed TLS check: the fingerprint goes into the field.
    connect(m_testView, &ProfileTestView::trustRequested, this, [this](const QByteArray &sha256) {
        m_form->acceptCertificate(sha256);
        showStatus(
            tr("Certificate SHA256 %1 accepted for this profile: save, then test again.").arg(formatSha256(sha256)),
            int(Tone::Warning));
    });
    m_testView->setTester(m_tester);
    // Thirteen checks with evidence are taller than a laptop's dock: they scroll in their own area
    // and never take more than kTestShare of the editor, so the form above stays usable.
    m_testScroll = new QScrollArea(this);
    m_testScroll->setObjectName(QStringLiteral("profileTestScroll"));
    m_testScroll->setWidgetResizable(true);
    m_testScroll->setFrameShape(QFrame::NoFrame);
    m_testScroll->setWidget(m_testView);
    m_testScroll->hide();  // until a test runs: the form takes the whole height
    connect(m_tester, &Doctor::checkStarted, m_testScroll, &QWidget::show);
    connect(m_tester, &Doctor::checkFinished, m_testScroll, &QWidget::show);
    layout->addWidget(m_testScroll, 1);
}

void ProfileEditor::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    m_testScroll->setMaximumHeight(int(height() * kTestShare));
}

QWidget *ProfileEditor::buildImportBar()
{
    auto *bar = new QWidget(this);
    auto *column = new QVBoxLayout(bar);
    column->setContentsMargins(0, 0, 0, 0);
    auto *row = new QHBoxLayout;
    auto *importEnv = button(QStringLiteral("importEnvButton"), tr("Import .env…"),
                             tr("Fill the editor from a .env file (PUSHER_*, VITE_PUSHER_*, MIX_PUSHER_*, REVERB_*, "
                                "SOKETI_DEFAULT_APP_*) or from an exported profile (.json)"),
                             bar);
    m_importUrl = lineEdit(QStringLiteral("importUrl"), tr("https://KEY:SECRET@api-mt1.pusher.com/apps/APP_ID"),
                           tr("A pusher connection URL, as the server SDKs take it (PUSHER_URL)"), bar);
    auto *importUrlButton = button(QStringLiteral("importUrlButton"), tr("Import URL"),
                                   tr("Fill the editor from the connection URL on the left"), bar);
    row->addWidget(importEnv);
    row->addWidget(m_importUrl, 1);
    row->addWidget(importUrlButton);
    column->addLayout(row);
    m_importMessage = new MessageLabel(QStringLiteral("importMessage"), bar);
    column->addWidget(m_importMessage);

    connect(importEnv, &QPushButton::clicked, this, [this] {
        if (const QString path = chooseFile(false); !path.isEmpty())
            importDotEnvFile(path);
    });
    const auto importTyped = [this] { importUrl(m_importUrl->text()); };
    connect(importUrlButton, &QPushButton::clicked, this, importTyped);
    connect(m_importUrl, &QLineEdit::returnPressed, this, importTyped);
    return bar;
}

QWidget *ProfileEditor::buildButtons()
{
    auto *row = new QWidget(this);
    auto *layout = new FlowLayout(row, 4, 4);  // wraps in a narrow dock
    m_saveButton = button(QStringLiteral("saveButton"), tr("&Save"),
                          tr("Save the profile (the secret goes where 'Keep secret in' says)"), row);
    m_saveConnectButton = button(QStringLiteral("saveConnectButton"), tr("Save && &connect"),
                                 tr("Save the profile and connect with it"), row);
    m_testButton = button(QStringLiteral("testButton"), tr("&Test"),
                          tr("Check the host, the key, a signed REST call and the clock skew, one line each"), row);
    auto *exportButton =
        button(QStringLiteral("exportButton"), tr("E&xport…"),
               tr("Write the profile as JSON, without the secret, the master key and auth header values"), row);
    m_deleteButton =
        button(QStringLiteral("deleteButton"), tr("Delete"), tr("Delete this profile (click twice to confirm)"), row);
    m_saveButton->setDefault(true);
    layout->addWidget(m_saveButton);
    layout->addWidget(m_saveConnectButton);
    layout->addWidget(m_testButton);
    layout->addWidget(exportButton);
    layout->addWidget(m_deleteButton);

    connect(m_saveButton, &QPushButton::clicked, this, &ProfileEditor::save);
    connect(m_saveConnectButton, &QPushButton::clicked, this, &ProfileEditor::saveAndConnect);
    connect(m_testButton, &QPushButton::clicked, this, &ProfileEditor::runTest);
    connect(m_deleteButton, &QPushButton::clicked, this, &ProfileEditor::requestDelete);
    connect(exportButton, &QPushButton::clicked, this, [this] {
        const QString path = chooseFile(true);
        if (path.isEmpty())
            return;
        if (const Status status = exportTo(path); status)
            showStatus(tr("Exported to %1 (without the secret).").arg(QFileInfo(path).fileName()), int(Tone::Ok));
        else
            showStatus(status.error().message, int(Tone::Error));
    });
    connect(m_tester, &Doctor::finished, this, [this](bool allOk) {
        const QList<DoctorCheck> results = m_tester->results();
        const bool warned = std::any_of(results.begin(), results.end(),
                                        [](const DoctorCheck &c) { return c.verdict() == Verdict::Warning; });
        if (!allOk)
            showStatus(tr("Some checks failed: see the lines below."), int(Tone::Error));
        else if (warned)
            showStatus(tr("No check failed, some warn: see the lines below."), int(Tone::Warning));
        else
            showStatus(tr("All checks passed."), int(Tone::Ok));
    });
    return row;
}

// --- Profile <-> fields ----------------------------------------------------------------------

void ProfileEditor::setProfile(const Profile &profile)
{
    m_base = profile;
    m_deleteDisarm.stop();
    m_deleteArmed = false;
    m_deleteButton->setText(tr("Delete"));
    m_tester->cancel();
    m_testView->clear();
    m_testScroll->hide();  // back once a check reports
    m_status->clearMessage();
    m_importMessage->clearMessage();
    showFields(profile);
    updatePolicyUi();
    if (m_dirty) {
        m_dirty = false;
        Q_EMIT dirtyChanged(false);
    }
}

void ProfileEditor::showFields(const Profile &profile)
{
    m_form->populate(profile);
    revalidate();
}

Profile ProfileEditor::profile() const { return m_form->profile(m_base); }

bool ProfileEditor::isNew() const { return m_store && !m_store->contains(m_base.id); }

void ProfileEditor::onPresetChosen(ServerPreset preset)
{
    // The new preset's host/port/TLS defaults; keys, secret and identity stay.
    Profile p = profile();
    p.applyPreset(preset);
    showFields(p);
    onEdited();
}

void ProfileEditor::onEdited()
{
    m_status->clearMessage();
    if (!m_dirty) {
        m_dirty = true;
        Q_EMIT dirtyChanged(true);
    }
    revalidate();
}

QMap<ProfileField, QString> ProfileEditor::fieldMessages() const { return m_form->fieldMessages(); }

bool ProfileEditor::canSave() const { return canSaveProfile(profile(), m_form->userInfoText()).ok(); }

void ProfileEditor::revalidate()
{
    const ProfileReview review = reviewProfile(profile(), m_form->userInfoText());
    m_form->showReview(review);
    const Status allowed = canSaveProfile(review);
    m_saveButton->setEnabled(allowed.ok());
    m_saveConnectButton->setEnabled(allowed.ok());
    const QString what = tr("Save the profile (the secret goes where 'Keep secret in' says)");
    m_saveButton->setToolTip(allowed ? what : tr("%1 — %2").arg(what, allowed.error().message));
}

// --- Secret policy ---------------------------------------------------------------------------

void ProfileEditor::setSecretStore(SecretStore *store)
{
    if (m_secretStore)
        m_secretStore->disconnect(this);
    m_secretStore = store;
    if (store)
        connect(store, &SecretStore::availabilityChecked, this, &ProfileEditor::updatePolicyUi);
    updatePolicyUi();
}

void ProfileEditor::updatePolicyUi()
{
    m_form->setKeychainMissing(m_secretStore && m_secretStore->isAvailabilityKnown() && !m_secretStore->isAvailable());
}

// --- Actions ---------------------------------------------------------------------------------

void ProfileEditor::showStatus(const QString &text, int tone) { m_status->setMessage(text, Tone(tone)); }

void ProfileEditor::save() { doSave(false); }

void ProfileEditor::saveAndConnect() { doSave(true); }

void ProfileEditor::doSave(bool thenConnect)
{
    const Profile p = profile();
    if (const Status allowed = canSaveProfile(p, m_form->userInfoText()); !allowed) {
        showStatus(tr("Not saved: %1.").arg(allowed.error().message), int(Tone::Error));
        return;
    }
    m_base = p;
    if (m_dirty) {
        m_dirty = false;
        Q_EMIT dirtyChanged(false);
    }
    showStatus(tr("Saved “%1”.").arg(p.name), int(Tone::Ok));
    if (m_store) {
        // The fields are written at once; the keychain answers later, and only a problem is news.
        QPointer<ProfileEditor> self(this);
        m_store->save(p, [self, id = p.id](const Status &status) {
            if (self && !status && self->m_base.id == id)
                self->showStatus(status.error().message, int(Tone::Warning));
        });
    }
    Q_EMIT profileSaved(p.id);
    if (thenConnect)
        Q_EMIT connectRequested(p.id);
}

void ProfileEditor::runTest()
{
    m_testView->clear();
    m_testScroll->hide();  // back once a check reports
    showStatus(tr("Testing…"), int(Tone::Neutral));
    m_tester->start(profile());
}

void ProfileEditor::requestDelete()
{
    // A second click confirms: no modal dialog, and no accident from a single click.
    if (!m_deleteArmed) {
        m_deleteArmed = true;
        m_deleteButton->setText(tr("Confirm delete"));
        showStatus(tr("Click “Confirm delete” within %1 s to delete “%2”.")
                       .arg(kDeleteConfirmMs / 1000)
                       .arg(m_form->nameText()),
                   int(Tone::Warning));
        m_deleteDisarm.start(kDeleteConfirmMs);
        return;
    }
    m_deleteDisarm.stop();
    m_deleteArmed = false;
    m_deleteButton->setText(tr("Delete"));
    const QString id = m_base.id;
    const QString name = m_form->nameText();
    if (m_store)
        m_store->remove(id);
    Q_EMIT profileDeleted(id);
    if (m_base.id == id)  // nobody showed another profile
        showStatus(tr("Deleted “%1”.").arg(name), int(Tone::Neutral));
}

// --- Import / export -------------------------------------------------------------------------

Status ProfileEditor::loadImported(const Profile &imported, const QStringList &used, const QStringList &notes,
                                   const QString &source)
{
    setProfile(imported);
    m_dirty = true;
    Q_EMIT dirtyChanged(true);
    QString text = used.isEmpty()
                       ? tr("Imported from %1; not saved yet.").arg(source)
                       : tr("Imported from %1 (%2); not saved yet.").arg(source, used.join(QStringLiteral(", ")));
    for (const QString &note : notes)
        text += u'\n' + note;
    m_importMessage->setMessage(text, notes.isEmpty() ? Tone::Ok : Tone::Warning);
    return {};
}

Status ProfileEditor::importDotEnvFile(const QString &path)
{
    const auto fail = [this](const Error &error) {
        m_importMessage->setMessage(error.message, Tone::Error);
        return Status(error);
    };
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(Error{ErrorCode::ImportRead, tr("Cannot read %1: %2").arg(path, file.errorString())});
    if (file.size() > kMaxImportBytes)
        return fail(
            Error{ErrorCode::ImportSize, tr("%1 is %2 KB: not a .env file.").arg(path).arg(file.size() / 1024)});
    const QString text = QString::fromUtf8(file.readAll());
    const QString fileName = QFileInfo(path).fileName();

    if (text.trimmed().startsWith(u'{')) {  // an exported profile
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8(), &error);
        if (error.error != QJsonParseError::NoError || !doc.isObject())
            return fail(Error{ErrorCode::ImportJson, tr("%1 is not a profile: %2").arg(fileName, error.errorString())});
        auto profile = Profile::fromJson(doc.object());
        if (!profile)
            return fail(profile.error());
        profile.value().id = Profile::newId();  // an import never overwrites an existing profile
        return loadImported(*profile, {}, {}, fileName);
    }
    const auto imported = importDotEnv(text);
    if (!imported)
        return fail(Error{imported.error().code, tr("%1: %2").arg(fileName, imported.error().message)});
    return loadImported(imported->profile, imported->usedVariables, imported->notes, fileName);
}

Status ProfileEditor::importUrl(const QString &url)
{
    const auto profile = importPusherUrl(url);
    if (!profile) {
        m_importMessage->setMessage(profile.error().message, Tone::Error);
        return profile.error();
    }
    m_importUrl->clear();  // it holds the secret: do not leave it on screen
    return loadImported(*profile, {}, {}, tr("the URL"));
}

QByteArray ProfileEditor::exportJson(const Profile &profile)
{
    QJsonObject json = profile.toJson(false);
    json.remove(QStringLiteral("id"));            // an import gets a fresh one
    json.remove(QStringLiteral("secretPolicy"));  // where secrets live is this machine's business
    json.insert(QStringLiteral("format"), QStringLiteral("channelscope-profile"));
    json.insert(QStringLiteral("version"), 1);
    return QJsonDocument(json).toJson(QJsonDocument::Indented);
}

Status ProfileEditor::exportTo(const QString &path) const { return writePrivateFile(path, exportJson(profile())); }

QString ProfileEditor::chooseFile(bool save)
{
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::HomeLocation);
    if (save) {
        const QString suggested = dir + u'/'
                                  + (m_form->nameText().isEmpty() ? QStringLiteral("profile") : m_form->nameText())
                                  + QStringLiteral(".json");
        return QFileDialog::getSaveFileName(this, tr("Export profile (without secrets)"), suggested,
                                            tr("JSON (*.json)"));
    }
    // .env files are hidden files: offer them explicitly.
    return QFileDialog::getOpenFileName(
        this, tr("Import a .env file or an exported profile"), dir,
        tr("Environment files (.env .env.* *.env);;Exported profiles (*.json);;All files (*)"));
}

}  // namespace cs::ui
