#pragma once
// An event's `data` as a cheap handle: what the socket delivered, decoded only when a consumer
// asks. A channel event's data is usually double-encoded JSON, and decoding it costs more than
// the rest of the frame's path; `expect` or `listen --count` look at the channel and event name
// only, so they should not pay for it (callgrind: 80 % of `expect`'s instructions before this).

#include "frame.h"

#include <QJsonValue>
#include <QMetaType>

namespace cs {

class EventData {
public:
    EventData() = default;
    explicit EventData(QJsonValue decoded) : m_value(std::move(decoded)) {}
    // Shares the frame's data (implicitly shared Qt values): no copy of the bytes, no parsing.
    static EventData fromFrame(const protocol::Frame &frame);

    // The data as pusher-js hands it to a handler (a JSON string parsed, a plain string kept).
    // Decodes on every call when the frame left it as sent: call once and keep the result.
    QJsonValue value() const;

private:
    QJsonValue m_value;
    QByteArray m_sentJson;  // when not decoded yet: the `data` member's JSON text
    bool m_decoded = true;
};

}  // namespace cs

Q_DECLARE_METATYPE(cs::EventData)
