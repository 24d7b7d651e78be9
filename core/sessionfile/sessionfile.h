#pragma once
// Session files: the whole log in one file, opened again later read-only (like a capture file).
//
// The format is NDJSON: a header line
//     {"channelscope_session":1,"saved_at":"…","app":"channelscope 1.2","profile":{…},"decrypted":false}
// then one line per entry (sessionline.h). The profile holds only what is not secret: name,
// app id, key, cluster, host, port, TLS, REST host and path prefix; never the app secret, the
// encryption master key or auth headers. Files are written 0600.
//
// openSessionFile() also reads the NDJSON of `channelscope-cli listen` and of exports (no header),
// and an export written as one JSON array.

#include "credentials.h"
#include "logentry.h"
#include "result.h"
#include "sessionline.h"

#include <QFile>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <memory>
#include <optional>

namespace cs {
class LogStore;
}

namespace cs::sessionfile {

inline constexpr int kFormatVersion = 1;
inline constexpr qint64 kMaxLineBytes = qint64(64) << 20;  // a longer line is refused, not read whole

// The connection half of a profile without anything secret.
struct ProfileSummary {
    QString name;
    QString appId;
    QString key;
    QString cluster;
    QString host;
    quint16 port = 0;
    bool tls = true;
    QString restHost;
    QString pathPrefix;

    static ProfileSummary from(const QString &name, const Credentials &credentials);
    Credentials credentials() const;  // without a secret: what replay starts from
    QJsonObject toJson() const;
    static ProfileSummary fromJson(const QJsonObject &json);
    bool operator==(const ProfileSummary &) const = default;
};

struct Header {
    std::optional<ProfileSummary> profile;
    qint64 savedAtMs = 0;
    QString app;  // the version that wrote it
    bool includesDecrypted = false;
};

// Writes a session file entry by entry (`listen --save` as it goes, Save session at once).
class Writer {
public:
    // Creates (or replaces) `path`, 0600, and writes the header line.
    static Result<std::unique_ptr<Writer>> create(const QString &path, const Header &header,
                                                  const SaveOptions &options = {});
    Status add(const LogEntry &entry);
    Status flush();   // what was added is on disk
    Status finish();  // flushes and closes; the writer takes no more entries
    qsizetype count() const { return m_count; }

private:
    Writer() = default;
    Status writeLine(const QJsonObject &line);

    QFile m_file;
    SaveOptions m_options;
    qsizetype m_count = 0;
};

// Every held entry of `store`, in order.
Result<qsizetype> save(const LogStore &store, const QString &path, const Header &header,
                       const SaveOptions &options = {});

struct Opened {
    QString path;
    std::optional<Header> header;  // absent for listen/export NDJSON
    QList<LogEntry> entries;       // in file order, with the seq and time they were written with
    int skippedLines = 0;          // lines that could not be read (a kind from a newer version, a cut last line)
    QString firstProblem;          // "line 7: …" for the first skipped line
};

// Reads a session file, or listen/export NDJSON, or an exported JSON array. Fails with
// SessionFileOpen (cannot read) or SessionFileFormat (not a session: what and where), never
// crashes on what a file holds.
Result<Opened> open(const QString &path);

// Appends the entries to `store` (which numbers them anew) and publishes them.
void loadInto(const Opened &opened, LogStore &store);

}  // namespace cs::sessionfile
