#pragma once
// The profile list beside the editor, wired to a ProfileStore: choose, create, and (through the
// editor) save, test, import, export and delete profiles. The chosen profile is the store's
// current one. Unsaved edits are never dropped silently: choosing another profile (or New) while
// the editor has some asks inline — Save, Discard or Cancel — and the list stays on the edited
// profile until the user decides.
//
// objectNames: profileManager, profileList, newProfileButton, duplicateProfileButton,
// unsavedBar (unsavedText, unsavedSaveButton, unsavedDiscardButton, unsavedCancelButton),
// profileEditor (see profileeditor.h).

#include "profilestore.h"
#include "profile.h"

#include <QPointer>
#include <QWidget>

#include <functional>

class QListWidget;

namespace cs::ui {

class MessageLabel;
class ProfileEditor;

class ProfileManagerWidget : public QWidget {
    Q_OBJECT
public:
    explicit ProfileManagerWidget(ProfileStore *store, QWidget *parent = nullptr);

    ProfileEditor *editor() const { return m_editor; }
    QListWidget *list() const { return m_list; }
    // Chooses a profile as a click in the list does (so unsaved edits are asked about).
    void selectProfile(const QString &id);
    QString selectedProfileId() const;
    // True while the Save / Discard / Cancel question is shown.
    bool isAskingAboutUnsavedEdits() const;

public Q_SLOTS:
    void newProfile();
    void duplicateProfile();

Q_SIGNALS:
    void connectRequested(const QString &id);
    void currentProfileChanged(const QString &id);

private:
    void refreshList();
    void onSelectionChanged();
    void onProfileLoaded(const QString &id);
    // Shows `id` in the editor and the list, makes it current; edits in the editor are dropped.
    void showProfile(const QString &id);
    // Runs `proceed` at once when the editor has no unsaved edits; otherwise asks first.
    void afterUnsavedEdits(std::function<void()> proceed);
    void answerUnsaved(bool save);
    void closeUnsavedQuestion();
    void selectEditedRow();  // the list follows the editor again (no row for a new profile)
    QWidget *buildUnsavedBar();

    QPointer<ProfileStore> m_store;
    QListWidget *m_list;
    ProfileEditor *m_editor;
    QWidget *m_unsavedBar = nullptr;
    MessageLabel *m_unsavedText = nullptr;
    std::function<void()> m_afterUnsaved;  // what the user asked for before the question
    bool m_refreshing = false;
    bool m_keepNew = false;  // the editor shows a New/Duplicate profile not saved yet
};

}  // namespace cs::ui
