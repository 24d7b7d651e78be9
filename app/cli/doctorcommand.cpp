#include "doctorcommand.h"

#include "cli.h"

#include "doctor.h"
#include "profile.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

namespace cs::cli {

namespace {

const char kSummary[] = "Diagnose a connection: DNS, TCP, TLS, the WebSocket upgrade, the key, client events, user\n"
                        "authentication, cache channels, signed REST calls (with and without a query string), info\n"
                        "attributes, clock skew and the unauthorized-connection timeout. One line per check names the\n"
                        "cause; the evidence is indented under it.\n"
                        "Exit codes: 0 no check failed (warnings allowed), 1 a check failed, 2 usage error.";

QByteArray symbol(Verdict v)
{
    switch (v) {
    case Verdict::Ok: return "✓";
    case Verdict::Warning: return "!";
    case Verdict::Failed: return "✗";
    case Verdict::Skipped: return "-";
    }
    return "?";
}

Result<Profile> profileFrom(const QCommandLineParser &parser)
{
    const QString path = parser.value(QStringLiteral("profile"));
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error{ErrorCode::Usage, QStringLiteral("cannot read %1: %2").arg(path, file.errorString())};
    QJsonParseError err{};
    const QJsonDocument doc = QJsonDocument::fromJson(file.read(1 << 20), &err);
    if (err.error != QJsonParseError::NoError || !doc.isObject())
        return Error{ErrorCode::Usage,
                     QStringLiteral("%1 is not a profile exported by Channelscope (JSON object)").arg(path)};
    const auto parsed = Profile::fromJson(doc.object());
    if (!parsed)
        return Error{ErrorCode::Usage, QStringLiteral("%1: %2").arg(path, parsed.error().message)};
    Profile profile = *parsed;
    // Exports leave the secret out: --secret (or PUSHER_APP_SECRET) supplies it.
    if (parser.isSet(QStringLiteral("secret")))
        profile.credentials.secret = parser.value(QStringLiteral("secret"));
    else if (profile.credentials.secret.isEmpty())
        profile.credentials.secret = qEnvironmentVariable("PUSHER_APP_SECRET");
    return profile;
}

Result<int> seconds(const QCommandLineParser &parser, const QString &name, int fallback, int min, int max)
{
    if (!parser.isSet(name))
        return fallback;
    bool ok = false;
    const double value = parser.value(name).toDouble(&ok);
    if (!ok || value * 1000 < min || value * 1000 > max)
        return Error{ErrorCode::Usage,
                     QStringLiteral("--%1 takes seconds from %2 to %3").arg(name).arg(min / 1000.0).arg(max / 1000)};
    return int(value * 1000);
}

void printCheck(const DoctorCheck &c)
{
    const QByteArray label = Doctor::checkLabel(c.id).toUtf8();
    printLine(symbol(c.verdict()) + ' ' + label.leftJustified(21) + ' ' + c.line.toUtf8());
    if (c.evidence.isEmpty())
        return;
    for (const QString &line : c.evidence.split(u'\n'))
        printLine("      " + line.toUtf8());
}

QJsonObject toJson(const DoctorCheck &c)
{
    return QJsonObject{{QStringLiteral("id"), c.id},
                       {QStringLiteral("label"), Doctor::checkLabel(c.id)},
                       {QStringLiteral("verdict"), verdictName(c.verdict())},
                       {QStringLiteral("cause"), c.line},
                       {QStringLiteral("evidence"), c.evidence}};
}

}  // namespace

int runDoctor(const QStringList &args)
{
    QCommandLineParser parser;
    addCredentialOptions(parser);
    parser.addOption({QStringLiteral("profile"),
                      QStringLiteral("A profile exported from the desktop app (Export…); the secret comes from "
                                     "--secret or PUSHER_APP_SECRET."),
                      QStringLiteral("FILE")});
    parser.addOption({QStringLiteral("timeout"), QStringLiteral("Seconds each check may take (default 8)."),
                      QStringLiteral("SECONDS")});
    parser.addOption({QStringLiteral("unauthorized-wait"),
                      QStringLiteral("Seconds to watch an idle connection for the server closing it (default 5; 0 "
                                     "skips that check)."),
                      QStringLiteral("SECONDS")});
    parser.addOption({QStringLiteral("json"), QStringLiteral("Print one JSON object instead of lines.")});
    if (const Parsed p = parse(parser, args, QString::fromUtf8(kSummary)); p.exitNow)
        return *p.exitNow;
    if (!parser.positionalArguments().isEmpty())
        return usageError(QStringLiteral("doctor takes no arguments (see --help)"));
    const auto timeout = seconds(parser, QStringLiteral("timeout"), Doctor::DefaultTimeoutMs, 100, 120000);
    if (!timeout)
        return usageError(timeout.error().message);
    const auto wait =
        seconds(parser, QStringLiteral("unauthorized-wait"), Doctor::DefaultUnauthorizedWaitMs, 0, 120000);
    if (!wait)
        return usageError(wait.error().message);

    Profile profile = Profile::create(QStringLiteral("command line"), ServerPreset::Custom);
    if (parser.isSet(QStringLiteral("profile"))) {
        auto loaded = profileFrom(parser);
        if (!loaded)
            return usageError(loaded.error().message);
        profile = *loaded;
    } else {
        auto credentials = credentialsFrom(parser, QStringLiteral("ws"));
        if (!credentials)
            return usageError(credentials.error().message);
        profile.credentials = *credentials;
        if (profile.credentials.host.isEmpty())
            profile.preset = ServerPreset::Pusher;
    }

    const bool json = parser.isSet(QStringLiteral("json"));
    const Credentials &c = profile.credentials;
    if (!json)
        printLine(QStringLiteral("Doctor: %1:%2%3, app %4, key %5")
                      .arg(c.wsHost())
                      .arg(c.wsPort())
                      .arg(c.tls ? QStringLiteral(" (TLS)") : QString())
                      .arg(c.appId.isEmpty() ? QStringLiteral("?") : c.appId, c.key)
                      .toUtf8());
    Doctor doctor;
    doctor.setTimeoutMs(*timeout);
    doctor.setUnauthorizedWaitMs(*wait);
    if (!json)
        QObject::connect(&doctor, &Doctor::checkFinished, &doctor, &printCheck);
    int exitCode = ExitOk;
    QObject::connect(&doctor, &Doctor::finished, &doctor, [&exitCode](bool allOk) {
        exitCode = allOk ? ExitOk : ExitNotMet;
        QCoreApplication::exit(exitCode);
    });
    doctor.start(profile);
    QCoreApplication::exec();

    const QList<DoctorCheck> results = doctor.results();
    QMap<Verdict, int> counts;
    for (const DoctorCheck &check : results)
        ++counts[check.verdict()];
    if (json) {
        QJsonArray checks;
        for (const DoctorCheck &check : results)
            checks.append(toJson(check));
        printJsonLine(QJsonObject{{QStringLiteral("host"), c.wsHost()},
                                  {QStringLiteral("port"), int(c.wsPort())},
                                  {QStringLiteral("tls"), c.tls},
                                  {QStringLiteral("ok"), exitCode == ExitOk},
                                  {QStringLiteral("checks"), checks}});
    } else {
        const int warnings = counts.value(Verdict::Warning);
        printLine(QStringLiteral("%1 ok, %2 %3, %4 failed, %5 skipped")
                      .arg(counts.value(Verdict::Ok))
                      .arg(warnings)
                      .arg(warnings == 1 ? QStringLiteral("warning") : QStringLiteral("warnings"))
                      .arg(counts.value(Verdict::Failed))
                      .arg(counts.value(Verdict::Skipped))
                      .toUtf8());
    }
    if (exitCode != ExitOk) {  // a failure always says something on stderr
        QStringList failed;
        for (const DoctorCheck &check : results) {
            if (check.verdict() == Verdict::Failed)
                failed << check.id;
        }
        return failure(exitCode, QStringLiteral("doctor: failed: %1").arg(failed.join(QStringLiteral(", "))));
    }
    return exitCode;
}

}  // namespace cs::cli
