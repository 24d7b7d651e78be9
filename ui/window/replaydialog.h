#pragma once
// "Replay selected…": the selected log entries sent again to a chosen profile, in order, fast or
// with their original spacing (core/sessionfile/replay.h). Channel events and REST triggers go out
// as REST triggers with the profile's credentials; client events through the live connection when
// it is connected (else they are left out). The requests are logged in `log` (the live log), so
// the user sees what was sent; the dialog shows the progress and stays open until closed.

#include "logentry.h"
#include "replay.h"

#include <QDialog>
#include <QPointer>

#include <memory>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QProgressBar;

namespace cs {
class LogStore;
class ProfileStore;
class RestClient;
class Session;
}  // namespace cs

namespace cs::ui {

class ReplayDialog : public QDialog {
    Q_OBJECT
public:
    ReplayDialog(const QList<LogEntry> &entries, ProfileStore *profiles, Session *live, LogStore *log,
                 QWidget *parent = nullptr);
    ~ReplayDialog() override;

    QComboBox *profileCombo() const { return m_profile; }
    QComboBox *timingCombo() const { return m_timing; }
    QLabel *summaryLabel() const { return m_summary; }
    // Starts sending (the dialog's Replay button); false with the reason shown when it cannot.
    bool start();
    bool isRunning() const;
    int sentCount() const { return m_sent; }
    int failedCount() const { return m_failed; }

Q_SIGNALS:
    void replayFinished(int sent, int failed);

private:
    replay::Plan currentPlan() const;
    void updateSummary();

    QList<LogEntry> m_entries;
    ProfileStore *m_profiles;
    QPointer<Session> m_live;
    LogStore *m_log;
    QComboBox *m_profile;
    QComboBox *m_timing;
    QCheckBox *m_clientEvents;
    QLabel *m_summary;
    QProgressBar *m_progress;
    QDialogButtonBox *m_buttons;
    std::unique_ptr<RestClient> m_rest;
    std::unique_ptr<replay::Replayer> m_replayer;
    int m_sent = 0;
    int m_failed = 0;
};

}  // namespace cs::ui
