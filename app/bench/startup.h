#pragma once
// Start-up: runs the real `channelscope` binary (offscreen, a temporary settings file) with
// CHANNELSCOPE_REPORT_FIRST_SHOW set, which makes it print "first-show <ms>" once its main window
// has first been exposed and painted, and quit. Measured in this process from QProcess::start to
// that line: one warm-up run (it creates the settings), then the measured runs. Prints one JSON line.

#include <QStringList>

namespace cs::bench {

int runStartup(const QStringList &args);

}  // namespace cs::bench
