// Channelscope as an installed desktop application: the desktop entry and the AppStream metadata
// validate (desktop-file-validate, appstreamcli; scripts/setup.sh installs both), they and the
// icon agree on one app id, the man page covers every command and option the CLI's --help
// lists (and nothing the CLI no longer has), and `cmake --install` puts exactly the app, the
// CLI and their files in the usual places: no test, no benchmark, no library.

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <map>
#include <set>

namespace {

const QString kAppId = QStringLiteral(CS_APP_ID);
const QString kSource = QStringLiteral(CS_SOURCE_DIR);
const QList<int> kIconSizes{16, 24, 32, 48, 64, 128, 256};

struct Run {
    int exitCode = -1;
    QString out;  // stdout and stderr
};

Run run(const QString &program, const QStringList &args, int timeoutMs = 60000)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(program, args);
    Run result;
    if (!process.waitForFinished(timeoutMs) || process.exitStatus() != QProcess::NormalExit)
        return result;
    result.exitCode = process.exitCode();
    result.out = QString::fromUtf8(process.readAll());
    return result;
}

QString readText(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

QString desktopFile() { return kSource + QStringLiteral("/resources/desktop/") + kAppId + QStringLiteral(".desktop"); }
QString metainfoFile()
{
    return kSource + QStringLiteral("/resources/desktop/") + kAppId + QStringLiteral(".metainfo.xml");
}

// The long options in a text; troff writes them as \-\-name.
std::set<QString> longOptions(QString text)
{
    text.replace(QStringLiteral("\\-"), QStringLiteral("-"));
    std::set<QString> options;
    static const QRegularExpression option(QStringLiteral("(?<![\\w-])--[a-z0-9][a-z0-9-]*"));
    for (auto it = option.globalMatch(text); it.hasNext();)
        options.insert(it.next().captured());
    return options;
}

// The options a command's --help lists in its Options block.
std::set<QString> helpOptions(const QString &help)
{
    std::set<QString> options;
    static const QRegularExpression line(QStringLiteral("^  (?:-[a-zA-Z], )?(--[a-z0-9-]+)"),
                                         QRegularExpression::MultilineOption);
    for (auto it = line.globalMatch(help); it.hasNext();)
        options.insert(it.next().captured(1));
    return options;
}

// The man page cut into its sections: ".SH NAME" → "NAME", ".SS listen …" → "COMMANDS/listen".
std::map<QString, QString> manSections()
{
    std::map<QString, QString> sections;
    QString section;
    QString current;
    const QStringList lines = readText(QStringLiteral(CS_MANPAGE)).split(QLatin1Char('\n'));
    for (const QString &line : lines) {
        if (line.startsWith(QLatin1String(".SH "))) {
            section = line.mid(4).remove(QLatin1Char('"')).trimmed();
            current = section;
        } else if (line.startsWith(QLatin1String(".SS "))) {
            current = section + QLatin1Char('/') + line.mid(4).section(QLatin1Char(' '), 0, 0);
        }
        sections[current] += line + QLatin1Char('\n');
    }
    return sections;
}

QStringList cliCommands()
{
    const Run overview = run(QStringLiteral(CS_CLI_PATH), {QStringLiteral("--help")});
    QStringList commands;
    static const QRegularExpression command(QStringLiteral("^  ([a-z]+) "), QRegularExpression::MultilineOption);
    const QString list = overview.out.section(QStringLiteral("Commands:"), 1).section(QStringLiteral("\n\n"), 0, 0);
    for (auto it = command.globalMatch(list); it.hasNext();)
        commands << it.next().captured(1);
    return commands;
}

}  // namespace

class TestInstall : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void desktopEntryValidates();
    void metainfoValidates();
    void oneAppIdEverywhere();
    void iconSizes();
    void manPageHasEveryCommand();
    void manPageHasEveryOption_data();
    void manPageHasEveryOption();
    void manPageHasNoStaleOption();
    void manPageRenders();
    void installPutsExactlyTheseFiles();
};

void TestInstall::desktopEntryValidates()
{
    const QString tool = QStandardPaths::findExecutable(QStringLiteral("desktop-file-validate"));
    if (tool.isEmpty())
        QSKIP("desktop-file-validate is not installed (scripts/setup.sh installs desktop-file-utils)");
    const Run result = run(tool, {desktopFile()});
    QVERIFY2(result.exitCode == 0, qPrintable(result.out));
    // Hints (more than one main category, as asked for) are fine; errors and warnings are not.
    QVERIFY2(!result.out.contains(QStringLiteral("error:")) && !result.out.contains(QStringLiteral("warning:")),
             qPrintable(result.out));
}

void TestInstall::metainfoValidates()
{
    const QString tool = QStandardPaths::findExecutable(QStringLiteral("appstreamcli"));
    if (tool.isEmpty())
        QSKIP("appstreamcli is not installed (scripts/setup.sh installs appstream)");
    // Offline: the screenshot and homepage URLs are not fetched.
    const Run result = run(tool, {QStringLiteral("validate"), QStringLiteral("--no-net"), metainfoFile()});
    QVERIFY2(result.exitCode == 0, qPrintable(result.out));
}

void TestInstall::oneAppIdEverywhere()
{
    const QString desktop = readText(desktopFile());
    QVERIFY(desktop.contains(QStringLiteral("\nIcon=") + kAppId + QLatin1Char('\n')));
    QVERIFY(desktop.contains(QStringLiteral("\nExec=channelscope\n")));
    const QString metainfo = readText(metainfoFile());
    QVERIFY(metainfo.contains(QStringLiteral("<id>") + kAppId + QStringLiteral("</id>")));
    QVERIFY(metainfo.contains(QStringLiteral("<launchable type=\"desktop-id\">") + kAppId
                              + QStringLiteral(".desktop</launchable>")));
    QVERIFY(metainfo.contains(QStringLiteral("<icon type=\"stock\">") + kAppId + QStringLiteral("</icon>")));
    // The release being built is listed, so software centres do not show an older one.
    QVERIFY2(metainfo.contains(QStringLiteral("<release version=\"" CS_VERSION_STRING "\"")),
             "add a <release> for " CS_VERSION_STRING " to the metainfo");
    QVERIFY(QFileInfo::exists(kSource + QStringLiteral("/resources/icons/") + kAppId + QStringLiteral(".svg")));
}

void TestInstall::iconSizes()
{
    // Each size is drawn at that size, and the window icon (resources.qrc) carries every one.
    const QString qrc = readText(kSource + QStringLiteral("/resources/resources.qrc"));
    for (const int size : kIconSizes) {
        const QString path = QStringLiteral("icons/hicolor/%1x%1/%2.png").arg(QString::number(size), kAppId);
        const QImage image(kSource + QStringLiteral("/resources/") + path);
        QVERIFY2(!image.isNull(), qPrintable(path));
        QCOMPARE(image.size(), QSize(size, size));
        QVERIFY2(image.hasAlphaChannel(), qPrintable(path));  // round corners on any background
        QVERIFY2(qrc.contains(QStringLiteral(">") + path + QStringLiteral("</file>")), qPrintable(path));
    }
}

void TestInstall::manPageHasEveryCommand()
{
    const QStringList commands = cliCommands();
    QVERIFY(commands.size() >= 9);
    const auto sections = manSections();
    QStringList documented;
    for (const auto &[name, text] : sections) {
        if (name.startsWith(QLatin1String("COMMANDS/")))
            documented << name.mid(9);
    }
    for (const QString &command : commands)
        QVERIFY2(documented.contains(command), qPrintable(QStringLiteral("no .SS %1 in the man page").arg(command)));
    for (const QString &name : std::as_const(documented))
        QVERIFY2(name == QLatin1String("help") || commands.contains(name),
                 qPrintable(QStringLiteral("the man page documents '%1', which --help does not list").arg(name)));
    QVERIFY(sections.at(QStringLiteral("NAME")).contains(QStringLiteral("channelscope-cli \\-")));
    QVERIFY(readText(QStringLiteral(CS_MANPAGE)).contains(QStringLiteral("\"Channelscope " CS_VERSION_STRING "\"")));
}

void TestInstall::manPageHasEveryOption_data()
{
    QTest::addColumn<QString>("command");
    for (const QString &command : cliCommands())
        QTest::newRow(qPrintable(command)) << command;
}

void TestInstall::manPageHasEveryOption()
{
    // A command's option is documented in its own subsection or in a shared OPTIONS section.
    QFETCH(QString, command);
    const Run help = run(QStringLiteral(CS_CLI_PATH), {command, QStringLiteral("--help")});
    QCOMPARE(help.exitCode, 0);
    const std::set<QString> options = helpOptions(help.out);
    QVERIFY2(options.size() >= 14, qPrintable(help.out));  // the connection options at least
    std::set<QString> documented;
    for (const auto &[name, text] : manSections()) {
        if (name == QStringLiteral("COMMANDS/") + command || name.endsWith(QLatin1String("OPTIONS")))
            documented.merge(longOptions(text));
    }
    for (const QString &option : options)
        QVERIFY2(documented.count(option),
                 qPrintable(QStringLiteral("%1 %2 is not in the man page").arg(command, option)));
}

void TestInstall::manPageHasNoStaleOption()
{
    std::set<QString> known{QStringLiteral("--version")};
    for (const QString &command : cliCommands())
        known.merge(helpOptions(run(QStringLiteral(CS_CLI_PATH), {command, QStringLiteral("--help")}).out));
    for (const QString &option : longOptions(readText(QStringLiteral(CS_MANPAGE))))
        QVERIFY2(known.count(option),
                 qPrintable(QStringLiteral("the man page documents %1, which no --help lists").arg(option)));
    const Run version = run(QStringLiteral(CS_CLI_PATH), {QStringLiteral("--version")});
    QCOMPARE(version.out.trimmed(), QStringLiteral("channelscope-cli " CS_VERSION_STRING));
}

void TestInstall::manPageRenders()
{
    const QString groff = QStandardPaths::findExecutable(QStringLiteral("groff"));
    if (groff.isEmpty())
        QSKIP("groff is not installed");
    // -ww: every warning; -z: no output. A clean page prints nothing.
    const Run result = run(groff, {QStringLiteral("-man"), QStringLiteral("-ww"), QStringLiteral("-z"),
                                   QStringLiteral("-Tutf8"), QStringLiteral(CS_MANPAGE)});
    QCOMPARE(result.exitCode, 0);
    QVERIFY2(result.out.isEmpty(), qPrintable(result.out));
}

void TestInstall::installPutsExactlyTheseFiles()
{
    QTemporaryDir prefix;
    QVERIFY(prefix.isValid());
    const Run install =
        run(QStringLiteral(CS_CMAKE_COMMAND),
            {QStringLiteral("--install"), QStringLiteral(CS_BINARY_DIR), QStringLiteral("--prefix"), prefix.path()},
            180000);
    QVERIFY2(install.exitCode == 0, qPrintable(install.out));

    QStringList expected{
        QStringLiteral("bin/channelscope"),
        QStringLiteral("bin/channelscope-cli"),
        QStringLiteral("share/applications/%1.desktop").arg(kAppId),
        QStringLiteral("share/metainfo/%1.metainfo.xml").arg(kAppId),
        QStringLiteral("share/icons/hicolor/scalable/apps/%1.svg").arg(kAppId),
        QStringLiteral("share/man/man1/channelscope-cli.1.gz"),
    };
    for (const int size : kIconSizes)
        expected << QStringLiteral("share/icons/hicolor/%1x%1/apps/%2.png").arg(QString::number(size), kAppId);
    QStringList installed;
    const QDir root(prefix.path());
    for (QDirIterator it(prefix.path(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories); it.hasNext();)
        installed << root.relativeFilePath(it.next());
    expected.sort();
    installed.sort();
    QCOMPARE(installed, expected);

    for (const QString &program : {QStringLiteral("channelscope"), QStringLiteral("channelscope-cli")})
        QVERIFY(QFileInfo(root.filePath(QStringLiteral("bin/") + program)).isExecutable());
    QFile man(root.filePath(QStringLiteral("share/man/man1/channelscope-cli.1.gz")));
    QVERIFY(man.open(QIODevice::ReadOnly));
    QCOMPARE(man.read(2), QByteArray("\x1f\x8b"));  // gzip
    const Run version = run(root.filePath(QStringLiteral("bin/channelscope-cli")), {QStringLiteral("--version")});
    QCOMPARE(version.out.trimmed(), QStringLiteral("channelscope-cli " CS_VERSION_STRING));
}

QTEST_MAIN(TestInstall)
#include "tst_install.moc"
