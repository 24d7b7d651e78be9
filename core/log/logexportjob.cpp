#include "logexportjob.h"

#include "logentry.h"
#include "logstore.h"
#include "privatefile.h"

#include <QDir>
#include <QElapsedTimer>
#include <QSaveFile>
#include <QThread>

#include <optional>
#include <vector>

namespace cs {

namespace {

constexpr int kSliceMs = 8;                // the store's thread copies for at most this long per turn
constexpr qsizetype kSliceEntries = 4096;  // and at most this many entries
constexpr int kMaxSlicesInFlight = 4;      // copied but not yet written: bounds the memory
constexpr int kThrottledIntervalMs = 5;    // while the writer catches up

Error cancelledError()
{
    return Error{ErrorCode::ExportCancelled, QStringLiteral("the export was cancelled; no file was written")};
}

}  // namespace

// The file side, on the worker thread.
struct LogExportJob::Sink : QObject {
    std::unique_ptr<QSaveFile> file;
    std::optional<ExportWriter> writer;
    std::optional<Error> error;

    void open(const QString &path, ExportFormat format)
    {
        file = std::make_unique<QSaveFile>(path);
        if (!file->open(QIODevice::WriteOnly)) {
            error =
                Error{ErrorCode::ExportOpen,
                      QStringLiteral("cannot write %1: %2").arg(QDir::toNativeSeparators(path), file->errorString())};
            return;
        }
        // An export holds the user's traffic: theirs alone (0600) before a byte is written.
        if (!restrictToOwner(*file)) {
            error = Error{ErrorCode::ExportPermissions,
                          QStringLiteral("cannot make %1 private to you (0600)").arg(QDir::toNativeSeparators(path))};
            file->cancelWriting();
            return;
        }
        writer.emplace(file.get(), format);
    }

    void write(const std::vector<LogEntry> &entries)
    {
        if (error || !writer)
            return;
        for (const LogEntry &entry : entries) {
            if (!writer->add(entry)) {
                error = writer->error();
                return;
            }
        }
    }

    Result<qsizetype> finish(const std::atomic<bool> &cancelled)
    {
        if (!error && writer) {
            const Result<qsizetype> written = writer->finish();
            if (!written)
                error = written.error();
            else if (cancelled)  // cancelled while the last slices were written: no file
                error = cancelledError();
            else if (file->commit())
                return written;
            else
                error = Error{ErrorCode::ExportWrite,
                              QStringLiteral("cannot write %1: %2")
                                  .arg(QDir::toNativeSeparators(file->fileName()), file->errorString())};
        }
        abort();
        return *error;
    }

    void abort()
    {
        if (file)
            file->cancelWriting();
    }
};

LogExportJob::LogExportJob(LogStore *store, QList<quint64> seqs, ExportFormat format, QString path, QObject *parent)
    : QObject(parent),
      m_store(store),
      m_seqs(std::move(seqs)),
      m_format(format),
      m_path(std::move(path)),
      m_inFlight(std::make_shared<std::atomic<int>>(0)),
      m_cancelled(std::make_shared<std::atomic<bool>>(false))
{
    m_pump.setParent(this);
    m_pump.setInterval(0);
    connect(&m_pump, &QTimer::timeout, this, &LogExportJob::copySlice);
}

LogExportJob::~LogExportJob()
{
    *m_cancelled = true;
    m_pump.stop();
    if (m_thread) {
        QMetaObject::invokeMethod(
            m_sink, [sink = m_sink] { sink->abort(); }, Qt::QueuedConnection);
        m_thread->quit();
        m_thread->wait();
        delete m_sink;
    }
}

void LogExportJob::start()
{
    if (m_running || m_thread)
        return;
    m_running = true;
    m_thread = new QThread(this);
    m_thread->setObjectName(QStringLiteral("cs-export"));
    m_sink = new Sink;
    m_sink->moveToThread(m_thread);
    m_thread->start();
    QMetaObject::invokeMethod(
        m_sink, [sink = m_sink, path = m_path, format = m_format] { sink->open(path, format); }, Qt::QueuedConnection);
    m_pump.start();
}

void LogExportJob::cancel()
{
    if (!m_running)
        return;
    *m_cancelled = true;
    finish(cancelledError());
}

void LogExportJob::copySlice()
{
    if (*m_inFlight >= kMaxSlicesInFlight) {
        m_pump.setInterval(kThrottledIntervalMs);  // let the writer catch up without spinning
        return;
    }
    m_pump.setInterval(0);
    if (!m_store) {
        finish(Error{ErrorCode::ExportNoLog, QStringLiteral("the log went away during the export")});
        return;
    }
    std::vector<LogEntry> slice;
    slice.reserve(std::size_t(kSliceEntries));
    QElapsedTimer clock;
    clock.start();
    const qsizetype total = m_seqs.size();
    while (m_next < total && qsizetype(slice.size()) < kSliceEntries && clock.elapsed() < kSliceMs) {
        const quint64 seq = m_seqs[m_next++];
        const quint64 first = m_store->firstSeq();
        if (seq >= first && seq - first < quint64(m_store->size()))  // else evicted meanwhile
            slice.push_back(m_store->at(qsizetype(seq - first)));
    }
    ++*m_inFlight;
    QMetaObject::invokeMethod(
        m_sink,
        [sink = m_sink, slice = std::move(slice), inFlight = m_inFlight, cancelled = m_cancelled] {
            if (!*cancelled)
                sink->write(slice);
            --*inFlight;
        },
        Qt::QueuedConnection);
    Q_EMIT progress(m_next, total);
    if (m_next < total || m_finishPosted)
        return;
    m_pump.stop();
    m_finishPosted = true;
    QMetaObject::invokeMethod(
        m_sink,
        [this, sink = m_sink, cancelled = m_cancelled] {
            if (*cancelled)
                return;
            const Result<qsizetype> result = sink->finish(*cancelled);
            // Back on the job's thread; dropped if the job is gone by then.
            QMetaObject::invokeMethod(
                this, [this, result] { finish(result); }, Qt::QueuedConnection);
        },
        Qt::QueuedConnection);
}

void LogExportJob::finish(const Result<qsizetype> &result)
{
    if (!m_running)
        return;
    m_running = false;
    m_pump.stop();
    if (m_thread) {
        if (!result)
            QMetaObject::invokeMethod(
                m_sink, [sink = m_sink] { sink->abort(); }, Qt::QueuedConnection);
        m_thread->quit();
        m_thread->wait();  // at most the slice being written
        delete m_sink;
        m_sink = nullptr;
        delete m_thread;
        m_thread = nullptr;
    }
    Q_EMIT finished(result);
}

}  // namespace cs
