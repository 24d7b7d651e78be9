#include "logexportflow.h"

#include "logexportjob.h"
#include "logmodel.h"
#include "logstore.h"
#include "privatefile.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QLocale>
#include <QSaveFile>

namespace cs::ui {

LogExportFlow::LogExportFlow(LogStore *store, LogModel *model, QWidget *dialogParent)
    : QObject(dialogParent),
      m_store(store),
      m_model(model),
      m_dialogParent(dialogParent)
{}

// Every entry the rows stand for: a folded keepalive row gives all of its entries.
QList<quint64> LogExportFlow::visibleSeqs() const { return m_model->entrySeqs(); }

Result<qsizetype> LogExportFlow::exportNow(const QString &path, ExportFormat format)
{
    if (!m_store)
        return Error{ErrorCode::NoLog, tr("there is no log to export")};
    const QList<quint64> seqs = visibleSeqs();

    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return Error{ErrorCode::ExportOpen,
                     tr("cannot write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString())};
    if (!restrictToOwner(file)) {  // the user's traffic: 0600 before a byte is written
        file.cancelWriting();
        return Error{ErrorCode::ExportPermissions,
                     tr("cannot make %1 private to you (0600)").arg(QDir::toNativeSeparators(path))};
    }
    Result<qsizetype> written = exportEntries(*m_store, seqs, format, &file);
    if (!written) {
        file.cancelWriting();
        return written;
    }
    if (!file.commit())
        return Error{ErrorCode::ExportWrite,
                     tr("cannot write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString())};
    return written;
}

void LogExportFlow::startWithDialog()
{
    const QString ndjsonFilter = tr("NDJSON, one entry per line (*.ndjson *.jsonl)");
    const QString jsonFilter = tr("JSON array (*.json)");
    if (m_lastDir.isEmpty())
        m_lastDir = QDir::homePath();
    QString selected = ndjsonFilter;
    QString path = QFileDialog::getSaveFileName(m_dialogParent, tr("Export visible log rows"),
                                                QDir(m_lastDir).filePath(QStringLiteral("channelscope-log.ndjson")),
                                                ndjsonFilter + QStringLiteral(";;") + jsonFilter, &selected);
    if (path.isEmpty())
        return;
    const QString suffix = QFileInfo(path).suffix().toLower();
    ExportFormat format = selected == jsonFilter ? ExportFormat::JsonArray : ExportFormat::Ndjson;
    if (suffix == QLatin1String("json"))
        format = ExportFormat::JsonArray;
    else if (suffix == QLatin1String("ndjson") || suffix == QLatin1String("jsonl"))
        format = ExportFormat::Ndjson;
    else if (suffix.isEmpty())
        path += format == ExportFormat::JsonArray ? QStringLiteral(".json") : QStringLiteral(".ndjson");
    m_lastDir = QFileInfo(path).absolutePath();

    start(path, format);
}

void LogExportFlow::start(const QString &path, ExportFormat format)
{
    if (!m_store || isRunning())
        return;
    m_job = new LogExportJob(m_store, visibleSeqs(), format, path, this);
    connect(m_job, &LogExportJob::progress, this, [this](qsizetype copied, qsizetype total) {
        const QLocale locale;
        Q_EMIT message(tr("Exporting… %1 of %2 entries (click Cancel export to stop)")
                           .arg(locale.toString(qlonglong(copied)), locale.toString(qlonglong(total))),
                       false);
    });
    connect(m_job, &LogExportJob::finished, this, [this, path](const Result<qsizetype> &result) {
        m_job->deleteLater();
        m_job = nullptr;
        Q_EMIT runningChanged(false);
        if (result)
            Q_EMIT message(tr("Exported %1 entries to %2")
                               .arg(QLocale().toString(qlonglong(*result)), QDir::toNativeSeparators(path)),
                           false);
        else
            Q_EMIT message(tr("Export failed: %1").arg(result.error().message), true);
        Q_EMIT finished(result);
    });
    Q_EMIT runningChanged(true);
    m_job->start();
}

void LogExportFlow::cancel()
{
    if (m_job)
        m_job->cancel();
}

}  // namespace cs::ui
