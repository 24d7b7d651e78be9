#pragma once
// The doctor: checks a profile against its server and names the cause of what fails, one line per
// check with the evidence behind it. In order:
//   dns, tcp, tls            the host resolves, the port answers, the certificate chain and name
//   upgrade                  the WebSocket upgrade, read as raw HTTP (a proxy's 404, a Cloudflare page…)
//   key                      pusher:connection_established for the app key
//   client-events, user-auth, cache
//                            a private channel signed with the secret and a client event; pusher:signin;
//                            a cache channel's pusher:cache_miss
//   rest, query, info        a signed GET /channels, the same with parameters, the info attributes
//   clock                    the REST answer's Date header against the local clock
//   unauthorized             how soon a connection that never signs in is closed (bounded wait)
// Every check is bounded by a timeout, so a dead server costs seconds, not minutes. The editor's
// Test button and `channelscope-cli doctor` run it.

#include "doctorcheck.h"

#include <QObject>
#include <QPointer>
#include <QTimer>

#include <memory>

namespace cs {

class Doctor : public QObject {
    Q_OBJECT
public:
    using Check = DoctorCheck;

    static constexpr int DefaultTimeoutMs = 8000;
    static constexpr int DefaultUnauthorizedWaitMs = 5000;
    static constexpr int ClockWarnSeconds = 30;
    static constexpr int ClockRejectSeconds = 600;

    explicit Doctor(QObject *parent = nullptr);
    ~Doctor() override;

    void setTimeoutMs(int ms);  // per check
    // How long the unauthorized check watches an idle connection (from its open; it runs alongside
    // the other checks). 0 skips that check.
    void setUnauthorizedWaitMs(int ms);
    // Starts the checks (cancelling a run in progress). Nothing is emitted before this returns;
    // then, for each check in checkIds() order, checkStarted(id) unless it is skipped, and exactly
    // one checkFinished(check); after the last, finished() exactly once. cancel() or another
    // start() ends a run without finished().
    void start(const Profile &profile);
    void cancel();
    bool isRunning() const { return m_index >= 0; }
    QList<Check> results() const { return m_results; }

    static QStringList checkIds();                 // in order
    static QString checkLabel(const QString &id);  // "DNS", "TCP", "TLS", "Upgrade", …
    static Check clockCheck(qint64 skewSeconds);
    static std::optional<QDateTime> parseHttpDate(const QByteArray &value);

Q_SIGNALS:
    void checkStarted(const QString &id);
    void checkFinished(const cs::DoctorCheck &check);
    // allOk: no check failed (warnings and skipped checks allowed).
    void finished(bool allOk);

private:
    void runNext();
    void finishCheck(const Check &check);
    // Why check `index` cannot run given what the earlier ones found, or empty.
    QString prerequisite(const QString &id) const;
    void cleanup();

    DoctorRun m_run;
    DoctorFacts m_facts;
    int m_index = -1;     // the check running, -1 when idle
    quint64 m_token = 0;  // a check's callbacks carry the token they started with
    QList<Check> m_results;
    QTimer m_timeout;
};

}  // namespace cs
