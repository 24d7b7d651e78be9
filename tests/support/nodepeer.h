#pragma once
// One of the tests/node/ scripts (the official pusher-js or pusher SDK) run as a peer process:
// commands go in as JSON lines on stdin, observations come back as JSON lines on stdout.
//
//     cs::test::NodePeer peer;
//     QVERIFY(peer.start("pusherjs-client.js", {"presence-room"}, NodePeer::envFor(soketi.credentials())));
//     QVERIFY(peer.waitForType("subscribed"));

#include "credentials.h"

#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QObject>
#include <QStringList>

#include <functional>
#include <optional>

class QProcess;

namespace cs::test {

class NodePeer : public QObject {
    Q_OBJECT

public:
    using Predicate = std::function<bool(const QJsonObject &)>;

    explicit NodePeer(QObject *parent = nullptr);
    ~NodePeer() override;  // kills a peer that is still running

    // CS_HOST, CS_PORT, CS_APP_ID, CS_KEY, CS_SECRET (and CS_MASTER_KEY_B64 when set).
    static QMap<QString, QString> envFor(const cs::Credentials &credentials);

    // Runs `node CS_TEST_SCRIPTS_DIR/<scriptName> args…` with env merged over the test's own.
    bool start(const QString &scriptName, const QStringList &args = {}, const QMap<QString, QString> &env = {});

    // The first line, in arrival order, that matches and was not returned by an earlier wait:
    // lines already received count, so a wait never misses what came before it. Each line is
    // returned once, so waiting twice for "event" gives the first event, then the second.
    // nullopt on timeout or when the peer exits without such a line.
    std::optional<QJsonObject> waitForLine(const Predicate &predicate, int timeoutMs = 10000);
    std::optional<QJsonObject> waitForType(const QString &type, int timeoutMs = 10000);

    bool send(const QJsonObject &command);
    // Closes stdin (the scripts exit at end of input) and waits. The exit code, or -1 when the
    // peer crashed or had to be killed.
    int finish(int timeoutMs = 10000);

    bool isRunning() const;
    QList<QJsonObject> lines() const { return m_lines; }
    QString stderrText() const;

signals:
    // Non-JSON stdout lines arrive as {"type":"stdout","text":…} so nothing is lost.
    void lineReceived(const QJsonObject &line);

private:
    void readStdout();
    std::optional<QJsonObject> takeFirst(const Predicate &predicate);

    QProcess *m_process = nullptr;
    QByteArray m_partial;  // stdout after the last newline
    QList<QJsonObject> m_lines;
    QList<bool> m_taken;  // parallel to m_lines
    mutable QByteArray m_stderr;
};

}  // namespace cs::test
