#pragma once
// The text editing behind the log filter's kind toggles, without a widget: the toggle groups
// (id, label, kinds), which kinds `-kind:` terms hide, and a filter text with kinds shown or
// hidden. Only `kind:` and `-kind:` terms are edited; everything else stays as typed.

#include <QString>
#include <QStringList>

#include <vector>

namespace cs::ui::kindterms {

struct KindGroupSpec {
    const char *id;     // "state"
    const char *label;  // translatable in the cs::ui::FilterBar context: "state/timer"
    QStringList kinds;  // {"state", "timer"}
};
const std::vector<KindGroupSpec> &kindGroupSpecs();

// The kinds named by every `-kind:` term, lower-cased, each once.
QStringList hiddenKinds(const QString &filterText);
// Hiding removes the kinds from positive `kind:` terms that name others too, then appends
// `-kind:a[,b]` for those that still get through. Showing removes them from every `-kind:` term
// (a term left empty goes) and adds them to every positive `kind:` term that does not let them
// through. Quoted kind values are left alone.
QString withKindsShown(const QString &filterText, const QStringList &kinds, bool shown);

}  // namespace cs::ui::kindterms
