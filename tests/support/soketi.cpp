#include "soketi.h"

#include <QDir>
#include <QFile>
#include <QHostAddress>
#include <QNetworkProxy>
#include <QProcess>
#include <QProcessEnvironment>
#include <QSet>
#include <QStandardPaths>
#include <QStringDecoder>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <csignal>
#include <unistd.h>
#ifdef Q_OS_LINUX
#include <sys/prctl.h>
#endif

namespace cs::test {
namespace {

const QString kAppId = QStringLiteral("app-id");
const QString kKey = QStringLiteral("app-key");
const QString kSecret = QStringLiteral("app-secret");
const QString kHost = QStringLiteral("127.0.0.1");
constexpr int kAttempts = 3;
// soketi 1.6.1 prints this once both listen() calls returned, even when they FAILED: it never
// exits on a busy port. Seeing it without owning the port means someone else has it.
constexpr QLatin1StringView kUpBanner("Server is up and running");

QString soketiScript() { return QStringLiteral(CS_NODE_DIR "/node_modules/@soketi/soketi/bin/server.js"); }

// Two distinct free loopback ports; both are held until both are known so that they differ.
std::pair<quint16, quint16> twoFreePorts()
{
    QTcpServer a, b;
    if (!a.listen(QHostAddress::LocalHost, 0) || !b.listen(QHostAddress::LocalHost, 0))
        return {0, 0};
    return {a.serverPort(), b.serverPort()};
}

bool portIsFree(quint16 port)
{
    QTcpServer probe;
    return probe.listen(QHostAddress::LocalHost, port);
}

// uWebSockets listens with SO_REUSEPORT, so a second soketi on a taken port binds it too and
// the kernel splits connections between both. Only the socket table tells who really listens.
enum class Owner { Nobody, Us, Others, Shared };

QSet<QByteArray> listenerInodes(quint16 port)
{
    QSet<QByteArray> inodes;
    const QByteArray suffix = ':' + QByteArray::number(port, 16).toUpper().rightJustified(4, '0');
    for (const char *table : {"/proc/net/tcp", "/proc/net/tcp6"}) {
        QFile file(QString::fromLatin1(table));
        if (!file.open(QIODevice::ReadOnly))
            continue;
        const QList<QByteArray> lines = file.readAll().split('\n');
        for (qsizetype i = 1; i < lines.size(); ++i) {  // line 0 is the header
            const QList<QByteArray> f = lines[i].simplified().split(' ');
            // sl local_address rem_address st … uid timeout inode; st 0A = LISTEN
            if (f.size() > 9 && f[3] == "0A" && f[1].endsWith(suffix))
                inodes.insert(f[9]);
        }
    }
    return inodes;
}

QSet<QByteArray> socketInodesOf(qint64 pid)
{
    QSet<QByteArray> inodes;
    const QString fdDir = QStringLiteral("/proc/%1/fd").arg(pid);
    const auto fds = QDir(fdDir).entryList(QDir::AllEntries | QDir::System | QDir::NoDotAndDotDot);
    for (const QString &fd : fds) {
        char target[64] = {};
        const QByteArray path = QFile::encodeName(fdDir + u'/' + fd);
        const ssize_t n = ::readlink(path.constData(), target, sizeof target - 1);
        const QByteArray link(target, n > 0 ? n : 0);  // "socket:[12345]"
        if (link.startsWith("socket:["))
            inodes.insert(link.mid(8, link.size() - 9));
    }
    return inodes;
}

Owner portOwner(qint64 pid, quint16 port)
{
    if (!QFile::exists(QStringLiteral("/proc/net/tcp")))
        return Owner::Us;  // no procfs: trust GET / alone
    const QSet<QByteArray> listeners = listenerInodes(port);
    if (listeners.isEmpty())
        return Owner::Nobody;
    const QSet<QByteArray> ours = socketInodesOf(pid);
    qsizetype mine = 0;
    for (const QByteArray &inode : listeners)
        mine += ours.contains(inode) ? 1 : 0;
    if (mine == 0)
        return Owner::Others;
    return mine == listeners.size() ? Owner::Us : Owner::Shared;
}

// A raw GET /: no QNetworkAccessManager, so no proxy from the environment gets in between.
bool answersOk(quint16 port)
{
    QTcpSocket socket;
    socket.setProxy(QNetworkProxy::NoProxy);
    socket.connectToHost(QHostAddress::LocalHost, port);
    if (!socket.waitForConnected(1000))
        return false;
    socket.write("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    QByteArray reply;
    for (int i = 0; i < 20 && !reply.contains("\r\n\r\nOK"); ++i) {
        if (!socket.waitForReadyRead(100) && socket.state() != QAbstractSocket::ConnectedState)
            break;
        reply += socket.readAll();
    }
    reply += socket.readAll();
    return reply.startsWith("HTTP/1.1 200") && reply.contains("\r\n\r\nOK");
}

}  // namespace

void killWithTestProcess(QProcess &process)
{
#ifdef Q_OS_LINUX
    const pid_t parent = ::getpid();
    process.setChildProcessModifier([parent] {
        ::prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (::getppid() != parent)  // the test died before prctl() took effect
            ::_exit(127);
    });
#else
    Q_UNUSED(process);
#endif
}

SoketiServer::SoketiServer() = default;

SoketiServer::~SoketiServer() { stop(); }

bool SoketiServer::start(const QMap<QString, QString> &extraEnv)
{
    stop();
    m_extraEnv = extraEnv;
    for (int attempt = 1; attempt <= kAttempts; ++attempt) {
        const auto [port, metricsPort] = twoFreePorts();
        if (port == 0) {
            note(QStringLiteral("no free loopback port"));
            return false;
        }
        m_metricsPort = metricsPort;
        if (!launch(port))
            return false;
        const Outcome outcome = waitUntilReady();
        if (outcome == Outcome::Ready)
            return true;
        stop();
        if (outcome != Outcome::PortTaken)
            return false;
        note(QStringLiteral("port %1 was taken before soketi could bind it; trying new ports").arg(port));
    }
    note(QStringLiteral("gave up after %1 attempts").arg(kAttempts));
    return false;
}

bool SoketiServer::restart()
{
    if (m_port == 0)
        return start(m_extraEnv);
    stop();
    for (int attempt = 1; attempt <= kAttempts; ++attempt) {
        // A listener dies with its process, but a crashed one may still be exiting.
        if (!QTest::qWaitFor([this] { return portIsFree(m_port); }, StartTimeoutMs)) {
            note(QStringLiteral("port %1 is still in use; cannot restart on it").arg(m_port));
            return false;
        }
        m_metricsPort = twoFreePorts().second;
        if (!launch(m_port))
            return false;
        const Outcome outcome = waitUntilReady();
        if (outcome == Outcome::Ready)
            return true;
        stop();
        if (outcome != Outcome::PortTaken)
            return false;
        note(QStringLiteral("port %1 was taken again before soketi could bind it").arg(m_port));
    }
    return false;
}

bool SoketiServer::launch(quint16 port)
{
    m_port = port;
    const QString node = QStandardPaths::findExecutable(QStringLiteral("node"));
    if (node.isEmpty()) {
        note(QStringLiteral("node is not on PATH (scripts/setup.sh installs it)"));
        return false;
    }
    if (!QFile::exists(soketiScript())) {
        note(soketiScript() + QStringLiteral(" is missing: run scripts/setup.sh (npm ci in scripts/node)"));
        return false;
    }

    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const QString &name : env.keys()) {
        if (name.startsWith(QLatin1StringView("SOKETI_")))  // a developer's own settings stay out
            env.remove(name);
    }
    const QMap<QString, QString> settings{
        {QStringLiteral("SOKETI_HOST"), kHost},
        {QStringLiteral("SOKETI_PORT"), QString::number(port)},
        // The /usage server defaults to 0.0.0.0:9601: one fixed port would forbid parallel tests.
        {QStringLiteral("SOKETI_METRICS_HOST"), kHost},
        {QStringLiteral("SOKETI_METRICS_SERVER_PORT"), QString::number(m_metricsPort)},
        {QStringLiteral("SOKETI_DEFAULT_APP_ID"), kAppId},
        {QStringLiteral("SOKETI_DEFAULT_APP_KEY"), kKey},
        {QStringLiteral("SOKETI_DEFAULT_APP_SECRET"), kSecret},
        {QStringLiteral("SOKETI_DEFAULT_APP_ENABLE_CLIENT_MESSAGES"), QStringLiteral("true")},
        // Default 3000 ms between "closing" and exit: tests stop and restart often.
        {QStringLiteral("SOKETI_SHUTDOWN_GRACE_PERIOD"), QStringLiteral("200")},
        {QStringLiteral("FORCE_COLOR"), QStringLiteral("0")},  // plain text in output()
    };
    for (auto it = settings.begin(); it != settings.end(); ++it)
        env.insert(it.key(), it.value());
    for (auto it = m_extraEnv.begin(); it != m_extraEnv.end(); ++it)
        env.insert(it.key(), it.value());

    m_process = std::make_unique<QProcess>();
    m_process->setProcessChannelMode(QProcess::MergedChannels);
    m_process->setProcessEnvironment(env);
    // soketi loads ./.env (dotenv): run it in a folder the project owns.
    m_process->setWorkingDirectory(QStringLiteral(CS_NODE_DIR));
    killWithTestProcess(*m_process);
    QObject::connect(m_process.get(), &QProcess::readyReadStandardOutput, m_process.get(), [this] { drain(); });
    note(QStringLiteral("starting soketi on %1:%2 (usage server on %3)").arg(kHost).arg(port).arg(m_metricsPort));
    m_launchOffset = m_output.size();
    m_process->start(node, {soketiScript(), QStringLiteral("start")});
    if (!m_process->waitForStarted(StopTimeoutMs)) {
        note(QStringLiteral("could not run %1: %2").arg(node, m_process->errorString()));
        return false;
    }
    return true;
}

SoketiServer::Outcome SoketiServer::waitUntilReady()
{
    Outcome outcome = Outcome::TimedOut;
    const qint64 pid = m_process->processId();
    const bool decided = QTest::qWaitFor(
        [&] {
            drain();
            if (m_process->state() != QProcess::Running) {
                outcome = Outcome::Died;
                return true;
            }
            const Owner owner = portOwner(pid, m_port);
            if (owner == Owner::Us && answersOk(m_port)) {
                outcome = Outcome::Ready;
                return true;
            }
            const bool listenReturned = m_output.indexOf(kUpBanner, m_launchOffset) >= 0;
            if (owner == Owner::Others || owner == Owner::Shared || (listenReturned && owner != Owner::Us)) {
                outcome = Outcome::PortTaken;
                return true;
            }
            return false;
        },
        StartTimeoutMs);

    if (!decided) {
        outcome = Outcome::TimedOut;
        note(QStringLiteral("not ready within %1 ms: GET / on %2:%3 must answer OK from a socket that "
                            "soketi (pid %4) owns")
                 .arg(StartTimeoutMs)
                 .arg(kHost)
                 .arg(m_port)
                 .arg(pid));
    } else if (outcome == Outcome::Died) {
        drain();
        note(QStringLiteral("soketi exited during start-up (exit code %1)").arg(m_process->exitCode()));
    }
    return outcome;
}

void SoketiServer::stop()
{
    if (!isRunning())
        return;
    m_process->terminate();
    if (!m_process->waitForFinished(StopTimeoutMs)) {
        note(QStringLiteral("soketi ignored SIGTERM for %1 ms; killing it").arg(StopTimeoutMs));
        m_process->kill();
    }
    reap();
}

void SoketiServer::kill()
{
    if (!isRunning())
        return;
    m_process->kill();
    reap();
}

void SoketiServer::reap()
{
    m_process->waitForFinished(StopTimeoutMs);
    drain();
}

bool SoketiServer::isRunning() const { return m_process && m_process->state() != QProcess::NotRunning; }

qint64 SoketiServer::pid() const { return isRunning() ? m_process->processId() : 0; }

cs::Credentials SoketiServer::credentials() const
{
    cs::Credentials c;
    c.appId = kAppId;
    c.key = kKey;
    c.secret = kSecret;
    c.host = kHost;
    c.port = m_port;
    c.tls = false;
    return c;
}

QString SoketiServer::output() const
{
    drain();
    return m_output;
}

void SoketiServer::note(const QString &line) { m_output += QStringLiteral("[soketi harness] ") + line + u'\n'; }

void SoketiServer::drain() const
{
    if (m_process)
        m_output += m_decoder.decode(m_process->readAllStandardOutput());
}

}  // namespace cs::test
