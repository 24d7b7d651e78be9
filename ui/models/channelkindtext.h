#pragma once
// How a channel type reads in the UI: a short label for tables and fields ("private · cache") and
// a description for tooltips. Shared by the subscriptions table and the subscribe form, so that
// both name a type the same way.

#include "names.h"

#include <QString>

namespace cs::ui {

QString channelKindLabel(const ChannelKind &kind);        // "presence", "public · cache"
QString channelKindDescription(const ChannelKind &kind);  // what the type means, for tooltips

}  // namespace cs::ui
