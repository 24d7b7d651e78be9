#pragma once
// The channel events every benchmark uses: an `order-updated` event whose data is about 250 bytes
// of JSON, double-encoded as Pusher sends it (`data` is a JSON string holding JSON). All frames of
// one channel/event pair have the same size; only the order id, the customer and the status vary,
// patched into a pre-encoded template so that producing a frame costs a memcpy.

#include <QByteArray>

namespace cs::bench {

inline constexpr char kEventName[] = "order-updated";
inline constexpr char kMarkerEvent[] = "bench-end";
inline constexpr char kChannelName[] = "private-orders";
inline constexpr int kCustomers = 5000;  // "cust-0000" … "cust-4999": free-text needles hit 1 in 5000

class OrderFrames {
public:
    OrderFrames(const QByteArray &channel, const QByteArray &event);

    qsizetype frameSize() const { return m_template.size(); }  // the Pusher JSON text, in bytes
    qsizetype dataSize() const { return m_dataSize; }          // the decoded data JSON, in bytes
    // Writes the frame of order `id` (frameSize() bytes) to `out`.
    void write(qint64 id, char *out) const;
    QByteArray frame(qint64 id) const;

    // The decoded data of order `id` (the JSON object before it is encoded into a string).
    static QByteArray orderJson(qint64 id);

private:
    QByteArray m_template;
    qsizetype m_dataSize = 0;
    qsizetype m_idAt = 0;        // 9 digits
    qsizetype m_customerAt = 0;  // 4 digits
    qsizetype m_statusAt = 0;    // 4 letters
};

// A JSON string literal holding `text` (quotes, backslashes and control characters escaped).
QByteArray jsonString(const QByteArray &text);

}  // namespace cs::bench
