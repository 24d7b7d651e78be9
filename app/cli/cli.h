#pragma once
// Shared pieces of channelscope-cli: exit codes, credential options, output.

#include "credentials.h"
#include "endpointauthorizer.h"
#include "result.h"

#include <QCommandLineParser>
#include <QJsonObject>
#include <QStringList>

namespace cs::cli {

// The contract scripts and CI rely on.
enum Exit : int {
    ExitOk = 0,
    ExitNotMet = 1,      // expectation not met, or the server refused a request
    ExitUsage = 2,       // bad arguments or input
    ExitConnection = 3,  // connection or authorization failure
};

// A parsed sub-command: its parser, or the exit code to return at once (help or a usage error).
struct Parsed {
    std::optional<int> exitNow;
};

// Adds --url, --app-id, --key, --secret, --cluster, --host, --port, --tls/--no-tls, --path-prefix,
// --encryption-master-key, --pin-sha256 and --accept-self-signed (obsolete: only with --pin-sha256).
void addCredentialOptions(QCommandLineParser &parser);
// Adds --auth-endpoint, --auth-method, --auth-json, --auth-header, --auth-param, --auth-timeout,
// --user-auth-endpoint, --user-auth-header and --user-auth-param (listen, expect).
void addAuthOptions(QCommandLineParser &parser);
// The auth endpoints the options describe; both empty when none was given.
struct AuthEndpoints {
    std::optional<EndpointConfig> channel;
    std::optional<EndpointConfig> user;
};
Result<AuthEndpoints> authEndpointsFrom(const QCommandLineParser &parser);
// Parses `args` (args[0] is the command name); handles --help and unknown options.
Parsed parse(QCommandLineParser &parser, const QStringList &args, const QString &summary);
// A command line split at its command name. Options may come before the command, as with
// kubectl and docker: `channelscope-cli --url URL listen ch` runs as `listen --url URL ch`.
struct CommandLine {
    QStringList leading;   // the options before the command, values included, in their order
    QString command;       // empty when none was given
    QStringList rest;      // everything after the command
    bool help = false;     // --help or -h came before the command
    bool version = false;  // --version came before the command
    // What the command parses: its name, then the leading options, then the rest.
    QStringList commandArguments() const { return QStringList{command} + leading + rest; }
};
// Only the shared options (credentials, auth endpoints, --help, --version) may lead; any other
// leading option is a usage error, because whether it takes a value depends on the command.
Result<CommandLine> splitCommandLine(const QStringList &args);
// Environment first, then --url, then single options. `need` says which fields must be there:
// "ws" (key, host), "rest" (app id, key, secret, host), "sign" (key, secret).
Result<Credentials> credentialsFrom(const QCommandLineParser &parser, const QString &need);

// What may reach a terminal from untrusted text: C0 controls (ESC, BEL, CR…), DEL and the C1
// controls U+0080..U+009F become \u00XX, which is also what JSON calls them, so a JSON line stays
// valid JSON. Tab and line feed stay when keepLineBreaks.
QByteArray terminalSafe(const QByteArray &utf8, bool keepLineBreaks);

int usageError(const QString &message);             // prints "channelscope-cli: …" and returns ExitUsage
int failure(int exitCode, const QString &message);  // one line on stderr, terminalSafe
void printJsonLine(const QJsonObject &object);
void printLine(const QByteArray &line);  // on stdout, terminalSafe with line breaks
// Lines that each end in '\n' (a batch of NDJSON), terminalSafe, in one write.
void printLines(const QByteArray &lines);

// Parses a JSON text or @FILE; error messages point at the offset.
Result<QByteArray> readJsonArgument(const QString &value, const QString &optionName);

}  // namespace cs::cli
