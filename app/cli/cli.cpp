#include "cli.h"

#include <QFile>
#include <QJsonDocument>
#include <QProcessEnvironment>

#include <cstdio>

namespace cs::cli {

void addCredentialOptions(QCommandLineParser &parser)
{
    parser.addOptions({
        {QStringLiteral("url"), QStringLiteral("Connection URL http[s]://KEY:SECRET@HOST[:PORT]/apps/APP_ID."), QStringLiteral("url")},
        {QStringLiteral("app-id"), QStringLiteral("App id (env PUSHER_APP_ID)."), QStringLiteral("id")},
        {QStringLiteral("key"), QStringLiteral("App key (env PUSHER_APP_KEY)."), QStringLiteral("key")},
        {QStringLiteral("secret"), QStringLiteral("App secret (env PUSHER_APP_SECRET). Stays on this machine."), QStringLiteral("secret")},
        {QStringLiteral("cluster"), QStringLiteral("Pusher cluster, e.g. mt1 (env PUSHER_APP_CLUSTER)."), QStringLiteral("cluster")},
        {QStringLiteral("host"), QStringLiteral("Custom host, e.g. 127.0.0.1 for soketi (env PUSHER_HOST)."), QStringLiteral("host")},
        {QStringLiteral("port"), QStringLiteral("Port (env PUSHER_PORT); default 443 with TLS, 80 without."), QStringLiteral("port")},
        {QStringLiteral("tls"), QStringLiteral("Use TLS (wss/https); the default (env PUSHER_SCHEME=https).")},
        {QStringLiteral("no-tls"), QStringLiteral("Plain ws/http (env PUSHER_SCHEME=http).")},
        {QStringLiteral("path-prefix"), QStringLiteral("Path before /app/KEY and /apps/ID."), QStringLiteral("path")},
        {QStringLiteral("encryption-master-key"),
         QStringLiteral("Base64 32-byte master key for private-encrypted channels (env PUSHER_ENCRYPTION_MASTER_KEY_BASE64)."),
         QStringLiteral("base64")},
        {QStringLiteral("accept-self-signed"), QStringLiteral("Accept a self-signed TLS certificate (local servers only).")},
    });
}

Parsed parse(QCommandLineParser &parser, const QStringList &args, const QString &summary)
{
    parser.setApplicationDescription(summary);
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")}, QStringLiteral("Show this help."));
    parser.addOption(help);
    if (!parser.parse(args))
        return {usageError(parser.errorText() + QStringLiteral(" (see --help)"))};
    if (parser.isSet(help)) {
        // QCommandLineParser names the program by its path and knows nothing of the command:
        // "Usage: /path/channelscope-cli [options] …" becomes "Usage: channelscope-cli listen [options] …".
        QString text = parser.helpText();
        const QString usage = QStringLiteral("Usage: ");
        const qsizetype options = text.indexOf(QStringLiteral(" [options]"));
        const qsizetype lineEnd = text.indexOf(u'\n');
        if (text.startsWith(usage) && options > 0 && (lineEnd < 0 || options < lineEnd))
            text.replace(usage.size(), options - usage.size(), QStringLiteral("channelscope-cli ") + args.value(0));
        printLine(text.toUtf8());
        return {ExitOk};
    }
    return {};
}

Result<Credentials> credentialsFrom(const QCommandLineParser &parser, const QString &need)
{
    const auto env = QProcessEnvironment::systemEnvironment();
    Credentials c = Credentials::fromEnvironment(env);
    if (env.contains(QStringLiteral("PUSHER_ENCRYPTION_MASTER_KEY_BASE64")))
        c.encryptionMasterKeyBase64 = env.value(QStringLiteral("PUSHER_ENCRYPTION_MASTER_KEY_BASE64")).toUtf8();
    if (parser.isSet(QStringLiteral("url"))) {
        auto fromUrl = Credentials::fromUrl(parser.value(QStringLiteral("url")));
        if (!fromUrl)
            return fromUrl.error();
        const QByteArray masterKey = c.encryptionMasterKeyBase64;
        c = *fromUrl;
        c.encryptionMasterKeyBase64 = masterKey;
    }
    auto set = [&](const char *name, QString &field) {
        if (parser.isSet(QString::fromLatin1(name)))
            field = parser.value(QString::fromLatin1(name));
    };
    set("app-id", c.appId);
    set("key", c.key);
    set("secret", c.secret);
    set("cluster", c.cluster);
    set("host", c.host);
    set("path-prefix", c.pathPrefix);
    if (parser.isSet(QStringLiteral("port"))) {
        bool ok = false;
        const uint port = parser.value(QStringLiteral("port")).toUInt(&ok);
        if (!ok || port == 0 || port > 65535)
            return Error{QStringLiteral("usage"), QStringLiteral("--port must be a number from 1 to 65535")};
        c.port = quint16(port);
    }
    if (parser.isSet(QStringLiteral("tls")) && parser.isSet(QStringLiteral("no-tls")))
        return Error{QStringLiteral("usage"), QStringLiteral("--tls and --no-tls exclude each other")};
    if (parser.isSet(QStringLiteral("tls")))
        c.tls = true;
    if (parser.isSet(QStringLiteral("no-tls")))
        c.tls = false;
    if (parser.isSet(QStringLiteral("encryption-master-key")))
        c.encryptionMasterKeyBase64 = parser.value(QStringLiteral("encryption-master-key")).toUtf8();
    c.acceptSelfSigned = parser.isSet(QStringLiteral("accept-self-signed"));

    QStringList problems;
    if (c.key.isEmpty())
        problems << QStringLiteral("no app key (--key, --url or PUSHER_APP_KEY)");
    if ((need == QLatin1String("rest") || need == QLatin1String("sign")) && c.secret.isEmpty())
        problems << QStringLiteral("no app secret (--secret, --url or PUSHER_APP_SECRET)");
    if (need == QLatin1String("rest") && c.appId.isEmpty())
        problems << QStringLiteral("no app id (--app-id, --url or PUSHER_APP_ID)");
    if (need != QLatin1String("sign") && c.host.isEmpty() && c.cluster.isEmpty())
        problems << QStringLiteral("no server (--cluster, --host, --url, PUSHER_APP_CLUSTER or PUSHER_HOST)");
    if (!problems.isEmpty())
        return Error{QStringLiteral("usage"), problems.join(QStringLiteral("; "))};
    return c;
}

int usageError(const QString &message)
{
    return failure(ExitUsage, message);
}

int failure(int exitCode, const QString &message)
{
    std::fprintf(stderr, "channelscope-cli: %s\n", message.toLocal8Bit().constData());
    std::fflush(stderr);
    return exitCode;
}

void printLine(const QByteArray &line)
{
    std::fwrite(line.constData(), 1, size_t(line.size()), stdout);
    if (!line.endsWith('\n'))
        std::fputc('\n', stdout);
    std::fflush(stdout);
}

void printJsonLine(const QJsonObject &object)
{
    printLine(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

Result<QByteArray> readJsonArgument(const QString &value, const QString &optionName)
{
    QByteArray text = value.toUtf8();
    if (value.startsWith(QLatin1Char('@'))) {
        QFile file(value.mid(1));
        if (!file.open(QIODevice::ReadOnly))
            return Error{QStringLiteral("usage"), QStringLiteral("%1: cannot read %2: %3").arg(optionName, file.fileName(), file.errorString())};
        text = file.readAll();
    }
    // Wrapped in an array so that scalars ("text", 42) are accepted as JSON.parse would.
    QJsonParseError err{};
    QJsonDocument::fromJson("[" + text + "]", &err);
    if (err.error != QJsonParseError::NoError)
        return Error{QStringLiteral("usage"), QStringLiteral("%1 is not valid JSON: %2 at character %3")
                                                  .arg(optionName, err.errorString()).arg(std::max(0, err.offset - 1))};
    return text.trimmed();
}

} // namespace cs::cli
