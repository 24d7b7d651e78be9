#include "contractsmanager.h"

#include "contractloader.h"
#include "contractsdialog.h"
#include "logstore.h"
#include "profilestore.h"
#include "violationindex.h"

#include <QAction>
#include <QDir>

namespace cs::ui {

ContractsManager::ContractsManager(ProfileStore *profiles, LogStore *log, QWidget *window)
    : QObject(window),
      m_profiles(profiles),
      m_index(ViolationIndex::ensure(log)),
      m_window(window),
      m_action(new QAction(tr("&Contracts…"), this))
{
    m_action->setObjectName(QStringLiteral("contractsAction"));
    m_action->setToolTip(tr("Payload contracts: the folder of JSON Schemas events are checked against"));
    connect(m_action, &QAction::triggered, this, &ContractsManager::openDialog);
    m_reloadTimer.setSingleShot(true);
    m_reloadTimer.setInterval(200);
    connect(&m_reloadTimer, &QTimer::timeout, this, &ContractsManager::reload);
    connect(&m_watcher, &QFileSystemWatcher::directoryChanged, &m_reloadTimer, qOverload<>(&QTimer::start));
    connect(&m_watcher, &QFileSystemWatcher::fileChanged, &m_reloadTimer, qOverload<>(&QTimer::start));
    connect(m_profiles, &ProfileStore::currentProfileChanged, this, &ContractsManager::followProfile);
    connect(m_profiles, &ProfileStore::profilesChanged, this, &ContractsManager::followProfile);
    followProfile();
}

void ContractsManager::followProfile()
{
    const auto profile = m_profiles->profile(m_profiles->currentProfileId());
    const QString folder = profile ? profile->contractsFolder : QString();
    if (folder == m_folder)
        return;
    m_folder = folder;
    reload();
}

bool ContractsManager::setFolder(const QString &folder, QString *why)
{
    const QString id = m_profiles->currentProfileId();
    auto profile = m_profiles->profile(id);
    if (!profile || !m_profiles->secretsLoaded(id)) {
        if (why)
            *why = tr("The profile is still loading; try again in a moment.");
        return false;
    }
    profile->contractsFolder = folder.isEmpty() ? QString() : QDir(folder).absolutePath();
    m_profiles->save(*profile);  // followProfile() loads it
    if (m_folder != profile->contractsFolder)
        followProfile();
    return true;
}

void ContractsManager::reload()
{
    if (!m_watcher.files().isEmpty())
        m_watcher.removePaths(m_watcher.files());
    if (!m_watcher.directories().isEmpty())
        m_watcher.removePaths(m_watcher.directories());
    m_loadError.clear();
    if (m_folder.isEmpty()) {
        m_set.reset();
        m_index->setContracts(nullptr);
        Q_EMIT reloaded();
        return;
    }
    auto set = loadContractFolder(m_folder);
    if (!set) {
        m_loadError = set.error().message;
        m_set.reset();
        m_index->setContracts(nullptr);
        Q_EMIT reloaded();
        return;
    }
    m_watcher.addPath(m_folder);
    const QStringList files =
        QDir(m_folder).entryList({QStringLiteral("*") + kContractSuffix}, QDir::Files, QDir::Name);
    for (const QString &file : files)
        m_watcher.addPath(QDir(m_folder).filePath(file));
    m_set = std::make_shared<const ContractSet>(std::move(*set));
    m_index->setContracts(m_set);
    Q_EMIT reloaded();
}

void ContractsManager::openDialog()
{
    auto *dialog = new ContractsDialog(this, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

}  // namespace cs::ui
