#pragma once
// The editor's "Test" button: checks a profile against its server, one line per check, in order:
//   host   the WebSocket host answers on its port (TCP, and TLS when the profile uses it)
//   key    a Pusher connection with the key gets pusher:connection_established
//   rest   a signed GET /channels is accepted
//   clock  the Date header of that answer against the local clock (signatures expire)
// Every check has a timeout, so a dead server costs seconds, not minutes.

#include "profile.h"

#include <QDateTime>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <optional>

namespace cs {

class Connection;
class RestClient;
struct RestResponse;

struct ProfileCheck {
    QString id;  // "host", "key", "rest", "clock"
    bool ok = false;
    QString line;          // one line for the user
    bool skipped = false;  // not run because an earlier check failed or data is missing
    bool warning = false;  // ok, but worth a look (e.g. clock skew over 30 s)
    // host: the SHA-256 of an untrusted certificate the server presented and the profile has not
    // pinned; the editor offers to trust it.
    QByteArray untrustedSha256{};
};

class ProfileTester : public QObject {
    Q_OBJECT
public:
    using Check = ProfileCheck;

    static constexpr int DefaultTimeoutMs = 8000;
    static constexpr int ClockWarnSeconds = 30;
    static constexpr int ClockRejectSeconds = 600;  // hosted Pusher refuses older timestamps

    explicit ProfileTester(QObject *parent = nullptr);
    ~ProfileTester() override;

    void setTimeoutMs(int ms);  // per check
    // Starts the checks (cancelling a run in progress). Nothing is emitted before this returns;
    // then, for each check in checkIds() order, checkStarted(id) unless it is skipped, and exactly
    // one checkFinished(check); after the last, finished() exactly once. cancel() or another
    // start() ends a run without finished().
    void start(const Profile &profile);
    void cancel();
    bool isRunning() const { return m_step != Step::Idle; }
    QList<Check> results() const { return m_results; }

    static QStringList checkIds();                 // in order
    static QString checkLabel(const QString &id);  // "Host", "Key", "REST", "Clock"
    // The clock verdict for a measured skew (server minus local, seconds).
    static Check clockCheck(qint64 skewSeconds);
    // RFC 7231 HTTP-date ("Sun, 06 Nov 1994 08:49:37 GMT").
    static std::optional<QDateTime> parseHttpDate(const QByteArray &value);

Q_SIGNALS:
    void checkStarted(const QString &id);
    void checkFinished(const cs::ProfileCheck &check);
    void finished(bool allOk);

private:
    enum class Step { Idle, Host, Key, Rest, Clock };

    void startHost();
    void startKey();
    void startRest();
    void runClock();
    void finishCheck(Check check);
    void skip(const QString &id, const QString &why);
    void cleanup();
    Check restCheck(const RestResponse &response) const;

    Profile m_profile;
    int m_timeoutMs = DefaultTimeoutMs;
    Step m_step = Step::Idle;
    quint64 m_run = 0;  // callbacks of a cancelled run see another number and do nothing
    QList<Check> m_results;
    QTimer m_timeout;
    QPointer<QObject> m_probe;  // socket, connection or REST client of the current step
    // What the REST answer tells the clock check.
    bool m_restAnswered = false;
    std::optional<QDateTime> m_serverDate;
    qint64 m_restMidpointMs = 0;  // local time halfway through the request
};

}  // namespace cs

Q_DECLARE_METATYPE(cs::ProfileCheck)
