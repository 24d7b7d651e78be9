#include "nodepeer.h"

#include "soketi.h"  // killWithTestProcess

#include <QFile>
#include <QJsonDocument>
#include <QProcess>
#include <QProcessEnvironment>
#include <QStandardPaths>
#include <QTest>

namespace cs::test {

NodePeer::NodePeer(QObject *parent) : QObject(parent) {}

NodePeer::~NodePeer()
{
    if (isRunning()) {
        m_process->kill();
        m_process->waitForFinished(2000);
    }
}

QMap<QString, QString> NodePeer::envFor(const cs::Credentials &c)
{
    QMap<QString, QString> env{
        {QStringLiteral("CS_HOST"), c.host},     {QStringLiteral("CS_PORT"), QString::number(c.port)},
        {QStringLiteral("CS_APP_ID"), c.appId},  {QStringLiteral("CS_KEY"), c.key},
        {QStringLiteral("CS_SECRET"), c.secret},
    };
    if (!c.encryptionMasterKeyBase64.isEmpty())
        env.insert(QStringLiteral("CS_MASTER_KEY_B64"), QString::fromLatin1(c.encryptionMasterKeyBase64));
    return env;
}

bool NodePeer::start(const QString &scriptName, const QStringList &args, const QMap<QString, QString> &env)
{
    if (isRunning()) {
        m_stderr += "[node peer] start() called while the previous peer still runs\n";
        return false;
    }
    const QString node = QStandardPaths::findExecutable(QStringLiteral("node"));
    const QString script = QStringLiteral(CS_TEST_SCRIPTS_DIR "/") + scriptName;
    if (node.isEmpty() || !QFile::exists(script)) {
        m_stderr += node.isEmpty() ? "[node peer] node is not on PATH\n"
                                   : "[node peer] no such script: " + script.toUtf8() + '\n';
        return false;
    }

    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("NODE_PATH"), QStringLiteral(CS_NODE_DIR "/node_modules"));
    for (auto it = env.begin(); it != env.end(); ++it)
        environment.insert(it.key(), it.value());

    delete m_process;
    m_process = new QProcess(this);
    m_process->setProcessEnvironment(environment);
    m_process->setWorkingDirectory(QStringLiteral(CS_TEST_SCRIPTS_DIR));
    killWithTestProcess(*m_process);
    connect(m_process, &QProcess::readyReadStandardOutput, this, &NodePeer::readStdout);
    connect(m_process, &QProcess::readyReadStandardError, this,
            [this] { m_stderr += m_process->readAllStandardError(); });
    m_process->start(node, QStringList{script} + args);
    if (!m_process->waitForStarted(5000)) {
        m_stderr += "[node peer] could not start node: " + m_process->errorString().toUtf8() + '\n';
        return false;
    }
    return true;
}

void NodePeer::readStdout()
{
    m_partial += m_process->readAllStandardOutput();
    if (!isRunning() && !m_partial.isEmpty() && !m_partial.endsWith('\n'))
        m_partial += '\n';  // a last line without its newline still counts
    qsizetype newline;
    while ((newline = m_partial.indexOf('\n')) >= 0) {
        const QByteArray line = m_partial.left(newline).trimmed();
        m_partial.remove(0, newline + 1);
        if (line.isEmpty())
            continue;
        const QJsonDocument doc = QJsonDocument::fromJson(line);
        const QJsonObject object = doc.isObject() ? doc.object()
                                                  : QJsonObject{{QStringLiteral("type"), QStringLiteral("stdout")},
                                                                {QStringLiteral("text"), QString::fromUtf8(line)}};
        m_lines.append(object);
        m_taken.append(false);
        emit lineReceived(object);
    }
}

std::optional<QJsonObject> NodePeer::takeFirst(const Predicate &predicate)
{
    for (qsizetype i = 0; i < m_lines.size(); ++i) {
        if (!m_taken[i] && predicate(m_lines[i])) {
            m_taken[i] = true;
            return m_lines[i];
        }
    }
    return std::nullopt;
}

std::optional<QJsonObject> NodePeer::waitForLine(const Predicate &predicate, int timeoutMs)
{
    std::optional<QJsonObject> found = takeFirst(predicate);
    if (found || !m_process)
        return found;
    const bool decided = QTest::qWaitFor(
        [&] {
            found = takeFirst(predicate);
            return found.has_value() || m_process->state() == QProcess::NotRunning;
        },
        timeoutMs);
    if (decided && !found) {
        readStdout();  // whatever arrived together with the exit
        found = takeFirst(predicate);
    }
    return found;
}

std::optional<QJsonObject> NodePeer::waitForType(const QString &type, int timeoutMs)
{
    return waitForLine([&](const QJsonObject &line) { return line.value(u"type").toString() == type; }, timeoutMs);
}

bool NodePeer::send(const QJsonObject &command)
{
    if (!isRunning())
        return false;
    const QByteArray line = QJsonDocument(command).toJson(QJsonDocument::Compact) + '\n';
    if (m_process->write(line) != line.size())
        return false;
    // Hand it to the pipe now, so a test that then blocks elsewhere has still sent it.
    m_process->waitForBytesWritten(1000);
    return true;
}

int NodePeer::finish(int timeoutMs)
{
    if (!m_process)
        return -1;
    if (isRunning()) {
        m_process->closeWriteChannel();
        if (!m_process->waitForFinished(timeoutMs)) {
            m_stderr += "[node peer] did not exit within " + QByteArray::number(timeoutMs) + " ms; killed\n";
            m_process->kill();
            m_process->waitForFinished(2000);
            readStdout();
            return -1;
        }
    }
    readStdout();
    m_stderr += m_process->readAllStandardError();
    return m_process->exitStatus() == QProcess::NormalExit ? m_process->exitCode() : -1;
}

bool NodePeer::isRunning() const { return m_process && m_process->state() != QProcess::NotRunning; }

QString NodePeer::stderrText() const
{
    if (m_process)
        m_stderr += m_process->readAllStandardError();
    return QString::fromUtf8(m_stderr);
}

}  // namespace cs::test
