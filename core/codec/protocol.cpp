#include "protocol.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QLocale>
#include <QSet>
#include <QVariant>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

namespace cs::protocol {

namespace {

QString typeName(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Null: return QStringLiteral("null");
    case QJsonValue::Bool: return QStringLiteral("a boolean");
    case QJsonValue::Double: return QStringLiteral("a number");
    case QJsonValue::String: return QStringLiteral("a string");
    case QJsonValue::Array: return QStringLiteral("an array");
    case QJsonValue::Object: return QStringLiteral("an object");
    case QJsonValue::Undefined: break;
    }
    return QStringLiteral("undefined");
}

// Qt keeps integers that fit in 64 bits exactly; everything else is a double.
bool holdsInteger(const QJsonValue &v)
{
    return v.isDouble() && v.toVariant().typeId() == QMetaType::LongLong;
}

// ECMAScript Number::toString for a finite double, so numbers read like JSON.stringify output.
QString jsDoubleText(double d)
{
    if (!std::isfinite(d))
        return QStringLiteral("null");  // JSON.stringify(Infinity) === "null"
    if (d == 0)
        return QStringLiteral("0");     // also -0
    // Shortest round-trip digits and the decimal exponent, e.g. "1.2345e+02".
    const QString sci = QString::number(std::fabs(d), 'e', QLocale::FloatingPointShortest);
    const qsizetype ePos = sci.indexOf(u'e');
    QString digits = sci.left(ePos).remove(u'.');
    while (digits.size() > 1 && digits.endsWith(u'0'))
        digits.chop(1);
    const int n = sci.mid(ePos + 1).toInt() + 1;  // value = 0.digits × 10^n
    const int k = int(digits.size());
    QString out = d < 0 ? QStringLiteral("-") : QString();
    if (k <= n && n <= 21)
        out += digits + QString(n - k, u'0');
    else if (0 < n && n <= 21)
        out += digits.left(n) + u'.' + digits.mid(n);
    else if (-6 < n && n <= 0)
        out += QStringLiteral("0.") + QString(-n, u'0') + digits;
    else {
        const int e = n - 1;
        out += digits.left(1);
        if (k > 1)
            out += u'.' + digits.mid(1);
        out += (e < 0 ? QStringLiteral("e-") : QStringLiteral("e+")) + QString::number(std::abs(e));
    }
    return out;
}

QString numberText(const QJsonValue &v)
{
    return holdsInteger(v) ? QString::number(v.toInteger()) : jsDoubleText(v.toDouble());
}

struct StrictnessProblem {
    const char *what;
    qsizetype offset;
};

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

// Qt's parser accepts a few things JSON.parse rejects: unknown escapes ("\q" reads as "q"), raw
// control characters inside strings, and numbers such as ".5" or "1.". Finds those in text that
// Qt has already accepted, so that a frame is refused exactly when pusher-js would refuse it.
std::optional<StrictnessProblem> strictnessProblem(QByteArrayView json)
{
    bool inString = false;
    for (qsizetype i = 0; i < json.size(); ++i) {
        const char c = json[i];
        if (inString) {
            if (c == '"') {
                inString = false;
            } else if (uchar(c) < 0x20) {
                return StrictnessProblem{"control character in a string", i};
            } else if (c == '\\') {
                const char next = i + 1 < json.size() ? json[i + 1] : '\0';
                if (!std::strchr("\"\\/bfnrtu", next) || next == '\0')
                    return StrictnessProblem{"invalid escape sequence", i};
                ++i;  // Qt has checked the four hex digits of \u
            }
        } else if (c == '"') {
            inString = true;
        } else if (c == '.') {  // outside strings a '.' can only be part of a number
            const bool digitBefore = i > 0 && isDigit(json[i - 1]);
            const bool digitAfter = i + 1 < json.size() && isDigit(json[i + 1]);
            if (!digitBefore || !digitAfter)
                return StrictnessProblem{"illegal number", i};
        }
    }
    return std::nullopt;
}

// QJsonDocument::fromJson with JSON.parse strictness; on failure *why says what and where.
QJsonDocument parseStrict(const QByteArray &json, QString *why)
{
    QJsonParseError error;
    QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError) {
        *why = QStringLiteral("%1 at offset %2").arg(error.errorString()).arg(error.offset);
        return {};
    }
    if (const std::optional<StrictnessProblem> problem = strictnessProblem(json)) {
        *why = QStringLiteral("%1 at offset %2").arg(QLatin1String(problem->what)).arg(problem->offset);
        return {};
    }
    return doc;
}

// Parses any JSON text like JSON.parse, scalars included: Qt 6.4 only accepts an object or an
// array at the top level, so the text is wrapped in an array and must yield exactly one element.
std::optional<QJsonValue> parseJsonText(const QString &text)
{
    QString why;
    const QJsonDocument doc = parseStrict('[' + text.toUtf8() + ']', &why);
    if (!doc.isArray())
        return std::nullopt;
    const QJsonArray array = doc.array();
    if (array.size() != 1)
        return std::nullopt;
    return array.first();
}

// Reads a string-or-number id such as user_id or socket_id; numbers become their text.
std::optional<QString> idText(const QJsonValue &v)
{
    if (v.isString())
        return v.toString();
    if (v.isDouble())
        return numberText(v);
    return std::nullopt;
}

QJsonObject dataObject(const Frame &frame)
{
    return frame.data.isObject() ? frame.data.toObject() : QJsonObject();
}

// Accepts an integer given as a number or as decimal text, as JavaScript arithmetic would.
std::optional<qint64> integerOf(const QJsonValue &v)
{
    double d = std::numeric_limits<double>::quiet_NaN();
    if (v.isDouble()) {
        d = v.toDouble();
    } else if (v.isString()) {
        bool ok = false;
        d = v.toString().trimmed().toDouble(&ok);
        if (!ok)
            return std::nullopt;
    }
    if (!std::isfinite(d) || std::trunc(d) != d || std::fabs(d) > 9.0e15)
        return std::nullopt;
    return qint64(d);
}

int clampToInt(qint64 v)
{
    return int(std::clamp<qint64>(v, std::numeric_limits<int>::min(), std::numeric_limits<int>::max()));
}

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

// ---- parseFrame steps ----

bool isBlank(const QByteArray &raw)
{
    return std::all_of(raw.begin(), raw.end(), [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; });
}

bool readEnvelope(const QJsonObject &object, Frame *frame)
{
    const QJsonValue event = object.value(QLatin1String("event"));
    if (event.isUndefined()) {
        frame->error = QStringLiteral("no \"event\" member");
        return false;
    }
    if (!event.isString()) {
        frame->error = QStringLiteral("\"event\" is %1, not a string").arg(typeName(event));
        return false;
    }
    frame->event = event.toString();
    if (frame->event.isEmpty()) {
        frame->error = QStringLiteral("\"event\" is empty");
        return false;
    }
    const QJsonValue channel = object.value(QLatin1String("channel"));
    if (!channel.isUndefined() && !channel.isString()) {
        frame->error = QStringLiteral("\"channel\" is %1, not a string").arg(typeName(channel));
        return false;
    }
    frame->channel = channel.toString();
    const QJsonValue userId = object.value(QLatin1String("user_id"));
    if (!userId.isUndefined()) {
        const std::optional<QString> text = idText(userId);
        if (!text) {
            frame->error = QStringLiteral("\"user_id\" is %1, not a string or number").arg(typeName(userId));
            return false;
        }
        frame->userId = *text;
    }
    return true;
}

} // namespace

QJsonValue decodeData(const QJsonValue &data, DataEncoding *encoding)
{
    DataEncoding kind = DataEncoding::Other;
    QJsonValue decoded = data;
    if (data.isUndefined()) {
        kind = DataEncoding::Absent;
    } else if (data.isObject() || data.isArray()) {
        kind = DataEncoding::Object;
    } else if (data.isString()) {
        const std::optional<QJsonValue> parsed = parseJsonText(data.toString());
        kind = parsed ? DataEncoding::JsonString : DataEncoding::PlainString;
        if (parsed)
            decoded = *parsed;
    }
    if (encoding)
        *encoding = kind;
    return decoded;
}

namespace {

bool needsDecodedData(const Frame &frame, DataDecoding decoding)
{
    return decoding == DataDecoding::All || frame.event.startsWith(QLatin1String("pusher"))
           || frame.channel.startsWith(QLatin1String("private-encrypted-"));
}

// A string data member left as sent: its JSON text, decoded by decodedData() when asked.
void deferData(Frame *frame, QByteArray json)
{
    frame->dataJson = std::move(json);
    frame->encoding = DataEncoding::PlainString;  // or JsonString: not looked at yet
    frame->dataDecoded = false;
}

void setData(Frame *frame, const QJsonValue &data, DataDecoding decoding)
{
    if (!needsDecodedData(*frame, decoding) && data.isString()) {
        // The strict way only: the scanner keeps the bytes as they came.
        QByteArray json = QJsonDocument(QJsonArray{data}).toJson(QJsonDocument::Compact);
        deferData(frame, json.mid(1, json.size() - 2));
        return;
    }
    if (data.isString())
        frame->dataString = data.toString();
    frame->data = decodeData(data, &frame->encoding);
}

int hexDigit(char h)
{
    if (h >= '0' && h <= '9')
        return h - '0';
    h = char(h | 0x20);
    return h >= 'a' && h <= 'f' ? h - 'a' + 10 : -1;
}

// Finds the end of the JSON string that starts at *p (a '"'): the closing quote, or null when the
// string holds anything but printable ASCII and escapes. *escaped tells whether it has escapes.
const char *scanStringEnd(const char *p, const char *end, bool *escaped)
{
    *escaped = false;
    if (p >= end || *p != '"')
        return nullptr;
    for (++p; p < end; ++p) {
        const auto c = static_cast<unsigned char>(*p);
        if (c == '"')
            return p;
        if (c < 0x20 || c >= 0x80)
            return nullptr;
        if (c == '\\') {
            *escaped = true;
            if (++p >= end)  // the escaped character cannot end the string; it is checked when unescaping
                return nullptr;
        }
    }
    return nullptr;
}

// The code unit of the \uXXXX escape whose 'u' is at q (four hex digits before close).
// Surrogates, paired or not, are left to the strict parser: nullopt.
std::optional<char16_t> escapedUnit(const char *q, const char *close)
{
    if (close - q < 5)
        return std::nullopt;
    int unit = 0;
    for (int i = 1; i <= 4; ++i) {
        const int digit = hexDigit(q[i]);
        if (digit < 0)
            return std::nullopt;
        unit = unit * 16 + digit;
    }
    if (unit >= 0xD800 && unit <= 0xDFFF)
        return std::nullopt;
    return char16_t(unit);
}

// Unescapes [begin, close) into one preallocated QString: double-encoded data is full of \".
// False for an escape the strict parser should judge (unknown ones, surrogates).
bool unescape(const char *begin, const char *close, QString *out)
{
    QString text(close - begin, Qt::Uninitialized);
    auto *d = reinterpret_cast<char16_t *>(text.data());
    char16_t *const start = d;
    for (const char *q = begin; q < close; ++q) {
        if (*q != '\\') {
            *d++ = char16_t(static_cast<unsigned char>(*q));
            continue;
        }
        switch (*++q) {
        case '"': *d++ = u'"'; break;
        case '\\': *d++ = u'\\'; break;
        case '/': *d++ = u'/'; break;
        case 'b': *d++ = u'\b'; break;
        case 'f': *d++ = u'\f'; break;
        case 'n': *d++ = u'\n'; break;
        case 'r': *d++ = u'\r'; break;
        case 't': *d++ = u'\t'; break;
        case 'u': {
            const std::optional<char16_t> unit = escapedUnit(q, close);
            if (!unit)
                return false;
            *d++ = *unit;
            q += 4;
            break;
        }
        default:
            return false;
        }
    }
    text.truncate(d - start);
    *out = std::move(text);
    return true;
}

// True when every escape in [begin, close) is one unescape() takes: checked without building the
// text, for data that stays as sent.
bool escapesAreSimple(const char *begin, const char *close)
{
    for (const char *q = begin; (q = static_cast<const char *>(std::memchr(q, '\\', close - q))); ) {
        switch (*++q) {
        case '"': case '\\': case '/': case 'b': case 'f': case 'n': case 'r': case 't':
            break;
        case 'u':
            if (!escapedUnit(q, close))
                return false;
            q += 4;
            break;
        default:
            return false;
        }
        ++q;
    }
    return true;
}

// Reads the JSON string at *p into *out and moves *p past it.
bool scanString(const char **p, const char *end, QString *out)
{
    bool escaped = false;
    const char *close = scanStringEnd(*p, end, &escaped);
    if (!close)
        return false;
    const char *begin = *p + 1;
    if (escaped) {
        if (!unescape(begin, close, out))
            return false;
    } else {
        *out = QString::fromLatin1(begin, close - begin);
    }
    *p = close + 1;
    return true;
}

// {"event":…,"channel":…,"data":…,"user_id":…} in any order, every value a string, each member
// at most once, event not empty. nullopt for anything else.
std::optional<Frame> scanUsualFrame(const QByteArray &raw, DataDecoding decoding)
{
    const char *p = raw.constData();
    const char *end = p + raw.size();
    const auto skipSpace = [&] {
        while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
            ++p;
    };
    skipSpace();
    if (p >= end || *p != '{')
        return std::nullopt;
    ++p;
    std::optional<QString> event, channel, userId;
    QByteArrayView dataJson;  // the data member's string as on the wire, quotes included
    bool dataEscaped = false;
    for (;;) {
        skipSpace();
        bool escapedKey = false;
        const char *keyEnd = scanStringEnd(p, end, &escapedKey);
        if (!keyEnd || escapedKey)
            return std::nullopt;
        const QByteArrayView key(p + 1, keyEnd - p - 1);
        p = keyEnd + 1;
        skipSpace();
        if (p >= end || *p != ':')
            return std::nullopt;
        ++p;
        skipSpace();
        if (key == "data") {
            // Unescaped later, and only if this frame's data is decoded at all.
            const char *close = scanStringEnd(p, end, &dataEscaped);
            if (!close || !dataJson.isNull() || (dataEscaped && !escapesAreSimple(p + 1, close)))
                return std::nullopt;
            dataJson = QByteArrayView(p, close + 1 - p);
            p = close + 1;
        } else {
            std::optional<QString> *slot = key == "event"     ? &event
                                           : key == "channel" ? &channel
                                           : key == "user_id" ? &userId
                                                              : nullptr;
            if (!slot || slot->has_value())
                return std::nullopt;
            QString value;
            if (!scanString(&p, end, &value))
                return std::nullopt;
            *slot = std::move(value);
        }
        skipSpace();
        if (p < end && *p == ',') {
            ++p;
            continue;
        }
        if (p < end && *p == '}') {
            ++p;
            break;
        }
        return std::nullopt;
    }
    skipSpace();
    if (p != end || !event || event->isEmpty())
        return std::nullopt;
    Frame frame;
    frame.ok = true;
    frame.event = *event;
    frame.channel = channel.value_or(QString());
    frame.userId = userId.value_or(QString());
    if (dataJson.isNull()) {
        setData(&frame, QJsonValue(QJsonValue::Undefined), decoding);
    } else if (needsDecodedData(frame, decoding)) {
        QString text;
        const char *begin = dataJson.data() + 1;
        const char *close = dataJson.data() + dataJson.size() - 1;
        if (dataEscaped)
            unescape(begin, close, &text);  // cannot fail: the escapes were checked
        else
            text = QString::fromLatin1(begin, close - begin);
        setData(&frame, QJsonValue(text), decoding);
    } else {
        deferData(&frame, dataJson.toByteArray());
    }
    return frame;
}

} // namespace

Frame parseFrameWithJsonDocument(const QByteArray &raw, DataDecoding decoding)
{
    Frame frame;
    if (isBlank(raw)) {
        frame.error = QStringLiteral("empty frame");
        return frame;
    }
    QString why;
    const QJsonDocument doc = parseStrict(raw, &why);
    if (doc.isNull()) {
        frame.error = QStringLiteral("not JSON: ") + why;
        return frame;
    }
    if (!doc.isObject()) {
        frame.error = QStringLiteral("not a JSON object but an array");
        return frame;
    }
    const QJsonObject object = doc.object();
    if (!readEnvelope(object, &frame))
        return frame;
    setData(&frame, object.value(QLatin1String("data")), decoding);
    frame.ok = true;
    return frame;
}

Frame parseFrame(const QByteArray &raw, DataDecoding decoding)
{
    if (std::optional<Frame> frame = scanUsualFrame(raw, decoding))
        return std::move(*frame);
    return parseFrameWithJsonDocument(raw, decoding);
}

QJsonValue decodedData(const Frame &frame)
{
    if (frame.dataDecoded)
        return frame.data;
    const std::optional<QJsonValue> sent = parseJsonText(QString::fromUtf8(frame.dataJson));
    return sent ? decodeData(*sent) : QJsonValue(QJsonValue::Undefined);
}

std::optional<Handshake> parseHandshake(const Frame &frame)
{
    if (!frame.ok || frame.event != QLatin1String("pusher:connection_established") || !frame.data.isObject())
        return std::nullopt;
    const QJsonObject data = frame.data.toObject();
    Handshake handshake;
    handshake.socketId = idText(data.value(QLatin1String("socket_id"))).value_or(QString());
    const std::optional<qint64> timeout = integerOf(data.value(QLatin1String("activity_timeout")));
    if (timeout && *timeout > 0)
        handshake.activityTimeoutSeconds = clampToInt(*timeout);
    return handshake;
}

ServerError parseServerError(const Frame &frame)
{
    ServerError error;
    if (frame.data.isString()) {  // a plain-text error, as some servers send
        error.message = frame.data.toString();
        error.channel = frame.channel;
        return error;
    }
    const QJsonObject data = dataObject(frame);
    // pusher:error uses code/message; a subscription_error carries status/error instead.
    QJsonValue code = data.value(QLatin1String("code"));
    if (code.isUndefined())
        code = data.value(QLatin1String("status"));
    if (const std::optional<qint64> value = integerOf(code))
        error.code = clampToInt(*value);
    QJsonValue message = data.value(QLatin1String("message"));
    if (message.isUndefined())
        message = data.value(QLatin1String("error"));
    error.message = message.isString() ? message.toString() : QString();
    const QJsonValue channel = data.value(QLatin1String("channel"));
    error.channel = channel.isString() ? channel.toString() : frame.channel;
    return error;
}

SubscriptionError parseSubscriptionError(const Frame &frame)
{
    SubscriptionError error;
    if (frame.data.isString()) {
        error.error = frame.data.toString();
        return error;
    }
    const QJsonObject data = dataObject(frame);
    error.type = data.value(QLatin1String("type")).toString();
    error.error = data.value(QLatin1String("error")).toString();
    if (const std::optional<qint64> status = integerOf(data.value(QLatin1String("status"))))
        error.status = clampToInt(*status);
    return error;
}

std::optional<PresenceRoster> parsePresenceRoster(const Frame &frame)
{
    const QJsonValue presence = dataObject(frame).value(QLatin1String("presence"));
    if (!presence.isObject())
        return std::nullopt;
    const QJsonObject object = presence.toObject();
    PresenceRoster roster;
    roster.hash = object.value(QLatin1String("hash")).toObject();
    // A roster may hold hundreds of thousands of ids: a set, not a list search per id.
    QSet<QString> seen;
    const QJsonArray ids = object.value(QLatin1String("ids")).toArray();
    seen.reserve(ids.size() + roster.hash.size());
    for (const QJsonValue &id : ids) {
        if (const std::optional<QString> text = idText(id); text && !seen.contains(*text)) {
            seen.insert(*text);
            roster.ids << *text;
        }
    }
    for (auto it = roster.hash.constBegin(); it != roster.hash.constEnd(); ++it) {
        if (!seen.contains(it.key())) {
            seen.insert(it.key());
            roster.ids << it.key();
        }
    }
    const std::optional<qint64> count = integerOf(object.value(QLatin1String("count")));
    roster.count = count && *count >= 0 ? clampToInt(*count) : int(roster.ids.size());
    return roster;
}

QJsonValue boundedUserInfo(const QJsonValue &info, bool *leftOut)
{
    if (leftOut)
        *leftOut = false;
    qsizetype size = 0;
    if (info.isObject())
        size = QJsonDocument(info.toObject()).toJson(QJsonDocument::Compact).size();
    else if (info.isArray())
        size = QJsonDocument(info.toArray()).toJson(QJsonDocument::Compact).size();
    else if (info.isString())
        size = info.toString().size();
    if (size <= kMaxUserInfoBytes)
        return info;
    if (leftOut)
        *leftOut = true;
    return QJsonObject{{QStringLiteral("channelscope_left_out"),
                        QStringLiteral("user_info of %1 bytes, over the %2 KiB kept").arg(size).arg(kMaxUserInfoBytes / 1024)}};
}

std::optional<QMap<QString, QJsonValue>> presenceMembers(const Frame &frame, int *leftOut)
{
    const auto roster = parsePresenceRoster(frame);
    if (!roster)
        return std::nullopt;
    // Hash first, in its key order (each insert lands at the end), then the members without
    // user_info, which only appear in "ids" (pusher-js would not list them).
    QMap<QString, QJsonValue> members;
    // Only a frame larger than the limit can hold a member over it: measure only then.
    const bool measure = frame.dataJson.size() > kMaxUserInfoBytes || frame.dataString.size() > kMaxUserInfoBytes
                         || !frame.dataDecoded;
    int over = 0;
    for (auto it = roster->hash.constBegin(); it != roster->hash.constEnd(); ++it) {
        bool left = false;
        members.insert(members.cend(), it.key(), measure ? boundedUserInfo(it.value(), &left) : it.value());
        over += left;
    }
    if (leftOut)
        *leftOut = over;
    for (const QString &id : roster->ids) {
        if (!members.contains(id))
            members.insert(id, QJsonValue(QJsonValue::Undefined));
    }
    return members;
}

void attachPresenceMembers(Frame &frame)
{
    if (!frame.ok || frame.event != QLatin1String("pusher_internal:subscription_succeeded")
        || !frame.channel.startsWith(QLatin1String("presence-")))
        return;
    if (auto members = presenceMembers(frame, &frame.presenceLeftOut))
        frame.presenceMembers = std::make_shared<QMap<QString, QJsonValue>>(std::move(*members));
}

std::optional<MemberChange> parseMemberChange(const Frame &frame)
{
    const QJsonObject data = dataObject(frame);
    const std::optional<QString> userId = idText(data.value(QLatin1String("user_id")));
    if (!userId)
        return std::nullopt;
    return MemberChange{*userId, data.value(QLatin1String("user_info"))};
}

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

QByteArray buildPing()
{
    return envelope(u"pusher:ping", "{}");
}

QByteArray buildPong()
{
    return envelope(u"pusher:pong", "{}");
}

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

CloseAction closeActionFor(int closeCode)
{
    if (closeCode < 4000)
        return closeCode >= 1002 && closeCode <= 1004 ? CloseAction::Backoff : CloseAction::None;
    if (closeCode == 4000)
        return CloseAction::TlsOnly;
    if (closeCode < 4100)
        return CloseAction::Refused;
    if (closeCode < 4200)
        return CloseAction::Backoff;
    if (closeCode < 4300)
        return CloseAction::Retry;
    return CloseAction::Refused;
}

QString closeActionName(CloseAction action)
{
    switch (action) {
    case CloseAction::None: return QStringLiteral("none");
    case CloseAction::Backoff: return QStringLiteral("backoff");
    case CloseAction::TlsOnly: return QStringLiteral("tls_only");
    case CloseAction::Refused: return QStringLiteral("refused");
    case CloseAction::Retry: return QStringLiteral("retry");
    }
    return QStringLiteral("none");
}

namespace {

const char *knownCloseCodeText(int code)
{
    switch (code) {
    case 1000: return "normal closure";
    case 1001: return "going away";
    case 1002: return "protocol error";
    case 1003: return "unsupported data";
    case 1005: return "no status code received";
    case 1006: return "abnormal closure (no close frame)";
    case 1007: return "invalid frame payload data";
    case 1008: return "policy violation";
    case 1009: return "message too big";
    case 1010: return "missing extension";
    case 1011: return "internal server error";
    case 1012: return "service restart";
    case 1013: return "try again later";
    case 1014: return "bad gateway";
    case 1015: return "TLS handshake failed";
    case 4000: return "app accepts TLS connections only";
    case 4001: return "app key does not exist (wrong cluster?)";
    case 4003: return "app disabled";
    case 4004: return "app over connection quota";
    case 4005: return "path not found";
    case 4006: return "invalid version string format";
    case 4007: return "protocol version not supported";
    case 4008: return "no protocol version supplied";
    case 4009: return "connection unauthorized";
    case 4100: return "over capacity / connection quota";
    case 4200: return "server asked to reconnect";
    case 4201: return "pong not received";
    case 4202: return "closed after inactivity";
    case 4301: return "client event rejected";
    case 4302: return "watchlist over limit";
    default: return nullptr;
    }
}

// The range meaning (docs/protocol.md, "Close codes") for codes without a specific entry.
const char *rangeCloseCodeText(int code)
{
    if (code >= 4000 && code < 4100)
        return "fatal error, do not reconnect unchanged";
    if (code >= 4100 && code < 4200)
        return "temporary error, reconnect after back-off";
    if (code >= 4200 && code < 4300)
        return "reconnect now";
    if (code >= 4300 && code < 4400)
        return "other error";
    if (code >= 3000 && code < 5000)
        return "application-defined close code";
    return "unknown close code";
}

} // namespace

QString describeCloseCode(int closeCode)
{
    const char *text = knownCloseCodeText(closeCode);
    return QStringLiteral("%1 %2").arg(closeCode).arg(QLatin1String(text ? text : rangeCloseCodeText(closeCode)));
}

} // namespace cs::protocol
