#include "sessionfileactions.h"

#include "credentials.h"
#include "logpanel.h"
#include "profilestore.h"
#include "replaydialog.h"
#include "session.h"
#include "sessionfile.h"
#include "sessionviewer.h"

#include <QAction>
#include <QCheckBox>
#include <QCoreApplication>
#include <QLayout>
#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QMimeData>
#include <QSettings>

namespace cs::ui {

namespace {

const QString kRecentKey = QStringLiteral("sessions/recent");

QString fileFilter()
{
    return QCoreApplication::translate("cs::ui::SessionFileActions",
                                       "Channelscope sessions (*.cssession);;NDJSON logs (*.ndjson *.jsonl *.json);;"
                                       "All files (*)");
}

// The local files a drag carries.
QStringList droppedFiles(const QMimeData *mime)
{
    QStringList files;
    if (!mime || !mime->hasUrls())
        return files;
    for (const QUrl &url : mime->urls())
        if (url.isLocalFile())
            files.append(url.toLocalFile());
    return files;
}

}  // namespace

SessionFileActions::SessionFileActions(const SessionFileContext &context, QObject *parent)
    : QObject(parent),
      m_context(context)
{
    m_open = new QAction(tr("&Open session…"), this);
    m_open->setObjectName(QStringLiteral("openSessionAction"));
    m_open->setShortcut(QKeySequence::Open);
    m_open->setToolTip(tr("Open a saved session or a listen/export NDJSON file, read-only"));
    connect(m_open, &QAction::triggered, this, &SessionFileActions::openWithDialog);
    m_save = new QAction(tr("&Save session…"), this);
    m_save->setObjectName(QStringLiteral("saveSessionAction"));
    m_save->setShortcut(QKeySequence::Save);
    m_save->setToolTip(tr("Save the whole log to one file (no secrets)"));
    connect(m_save, &QAction::triggered, this, &SessionFileActions::saveWithDialog);
    m_replay = new QAction(tr("&Replay selected…"), this);
    m_replay->setObjectName(QStringLiteral("replaySelectedAction"));
    m_replay->setToolTip(tr("Send the selected events again to a profile, in order"));
    connect(m_replay, &QAction::triggered, this, &SessionFileActions::replaySelected);
    m_recent = new QMenu(tr("Recent sessions"));
    m_recent->setObjectName(QStringLiteral("recentSessionsMenu"));

    QMenuBar *bar = m_context.window->menuBar();
    auto *file = new QMenu(tr("&File"), bar);
    file->setObjectName(QStringLiteral("fileMenu"));
    file->addAction(m_open);
    file->addMenu(m_recent);
    file->addAction(m_save);
    file->addSeparator();
    file->addAction(m_replay);
    const QList<QAction *> existing = bar->actions();
    bar->insertMenu(existing.isEmpty() ? nullptr : existing.first(), file);
    connect(m_context.window, &QObject::destroyed, m_recent, &QObject::deleteLater);
    if (m_context.logPanel)
        m_context.logPanel->addRowMenuAction(m_replay);
    m_context.window->setAcceptDrops(true);
    m_context.window->installEventFilter(this);
    rebuildRecentMenu();
}

Result<SessionViewer *> SessionFileActions::openFile(const QString &path)
{
    const auto opened = sessionfile::open(path);
    if (!opened) {
        if (m_context.status)
            m_context.status(opened.error().message);
        return opened.error();
    }
    auto *viewer = new SessionViewer(*opened, m_context.profiles, m_context.log, m_context.session, m_context.window);
    viewer->setWindowFlag(Qt::Window);
    viewer->show();
    remember(QFileInfo(path).absoluteFilePath());
    if (m_context.status)
        m_context.status(tr("Opened %1 read-only in its own window").arg(QDir::toNativeSeparators(path)));
    return viewer;
}

Result<qsizetype> SessionFileActions::saveTo(const QString &path, bool includeDecrypted)
{
    m_context.log->flush();
    sessionfile::Header header;
    const QString name = m_context.profileName ? m_context.profileName() : QString();
    if (Session *session = m_context.session ? m_context.session() : nullptr)
        header.profile = sessionfile::ProfileSummary::from(name, session->credentials());
    else if (const auto profile = m_context.profiles->profile(m_context.profiles->currentProfileId()))
        header.profile = sessionfile::ProfileSummary::from(profile->name, profile->credentials);
    const auto saved = sessionfile::save(*m_context.log, path, header, {.includeDecrypted = includeDecrypted});
    if (m_context.status)
        m_context.status(saved ? tr("Saved %n entries to %1", nullptr, int(*saved)).arg(QDir::toNativeSeparators(path))
                               : saved.error().message);
    if (saved)
        remember(QFileInfo(path).absoluteFilePath());
    return saved;
}

QStringList SessionFileActions::recentFiles() const
{
    return m_context.settings ? m_context.settings->value(kRecentKey).toStringList() : QStringList();
}

void SessionFileActions::openWithDialog()
{
    const QString path = QFileDialog::getOpenFileName(m_context.window, tr("Open session"), {}, fileFilter());
    if (!path.isEmpty())
        openFile(path);
}

void SessionFileActions::saveWithDialog()
{
    QFileDialog dialog(m_context.window, tr("Save session"), {}, fileFilter());
    dialog.setAcceptMode(QFileDialog::AcceptSave);
    dialog.setDefaultSuffix(QStringLiteral("cssession"));
    dialog.setOption(QFileDialog::DontUseNativeDialog);  // the checkbox below needs Qt's own dialog
    auto *decrypted = new QCheckBox(tr("Include decrypted payloads of encrypted channels"), &dialog);
    if (auto *layout = dialog.layout())
        layout->addWidget(decrypted);
    if (dialog.exec() != QDialog::Accepted || dialog.selectedFiles().isEmpty())
        return;
    saveTo(dialog.selectedFiles().first(), decrypted->isChecked());
}

void SessionFileActions::replaySelected()
{
    const QList<LogEntry> entries = selectedEntries(m_context.logPanel);
    auto *dialog = new ReplayDialog(entries, m_context.profiles, m_context.session ? m_context.session() : nullptr,
                                    m_context.log, m_context.window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void SessionFileActions::remember(const QString &path)
{
    if (!m_context.settings)
        return;
    QStringList recent = recentFiles();
    recent.removeAll(path);
    recent.prepend(path);
    while (recent.size() > kMaxRecent)
        recent.removeLast();
    m_context.settings->setValue(kRecentKey, recent);
    rebuildRecentMenu();
}

void SessionFileActions::rebuildRecentMenu()
{
    m_recent->clear();
    const QStringList recent = recentFiles();
    for (const QString &path : recent)
        m_recent->addAction(QDir::toNativeSeparators(path), this, [this, path] { openFile(path); });
    m_recent->setEnabled(!recent.isEmpty());
}

bool SessionFileActions::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_context.window && event->type() == QEvent::DragEnter) {
        auto *drag = static_cast<QDragEnterEvent *>(event);
        if (!droppedFiles(drag->mimeData()).isEmpty()) {
            drag->acceptProposedAction();
            return true;
        }
    }
    if (watched == m_context.window && event->type() == QEvent::Drop) {
        auto *drop = static_cast<QDropEvent *>(event);
        const QStringList files = droppedFiles(drop->mimeData());
        for (const QString &path : files)
            openFile(path);
        if (!files.isEmpty()) {
            drop->acceptProposedAction();
            return true;
        }
    }
    return QObject::eventFilter(watched, event);
}

}  // namespace cs::ui
