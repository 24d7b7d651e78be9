#include "orderframes.h"

#include <cstring>

namespace cs::bench {

namespace {

constexpr int kIdDigits = 9;
constexpr int kCustomerDigits = 4;
constexpr const char *kStatuses[] = {"paid", "sent", "held", "void"};  // all 4 letters: same frame size
constexpr qsizetype kDataTarget = 250;

void writeDigits(char *out, qint64 value, int digits)
{
    for (int i = digits - 1; i >= 0; --i) {
        out[i] = char('0' + value % 10);
        value /= 10;
    }
}

QByteArray digits(qint64 value, int count)
{
    QByteArray out(count, '0');
    writeDigits(out.data(), value, count);
    return out;
}

// The data object with its variable parts given as text; padded to about kDataTarget bytes.
QByteArray orderJsonWith(const QByteArray &id, const QByteArray &customer, const QByteArray &status)
{
    QByteArray json = "{\"id\":\"ord-" + id + "\",\"status\":\"" + status + "\",\"customer\":{\"id\":\"cust-" + customer
                      + "\",\"name\":\"Ada Lovelace\",\"email\":\"ada@example.com\"},\"items\":[{\"sku\":\"A-100\","
                        "\"qty\":2,\"price\":19.95},{\"sku\":\"B-200\",\"qty\":1,\"price\":5.5}],\"total\":45.4,"
                        "\"currency\":\"EUR\",\"note\":\"";
    const QByteArray tail = "\"}";
    json += QByteArray(qMax<qsizetype>(0, kDataTarget - json.size() - tail.size()), 'x');
    return json + tail;
}

}  // namespace

QByteArray jsonString(const QByteArray &text)
{
    QByteArray out;
    out.reserve(text.size() + text.size() / 8 + 2);
    out += '"';
    for (const char c : text) {
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (uchar(c) < 0x20) {
            out += "\\u00";
            out += "0123456789abcdef"[(c >> 4) & 0xf];
            out += "0123456789abcdef"[c & 0xf];
        } else {
            out += c;
        }
    }
    out += '"';
    return out;
}

QByteArray OrderFrames::orderJson(qint64 id)
{
    return orderJsonWith(digits(id, kIdDigits), digits(id % kCustomers, kCustomerDigits), kStatuses[id % 4]);
}

OrderFrames::OrderFrames(const QByteArray &channel, const QByteArray &event)
{
    // Placeholders that occur nowhere else locate the variable parts once.
    const QByteArray idMark(kIdDigits, '#'), customerMark(kCustomerDigits, '%'), statusMark(4, '&');
    const QByteArray data = orderJsonWith(idMark, customerMark, statusMark);
    m_dataSize = data.size();
    m_template = "{\"event\":" + jsonString(event) + ",\"channel\":" + jsonString(channel)
                 + ",\"data\":" + jsonString(data) + "}";
    m_idAt = m_template.indexOf(idMark);
    m_customerAt = m_template.indexOf(customerMark);
    m_statusAt = m_template.indexOf(statusMark);
    Q_ASSERT(m_idAt > 0 && m_customerAt > 0 && m_statusAt > 0);
}

void OrderFrames::write(qint64 id, char *out) const
{
    std::memcpy(out, m_template.constData(), size_t(m_template.size()));
    writeDigits(out + m_idAt, id, kIdDigits);
    writeDigits(out + m_customerAt, id % kCustomers, kCustomerDigits);
    std::memcpy(out + m_statusAt, kStatuses[id % 4], 4);
}

QByteArray OrderFrames::frame(qint64 id) const
{
    QByteArray out(m_template.size(), Qt::Uninitialized);
    write(id, out.data());
    return out;
}

}  // namespace cs::bench
