#pragma once
// One line of the doctor's diagnosis and the facts the checks pass on to later ones.

#include "profile.h"

#include <QDateTime>
#include <QMetaType>
#include <QPointer>
#include <QString>

#include <functional>
#include <optional>

class QObject;

namespace cs {

class Connection;

enum class Verdict { Ok, Warning, Failed, Skipped };
QString verdictName(Verdict v);  // "ok", "warning", "failed", "skipped"

struct DoctorCheck {
    QString id;  // see Doctor::checkIds()
    bool ok = false;
    QString line;          // the cause, one line for the user
    bool skipped = false;  // not run: an earlier check failed or data is missing
    bool warning = false;  // ok, but worth a look (e.g. clock skew over 30 s)
    // tls: the SHA-256 of an untrusted certificate the server presented and the profile has not
    // pinned; the editor offers to trust it.
    QByteArray untrustedSha256{};
    QString evidence{};  // what was seen, several lines of plain text (never a secret)

    Verdict verdict() const;
    static DoctorCheck pass(const QString &id, const QString &line, const QString &evidence = {});
    static DoctorCheck warn(const QString &id, const QString &line, const QString &evidence = {});
    static DoctorCheck fail(const QString &id, const QString &line, const QString &evidence = {});
    static DoctorCheck skip(const QString &id, const QString &line);
};

// What one run has learnt so far; checks read what the earlier ones left.
struct DoctorFacts {
    bool hostResolved = false;
    bool tcpOk = false;
    bool tlsOk = false;  // or not used
    bool upgradeOk = false;
    QPointer<Connection> connection;  // the key check's connection, connected, for the protocol checks
    QString socketId;
    std::optional<bool> secretSignsChannels;  // a private channel signed with the secret was accepted
    std::optional<bool> userAuthentication;   // the server answered pusher:signin
    int restStatus = 0;                       // HTTP status line of the plain signed GET /channels (0: none)
    bool restOk = false;                      // … and accepted (soketi sends errors with HTTP 200)
    std::optional<QDateTime> serverDate;
    qint64 restMidpointMs = 0;
    // The idle connection that never subscribes nor signs in (unauthorized-timeout check).
    qint64 idleOpenedMs = 0;
    std::optional<int> idleCloseCode;
    qint64 idleClosedMs = 0;
    QString idleCloseText;
};

// The state a check runs in. `scope` parents everything the check creates; the runner deletes it
// when the check ends or the run is cancelled, which also disconnects its lambdas.
struct DoctorRun {
    Profile profile;
    int timeoutMs = 8000;
    int unauthorizedWaitMs = 0;  // 0: the unauthorized-timeout check is skipped
    DoctorFacts *facts = nullptr;
    QObject *scope = nullptr;     // per check
    QObject *runScope = nullptr;  // per run (the protocol connection, the idle connection)
};

using CheckDone = std::function<void(DoctorCheck)>;

namespace diagnose {
QString seconds(qint64 ms);                              // "8 s", "1.5 s"
QString excerpt(const QByteArray &body, int max = 200);  // one line, control characters shown as spaces
}  // namespace diagnose

}  // namespace cs

Q_DECLARE_METATYPE(cs::DoctorCheck)
