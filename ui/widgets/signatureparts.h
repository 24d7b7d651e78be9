#pragma once
// What the signature view rates and highlights, without a widget: which part of a signature a
// verdict says differs (app key, socket id, channel, channel_data/user_data, secret), where that
// part sits in a string to sign, and the exact characters where two strings or two signatures
// differ.

#include "explainer.h"
#include "textrange.h"

#include <QList>
#include <QMap>
#include <QString>

#include <optional>
#include <utility>

namespace cs::ui::signature {

using Verdict = SignatureExplanation::Verdict;

// The parts of a signature the view rates, in display order.
enum class Part { Key, SocketId, Channel, Data, Secret };
enum class PartState { Same, Differs, Unknown, Absent };
inline constexpr Part kParts[] = {Part::Key, Part::SocketId, Part::Channel, Part::Data, Part::Secret};

QMap<Part, PartState> partStates(const SignatureExplanation &e);
QString partName(Part part, bool user);  // "App key", "user_data"…
QString stateText(PartState state);      // "✓ same", "✗ differs"…

// The stretch where two strings differ (first: in a, second: in b); none when they are equal.
std::pair<std::optional<TextRange>, std::optional<TextRange>> diffRanges(const QString &a, const QString &b);
// The part a verdict names in a string to sign, then `exact` (the differing characters).
QList<TextRange> rangesFor(Verdict verdict, const QByteArray &string, const std::optional<TextRange> &exact);
// "<key>:<hex>" -> where the key and the hex are (a server's bare hex has no key).
std::pair<TextRange, TextRange> authRanges(const QString &auth);
QString keyOf(const QByteArray &auth);  // the key of "<key>:<hex>", or empty
QString hexOf(const QByteArray &auth);

}  // namespace cs::ui::signature
