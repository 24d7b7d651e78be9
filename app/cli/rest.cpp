// REST commands: trigger, batch, channels, channel, users, terminate. Each prints the server's answer.

#include "rest.h"

#include "cli.h"

#include "logstore.h"
#include "publishrules.h"
#include "restclient.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

namespace cs::cli {

namespace {

void addRestOptions(QCommandLineParser &parser)
{
    addCredentialOptions(parser);
    parser.addOption(
        {QStringLiteral("verbose"), QStringLiteral("Print the request and answer log entries on stderr.")});
}

// Runs one REST call and maps its outcome to the exit-code contract.
int runRest(const QCommandLineParser &parser, const Credentials &credentials,
            const std::function<void(RestClient &, RestClient::Callback)> &call)
{
    LogStore log;
    if (parser.isSet(QStringLiteral("verbose"))) {
        QObject::connect(&log, &LogStore::appended, &log, [&log](qsizetype first, qsizetype count) {
            for (qsizetype row = first; row < first + count; ++row) {
                const QByteArray line = QJsonDocument(log.at(row).toJson()).toJson(QJsonDocument::Compact);
                std::fprintf(stderr, "%s\n", terminalSafe(line, false).constData());
            }
        });
    }
    RestClient client(credentials, &log, QStringLiteral("cli"));
    int exitCode = ExitOk;
    call(client, [&exitCode](const RestResponse &response) {
        if (!response.body.isEmpty())
            printLine(response.body);
        if (!response.networkError.isEmpty())
            exitCode = failure(response.status == 0 ? ExitConnection : ExitNotMet, response.errorMessage());
        else if (!response.ok())  // includes soketi's errors sent as HTTP 200 (see RestResponse)
            exitCode = failure(ExitNotMet, response.errorMessage());
        QCoreApplication::exit(exitCode);
    });
    QCoreApplication::exec();
    log.flush();
    return exitCode;
}

// --max-payload-kb: the server's event data limit when it is not hosted Pusher's 10 KB.
void addLimitOptions(QCommandLineParser &parser)
{
    parser.addOption({QStringLiteral("max-payload-kb"),
                      QStringLiteral("The server's event data limit in KB, for the warning before sending "
                                     "(default: hosted Pusher's 10)."),
                      QStringLiteral("n")});
}

Result<ServerLimits> limitsFrom(const QCommandLineParser &parser)
{
    ServerLimits limits;
    if (parser.isSet(QStringLiteral("max-payload-kb"))) {
        bool ok = false;
        const int kb = parser.value(QStringLiteral("max-payload-kb")).toInt(&ok);
        if (!ok || kb <= 0)
            return Error{ErrorCode::Usage, QStringLiteral("--max-payload-kb takes a positive whole number of KB")};
        limits.payloadKb = kb;
    }
    return limits;
}

// What the server may refuse goes to stderr before sending; the request still goes out, since
// the server may allow more (errors every server refuses are usage errors instead).
void printWarnings(const QStringList &warnings)
{
    for (const QString &warning : warnings)
        std::fprintf(stderr, "channelscope-cli: warning: %s\n", terminalSafe(warning.toUtf8(), false).constData());
}

QStringList listOption(const QCommandLineParser &parser, const QString &name)
{
    QStringList out;
    for (const QString &value : parser.values(name))
        out << value.split(QLatin1Char(','), Qt::SkipEmptyParts);
    return out;
}

// A batch event's data may be a string (sent as is) or any JSON value (sent as its JSON text).
QString dataText(const QJsonValue &v)
{
    if (v.isString())
        return v.toString();
    return QString::fromUtf8(QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact)).mid(1).chopped(1);
}

Result<QList<BatchEvent>> readBatchFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error{ErrorCode::Usage, QStringLiteral("cannot read %1: %2").arg(path, file.errorString())};
    QJsonParseError err{};
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &err);
    if (err.error != QJsonParseError::NoError)
        return Error{
            ErrorCode::Usage,
            QStringLiteral("%1 is not valid JSON: %2 at character %3").arg(path, err.errorString()).arg(err.offset)};
    const QJsonArray items = doc.isArray() ? doc.array() : doc.object().value(QStringLiteral("batch")).toArray();
    if (items.isEmpty())
        return Error{ErrorCode::Usage,
                     QStringLiteral(
                         "%1 holds no events: expected [{\"channel\",\"name\",\"data\"}, …] or {\"batch\":[…]}")
                         .arg(path)};
    QList<BatchEvent> events;
    for (const QJsonValue &item : items) {
        const QJsonObject o = item.toObject();
        BatchEvent e;
        e.channel = o.value(QStringLiteral("channel")).toString();
        e.event = o.value(QStringLiteral("name")).toString(o.value(QStringLiteral("event")).toString());
        e.data = dataText(o.value(QStringLiteral("data")));
        e.socketId = o.value(QStringLiteral("socket_id")).toString();
        if (o.contains(QStringLiteral("info")))
            e.info = o.value(QStringLiteral("info")).toString().split(QLatin1Char(','), Qt::SkipEmptyParts);
        if (e.channel.isEmpty() || e.event.isEmpty())
            return Error{ErrorCode::Usage,
                         QStringLiteral("event %1 in %2 needs \"channel\" and \"name\"").arg(events.size()).arg(path)};
        events << e;
    }
    return events;
}

}  // namespace

int runTrigger(const QStringList &args)
{
    QCommandLineParser parser;
    addRestOptions(parser);
    addLimitOptions(parser);
    parser.addOptions({
        {QStringLiteral("channel"), QStringLiteral("Channel (repeat for up to 100)."), QStringLiteral("name")},
        {QStringLiteral("event"), QStringLiteral("Event name."), QStringLiteral("name")},
        {QStringLiteral("data"), QStringLiteral("Event data: JSON text, or @FILE."), QStringLiteral("json")},
        {QStringLiteral("string"), QStringLiteral("Send --data as a plain string, without checking that it is JSON.")},
        {QStringLiteral("exclude-socket"), QStringLiteral("Socket id that must not receive it."), QStringLiteral("id")},
        {QStringLiteral("info"), QStringLiteral("Attributes to return, e.g. user_count,subscription_count."),
         QStringLiteral("list")},
    });
    if (const Parsed p = parse(parser, args, QStringLiteral("Trigger an event through the HTTP API.")); p.exitNow)
        return *p.exitNow;
    if (!parser.isSet(QStringLiteral("channel")))
        return usageError(QStringLiteral("--channel is required"));
    if (!parser.isSet(QStringLiteral("event")))
        return usageError(QStringLiteral("--event is required"));
    TriggerRequest request;
    request.channels = parser.values(QStringLiteral("channel"));
    request.event = parser.value(QStringLiteral("event"));
    request.socketId = parser.value(QStringLiteral("exclude-socket"));
    request.info = listOption(parser, QStringLiteral("info"));
    if (!parser.isSet(QStringLiteral("data")))
        return usageError(QStringLiteral("--data is required"));
    if (parser.isSet(QStringLiteral("string"))) {
        request.data = parser.value(QStringLiteral("data"));
    } else {
        const auto data = readJsonArgument(parser.value(QStringLiteral("data")), QStringLiteral("--data"));
        if (!data)
            return usageError(data.error().message + QStringLiteral(" (use --string to send it as text)"));
        request.data = QString::fromUtf8(*data);
    }
    if (Status s = RestClient::validate(request); !s)
        return usageError(s.error().message);
    const auto limits = limitsFrom(parser);
    if (!limits)
        return usageError(limits.error().message);
    const auto credentials = credentialsFrom(parser, QStringLiteral("rest"));
    if (!credentials)
        return usageError(credentials.error().message);
    TriggerDraft draft;
    draft.channels = request.channels;
    draft.event = request.event;
    draft.data = request.data;
    draft.limits = *limits;
    printWarnings(triggerWarnings(draft));
    return runRest(parser, *credentials, [&](RestClient &c, RestClient::Callback cb) { c.trigger(request, cb); });
}

int runBatch(const QStringList &args)
{
    QCommandLineParser parser;
    addRestOptions(parser);
    parser.addOption({QStringLiteral("file"),
                      QStringLiteral("JSON file: [{\"channel\",\"name\",\"data\"[,\"socket_id\"][,\"info\"]}, …]."),
                      QStringLiteral("file")});
    addLimitOptions(parser);
    if (const Parsed p = parse(parser, args, QStringLiteral("Trigger up to 10 events in one HTTP call.")); p.exitNow)
        return *p.exitNow;
    if (!parser.isSet(QStringLiteral("file")))
        return usageError(QStringLiteral("--file is required"));
    const auto events = readBatchFile(parser.value(QStringLiteral("file")));
    if (!events)
        return usageError(events.error().message);
    if (events->size() > 10)
        return usageError(QStringLiteral("a batch holds at most 10 events; %1 has %2")
                              .arg(parser.value(QStringLiteral("file")))
                              .arg(events->size()));
    if (Status s = RestClient::validate(*events); !s)  // names every server refuses
        return usageError(s.error().message);
    const auto limits = limitsFrom(parser);
    if (!limits)
        return usageError(limits.error().message);
    const auto credentials = credentialsFrom(parser, QStringLiteral("rest"));
    if (!credentials)
        return usageError(credentials.error().message);
    BatchDraft draft;
    draft.limits = *limits;
    for (const BatchEvent &event : *events)
        draft.rows.append(BatchRowDraft{event.channel, event.event, event.data, {}});
    printWarnings(batchWarnings(draft));
    return runRest(parser, *credentials, [&](RestClient &c, RestClient::Callback cb) { c.batch(*events, cb); });
}

int runChannels(const QStringList &args)
{
    QCommandLineParser parser;
    addRestOptions(parser);
    parser.addOptions({
        {QStringLiteral("prefix"), QStringLiteral("Only channels starting with this prefix."),
         QStringLiteral("prefix")},
        {QStringLiteral("info"), QStringLiteral("Attributes, e.g. user_count (presence- prefix only)."),
         QStringLiteral("list")},
    });
    if (const Parsed p = parse(parser, args, QStringLiteral("List occupied channels.")); p.exitNow)
        return *p.exitNow;
    const auto credentials = credentialsFrom(parser, QStringLiteral("rest"));
    if (!credentials)
        return usageError(credentials.error().message);
    const QString prefix = parser.value(QStringLiteral("prefix"));
    const QStringList info = listOption(parser, QStringLiteral("info"));
    return runRest(parser, *credentials, [&](RestClient &c, RestClient::Callback cb) { c.channels(prefix, info, cb); });
}

// Commands that take exactly one positional argument.
Result<QString> singleArgument(const QCommandLineParser &parser, const QString &what)
{
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1)
        return Error{ErrorCode::Usage, QStringLiteral("expected exactly one %1").arg(what)};
    return positional.first();
}

int runChannel(const QStringList &args)
{
    QCommandLineParser parser;
    addRestOptions(parser);
    parser.addOption({QStringLiteral("info"), QStringLiteral("Attributes: user_count, subscription_count, cache."),
                      QStringLiteral("list")});
    parser.addPositionalArgument(QStringLiteral("name"), QStringLiteral("Channel name."), QStringLiteral("NAME"));
    if (const Parsed p = parse(parser, args, QStringLiteral("Show one channel's state.")); p.exitNow)
        return *p.exitNow;
    const auto name = singleArgument(parser, QStringLiteral("channel NAME"));
    if (!name)
        return usageError(name.error().message);
    const auto credentials = credentialsFrom(parser, QStringLiteral("rest"));
    if (!credentials)
        return usageError(credentials.error().message);
    const QStringList info = listOption(parser, QStringLiteral("info"));
    return runRest(parser, *credentials, [&](RestClient &c, RestClient::Callback cb) { c.channel(*name, info, cb); });
}

int runUsers(const QStringList &args)
{
    QCommandLineParser parser;
    addRestOptions(parser);
    parser.addPositionalArgument(QStringLiteral("name"), QStringLiteral("Presence channel name."),
                                 QStringLiteral("NAME"));
    if (const Parsed p = parse(parser, args, QStringLiteral("List the users of a presence channel.")); p.exitNow)
        return *p.exitNow;
    const auto name = singleArgument(parser, QStringLiteral("presence channel NAME"));
    if (!name)
        return usageError(name.error().message);
    const auto credentials = credentialsFrom(parser, QStringLiteral("rest"));
    if (!credentials)
        return usageError(credentials.error().message);
    return runRest(parser, *credentials, [&](RestClient &c, RestClient::Callback cb) { c.users(*name, cb); });
}

int runTerminate(const QStringList &args)
{
    QCommandLineParser parser;
    addRestOptions(parser);
    parser.addPositionalArgument(QStringLiteral("user"), QStringLiteral("User id."), QStringLiteral("USER_ID"));
    if (const Parsed p = parse(parser, args, QStringLiteral("Terminate every connection of a signed-in user."));
        p.exitNow)
        return *p.exitNow;
    const auto user = singleArgument(parser, QStringLiteral("USER_ID"));
    if (!user)
        return usageError(user.error().message);
    const auto credentials = credentialsFrom(parser, QStringLiteral("rest"));
    if (!credentials)
        return usageError(credentials.error().message);
    return runRest(parser, *credentials,
                   [&](RestClient &c, RestClient::Callback cb) { c.terminateUserConnections(*user, cb); });
}

}  // namespace cs::cli
