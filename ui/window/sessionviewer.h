#pragma once
// An opened session file, read-only, in a window of its own: the log panel over its own store
// (filter, details pane and signature explainer work as live), a line that says which file is
// shown and that it is read-only, and Replay selected…. Nothing here connects or publishes; the
// live window stays as it was, so closing this one is the way back to live.

#include "logstore.h"
#include "sessionfile.h"

#include <QMainWindow>

class QAction;
class QLabel;

namespace cs {
class ProfileStore;
class Session;
}  // namespace cs

namespace cs::ui {

class LogPanel;

class SessionViewer : public QMainWindow {
    Q_OBJECT
public:
    // `replayTo`/`liveLog`/`live` are the live window's: replay sends with its profiles, logs
    // there and may use its connection for client events. `live` may be null.
    SessionViewer(const sessionfile::Opened &opened, ProfileStore *replayTo, LogStore *liveLog,
                  const std::function<Session *()> &live, QWidget *parent = nullptr);
    ~SessionViewer() override;

    LogStore *log() { return &m_log; }
    LogPanel *logPanel() const { return m_logPanel; }
    QLabel *banner() const { return m_banner; }
    QString path() const { return m_path; }
    QAction *replayAction() const { return m_replay; }
    bool isReadOnly() const { return true; }

private:
    LogStore m_log;
    QString m_path;
    LogPanel *m_logPanel = nullptr;
    QLabel *m_banner = nullptr;
    QAction *m_replay = nullptr;
};

// The entries of the rows selected in `panel` (every entry of a folded row), in log order.
QList<LogEntry> selectedEntries(const LogPanel *panel);

}  // namespace cs::ui
