// Data decoding: a frame's string `data` is parsed the way pusher-js does (JSON.parse, scalars
// included). Properties: a string that decodes as JSON text round-trips (the decoded value,
// written and decoded again, is the same value); decoding is idempotent on what it returns; a
// data member sent inside a frame decodes to the same as the bare string.

#include "fuzzcheck.h"

#include "protocol.h"

#include <QJsonArray>
#include <QJsonDocument>

using namespace cs::protocol;

namespace {

// The JSON text of one value, as JSON.stringify would give it (Qt writes only documents).
QByteArray jsonText(const QJsonValue &value)
{
    const QByteArray array = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    return array.mid(1, array.size() - 2);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString text = QString::fromUtf8(csfuzz::bytes(data, size));
    DataEncoding encoding = DataEncoding::Absent;
    const QJsonValue decoded = decodeData(QJsonValue(text), &encoding);
    FUZZ_CHECK(encoding == DataEncoding::JsonString || encoding == DataEncoding::PlainString,
               "a string decodes as a JSON string or stays a plain string");
    if (encoding == DataEncoding::PlainString) {
        FUZZ_CHECK(decoded == QJsonValue(text), "a plain string is kept as it was");
    } else {
        DataEncoding again = DataEncoding::Absent;
        const QJsonValue reparsed = decodeData(QJsonValue(QString::fromUtf8(jsonText(decoded))), &again);
        FUZZ_CHECK(again == DataEncoding::JsonString, "written JSON of a decoded value is JSON again");
        // A decoded string is itself decoded once more by the second call (double encoding), so
        // only non-strings must come back unchanged.
        if (!decoded.isString())
            FUZZ_CHECK(reparsed == decoded, "decoded value does not round-trip");
    }
    if (!decoded.isString())
        FUZZ_CHECK(decodeData(decoded) == decoded, "decoding a decoded non-string changes it");

    // The same string as the data member of a frame, through both parsers.
    const QByteArray frame = "{\"event\":\"e\",\"data\":" + jsonText(QJsonValue(text)) + '}';
    const cs::Result<Frame> parsed = parseFrame(frame, DataDecoding::All);
    FUZZ_CHECK(parsed.ok(), "a frame with a string data member is accepted");
    FUZZ_CHECK(parsed->data == decoded, "data decoded inside a frame differs from the bare string");
    FUZZ_CHECK(parsed->encoding == encoding, "encoding inside a frame differs");
    const cs::Result<Frame> deferred = parseFrame(frame, DataDecoding::ProtocolOnly);
    FUZZ_CHECK(deferred.ok() && decodedData(*deferred) == decoded, "deferred data differs");
    return 0;
}
