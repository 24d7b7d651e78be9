// channelscope-cli listen --contracts DIR against a real soketi: a good and a bad event triggered
// through REST; the bad event's NDJSON line carries "violations" with paths and reasons, the good
// one does not. A broken contract file or a missing folder is a usage error (exit 2) with the file
// and the reason, before anything connects.

#include "cliprocess.h"
#include "soketi.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <functional>
#include <memory>

using namespace cs;

namespace {

using Cli = test::CliProcess;
using test::parseLines;

const char *kOrderSchema = R"({
  "type": "object",
  "x-channel": "orders-*",
  "required": ["id", "status"],
  "properties": {
    "id": {"type": "integer", "minimum": 1},
    "status": {"enum": ["new", "paid"]},
    "items": {"type": "array", "items": {"type": "object", "required": ["sku"]}}
  }
})";

}  // namespace

class TestCliContracts : public QObject {
    Q_OBJECT

    test::SoketiServer m_soketi;
    QTemporaryDir m_dir;

    QString url() const
    {
        return QStringLiteral("http://app-key:app-secret@127.0.0.1:%1/apps/app-id").arg(m_soketi.port());
    }

    QString folder(const QString &name, const QList<QPair<QString, QByteArray>> &files)
    {
        const QString path = m_dir.filePath(name);
        QDir().mkpath(path);
        for (const auto &[file, text] : files) {
            QFile f(QDir(path).filePath(file));
            if (!f.open(QIODevice::WriteOnly))
                return {};
            f.write(text);
        }
        return path;
    }

    void trigger(const QString &channel, const QString &event, const QString &data)
    {
        Cli cli({QStringLiteral("trigger"), QStringLiteral("--url"), url(), QStringLiteral("--channel"), channel,
                 QStringLiteral("--event"), event, QStringLiteral("--data"), data});
        QVERIFY2(cli.finish() && cli.exitCode() == 0, qPrintable(cli.describe()));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY2(m_soketi.start(), qPrintable(m_soketi.output()));
    }

    void badEventCarriesViolations()
    {
        const QString dir = folder(QStringLiteral("good"), {{QStringLiteral("order-*.schema.json"), kOrderSchema}});
        const QString channel = QStringLiteral("orders-eu");
        Cli listen({QStringLiteral("listen"), channel, QStringLiteral("--url"), url(), QStringLiteral("--contracts"),
                    dir, QStringLiteral("--count"), QStringLiteral("3")});
        QVERIFY2(listen.waitForLines([](const QJsonObject &l) {
            return l.value(QStringLiteral("event")).toString()
                   == QLatin1String("pusher_internal:subscription_succeeded");
        }),
                 qPrintable(listen.describe()));

        trigger(channel, QStringLiteral("order-created"), QStringLiteral(R"({"id": 7, "status": "paid"})"));
        trigger(channel, QStringLiteral("order-created"),
                QStringLiteral(R"({"id": "7", "status": "lost", "items": [{"qty": 1}]})"));
        trigger(channel, QStringLiteral("unrelated"), QStringLiteral(R"({"id": "x"})"));
        QVERIFY2(listen.finish(), qPrintable(listen.describe()));
        QVERIFY2(listen.exitCode() == 0, qPrintable(listen.describe()));

        QList<QJsonObject> events;
        for (const QJsonObject &line : parseLines(listen.out())) {
            if (line.value(QStringLiteral("kind")).toString() == QLatin1String("event"))
                events << line;
            else
                QVERIFY2(!line.contains(QStringLiteral("violations")), qPrintable(listen.describe()));
        }
        QCOMPARE(events.size(), 3);
        QVERIFY2(!events[0].contains(QStringLiteral("violations")), qPrintable(listen.describe()));
        QVERIFY2(!events[2].contains(QStringLiteral("violations")), qPrintable(listen.describe()));  // no contract
        const QJsonArray violations = events[1].value(QStringLiteral("violations")).toArray();
        QStringList paths;
        for (const QJsonValue &v : violations) {
            const QJsonObject o = v.toObject();
            QVERIFY(!o.value(QStringLiteral("message")).toString().isEmpty());
            QCOMPARE(o.value(QStringLiteral("contract")).toString(), QStringLiteral("order-* on orders-*"));
            paths << o.value(QStringLiteral("path")).toString();
        }
        paths.sort();
        QCOMPARE(paths,
                 (QStringList{QStringLiteral("$.id"), QStringLiteral("$.items[0]"), QStringLiteral("$.status")}));
    }

    void otherChannelIsNotChecked()
    {
        const QString dir = folder(QStringLiteral("good2"), {{QStringLiteral("order-*.schema.json"), kOrderSchema}});
        const QString channel = QStringLiteral("billing");
        Cli listen({QStringLiteral("listen"), channel, QStringLiteral("--url"), url(), QStringLiteral("--contracts"),
                    dir, QStringLiteral("--count"), QStringLiteral("1")});
        QVERIFY(listen.waitForLines([](const QJsonObject &l) {
            return l.value(QStringLiteral("event")).toString()
                   == QLatin1String("pusher_internal:subscription_succeeded");
        }));
        trigger(channel, QStringLiteral("order-created"), QStringLiteral(R"({"id": "not checked here"})"));
        QVERIFY2(listen.finish() && listen.exitCode() == 0, qPrintable(listen.describe()));
        QVERIFY2(!listen.out().contains("\"violations\""), qPrintable(listen.describe()));
    }

    void invalidContractsAreUsageErrors_data()
    {
        QTest::addColumn<QString>("dir");
        QTest::addColumn<QString>("stderrPart");
        QTest::newRow("bad json") << folder(QStringLiteral("badjson"), {{QStringLiteral("order-*.schema.json"),
                                                                         "{\n  \"type\": \"object\",\n  oops\n}"}})
                                  << QStringLiteral("order-*.schema.json: Line 3");
        QTest::newRow("not a schema") << folder(QStringLiteral("badschema"),
                                                {{QStringLiteral("a.schema.json"), R"({"type": "strng"})"}})
                                      << QStringLiteral("a.schema.json: not a valid draft-7 JSON Schema");
        QTest::newRow("missing folder") << m_dir.filePath(QStringLiteral("nope"))
                                        << QStringLiteral("no contracts folder");
    }

    void invalidContractsAreUsageErrors()
    {
        QFETCH(QString, dir);
        QFETCH(QString, stderrPart);
        Cli listen({QStringLiteral("listen"), QStringLiteral("orders-x"), QStringLiteral("--url"), url(),
                    QStringLiteral("--contracts"), dir});
        QVERIFY2(listen.finish(), qPrintable(listen.describe()));
        QVERIFY2(listen.exitCode() == 2, qPrintable(listen.describe()));
        QVERIFY2(listen.out().isEmpty(), qPrintable(listen.describe()));  // refused before connecting
        QVERIFY2(QString::fromUtf8(listen.err()).contains(stderrPart), qPrintable(listen.describe()));
    }

    void examplesLoad()
    {
        // The shipped examples are valid contracts: a run with them starts (and times out cleanly).
        Cli listen({QStringLiteral("listen"), QStringLiteral("orders"), QStringLiteral("--url"), url(),
                    QStringLiteral("--contracts"), QStringLiteral(CS_EXAMPLES_DIR "/contracts"),
                    QStringLiteral("--timeout"), QStringLiteral("0.5")});
        QVERIFY2(listen.finish() && listen.exitCode() == 0, qPrintable(listen.describe()));
    }
};

QTEST_GUILESS_MAIN(TestCliContracts)
#include "tst_cli_contracts.moc"
