#pragma once
// The GUI under load: the real main window (offscreen), connected through a profile to a frame
// source that sends at a fixed rate, as a user would have it — log panel docked, follow newest on.
// Measures how fast events reach the view (from the first event leaving the source to the marker
// shown in the table), the marker's end-to-end latency, the longest event-loop stall (lateness of
// a 5 ms timer) and how many times a second the view model inserts rows. Prints one JSON line.

#include <QStringList>

namespace cs::bench {

int runGuiLoad(const QStringList &args);

}  // namespace cs::bench
