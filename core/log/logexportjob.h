#pragma once
// An export that never holds up the store's thread (the GUI thread in the app): entries are
// copied out of the store in slices of a few milliseconds, and serialized and written to the
// file on a worker thread. Memory stays bounded (a few slices in flight). The file is written
// through QSaveFile: it appears whole when the export succeeds and not at all otherwise.
// Entries evicted before their slice was copied are skipped, as in exportEntries().

#include "logexport.h"

#include <QObject>
#include <QPointer>
#include <QTimer>

#include <atomic>
#include <memory>

class QThread;

namespace cs {

class LogStore;

class LogExportJob : public QObject {
    Q_OBJECT
public:
    LogExportJob(LogStore *store, QList<quint64> seqs, ExportFormat format, QString path, QObject *parent = nullptr);
    ~LogExportJob() override;  // cancels a running export and waits for its worker

    void start();
    // Stops at the next slice; finished() then reports the code "export-cancelled".
    void cancel();
    bool isRunning() const { return m_running; }
    qsizetype total() const { return m_seqs.size(); }
    QString path() const { return m_path; }

Q_SIGNALS:
    void progress(qsizetype copied, qsizetype total);
    // Exactly once: the entries written, or why nothing was.
    void finished(const cs::Result<qsizetype> &result);

private:
    struct Sink;
    void copySlice();
    void finish(const Result<qsizetype> &result);

    QPointer<LogStore> m_store;
    QList<quint64> m_seqs;
    ExportFormat m_format;
    QString m_path;
    qsizetype m_next = 0;                          // index into m_seqs of the next entry to copy
    std::shared_ptr<std::atomic<int>> m_inFlight;  // slices posted but not yet written
    std::shared_ptr<std::atomic<bool>> m_cancelled;
    QThread *m_thread = nullptr;
    Sink *m_sink = nullptr;  // lives on m_thread
    QTimer m_pump;
    bool m_running = false;
    bool m_finishPosted = false;
};

}  // namespace cs
