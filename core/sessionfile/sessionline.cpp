#include "sessionline.h"

#include "redact.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>

namespace cs::sessionfile {

namespace {

const QLatin1StringView kRaw("raw");
const QLatin1StringView kData("data");
const QLatin1StringView kMessage("message");

QByteArray compact(const QJsonValue &value)
{
    if (value.isObject())
        return QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact);
    if (value.isArray())
        return QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact);
    return {};
}

LineProblem problem(const QString &message, bool unknownKind = false)
{
    LineProblem result;
    result.code = ErrorCode::SessionFileFormat;
    result.message = message;
    result.unknownKind = unknownKind;
    return result;
}

}  // namespace

QJsonObject lineFor(const LogEntry &entry, const SaveOptions &options)
{
    QJsonObject line = entry.toJson();
    if (entry.isFrame()) {
        // toJson() leaves out the message of a frame; an undecodable frame says there why.
        if (!entry.message.isEmpty())
            line.insert(kMessage, entry.message);
        return line;
    }
    const QJsonValue data = line.value(kData);
    if (!data.isObject()) {
        // An array or nothing: there are no credential members to mask by name.
        if (data.isArray())
            line.insert(kRaw, QString::fromUtf8(entry.raw));
        return line;
    }
    QJsonObject details = redactDetails(data.toObject());
    if (details.value(QLatin1StringView("decrypted")).toBool() && !options.includeDecrypted
        && details.contains(kData)) {
        details.remove(kData);
        details.insert(QLatin1StringView("data_omitted"), true);
    }
    line.insert(kData, details);
    // The exact bytes when nothing was masked or left out; else "data" is the whole truth.
    if (details == data.toObject())
        line.insert(kRaw, QString::fromUtf8(entry.raw));
    return line;
}

Result<LogEntry, LineProblem> entryFromLine(const QJsonObject &line)
{
    LogEntry entry;
    const QJsonValue dir = line.value(QLatin1StringView("dir"));
    if (!dir.isString() || !parseDirection(dir.toString(), &entry.direction))
        return problem(QStringLiteral("\"dir\" must be \"in\", \"out\" or \"local\""));
    const QJsonValue kind = line.value(QLatin1StringView("kind"));
    if (!kind.isString())
        return problem(QStringLiteral("\"kind\" is missing"));
    if (!parseEntryKind(kind.toString(), &entry.kind))
        return problem(QStringLiteral("unknown kind \"%1\"").arg(kind.toString()), true);

    const QJsonValue seq = line.value(QLatin1StringView("seq"));
    if (!seq.isUndefined() && (!seq.isDouble() || seq.toDouble() < 0))
        return problem(QStringLiteral("\"seq\" must be a number"));
    entry.seq = quint64(seq.toInteger());
    const QJsonValue time = line.value(QLatin1StringView("time"));
    if (!time.isUndefined()) {
        const QDateTime when = QDateTime::fromString(time.toString(), Qt::ISODateWithMs);
        if (!when.isValid())
            return problem(QStringLiteral("\"time\" is not an ISO 8601 time"));
        entry.timeMs = when.toMSecsSinceEpoch();
    }
    entry.connection = line.value(QLatin1StringView("connection")).toString();
    entry.channel = line.value(QLatin1StringView("channel")).toString();
    entry.event = line.value(QLatin1StringView("event")).toString();
    entry.userId = line.value(QLatin1StringView("user_id")).toString();
    entry.socketId = line.value(QLatin1StringView("socket_id")).toString();
    entry.message = line.value(kMessage).toString();

    const QJsonValue raw = line.value(kRaw);
    if (raw.isString())
        entry.raw = raw.toString().toUtf8();
    else if (!raw.isUndefined())
        return problem(QStringLiteral("\"raw\" must be a string"));
    else if (entry.isFrame())
        return problem(QStringLiteral("a frame without its \"raw\" bytes"));
    else
        entry.raw = compact(line.value(kData));  // a listen/export line: the details as shown
    return entry;
}

}  // namespace cs::sessionfile
