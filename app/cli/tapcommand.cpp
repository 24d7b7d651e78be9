// tap: local listeners in front of the real server, every exchange printed as NDJSON.

#include "tapcommand.h"

#include "cli.h"
#include "contractsoption.h"

#include "logstore.h"
#include "resttap.h"
#include "tapsnippets.h"
#include "watcher.h"
#include "webhookinbox.h"
#include "wstap.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QTimer>

#include <cstdio>
#include <optional>

namespace cs::cli {

namespace {

constexpr qsizetype kCliLogCap = 10'000;

// A port option's value: nullopt when absent, -1 when not a port.
std::optional<int> portOption(const QCommandLineParser &parser, const QString &name)
{
    if (!parser.isSet(name))
        return std::nullopt;
    bool ok = false;
    const int port = parser.value(name).toInt(&ok);
    return ok && port >= 0 && port <= 65535 ? port : -1;
}

void printSnippets(const tap::TapAddresses &a)
{
    QByteArray text = "channelscope-cli tap: copy these lines\n";
    if (a.restPort) {
        text += "\n# Backend (PUSHER_* environment):\n" + tap::envSnippet(a).toUtf8();
        text += "\n# Laravel .env:\n" + tap::laravelSnippet(a).toUtf8();
        text += "\n# pusher Node SDK:\n" + tap::nodeSdkSnippet(a).toUtf8();
    }
    if (a.wsPort)
        text += "\n# pusher-js / Laravel Echo:\n" + tap::pusherJsSnippet(a).toUtf8();
    if (a.webhookPort)
        text += "\n# Webhook URL for the server's app settings:\n" + tap::webhookSnippet(a).toUtf8();
    std::fputs(terminalSafe(text, true).constData(), stderr);
    std::fflush(stderr);
}

}  // namespace

int runTap(const QStringList &args)
{
    QCommandLineParser parser;
    addCredentialOptions(parser);
    addContractsOption(parser);
    parser.addOptions({
        {QStringLiteral("bind"), QStringLiteral("Address the listeners bind to (default 127.0.0.1)."),
         QStringLiteral("address")},
        {QStringLiteral("rest-port"), QStringLiteral("Run the REST tap on this port (0 = any free one)."),
         QStringLiteral("port")},
        {QStringLiteral("ws-port"), QStringLiteral("Run the WebSocket tap on this port (0 = any free one)."),
         QStringLiteral("port")},
        {QStringLiteral("webhook-port"), QStringLiteral("Run the webhook inbox on this port (0 = any free one)."),
         QStringLiteral("port")},
        {QStringLiteral("webhook-status"),
         QStringLiteral("HTTP status the inbox answers (default 200; 0 = never answer, the server times out)."),
         QStringLiteral("status")},
        {QStringLiteral("forward-webhooks"), QStringLiteral("Forward each webhook to this URL and log its answer."),
         QStringLiteral("url")},
        {QStringLiteral("watch"),
         QStringLiteral("Poll the channel list and log occupancy changes of channels matching this glob ('*': all)."),
         QStringLiteral("pattern")},
        {QStringLiteral("watch-interval"), QStringLiteral("Seconds between polls of --watch (default 2)."),
         QStringLiteral("s")},
        {QStringLiteral("timeout"), QStringLiteral("Exit 0 after S seconds."), QStringLiteral("s")},
    });
    if (const Parsed p =
            parse(parser, args,
                  QStringLiteral("Run the REST tap, the WebSocket tap and the webhook inbox; print every "
                                 "exchange as NDJSON. Without a port option all three run on free ports."));
        p.exitNow)
        return *p.exitNow;
    if (!parser.positionalArguments().isEmpty())
        return usageError(QStringLiteral("tap takes no arguments"));
    const auto credentials = credentialsFrom(parser, QStringLiteral("ws"));
    if (!credentials)
        return usageError(credentials.error().message);
    std::optional<int> ports[3] = {portOption(parser, QStringLiteral("rest-port")),
                                   portOption(parser, QStringLiteral("ws-port")),
                                   portOption(parser, QStringLiteral("webhook-port"))};
    const char *names[3] = {"rest-port", "ws-port", "webhook-port"};
    bool any = false;
    for (int i = 0; i < 3; ++i) {
        if (ports[i] && *ports[i] < 0)
            return usageError(QStringLiteral("--%1 must be a port number (0-65535)").arg(QLatin1String(names[i])));
        any = any || ports[i];
    }
    const bool watch = parser.isSet(QStringLiteral("watch"));
    if (!any && !watch) {
        for (auto &port : ports)
            port = 0;
    }
    double watchInterval = 2;
    if (parser.isSet(QStringLiteral("watch-interval"))) {
        bool ok = false;
        watchInterval = parser.value(QStringLiteral("watch-interval")).toDouble(&ok);
        if (!ok || watchInterval < 0.2)
            return usageError(QStringLiteral("--watch-interval must be a number of seconds, at least 0.2"));
    }
    if (watch && credentials->secret.isEmpty())
        return usageError(QStringLiteral("--watch needs the app secret (--secret or PUSHER_APP_SECRET)"));
    const QString bindText =
        parser.isSet(QStringLiteral("bind")) ? parser.value(QStringLiteral("bind")) : QStringLiteral("127.0.0.1");
    const QHostAddress bind(bindText);
    if (bind.isNull())
        return usageError(QStringLiteral("--bind must be an IP address, e.g. 127.0.0.1"));
    int webhookStatus = 200;
    if (parser.isSet(QStringLiteral("webhook-status"))) {
        bool ok = false;
        webhookStatus = parser.value(QStringLiteral("webhook-status")).toInt(&ok);
        if (!ok || (webhookStatus != 0 && (webhookStatus < 200 || webhookStatus > 599)))
            return usageError(QStringLiteral("--webhook-status must be an HTTP status (200-599) or 0"));
    }
    QUrl forward;
    if (parser.isSet(QStringLiteral("forward-webhooks"))) {
        forward = QUrl(parser.value(QStringLiteral("forward-webhooks")), QUrl::StrictMode);
        if (!forward.isValid() || forward.host().isEmpty()
            || (forward.scheme() != QLatin1String("http") && forward.scheme() != QLatin1String("https")))
            return usageError(QStringLiteral("--forward-webhooks must be an http or https URL"));
    }
    double timeout = 0;
    if (parser.isSet(QStringLiteral("timeout"))) {
        bool ok = false;
        timeout = parser.value(QStringLiteral("timeout")).toDouble(&ok);
        if (!ok || timeout < 0)
            return usageError(QStringLiteral("--timeout must be a number of seconds"));
    }

    const auto contracts = contractsFrom(parser);
    if (!contracts)
        return usageError(contracts.error().message);

    LogStore log;
    log.setCap(kCliLogCap);
    QObject::connect(&log, &LogStore::appended, &log, [&log, set = *contracts](qsizetype first, qsizetype count) {
        for (qsizetype row = first; row < first + count; ++row) {
            const LogEntry entry = log.at(row);
            printJsonLine(withViolations(entry, entry.toJson(), set.get()));
        }
    });
    tap::RestTap rest(*credentials, &log);
    tap::WsTap ws(*credentials, &log);
    tap::WebhookInbox inbox(*credentials, &log);
    inbox.setAnswerStatus(webhookStatus);
    inbox.setForwardUrl(forward);
    rest.setTappedChannels([&ws] { return ws.subscribedChannels(); });
    tap::Watcher watcher(*credentials, &log);
    if (watch) {
        const QString pattern = parser.value(QStringLiteral("watch"));
        watcher.setPattern(pattern == QLatin1String("*") ? QString() : pattern);
        watcher.start(int(watchInterval * 1000));
    }

    QJsonObject listening;
    tap::TapAddresses addresses;
    addresses.host = bind.toString();
    addresses.appId = credentials->appId;
    addresses.key = credentials->key;
    auto start = [&](auto &listener, int index, const QString &name, quint16 *port) -> Status {
        if (!ports[index])
            return {};
        if (Status s = listener.listen(bind, quint16(*ports[index])); !s)
            return s;
        *port = listener.port();
        listening.insert(name, QStringLiteral("%1:%2").arg(bind.toString()).arg(*port));
        return {};
    };
    for (const Status &s : {start(rest, 0, QStringLiteral("rest"), &addresses.restPort),
                            start(ws, 1, QStringLiteral("ws"), &addresses.wsPort),
                            start(inbox, 2, QStringLiteral("webhook"), &addresses.webhookPort)}) {
        if (!s)
            return failure(ExitConnection, s.error().message);
    }
    printJsonLine({{QStringLiteral("listening"), listening},
                   {QStringLiteral("upstream_rest"), credentials->restBaseUrl().toDisplayString()},
                   {QStringLiteral("upstream_ws"),
                    credentials->webSocketUrl(QStringLiteral("js"), QString()).toDisplayString()}});
    printSnippets(addresses);
    if (timeout > 0)
        QTimer::singleShot(int(timeout * 1000), qApp, [] { QCoreApplication::exit(ExitOk); });
    const int code = QCoreApplication::exec();
    log.flush();
    return code;
}

}  // namespace cs::cli
