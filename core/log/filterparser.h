#pragma once
// The parsing half of the log filter (logfilter.h): the filter text becomes the terms that
// filtermatcher.h matches, or a FilterError that says what is wrong and where. Internal to
// core/log: other code uses LogFilter::parse().

#include "filtermatcher.h"
#include "logfilter.h"

#include <QString>

namespace cs::filter {

// Terms come out sorted cheapest first, with their per-name cache indexes assigned.
Result<ParsedFilter, FilterError> parseFilter(const QString &text);

}  // namespace cs::filter
