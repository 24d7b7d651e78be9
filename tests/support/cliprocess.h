#pragma once
// One running channelscope-cli for the CLI tests: its output collected as it comes, NDJSON lines
// parsed, and a description (command, exit code, stdout, stderr) for failure messages.

#include "soketi.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QtTest>

#include <functional>

namespace cs::test {

inline constexpr int kCliWaitMs = 10000;

// The test's own environment without a developer's PUSHER_* settings.
inline QProcessEnvironment cleanEnvironment()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const QString &name : env.keys()) {
        if (name.startsWith(QLatin1String("PUSHER_")))
            env.remove(name);
    }
    return env;
}

// Every line of `text` that is a JSON object; `error` (when given) names the last line that is not.
inline QList<QJsonObject> parseLines(const QByteArray &text, QString *error = nullptr)
{
    QList<QJsonObject> out;
    for (const QByteArray &line : text.split('\n')) {
        if (line.trimmed().isEmpty())
            continue;
        QJsonParseError err{};
        const QJsonDocument doc = QJsonDocument::fromJson(line, &err);
        if (err.error != QJsonParseError::NoError || !doc.isObject()) {
            if (error)
                *error = QStringLiteral("not a JSON object line: %1").arg(QString::fromUtf8(line));
            continue;
        }
        out << doc.object();
    }
    return out;
}

class CliProcess {
public:
    explicit CliProcess(const QStringList &args, const QProcessEnvironment &env = cleanEnvironment()) : m_args(args)
    {
        m_process.setProcessEnvironment(env);
        killWithTestProcess(m_process);
        QObject::connect(&m_process, &QProcess::readyReadStandardOutput, &m_process,
                         [this] { m_out += m_process.readAllStandardOutput(); });
        QObject::connect(&m_process, &QProcess::readyReadStandardError, &m_process,
                         [this] { m_err += m_process.readAllStandardError(); });
        m_process.start(QStringLiteral(CS_CLI_PATH), args);
    }
    ~CliProcess()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished(5000);
        }
    }
    CliProcess(const CliProcess &) = delete;
    CliProcess &operator=(const CliProcess &) = delete;

    // Waits until the process has ended; false on timeout (the process is then killed).
    bool finish(int timeoutMs = kCliWaitMs)
    {
        const bool done = QTest::qWaitFor([this] { return m_process.state() == QProcess::NotRunning; }, timeoutMs);
        if (!done) {
            m_process.kill();
            m_process.waitForFinished(5000);
        }
        m_out += m_process.readAllStandardOutput();
        m_err += m_process.readAllStandardError();
        return done;
    }
    bool running() const { return m_process.state() != QProcess::NotRunning; }
    int exitCode() const { return m_process.exitStatus() == QProcess::NormalExit ? m_process.exitCode() : -1; }
    QByteArray out() const { return m_out; }
    QByteArray err() const { return m_err; }
    QList<QJsonObject> lines() const { return parseLines(m_out); }

    // Waits until `count` NDJSON lines match while the process still runs.
    bool waitForLines(const std::function<bool(const QJsonObject &)> &match, int count = 1, int timeoutMs = kCliWaitMs)
    {
        return QTest::qWaitFor(
                   [&] {
                       int n = 0;
                       for (const QJsonObject &line : lines())
                           n += match(line) ? 1 : 0;
                       return n >= count || !running();
                   },
                   timeoutMs)
               && running();
    }

    QString describe() const
    {
        return QStringLiteral("channelscope-cli %1\nexit %2\n--- stdout\n%3\n--- stderr\n%4")
            .arg(m_args.join(u' '))
            .arg(exitCode())
            .arg(QString::fromUtf8(m_out.left(6000)), QString::fromUtf8(m_err.left(3000)));
    }

private:
    QProcess m_process;
    QStringList m_args;
    QByteArray m_out;
    QByteArray m_err;
};

}  // namespace cs::test
