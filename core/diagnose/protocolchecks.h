#pragma once
// The checks that speak the Pusher protocol: the key is accepted (and the connection is kept for
// the next ones), client events are enabled, user authentication answers pusher:signin, cache
// channels send pusher:cache_miss, and how long the server lets a connection that never signs in
// or subscribes live. Each wait for "no answer" is short and bounded (kQuietMs).

#include "doctorcheck.h"

namespace cs::diagnose {

inline constexpr int kQuietMs = 1500;  // how long silence must last to count as "accepted" or "ignored"

void checkKey(DoctorRun &run, const CheckDone &done);
void checkClientEvents(DoctorRun &run, const CheckDone &done);
void checkUserAuth(DoctorRun &run, const CheckDone &done);
void checkCache(DoctorRun &run, const CheckDone &done);
void checkUnauthorized(DoctorRun &run, const CheckDone &done);

// Opens the idle connection whose close the unauthorized check reports (no-op without a wait).
void openIdleConnection(DoctorRun &run);

}  // namespace cs::diagnose
