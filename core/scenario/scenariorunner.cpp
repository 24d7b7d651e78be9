#include "scenariorunner.h"

#include "logstore.h"
#include "scenariomatch.h"
#include "session.h"

#include <QSet>

namespace cs {

namespace {

using Verdict = std::optional<std::pair<bool, QString>>;

QString seconds(qint64 ms) { return QString::number(ms / 1000.0, 'f', 2) + QStringLiteral(" s"); }

Verdict verdictPass(const QString &message = {}) { return std::make_pair(true, message); }

Verdict verdictFail(const QString &message) { return std::make_pair(false, message); }

QString idList(QStringList ids)
{
    ids.sort();
    return QLatin1Char('[') + ids.join(QStringLiteral(", ")) + QLatin1Char(']');
}

}  // namespace

QString outcomeName(StepResult::Outcome outcome)
{
    switch (outcome) {
    case StepResult::Outcome::Passed: return QStringLiteral("pass");
    case StepResult::Outcome::Failed: return QStringLiteral("fail");
    case StepResult::Outcome::Skipped: break;
    }
    return QStringLiteral("skip");
}

ScenarioRunner::ScenarioRunner(Scenario scenario, Credentials credentials, LogStore *log,
                               std::shared_ptr<const ContractSet> contracts, QObject *parent)
    : QObject(parent),
      m_scenario(std::move(scenario)),
      m_credentials(std::move(credentials)),
      m_log(log),
      m_contracts(std::move(contracts))
{
    qRegisterMetaType<cs::StepResult>();
    m_deadline.setSingleShot(true);
    connect(&m_deadline, &QTimer::timeout, this, [this] {
        if (m_stepOpen && m_onTimeout)
            m_onTimeout();
    });
}

ScenarioRunner::~ScenarioRunner() = default;

bool ScenarioRunner::passed() const
{
    return !m_results.isEmpty() && std::all_of(m_results.begin(), m_results.end(), [](const StepResult &r) {
        return r.outcome == StepResult::Outcome::Passed;
    });
}

Session *ScenarioRunner::session(const QString &client) const
{
    const auto it = m_clients.find(client);
    return it == m_clients.end() ? nullptr : it->second.session.get();
}

ScenarioRunner::Client *ScenarioRunner::client(const QString &name)
{
    const auto it = m_clients.find(name);
    return it == m_clients.end() ? nullptr : &it->second;
}

void ScenarioRunner::start()
{
    if (m_running)
        return;
    m_running = true;
    m_results.clear();
    m_current = -1;
    m_clock.start();
    createClients();
    QTimer::singleShot(0, this, &ScenarioRunner::nextStep);
}

void ScenarioRunner::stop()
{
    if (!m_running)
        return;
    if (m_stepOpen)
        fail(QStringLiteral("stopped"));
    else
        finishRun();
}

void ScenarioRunner::createClients()
{
    m_rest = new RestClient(m_credentials, m_log, QStringLiteral("rest"), this);
    for (const ScenarioClient &c : m_scenario.clients) {
        std::unique_ptr<Authorizer> authorizer;
        if (c.auth == ScenarioClient::Auth::Signer)
            authorizer = Session::builtInSigner(m_credentials);
        else if (c.auth == ScenarioClient::Auth::Endpoint)
            authorizer =
                std::make_unique<EndpointAuthorizer>(c.endpoint, std::nullopt, m_credentials.key, m_credentials.secret);
        Client &entry = m_clients[c.name];
        entry.session = std::make_unique<Session>(m_credentials, std::move(authorizer), m_log, c.name);
        Session *session = entry.session.get();
        const QString name = c.name;
        connect(session->channels(), &ChannelRegistry::eventReceived, this,
                [this, name](const QString &channel, const QString &event, const EventData &data) {
                    if (Client *cl = client(name)) {
                        cl->inbox.append({channel, event, data.value()});
                        poll();
                    }
                });
        connect(session->channels(), &ChannelRegistry::subscriptionChanged, this, &ScenarioRunner::poll);
        connect(session->connection(), &Connection::stateChanged, this, &ScenarioRunner::poll);
    }
}

void ScenarioRunner::nextStep()
{
    if (!m_running)
        return;
    ++m_current;
    if (m_current >= m_scenario.steps.size()) {
        finishRun();
        return;
    }
    const ScenarioStep &step = m_scenario.steps.at(m_current);
    m_stepOpen = true;
    m_stepFirstSeq = m_log ? m_log->nextSeq() : 0;
    m_stepClock.start();
    m_check = nullptr;
    m_onTimeout = nullptr;
    Q_EMIT stepStarted(m_current);
    m_deadline.start(step.timeoutMs);
    beginStep(step);
}

void ScenarioRunner::beginStep(const ScenarioStep &step)
{
    const QString within = seconds(step.timeoutMs);
    switch (step.kind) {
    case StepKind::Connect:
        for (const QString &name : step.clients)
            client(name)->session->connection()->open();
        m_check = [this, step] { return checkConnect(step); };
        m_onTimeout = [this, step, within] {
            QStringList late;
            for (const QString &name : step.clients) {
                const Connection *c = client(name)->session->connection();
                if (c->state() != ConnectionState::Connected)
                    late << QStringLiteral("%1 (%2%3)")
                                .arg(name, connectionStateName(c->state()),
                                     c->lastError().message.isEmpty() ? QString()
                                                                      : QStringLiteral(": ") + c->lastError().message);
            }
            fail(QStringLiteral("not connected within %1: %2").arg(within, late.join(QStringLiteral(", "))));
        };
        break;
    case StepKind::Disconnect:
        for (const QString &name : step.clients) {
            client(name)->session->connection()->close();
            client(name)->inbox.clear();
        }
        m_check = [] { return verdictPass(); };
        break;
    case StepKind::Subscribe: {
        Session *s = client(step.client())->session.get();
        if (Status st = s->channels()->subscribe(step.channel, m_scenario.client(step.client())->identity); !st) {
            // Refused before anything was sent (a bad name, a missing user id): a reason like any other.
            const QString why = st.error().message;
            m_check = [step, why] {
                if (step.failsWith && why.contains(*step.failsWith, Qt::CaseInsensitive))
                    return verdictPass(QStringLiteral("failed as expected: %1").arg(why));
                return verdictFail(QStringLiteral("subscription failed: %1").arg(why));
            };
            break;
        }
        m_check = [this, step] { return checkSubscribe(step); };
        m_onTimeout = [this, step, within] {
            fail(QStringLiteral("no answer to the subscription within %1 (still %2)")
                     .arg(within, subscriptionStateName(
                                      client(step.client())->session->channels()->subscription(step.channel)->state)));
        };
        break;
    }
    case StepKind::Unsubscribe:
        client(step.client())->session->channels()->unsubscribe(step.channel);
        m_check = [] { return verdictPass(); };
        break;
    case StepKind::Trigger:
    case StepKind::Batch:
        startTrigger(step);
        m_onTimeout = [this, within] { fail(QStringLiteral("no answer from the HTTP API within %1").arg(within)); };
        break;
    case StepKind::ClientEvent: {
        const Status sent =
            client(step.client())->session->channels()->sendClientEvent(step.channel, step.event, step.dataValue);
        m_check = [sent] {
            return sent ? verdictPass() : verdictFail(QStringLiteral("not sent: %1").arg(sent.error().message));
        };
        break;
    }
    case StepKind::ExpectEvent: {
        auto mismatch = std::make_shared<QString>();
        m_check = [this, step, mismatch] { return checkExpectEvent(step, mismatch.get()); };
        m_onTimeout = [this, step, within, mismatch] {
            QString what = QStringLiteral("no event '%1' on %2 at %3 within %4")
                               .arg(step.event, step.channel, step.client(), within);
            if (!mismatch->isEmpty())
                what = QStringLiteral("event '%1' arrived on %2 at %3 but did not match: %4")
                           .arg(step.event, step.channel, step.client(), *mismatch);
            fail(what);
        };
        break;
    }
    case StepKind::ExpectNoEvent:
        m_check = [this, step] { return checkNoEvent(step); };
        m_onTimeout = [this, within] { pass(QStringLiteral("nothing arrived within %1").arg(within)); };
        break;
    case StepKind::ExpectRoster: {
        auto now = std::make_shared<QString>();
        m_check = [this, step, now] { return checkRoster(step, now.get()); };
        m_onTimeout = [this, step, within, now] {
            fail(QStringLiteral("roster of %1 at %2 is %3, expected %4 (waited %5)")
                     .arg(step.channel, step.client(), *now, idList(step.members), within));
        };
        break;
    }
    case StepKind::Wait: m_onTimeout = [this] { pass(); }; break;
    }
    // Checks run after this turn: an outcome known at once still arrives asynchronously.
    QTimer::singleShot(0, this, &ScenarioRunner::poll);
}

void ScenarioRunner::startTrigger(const ScenarioStep &step)
{
    m_rest->setTimeoutMs(step.timeoutMs);
    const int index = m_current;
    auto done = [this, index](const RestResponse &response) {
        if (index != m_current || !m_stepOpen)
            return;
        if (response.ok())
            pass(QStringLiteral("HTTP %1").arg(response.status));
        else
            fail(QStringLiteral("refused: %1").arg(response.errorMessage()));
    };
    if (step.kind == StepKind::Batch) {
        m_rest->batch(step.batch, done);
        return;
    }
    TriggerRequest request;
    request.channels = step.channels.isEmpty() ? QStringList{step.channel} : step.channels;
    request.event = step.event;
    request.data = step.data;
    if (!step.excludeClient.isEmpty())
        request.socketId = client(step.excludeClient)->session->connection()->socketId();
    m_rest->trigger(request, done);
}

void ScenarioRunner::poll()
{
    if (!m_stepOpen || !m_check)
        return;
    if (const Verdict v = m_check()) {
        if (v->first)
            pass(v->second);
        else
            fail(v->second);
    }
}

Verdict ScenarioRunner::checkConnect(const ScenarioStep &step) const
{
    bool all = true;
    for (const QString &name : step.clients) {
        const Connection *c = m_clients.at(name).session->connection();
        if (c->state() == ConnectionState::Failed || c->state() == ConnectionState::Disconnected)
            return verdictFail(QStringLiteral("%1 could not connect: %2").arg(name, c->lastError().message));
        all = all && c->state() == ConnectionState::Connected;
    }
    return all ? verdictPass() : Verdict();
}

Verdict ScenarioRunner::checkSubscribe(const ScenarioStep &step) const
{
    const Subscription *sub = m_clients.at(step.client()).session->channels()->subscription(step.channel);
    if (!sub)
        return verdictFail(QStringLiteral("the subscription went away"));
    if (sub->state == SubscriptionState::Subscribed) {
        if (step.failsWith)
            return verdictFail(QStringLiteral("subscribed, but expected it to fail with '%1'").arg(*step.failsWith));
        return verdictPass();
    }
    if (sub->state != SubscriptionState::Failed)
        return {};
    if (!step.failsWith)
        return verdictFail(QStringLiteral("subscription failed: %1").arg(sub->error));
    if (!sub->error.contains(*step.failsWith, Qt::CaseInsensitive))
        return verdictFail(QStringLiteral("subscription failed with '%1', expected a reason containing '%2'")
                               .arg(sub->error, *step.failsWith));
    return verdictPass(QStringLiteral("failed as expected: %1").arg(sub->error));
}

QString ScenarioRunner::eventMismatch(const ScenarioStep &step, const Received &event) const
{
    QStringList why;
    if (step.schema) {
        for (const Violation &v : step.schema->validate(event.data))
            why << QStringLiteral("%1: %2").arg(v.path, v.message);
    }
    if (m_contracts) {
        for (const Violation &v : m_contracts->validate(event.event, event.channel, event.data))
            why << QStringLiteral("%1: %2 (contract %3)").arg(v.path, v.message, v.contract);
    }
    if (step.contains) {
        if (QString m = containsMismatch(event.data, *step.contains); !m.isEmpty())
            why << m;
    }
    return why.join(QStringLiteral("; "));
}

Verdict ScenarioRunner::checkExpectEvent(const ScenarioStep &step, QString *mismatch)
{
    for (Received &r : m_clients.at(step.client()).inbox) {
        if (r.taken || r.channel != step.channel || r.event != step.event)
            continue;
        const QString why = eventMismatch(step, r);
        if (!why.isEmpty()) {
            *mismatch = why;
            r.taken = true;  // judged: a later arrival gets its own chance
            continue;
        }
        r.taken = true;
        return verdictPass(QStringLiteral("arrived after %1").arg(seconds(m_stepClock.elapsed())));
    }
    return {};
}

Verdict ScenarioRunner::checkNoEvent(const ScenarioStep &step)
{
    for (Received &r : m_clients.at(step.client()).inbox) {
        if (r.taken || r.channel != step.channel || r.event != step.event)
            continue;
        r.taken = true;
        return verdictFail(QStringLiteral("event '%1' arrived on %2 at %3, expected none: %4")
                               .arg(step.event, step.channel, step.client(), shortJson(r.data)));
    }
    return {};
}

Verdict ScenarioRunner::checkRoster(const ScenarioStep &step, QString *now) const
{
    const Subscription *sub = m_clients.at(step.client()).session->channels()->subscription(step.channel);
    if (!sub || sub->state != SubscriptionState::Subscribed) {
        *now = QStringLiteral("unknown (%1)")
                   .arg(sub ? subscriptionStateName(sub->state) : QStringLiteral("not subscribed"));
        return {};
    }
    const QStringList ids = sub->members.keys();
    *now = idList(ids);
    if (QSet<QString>(ids.begin(), ids.end()) == QSet<QString>(step.members.begin(), step.members.end()))
        return verdictPass(QStringLiteral("roster is %1").arg(*now));
    return {};
}

void ScenarioRunner::pass(const QString &message) { endStep(StepResult::Outcome::Passed, message); }

void ScenarioRunner::fail(const QString &message) { endStep(StepResult::Outcome::Failed, message); }

void ScenarioRunner::endStep(StepResult::Outcome outcome, const QString &message)
{
    if (!m_stepOpen)
        return;
    m_stepOpen = false;
    m_deadline.stop();
    m_check = nullptr;
    m_onTimeout = nullptr;
    StepResult result;
    result.index = m_current;
    result.title = m_scenario.steps.at(m_current).title();
    result.outcome = outcome;
    result.message = message;
    result.durationMs = m_stepClock.elapsed();
    result.firstSeq = m_stepFirstSeq;
    result.endSeq = m_log ? m_log->nextSeq() : m_stepFirstSeq;
    m_results << result;
    Q_EMIT stepFinished(result);
    if (outcome == StepResult::Outcome::Failed)
        finishRun();
    else
        QTimer::singleShot(0, this, &ScenarioRunner::nextStep);
}

void ScenarioRunner::finishRun()
{
    if (!m_running)
        return;
    m_running = false;
    for (int i = int(m_results.size()); i < m_scenario.steps.size(); ++i) {
        StepResult skipped;
        skipped.index = i;
        skipped.title = m_scenario.steps.at(i).title();
        skipped.message = QStringLiteral("skipped: an earlier step failed");
        m_results << skipped;
        Q_EMIT stepFinished(skipped);
    }
    for (auto &[name, c] : m_clients)
        c.session->connection()->close();
    const bool ok = passed();
    QTimer::singleShot(0, this, [this, ok] { Q_EMIT finished(ok); });
}

}  // namespace cs
