#include "sessionfile.h"

#include "logstore.h"
#include "privatefile.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>

namespace cs::sessionfile {

namespace {

const QLatin1StringView kMarker("channelscope_session");

Error formatError(const QString &message) { return Error{ErrorCode::SessionFileFormat, message}; }

QString isoTime(qint64 ms) { return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs); }

QJsonObject headerJson(const Header &header)
{
    QJsonObject json{{kMarker, kFormatVersion},
                     {QStringLiteral("saved_at"), isoTime(header.savedAtMs)},
                     {QStringLiteral("app"),
                      header.app.isEmpty() ? QStringLiteral("channelscope " CS_VERSION_STRING) : header.app},
                     {QStringLiteral("decrypted"), header.includesDecrypted}};
    if (header.profile)
        json.insert(QStringLiteral("profile"), header.profile->toJson());
    return json;
}

Result<Header> headerFrom(const QJsonObject &json)
{
    const int version = json.value(kMarker).toInt();
    if (version < 1)
        return formatError(QStringLiteral("the header's \"channelscope_session\" is not a format version"));
    if (version > kFormatVersion)
        return formatError(QStringLiteral("written in session format %1 by a newer Channelscope; this one reads %2")
                               .arg(version)
                               .arg(kFormatVersion));
    Header header;
    header.savedAtMs =
        QDateTime::fromString(json.value(QStringLiteral("saved_at")).toString(), Qt::ISODateWithMs).toMSecsSinceEpoch();
    header.app = json.value(QStringLiteral("app")).toString();
    header.includesDecrypted = json.value(QStringLiteral("decrypted")).toBool();
    if (const QJsonValue profile = json.value(QStringLiteral("profile")); profile.isObject())
        header.profile = ProfileSummary::fromJson(profile.toObject());
    return header;
}

// Collects entries and the lines that could not be read.
struct Reader {
    Opened opened;
    qsizetype lineNumber = 0;

    void skip(const QString &why)
    {
        if (opened.skippedLines++ == 0)
            opened.firstProblem = QStringLiteral("line %1: %2").arg(lineNumber).arg(why);
    }

    // One JSON value of the file; `first` says whether a header may stand here.
    std::optional<Error> take(const QJsonValue &value, bool first)
    {
        if (!value.isObject()) {
            skip(QStringLiteral("not a JSON object"));
            return std::nullopt;
        }
        const QJsonObject object = value.toObject();
        if (object.contains(kMarker)) {
            if (!first)
                return formatError(QStringLiteral("line %1: a second session header").arg(lineNumber));
            auto header = headerFrom(object);
            if (!header)
                return header.error();
            opened.header = *header;
            return std::nullopt;
        }
        auto entry = entryFromLine(object);
        if (!entry) {
            skip(entry.error().message);
            return std::nullopt;
        }
        opened.entries.append(std::move(entry.value()));
        return std::nullopt;
    }

    std::optional<Error> takeText(const QByteArray &line, bool first)
    {
        QJsonParseError error{};
        const QJsonDocument doc = QJsonDocument::fromJson(line, &error);
        if (error.error != QJsonParseError::NoError) {
            skip(QStringLiteral("not JSON (%1 at byte %2)").arg(error.errorString()).arg(error.offset));
            return std::nullopt;
        }
        return take(doc.isObject() ? QJsonValue(doc.object()) : QJsonValue(doc.array()), first);
    }
};

// Reads past the rest of an overlong line.
void skipRestOfLine(QFile &file)
{
    while (!file.atEnd()) {
        const QByteArray part = file.readLine(1 << 20);
        if (part.endsWith('\n'))
            return;
    }
}

std::optional<Error> readArray(QFile &file, Reader &reader)
{
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &error);
    if (error.error != QJsonParseError::NoError || !doc.isArray())
        return formatError(QStringLiteral("a JSON array that does not parse (%1 at byte %2)")
                               .arg(error.errorString())
                               .arg(error.offset));
    const QJsonArray array = doc.array();
    for (const QJsonValue &value : array) {
        ++reader.lineNumber;  // the element's position, counted from 1
        if (auto failed = reader.take(value, false))
            return failed;
    }
    return std::nullopt;
}

std::optional<Error> readLines(QFile &file, Reader &reader)
{
    bool first = true;
    while (!file.atEnd()) {
        QByteArray line = file.readLine(kMaxLineBytes + 1);
        ++reader.lineNumber;
        if (line.size() > kMaxLineBytes && !line.endsWith('\n')) {
            reader.skip(QStringLiteral("longer than %1 MiB").arg(kMaxLineBytes >> 20));
            skipRestOfLine(file);
            first = false;
            continue;
        }
        if (line.trimmed().isEmpty())
            continue;
        if (auto failed = reader.takeText(line, first))
            return failed;
        first = false;
    }
    return std::nullopt;
}

}  // namespace

ProfileSummary ProfileSummary::from(const QString &name, const Credentials &c)
{
    return ProfileSummary{name, c.appId, c.key, c.cluster, c.host, c.port, c.tls, c.restHost, c.pathPrefix};
}

Credentials ProfileSummary::credentials() const
{
    Credentials c;
    c.appId = appId;
    c.key = key;
    c.cluster = cluster;
    c.host = host;
    c.port = port;
    c.tls = tls;
    c.restHost = restHost;
    c.pathPrefix = pathPrefix;
    return c;
}

QJsonObject ProfileSummary::toJson() const
{
    QJsonObject json{{QStringLiteral("name"), name},
                     {QStringLiteral("app_id"), appId},
                     {QStringLiteral("key"), key},
                     {QStringLiteral("tls"), tls}};
    auto put = [&json](const char *name, const QString &value) {
        if (!value.isEmpty())
            json.insert(QLatin1StringView(name), value);
    };
    put("cluster", cluster);
    put("host", host);
    put("rest_host", restHost);
    put("path_prefix", pathPrefix);
    if (port != 0)
        json.insert(QStringLiteral("port"), int(port));
    return json;
}

ProfileSummary ProfileSummary::fromJson(const QJsonObject &json)
{
    ProfileSummary p;
    p.name = json.value(QStringLiteral("name")).toString();
    p.appId = json.value(QStringLiteral("app_id")).toString();
    p.key = json.value(QStringLiteral("key")).toString();
    p.cluster = json.value(QStringLiteral("cluster")).toString();
    p.host = json.value(QStringLiteral("host")).toString();
    const int port = json.value(QStringLiteral("port")).toInt();
    p.port = port > 0 && port < 65536 ? quint16(port) : 0;
    p.tls = json.value(QStringLiteral("tls")).toBool(true);
    p.restHost = json.value(QStringLiteral("rest_host")).toString();
    p.pathPrefix = json.value(QStringLiteral("path_prefix")).toString();
    return p;
}

Result<std::unique_ptr<Writer>> Writer::create(const QString &path, const Header &header, const SaveOptions &options)
{
    std::unique_ptr<Writer> writer(new Writer);
    writer->m_options = options;
    writer->m_file.setFileName(path);
    if (!writer->m_file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return Error{ErrorCode::SessionFileWrite,
                     QStringLiteral("cannot write %1: %2").arg(path, writer->m_file.errorString())};
    restrictToOwner(writer->m_file);
    Header written = header;
    written.includesDecrypted = options.includeDecrypted;
    if (written.savedAtMs == 0)
        written.savedAtMs = QDateTime::currentMSecsSinceEpoch();
    if (Status s = writer->writeLine(headerJson(written)); !s)
        return s.error();
    return writer;
}

Status Writer::add(const LogEntry &entry)
{
    if (Status s = writeLine(lineFor(entry, m_options)); !s)
        return s;
    ++m_count;
    return {};
}

Status Writer::writeLine(const QJsonObject &line)
{
    if (!m_file.isOpen())
        return Error{ErrorCode::SessionFileWrite, QStringLiteral("the session file is closed")};
    QByteArray bytes = QJsonDocument(line).toJson(QJsonDocument::Compact);
    bytes += '\n';
    if (m_file.write(bytes) != bytes.size())
        return Error{ErrorCode::SessionFileWrite,
                     QStringLiteral("could not write %1: %2").arg(m_file.fileName(), m_file.errorString())};
    return {};
}

Status Writer::flush()
{
    if (m_file.isOpen() && !m_file.flush())
        return Error{ErrorCode::SessionFileWrite,
                     QStringLiteral("could not write %1: %2").arg(m_file.fileName(), m_file.errorString())};
    return {};
}

Status Writer::finish()
{
    Status flushed = flush();
    m_file.close();
    return flushed;
}

Result<qsizetype> save(const LogStore &store, const QString &path, const Header &header, const SaveOptions &options)
{
    auto writer = Writer::create(path, header, options);
    if (!writer)
        return writer.error();
    for (qsizetype row = 0; row < store.size(); ++row) {
        if (Status s = (*writer)->add(store.at(row)); !s)
            return s.error();
    }
    if (Status s = (*writer)->finish(); !s)
        return s.error();
    return (*writer)->count();
}

Result<Opened> open(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error{ErrorCode::SessionFileOpen, QStringLiteral("cannot open %1: %2").arg(path, file.errorString())};
    Reader reader;
    reader.opened.path = path;
    // An exported JSON array starts with '[' (after white space); everything else is read as lines.
    const QByteArray start = file.peek(4096).trimmed();
    const std::optional<Error> failed = start.startsWith('[') ? readArray(file, reader) : readLines(file, reader);
    if (failed)
        return Error{failed->code, QStringLiteral("%1: %2").arg(path, failed->message)};
    Opened &opened = reader.opened;
    if (opened.entries.isEmpty() && !opened.header) {
        const QString why = opened.skippedLines > 0 ? opened.firstProblem : QStringLiteral("the file is empty");
        return formatError(QStringLiteral("%1 is not a session file nor a log in NDJSON: %2").arg(path, why));
    }
    return std::move(opened);
}

void loadInto(const Opened &opened, LogStore &store)
{
    if (store.cap() < opened.entries.size())
        store.setCap(opened.entries.size());
    for (const LogEntry &entry : opened.entries)
        store.append(entry);
    store.flush();
}

}  // namespace cs::sessionfile
