#pragma once
// The Pusher wire codec (docs/protocol.md), one header for all of it: frames in (frame.h), what
// the server's messages mean (messages.h, presence.h), frames out (framebuild.h) and close codes
// (closecodes.h). The JSON underneath is core/json's.

#include "closecodes.h"
#include "frame.h"
#include "framebuild.h"
#include "messages.h"
#include "presence.h"

namespace cs::protocol {

inline constexpr int kProtocolVersion = 7;

}  // namespace cs::protocol
