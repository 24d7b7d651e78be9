#pragma once
// Keeps the log's payload contracts (ViolationIndex) in step with the current profile's
// contracts folder: loads it when the profile changes, reloads it when a file in it changes
// (an edited or a newly saved schema), and stores a newly picked folder with the profile.
// action() opens the ContractsDialog ("Contracts…").

#include "contractset.h"

#include <QFileSystemWatcher>
#include <QObject>
#include <QTimer>

#include <memory>

class QAction;
class QWidget;

namespace cs {
class LogStore;
class ProfileStore;
class ViolationIndex;
}  // namespace cs

namespace cs::ui {

class ContractsManager : public QObject {
    Q_OBJECT
public:
    ContractsManager(ProfileStore *profiles, LogStore *log, QWidget *window);

    QAction *action() const { return m_action; }
    QString folder() const { return m_folder; }
    // What the last load gave (contracts and problems); null before any folder was set.
    std::shared_ptr<const ContractSet> contracts() const { return m_set; }
    QString loadError() const { return m_loadError; }  // the folder itself could not be read

    // Stores `folder` with the current profile and loads it; an empty folder turns contracts off.
    // False (with the reason in `why`) when the profile cannot be saved yet.
    bool setFolder(const QString &folder, QString *why = nullptr);
    void reload();
    void openDialog();

Q_SIGNALS:
    // After every (re)load, whatever it found.
    void reloaded();

private:
    void followProfile();

    ProfileStore *m_profiles;
    ViolationIndex *m_index;
    QWidget *m_window;
    QAction *m_action;
    QFileSystemWatcher m_watcher;
    QTimer m_reloadTimer;  // coalesces the bursts of changes an editor's save makes
    QString m_folder;
    QString m_loadError;
    std::shared_ptr<const ContractSet> m_set;
};

}  // namespace cs::ui
