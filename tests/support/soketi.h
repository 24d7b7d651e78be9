#pragma once
// A real soketi for integration tests: one private instance per test, on free loopback ports,
// that a test can stop, crash (kill) and bring back on the same port (restart).
//
//     cs::test::SoketiServer soketi;
//     QVERIFY2(soketi.start(), qPrintable(soketi.output()));
//     const cs::Credentials credentials = soketi.credentials();  // app-key on 127.0.0.1:port()

#include "credentials.h"

#include <QMap>
#include <QString>
#include <QStringDecoder>

#include <memory>

class QProcess;

namespace cs::test {

class SoketiServer {
public:
    static constexpr int StartTimeoutMs = 20000;
    static constexpr int StopTimeoutMs = 5000;

    SoketiServer();
    ~SoketiServer();  // stops the server
    SoketiServer(const SoketiServer &) = delete;
    SoketiServer &operator=(const SoketiServer &) = delete;

    // Starts on fresh free ports and waits until GET / answers OK on a socket that this very
    // process owns. extraEnv (e.g. {"SOKETI_DEBUG", "1"}) is applied last and wins.
    // On failure, output() says why.
    bool start(const QMap<QString, QString> &extraEnv = {});
    // Starts again on the SAME port with the same extraEnv, once nothing listens there.
    bool restart();
    // SIGTERM: soketi sends pusher:error 4200 and closes every socket with 4200, then exits.
    void stop();
    // SIGKILL: sockets just drop, as in a crash.
    void kill();

    bool isRunning() const;
    quint16 port() const { return m_port; }
    quint16 metricsPort() const { return m_metricsPort; }
    qint64 pid() const;
    // app-id / app-key / app-secret on 127.0.0.1:port(), plain ws and http.
    cs::Credentials credentials() const;
    // Everything soketi printed (stdout and stderr) plus the harness' own notes, across restarts.
    QString output() const;

private:
    enum class Outcome { Ready, PortTaken, Died, TimedOut };

    bool launch(quint16 port);
    Outcome waitUntilReady();
    void note(const QString &line);
    void drain() const;
    void reap();

    std::unique_ptr<QProcess> m_process;
    QMap<QString, QString> m_extraEnv;
    quint16 m_port = 0;
    quint16 m_metricsPort = 0;
    mutable QString m_output;
    mutable QStringDecoder m_decoder{QStringDecoder::Utf8};  // keeps split UTF-8 sequences whole
    qsizetype m_launchOffset = 0;                            // where the current run's output starts in m_output
};

// Makes the child die with the test process (Linux PDEATHSIG), so a crashed or aborted test
// never leaves a server or a peer holding ports. Call before QProcess::start().
void killWithTestProcess(QProcess &process);

}  // namespace cs::test
