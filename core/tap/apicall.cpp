#include "apicall.h"

#include "names.h"
#include "strictjson.h"

#include <QJsonArray>
#include <QRegularExpression>

#include <algorithm>

namespace cs::tap {

namespace {

ApiCall eventCall(const QString &name, const QJsonObject &object)
{
    ApiCall call;
    call.call = name;
    if (object.contains(QLatin1String("channels"))) {
        for (const QJsonValue &c : object.value(QLatin1String("channels")).toArray())
            call.channels.append(c.toString());
    }
    if (object.contains(QLatin1String("channel")))
        call.channels.append(object.value(QLatin1String("channel")).toString());
    call.event = object.value(QLatin1String("name")).toString();
    call.data = object.value(QLatin1String("data"));
    call.socketId = object.value(QLatin1String("socket_id")).toString();
    const QJsonValue info = object.value(QLatin1String("info"));
    call.info = info.isString() ? info.toString() : QString();
    return call;
}

// The usual confusions: '.', '-', '_' and ':' as separators, and case.
QString folded(const QString &name)
{
    static const QRegularExpression separators(QStringLiteral("[-._:]"));
    QString f = name.toLower();
    f.replace(separators, QStringLiteral("-"));
    return f;
}

}  // namespace

QString ApiCall::summary() const
{
    const QString on = channels.join(QStringLiteral(", "));
    if (call == QLatin1String("trigger") || call == QLatin1String("batch"))
        return QStringLiteral("%1 %2 on %3").arg(call, event, on);
    if (call == QLatin1String("channel") || call == QLatin1String("users"))
        return QStringLiteral("%1 query %2").arg(call, on);
    if (call == QLatin1String("terminate"))
        return QStringLiteral("terminate connections of user %1").arg(userId);
    if (call == QLatin1String("channels"))
        return QStringLiteral("channel list query%1")
            .arg(info.isEmpty() ? QString() : QStringLiteral(" (info=%1)").arg(info));
    return QStringLiteral("HTTP request");
}

QJsonObject ApiCall::toJson() const
{
    QJsonObject o{{QStringLiteral("call"), call}};
    if (!channels.isEmpty())
        o.insert(QStringLiteral("channels"), QJsonArray::fromStringList(channels));
    if (!event.isEmpty())
        o.insert(QStringLiteral("event"), event);
    if (!data.isUndefined())
        o.insert(QStringLiteral("data"), data);
    if (!socketId.isEmpty())
        o.insert(QStringLiteral("socket_id"), socketId);
    if (!info.isEmpty())
        o.insert(QStringLiteral("info"), info);
    if (!userId.isEmpty())
        o.insert(QStringLiteral("user_id"), userId);
    if (batchIndex >= 0)
        o.insert(QStringLiteral("batch_index"), batchIndex);
    if (!problem.isEmpty())
        o.insert(QStringLiteral("problem"), problem);
    return o;
}

QList<ApiCall> decodeApiCall(const QByteArray &method, const QString &path, const QByteArray &body)
{
    static const QRegularExpression appPath(QStringLiteral("/apps/[^/]+(/.*)?$"));
    const QRegularExpressionMatch match = appPath.match(path);
    const QString rest = match.hasMatch() ? match.captured(1) : QString();
    const QStringList parts = rest.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    const bool post = method == "POST";
    ApiCall plain;
    plain.call = QStringLiteral("http");
    if (!match.hasMatch())
        return {plain};

    if (post && (rest == QLatin1String("/events") || rest == QLatin1String("/batch_events"))) {
        const auto doc = json::parseDocument(body);
        if (!doc || !doc->isObject()) {
            plain.call = rest == QLatin1String("/events") ? QStringLiteral("trigger") : QStringLiteral("batch");
            plain.problem = QStringLiteral("the body is not a JSON object");
            return {plain};
        }
        if (rest == QLatin1String("/events"))
            return {eventCall(QStringLiteral("trigger"), doc->object())};
        QList<ApiCall> calls;
        const QJsonArray batch = doc->object().value(QLatin1String("batch")).toArray();
        for (qsizetype i = 0; i < batch.size(); ++i) {
            ApiCall call = eventCall(QStringLiteral("batch"), batch[i].toObject());
            call.batchIndex = int(i);
            calls.append(call);
        }
        if (calls.isEmpty()) {
            plain.call = QStringLiteral("batch");
            plain.problem = QStringLiteral("no \"batch\" array of events");
            calls.append(plain);
        }
        return calls;
    }
    ApiCall call;
    if (method == "GET" && parts.size() == 1 && parts[0] == QLatin1String("channels")) {
        call.call = QStringLiteral("channels");
    } else if (method == "GET" && parts.size() == 2 && parts[0] == QLatin1String("channels")) {
        call.call = QStringLiteral("channel");
        call.channels = {parts[1]};
    } else if (method == "GET" && parts.size() == 3 && parts[0] == QLatin1String("channels")
               && parts[2] == QLatin1String("users")) {
        call.call = QStringLiteral("users");
        call.channels = {parts[1]};
    } else if (post && parts.size() == 3 && parts[0] == QLatin1String("users")
               && parts[2] == QLatin1String("terminate_connections")) {
        call.call = QStringLiteral("terminate");
        call.userId = parts[1];
    } else {
        return {plain};
    }
    return {call};
}

QStringList closestChannels(const QString &channel, const QStringList &occupied, int limit)
{
    const QString f = folded(channel);
    QList<QPair<int, QString>> ranked;
    for (const QString &name : occupied) {
        if (name == channel)
            continue;
        const int distance = folded(name) == f ? 0 : editDistance(f, folded(name)) + 1;
        if (distance <= std::max<qsizetype>(2, channel.size() / 4))
            ranked.append({distance, name});
    }
    std::sort(ranked.begin(), ranked.end());
    QStringList names;
    for (qsizetype i = 0; i < ranked.size() && i < limit; ++i)
        names.append(ranked[i].second);
    return names;
}

}  // namespace cs::tap
