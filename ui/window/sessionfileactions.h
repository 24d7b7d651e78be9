#pragma once
// The main window's File menu for session files (core/sessionfile): Open session…, Save
// session…, Recent sessions, Replay selected… (on the live log), and opening a file dropped on the
// window. An opened file shows in a SessionViewer window of its own, read-only; the live window
// goes on as it was. The recent list (at most kMaxRecent) lives in the window's settings.

#include "result.h"

#include <QObject>
#include <QPointer>
#include <QStringList>

#include <functional>

class QAction;
class QMainWindow;
class QMenu;
class QSettings;

namespace cs {
class LogStore;
class ProfileStore;
class Session;
}  // namespace cs

namespace cs::ui {

class LogPanel;
class SessionViewer;

struct SessionFileContext {
    QMainWindow *window = nullptr;  // the live window: its menu bar gets File, drops on it open files
    LogStore *log = nullptr;        // the live log (saved; replays are logged there)
    LogPanel *logPanel = nullptr;   // the live log panel (Replay selected… takes its selection)
    ProfileStore *profiles = nullptr;
    QSettings *settings = nullptr;
    std::function<Session *()> session;           // the live session, may give null
    std::function<QString()> profileName;         // the profile the live log was written with
    std::function<void(const QString &)> status;  // a one-line message for the status bar
};

class SessionFileActions : public QObject {
    Q_OBJECT
public:
    static constexpr int kMaxRecent = 8;

    explicit SessionFileActions(const SessionFileContext &context, QObject *parent = nullptr);

    // Opens `path` in a new read-only viewer (and adds it to the recent list); the error is also
    // shown in the status bar.
    Result<SessionViewer *> openFile(const QString &path);
    // Saves the whole live log to `path`.
    Result<qsizetype> saveTo(const QString &path, bool includeDecrypted = false);
    QStringList recentFiles() const;

    QAction *openAction() const { return m_open; }
    QAction *saveAction() const { return m_save; }
    QAction *replayAction() const { return m_replay; }
    QMenu *recentMenu() const { return m_recent; }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;  // drag and drop on the window

private:
    void openWithDialog();
    void saveWithDialog();
    void replaySelected();
    void remember(const QString &path);
    void rebuildRecentMenu();

    SessionFileContext m_context;
    QAction *m_open = nullptr;
    QAction *m_save = nullptr;
    QAction *m_replay = nullptr;
    QMenu *m_recent = nullptr;
};

}  // namespace cs::ui
