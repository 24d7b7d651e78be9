#include "frame.h"

#include "jsonscan.h"
#include "jsonvalues.h"
#include "strictjson.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>
#include <optional>

namespace cs::protocol {

namespace {

Error invalidFrame(const QString &why) { return Error{ErrorCode::InvalidFrame, why}; }

bool isBlank(const QByteArray &raw) { return std::all_of(raw.begin(), raw.end(), json::isSpace); }

Status readEnvelope(const QJsonObject &object, Frame *frame)
{
    const QJsonValue event = object.value(QLatin1String("event"));
    if (event.isUndefined())
        return invalidFrame(QStringLiteral("no \"event\" member"));
    if (!event.isString())
        return invalidFrame(QStringLiteral("\"event\" is %1, not a string").arg(typeName(event)));
    frame->event = event.toString();
    if (frame->event.isEmpty())
        return invalidFrame(QStringLiteral("\"event\" is empty"));
    const QJsonValue channel = object.value(QLatin1String("channel"));
    if (!channel.isUndefined() && !channel.isString())
        return invalidFrame(QStringLiteral("\"channel\" is %1, not a string").arg(typeName(channel)));
    frame->channel = channel.toString();
    const QJsonValue userId = object.value(QLatin1String("user_id"));
    if (!userId.isUndefined()) {
        const std::optional<QString> text = idText(userId);
        if (!text)
            return invalidFrame(QStringLiteral("\"user_id\" is %1, not a string or number").arg(typeName(userId)));
        frame->userId = *text;
    }
    return {};
}

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

// {"event":…,"channel":…,"data":…,"user_id":…} in any order, every value a printable-ASCII
// string, each member at most once, event not empty. nullopt for anything else, which the strict
// path then reads (and, if it must, refuses with the reason).
std::optional<Frame> scanUsualFrame(const QByteArray &raw, DataDecoding decoding)
{
    using json::StringBytes;
    const char *p = raw.constData();
    const char *end = p + raw.size();
    p = json::skipSpace(p, end);
    if (p >= end || *p != '{')
        return std::nullopt;
    ++p;
    std::optional<QString> event, channel, userId;
    QByteArrayView dataJson;  // the data member's string as on the wire, quotes included
    bool dataEscaped = false;
    for (;;) {
        p = json::skipSpace(p, end);
        bool escapedKey = false;
        const char *keyEnd = json::findStringEnd(p, end, &escapedKey, StringBytes::PrintableAscii);
        if (!keyEnd || escapedKey)
            return std::nullopt;
        const QByteArrayView key(p + 1, keyEnd - p - 1);
        p = json::skipSpace(keyEnd + 1, end);
        if (p >= end || *p != ':')
            return std::nullopt;
        p = json::skipSpace(p + 1, end);
        if (key == "data") {
            // Unescaped later, and only if this frame's data is decoded at all.
            const char *close = json::findStringEnd(p, end, &dataEscaped, StringBytes::PrintableAscii);
            if (!close || !dataJson.isNull() || (dataEscaped && !json::escapesAreSimple(p + 1, close)))
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
            if (!json::scanString(&p, end, &value))
                return std::nullopt;
            *slot = std::move(value);
        }
        p = json::skipSpace(p, end);
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
    p = json::skipSpace(p, end);
    if (p != end || !event || event->isEmpty())
        return std::nullopt;
    Frame frame;
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
            json::unescape(begin, close, &text);  // cannot fail: the escapes were checked
        else
            text = QString::fromLatin1(begin, close - begin);
        setData(&frame, QJsonValue(text), decoding);
    } else {
        deferData(&frame, dataJson.toByteArray());
    }
    return frame;
}

}  // namespace

QJsonValue decodeData(const QJsonValue &data, DataEncoding *encoding)
{
    DataEncoding kind = DataEncoding::Other;
    QJsonValue decoded = data;
    if (data.isUndefined()) {
        kind = DataEncoding::Absent;
    } else if (data.isObject() || data.isArray()) {
        kind = DataEncoding::Object;
    } else if (data.isString()) {
        const Result<QJsonValue> parsed = json::parseValue(data.toString().toUtf8());
        kind = parsed ? DataEncoding::JsonString : DataEncoding::PlainString;
        if (parsed)
            decoded = *parsed;
    }
    if (encoding)
        *encoding = kind;
    return decoded;
}

Result<Frame> parseFrameWithJsonDocument(const QByteArray &raw, DataDecoding decoding)
{
    if (isBlank(raw))
        return invalidFrame(QStringLiteral("empty frame"));
    const Result<QJsonDocument> doc = json::parseDocument(raw);
    if (!doc)
        return invalidFrame(QStringLiteral("not JSON: ") + doc.error().message);
    if (!doc->isObject())
        return invalidFrame(QStringLiteral("not a JSON object but an array"));
    const QJsonObject object = doc->object();
    Frame frame;
    if (const Status envelope = readEnvelope(object, &frame); !envelope)
        return envelope.error();
    setData(&frame, object.value(QLatin1String("data")), decoding);
    return frame;
}

Result<Frame> parseFrame(const QByteArray &raw, DataDecoding decoding)
{
    if (std::optional<Frame> frame = scanUsualFrame(raw, decoding))
        return std::move(*frame);
    return parseFrameWithJsonDocument(raw, decoding);
}

QJsonValue decodedData(const Frame &frame) { return frame.dataDecoded ? frame.data : decodeSentData(frame.dataJson); }

QJsonValue decodeSentData(const QByteArray &dataJson)
{
    // Through QString as decodeData() reads a string: bytes Qt wrote for a lone surrogate are
    // replaced the same way.
    const Result<QJsonValue> sent = json::parseValue(QString::fromUtf8(dataJson).toUtf8());
    return sent ? decodeData(*sent) : QJsonValue(QJsonValue::Undefined);
}

QJsonObject dataObject(const Frame &frame) { return frame.data.isObject() ? frame.data.toObject() : QJsonObject(); }

}  // namespace cs::protocol
