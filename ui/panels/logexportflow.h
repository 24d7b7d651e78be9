#pragma once
// The log panel's export of the rows the table shows: the file dialog (NDJSON or JSON array, the
// suffix picks the format), a blocking export for callers that want the result at once, and the
// background export (LogExportJob) that reports progress and can be cancelled. Files are made
// private to the user (0600) before a byte is written.

#include "logexport.h"

#include <QObject>
#include <QPointer>

class QWidget;

namespace cs {
class LogExportJob;
class LogModel;
class LogStore;
}  // namespace cs

namespace cs::ui {

class LogExportFlow : public QObject {
    Q_OBJECT
public:
    // `model`: what the table shows (filtered; while paused, the frozen rows), in order.
    LogExportFlow(LogStore *store, LogModel *model, QWidget *dialogParent);

    Result<qsizetype> exportNow(const QString &path, ExportFormat format);
    void start(const QString &path, ExportFormat format);  // ignored while one runs
    void startWithDialog();                                // the one dialog: the file chooser
    bool isRunning() const { return m_job != nullptr; }
    void cancel();

Q_SIGNALS:
    void message(const QString &text, bool error);  // progress and outcome, for the message line
    void runningChanged(bool running);
    void finished(const cs::Result<qsizetype> &result);

private:
    QList<quint64> visibleSeqs() const;

    QPointer<LogStore> m_store;
    LogModel *m_model;
    QWidget *m_dialogParent;
    LogExportJob *m_job = nullptr;
    QString m_lastDir;
};

}  // namespace cs::ui
