// Session files (core/sessionfile): the whole log saved and opened again with every field equal,
// raw bytes and Unicode included; no secret in the file; decrypted payloads only when asked;
// listen/export NDJSON and JSON arrays open too; malformed files give a clear error, not a crash.

#include "logexport.h"
#include "logfilter.h"
#include "logfixtures.h"
#include "logstore.h"
#include "sessionfile.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using namespace cs;
using namespace cs::test;

namespace {

const QString kSecret = QStringLiteral("s3cr3t-do-not-save-7f2a");
const QByteArray kMasterKey = QByteArrayLiteral("bWFzdGVyLWtleS1kby1ub3Qtc2F2ZS0xMjM0NTY3OA==");

Credentials sampleCredentials()
{
    Credentials c;
    c.appId = QStringLiteral("app-id");
    c.key = QStringLiteral("app-key");
    c.secret = kSecret;
    c.host = QStringLiteral("127.0.0.1");
    c.port = 6001;
    c.tls = false;
    c.cluster = QStringLiteral("eu");
    c.encryptionMasterKeyBase64 = kMasterKey;
    return c;
}

// One entry of every shape the log holds, on two connections.
QList<LogEntry> sampleEntries()
{
    QList<LogEntry> entries;
    LogEntry in = frameEntry(Direction::In, EntryKind::Event, QStringLiteral("orders"), QStringLiteral("created"),
                             QStringLiteral("{\"event\":\"created\",\"channel\":\"orders\",\"data\":\"{\\\"name\\\":"
                                            "\\\"Zoë 東京 🎉\\\",\\\"n\\\":1}\"}")
                                 .toUtf8());
    in.socketId = QStringLiteral("123.456");
    entries << in;
    LogEntry spaced =
        frameEntry(Direction::In, EntryKind::Event, QStringLiteral("news"), QStringLiteral("headline"),
                   QByteArrayLiteral("{ \"event\" : \"headline\", \"channel\":\"news\", \"data\":{\"b\":2, "
                                     "\"a\":1} }"));
    spaced.timeMs += 1234;
    spaced.connection = QStringLiteral("second");
    entries << spaced;
    LogEntry client =
        frameEntry(Direction::Out, EntryKind::ClientEvent, QStringLiteral("private-chat"),
                   QStringLiteral("client-typing"),
                   QByteArrayLiteral("{\"event\":\"client-typing\",\"channel\":\"private-chat\",\"data\":{}}"));
    client.userId = QStringLiteral("u-42");
    entries << client;
    LogEntry broken = frameEntry(Direction::In, EntryKind::Error, {}, {}, QByteArrayLiteral("not json {"));
    broken.message = QStringLiteral("not a Pusher message: not JSON");
    entries << broken;
    // Keys out of Qt's sorted order: only the exact bytes keep them so.
    entries << localEntry(EntryKind::State, QStringLiteral("connecting → connected"),
                          QByteArrayLiteral("{\"to\":\"connected\",\"from\":\"connecting\"}"));
    entries << localEntry(EntryKind::Rest, QStringLiteral("POST /apps/app-id/events"),
                          QByteArrayLiteral("{\"method\":\"POST\",\"body\":\"{\\\"name\\\":\\\"x\\\"}\"}"));
    entries << localEntry(EntryKind::Timer, QStringLiteral("no details"), QByteArray());
    LogEntry decrypted = localEntry(EntryKind::Event, QStringLiteral("decrypted secret-event on private-encrypted-x"),
                                    QByteArrayLiteral("{\"data\":{\"card\":\"4111\"},\"decrypted\":true}"));
    decrypted.channel = QStringLiteral("private-encrypted-x");
    decrypted.event = QStringLiteral("secret-event");
    entries << decrypted;
    return entries;
}

void fill(LogStore &store, const QList<LogEntry> &entries)
{
    for (const LogEntry &entry : entries)
        store.append(entry);
    store.flush();
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

}  // namespace

class TestSessionFile : public QObject {
    Q_OBJECT

private slots:
    void roundTripKeepsEveryField()
    {
        QTemporaryDir dir;
        LogStore store;
        for (int i = 0; i < 3; ++i)
            store.append(stateEntry(QStringLiteral("evicted before the save")));
        store.flush();
        store.setCap(1);  // seq numbering goes on: the saved entries do not start at 0
        store.setCap(100);
        fill(store, sampleEntries());
        const QString path = dir.filePath(QStringLiteral("round.cssession"));
        sessionfile::Header header;
        header.profile = sessionfile::ProfileSummary::from(QStringLiteral("Local soketi"), sampleCredentials());
        const auto saved = sessionfile::save(store, path, header);
        QVERIFY2(saved, qPrintable(saved ? QString() : saved.error().message));
        QCOMPARE(*saved, store.size());
        QCOMPARE(QFile::permissions(path) & (QFile::ReadGroup | QFile::ReadOther), QFile::Permissions());

        const auto opened = sessionfile::open(path);
        QVERIFY2(opened, qPrintable(opened ? QString() : opened.error().message));
        QCOMPARE(opened->skippedLines, 0);
        QVERIFY(opened->header.has_value());
        QCOMPARE(opened->header->profile, header.profile);
        QVERIFY(opened->header->savedAtMs > 0);
        QCOMPARE(opened->entries.size(), store.size());
        for (qsizetype row = 0; row < store.size(); ++row) {
            LogEntry expected = store.at(row);
            if (expected.event == QLatin1String("secret-event"))
                continue;  // decrypted: checked in decryptedPayloadsOnlyWhenAsked
            compareEntries(opened->entries.at(row), expected);
            if (QTest::currentTestFailed())
                qWarning("row %lld differs", qlonglong(row));
        }
        QVERIFY(opened->entries.first().seq > 0);
        QCOMPARE(opened->header->profile->credentials().secret, QString());
    }

    void secretsNeverInTheFile()
    {
        QTemporaryDir dir;
        LogStore store;
        fill(store, sampleEntries());
        const QString path = dir.filePath(QStringLiteral("secrets.cssession"));
        sessionfile::Header header;
        header.profile = sessionfile::ProfileSummary::from(QStringLiteral("p"), sampleCredentials());
        QVERIFY(sessionfile::save(store, path, header, {.includeDecrypted = true}));
        const QByteArray bytes = readAll(path);
        QVERIFY(bytes.contains("app-key"));  // the non-secret settings are there…
        QVERIFY(bytes.contains("\"port\":6001"));
        QVERIFY(!bytes.contains(kSecret.toUtf8()));  // …the secret and the master key are not
        QVERIFY(!bytes.contains(kMasterKey));
        QVERIFY(!bytes.contains("secret\""));
    }

    void decryptedPayloadsOnlyWhenAsked()
    {
        QTemporaryDir dir;
        LogStore store;
        fill(store, sampleEntries());
        for (const bool include : {false, true}) {
            const QString path = dir.filePath(QStringLiteral("d%1.cssession").arg(include));
            QVERIFY(sessionfile::save(store, path, {}, {.includeDecrypted = include}));
            QCOMPARE(readAll(path).contains("4111"), include);
            const auto opened = sessionfile::open(path);
            QVERIFY(opened);
            QCOMPARE(opened->header->includesDecrypted, include);
            const LogEntry &entry = opened->entries.last();
            QCOMPARE(entry.event, QStringLiteral("secret-event"));
            const QJsonObject details = entry.data().toObject();
            QCOMPARE(details.contains(QStringLiteral("data")), include);
            QCOMPARE(details.value(QStringLiteral("data_omitted")).toBool(), !include);
        }
    }

    void filtersWorkOnTheOpenedLog()
    {
        QTemporaryDir dir;
        LogStore store;
        fill(store, sampleEntries());
        for (quint64 i = 0; i < 50; ++i)
            store.append(numberedEvent(i, Direction::In));
        store.flush();
        const QString path = dir.filePath(QStringLiteral("filters.cssession"));
        QVERIFY(sessionfile::save(store, path, {}));
        const auto opened = sessionfile::open(path);
        QVERIFY(opened);
        LogStore viewed;
        sessionfile::loadInto(*opened, viewed);
        QCOMPARE(viewed.size(), store.size());
        for (const char *text : {"channel:channel-3", "conn:second", "kind:client-event", "dir:local", "Zoë",
                                 "event:event-1 -channel:channel-2", "user:u-42"}) {
            const auto filter = LogFilter::parse(QString::fromUtf8(text));
            QVERIFY(filter);
            int before = 0;
            int after = 0;
            for (qsizetype row = 0; row < store.size(); ++row) {
                before += filter->matches(store, row) ? 1 : 0;
                after += filter->matches(viewed, row) ? 1 : 0;
            }
            QVERIFY2(before > 0, text);
            QCOMPARE(after, before);
        }
    }

    void opensListenAndExportFiles_data()
    {
        QTest::addColumn<int>("format");
        QTest::newRow("ndjson") << int(ExportFormat::Ndjson);
        QTest::newRow("json array") << int(ExportFormat::JsonArray);
    }
    void opensListenAndExportFiles()
    {
        QFETCH(int, format);
        QTemporaryDir dir;
        LogStore store;
        fill(store, sampleEntries());
        const QString path = dir.filePath(QStringLiteral("export.json"));
        {
            QFile out(path);
            QVERIFY(out.open(QIODevice::WriteOnly));
            QVERIFY(exportAll(store, ExportFormat(format), &out));
        }
        const auto opened = sessionfile::open(path);
        QVERIFY2(opened, qPrintable(opened ? QString() : opened.error().message));
        QVERIFY(!opened->header);
        QCOMPARE(opened->entries.size(), store.size());
        for (qsizetype row = 0; row < store.size(); ++row) {
            const LogEntry expected = store.at(row);
            const LogEntry &actual = opened->entries.at(row);
            QCOMPARE(actual.seq, expected.seq);
            QCOMPARE(actual.timeMs, expected.timeMs);
            QCOMPARE(actual.kind, expected.kind);
            QCOMPARE(actual.connection, expected.connection);
            // Frames keep their exact bytes; local details come back as the same JSON.
            if (expected.isFrame())
                QCOMPARE(actual.raw, expected.raw);
            else
                QCOMPARE(actual.data(), expected.data());
        }
    }

    void malformedFilesSayWhy_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("says");
        QTest::newRow("empty") << QByteArray() << "session-file-format"
                               << "empty";
        QTest::newRow("binary") << QByteArray("\x00\x01\xff\xfe garbage\n", 14) << "session-file-format"
                                << "line 1";
        QTest::newRow("arrays per line") << QByteArray("[2]\n[3]\n") << "session-file-format"
                                         << "does not parse";
        QTest::newRow("object without kind") << QByteArray("{\"a\":1}\n") << "session-file-format"
                                             << "dir";
        QTest::newRow("newer format") << QByteArray("{\"channelscope_session\":99}\n") << "session-file-format"
                                      << "newer";
        QTest::newRow("second header") << QByteArray("{\"channelscope_session\":1}\n{\"channelscope_session\":1}\n")
                                       << "session-file-format"
                                       << "second session header";
        QTest::newRow("frame without raw")
            << QByteArray("{\"seq\":1,\"dir\":\"in\",\"kind\":\"event\",\"connection\":\"a\"}\n")
            << "session-file-format"
            << "raw";
        QTest::newRow("bad direction") << QByteArray("{\"dir\":\"sideways\",\"kind\":\"event\"}\n")
                                       << "session-file-format"
                                       << "dir";
        QTest::newRow("cut array") << QByteArray("[{\"dir\":\"in\"") << "session-file-format"
                                   << "JSON array";
    }
    void malformedFilesSayWhy()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, code);
        QFETCH(QString, says);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("bad.cssession"));
        QVERIFY(writeFile(path, bytes));
        const auto opened = sessionfile::open(path);
        QVERIFY(!opened);
        QCOMPARE(opened.error().id(), code);
        QVERIFY2(opened.error().message.contains(says), qPrintable(opened.error().message));
        QVERIFY(opened.error().message.contains(path));
    }

    void missingFileCannotBeOpened()
    {
        const auto opened = sessionfile::open(QStringLiteral("/nonexistent/dir/x.cssession"));
        QVERIFY(!opened);
        QCOMPARE(opened.error().id(), QStringLiteral("session-file-open"));
    }

    // A kind from a newer version and a line cut off by a crash are skipped and counted; the rest opens.
    void unreadableLinesAreSkippedAndCounted()
    {
        QTemporaryDir dir;
        LogStore store;
        fill(store, sampleEntries());
        const QString path = dir.filePath(QStringLiteral("partial.cssession"));
        QVERIFY(sessionfile::save(store, path, {}));
        QByteArray bytes = readAll(path);
        bytes += "{\"seq\":99,\"dir\":\"in\",\"kind\":\"tap-request\",\"connection\":\"t\",\"raw\":\"{}\"}\n";
        bytes += "{\"seq\":100,\"dir\":\"in\",\"ki";
        QVERIFY(writeFile(path, bytes));
        const auto opened = sessionfile::open(path);
        QVERIFY(opened);
        QCOMPARE(opened->entries.size(), store.size());
        QCOMPARE(opened->skippedLines, 2);
        QVERIFY2(opened->firstProblem.contains(QStringLiteral("tap-request")), qPrintable(opened->firstProblem));
    }

    void unwritablePathSaysWhy()
    {
        LogStore store;
        fill(store, sampleEntries());
        const auto saved = sessionfile::save(store, QStringLiteral("/nonexistent/dir/x.cssession"), {});
        QVERIFY(!saved);
        QCOMPARE(saved.error().id(), QStringLiteral("session-file-write"));
    }
};

QTEST_GUILESS_MAIN(TestSessionFile)
#include "tst_sessionfile.moc"
