#pragma once
// The HTTP API checks: a signed GET /channels, the same with query parameters (does the query
// string survive the way to the server?), which info attributes the server returns, and the
// clock skew read from the answer's Date header.

#include "doctorcheck.h"

namespace cs::diagnose {

inline constexpr int kClockWarnSeconds = 30;
inline constexpr int kClockRejectSeconds = 600;  // hosted Pusher refuses older timestamps

void checkRest(DoctorRun &run, const CheckDone &done);
void checkQuery(DoctorRun &run, const CheckDone &done);
void checkInfo(DoctorRun &run, const CheckDone &done);
void checkClock(DoctorRun &run, const CheckDone &done);

// The clock verdict for a measured skew (server minus local, seconds).
DoctorCheck clockCheck(qint64 skewSeconds);
// RFC 7231 HTTP-date ("Sun, 06 Nov 1994 08:49:37 GMT").
std::optional<QDateTime> parseHttpDate(const QByteArray &value);

}  // namespace cs::diagnose
