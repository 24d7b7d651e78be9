// channelscope-cli: the headless face of Channelscope's core, for scripts and CI.

#include "cli.h"
#include "delivercommand.h"
#include "doctorcommand.h"
#include "listen.h"
#include "replaycommand.h"
#include "rest.h"
#include "runcommand.h"
#include "sign.h"
#include "tapcommand.h"

#include <QCoreApplication>

#include <cstdio>
#include <functional>

using namespace cs::cli;

namespace {

struct Command {
    const char *name;
    const char *summary;
    std::function<int(const QStringList &)> run;
};

const Command kCommands[] = {
    {"listen", "Connect, subscribe and print every log entry as one JSON object per line.", runListen},
    {"expect", "Wait for an event on a channel; exit 0 when it arrives, 1 when the time runs out.", runExpect},
    {"trigger", "Trigger an event through the HTTP API.", runTrigger},
    {"batch", "Trigger up to 10 events in one HTTP call.", runBatch},
    {"channels", "List occupied channels.", runChannels},
    {"channel", "Show one channel's state.", runChannel},
    {"users", "List the users of a presence channel.", runUsers},
    {"terminate", "Terminate every connection of a user.", runTerminate},
    {"sign", "Sign a channel subscription or a user sign-in locally.", runSign},
    {"doctor", "Diagnose a connection: one line per check names the cause; exit 1 when one fails.", runDoctor},
    {"replay", "Trigger a session file's channel events again, in order (--timing original|fast).", runReplay},
    {"run", "Run a scenario file; one line per step, exit 1 when a step fails, --junit FILE for CI.", runScenario},
    {"deliver", "Open N clients on a channel, send one event, print who received it; exit 1 on a surprise.",
     runDeliver},
    {"tap", "Stand between backend, frontends and server: log API calls, sockets and webhooks as NDJSON.", runTap},
};

// On stdout when asked for (--help), on stderr when the command is missing: a failure always
// says something on stderr.
void printUsage(std::FILE *to = stdout)
{
    QByteArray text = "Usage: channelscope-cli COMMAND [options]\n"
                      "       channelscope-cli [connection options] COMMAND [options]\n\nCommands:\n";
    for (const Command &c : kCommands)
        text += "  " + QByteArray(c.name).leftJustified(10) + c.summary + "\n";
    text += "\nRun 'channelscope-cli COMMAND --help' (or 'help COMMAND') for a command's options.\n"
            "The connection options (--url, --key, --secret, --host, --port, --tls, --no-tls, …) and the\n"
            "auth options (--auth-endpoint, …) may also come before COMMAND, as in\n"
            "'channelscope-cli --url URL listen CHANNEL'; a command's own options go after it.\n"
            "Exit codes: 0 success, 1 expectation not met, request refused or (doctor) a check failed,\n"
            "2 usage error, 3 connection or authorization failure.\n";
    if (to == stdout) {
        printLine(text);
        return;
    }
    std::fprintf(to, "channelscope-cli: no command given\n%s", text.constData());
    std::fflush(to);
}

}  // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("channelscope-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(CS_VERSION_STRING));

    const QStringList args = app.arguments().mid(1);
    if (args.isEmpty())
        return printUsage(stderr), ExitUsage;
    const auto line = splitCommandLine(args);
    if (!line)
        return usageError(line.error().message);
    if (line->version)
        return printLine("channelscope-cli " CS_VERSION_STRING), ExitOk;
    if (line->command.isEmpty())
        return line->help ? (printUsage(), ExitOk) : (printUsage(stderr), ExitUsage);
    QStringList commandArgs = line->commandArguments();
    if (line->command == QLatin1String("help")) {
        // "help COMMAND" is "COMMAND --help"; "help" alone is the overview.
        if (line->rest.isEmpty())
            return printUsage(), ExitOk;
        commandArgs = {line->rest.first(), QStringLiteral("--help")};
    }
    for (const Command &c : kCommands) {
        if (commandArgs.first() == QLatin1String(c.name))
            return c.run(commandArgs);
    }
    return usageError(QStringLiteral("unknown command '%1' (see --help)").arg(commandArgs.first()));
}
