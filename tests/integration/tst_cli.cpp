// The channelscope-cli contract, end to end: the real binary (CS_CLI_PATH) against a real soketi.
// Exit codes: 0 ok, 1 expectation not met or request refused, 2 usage error, 3 connection or
// authorization failure. Every failure says something on stderr.

#include "logstore.h"
#include "session.h"
#include "cliprocess.h"
#include "soketi.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMessageAuthenticationCode>
#include <QProcess>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QtTest>

#include <functional>
#include <memory>
#include <optional>

using namespace cs;

namespace {

using Cli = test::CliProcess;
using test::cleanEnvironment;
using test::parseLines;

constexpr int kWait = 10000;
const QString kMasterKey = QStringLiteral("zyrm8pvV2C9fJcBfhyXzvxbJVN/H7QLmbe0xJi1GhPU=");

QJsonObject parseObject(const QByteArray &text) { return QJsonDocument::fromJson(text.trimmed()).object(); }

bool isSubscribed(const QJsonObject &line, const QString &channel = {})
{
    return line.value(QStringLiteral("event")).toString() == QLatin1String("pusher_internal:subscription_succeeded")
           && (channel.isEmpty() || line.value(QStringLiteral("channel")).toString() == channel);
}

std::optional<QJsonObject> findEvent(const QList<QJsonObject> &lines, const QString &channel, const QString &event)
{
    for (const QJsonObject &line : lines) {
        if (line.value(QStringLiteral("dir")).toString() == QLatin1String("in")
            && line.value(QStringLiteral("channel")).toString() == channel
            && line.value(QStringLiteral("event")).toString() == event)
            return line;
    }
    return std::nullopt;
}

enum class CredentialsVia { Url, Options, Environment, OptionsOverEnvironment, UrlOverEnvironment };

}  // namespace

Q_DECLARE_METATYPE(CredentialsVia)

class TestCli : public QObject {
    Q_OBJECT

    test::SoketiServer m_soketi;
    QString m_url;
    QString m_closedUrl;
    QTemporaryDir m_dir;
    int m_unique = 0;

    QString url(const QString &key = QStringLiteral("app-key"), const QString &secret = QStringLiteral("app-secret"),
                quint16 port = 0) const
    {
        return QStringLiteral("http://%1:%2@127.0.0.1:%3/apps/app-id")
            .arg(key, secret)
            .arg(port ? port : m_soketi.port());
    }

    // A channel name no other case uses.
    QString channel(const QString &prefix) { return QStringLiteral("%1-cli%2").arg(prefix).arg(++m_unique); }

    QString writeFile(const QString &name, const QByteArray &content)
    {
        const QString path = m_dir.filePath(name);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return {};
        file.write(content);
        return path;
    }

    // Adds the credentials to `args` or `env` as the row asks.
    void applyCredentials(CredentialsVia via, QStringList &args, QProcessEnvironment &env) const
    {
        const auto setEnv = [&](const QString &key, const QString &secret, quint16 port) {
            env.insert(QStringLiteral("PUSHER_APP_ID"), QStringLiteral("app-id"));
            env.insert(QStringLiteral("PUSHER_APP_KEY"), key);
            env.insert(QStringLiteral("PUSHER_APP_SECRET"), secret);
            env.insert(QStringLiteral("PUSHER_HOST"), QStringLiteral("127.0.0.1"));
            env.insert(QStringLiteral("PUSHER_PORT"), QString::number(port));
            env.insert(QStringLiteral("PUSHER_SCHEME"), QStringLiteral("http"));
        };
        const QStringList options{QStringLiteral("--app-id"), QStringLiteral("app-id"),
                                  QStringLiteral("--key"),    QStringLiteral("app-key"),
                                  QStringLiteral("--secret"), QStringLiteral("app-secret"),
                                  QStringLiteral("--host"),   QStringLiteral("127.0.0.1"),
                                  QStringLiteral("--port"),   QString::number(m_soketi.port()),
                                  QStringLiteral("--no-tls")};
        switch (via) {
        case CredentialsVia::Url: args << QStringLiteral("--url") << url(); break;
        case CredentialsVia::Options: args << options; break;
        case CredentialsVia::Environment:
            setEnv(QStringLiteral("app-key"), QStringLiteral("app-secret"), m_soketi.port());
            break;
        case CredentialsVia::OptionsOverEnvironment:
            // Wrong key and secret in the environment: only the options make it work.
            setEnv(QStringLiteral("wrong-key"), QStringLiteral("wrong-secret"), m_soketi.port());
            args << QStringLiteral("--key") << QStringLiteral("app-key") << QStringLiteral("--secret")
                 << QStringLiteral("app-secret");
            break;
        case CredentialsVia::UrlOverEnvironment:
            setEnv(QStringLiteral("wrong-key"), QStringLiteral("wrong-secret"), 1);
            args << QStringLiteral("--url") << url();
            break;
        }
    }

    std::unique_ptr<Cli> start(const QStringList &args, const QProcessEnvironment &env = cleanEnvironment())
    {
        return std::make_unique<Cli>(args, env);
    }

    // Runs to the end.
    std::unique_ptr<Cli> run(const QStringList &args, const QProcessEnvironment &env = cleanEnvironment(),
                             int timeoutMs = kWait)
    {
        auto cli = start(args, env);
        cli->finish(timeoutMs);
        return cli;
    }

    // soketi counts a subscriber: the CLI in another process is subscribed.
    bool waitOccupied(const QString &name)
    {
        return QTest::qWaitFor(
            [&] {
                const auto cli = run({QStringLiteral("channel"), name, QStringLiteral("--url"), url()});
                return parseObject(cli->out()).value(QStringLiteral("occupied")).toBool();
            },
            kWait);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(QFileInfo(QStringLiteral(CS_CLI_PATH)).isExecutable());
        QVERIFY(m_dir.isValid());
        QVERIFY2(m_soketi.start(), qPrintable(m_soketi.output()));
        m_url = url();
        // A port nothing listens on: bound for a moment, then released.
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        const quint16 closedPort = probe.serverPort();
        probe.close();
        m_closedUrl = url(QStringLiteral("app-key"), QStringLiteral("app-secret"), closedPort);
    }

    // --- help and usage ---

    void helpExitsZero_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("usage");
        QTest::addRow("--help") << QStringList{QStringLiteral("--help")}
                                << QStringLiteral("Usage: channelscope-cli COMMAND");
        QTest::addRow("-h") << QStringList{QStringLiteral("-h")} << QStringLiteral("Usage: channelscope-cli COMMAND");
        QTest::addRow("help") << QStringList{QStringLiteral("help")}
                              << QStringLiteral("Usage: channelscope-cli COMMAND");
        for (const char *command :
             {"listen", "expect", "trigger", "batch", "channels", "channel", "users", "terminate", "sign"}) {
            const QString name = QString::fromLatin1(command);
            QTest::addRow("%s --help", command) << QStringList{name, QStringLiteral("--help")}
                                                << QStringLiteral("Usage: channelscope-cli %1 [options]").arg(name);
            QTest::addRow("%s -h", command) << QStringList{name, QStringLiteral("-h")}
                                            << QStringLiteral("Usage: channelscope-cli %1 [options]").arg(name);
        }
        // Before the command, --help asks for that command's help, as "help COMMAND" does.
        QTest::addRow("--help listen") << QStringList{QStringLiteral("--help"), QStringLiteral("listen")}
                                       << QStringLiteral("Usage: channelscope-cli listen [options]");
        QTest::addRow("-h trigger") << QStringList{QStringLiteral("-h"), QStringLiteral("trigger")}
                                    << QStringLiteral("Usage: channelscope-cli trigger [options]");
        QTest::addRow("help sign") << QStringList{QStringLiteral("help"), QStringLiteral("sign")}
                                   << QStringLiteral("Usage: channelscope-cli sign [options]");
        QTest::addRow("--url URL --help channels")
            << QStringList{QStringLiteral("--url"), QStringLiteral("http://k:s@h/apps/1"), QStringLiteral("--help"),
                           QStringLiteral("channels")}
            << QStringLiteral("Usage: channelscope-cli channels [options]");
    }
    void helpExitsZero()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, usage);
        const auto cli = run(args);
        QVERIFY2(cli->exitCode() == 0, qPrintable(cli->describe()));
        QVERIFY2(cli->out().startsWith(usage.toUtf8()), qPrintable(cli->describe()));
        QVERIFY2(cli->err().isEmpty(), qPrintable(cli->describe()));
        if (args.size() > 1)  // every command takes the credential options
            QVERIFY2(cli->out().contains("--url <url>"), qPrintable(cli->describe()));
        else
            QVERIFY2(cli->out().contains("Exit codes"), qPrintable(cli->describe()));
    }

    void versionBeforeAnyCommand_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addRow("--version") << QStringList{QStringLiteral("--version")};
        QTest::addRow("--version listen")
            << QStringList{QStringLiteral("--version"), QStringLiteral("listen"), QStringLiteral("x")};
        QTest::addRow("--url URL --version")
            << QStringList{QStringLiteral("--url"), QStringLiteral("http://k:s@h/apps/1"), QStringLiteral("--version")};
    }
    void versionBeforeAnyCommand()
    {
        QFETCH(QStringList, args);
        const auto cli = run(args);
        QVERIFY2(cli->exitCode() == 0, qPrintable(cli->describe()));
        QVERIFY2(cli->out().startsWith("channelscope-cli "), qPrintable(cli->describe()));
        QVERIFY2(cli->err().isEmpty(), qPrintable(cli->describe()));
    }

    // --- options before or after the command (as kubectl and docker take them) ---

    void optionsBeforeOrAfterCommand_data()
    {
        // %URL% is the soketi URL, %PORT% its port. Each row places the same options for listen and trigger.
        QTest::addColumn<QStringList>("before");
        QTest::addColumn<QStringList>("after");
        const QString u = QStringLiteral("%URL%");
        QTest::addRow("after") << QStringList{} << QStringList{QStringLiteral("--url"), u};
        QTest::addRow("before") << QStringList{QStringLiteral("--url"), u} << QStringList{};
        QTest::addRow("--url=value before") << QStringList{QStringLiteral("--url=") + u} << QStringList{};
        QTest::addRow("separate options before") << QStringList{QStringLiteral("--app-id"),
                                                                QStringLiteral("app-id"),
                                                                QStringLiteral("--key"),
                                                                QStringLiteral("app-key"),
                                                                QStringLiteral("--secret=app-secret"),
                                                                QStringLiteral("--host"),
                                                                QStringLiteral("127.0.0.1"),
                                                                QStringLiteral("--port"),
                                                                QStringLiteral("%PORT%"),
                                                                QStringLiteral("--no-tls")}
                                                 << QStringList{};
        QTest::addRow("some before, some after")
            << QStringList{QStringLiteral("--key"), QStringLiteral("app-key"), QStringLiteral("--no-tls"),
                           QStringLiteral("--port=%PORT%")}
            << QStringList{QStringLiteral("--app-id"),   QStringLiteral("app-id"), QStringLiteral("--secret"),
                           QStringLiteral("app-secret"), QStringLiteral("--host"), QStringLiteral("127.0.0.1")};
        // After the command wins when both give a value: the leading --url points nowhere.
        QTest::addRow("after overrides before") << QStringList{QStringLiteral("--url"), QStringLiteral("%CLOSED_URL%")}
                                                << QStringList{QStringLiteral("--url"), u};
    }
    void optionsBeforeOrAfterCommand()
    {
        QFETCH(QStringList, before);
        QFETCH(QStringList, after);
        for (QStringList *list : {&before, &after}) {
            list->replaceInStrings(QStringLiteral("%URL%"), m_url);
            list->replaceInStrings(QStringLiteral("%CLOSED_URL%"), m_closedUrl);
            list->replaceInStrings(QStringLiteral("%PORT%"), QString::number(m_soketi.port()));
        }
        const QString name = channel(QStringLiteral("order"));
        const auto listen =
            start(before + QStringList{QStringLiteral("listen"), name, QStringLiteral("--count"), QStringLiteral("1")}
                  + after);
        QVERIFY2(listen->waitForLines([&](const QJsonObject &l) { return isSubscribed(l, name); }),
                 qPrintable(listen->describe()));

        const auto trigger =
            run(before
                + QStringList{QStringLiteral("trigger"), QStringLiteral("--channel"), name, QStringLiteral("--event"),
                              QStringLiteral("ordered"), QStringLiteral("--data"), QStringLiteral("1")}
                + after);
        QVERIFY2(trigger->exitCode() == 0, qPrintable(trigger->describe()));
        QCOMPARE(parseObject(trigger->out()), (QJsonObject{{QStringLiteral("ok"), true}}));

        QVERIFY2(listen->finish(), qPrintable(listen->describe()));
        QVERIFY2(listen->exitCode() == 0, qPrintable(listen->describe()));
        QVERIFY2(findEvent(listen->lines(), name, QStringLiteral("ordered")), qPrintable(listen->describe()));
    }

    // --- listen ---

    void listenPrintsNdjson_data()
    {
        QTest::addColumn<CredentialsVia>("via");
        QTest::addRow("--url") << CredentialsVia::Url;
        QTest::addRow("separate options") << CredentialsVia::Options;
        QTest::addRow("PUSHER_* environment") << CredentialsVia::Environment;
        QTest::addRow("options override the environment") << CredentialsVia::OptionsOverEnvironment;
        QTest::addRow("--url overrides the environment") << CredentialsVia::UrlOverEnvironment;
    }
    void listenPrintsNdjson()
    {
        QFETCH(CredentialsVia, via);
        const QString name = channel(QStringLiteral("news"));

        QStringList listenArgs{QStringLiteral("listen"), name, QStringLiteral("--count"), QStringLiteral("1")};
        QProcessEnvironment listenEnv = cleanEnvironment();
        applyCredentials(via, listenArgs, listenEnv);
        const auto listen = start(listenArgs, listenEnv);
        QVERIFY2(listen->waitForLines([&](const QJsonObject &l) { return isSubscribed(l, name); }),
                 qPrintable(listen->describe()));

        QStringList triggerArgs{QStringLiteral("trigger"),
                                QStringLiteral("--channel"),
                                name,
                                QStringLiteral("--event"),
                                QStringLiteral("headline"),
                                QStringLiteral("--data"),
                                QStringLiteral("{\"title\":\"hello\",\"n\":1}")};
        QProcessEnvironment triggerEnv = cleanEnvironment();
        applyCredentials(via, triggerArgs, triggerEnv);
        const auto trigger = run(triggerArgs, triggerEnv);
        QVERIFY2(trigger->exitCode() == 0, qPrintable(trigger->describe()));
        QCOMPARE(parseObject(trigger->out()), (QJsonObject{{QStringLiteral("ok"), true}}));

        QVERIFY2(listen->finish(), qPrintable(listen->describe()));
        QVERIFY2(listen->exitCode() == 0, qPrintable(listen->describe()));
        QVERIFY2(listen->err().isEmpty(), qPrintable(listen->describe()));

        // Every line is one JSON object with a UTC timestamp in milliseconds, a direction and a kind.
        QString parseError;
        const QList<QJsonObject> lines = parseLines(listen->out(), &parseError);
        QVERIFY2(parseError.isEmpty(), qPrintable(parseError));
        QVERIFY(lines.size() >= 4);
        static const QRegularExpression iso(QStringLiteral("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z$"));
        for (const QJsonObject &line : lines) {
            const QString text = QString::fromUtf8(QJsonDocument(line).toJson(QJsonDocument::Compact));
            QVERIFY2(iso.match(line.value(QStringLiteral("time")).toString()).hasMatch(), qPrintable(text));
            const QString dir = line.value(QStringLiteral("dir")).toString();
            QVERIFY2(QStringList({QStringLiteral("in"), QStringLiteral("out"), QStringLiteral("local")}).contains(dir),
                     qPrintable(text));
            QVERIFY2(!line.value(QStringLiteral("kind")).toString().isEmpty(), qPrintable(text));
            if (dir == QLatin1String("local"))
                QVERIFY2(line.value(QStringLiteral("message")).isString(), qPrintable(text));
            else  // frames keep their exact bytes
                QVERIFY2(QJsonDocument::fromJson(line.value(QStringLiteral("raw")).toString().toUtf8()).isObject(),
                         qPrintable(text));
        }
        // The story in order: connecting, connected, subscribe out, succeeded in, the event.
        const auto indexOf = [&](const std::function<bool(const QJsonObject &)> &match) {
            for (qsizetype i = 0; i < lines.size(); ++i)
                if (match(lines[i]))
                    return i;
            return qsizetype(-1);
        };
        const qsizetype connected = indexOf([](const QJsonObject &l) {
            return l.value(QStringLiteral("kind")).toString() == QLatin1String("state")
                   && l.value(QStringLiteral("data")).toObject().value(QStringLiteral("current")).toString()
                          == QLatin1String("connected");
        });
        const qsizetype subscribe = indexOf([&](const QJsonObject &l) {
            return l.value(QStringLiteral("dir")).toString() == QLatin1String("out")
                   && l.value(QStringLiteral("event")).toString() == QLatin1String("pusher:subscribe")
                   && l.value(QStringLiteral("channel")).toString() == name;
        });
        const qsizetype succeeded = indexOf([&](const QJsonObject &l) { return isSubscribed(l, name); });
        const qsizetype event = indexOf([&](const QJsonObject &l) {
            return l.value(QStringLiteral("event")).toString() == QLatin1String("headline");
        });
        QVERIFY2(connected >= 0 && connected < subscribe && subscribe < succeeded && succeeded < event,
                 qPrintable(listen->describe()));

        const QJsonObject &e = lines[event];
        QCOMPARE(e.value(QStringLiteral("dir")).toString(), QStringLiteral("in"));
        QCOMPARE(e.value(QStringLiteral("kind")).toString(), QStringLiteral("event"));
        QCOMPARE(e.value(QStringLiteral("channel")).toString(), name);
        QCOMPARE(e.value(QStringLiteral("data")),
                 QJsonValue(QJsonObject{{QStringLiteral("title"), QStringLiteral("hello")}, {QStringLiteral("n"), 1}}));
        const QJsonObject raw = QJsonDocument::fromJson(e.value(QStringLiteral("raw")).toString().toUtf8()).object();
        QCOMPARE(raw.value(QStringLiteral("event")).toString(), QStringLiteral("headline"));
        QCOMPARE(raw.value(QStringLiteral("channel")).toString(), name);
        QCOMPARE(raw.value(QStringLiteral("data")).toString(), QStringLiteral("{\"title\":\"hello\",\"n\":1}"));
    }

    // A presence member with an identity, seen by the REST queries while the listen holds the channels.
    void listenPresenceAndQueries()
    {
        const QString presence = QStringLiteral("presence-") + channel(QStringLiteral("room"));
        const QString pub = channel(QStringLiteral("query"));
        const auto listen =
            start({QStringLiteral("listen"), presence, pub, QStringLiteral("--user-id"), QStringLiteral("u-42"),
                   QStringLiteral("--user-info"), QStringLiteral("{\"name\":\"Ann\"}"), QStringLiteral("--count"),
                   QStringLiteral("1"), QStringLiteral("--url"), m_url});
        QVERIFY2(listen->waitForLines([](const QJsonObject &l) { return isSubscribed(l); }, 2),
                 qPrintable(listen->describe()));

        // The roster in subscription_succeeded holds our identity.
        const QList<QJsonObject> lines = listen->lines();
        const auto joined = findEvent(lines, presence, QStringLiteral("pusher_internal:subscription_succeeded"));
        QVERIFY2(joined.has_value(), qPrintable(listen->describe()));
        const QJsonObject roster =
            joined->value(QStringLiteral("data")).toObject().value(QStringLiteral("presence")).toObject();
        QCOMPARE(roster.value(QStringLiteral("hash")).toObject().value(QStringLiteral("u-42")),
                 QJsonValue(QJsonObject{{QStringLiteral("name"), QStringLiteral("Ann")}}));

        const auto users = run({QStringLiteral("users"), presence, QStringLiteral("--url"), m_url});
        QVERIFY2(users->exitCode() == 0, qPrintable(users->describe()));
        QCOMPARE(parseObject(users->out()).value(QStringLiteral("users")),
                 QJsonValue(QJsonArray{QJsonObject{{QStringLiteral("id"), QStringLiteral("u-42")}}}));

        const auto presenceInfo = run({QStringLiteral("channel"), presence, QStringLiteral("--info"),
                                       QStringLiteral("user_count"), QStringLiteral("--url"), m_url});
        QVERIFY2(presenceInfo->exitCode() == 0, qPrintable(presenceInfo->describe()));
        QCOMPARE(parseObject(presenceInfo->out()).value(QStringLiteral("user_count")).toInt(), 1);

        const auto info = run({QStringLiteral("channel"), pub, QStringLiteral("--info"),
                               QStringLiteral("subscription_count"), QStringLiteral("--url"), m_url});
        QVERIFY2(info->exitCode() == 0, qPrintable(info->describe()));
        const QJsonObject state = parseObject(info->out());
        QCOMPARE(state.value(QStringLiteral("occupied")).toBool(), true);
        QCOMPARE(state.value(QStringLiteral("subscription_count")).toInt(), 1);

        // --prefix keeps the public channel and leaves the presence one out.
        const auto list = run({QStringLiteral("channels"), QStringLiteral("--prefix"), pub.section(u'-', 0, 0) + u'-',
                               QStringLiteral("--url"), m_url});
        QVERIFY2(list->exitCode() == 0, qPrintable(list->describe()));
        const QJsonObject channels = parseObject(list->out()).value(QStringLiteral("channels")).toObject();
        QVERIFY2(channels.contains(pub), qPrintable(list->describe()));
        QVERIFY2(!channels.contains(presence), qPrintable(list->describe()));
        const auto presenceList = run({QStringLiteral("channels"), QStringLiteral("--prefix"),
                                       QStringLiteral("presence-"), QStringLiteral("--url"), m_url});
        QVERIFY2(presenceList->exitCode() == 0, qPrintable(presenceList->describe()));
        QVERIFY2(parseObject(presenceList->out()).value(QStringLiteral("channels")).toObject().contains(presence),
                 qPrintable(presenceList->describe()));

        // The listen ends with its one event, on the presence channel.
        const auto trigger = run({QStringLiteral("trigger"), QStringLiteral("--channel"), presence,
                                  QStringLiteral("--event"), QStringLiteral("bye"), QStringLiteral("--data"),
                                  QStringLiteral("\"see you\""), QStringLiteral("--url"), m_url});
        QVERIFY2(trigger->exitCode() == 0, qPrintable(trigger->describe()));
        QVERIFY2(listen->finish(), qPrintable(listen->describe()));
        QVERIFY2(listen->exitCode() == 0, qPrintable(listen->describe()));
        const auto bye = findEvent(listen->lines(), presence, QStringLiteral("bye"));
        QVERIFY2(bye.has_value(), qPrintable(listen->describe()));
        QCOMPARE(bye->value(QStringLiteral("data")), QJsonValue(QStringLiteral("see you")));
    }

    // --- expect ---

    void expectMatches_data()
    {
        QTest::addColumn<QStringList>("expectArgs");   // after CHANNEL
        QTest::addColumn<QStringList>("decoys");       // --data of events that must not match, same event name
        QTest::addColumn<QStringList>("triggerArgs");  // the matching trigger, after --channel/--event
        QTest::addColumn<QJsonValue>("data");          // what expect prints

        QTest::addRow("event name only") << QStringList{} << QStringList{}
                                         << QStringList{QStringLiteral("--data"), QStringLiteral("{\"x\":1}")}
                                         << QJsonValue(QJsonObject{{QStringLiteral("x"), 1}});
        QTest::addRow("--data-contains in a JSON object")
            << QStringList{QStringLiteral("--data-contains"), QStringLiteral("needle")}
            << QStringList{QStringLiteral("{\"msg\":\"haystack\"}"), QStringLiteral("[1,2,3]")}
            << QStringList{QStringLiteral("--data"), QStringLiteral("{\"msg\":\"a needle here\"}")}
            << QJsonValue(QJsonObject{{QStringLiteral("msg"), QStringLiteral("a needle here")}});
        QTest::addRow("--data-contains in a plain string")
            << QStringList{QStringLiteral("--data-contains"), QStringLiteral("ready")}
            << QStringList{QStringLiteral("\"not yet\"")}
            << QStringList{QStringLiteral("--string"), QStringLiteral("--data"), QStringLiteral("build is ready")}
            << QJsonValue(QStringLiteral("build is ready"));
        QTest::addRow("data from @FILE")
            << QStringList{QStringLiteral("--data-contains"), QStringLiteral("from-a-file")} << QStringList{}
            << QStringList{QStringLiteral("--data"), QStringLiteral("@%FILE%")}
            << QJsonValue(QJsonObject{{QStringLiteral("source"), QStringLiteral("from-a-file")},
                                      {QStringLiteral("list"), QJsonArray{1, 2}}});
    }
    void expectMatches()
    {
        QFETCH(QStringList, expectArgs);
        QFETCH(QStringList, decoys);
        QFETCH(QStringList, triggerArgs);
        QFETCH(QJsonValue, data);
        const QString file = writeFile(QStringLiteral("data.json"), "{\"source\":\"from-a-file\",\"list\":[1,2]}\n");
        triggerArgs.replaceInStrings(QStringLiteral("%FILE%"), file);

        const QString name = channel(QStringLiteral("expect"));
        const auto expect =
            start(QStringList{QStringLiteral("expect"), name, QStringLiteral("--event"), QStringLiteral("done"),
                              QStringLiteral("--timeout"), QStringLiteral("15"), QStringLiteral("--url"), m_url}
                  + expectArgs);
        QVERIFY2(waitOccupied(name), qPrintable(expect->describe()));

        const QStringList target{QStringLiteral("trigger"), QStringLiteral("--url"), m_url, QStringLiteral("--channel"),
                                 name};
        // Near misses first: another event name, then the right name with the wrong data.
        const auto other = run(target
                               + QStringList{QStringLiteral("--event"), QStringLiteral("other"),
                                             QStringLiteral("--data"), QStringLiteral("{\"x\":1}")});
        QVERIFY2(other->exitCode() == 0, qPrintable(other->describe()));
        for (const QString &decoy : decoys) {
            const auto miss =
                run(target
                    + QStringList{QStringLiteral("--event"), QStringLiteral("done"), QStringLiteral("--data"), decoy});
            QVERIFY2(miss->exitCode() == 0, qPrintable(miss->describe()));
        }
        // No fixed wait for "still running": soketi delivers the channel's events in order, so
        // a decoy that matched would end `expect` before the hit arrives, and the match printed
        // below (event "done" with exactly the hit's data) would be the decoy.

        const auto hit = run(target + QStringList{QStringLiteral("--event"), QStringLiteral("done")} + triggerArgs);
        QVERIFY2(hit->exitCode() == 0, qPrintable(hit->describe()));
        QVERIFY2(expect->finish(), qPrintable(expect->describe()));
        QVERIFY2(expect->exitCode() == 0, qPrintable(expect->describe()));
        const QJsonObject match = parseObject(expect->out());
        QCOMPARE(match.value(QStringLiteral("channel")).toString(), name);
        QCOMPARE(match.value(QStringLiteral("event")).toString(), QStringLiteral("done"));
        QCOMPARE(match.value(QStringLiteral("data")), data);
    }

    void expectTimesOut()
    {
        const QString name = channel(QStringLiteral("silent"));
        QElapsedTimer clock;
        clock.start();
        const auto expect = start({QStringLiteral("expect"), name, QStringLiteral("--event"), QStringLiteral("done"),
                                   QStringLiteral("--data-contains"), QStringLiteral("needle"),
                                   QStringLiteral("--timeout"), QStringLiteral("1.5"), QStringLiteral("--url"), m_url});
        QVERIFY2(waitOccupied(name), qPrintable(expect->describe()));
        const auto miss = run({QStringLiteral("trigger"), QStringLiteral("--url"), m_url, QStringLiteral("--channel"),
                               name, QStringLiteral("--event"), QStringLiteral("done"), QStringLiteral("--data"),
                               QStringLiteral("\"hay\"")});
        QVERIFY2(miss->exitCode() == 0, qPrintable(miss->describe()));
        QVERIFY2(expect->finish(), qPrintable(expect->describe()));
        QVERIFY2(expect->exitCode() == 1, qPrintable(expect->describe()));
        QVERIFY(clock.elapsed() >= 1400);
        QVERIFY2(expect->out().isEmpty(), qPrintable(expect->describe()));
        const QString err = QString::fromUtf8(expect->err());
        QVERIFY2(err.contains(
                     QStringLiteral("no event 'done' on %1 with data containing 'needle' within 1.5 s").arg(name)),
                 qPrintable(err));
    }

    // --- trigger, batch, terminate ---

    void trigger_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QJsonObject>("sent");  // members of the request body (from --verbose on stderr)
        QTest::addRow("JSON data") << QStringList{QStringLiteral("--data"), QStringLiteral("{\"a\":[1,2]}")}
                                   << QJsonObject{{QStringLiteral("data"), QStringLiteral("{\"a\":[1,2]}")}};
        QTest::addRow("scalar JSON data") << QStringList{QStringLiteral("--data"), QStringLiteral("42")}
                                          << QJsonObject{{QStringLiteral("data"), QStringLiteral("42")}};
        QTest::addRow("--exclude-socket")
            << QStringList{QStringLiteral("--data"), QStringLiteral("{}"), QStringLiteral("--exclude-socket"),
                           QStringLiteral("1234.5678")}
            << QJsonObject{{QStringLiteral("socket_id"), QStringLiteral("1234.5678")}};
        QTest::addRow("--info") << QStringList{QStringLiteral("--data"), QStringLiteral("{}"), QStringLiteral("--info"),
                                               QStringLiteral("subscription_count,user_count")}
                                << QJsonObject{
                                       {QStringLiteral("info"), QStringLiteral("subscription_count,user_count")}};
        QTest::addRow("--data @FILE") << QStringList{QStringLiteral("--data"), QStringLiteral("@%FILE%")}
                                      << QJsonObject{{QStringLiteral("data"), QStringLiteral("{\"from\":\"file\"}")}};
        QTest::addRow("--string") << QStringList{QStringLiteral("--string"), QStringLiteral("--data"),
                                                 QStringLiteral("not { json")}
                                  << QJsonObject{{QStringLiteral("data"), QStringLiteral("not { json")}};
        QTest::addRow("several channels")
            << QStringList{QStringLiteral("--channel"), QStringLiteral("second-channel"), QStringLiteral("--data"),
                           QStringLiteral("1")}
            << QJsonObject{{QStringLiteral("channels"),
                            QJsonArray{QStringLiteral("%CHANNEL%"), QStringLiteral("second-channel")}}};
    }
    void trigger()
    {
        QFETCH(QStringList, args);
        QFETCH(QJsonObject, sent);
        args.replaceInStrings(QStringLiteral("%FILE%"),
                              writeFile(QStringLiteral("trigger.json"), "{\"from\":\"file\"}\n"));
        const QString name = channel(QStringLiteral("trigger"));
        const auto plain =
            run(QStringList{QStringLiteral("trigger"), QStringLiteral("--url"), m_url, QStringLiteral("--channel"),
                            name, QStringLiteral("--event"), QStringLiteral("e")}
                + args);
        QVERIFY2(plain->exitCode() == 0, qPrintable(plain->describe()));
        QCOMPARE(plain->out(), QByteArray("{\"ok\":true}\n"));  // the server's answer, as it came
        QVERIFY2(plain->err().isEmpty(), qPrintable(plain->describe()));

        // --verbose shows the request as sent, on stderr.
        const auto verbose =
            run(QStringList{QStringLiteral("trigger"), QStringLiteral("--verbose"), QStringLiteral("--url"), m_url,
                            QStringLiteral("--channel"), name, QStringLiteral("--event"), QStringLiteral("e")}
                + args);
        QVERIFY2(verbose->exitCode() == 0, qPrintable(verbose->describe()));
        QCOMPARE(verbose->out(), QByteArray("{\"ok\":true}\n"));
        QJsonObject body;
        for (const QJsonObject &line : parseLines(verbose->err())) {
            if (line.value(QStringLiteral("dir")).toString() == QLatin1String("out"))
                body =
                    QJsonDocument::fromJson(
                        line.value(QStringLiteral("data")).toObject().value(QStringLiteral("body")).toString().toUtf8())
                        .object();
        }
        QVERIFY2(!body.isEmpty(), qPrintable(verbose->describe()));
        QCOMPARE(body.value(QStringLiteral("name")).toString(), QStringLiteral("e"));
        for (auto it = sent.begin(); it != sent.end(); ++it) {
            QJsonValue expected = it.value();
            if (expected.isArray()) {
                QJsonArray list = expected.toArray();
                for (qsizetype i = 0; i < list.size(); ++i)
                    if (list[i].toString() == QLatin1String("%CHANNEL%"))
                        list[i] = name;
                expected = list;
            }
            QCOMPARE(body.value(it.key()), expected);
        }
    }

    void batchDeliversEveryEvent()
    {
        const QString a = channel(QStringLiteral("batch"));
        const QString b = channel(QStringLiteral("batch"));
        const auto listen = start({QStringLiteral("listen"), a, b, QStringLiteral("--count"), QStringLiteral("2"),
                                   QStringLiteral("--url"), m_url});
        QVERIFY2(listen->waitForLines([](const QJsonObject &l) { return isSubscribed(l); }, 2),
                 qPrintable(listen->describe()));

        const QJsonArray events{
            QJsonObject{{QStringLiteral("channel"), a},
                        {QStringLiteral("name"), QStringLiteral("first")},
                        {QStringLiteral("data"), QJsonObject{{QStringLiteral("k"), 1}}}},
            QJsonObject{{QStringLiteral("channel"), b},
                        {QStringLiteral("name"), QStringLiteral("second")},
                        {QStringLiteral("data"), QStringLiteral("plain text")}},
        };
        const QString file = writeFile(QStringLiteral("batch.json"), QJsonDocument(events).toJson());
        const auto batch =
            run({QStringLiteral("batch"), QStringLiteral("--file"), file, QStringLiteral("--url"), m_url});
        QVERIFY2(batch->exitCode() == 0, qPrintable(batch->describe()));
        QVERIFY2(batch->err().isEmpty(), qPrintable(batch->describe()));
        QCOMPARE(parseObject(batch->out()), (QJsonObject{{QStringLiteral("ok"), true}}));

        QVERIFY2(listen->finish(), qPrintable(listen->describe()));
        QVERIFY2(listen->exitCode() == 0, qPrintable(listen->describe()));
        const QList<QJsonObject> lines = listen->lines();
        const auto first = findEvent(lines, a, QStringLiteral("first"));
        const auto second = findEvent(lines, b, QStringLiteral("second"));
        QVERIFY2(first && second, qPrintable(listen->describe()));
        QCOMPARE(first->value(QStringLiteral("data")), QJsonValue(QJsonObject{{QStringLiteral("k"), 1}}));
        QCOMPARE(second->value(QStringLiteral("data")), QJsonValue(QStringLiteral("plain text")));
    }

    void terminateSignedInUser()
    {
        test::SoketiServer soketi;
        QVERIFY2(soketi.start({{QStringLiteral("SOKETI_DEFAULT_APP_USER_AUTHENTICATION"), QStringLiteral("true")}}),
                 qPrintable(soketi.output()));
        // A signed-in user, in this process, for the terminate to hit.
        LogStore log;
        Session session(soketi.credentials(), &log, QStringLiteral("victim"));
        QSignalSpy signedIn(session.channels(), &ChannelRegistry::signedIn);
        session.connection()->open();
        session.channels()->signin({QStringLiteral("user-7"), {}});
        QTRY_COMPARE_WITH_TIMEOUT(signedIn.size(), 1, kWait);

        const auto cli = run({QStringLiteral("terminate"), QStringLiteral("user-7"), QStringLiteral("--url"),
                              url(QStringLiteral("app-key"), QStringLiteral("app-secret"), soketi.port())});
        QVERIFY2(cli->exitCode() == 0, qPrintable(cli->describe()));
        QVERIFY2(cli->err().isEmpty(), qPrintable(cli->describe()));
        QCOMPARE(parseObject(cli->out()), (QJsonObject{{QStringLiteral("ok"), true}}));
        // soketi closes the user's connections with 4009, which refuses a reconnect.
        QTRY_COMPARE_WITH_TIMEOUT(session.connection()->state(), ConnectionState::Disconnected, kWait);
        QVERIFY2(session.connection()->lastError().message.contains(QLatin1String("4009")),
                 qPrintable(session.connection()->lastError().message));
    }

    // --- sign ---

    void sign_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QStringList>("env");
        QTest::addColumn<QJsonObject>("expected");
        const QStringList docsKeys{QStringLiteral("--key"), QStringLiteral("278d425bdf160c739803"),
                                   QStringLiteral("--secret"), QStringLiteral("7ad3773142a6692b25b8")};
        const QString docsAuth = QStringLiteral("278d425bdf160c739803:");

        QTest::addRow("private channel (docs D1)")
            << QStringList{QStringLiteral("--socket-id"), QStringLiteral("1234.1234"), QStringLiteral("--channel"),
                           QStringLiteral("private-foobar")}
                   + docsKeys
            << QStringList{}
            << QJsonObject{{QStringLiteral("auth"),
                            docsAuth
                                + QStringLiteral("58df8b0c36d6982b82c3ecf6b4662e34fe8c25bba48f5369f135bf843651c3a4")},
                           {QStringLiteral("string_to_sign"), QStringLiteral("1234.1234:private-foobar")}};
        const QString channelData = QStringLiteral("{\"user_id\":10,\"user_info\":{\"name\":\"Mr. Pusher\"}}");
        QTest::addRow("presence channel (docs D3)")
            << QStringList{QStringLiteral("--socket-id"),    QStringLiteral("1234.1234"),
                           QStringLiteral("--channel"),      QStringLiteral("presence-foobar"),
                           QStringLiteral("--channel-data"), channelData}
                   + docsKeys
            << QStringList{}
            << QJsonObject{
                   {QStringLiteral("auth"),
                    docsAuth + QStringLiteral("afaed3695da2ffd16931f457e338e6c9f2921fa133ce7dac49f529792be6304c")},
                   {QStringLiteral("channel_data"), channelData},
                   {QStringLiteral("string_to_sign"), QStringLiteral("1234.1234:presence-foobar:") + channelData}};
        QTest::addRow("user sign-in (docs D2)")
            << QStringList{QStringLiteral("--socket-id"), QStringLiteral("1234.1234"), QStringLiteral("--user-data"),
                           QStringLiteral("{\"id\":\"12345\"}")}
                   + docsKeys
            << QStringList{}
            << QJsonObject{{QStringLiteral("auth"),
                            docsAuth
                                + QStringLiteral("4708d583dada6a56435fb8bc611c77c359a31eebde13337c16ab43aa6de336ba")},
                           {QStringLiteral("user_data"), QStringLiteral("{\"id\":\"12345\"}")},
                           {QStringLiteral("string_to_sign"), QStringLiteral("1234.1234::user::{\"id\":\"12345\"}")}};
        QTest::addRow("private-encrypted (pusher-js vector)")
            << QStringList{QStringLiteral("--socket-id"),
                           QStringLiteral("123.456"),
                           QStringLiteral("--channel"),
                           QStringLiteral("private-encrypted-bla"),
                           QStringLiteral("--channel-data"),
                           QStringLiteral("\"foo\""),
                           QStringLiteral("--key"),
                           QStringLiteral("f00d"),
                           QStringLiteral("--secret"),
                           QStringLiteral("tofu"),
                           QStringLiteral("--encryption-master-key"),
                           kMasterKey}
            << QStringList{}
            << QJsonObject{{QStringLiteral("auth"),
                            QStringLiteral("f00d:962c48b78bf93d98ff4c92ee7dff04865821455b7b401e9d60a9e0a90af2c105")},
                           {QStringLiteral("channel_data"), QStringLiteral("\"foo\"")},
                           {QStringLiteral("shared_secret"),
                            QStringLiteral("nlr49ISQHz91yS3cy/yWmW8wFMNeTnNL5tNHnbPJcLQ=")},
                           {QStringLiteral("string_to_sign"), QStringLiteral("123.456:private-encrypted-bla:\"foo\"")}};
        // shared_secret = base64(SHA256(channel name || master key)), computed here independently.
        const QByteArray perChannelKey =
            QCryptographicHash::hash("private-encrypted-foobar" + QByteArray::fromBase64(kMasterKey.toLatin1()),
                                     QCryptographicHash::Sha256);
        QTest::addRow("private-encrypted, keys from the environment")
            << QStringList{QStringLiteral("--socket-id"), QStringLiteral("1234.1234"), QStringLiteral("--channel"),
                           QStringLiteral("private-encrypted-foobar")}
            << QStringList{QStringLiteral("PUSHER_APP_KEY=278d425bdf160c739803"),
                           QStringLiteral("PUSHER_APP_SECRET=7ad3773142a6692b25b8"),
                           QStringLiteral("PUSHER_ENCRYPTION_MASTER_KEY_BASE64=") + kMasterKey}
            << QJsonObject{{QStringLiteral("auth"),
                            docsAuth
                                + QString::fromLatin1(
                                    QMessageAuthenticationCode::hash("1234.1234:private-encrypted-foobar",
                                                                     "7ad3773142a6692b25b8", QCryptographicHash::Sha256)
                                        .toHex())},
                           {QStringLiteral("shared_secret"), QString::fromLatin1(perChannelKey.toBase64())},
                           {QStringLiteral("string_to_sign"), QStringLiteral("1234.1234:private-encrypted-foobar")}};
    }
    void sign()
    {
        QFETCH(QStringList, args);
        QFETCH(QStringList, env);
        QFETCH(QJsonObject, expected);
        QProcessEnvironment environment = cleanEnvironment();
        for (const QString &pair : env)
            environment.insert(pair.section(u'=', 0, 0), pair.section(u'=', 1));
        const auto cli = run(QStringList{QStringLiteral("sign")} + args, environment);
        QVERIFY2(cli->exitCode() == 0, qPrintable(cli->describe()));
        QVERIFY2(cli->err().isEmpty(), qPrintable(cli->describe()));
        QCOMPARE(parseObject(cli->out()), expected);
    }

    // --- failures: exit code and a message on stderr ---

    void failures_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("stderrHas");

        const QString u = QStringLiteral("%URL%");
        const auto row = [](const char *name, const QStringList &args, int code, const QString &needle) {
            QTest::newRow(name) << args << code << needle;
        };
        // 2: usage
        row("no command", {}, 2, QStringLiteral("no command given"));
        row("unknown command", {QStringLiteral("frobnicate")}, 2, QStringLiteral("unknown command 'frobnicate'"));
        row("unknown option", {QStringLiteral("trigger"), QStringLiteral("--frobnicate")}, 2,
            QStringLiteral("Unknown option 'frobnicate'"));
        row("option without its value", {QStringLiteral("listen"), QStringLiteral("--count")}, 2,
            QStringLiteral("Missing value after '--count'"));
        row("no credentials", {QStringLiteral("channels")}, 2, QStringLiteral("no app key"));
        // Before the command only the shared options are known: a command's own options go after it.
        row("command option before the command",
            {QStringLiteral("--count"), QStringLiteral("1"), QStringLiteral("listen"), QStringLiteral("x"),
             QStringLiteral("--url"), u},
            2, QStringLiteral("unknown option '--count' before the command"));
        row("unknown --name=value before the command",
            {QStringLiteral("--frobnicate=1"), QStringLiteral("channels"), QStringLiteral("--url"), u}, 2,
            QStringLiteral("unknown option '--frobnicate' before the command"));
        row("unknown short option before the command",
            {QStringLiteral("-x"), QStringLiteral("channels"), QStringLiteral("--url"), u}, 2,
            QStringLiteral("unknown option '-x' before the command"));
        row("leading option without its value", {QStringLiteral("--url")}, 2,
            QStringLiteral("option '--url' needs a value"));
        row("leading options without a command", {QStringLiteral("--url"), u}, 2, QStringLiteral("no command given"));
        row("leading option the command does not take",
            {QStringLiteral("--auth-endpoint"), QStringLiteral("http://127.0.0.1:1/auth"), QStringLiteral("channels"),
             QStringLiteral("--url"), u},
            2, QStringLiteral("Unknown option 'auth-endpoint'"));
        row("no secret for REST",
            {QStringLiteral("channels"), QStringLiteral("--key"), QStringLiteral("k"), QStringLiteral("--app-id"),
             QStringLiteral("1"), QStringLiteral("--host"), QStringLiteral("h")},
            2, QStringLiteral("no app secret"));
        row("URL without /apps/ID",
            {QStringLiteral("channels"), QStringLiteral("--url"), QStringLiteral("http://k:s@127.0.0.1:1/nope")}, 2,
            QStringLiteral("/apps/APP_ID"));
        row("port out of range",
            {QStringLiteral("channels"), QStringLiteral("--url"), u, QStringLiteral("--port"), QStringLiteral("99999")},
            2, QStringLiteral("--port"));
        row("--tls with --no-tls",
            {QStringLiteral("channels"), QStringLiteral("--url"), u, QStringLiteral("--tls"),
             QStringLiteral("--no-tls")},
            2, QStringLiteral("exclude each other"));
        row("listen --count not a number",
            {QStringLiteral("listen"), QStringLiteral("x"), QStringLiteral("--url"), u, QStringLiteral("--count"),
             QStringLiteral("many")},
            2, QStringLiteral("--count"));
        row("listen --user-info not an object",
            {QStringLiteral("listen"), QStringLiteral("presence-x"), QStringLiteral("--url"), u,
             QStringLiteral("--user-info"), QStringLiteral("[1]")},
            2, QStringLiteral("--user-info"));
        row("listen invalid channel name",
            {QStringLiteral("listen"), QStringLiteral("bad name"), QStringLiteral("--url"), u}, 2,
            QStringLiteral("invalid character"));
        row("expect without --event", {QStringLiteral("expect"), QStringLiteral("x"), QStringLiteral("--url"), u}, 2,
            QStringLiteral("--event is required"));
        row("expect without a channel",
            {QStringLiteral("expect"), QStringLiteral("--event"), QStringLiteral("e"), QStringLiteral("--url"), u}, 2,
            QStringLiteral("exactly one CHANNEL"));
        row("expect with two channels",
            {QStringLiteral("expect"), QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("--event"),
             QStringLiteral("e"), QStringLiteral("--url"), u},
            2, QStringLiteral("exactly one CHANNEL"));
        row("expect --timeout 0",
            {QStringLiteral("expect"), QStringLiteral("a"), QStringLiteral("--event"), QStringLiteral("e"),
             QStringLiteral("--timeout"), QStringLiteral("0"), QStringLiteral("--url"), u},
            2, QStringLiteral("--timeout"));
        const QStringList trig{QStringLiteral("trigger"), QStringLiteral("--url"), u};
        row("trigger without --channel",
            trig
                + QStringList{QStringLiteral("--event"), QStringLiteral("e"), QStringLiteral("--data"),
                              QStringLiteral("1")},
            2, QStringLiteral("--channel is required"));
        row("trigger without --event",
            trig
                + QStringList{QStringLiteral("--channel"), QStringLiteral("c"), QStringLiteral("--data"),
                              QStringLiteral("1")},
            2, QStringLiteral("--event is required"));
        row("trigger without --data",
            trig
                + QStringList{QStringLiteral("--channel"), QStringLiteral("c"), QStringLiteral("--event"),
                              QStringLiteral("e")},
            2, QStringLiteral("--data is required"));
        row("trigger invalid JSON",
            trig
                + QStringList{QStringLiteral("--channel"), QStringLiteral("c"), QStringLiteral("--event"),
                              QStringLiteral("e"), QStringLiteral("--data"), QStringLiteral("{\"a\":}")},
            2, QStringLiteral("--data is not valid JSON"));
        row("trigger invalid JSON names the position",
            trig
                + QStringList{QStringLiteral("--channel"), QStringLiteral("c"), QStringLiteral("--event"),
                              QStringLiteral("e"), QStringLiteral("--data"), QStringLiteral("[1,2,}")},
            2,
            QStringLiteral("at character 6"));  // the 6th character, '}', counted from 1
        row("trigger invalid JSON in @FILE",
            trig
                + QStringList{QStringLiteral("--channel"), QStringLiteral("c"), QStringLiteral("--event"),
                              QStringLiteral("e"), QStringLiteral("--data"), QStringLiteral("@%DIR%/broken.json")},
            2, QStringLiteral("not valid JSON"));
        row("trigger @FILE missing",
            trig
                + QStringList{QStringLiteral("--channel"), QStringLiteral("c"), QStringLiteral("--event"),
                              QStringLiteral("e"), QStringLiteral("--data"), QStringLiteral("@%DIR%/missing.json")},
            2, QStringLiteral("cannot read"));
        row("trigger invalid channel name",
            trig
                + QStringList{QStringLiteral("--channel"), QStringLiteral("no spaces"), QStringLiteral("--event"),
                              QStringLiteral("e"), QStringLiteral("--data"), QStringLiteral("1")},
            2, QStringLiteral("invalid character"));
        row("batch without --file", {QStringLiteral("batch"), QStringLiteral("--url"), u}, 2,
            QStringLiteral("--file is required"));
        row("batch file missing",
            {QStringLiteral("batch"), QStringLiteral("--url"), u, QStringLiteral("--file"),
             QStringLiteral("%DIR%/missing.json")},
            2, QStringLiteral("cannot read"));
        row("batch file not JSON",
            {QStringLiteral("batch"), QStringLiteral("--url"), u, QStringLiteral("--file"),
             QStringLiteral("%DIR%/broken.json")},
            2, QStringLiteral("not valid JSON"));
        row("batch of 11 events",
            {QStringLiteral("batch"), QStringLiteral("--url"), u, QStringLiteral("--file"),
             QStringLiteral("%DIR%/eleven.json")},
            2, QStringLiteral("at most 10 events"));
        row("batch event without a name",
            {QStringLiteral("batch"), QStringLiteral("--url"), u, QStringLiteral("--file"),
             QStringLiteral("%DIR%/nameless.json")},
            2, QStringLiteral("needs \"channel\" and \"name\""));
        row("channel without NAME", {QStringLiteral("channel"), QStringLiteral("--url"), u}, 2,
            QStringLiteral("exactly one channel NAME"));
        row("users with two names",
            {QStringLiteral("users"), QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("--url"), u}, 2,
            QStringLiteral("exactly one presence channel NAME"));
        row("terminate without USER_ID", {QStringLiteral("terminate"), QStringLiteral("--url"), u}, 2,
            QStringLiteral("exactly one USER_ID"));
        const QStringList keys{QStringLiteral("--key"), QStringLiteral("k"), QStringLiteral("--secret"),
                               QStringLiteral("s")};
        row("sign without --socket-id",
            QStringList{QStringLiteral("sign"), QStringLiteral("--channel"), QStringLiteral("private-x")} + keys, 2,
            QStringLiteral("--socket-id is required"));
        row("sign with --channel and --user-data",
            QStringList{QStringLiteral("sign"), QStringLiteral("--socket-id"), QStringLiteral("1.1"),
                        QStringLiteral("--channel"), QStringLiteral("private-x"), QStringLiteral("--user-data"),
                        QStringLiteral("{\"id\":\"1\"}")}
                + keys,
            2, QStringLiteral("either --channel or --user-data"));
        row("sign presence without --channel-data",
            QStringList{QStringLiteral("sign"), QStringLiteral("--socket-id"), QStringLiteral("1.1"),
                        QStringLiteral("--channel"), QStringLiteral("presence-x")}
                + keys,
            2, QStringLiteral("--channel-data"));
        row("sign encrypted without master key",
            QStringList{QStringLiteral("sign"), QStringLiteral("--socket-id"), QStringLiteral("1.1"),
                        QStringLiteral("--channel"), QStringLiteral("private-encrypted-x")}
                + keys,
            2, QStringLiteral("--encryption-master-key"));
        row("sign bad socket id",
            QStringList{QStringLiteral("sign"), QStringLiteral("--socket-id"), QStringLiteral("abc"),
                        QStringLiteral("--channel"), QStringLiteral("private-x")}
                + keys,
            2, QStringLiteral("Socket id"));
        row("sign without secret",
            {QStringLiteral("sign"), QStringLiteral("--socket-id"), QStringLiteral("1.1"), QStringLiteral("--channel"),
             QStringLiteral("private-x"), QStringLiteral("--key"), QStringLiteral("k")},
            2, QStringLiteral("no app secret"));

        // 1: the server refused (soketi says so in a 200 answer's body)
        row("trigger with a wrong secret",
            {QStringLiteral("trigger"), QStringLiteral("--url"), QStringLiteral("%BAD_SECRET_URL%"),
             QStringLiteral("--channel"), QStringLiteral("c"), QStringLiteral("--event"), QStringLiteral("e"),
             QStringLiteral("--data"), QStringLiteral("1")},
            1, QStringLiteral("401"));
        row("channels with a wrong secret",
            {QStringLiteral("channels"), QStringLiteral("--url"), QStringLiteral("%BAD_SECRET_URL%")}, 1,
            QStringLiteral("401"));
        row("users of a public channel",
            {QStringLiteral("users"), QStringLiteral("public-x"), QStringLiteral("--url"), u}, 1,
            QStringLiteral("400"));

        // 3: connection or authorization
        row("trigger, connection refused",
            {QStringLiteral("trigger"), QStringLiteral("--url"), QStringLiteral("%CLOSED_URL%"),
             QStringLiteral("--channel"), QStringLiteral("c"), QStringLiteral("--event"), QStringLiteral("e"),
             QStringLiteral("--data"), QStringLiteral("1")},
            3, QStringLiteral("refused"));
        row("channels, connection refused",
            {QStringLiteral("channels"), QStringLiteral("--url"), QStringLiteral("%CLOSED_URL%")}, 3,
            QStringLiteral("refused"));
        row("listen, connection refused",
            {QStringLiteral("listen"), QStringLiteral("x"), QStringLiteral("--timeout"), QStringLiteral("1"),
             QStringLiteral("--url"), QStringLiteral("%CLOSED_URL%")},
            3, QStringLiteral("refused"));
        row("expect, connection refused",
            {QStringLiteral("expect"), QStringLiteral("x"), QStringLiteral("--event"), QStringLiteral("e"),
             QStringLiteral("--timeout"), QStringLiteral("1"), QStringLiteral("--url"), QStringLiteral("%CLOSED_URL%")},
            3, QStringLiteral("refused"));
        row("listen with a wrong key",
            {QStringLiteral("listen"), QStringLiteral("x"), QStringLiteral("--url"), QStringLiteral("%BAD_KEY_URL%")},
            3, QStringLiteral("4001 app key does not exist"));
        row("listen private, wrong secret",
            {QStringLiteral("listen"), QStringLiteral("private-x"), QStringLiteral("--url"),
             QStringLiteral("%BAD_SECRET_URL%")},
            3, QStringLiteral("subscription to private-x failed"));
        row("expect private, wrong secret",
            {QStringLiteral("expect"), QStringLiteral("private-x"), QStringLiteral("--event"), QStringLiteral("e"),
             QStringLiteral("--url"), QStringLiteral("%BAD_SECRET_URL%")},
            3, QStringLiteral("401"));
        row("listen presence without a secret",
            {QStringLiteral("listen"), QStringLiteral("presence-x"), QStringLiteral("--key"), QStringLiteral("app-key"),
             QStringLiteral("--host"), QStringLiteral("127.0.0.1"), QStringLiteral("--port"), QStringLiteral("%PORT%"),
             QStringLiteral("--no-tls")},
            3, QStringLiteral("need authorization"));
    }
    void failures()
    {
        QFETCH(QStringList, args);
        QFETCH(int, exitCode);
        QFETCH(QString, stderrHas);
        writeFile(QStringLiteral("broken.json"), "[{\"channel\":\"c\",");
        QJsonArray eleven;
        for (int i = 0; i < 11; ++i)
            eleven.append(QJsonObject{{QStringLiteral("channel"), QStringLiteral("c")},
                                      {QStringLiteral("name"), QStringLiteral("e")},
                                      {QStringLiteral("data"), i}});
        writeFile(QStringLiteral("eleven.json"), QJsonDocument(eleven).toJson());
        writeFile(QStringLiteral("nameless.json"), "[{\"channel\":\"c\",\"data\":\"x\"}]");
        args.replaceInStrings(QStringLiteral("%URL%"), m_url);
        args.replaceInStrings(QStringLiteral("%BAD_SECRET_URL%"),
                              url(QStringLiteral("app-key"), QStringLiteral("wrong-secret")));
        args.replaceInStrings(QStringLiteral("%BAD_KEY_URL%"),
                              url(QStringLiteral("wrong-key"), QStringLiteral("app-secret")));
        args.replaceInStrings(QStringLiteral("%CLOSED_URL%"), m_closedUrl);
        args.replaceInStrings(QStringLiteral("%PORT%"), QString::number(m_soketi.port()));
        args.replaceInStrings(QStringLiteral("%DIR%"), m_dir.path());

        const auto cli = run(args);
        QVERIFY2(cli->exitCode() == exitCode, qPrintable(cli->describe()));
        QVERIFY2(!cli->err().trimmed().isEmpty(), qPrintable(cli->describe()));
        QVERIFY2(QString::fromUtf8(cli->err()).contains(stderrHas), qPrintable(cli->describe()));
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
