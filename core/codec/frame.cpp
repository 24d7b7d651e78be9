#include "frame.h"

#include "fastjson.h"
#include "jsonscan.h"
#include "jsonvalues.h"
#include "strictjson.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <simdjson.h>

#include <algorithm>
#include <memory>
#include <optional>
#include <string_view>

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

// Text JSON allows around tokens; simdjson's raw tokens end with it.
std::string_view trimmedToken(std::string_view token)
{
    while (!token.empty() && json::isSpace(token.back()))
        token.remove_suffix(1);
    return token;
}

QString utf8(std::string_view s) { return QString::fromUtf8(s.data(), qsizetype(s.size())); }

// {"event":…,"channel":…,"data":…,"user_id":…} in any order, every value a string, each member
// at most once, event not empty: read with simdjson On Demand. nullopt for anything else, and for
// whatever simdjson refuses; the strict path then reads it (and, if it must, refuses with the
// reason). simdjson has checked the whole text's UTF-8 and its strings' control characters; every
// value here is read as a string, which checks its escapes.
std::optional<Frame> scanUsualFrame(const QByteArray &raw, DataDecoding decoding)
{
    namespace od = simdjson::ondemand;
    thread_local od::parser keptParser;
    std::unique_ptr<od::parser> bigParser;  // see fastjson.cpp: huge frames do not stay in memory
    od::parser *parser = &keptParser;
    if (raw.size() > 64 * 1024)
        parser = (bigParser = std::make_unique<od::parser>()).get();
    const json::PaddedInput input(raw);
    od::document doc;
    od::object object;
    if (parser->iterate(input.data(), input.size(), input.capacity()).get(doc) || doc.get_object().get(object))
        return std::nullopt;
    std::optional<QString> event, channel, userId;
    std::optional<std::string_view> dataToken, dataText;  // as sent (quotes included), and unescaped
    for (auto member : object) {
        std::string_view key, value;
        od::value item;
        if (member.unescaped_key().get(key) || member.value().get(item))
            return std::nullopt;
        if (key == "data") {
            std::string_view token = trimmedToken(item.raw_json_token());
            if (dataToken || item.get_string().get(value))
                return std::nullopt;
            dataToken = token;
            dataText = value;
            continue;
        }
        std::optional<QString> *slot = key == "event"     ? &event
                                       : key == "channel" ? &channel
                                       : key == "user_id" ? &userId
                                                          : nullptr;
        if (!slot || slot->has_value() || item.get_string().get(value))
            return std::nullopt;
        *slot = utf8(value);
    }
    // Nothing after the object (simdjson 3.0 has no document::at_end()).
    if (doc.current_location().error() != simdjson::OUT_OF_BOUNDS || !event || event->isEmpty())
        return std::nullopt;
    Frame frame;
    frame.event = *event;
    frame.channel = channel.value_or(QString());
    frame.userId = userId.value_or(QString());
    if (!dataToken) {
        setData(&frame, QJsonValue(QJsonValue::Undefined), decoding);
    } else if (!needsDecodedData(frame, decoding)) {
        deferData(&frame, QByteArray(dataToken->data(), qsizetype(dataToken->size())));
    } else {
        setData(&frame, QJsonValue(utf8(*dataText)), decoding);
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
    // The string's text from simdjson, parsed once by QJsonDocument: what decodeData() gives for
    // the string, without reading the outer JSON text with QJsonDocument first.
    if (const std::optional<QByteArray> text =
            json::stringText(std::string_view(dataJson.constData(), dataJson.size()))) {
        const Result<QJsonValue> parsed = json::parseValue(*text);
        return parsed ? *parsed : QJsonValue(QString::fromUtf8(*text));
    }
    // Lone surrogates and the like: through QString as decodeData() reads a string, so that bytes
    // Qt wrote for a lone surrogate are replaced the same way.
    const Result<QJsonValue> sent = json::parseValue(QString::fromUtf8(dataJson).toUtf8());
    return sent ? decodeData(*sent) : QJsonValue(QJsonValue::Undefined);
}

QJsonObject dataObject(const Frame &frame) { return frame.data.isObject() ? frame.data.toObject() : QJsonObject(); }

}  // namespace cs::protocol
