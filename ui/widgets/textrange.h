#pragma once
// A stretch of a text to highlight, in QString offsets.

namespace cs::ui {

struct TextRange {
    int start = 0;
    int length = 0;
    bool strong = false;  // the exact characters that differ (else: the part they belong to)
};

}  // namespace cs::ui
