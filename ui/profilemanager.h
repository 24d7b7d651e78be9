#pragma once
// The profile list beside the editor, wired to a ProfileStore: choose, create, and (through the
// editor) save, test, import, export and delete profiles. The chosen profile is the store's
// current one.
//
// objectNames: profileManager, profileList, newProfileButton, duplicateProfileButton,
// profileEditor (see profileeditor.h).

#include "profile.h"

#include <QPointer>
#include <QWidget>

class QListWidget;

namespace cs::ui {

class ProfileEditor;

class ProfileManagerWidget : public QWidget {
    Q_OBJECT
public:
    explicit ProfileManagerWidget(ProfileStore *store, QWidget *parent = nullptr);

    ProfileEditor *editor() const { return m_editor; }
    QListWidget *list() const { return m_list; }
    void selectProfile(const QString &id);
    QString selectedProfileId() const;

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

    QPointer<ProfileStore> m_store;
    QListWidget *m_list;
    ProfileEditor *m_editor;
    bool m_refreshing = false;
    bool m_keepNew = false;  // the editor shows a New/Duplicate profile not saved yet
};

} // namespace cs::ui
