#pragma once
// A presence channel's roster, kept in its Subscription: the whole roster from
// pusher_internal:subscription_succeeded, then one member added or removed at a time. Every
// change bumps rosterRevision; user_info over protocol::kMaxUserInfoBytes is not kept (logged).

#include "protocol.h"

#include <optional>

namespace cs {

class Connection;
struct Subscription;

namespace presence {

// Takes the roster of a subscription_succeeded frame and logs who was there.
void takeRoster(Subscription &sub, const protocol::Frame &frame, Connection *log);
// The member that joined, if it is new (a repeated member_added changes nothing).
std::optional<protocol::MemberChange> addMember(Subscription &sub, const protocol::Frame &frame, Connection *log);
// The id of the member that left, if it was there.
std::optional<QString> removeMember(Subscription &sub, const protocol::Frame &frame);

}  // namespace presence
}  // namespace cs
