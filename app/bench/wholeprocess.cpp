#include "wholeprocess.h"

#include "benchutil.h"

#include <QFile>
#include <QProcess>

#include <unistd.h>

namespace cs::bench {

namespace {

constexpr int kSampleMs = 10;  // /proc is read this often while the reader runs

struct Sample {
    double cpuSeconds = 0;  // utime + stime
    qint64 peakKiB = 0;     // VmHWM
};

// Both fields grow monotonically, so the last sample before the exit is the figure (to 10 ms).
bool sample(qint64 pid, Sample &out)
{
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    QFile status(QStringLiteral("/proc/%1/status").arg(pid));
    if (!stat.open(QIODevice::ReadOnly) || !status.open(QIODevice::ReadOnly))
        return false;
    // Fields after the ")" that closes the command name: state is field 3, utime 14, stime 15.
    const QByteArray line = stat.readAll();
    const QList<QByteArray> fields = line.mid(line.lastIndexOf(')') + 2).split(' ');
    if (fields.size() > 12) {
        const double ticks = double(sysconf(_SC_CLK_TCK));
        out.cpuSeconds = (fields[11].toLongLong() + fields[12].toLongLong()) / ticks;
    }
    for (const QByteArray &entry : status.readAll().split('\n')) {
        if (entry.startsWith("VmHWM:"))
            out.peakKiB = entry.mid(6).trimmed().split(' ').value(0).toLongLong();
    }
    return true;
}

}  // namespace

QJsonObject runWholeProcess(const WholeProcess &run, int timeoutMs)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    process.setProcessEnvironment(run.env);
    if (run.discardOutput)
        process.setStandardOutputFile(QProcess::nullDevice());
    const qint64 started = monotonicNs();
    process.start(run.program, run.args);
    if (!process.waitForStarted(10'000)) {
        return {{QStringLiteral("part"), run.part},
                {QStringLiteral("ok"), false},
                {QStringLiteral("error"),
                 QStringLiteral("cannot start %1: %2").arg(run.program, process.errorString())}};
    }
    const qint64 pid = process.processId();
    Sample last;
    qint64 ended = 0;
    while (!process.waitForFinished(kSampleMs)) {
        sample(pid, last);
        if (monotonicNs() - started > qint64(timeoutMs) * 1'000'000) {
            process.kill();
            process.waitForFinished();
            break;
        }
    }
    ended = monotonicNs();
    QJsonObject result = run.discardOutput ? QJsonObject{} : lastJsonLine(process.readAllStandardOutput());
    const double seconds = double(ended - started) / 1e9;
    const bool exitedOk = process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0;
    result.insert(QStringLiteral("part"), run.part);
    result.insert(QStringLiteral("exit_code"), process.exitCode());
    result.insert(QStringLiteral("wall_seconds"), seconds);
    result.insert(QStringLiteral("wall_rate"), seconds > 0 ? double(run.events) / seconds : 0.0);
    result.insert(QStringLiteral("wall_cpu_seconds"), last.cpuSeconds);
    result.insert(QStringLiteral("peak_rss_mib"), double(last.peakKiB) / 1024.0);
    const bool ok = exitedOk && result.value(QLatin1String("ok")).toBool(true);
    result.insert(QStringLiteral("ok"), ok);
    if (!exitedOk && result.value(QLatin1String("error")).toString().isEmpty())
        result.insert(QStringLiteral("error"), QStringLiteral("exit code %1").arg(process.exitCode()));
    return result;
}

}  // namespace cs::bench
