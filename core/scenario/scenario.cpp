#include "scenario.h"

#include "jsoncheck.h"
#include "scenariomembers.h"
#include "scenariostep.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>

namespace cs {

using namespace scenariojson;

namespace {

Result<ScenarioClient> parseClient(const QJsonValue &value, const QString &where)
{
    if (!value.isObject())
        return invalid(where, QStringLiteral("must be an object"));
    const Members m(value.toObject(), where);
    if (Status s = m.onlyKnown({"name", "user_id", "user_info", "auth", "auth_endpoint", "auth_headers"}); !s)
        return s.error();
    ScenarioClient client;
    auto name = m.string("name", true);
    if (!name)
        return name.error();
    client.name = *name;
    auto userId = m.string("user_id", false);
    if (!userId)
        return userId.error();
    client.identity.userId = userId->isEmpty() ? client.name : *userId;
    if (m.has("user_info")) {
        if (!m.value("user_info").isObject())
            return invalid(m.at("user_info"), QStringLiteral("must be an object"));
        client.identity.userInfo = m.value("user_info").toObject();
    }
    const QString auth = m.value("auth").toString(QStringLiteral("signer"));
    if (auth == QLatin1String("signer")) {
        client.auth = ScenarioClient::Auth::Signer;
    } else if (auth == QLatin1String("none")) {
        client.auth = ScenarioClient::Auth::None;
    } else if (auth == QLatin1String("endpoint")) {
        client.auth = ScenarioClient::Auth::Endpoint;
        auto url = m.string("auth_endpoint", true);
        if (!url)
            return url.error();
        client.endpoint.url = QUrl(*url);
        if (!client.endpoint.url.isValid() || !client.endpoint.url.scheme().startsWith(QLatin1String("http")))
            return invalid(m.at("auth_endpoint"), QStringLiteral("must be an http or https URL"));
        const QJsonObject headers = m.value("auth_headers").toObject();
        for (auto it = headers.begin(); it != headers.end(); ++it)
            client.endpoint.headers.append({it.key().toUtf8(), it.value().toString().toUtf8()});
    } else {
        return invalid(m.at("auth"),
                       QStringLiteral("must be \"signer\", \"none\" or \"endpoint\", not '%1'").arg(auth));
    }
    return client;
}

}  // namespace

QString ScenarioStep::title() const
{
    if (!description.isEmpty())
        return description;
    QStringList parts{stepKindName(kind)};
    parts << clients;
    if (!channel.isEmpty())
        parts << channel;
    parts << channels;
    if (!event.isEmpty())
        parts << event;
    if (kind == StepKind::Batch)
        parts << QStringLiteral("(%1 events)").arg(batch.size());
    if (kind == StepKind::Wait)
        parts << QStringLiteral("%1 s").arg(timeoutMs / 1000.0);
    return parts.join(QLatin1Char(' '));
}

const ScenarioClient *Scenario::client(const QString &name) const
{
    for (const ScenarioClient &c : clients) {
        if (c.name == name)
            return &c;
    }
    return nullptr;
}

Result<Scenario> parseScenario(const QByteArray &text, const QString &baseDir)
{
    const auto checked = json::checkJson(QString::fromUtf8(text), json::JsonShape::Object);
    if (!checked)
        return Error{ErrorCode::Usage, checked.error().message};
    const Members top(checked->toObject(), QString());
    if (Status s = top.onlyKnown({"name", "timeout", "clients", "steps"}); !s)
        return s.error();
    Scenario scenario;
    scenario.name = top.value("name").toString(QStringLiteral("scenario"));
    const auto timeout = top.seconds("timeout", kScenarioDefaultTimeoutMs);
    if (!timeout)
        return timeout.error();
    if (!top.value("clients").isArray() || top.value("clients").toArray().isEmpty())
        return invalid(QStringLiteral("clients"), QStringLiteral("must be a non-empty array of clients"));
    const QJsonArray clients = top.value("clients").toArray();
    for (qsizetype i = 0; i < clients.size(); ++i) {
        auto client = parseClient(clients.at(i), QStringLiteral("clients[%1]").arg(i));
        if (!client)
            return client.error();
        if (scenario.client(client->name))
            return invalid(QStringLiteral("clients[%1].name").arg(i),
                           QStringLiteral("'%1' is already the name of another client").arg(client->name));
        scenario.clients << *client;
    }
    if (!top.value("steps").isArray() || top.value("steps").toArray().isEmpty())
        return invalid(QStringLiteral("steps"), QStringLiteral("must be a non-empty array of steps"));
    const QJsonArray steps = top.value("steps").toArray();
    for (qsizetype i = 0; i < steps.size(); ++i) {
        auto step = parseStep(scenario, steps.at(i), QStringLiteral("steps[%1]").arg(i), *timeout, baseDir);
        if (!step)
            return step.error();
        scenario.needsSecret = scenario.needsSecret || step->kind == StepKind::Trigger || step->kind == StepKind::Batch;
        scenario.steps << *step;
    }
    return scenario;
}

Result<Scenario> loadScenario(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error{ErrorCode::Usage, QStringLiteral("%1: cannot read: %2").arg(path, file.errorString())};
    const QByteArray text = file.read(kMaxScenarioBytes + 1);
    if (text.size() > kMaxScenarioBytes)
        return Error{ErrorCode::Usage, QStringLiteral("%1: larger than %2 MiB").arg(path).arg(kMaxScenarioBytes >> 20)};
    auto parsed = parseScenario(text, QFileInfo(path).absolutePath());
    if (!parsed)
        return Error{ErrorCode::Usage, QStringLiteral("%1: %2").arg(path, parsed.error().message)};
    Scenario scenario = *parsed;
    scenario.file = path;
    return scenario;
}

}  // namespace cs
