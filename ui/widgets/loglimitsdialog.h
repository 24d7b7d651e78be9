#pragma once
// Log → Log size limit…: the two limits of the log store, an entry cap and a byte budget,
// asked in one dialog. Whichever bites first evicts the oldest entries.

#include <QtGlobal>

#include <optional>

class QWidget;

namespace cs::ui {

struct LogLimits {
    qsizetype entries = 0;
    qint64 bytes = 0;
};

// Shows the dialog; nullopt when the user cancels.
std::optional<LogLimits> askLogLimits(QWidget *parent, const LogLimits &current, const LogLimits &min,
                                      const LogLimits &max);

}  // namespace cs::ui
