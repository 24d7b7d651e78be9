#include "scenariostep.h"

#include "contractloader.h"
#include "names.h"
#include "scenariomembers.h"

#include <QDir>
#include <QFile>

namespace cs {

using namespace scenariojson;

namespace {

struct KindSpelling {
    StepKind kind;
    const char *name;
    std::initializer_list<const char *> members;  // besides "step" and "name"
};

const KindSpelling kKinds[] = {
    {StepKind::Connect, "connect", {"client", "clients", "within"}},
    {StepKind::Disconnect, "disconnect", {"client", "clients"}},
    {StepKind::Subscribe, "subscribe", {"client", "channel", "fails_with", "within"}},
    {StepKind::Unsubscribe, "unsubscribe", {"client", "channel"}},
    {StepKind::Trigger, "trigger", {"channel", "channels", "event", "data", "exclude", "within"}},
    {StepKind::Batch, "batch", {"events", "within"}},
    {StepKind::ClientEvent, "client_event", {"client", "channel", "event", "data"}},
    {StepKind::ExpectEvent, "expect_event", {"client", "channel", "event", "within", "schema", "contains"}},
    {StepKind::ExpectNoEvent, "expect_no_event", {"client", "channel", "event", "within"}},
    {StepKind::ExpectRoster, "expect_roster", {"client", "channel", "members", "within"}},
    {StepKind::Wait, "wait", {"seconds"}},
};

QStringList kindNames()
{
    QStringList out;
    for (const KindSpelling &k : kKinds)
        out << QLatin1String(k.name);
    return out;
}

Status checkClient(const Scenario &scenario, const Members &m, const char *member, const QString &name)
{
    if (!scenario.client(name))
        return invalid(m.at(member), QStringLiteral("no client is named '%1'").arg(name));
    return {};
}

Result<QString> channel(const Members &m)
{
    auto name = m.string("channel", true);
    if (!name)
        return name;
    if (Status s = validateChannelName(*name); !s)
        return invalid(m.at("channel"), s.error().message);
    return name;
}

Result<QString> event(const Members &m, bool client)
{
    auto name = m.string("event", true);
    if (!name)
        return name;
    if (Status s = client ? validateClientEventName(*name) : validateEventName(*name); !s)
        return invalid(m.at("event"), s.error().message);
    return name;
}

// "schema": an inline draft-7 schema, or a file name relative to the scenario's folder.
Result<Contract> schema(const Members &m, const QString &eventName, const QString &baseDir)
{
    const QJsonValue v = m.value("schema");
    if (v.isObject()) {
        auto contract = Contract::compile(eventName, v.toObject());
        if (!contract)
            return invalid(m.at("schema"), contract.error().message);
        return contract;
    }
    if (!v.isString())
        return invalid(m.at("schema"), QStringLiteral("must be a schema object or the name of a schema file"));
    const QString path = QDir(baseDir.isEmpty() ? QDir::currentPath() : baseDir).filePath(v.toString());
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return invalid(m.at("schema"), QStringLiteral("cannot read %1: %2").arg(path, file.errorString()));
    auto contract = parseContract(eventName, file.read(kMaxContractBytes), path);
    if (!contract)
        return invalid(m.at("schema"), QStringLiteral("%1: %2").arg(path, contract.error().message));
    return contract;
}

Result<BatchEvent> batchEvent(const QJsonValue &value, const QString &where)
{
    if (!value.isObject())
        return invalid(where, QStringLiteral("must be an object with channel, event and data"));
    const Members m(value.toObject(), where);
    if (Status s = m.onlyKnown({"channel", "event", "data"}); !s)
        return s.error();
    BatchEvent e;
    auto ch = channel(m);
    if (!ch)
        return ch.error();
    auto ev = event(m, false);
    if (!ev)
        return ev.error();
    e.channel = *ch;
    e.event = *ev;
    e.data = sendText(m.value("data"));
    return e;
}

// The members each kind needs, beyond the ones onlyKnown() allowed.
Status fill(ScenarioStep &step, const Scenario &scenario, const Members &m, const QString &baseDir)
{
    const bool needsChannel = step.kind != StepKind::Connect && step.kind != StepKind::Disconnect
                              && step.kind != StepKind::Batch && step.kind != StepKind::Wait
                              && !(step.kind == StepKind::Trigger && m.has("channels"));
    if (needsChannel) {
        auto ch = channel(m);
        if (!ch)
            return ch.error();
        step.channel = *ch;
    }
    step.data = sendText(m.value("data"));
    step.dataValue = m.has("data") ? m.value("data") : QJsonValue(QJsonObject());
    switch (step.kind) {
    case StepKind::Subscribe:
        if (m.has("fails_with")) {
            if (!m.value("fails_with").isString())
                return invalid(m.at("fails_with"), QStringLiteral("must be a string (the reason contains it)"));
            step.failsWith = m.value("fails_with").toString();
        }
        break;
    case StepKind::Trigger: {
        if (m.has("channels")) {
            auto list = m.strings("channels");
            if (!list)
                return list.error();
            step.channels = *list;
        }
        if (m.has("exclude")) {
            step.excludeClient = m.value("exclude").toString();
            if (Status s = checkClient(scenario, m, "exclude", step.excludeClient); !s)
                return s;
        }
        [[fallthrough]];
    }
    case StepKind::ClientEvent:
    case StepKind::ExpectNoEvent: {
        auto ev = event(m, step.kind == StepKind::ClientEvent);
        if (!ev)
            return ev.error();
        step.event = *ev;
        break;
    }
    case StepKind::ExpectEvent: {
        auto ev = event(m, false);
        if (!ev)
            return ev.error();
        step.event = *ev;
        if (m.has("schema")) {
            auto contract = schema(m, step.event, baseDir);
            if (!contract)
                return contract.error();
            step.schema = *contract;
        }
        if (m.has("contains"))
            step.contains = m.value("contains");
        break;
    }
    case StepKind::ExpectRoster: {
        auto list = m.strings("members");
        if (!list)
            return list.error();
        step.members = *list;
        break;
    }
    case StepKind::Batch: {
        const QJsonArray events = m.value("events").toArray();
        if (events.isEmpty() || events.size() > 10)
            return invalid(m.at("events"), QStringLiteral("must be an array of 1 to 10 events"));
        for (qsizetype i = 0; i < events.size(); ++i) {
            auto e = batchEvent(events.at(i), m.at("events") + QStringLiteral("[%1]").arg(i));
            if (!e)
                return e.error();
            step.batch << *e;
        }
        break;
    }
    default: break;
    }
    return {};
}

}  // namespace

QString stepKindName(StepKind kind)
{
    for (const KindSpelling &k : kKinds) {
        if (k.kind == kind)
            return QLatin1String(k.name);
    }
    return {};
}

Result<ScenarioStep> parseStep(const Scenario &scenario, const QJsonValue &value, const QString &where,
                               int defaultTimeoutMs, const QString &baseDir)
{
    if (!value.isObject())
        return invalid(where, QStringLiteral("must be an object with a \"step\" member"));
    const Members m(value.toObject(), where);
    const QString kindName = m.value("step").toString();
    const KindSpelling *spelling = nullptr;
    for (const KindSpelling &k : kKinds) {
        if (kindName == QLatin1String(k.name))
            spelling = &k;
    }
    if (!spelling)
        return invalid(m.at("step"), QStringLiteral("'%1' is not a step (one of: %2)")
                                         .arg(kindName, kindNames().join(QStringLiteral(", "))));
    QList<const char *> known{"step", "name"};
    known.append(QList<const char *>(spelling->members.begin(), spelling->members.end()));
    QStringList knownNames;
    for (const char *k : known)
        knownNames << QLatin1String(k);
    if (Status s = m.onlyKnown(knownNames); !s)
        return s.error();

    ScenarioStep step;
    step.kind = spelling->kind;
    step.where = where;
    step.description = m.value("name").toString();
    auto timeout = m.seconds(step.kind == StepKind::Wait ? "seconds" : "within", defaultTimeoutMs);
    if (!timeout)
        return timeout.error();
    step.timeoutMs = *timeout;
    if (step.kind == StepKind::Wait && !m.has("seconds"))
        return invalid(m.at("seconds"), QStringLiteral("missing (a number of seconds)"));

    const bool takesClient = std::find_if(spelling->members.begin(), spelling->members.end(),
                                          [](const char *n) { return qstrcmp(n, "client") == 0; })
                             != spelling->members.end();
    if (m.has("clients")) {
        auto list = m.strings("clients");
        if (!list)
            return list.error();
        step.clients = *list;
    } else if (m.has("client")) {
        auto one = m.string("client", true);
        if (!one)
            return one.error();
        step.clients = {*one};
    } else if (takesClient && step.kind != StepKind::Connect && step.kind != StepKind::Disconnect) {
        return invalid(m.at("client"), QStringLiteral("missing (the name of a client)"));
    } else if (takesClient) {
        for (const ScenarioClient &c : scenario.clients)
            step.clients << c.name;  // connect/disconnect without a client: all of them
    }
    for (const QString &name : std::as_const(step.clients)) {
        if (Status s = checkClient(scenario, m, m.has("clients") ? "clients" : "client", name); !s)
            return s.error();
    }
    if (Status s = fill(step, scenario, m, baseDir); !s)
        return s.error();
    return step;
}

}  // namespace cs
