#include "doctor.h"

#include "connection.h"
#include "deliverlater.h"
#include "netchecks.h"
#include "protocolchecks.h"
#include "restchecks.h"
#include "upgradecheck.h"

#include <algorithm>

namespace cs {

namespace {

struct CheckSpec {
    const char *id;
    const char *label;
    void (*run)(DoctorRun &, const CheckDone &);
};

constexpr CheckSpec kChecks[] = {
    {"dns", "DNS", diagnose::checkDns},
    {"tcp", "TCP", diagnose::checkTcp},
    {"tls", "TLS", diagnose::checkTls},
    {"upgrade", "Upgrade", diagnose::checkUpgrade},
    {"key", "Key", diagnose::checkKey},
    {"client-events", "Client events", diagnose::checkClientEvents},
    {"user-auth", "User auth", diagnose::checkUserAuth},
    {"cache", "Cache channels", diagnose::checkCache},
    {"rest", "REST", diagnose::checkRest},
    {"query", "Query string", diagnose::checkQuery},
    {"info", "Info attributes", diagnose::checkInfo},
    {"clock", "Clock", diagnose::checkClock},
    {"unauthorized", "Unauthorized timeout", diagnose::checkUnauthorized},
};

}  // namespace

Doctor::Doctor(QObject *parent) : QObject(parent)
{
    m_run.facts = &m_facts;
    m_run.timeoutMs = DefaultTimeoutMs;
    m_run.unauthorizedWaitMs = DefaultUnauthorizedWaitMs;
    m_timeout.setSingleShot(true);
    connect(&m_timeout, &QTimer::timeout, this, [this] {
        if (m_index < 0)
            return;
        const QString id = QString::fromLatin1(kChecks[m_index].id);
        finishCheck(Check::fail(
            id,
            id == u"key"
                ? QStringLiteral("no pusher:connection_established within %1").arg(diagnose::seconds(m_run.timeoutMs))
                : QStringLiteral("no answer within %1").arg(diagnose::seconds(m_run.timeoutMs))));
    });
}

Doctor::~Doctor() { cleanup(); }

void Doctor::setTimeoutMs(int ms) { m_run.timeoutMs = std::max(100, ms); }

void Doctor::setUnauthorizedWaitMs(int ms) { m_run.unauthorizedWaitMs = std::max(0, ms); }

QStringList Doctor::checkIds()
{
    QStringList ids;
    for (const CheckSpec &spec : kChecks)
        ids << QString::fromLatin1(spec.id);
    return ids;
}

QString Doctor::checkLabel(const QString &id)
{
    for (const CheckSpec &spec : kChecks) {
        if (id == QLatin1String(spec.id))
            return QString::fromLatin1(spec.label);
    }
    return id;
}

Doctor::Check Doctor::clockCheck(qint64 skewSeconds) { return diagnose::clockCheck(skewSeconds); }

std::optional<QDateTime> Doctor::parseHttpDate(const QByteArray &value) { return diagnose::parseHttpDate(value); }

void Doctor::start(const Profile &profile)
{
    cancel();
    m_run.profile = profile;
    m_facts = DoctorFacts{};
    m_results.clear();
    m_run.runScope = new QObject(this);
    m_index = 0;
    // The first check may end at once (no host): nothing is emitted before start() returns.
    deliverLater(this, [this, token = m_token] {
        if (token == m_token)  // not cancelled or restarted meanwhile
            runNext();
    });
}

void Doctor::cancel()
{
    cleanup();
    m_index = -1;
}

void Doctor::cleanup()
{
    ++m_token;
    m_timeout.stop();
    if (m_run.scope) {
        m_run.scope->deleteLater();
        m_run.scope = nullptr;
    }
    if (m_run.runScope) {
        for (Connection *c : m_run.runScope->findChildren<Connection *>())
            c->close();
        m_run.runScope->deleteLater();
        m_run.runScope = nullptr;
    }
}

QString Doctor::prerequisite(const QString &id) const
{
    const DoctorFacts &f = m_facts;
    if (id == u"tcp" && !f.hostResolved)
        return QStringLiteral("skipped: the host does not resolve");
    if ((id == u"tls" || id == u"upgrade" || id == u"key") && !f.tcpOk)
        return QStringLiteral("skipped: the host did not answer");
    if ((id == u"upgrade" || id == u"key") && !f.tlsOk)
        return QStringLiteral("skipped: TLS failed");
    if (id == u"key" && !f.upgradeOk)
        return QStringLiteral("skipped: the WebSocket upgrade failed");
    return {};
}

void Doctor::runNext()
{
    if (m_index >= int(std::size(kChecks))) {
        m_index = -1;
        cleanup();
        const bool allOk = std::none_of(m_results.begin(), m_results.end(),
                                        [](const Check &c) { return c.verdict() == Verdict::Failed; });
        Q_EMIT finished(allOk);
        return;
    }
    const CheckSpec &spec = kChecks[m_index];
    const QString id = QString::fromLatin1(spec.id);
    if (const QString why = prerequisite(id); !why.isEmpty()) {
        finishCheck(Check::skip(id, why));
        return;
    }
    Q_EMIT checkStarted(id);
    m_run.scope = new QObject(m_run.runScope);
    const quint64 token = ++m_token;
    if (id == u"key")  // alongside the rest of the run, so its wait costs little
        diagnose::openIdleConnection(m_run);
    const int budget = id == u"unauthorized" ? m_run.unauthorizedWaitMs + m_run.timeoutMs : m_run.timeoutMs;
    m_timeout.start(budget);
    spec.run(m_run, [this, token](const Check &check) {
        if (token != m_token)
            return;  // a late answer of a check that already ended, or a cancelled run
        // Never re-enter from inside the check's own call stack.
        ++m_token;
        deliverLater(this, [this, check, token = m_token] {
            if (token == m_token)
                finishCheck(check);
        });
    });
}

void Doctor::finishCheck(const Check &check)
{
    m_timeout.stop();
    ++m_token;
    if (m_run.scope) {
        m_run.scope->deleteLater();
        m_run.scope = nullptr;
    }
    m_results << check;
    Q_EMIT checkFinished(check);
    ++m_index;
    runNext();
}

}  // namespace cs
