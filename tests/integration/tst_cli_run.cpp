// channelscope-cli run against a real soketi: every shipped example passes (this is how CI runs
// them), a failing scenario prints its FAIL line and exits 1, an invalid file exits 2 naming the
// file and the member before anything connects, and the --junit report of a passing and of a
// failing run is valid against the JUnit schema CI tools read (xmllint --schema tests/data/junit.xsd).

#include "cliprocess.h"
#include "soketi.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using namespace cs;

class TestCliRun : public QObject {
    Q_OBJECT

    test::SoketiServer m_soketi;
    QTemporaryDir m_dir;

    QString url() const
    {
        return QStringLiteral("http://app-key:app-secret@127.0.0.1:%1/apps/app-id").arg(m_soketi.port());
    }

    QString write(const QString &name, const QByteArray &text)
    {
        QFile f(m_dir.filePath(name));
        if (!f.open(QIODevice::WriteOnly))
            return {};
        f.write(text);
        return f.fileName();
    }

    // xmllint's verdict on `file` against the JUnit schema; empty when valid.
    static QString junitProblems(const QString &file)
    {
        QProcess xmllint;
        xmllint.start(QStringLiteral("xmllint"),
                      {QStringLiteral("--noout"), QStringLiteral("--schema"), QStringLiteral(CS_JUNIT_XSD), file});
        if (!xmllint.waitForFinished(10000))
            return QStringLiteral("xmllint did not run (scripts/setup.sh installs libxml2-utils): %1")
                .arg(xmllint.errorString());
        if (xmllint.exitCode() != 0)
            return QString::fromUtf8(xmllint.readAllStandardError());
        return {};
    }

    static QByteArray readFile(const QString &path)
    {
        QFile f(path);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY2(m_soketi.start(), qPrintable(m_soketi.output()));
    }

    void examplesPass_data()
    {
        QTest::addColumn<QString>("file");
        const QDir dir(QStringLiteral(CS_EXAMPLES_DIR "/scenarios"));
        const QStringList files = dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
        QVERIFY2(!files.isEmpty(), "no examples/scenarios/*.json");
        for (const QString &f : files)
            QTest::newRow(qPrintable(f)) << dir.filePath(f);
    }

    void examplesPass()
    {
        QFETCH(QString, file);
        const QString junit = m_dir.filePath(QFileInfo(file).baseName() + QStringLiteral(".xml"));
        test::CliProcess cli({QStringLiteral("run"), file, QStringLiteral("--url"), url(),
                              QStringLiteral("--contracts"), QStringLiteral(CS_EXAMPLES_DIR "/contracts"),
                              QStringLiteral("--junit"), junit});
        QVERIFY2(cli.finish(60000), qPrintable(cli.describe()));
        QVERIFY2(cli.exitCode() == 0, qPrintable(cli.describe()));
        QVERIFY2(cli.out().startsWith("PASS 1/"), qPrintable(cli.describe()));
        QVERIFY2(!cli.out().contains("FAIL"), qPrintable(cli.describe()));
        QVERIFY2(!cli.out().contains("app-secret"), qPrintable(cli.describe()));
        const QString problems = junitProblems(junit);
        QVERIFY2(problems.isEmpty(), qPrintable(problems));
        QVERIFY(readFile(junit).contains("failures=\"0\""));
    }

    void failingRun()
    {
        const QString file = write(QStringLiteral("fails.json"), R"({"name": "late news", "clients": [{"name": "a"}],
            "steps": [{"step": "connect"}, {"step": "subscribe", "client": "a", "channel": "news"},
                      {"step": "expect_event", "client": "a", "channel": "news", "event": "breaking", "within": 0.3},
                      {"step": "wait", "seconds": 0.1}]})");
        const QString junit = m_dir.filePath(QStringLiteral("fails.xml"));
        test::CliProcess cli(
            {QStringLiteral("run"), file, QStringLiteral("--url"), url(), QStringLiteral("--junit"), junit});
        QVERIFY2(cli.finish(), qPrintable(cli.describe()));
        QVERIFY2(cli.exitCode() == 1, qPrintable(cli.describe()));
        const QString out = QString::fromUtf8(cli.out());
        QVERIFY2(out.contains(QLatin1String("PASS 2/4 subscribe a news")), qPrintable(cli.describe()));
        QVERIFY2(out.contains(QLatin1String("FAIL 3/4 expect_event a news breaking (")), qPrintable(cli.describe()));
        QVERIFY2(out.contains(QLatin1String("no event 'breaking' on news at a within 0.30 s")),
                 qPrintable(cli.describe()));
        QVERIFY2(out.contains(QLatin1String("SKIP 4/4 wait 0.1 s")), qPrintable(cli.describe()));
        QVERIFY2(out.contains(QLatin1String("late news: 2 passed, 1 failed, 1 skipped")), qPrintable(cli.describe()));

        const QString problems = junitProblems(junit);
        QVERIFY2(problems.isEmpty(), qPrintable(problems));
        const QByteArray xml = readFile(junit);
        QVERIFY2(xml.contains("failures=\"1\"") && xml.contains("skipped=\"1\""), xml.constData());
        QVERIFY2(xml.contains(
                     "<failure message=\"no event 'breaking' on news at a within 0.30 s\" type=\"expect_event\""),
                 xml.constData());
        QVERIFY2(xml.contains("<skipped"), xml.constData());
    }

    void invalidFileIsUsageError()
    {
        const QString file = write(QStringLiteral("typo.json"), R"({"clients": [{"name": "a"}],
            "steps": [{"step": "connect"}, {"step": "subscribe", "client": "a", "chanel": "news"}]})");
        test::CliProcess cli({QStringLiteral("run"), file, QStringLiteral("--url"), url()});
        QVERIFY2(cli.finish(), qPrintable(cli.describe()));
        QVERIFY2(cli.exitCode() == 2, qPrintable(cli.describe()));
        QVERIFY2(cli.out().isEmpty(), qPrintable(cli.describe()));  // refused before connecting
        QVERIFY2(QString::fromUtf8(cli.err()).contains(file + QStringLiteral(": steps[1]: unknown member 'chanel'")),
                 qPrintable(cli.describe()));

        test::CliProcess missing(
            {QStringLiteral("run"), m_dir.filePath(QStringLiteral("nope.json")), QStringLiteral("--url"), url()});
        QVERIFY2(missing.finish() && missing.exitCode() == 2, qPrintable(missing.describe()));
        QVERIFY2(missing.err().contains("nope.json: cannot read"), qPrintable(missing.describe()));

        test::CliProcess none({QStringLiteral("run"), QStringLiteral("--url"), url()});
        QVERIFY2(none.finish() && none.exitCode() == 2, qPrintable(none.describe()));
    }
};

QTEST_GUILESS_MAIN(TestCliRun)
#include "tst_cli_run.moc"
