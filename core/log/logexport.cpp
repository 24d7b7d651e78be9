#include "logexport.h"

#include "entryjson.h"
#include "logstore.h"
#include "redact.h"

#include <QFileDevice>
#include <QIODevice>
#include <QJsonObject>

namespace cs {

namespace {

constexpr qsizetype kChunkBytes = 64 * 1024;  // written to the device in pieces of about this size

// What an export writes for an entry: its toJson() line, with the details of local, REST and auth
// entries passed through the same credential masking as the log (headers, bodies, URLs).
void appendExported(QByteArray &out, const LogEntry &entry)
{
    if (entry.isFrame()) {
        appendEntryJson(out, entry);
        return;
    }
    QJsonValue details = entry.data();
    if (details.isObject())
        details = redactDetails(details.toObject());
    appendEntryJson(out, entry, {&details, nullptr});
}

std::optional<Error> checkDevice(const QIODevice *out)
{
    if (!out)
        return Error{ErrorCode::ExportNoDevice, QStringLiteral("nothing to write the export to")};
    if (!out->isOpen() || !out->isWritable()) {
        QString message = QStringLiteral("the export's file is not open for writing");
        const QString reason = out->errorString();
        if (!reason.isEmpty() && reason != QLatin1StringView("Unknown error"))
            message += QStringLiteral(": ") + reason;
        return Error{ErrorCode::ExportNotWritable, message};
    }
    return std::nullopt;
}

}  // namespace

ExportWriter::ExportWriter(QIODevice *out, ExportFormat format) : m_out(out), m_format(format)
{
    m_buffer.reserve(kChunkBytes + 4096);
    if (m_format == ExportFormat::JsonArray)
        m_buffer += "[\n";
}

bool ExportWriter::add(const LogEntry &entry)
{
    if (m_format == ExportFormat::JsonArray && m_count > 0)
        m_buffer += ",\n";
    appendExported(m_buffer, entry);
    if (m_format == ExportFormat::Ndjson)
        m_buffer += '\n';
    ++m_count;
    return m_buffer.size() < kChunkBytes || writeBuffer();
}

Result<qsizetype> ExportWriter::finish()
{
    if (m_format == ExportFormat::JsonArray)
        m_buffer += m_count > 0 ? "\n]\n" : "]\n";
    if (!writeBuffer())
        return m_error;
    // A file's own buffer may still hold the end: its write error (disk full) shows here.
    if (auto *file = qobject_cast<QFileDevice *>(m_out); file && !file->flush())
        return failure();
    return m_count;
}

bool ExportWriter::writeBuffer()
{
    const char *data = m_buffer.constData();
    qsizetype left = m_buffer.size();
    while (left > 0) {
        const qint64 written = m_out->write(data, left);
        if (written <= 0) {
            m_error = failure();
            return false;
        }
        data += written;
        left -= qsizetype(written);
    }
    m_buffer.clear();
    return true;
}

Error ExportWriter::failure() const
{
    const QString reason = m_out->errorString();
    return Error{ErrorCode::ExportWriteFailed, QStringLiteral("could not write the export: %1")
                                                   .arg(reason.isEmpty() ? QStringLiteral("unknown error") : reason)};
}

Result<qsizetype> exportEntries(const LogStore &store, const QList<quint64> &seqs, ExportFormat format, QIODevice *out)
{
    if (auto error = checkDevice(out))
        return *error;
    ExportWriter writer(out, format);
    for (const quint64 seq : seqs) {
        const quint64 first = store.firstSeq();
        if (seq < first || seq - first >= quint64(store.size()))
            continue;  // evicted meanwhile (or never held)
        if (!writer.add(store.at(qsizetype(seq - first))))
            return writer.error();
    }
    return writer.finish();
}

Result<qsizetype> exportAll(const LogStore &store, ExportFormat format, QIODevice *out)
{
    if (auto error = checkDevice(out))
        return *error;
    ExportWriter writer(out, format);
    for (qsizetype row = 0; row < store.size(); ++row) {
        if (!writer.add(store.at(row)))
            return writer.error();
    }
    return writer.finish();
}

}  // namespace cs
