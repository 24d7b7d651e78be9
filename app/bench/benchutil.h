#pragma once
// Small helpers shared by the benchmark parts: clocks comparable across processes, memory and CPU
// figures of this process, and the one-JSON-line result protocol between the parts and the
// orchestrator.

#include <QJsonObject>
#include <QString>

#include <functional>

namespace cs::bench {

// CLOCK_MONOTONIC in ns: the same clock in every process of this machine, so a time stamp sent by
// the frame source can be compared with the reader's.
qint64 monotonicNs();

qint64 residentBytes();      // VmRSS of this process
qint64 peakResidentBytes();  // VmHWM of this process
double cpuSeconds();         // user + system time of this process

// Each part prints exactly one result line, a JSON object, on stdout; diagnostics go to stderr.
void printResult(const QJsonObject &result);
// The last line of `output` that is a JSON object; empty when there is none.
QJsonObject lastJsonLine(const QByteArray &output);

// Runs the event loop until `done` is true or the time is up (checked every few ms). Only for
// setting up a measurement, never inside one.
bool waitUntil(const std::function<bool()> &done, int timeoutMs);

}  // namespace cs::bench
