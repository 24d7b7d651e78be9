#pragma once
// A scenario: named clients and the steps a QA engineer writes once and runs in CI or in the app
// (docs/scenarios.md is the reference of every member). parseScenario() checks the whole file
// before anything connects, so a typo is a usage error with where it is, not a failed run.

#include "authorizer.h"
#include "contract.h"
#include "endpointauthorizer.h"
#include "restclient.h"
#include "result.h"

#include <QJsonValue>
#include <QList>
#include <QString>

#include <optional>

namespace cs {

inline constexpr int kScenarioDefaultTimeoutMs = 5'000;
inline constexpr int kScenarioMaxTimeoutMs = 600'000;  // every wait is bounded, also by the file
inline constexpr qint64 kMaxScenarioBytes = qint64(4) << 20;

struct ScenarioClient {
    enum class Auth { Signer, None, Endpoint };
    QString name;  // the log's connection name (conn:NAME)
    PresenceIdentity identity;
    Auth auth = Auth::Signer;
    EndpointConfig endpoint;  // Auth::Endpoint
};

enum class StepKind {
    Connect,
    Disconnect,
    Subscribe,
    Unsubscribe,
    Trigger,
    Batch,
    ClientEvent,
    ExpectEvent,
    ExpectNoEvent,
    ExpectRoster,
    Wait,
};
QString stepKindName(StepKind kind);  // the "step" spelling: "connect", "expect_event", …

struct ScenarioStep {
    StepKind kind = StepKind::Wait;
    QString where;        // "steps[3]", for messages
    QStringList clients;  // connect/disconnect: one or more; others: exactly one (or none)
    QString channel;
    QStringList channels;  // trigger
    QString event;
    QString data;          // trigger: what is sent, a JSON string member as is, anything else as compact JSON
    QJsonValue dataValue;  // client_event: the "data" member itself ({} when absent)
    QList<BatchEvent> batch;
    QString excludeClient;  // trigger: the client whose socket id is excluded
    int timeoutMs = kScenarioDefaultTimeoutMs;
    std::optional<QString> failsWith;    // subscribe: expected to fail with a reason containing this
    std::optional<Contract> schema;      // expect_event: the data must meet it
    std::optional<QJsonValue> contains;  // expect_event: the data must contain these values
    QStringList members;                 // expect_roster: user ids, any order
    QString description;                 // optional "name" member

    QString client() const { return clients.value(0); }
    QString title() const;  // "expect_event bob presence-room client-typing" (or the description)
};

struct Scenario {
    QString name;
    QString file;  // where it was read from (may be empty)
    QList<ScenarioClient> clients;
    QList<ScenarioStep> steps;
    bool needsSecret = false;  // a trigger or batch step: the REST API needs the app secret

    const ScenarioClient *client(const QString &name) const;
};

// The scenario in `text`. `baseDir` resolves schema files named in the scenario. Error
// Usage (exit 2 in the CLI) with "Line L, column C: …" for bad JSON, or "steps[2].channel: …" naming the
// member that is wrong and why.
Result<Scenario> parseScenario(const QByteArray &text, const QString &baseDir = {});
// Reads and parses a file; the error message starts with the file's path.
Result<Scenario> loadScenario(const QString &path);

}  // namespace cs
