#pragma once
// The event log panel: a Wireshark-like list over the core log store (cs::LogModel, styled by
// LogStyleProxy), the filter bar, a toolbar (pause/resume with the pending count, clear, follow
// newest, fold keepalives, copy row/payload, export of the visible rows), the details of the
// selected entry, and a note over the empty table that says what to do (logemptystate.h).
//
// Follow newest means it: while checked, new rows scroll into view whatever is selected or
// filtered (a selection stays selected and in the details pane). Scrolling up unchecks it, so the
// button never claims to follow a view that stays put; scrolling back to the bottom checks it again.
//
// Fold keepalives (on by default; the main window keeps the choice): runs of pusher:ping,
// pusher:pong and their timer lines become one row (LogModel). Double-click or Enter on it, or its
// context menu, shows its entries. Copy and export write every entry a folded row stands for.
//
// Built for a million rows: fixed row heights, no per-row widgets, no column sizing from data,
// and nothing here walks the model when a batch arrives.
//
// This file wires the view to the store; the pieces live beside it: the actions and toolbar
// (logactions.h), the table setup (logtablesetup.h), the export flow (logexportflow.h), copying
// and the row menu (logrowactions.h), the size limits (loglimitscontroller.h).
//
// Shortcuts (QActions from actions(), for the main window's menus and toolbar):
//   focusFilter Ctrl+F, clear Ctrl+L, pause Ctrl+P: window-wide (Qt::WindowShortcut);
//   copyRow Ctrl+C, copyPayload Ctrl+Shift+C: only while the table has focus;
//   follow, foldKeepalives, exportVisible and logLimit: no shortcut.

#include "logactions.h"
#include "logexport.h"
#include "loglimitscontroller.h"
#include "logrowactions.h"

#include <QList>
#include <QPointer>
#include <QTimer>
#include <QWidget>

class QAction;
class QLabel;
class QSplitter;
class QTableView;
class QToolButton;

namespace cs {
class LogFilter;
class LogModel;
class LogStore;
}  // namespace cs

namespace cs::ui {

class DetailsPane;
class FilterBar;
class LogEmptyState;
class LogElidedLabel;
class LogExportFlow;
class LogStyleProxy;

class LogPanel : public QWidget {
    Q_OBJECT
public:
    explicit LogPanel(LogStore *store, QWidget *parent = nullptr);
    ~LogPanel() override;

    LogStore *store() const;
    LogModel *model() const { return m_model; }
    LogStyleProxy *styleProxy() const { return m_proxy; }
    QTableView *view() const { return m_view; }
    DetailsPane *details() const { return m_details; }
    FilterBar *filterBar() const { return m_filterBar; }
    QSplitter *splitter() const { return m_splitter; }

    // Selects the shown rows whose entries have seq in [first, end) (a scenario step's entries),
    // makes the first one current and scrolls to it; false when none of them is shown. Stops
    // following newest, so that the selection stays in view.
    bool selectSeqRange(quint64 first, quint64 end);

    // Sets the filter text and applies it at once.
    void setFilterText(const QString &text);
    QString filterText() const;

    // Writes the entries the table shows now (filtered; while paused, the frozen rows; a folded
    // keepalive row gives every entry it stands for), in order.
    Result<qsizetype> exportVisible(const QString &path, ExportFormat format);
    // The same in the background (LogExportJob): the window stays responsive, the message line
    // shows the progress, and the export action cancels it. exportFinished() reports the outcome.
    void startExport(const QString &path, ExportFormat format);
    bool isExporting() const;
    void cancelExport();

    // focusFilter, clear, pause, follow, foldKeepalives, copyRow, copyPayload, exportVisible, logLimit
    // (in that order).
    QList<QAction *> actions() const;
    QAction *focusFilterAction() const { return m_actions.focusFilter; }
    QAction *clearAction() const { return m_actions.clear; }
    QAction *pauseAction() const { return m_actions.pause; }
    QAction *followAction() const { return m_actions.follow; }
    QAction *foldKeepalivesAction() const { return m_actions.foldKeepalives; }
    QAction *copyRowAction() const { return m_actions.copyRow; }
    QAction *copyPayloadAction() const { return m_actions.copyPayload; }
    QAction *exportAction() const { return m_actions.exportVisible; }
    QAction *logLimitAction() const { return m_actions.logLimit; }

    // The store's cap: the newest `cap` entries are kept, older ones evicted first (at once when
    // lowering it). Clamped to [kMinLogCap, kMaxLogCap].
    static constexpr qsizetype kMinLogCap = LogLimitsController::kMinCap;
    static constexpr qsizetype kMaxLogCap = LogLimitsController::kMaxCap;
    void setLogCap(qsizetype cap);
    // The store's byte budget, likewise (see LogStore). Clamped to [kMinLogBytes, kMaxLogBytes].
    static constexpr qint64 kMinLogBytes = LogLimitsController::kMinBytes;
    static constexpr qint64 kMaxLogBytes = LogLimitsController::kMaxBytes;
    void setLogByteBudget(qint64 bytes);

    bool isPaused() const;
    void setPaused(bool paused);
    bool isFollowing() const;  // the Follow newest toggle (unchecked by scrolling up, see above)
    void setFollowing(bool follow);
    bool foldsKeepalives() const;
    void setFoldKeepalives(bool fold);
    LogEmptyState *emptyState() const { return m_emptyState; }

    QString statusText() const;  // "N shown of M (K evicted)", and which limit bit
    QString lastMessage() const { return m_lastMessage; }

    // Copies the selected rows as NDJSON lines (at most kMaxCopyRows), or the current entry's data.
    static constexpr int kMaxCopyRows = LogRowActions::kMaxCopyRows;
    void copySelectedRows();
    void copyPayload();
    // Adds an action at the end of the rows' context menu (the window's "Replay selected…").
    void addRowMenuAction(QAction *action);

public Q_SLOTS:
    void clearLog();
    void exportVisibleWithDialog();  // the one dialog: the file chooser
    void setLogCapWithDialog();
    void scrollToNewest();

Q_SIGNALS:
    // A routine outcome or error in one line (export done/failed, copy, invalid filter); also
    // shown inline in the panel. The main window may put it in its status bar.
    void statusMessage(const QString &message);
    void currentEntryChanged(quint64 seq);
    void logCapChanged(qsizetype cap);        // set by the user; the main window keeps it in its settings
    void logByteBudgetChanged(qint64 bytes);  // likewise
    void foldKeepalivesChanged(bool fold);    // the Fold keepalives toggle changed; likewise
    void exportFinished(const cs::Result<qsizetype> &result);

protected:
    void changeEvent(QEvent *event) override;

private:
    void buildActions();
    void buildLayout();
    void configureView();
    void onFilterChanged(const LogFilter &filter);
    bool reselect(quint64 seq);
    void onRowsInserted();
    void onCurrentRowChanged();
    void updatePauseText();
    void scheduleStatusUpdate();
    void updateStatus();
    void showMessage(const QString &text, bool error = false);
    void applyPalette();
    void onUserScrolled(int value);
    void setFollowChecked(bool follow);  // by scrolling, not by the user's click
    void expandRow(const QModelIndex &proxyIndex);
    void updateEmptyState();
    void updateCopyActions();

    QPointer<LogStore> m_store;
    LogModel *m_model;
    LogStyleProxy *m_proxy;
    FilterBar *m_filterBar;
    QTableView *m_view;
    DetailsPane *m_details;
    QSplitter *m_splitter;
    QLabel *m_statusLabel;
    LogElidedLabel *m_messageLabel;
    LogEmptyState *m_emptyState;

    LogActions m_actions;
    LogExportFlow *m_export;
    LogRowActions *m_rows;
    LogLimitsController *m_limits;
    QTimer m_statusTimer;
    QTimer m_messageTimer;
    QString m_lastMessage;
    bool m_statusDirty = false;
    bool m_heldByScroll = false;   // Follow newest was unchecked by scrolling up, not by a click
    bool m_settingFollow = false;  // setFollowChecked() at work
    bool m_scrolling = false;      // our own scrolling (or a reset), not the user's
};

}  // namespace cs::ui
