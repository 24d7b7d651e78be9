#include "framebuild.h"

#include "jsonvalues.h"

#include <QJsonArray>
#include <QJsonObject>

namespace cs::protocol {

namespace {

// ---- ordered writer: QJsonObject sorts keys, but pusher-js frames have a fixed key order ----

void writeString(QByteArray &out, QStringView s)
{
    static const char hex[] = "0123456789abcdef";
    out += '"';
    qsizetype runStart = 0;  // characters that need no escaping are copied as one UTF-8 run
    const auto flushRun = [&](qsizetype end) {
        if (end > runStart)
            out += s.sliced(runStart, end - runStart).toUtf8();
    };
    for (qsizetype i = 0; i < s.size(); ++i) {
        const char16_t c = s[i].unicode();
        if (QChar::isHighSurrogate(c) && i + 1 < s.size() && s[i + 1].isLowSurrogate()) {
            ++i;  // a valid pair stays in the run
            continue;
        }
        const char *escape = nullptr;
        switch (c) {
        case u'"': escape = "\\\""; break;
        case u'\\': escape = "\\\\"; break;
        case u'\b': escape = "\\b"; break;
        case u'\f': escape = "\\f"; break;
        case u'\n': escape = "\\n"; break;
        case u'\r': escape = "\\r"; break;
        case u'\t': escape = "\\t"; break;
        default: break;
        }
        if (!escape && c >= 0x20 && !QChar::isSurrogate(c))
            continue;
        flushRun(i);
        runStart = i + 1;
        if (escape) {
            out += escape;
            continue;
        }
        // Control characters and lone surrogates as \uXXXX, as JSON.stringify writes them.
        out += "\\u";
        for (int shift = 12; shift >= 0; shift -= 4)
            out += hex[(c >> shift) & 0xf];
    }
    flushRun(s.size());
    out += '"';
}

void writeValue(QByteArray &out, const QJsonValue &v);

void writeObject(QByteArray &out, const QJsonObject &object)
{
    out += '{';
    bool first = true;
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (it.value().isUndefined())
            continue;  // JSON.stringify drops undefined members
        if (!first)
            out += ',';
        first = false;
        writeString(out, it.key());
        out += ':';
        writeValue(out, it.value());
    }
    out += '}';
}

void writeArray(QByteArray &out, const QJsonArray &array)
{
    out += '[';
    for (qsizetype i = 0; i < array.size(); ++i) {
        if (i)
            out += ',';
        const QJsonValue v = array.at(i);
        if (v.isUndefined())
            out += "null";  // JSON.stringify writes undefined array slots as null
        else
            writeValue(out, v);
    }
    out += ']';
}

void writeValue(QByteArray &out, const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined: out += "null"; break;
    case QJsonValue::Bool: out += v.toBool() ? "true" : "false"; break;
    case QJsonValue::Double: out += numberText(v).toLatin1(); break;
    case QJsonValue::String: writeString(out, v.toString()); break;
    case QJsonValue::Array: writeArray(out, v.toArray()); break;
    case QJsonValue::Object: writeObject(out, v.toObject()); break;
    }
}

// Writes {"k":v,...} in the order the members are added.
class OrderedObject {
public:
    OrderedObject &string(const char *key, QStringView value)
    {
        writeString(beginMember(key), value);
        return *this;
    }
    OrderedObject &json(const char *key, const QByteArray &valueJson)
    {
        beginMember(key) += valueJson;
        return *this;
    }
    OrderedObject &value(const char *key, const QJsonValue &value)
    {
        writeValue(beginMember(key), value);
        return *this;
    }
    QByteArray finish() const { return m_out.isEmpty() ? QByteArray("{}") : m_out + '}'; }

private:
    QByteArray &beginMember(const char *key)
    {
        m_out += m_out.isEmpty() ? '{' : ',';
        writeString(m_out, QString::fromLatin1(key));
        m_out += ':';
        return m_out;
    }
    QByteArray m_out;
};

// The envelope pusher-js writes in Connection.send_event: event, data, then channel if any.
QByteArray envelope(QStringView event, const QByteArray &dataJson)
{
    return OrderedObject().string("event", event).json("data", dataJson).finish();
}

}  // namespace

QByteArray buildSubscribe(const QString &channel, const QByteArray &auth, const QByteArray &channelData)
{
    // Channel.subscribe in pusher-js: {auth, channel_data, channel}; undefined channel_data is dropped.
    OrderedObject data;
    data.string("auth", QString::fromUtf8(auth));
    if (!channelData.isEmpty())
        data.string("channel_data", QString::fromUtf8(channelData));
    data.string("channel", channel);
    return envelope(u"pusher:subscribe", data.finish());
}

QByteArray buildUnsubscribe(const QString &channel)
{
    return envelope(u"pusher:unsubscribe", OrderedObject().string("channel", channel).finish());
}

QByteArray buildPing() { return envelope(u"pusher:ping", "{}"); }

QByteArray buildPong() { return envelope(u"pusher:pong", "{}"); }

QByteArray buildSignin(const QByteArray &auth, const QByteArray &userData)
{
    const QByteArray data = OrderedObject()
                                .string("auth", QString::fromUtf8(auth))
                                .string("user_data", QString::fromUtf8(userData))
                                .finish();
    return envelope(u"pusher:signin", data);
}

QByteArray buildClientEvent(const QString &channel, const QString &event, const QJsonValue &data)
{
    // Connection.send_event: {event, data} and then channel; JSON.stringify drops undefined data.
    OrderedObject frame;
    frame.string("event", event);
    if (!data.isUndefined())
        frame.value("data", data);
    if (!channel.isEmpty())
        frame.string("channel", channel);
    return frame.finish();
}

}  // namespace cs::protocol
