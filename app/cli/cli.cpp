#include "cli.h"

#include "httpfields.h"
#include "tlspolicy.h"

#include <QFile>
#include <QHash>
#include <QJsonDocument>
#include <QProcessEnvironment>

#include <algorithm>
#include <cstdio>

namespace cs::cli {

namespace {

QList<QCommandLineOption> credentialOptions()
{
    return {
        {QStringLiteral("url"), QStringLiteral("Connection URL http[s]://KEY:SECRET@HOST[:PORT]/apps/APP_ID."),
         QStringLiteral("url")},
        {QStringLiteral("app-id"), QStringLiteral("App id (env PUSHER_APP_ID)."), QStringLiteral("id")},
        {QStringLiteral("key"), QStringLiteral("App key (env PUSHER_APP_KEY)."), QStringLiteral("key")},
        {QStringLiteral("secret"), QStringLiteral("App secret (env PUSHER_APP_SECRET). Stays on this machine."),
         QStringLiteral("secret")},
        {QStringLiteral("cluster"), QStringLiteral("Pusher cluster, e.g. mt1 (env PUSHER_APP_CLUSTER)."),
         QStringLiteral("cluster")},
        {QStringLiteral("host"), QStringLiteral("Custom host, e.g. 127.0.0.1 for soketi (env PUSHER_HOST)."),
         QStringLiteral("host")},
        {QStringLiteral("port"), QStringLiteral("Port (env PUSHER_PORT); default 443 with TLS, 80 without."),
         QStringLiteral("port")},
        {QStringLiteral("tls"), QStringLiteral("Use TLS (wss/https); the default (env PUSHER_SCHEME=https).")},
        {QStringLiteral("no-tls"), QStringLiteral("Plain ws/http (env PUSHER_SCHEME=http).")},
        {QStringLiteral("path-prefix"), QStringLiteral("Path before /app/KEY and /apps/ID."), QStringLiteral("path")},
        {QStringLiteral("encryption-master-key"),
         QStringLiteral(
             "Base64 32-byte master key for private-encrypted channels (env PUSHER_ENCRYPTION_MASTER_KEY_BASE64)."),
         QStringLiteral("base64")},
        {QStringLiteral("pin-sha256"),
         QStringLiteral(
             "Accept the one untrusted (e.g. self-signed) TLS certificate with this SHA-256 fingerprint; a refused "
             "connection prints the fingerprint it was shown."),
         QStringLiteral("hex")},
        {QStringLiteral("accept-self-signed"),
         QStringLiteral("Obsolete: needs --pin-sha256 (any certificate is no longer accepted).")},
    };
}

QList<QCommandLineOption> authOptions()
{
    return {
        {QStringLiteral("auth-endpoint"),
         QStringLiteral(
             "Authorize private/presence/encrypted channels through your auth endpoint (like pusher-js channelAuthorization) instead of the built-in signer."),
         QStringLiteral("url")},
        {QStringLiteral("auth-method"), QStringLiteral("HTTP method of the auth endpoints (default POST)."),
         QStringLiteral("method")},
        {QStringLiteral("auth-json"),
         QStringLiteral("Send a JSON body instead of the form-urlencoded one that pusher-js sends.")},
        {QStringLiteral("auth-header"),
         QStringLiteral("Header for the auth endpoint, e.g. 'Authorization: Bearer …' (repeatable; logged masked)."),
         QStringLiteral("'Name: value'")},
        {QStringLiteral("auth-param"), QStringLiteral("Extra body parameter for the auth endpoint (repeatable)."),
         QStringLiteral("k=v")},
        {QStringLiteral("auth-timeout"), QStringLiteral("Seconds to wait for an auth endpoint (default 10)."),
         QStringLiteral("s")},
        {QStringLiteral("user-auth-endpoint"),
         QStringLiteral(
             "Sign in (pusher:signin) through your user-authentication endpoint (like pusher-js userAuthentication)."),
         QStringLiteral("url")},
        {QStringLiteral("user-auth-header"),
         QStringLiteral("Header for the user-auth endpoint (repeatable; default: the --auth-header values)."),
         QStringLiteral("'Name: value'")},
        {QStringLiteral("user-auth-param"),
         QStringLiteral("Extra body parameter for the user-auth endpoint (repeatable)."), QStringLiteral("k=v")},
    };
}

}  // namespace

void addCredentialOptions(QCommandLineParser &parser) { parser.addOptions(credentialOptions()); }

void addAuthOptions(QCommandLineParser &parser) { parser.addOptions(authOptions()); }

namespace {

// The option values through the parsers the profile editor uses too (core/httpfields.h).
Result<QList<QPair<QByteArray, QByteArray>>> headersFrom(const QStringList &values, const QString &option)
{
    QList<QPair<QByteArray, QByteArray>> headers;
    for (const QString &value : values) {
        const auto header = parseHeaderLine(value);
        if (!header)
            return Error{ErrorCode::Usage,
                         QStringLiteral("--%1 must look like 'Name: value': %2").arg(option, header.error().message)};
        headers.append(*header);
    }
    return headers;
}

Result<QList<QPair<QString, QString>>> paramsFrom(const QStringList &values, const QString &option)
{
    QList<QPair<QString, QString>> params;
    for (const QString &value : values) {
        const auto param = parseParamLine(value);
        if (!param)
            return Error{ErrorCode::Usage, QStringLiteral("--%1 must look like key=value").arg(option)};
        params.append(*param);
    }
    return params;
}

Result<QUrl> endpointUrl(const QString &text, const QString &option)
{
    const QUrl url = QUrl::fromUserInput(text);
    if (!endpointUrlProblem(url).isEmpty())
        return Error{ErrorCode::Usage, QStringLiteral("--%1 must be an http or https URL").arg(option)};
    return url;
}

}  // namespace

Result<AuthEndpoints> authEndpointsFrom(const QCommandLineParser &parser)
{
    AuthEndpoints out;
    const bool channel = parser.isSet(QStringLiteral("auth-endpoint"));
    const bool user = parser.isSet(QStringLiteral("user-auth-endpoint"));
    if (!channel && !user)
        return out;
    if (!channel)
        return Error{ErrorCode::Usage, QStringLiteral("--user-auth-endpoint needs --auth-endpoint too")};

    EndpointConfig base;
    if (parser.isSet(QStringLiteral("auth-method")))
        base.method = parser.value(QStringLiteral("auth-method")).trimmed().toUpper().toLatin1();
    if (base.method.isEmpty())
        return Error{ErrorCode::Usage, QStringLiteral("--auth-method must not be empty")};
    if (parser.isSet(QStringLiteral("auth-json")))
        base.format = EndpointConfig::BodyFormat::Json;
    if (parser.isSet(QStringLiteral("auth-timeout"))) {
        bool ok = false;
        const double seconds = parser.value(QStringLiteral("auth-timeout")).toDouble(&ok);
        if (!ok || seconds <= 0)
            return Error{ErrorCode::Usage, QStringLiteral("--auth-timeout must be a positive number of seconds")};
        base.timeoutMs = int(seconds * 1000);
    }
    const auto headers = headersFrom(parser.values(QStringLiteral("auth-header")), QStringLiteral("auth-header"));
    if (!headers)
        return headers.error();
    const auto params = paramsFrom(parser.values(QStringLiteral("auth-param")), QStringLiteral("auth-param"));
    if (!params)
        return params.error();

    EndpointConfig channelConfig = base;
    const auto url = endpointUrl(parser.value(QStringLiteral("auth-endpoint")), QStringLiteral("auth-endpoint"));
    if (!url)
        return url.error();
    channelConfig.url = *url;
    channelConfig.headers = *headers;
    channelConfig.params = *params;
    out.channel = channelConfig;

    if (user) {
        EndpointConfig userConfig = base;
        const auto userUrl =
            endpointUrl(parser.value(QStringLiteral("user-auth-endpoint")), QStringLiteral("user-auth-endpoint"));
        if (!userUrl)
            return userUrl.error();
        userConfig.url = *userUrl;
        const auto userHeaders =
            headersFrom(parser.values(QStringLiteral("user-auth-header")), QStringLiteral("user-auth-header"));
        if (!userHeaders)
            return userHeaders.error();
        userConfig.headers = parser.isSet(QStringLiteral("user-auth-header")) ? *userHeaders : *headers;
        const auto userParams =
            paramsFrom(parser.values(QStringLiteral("user-auth-param")), QStringLiteral("user-auth-param"));
        if (!userParams)
            return userParams.error();
        userConfig.params = *userParams;
        out.user = userConfig;
    }
    return out;
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

Result<CommandLine> splitCommandLine(const QStringList &args)
{
    // Name -> takes a value. QCommandLineParser reads "--name value", "--name=value" and "-h".
    QHash<QString, bool> takesValue{{QStringLiteral("help"), false}, {QStringLiteral("version"), false}};
    for (const QCommandLineOption &option : credentialOptions() + authOptions()) {
        for (const QString &name : option.names())
            takesValue.insert(name, !option.valueName().isEmpty());
    }
    CommandLine line;
    qsizetype i = 0;
    for (; i < args.size(); ++i) {
        const QString &arg = args.at(i);
        if (arg == QLatin1String("-h")) {
            line.help = true;
            line.leading << arg;
            continue;
        }
        if (!arg.startsWith(QLatin1String("--")) || arg.size() == 2) {
            if (arg.startsWith(u'-') && arg.size() > 1)
                return Error{ErrorCode::Usage,
                             QStringLiteral("unknown option '%1' before the command (see --help)").arg(arg)};
            break;  // the command name
        }
        const qsizetype equals = arg.indexOf(u'=');
        const QString name = arg.mid(2, equals < 0 ? -1 : equals - 2);
        const auto known = takesValue.constFind(name);
        if (known == takesValue.cend())
            return Error{ErrorCode::Usage,
                         QStringLiteral(
                             "unknown option '%1' before the command; a command's own options go after its name "
                             "(see channelscope-cli COMMAND --help)")
                             .arg(name.isEmpty() ? arg : QStringLiteral("--") + name)};
        line.help = line.help || name == QLatin1String("help");
        line.version = line.version || name == QLatin1String("version");
        line.leading << arg;
        if (*known && equals < 0) {
            if (i + 1 >= args.size())
                return Error{ErrorCode::Usage,
                             QStringLiteral("option '%1' needs a value, then a command (see --help)").arg(arg)};
            line.leading << args.at(++i);  // taken as it is, even when it starts with '-', as the parser does
        }
    }
    if (i < args.size()) {
        line.command = args.at(i);
        line.rest = args.mid(i + 1);
    }
    return line;
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
            return Error{ErrorCode::Usage, QStringLiteral("--port must be a number from 1 to 65535")};
        c.port = quint16(port);
    }
    if (parser.isSet(QStringLiteral("tls")) && parser.isSet(QStringLiteral("no-tls")))
        return Error{ErrorCode::Usage, QStringLiteral("--tls and --no-tls exclude each other")};
    if (parser.isSet(QStringLiteral("tls")))
        c.tls = true;
    if (parser.isSet(QStringLiteral("no-tls")))
        c.tls = false;
    if (parser.isSet(QStringLiteral("encryption-master-key")))
        c.encryptionMasterKeyBase64 = parser.value(QStringLiteral("encryption-master-key")).toUtf8();
    if (parser.isSet(QStringLiteral("pin-sha256"))) {
        const QString pin = parser.value(QStringLiteral("pin-sha256"));
        const auto digest = parseSha256(pin);
        if (!digest)
            return Error{ErrorCode::Usage,
                         QStringLiteral("--pin-sha256 takes a SHA-256 fingerprint: 64 hex digits, colons allowed")};
        c.pinnedSha256 = formatSha256(*digest);
    } else if (parser.isSet(QStringLiteral("accept-self-signed"))) {
        // It used to accept any self-signed certificate, i.e. anyone in the middle.
        return Error{ErrorCode::Usage,
                     QStringLiteral(
                         "--accept-self-signed now needs --pin-sha256 FINGERPRINT of the certificate to accept; "
                         "connect without it once to see the fingerprint the server presents")};
    }

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
        return Error{ErrorCode::Usage, problems.join(QStringLiteral("; "))};
    return c;
}

int usageError(const QString &message) { return failure(ExitUsage, message); }

QByteArray terminalSafe(const QByteArray &utf8, bool keepLineBreaks)
{
    // Most text has nothing to escape: then it is shared, not copied (listen prints floods).
    const auto clean = std::none_of(utf8.cbegin(), utf8.cend(), [keepLineBreaks](char ch) {
        const auto c = uchar(ch);
        return (c < 0x20 && !(keepLineBreaks && (c == '\n' || c == '\t'))) || c == 0x7f || c == 0xc2;
    });
    if (clean)
        return utf8;
    QByteArray out;
    out.reserve(utf8.size());
    const auto escape = [&out](uint code) { out += "\\u00" + QByteArray::number(code, 16).rightJustified(2, '0'); };
    for (qsizetype i = 0; i < utf8.size(); ++i) {
        const auto c = uchar(utf8.at(i));
        if (keepLineBreaks && (c == '\n' || c == '\t'))
            out += char(c);
        else if (c < 0x20 || c == 0x7f)
            escape(c);
        else if (c == 0xc2 && i + 1 < utf8.size() && uchar(utf8.at(i + 1)) >= 0x80 && uchar(utf8.at(i + 1)) <= 0x9f)
            escape(uchar(utf8.at(++i)));  // U+0080..U+009F in UTF-8: C1 controls (CSI, OSC…)
        else
            out += char(c);
    }
    return out;
}

int failure(int exitCode, const QString &message)
{
    // Messages quote the server, the REST host and the auth endpoint: one line, no control codes.
    const QByteArray line = terminalSafe(message.toUtf8(), false);
    std::fprintf(stderr, "channelscope-cli: %s\n", line.constData());
    std::fflush(stderr);
    return exitCode;
}

void printLine(const QByteArray &raw)
{
    // JSON keeps its meaning (\u001b is how JSON writes ESC); text keeps its line breaks.
    const QByteArray line = terminalSafe(raw, true);
    std::fwrite(line.constData(), 1, size_t(line.size()), stdout);
    if (!line.endsWith('\n'))
        std::fputc('\n', stdout);
    std::fflush(stdout);
}

void printLines(const QByteArray &lines)
{
    const QByteArray safe = terminalSafe(lines, true);
    std::fwrite(safe.constData(), 1, size_t(safe.size()), stdout);
    std::fflush(stdout);
}

void printJsonLine(const QJsonObject &object) { printLine(QJsonDocument(object).toJson(QJsonDocument::Compact)); }

Result<QByteArray> readJsonArgument(const QString &value, const QString &optionName)
{
    QByteArray text = value.toUtf8();
    if (value.startsWith(QLatin1Char('@'))) {
        QFile file(value.mid(1));
        if (!file.open(QIODevice::ReadOnly))
            return Error{ErrorCode::Usage,
                         QStringLiteral("%1: cannot read %2: %3").arg(optionName, file.fileName(), file.errorString())};
        text = file.readAll();
    }
    // Wrapped in an array so that scalars ("text", 42) are accepted as JSON.parse would.
    QJsonParseError err{};
    QJsonDocument::fromJson("[" + text + "]", &err);
    if (err.error != QJsonParseError::NoError)
        return Error{ErrorCode::Usage, QStringLiteral("%1 is not valid JSON: %2 at character %3")
                                           .arg(optionName, err.errorString())
                                           .arg(std::max(0, err.offset - 1))};
    return text.trimmed();
}

}  // namespace cs::cli
