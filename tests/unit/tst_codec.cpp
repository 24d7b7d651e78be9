// The Pusher wire codec: every message shape of docs/protocol.md, "Messages" (hosted and soketi), the
// pusher-js outbound shapes byte for byte, close-code actions ("Close actions"), and garbage that must be
// rejected without crashing.

#include "eventdata.h"
#include "protocol.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QTest>

#include <limits>

using namespace cs::protocol;

Q_DECLARE_METATYPE(cs::protocol::DataEncoding)
Q_DECLARE_METATYPE(cs::protocol::CloseAction)
Q_DECLARE_METATYPE(cs::protocol::EventClass)

namespace {

// Test-side JSON reader for expected values; a null text means "undefined".
QJsonValue json(const QByteArray &text)
{
    if (text.isNull())
        return QJsonValue(QJsonValue::Undefined);
    const QJsonDocument doc = QJsonDocument::fromJson('[' + text + ']');
    Q_ASSERT(doc.isArray() && doc.array().size() == 1);
    return doc.array().first();
}

// Why a result failed, for QVERIFY2 (which evaluates its message whatever the outcome).
template <typename T>
QByteArray why(const cs::Result<T> &result)
{
    return result ? QByteArray() : result.error().message.toUtf8();
}

// A frame the test knows to be valid.
Frame parse(const char *raw)
{
    const cs::Result<Frame> frame = parseFrame(QByteArray(raw));
    Q_ASSERT(frame.ok());
    return frame.value();
}

// The scanner for usual frames and QJsonDocument must give the same Frame, in both decodings.
void compareWithJsonDocument(const QByteArray &raw)
{
    for (const DataDecoding decoding : {DataDecoding::All, DataDecoding::ProtocolOnly}) {
        const cs::Result<Frame> fastResult = parseFrame(raw, decoding);
        const cs::Result<Frame> slowResult = parseFrameWithJsonDocument(raw, decoding);
        const QByteArray where = raw.left(200).toPercentEncoding(" {}[]\":,");
        QVERIFY2(fastResult.ok() == slowResult.ok(), where.constData());
        if (!fastResult) {
            QCOMPARE(fastResult.error().id(), slowResult.error().id());
            QCOMPARE(fastResult.error().message, slowResult.error().message);
            continue;
        }
        const Frame &fast = *fastResult;
        const Frame &slow = *slowResult;
        QVERIFY2(fast.event == slow.event && fast.channel == slow.channel && fast.userId == slow.userId
                     && fast.encoding == slow.encoding && fast.data == slow.data && fast.dataString == slow.dataString
                     && fast.dataString.isNull() == slow.dataString.isNull() && fast.dataDecoded == slow.dataDecoded
                     && fast.dataJson.isEmpty() == slow.dataJson.isEmpty(),
                 where.constData());
        QCOMPARE(decodedData(fast), parseFrame(raw)->data);
        // Data decoded on demand (simdjson unescapes the string) against QJsonDocument alone.
        if (slow.encoding == DataEncoding::JsonString)
            QCOMPARE(decodedData(fast), QJsonDocument::fromJson("[" + slow.dataString.toUtf8() + "]").array().first());
    }
}

// Every parse and decode helper on one input: none may crash, a rejection must say why.
void exerciseAll(const QByteArray &raw)
{
    const cs::Result<Frame> frame = parseFrame(raw);
    if (!frame) {
        QVERIFY2(!frame.error().message.isEmpty(), raw.left(200).constData());
        QCOMPARE(frame.error().id(), QStringLiteral("invalid-frame"));
    }
    compareWithJsonDocument(raw);
    if (frame) {
        parseHandshake(*frame);
        parseServerError(*frame);
        parseSubscriptionError(*frame);
        parsePresenceRoster(*frame);
        parseMemberChange(*frame);
    }
    decodeData(QJsonValue(QString::fromUtf8(raw)));
}

}  // namespace

class TestCodec : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void parseFrame_data();
    void parseFrame();
    void garbage_data();
    void garbage();
    void hugeFrames();
    void fuzz();
    void channelEventDataIsDecodedOnDemand();
    void handshake_data();
    void handshake();
    void eventClass_data();
    void eventClass();
    void serverError();
    void subscriptionError();
    void presenceRoster();
    void memberChange();
    void builders_data();
    void builders();
    void buildersRoundTrip();
    void clientEventData_data();
    void clientEventData();
    void closeAction_data();
    void closeAction();
    void describeCloseCodes();
};

void TestCodec::parseFrame_data()
{
    QTest::addColumn<QByteArray>("raw");
    QTest::addColumn<QString>("event");
    QTest::addColumn<QString>("channel");
    QTest::addColumn<QString>("userId");
    QTest::addColumn<DataEncoding>("encoding");
    QTest::addColumn<QByteArray>("data");  // expected decoded data as JSON; null = undefined

    const QString none;
    // docs/protocol.md, "Messages": connection
    QTest::newRow("connection_established hosted") << QByteArray(
        R"({"event":"pusher:connection_established","data":"{\"socket_id\":\"123.456\",\"activity_timeout\":120}"})")
                                                   << "pusher:connection_established" << none << none
                                                   << DataEncoding::JsonString
                                                   << QByteArray(R"({"socket_id":"123.456","activity_timeout":120})");
    QTest::newRow("connection_established soketi") << QByteArray(
        R"({"event":"pusher:connection_established","data":"{\"socket_id\":\"8517254131.2446318837\",\"activity_timeout\":30}"})")
                                                   << "pusher:connection_established" << none << none
                                                   << DataEncoding::JsonString
                                                   << QByteArray(
                                                          R"({"socket_id":"8517254131.2446318837","activity_timeout":30})");
    QTest::newRow("pusher:error object") << QByteArray(
        R"({"event":"pusher:error","data":{"code":4001,"message":"App key app-kye does not exist."}})")
                                         << "pusher:error" << none << none << DataEncoding::Object
                                         << QByteArray(R"({"code":4001,"message":"App key app-kye does not exist."})");
    QTest::newRow("pusher:error null code")
        << QByteArray(
               R"({"event":"pusher:error","data":{"code":null,"message":"Invalid signature: Expected HMAC SHA256 hex digest of 264774.13368624:private-phone-company-509, but got 52aa"}})")
        << "pusher:error" << none << none << DataEncoding::Object
        << QByteArray(
               R"({"code":null,"message":"Invalid signature: Expected HMAC SHA256 hex digest of 264774.13368624:private-phone-company-509, but got 52aa"})");
    QTest::newRow("pusher:error soketi client event")
        << QByteArray(
               R"({"event":"pusher:error","data":{"code":4301,"message":"The app does not have client messaging enabled.","channel":"private-a"}})")
        << "pusher:error" << none << none << DataEncoding::Object
        << QByteArray(
               R"({"code":4301,"message":"The app does not have client messaging enabled.","channel":"private-a"})");
    QTest::newRow("pusher:error string data")
        << QByteArray(R"({"event":"pusher:error","data":"{\"code\":4200,\"message\":\"Server is closing.\"}"})")
        << "pusher:error" << none << none << DataEncoding::JsonString
        << QByteArray(R"({"code":4200,"message":"Server is closing."})");
    QTest::newRow("ping pusher-js") << QByteArray(R"({"event":"pusher:ping","data":{}})") << "pusher:ping" << none
                                    << none << DataEncoding::Object << QByteArray("{}");
    QTest::newRow("ping server string") << QByteArray(R"({"event":"pusher:ping","data":"{}"})") << "pusher:ping" << none
                                        << none << DataEncoding::JsonString << QByteArray("{}");
    QTest::newRow("pong soketi object") << QByteArray(R"({"event":"pusher:pong","data":{}})") << "pusher:pong" << none
                                        << none << DataEncoding::Object << QByteArray("{}");
    QTest::newRow("pong hosted string") << QByteArray(R"({"event":"pusher:pong","data":"{}"})") << "pusher:pong" << none
                                        << none << DataEncoding::JsonString << QByteArray("{}");
    QTest::newRow("signin") << QByteArray(
        R"({"event":"pusher:signin","data":{"auth":"key:abc","user_data":"{\"id\":\"1\"}"}})")
                            << "pusher:signin" << none << none << DataEncoding::Object
                            << QByteArray(R"({"auth":"key:abc","user_data":"{\"id\":\"1\"}"})");
    QTest::newRow("signin_success docs") << QByteArray(
        R"({"event":"pusher:signin_success","data":{"user_data":"{\"id\":\"1\"}"}})")
                                         << "pusher:signin_success" << none << none << DataEncoding::Object
                                         << QByteArray(R"({"user_data":"{\"id\":\"1\"}"})");
    QTest::newRow("signin_success soketi echo")
        << QByteArray(R"({"event":"pusher:signin_success","data":{"auth":"key:abc","user_data":"{\"id\":\"1\"}"}})")
        << "pusher:signin_success" << none << none << DataEncoding::Object
        << QByteArray(R"({"auth":"key:abc","user_data":"{\"id\":\"1\"}"})");
    QTest::newRow("watchlist_events") << QByteArray(
        R"({"event":"pusher_internal:watchlist_events","data":"{\"events\":[{\"name\":\"online\",\"user_ids\":[\"1\"]}]}"})")
                                      << "pusher_internal:watchlist_events" << none << none << DataEncoding::JsonString
                                      << QByteArray(R"({"events":[{"name":"online","user_ids":["1"]}]})");
    // docs/protocol.md, "Messages": subscriptions
    QTest::newRow("subscribe public") << QByteArray(
        R"({"event":"pusher:subscribe","data":{"auth":"","channel":"public-x"}})")
                                      << "pusher:subscribe" << none << none << DataEncoding::Object
                                      << QByteArray(R"({"auth":"","channel":"public-x"})");
    QTest::newRow("subscribe presence")
        << QByteArray(
               R"({"event":"pusher:subscribe","data":{"auth":"k:s","channel_data":"{\"user_id\":\"1\"}","channel":"presence-x"}})")
        << "pusher:subscribe" << none << none << DataEncoding::Object
        << QByteArray(R"({"auth":"k:s","channel_data":"{\"user_id\":\"1\"}","channel":"presence-x"})");
    QTest::newRow("unsubscribe") << QByteArray(R"({"event":"pusher:unsubscribe","data":{"channel":"a"}})")
                                 << "pusher:unsubscribe" << none << none << DataEncoding::Object
                                 << QByteArray(R"({"channel":"a"})");
    QTest::newRow("subscription_succeeded hosted")
        << QByteArray(R"({"event":"pusher_internal:subscription_succeeded","channel":"private-a","data":"{}"})")
        << "pusher_internal:subscription_succeeded"
        << "private-a" << none << DataEncoding::JsonString << QByteArray("{}");
    QTest::newRow("subscription_succeeded soketi no data")
        << QByteArray(R"({"event":"pusher_internal:subscription_succeeded","channel":"public-a"})")
        << "pusher_internal:subscription_succeeded"
        << "public-a" << none << DataEncoding::Absent << QByteArray();
    QTest::newRow("subscription_succeeded presence")
        << QByteArray(
               R"({"event":"pusher_internal:subscription_succeeded","channel":"presence-a","data":"{\"presence\":{\"ids\":[\"1\",\"2\"],\"hash\":{\"1\":{\"n\":\"a\"},\"2\":null},\"count\":2}}"})")
        << "pusher_internal:subscription_succeeded"
        << "presence-a" << none << DataEncoding::JsonString
        << QByteArray(R"({"presence":{"ids":["1","2"],"hash":{"1":{"n":"a"},"2":null},"count":2}})");
    QTest::newRow("subscription_error soketi")
        << QByteArray(
               R"({"event":"pusher:subscription_error","channel":"private-a","data":{"type":"AuthError","error":"The connection is unauthorized.","status":401}})")
        << "pusher:subscription_error"
        << "private-a" << none << DataEncoding::Object
        << QByteArray(R"({"type":"AuthError","error":"The connection is unauthorized.","status":401})");
    QTest::newRow("subscription_error no type") << QByteArray(
        R"({"event":"pusher:subscription_error","channel":"bad name","data":{"error":"bad name","status":4009}})")
                                                << "pusher:subscription_error"
                                                << "bad name" << none << DataEncoding::Object
                                                << QByteArray(R"({"error":"bad name","status":4009})");
    QTest::newRow("member_added") << QByteArray(
        R"({"event":"pusher_internal:member_added","channel":"presence-a","data":"{\"user_id\":\"7\",\"user_info\":{\"name\":\"Ann\"}}"})")
                                  << "pusher_internal:member_added"
                                  << "presence-a" << none << DataEncoding::JsonString
                                  << QByteArray(R"({"user_id":"7","user_info":{"name":"Ann"}})");
    QTest::newRow("member_added numeric user_id")
        << QByteArray(R"({"event":"pusher_internal:member_added","channel":"presence-a","data":"{\"user_id\":7}"})")
        << "pusher_internal:member_added"
        << "presence-a" << none << DataEncoding::JsonString << QByteArray(R"({"user_id":7})");
    QTest::newRow("member_removed") << QByteArray(
        R"({"event":"pusher_internal:member_removed","channel":"presence-a","data":"{\"user_id\":\"7\"}"})")
                                    << "pusher_internal:member_removed"
                                    << "presence-a" << none << DataEncoding::JsonString
                                    << QByteArray(R"({"user_id":"7"})");
    QTest::newRow("subscription_count") << QByteArray(
        R"({"event":"pusher_internal:subscription_count","channel":"a","data":"{\"subscription_count\":101}"})")
                                        << "pusher_internal:subscription_count"
                                        << "a" << none << DataEncoding::JsonString
                                        << QByteArray(R"({"subscription_count":101})");
    QTest::newRow("cache_miss no data") << QByteArray(R"({"event":"pusher:cache_miss","channel":"cache-a"})")
                                        << "pusher:cache_miss"
                                        << "cache-a" << none << DataEncoding::Absent << QByteArray();
    // docs/protocol.md, "Messages": channel and client events
    QTest::newRow("event json string") << QByteArray(
        R"({"event":"my-event","channel":"a","data":"{\"message\":\"hello\"}"})")
                                       << "my-event"
                                       << "a" << none << DataEncoding::JsonString
                                       << QByteArray(R"({"message":"hello"})");
    QTest::newRow("event plain string") << QByteArray(R"({"event":"e","channel":"a","data":"hello world"})") << "e"
                                        << "a" << none << DataEncoding::PlainString << QByteArray(R"("hello world")");
    QTest::newRow("event string looks half json")
        << QByteArray(R"({"event":"e","channel":"a","data":"{\"a\":"})") << "e"
        << "a" << none << DataEncoding::PlainString << QByteArray(R"("{\"a\":")");
    QTest::newRow("event empty string") << QByteArray(R"({"event":"e","channel":"a","data":""})") << "e"
                                        << "a" << none << DataEncoding::PlainString << QByteArray(R"("")");
    QTest::newRow("event string number") << QByteArray(R"({"event":"e","channel":"a","data":"123"})") << "e"
                                         << "a" << none << DataEncoding::JsonString << QByteArray("123");
    QTest::newRow("event string true") << QByteArray(R"({"event":"e","channel":"a","data":"true"})") << "e"
                                       << "a" << none << DataEncoding::JsonString << QByteArray("true");
    QTest::newRow("event string null") << QByteArray(R"({"event":"e","channel":"a","data":"null"})") << "e"
                                       << "a" << none << DataEncoding::JsonString << QByteArray("null");
    QTest::newRow("event string quoted") << QByteArray(R"({"event":"e","channel":"a","data":"\"x\""})") << "e"
                                         << "a" << none << DataEncoding::JsonString << QByteArray(R"("x")");
    QTest::newRow("event string padded json") << QByteArray(R"({"event":"e","channel":"a","data":" [1, 2] \n"})") << "e"
                                              << "a" << none << DataEncoding::JsonString << QByteArray("[1,2]");
    QTest::newRow("event string two values") << QByteArray(R"({"event":"e","channel":"a","data":"1,2"})") << "e"
                                             << "a" << none << DataEncoding::PlainString << QByteArray(R"("1,2")");
    QTest::newRow("event string lax number") << QByteArray(R"({"event":"e","channel":"a","data":".5"})") << "e"
                                             << "a" << none << DataEncoding::PlainString << QByteArray(R"(".5")");
    QTest::newRow("event string lax escape") << QByteArray(R"({"event":"e","channel":"a","data":"\"\\q\""})") << "e"
                                             << "a" << none << DataEncoding::PlainString << QByteArray(R"("\"\\q\"")");
    QTest::newRow("event string valid escapes")
        << QByteArray(R"({"event":"e","channel":"a","data":"\"\\/\\u0041\\n\""})") << "e"
        << "a" << none << DataEncoding::JsonString << QByteArray(R"("/A\n")");
    QTest::newRow("event string bracket trick") << QByteArray(R"({"event":"e","channel":"a","data":"1],[2"})") << "e"
                                                << "a" << none << DataEncoding::PlainString << QByteArray(R"("1],[2")");
    // JSON.parse of a double-encoded string yields a string, not the object inside it.
    QTest::newRow("event double encoded")
        << QByteArray(R"({"event":"e","channel":"a","data":"\"{\\\"a\\\":1}\""})") << "e"
        << "a" << none << DataEncoding::JsonString << QByteArray(R"("{\"a\":1}")");
    QTest::newRow("data number") << QByteArray(R"({"event":"e","data":42})") << "e" << none << none
                                 << DataEncoding::Other << QByteArray("42");
    QTest::newRow("data null") << QByteArray(R"({"event":"e","data":null})") << "e" << none << none
                               << DataEncoding::Other << QByteArray("null");
    QTest::newRow("data bool") << QByteArray(R"({"event":"e","data":false})") << "e" << none << none
                               << DataEncoding::Other << QByteArray("false");
    QTest::newRow("data array") << QByteArray(R"({"event":"e","data":[1,"a"]})") << "e" << none << none
                                << DataEncoding::Object << QByteArray(R"([1,"a"])");
    QTest::newRow("client event presence user_id")
        << QByteArray(R"({"event":"client-typing","channel":"presence-a","data":{"typing":true},"user_id":"42"})")
        << "client-typing"
        << "presence-a"
        << "42" << DataEncoding::Object << QByteArray(R"({"typing":true})");
    QTest::newRow("client event numeric user_id")
        << QByteArray(R"({"event":"client-typing","channel":"presence-a","data":"{}","user_id":42})") << "client-typing"
        << "presence-a"
        << "42" << DataEncoding::JsonString << QByteArray("{}");
    QTest::newRow("client event float user_id")
        << QByteArray(R"({"event":"client-x","channel":"presence-a","data":"{}","user_id":4.5})") << "client-x"
        << "presence-a"
        << "4.5" << DataEncoding::JsonString << QByteArray("{}");
    QTest::newRow("client event integral double user_id")
        << QByteArray(R"({"event":"client-x","channel":"presence-a","user_id":7.0})") << "client-x"
        << "presence-a"
        << "7" << DataEncoding::Absent << QByteArray();
    QTest::newRow("encrypted event") << QByteArray(
        R"({"event":"secret","channel":"private-encrypted-a","data":"{\"nonce\":\"AAAA\",\"ciphertext\":\"BBBB\"}"})")
                                     << "secret"
                                     << "private-encrypted-a" << none << DataEncoding::JsonString
                                     << QByteArray(R"({"nonce":"AAAA","ciphertext":"BBBB"})");
    QTest::newRow("unicode and whitespace")
        << QByteArray("  {\"event\" : \"caf\xc3\xa9\", \"channel\":\"a\", \"data\":\"\\u00e9\\ud83d\\ude00\"}\n")
        << QString::fromUtf8("caf\xc3\xa9") << "a" << none << DataEncoding::PlainString
        << QByteArray("\"\xc3\xa9\xf0\x9f\x98\x80\"");
    QTest::newRow("extra members ignored") << QByteArray(R"({"event":"e","foo":[1],"data":"1"})") << "e" << none << none
                                           << DataEncoding::JsonString << QByteArray("1");
}

void TestCodec::parseFrame()
{
    QFETCH(QByteArray, raw);
    QFETCH(QString, event);
    QFETCH(QString, channel);
    QFETCH(QString, userId);
    QFETCH(DataEncoding, encoding);
    QFETCH(QByteArray, data);

    const cs::Result<Frame> parsed = cs::protocol::parseFrame(raw);
    QVERIFY2(parsed, why(parsed).constData());
    const Frame &frame = *parsed;
    compareWithJsonDocument(raw);
    QCOMPARE(frame.event, event);
    QCOMPARE(frame.channel, channel);
    QCOMPARE(frame.userId, userId);
    QCOMPARE(frame.encoding, encoding);
    QCOMPARE(frame.data, json(data));
    const bool stringData = encoding == DataEncoding::JsonString || encoding == DataEncoding::PlainString;
    QCOMPARE(frame.dataString.isNull(), !stringData);
    if (encoding == DataEncoding::PlainString)
        QCOMPARE(frame.dataString, frame.data.toString());
}

void TestCodec::garbage_data()
{
    QTest::addColumn<QByteArray>("raw");
    QTest::newRow("null bytearray") << QByteArray();
    QTest::newRow("empty") << QByteArray("");
    QTest::newRow("whitespace") << QByteArray(" \r\n\t ");
    QTest::newRow("not json") << QByteArray("hello");
    QTest::newRow("truncated") << QByteArray(R"({"event":"pusher:ping","data":{)");
    QTest::newRow("trailing garbage") << QByteArray(R"({"event":"e"} x)");
    QTest::newRow("two objects") << QByteArray(R"({"event":"e"}{"event":"f"})");
    QTest::newRow("array") << QByteArray(R"([{"event":"e"}])");
    QTest::newRow("empty array") << QByteArray("[]");
    QTest::newRow("number") << QByteArray("123");
    QTest::newRow("string") << QByteArray(R"("pusher:ping")");
    QTest::newRow("null") << QByteArray("null");
    QTest::newRow("true") << QByteArray("true");
    QTest::newRow("empty object") << QByteArray("{}");
    QTest::newRow("no event") << QByteArray(R"({"channel":"a","data":"{}"})");
    QTest::newRow("event number") << QByteArray(R"({"event":1})");
    QTest::newRow("event null") << QByteArray(R"({"event":null})");
    QTest::newRow("event object") << QByteArray(R"({"event":{"name":"e"}})");
    QTest::newRow("event array") << QByteArray(R"({"event":["e"]})");
    QTest::newRow("event empty") << QByteArray(R"({"event":""})");
    QTest::newRow("channel number") << QByteArray(R"({"event":"e","channel":5})");
    QTest::newRow("channel null") << QByteArray(R"({"event":"e","channel":null})");
    QTest::newRow("channel object") << QByteArray(R"({"event":"e","channel":{}})");
    QTest::newRow("channel bool") << QByteArray(R"({"event":"e","channel":true})");
    QTest::newRow("user_id bool") << QByteArray(R"({"event":"e","user_id":true})");
    QTest::newRow("user_id object") << QByteArray(R"({"event":"e","user_id":{"id":1}})");
    QTest::newRow("user_id null") << QByteArray(R"({"event":"e","user_id":null})");
    QTest::newRow("invalid utf-8") << QByteArray("{\"event\":\"a\xff\xfe\"}");
    QTest::newRow("truncated utf-8") << QByteArray("{\"event\":\"a\xc3\"}");
    QTest::newRow("utf-8 surrogate") << QByteArray("{\"event\":\"\xed\xa0\x80\"}");
    QTest::newRow("latin-1 bytes") << QByteArray("{\"event\":\"caf\xe9\"}");
    QTest::newRow("nul byte") << QByteArray("{\"event\":\"e\"\0}", 14);
    QTest::newRow("single quotes") << QByteArray("{'event':'e'}");
    QTest::newRow("trailing comma") << QByteArray(R"({"event":"e",})");
    // Qt's parser accepts these; JSON.parse does not.
    QTest::newRow("bad escape") << QByteArray(R"({"event":"\q"})");
    QTest::newRow("bad escape U") << QByteArray(R"({"event":"e","data":"\U0041"})");
    QTest::newRow("raw tab in string") << QByteArray("{\"event\":\"a\tb\"}");
    QTest::newRow("raw newline in string") << QByteArray("{\"event\":\"e\",\"data\":\"a\nb\"}");
    QTest::newRow("leading dot number") << QByteArray(R"({"event":"e","data":.5})");
    QTest::newRow("trailing dot number") << QByteArray(R"({"event":"e","data":1.})");
    QTest::newRow("huge number") << QByteArray(R"({"event":"e","data":1e400})");
    QTest::newRow("deep nesting") << QByteArray(R"({"event":"e","data":)") + QByteArray(100000, '[')
                                         + QByteArray(100000, ']') + '}';
    QTest::newRow("binary") << QByteArray("\x00\x01\x02\x03\xff", 5);
}

void TestCodec::garbage()
{
    QFETCH(QByteArray, raw);
    const cs::Result<Frame> frame = cs::protocol::parseFrame(raw);
    QVERIFY(!frame);
    QCOMPARE(frame.error().id(), QStringLiteral("invalid-frame"));
    QVERIFY(!frame.error().message.isEmpty());
    compareWithJsonDocument(raw);
}

void TestCodec::hugeFrames()
{
    // 8 MB of data as a JSON string, and the same size of garbage.
    const QByteArray payload(8 * 1024 * 1024, 'x');
    const QByteArray jsonPayload = "[\"" + payload + "\"]";
    cs::Result<Frame> frame = cs::protocol::parseFrame(R"({"event":"big","data":")" + payload + R"("})");
    QVERIFY(frame);
    QCOMPARE(frame->encoding, DataEncoding::PlainString);
    QCOMPARE(frame->data.toString().size(), payload.size());

    QByteArray escaped = QJsonDocument(QJsonArray{QString::fromLatin1(jsonPayload)}).toJson(QJsonDocument::Compact);
    escaped = escaped.mid(1, escaped.size() - 2);
    frame = cs::protocol::parseFrame(R"({"event":"big","data":)" + escaped + "}");
    QVERIFY(frame);
    QCOMPARE(frame->encoding, DataEncoding::JsonString);
    QVERIFY(frame->data.isArray());

    frame = cs::protocol::parseFrame("{\"event\":\"big\",\"data\":\"" + payload);
    QVERIFY(!frame);
    QVERIFY(!frame.error().message.isEmpty());
}

void TestCodec::channelEventDataIsDecodedOnDemand()
{
    const QByteArray event = R"({"event":"order-updated","channel":"private-orders","data":"{\"id\":7}"})";
    const cs::Result<Frame> parsed = cs::protocol::parseFrame(event, DataDecoding::ProtocolOnly);
    QVERIFY(parsed);
    const Frame &deferred = *parsed;
    QVERIFY(!deferred.dataDecoded);
    QCOMPARE(deferred.dataJson, QByteArray(R"("{\"id\":7}")"));  // as sent
    QVERIFY(deferred.dataString.isNull());
    QCOMPARE(decodedData(deferred), QJsonValue(QJsonObject{{QStringLiteral("id"), 7}}));
    // The handle consumers get gives the same value, as sent, a plain string or decoded at once.
    QCOMPARE(cs::EventData::fromFrame(deferred).value(), decodedData(deferred));
    const cs::Result<Frame> plain =
        cs::protocol::parseFrame(R"({"event":"e","channel":"c","data":"not json"})", DataDecoding::ProtocolOnly);
    QVERIFY(plain);
    QCOMPARE(cs::EventData::fromFrame(*plain).value(), QJsonValue(QStringLiteral("not json")));
    const cs::Result<Frame> eager = cs::protocol::parseFrame(event, DataDecoding::All);
    QVERIFY(eager && eager->dataDecoded);
    QCOMPARE(cs::EventData::fromFrame(*eager).value(), decodedData(deferred));
    QCOMPARE(cs::EventData(QJsonValue(3)).value(), QJsonValue(3));

    // What the connection and the channels act on is always decoded.
    for (
        const QByteArray &raw :
        {QByteArray(
             R"({"event":"pusher:connection_established","data":"{\"socket_id\":\"1.2\",\"activity_timeout\":30}"})"),
         QByteArray(R"({"event":"pusher_internal:member_added","channel":"presence-a","data":"{\"user_id\":\"7\"}"})"),
         QByteArray(
             R"({"event":"secret","channel":"private-encrypted-a","data":"{\"nonce\":\"n\",\"ciphertext\":\"c\"}"})")}) {
        const cs::Result<Frame> frame = cs::protocol::parseFrame(raw, DataDecoding::ProtocolOnly);
        QVERIFY2(frame && frame->dataDecoded && frame->data.isObject(), raw.constData());
    }
}

void TestCodec::fuzz()
{
    // Fixed seeds: a failure reproduces. Random bytes, JSON-ish token soup, and mutations of
    // valid frames; the only assertion is "no crash, and a rejection has a reason".
    QRandomGenerator rng(20261127);
    const QList<QByteArray> tokens{"{",
                                   "}",
                                   "[",
                                   "]",
                                   ",",
                                   ":",
                                   "\"",
                                   "\\",
                                   "\"event\"",
                                   "\"data\"",
                                   "\"channel\"",
                                   "\"user_id\"",
                                   "\"pusher:ping\"",
                                   "null",
                                   "true",
                                   "1",
                                   "-0.5e3",
                                   "\"{\\\"a\\\":1}\"",
                                   " ",
                                   "\xff",
                                   "\xc3",
                                   "\\u0000",
                                   "\\ud800"};
    const QList<QByteArray> seeds{
        R"({"event":"pusher:connection_established","data":"{\"socket_id\":\"1.2\",\"activity_timeout\":120}"})",
        R"({"event":"pusher:error","data":{"code":null,"message":"x"}})",
        R"({"event":"pusher_internal:subscription_succeeded","channel":"presence-a","data":"{\"presence\":{\"hash\":{\"1\":{}},\"count\":1}}"})",
        R"({"event":"pusher_internal:member_added","channel":"presence-a","data":"{\"user_id\":7,\"user_info\":{}}"})",
        R"({"event":"pusher:subscription_error","channel":"private-a","data":{"type":"AuthError","error":"e","status":401}})",
        R"({"event":"client-x","channel":"presence-a","data":{"a":[1,2,{"b":null}]},"user_id":"42"})",
        // The usual shape, read by the scanner: escapes of every kind in the data string.
        R"({"event":"order-updated","channel":"private-orders","data":"{\"id\":7,\"note\":\"a\\nb \\u00e9\\\"q\\\"\",\"t\":\"\\/\"}"})",
        R"( { "channel" : "presence-a" , "user_id" : "u\u0031", "event" : "client-typing", "data" : "plain text" } )",
    };
    for (int i = 0; i < 8000; ++i) {
        QByteArray bytes(int(rng.bounded(64)), Qt::Uninitialized);
        for (char &c : bytes)
            c = char(rng.bounded(256));
        exerciseAll(bytes);
        QByteArray soup;
        for (int n = int(rng.bounded(24)); n > 0; --n)
            soup += tokens.at(int(rng.bounded(tokens.size())));
        exerciseAll(soup);
    }
    for (int i = 0; i < 12000; ++i) {
        QByteArray frame = seeds.at(int(rng.bounded(seeds.size())));
        for (int n = 1 + int(rng.bounded(4)); n > 0; --n) {
            const int pos = int(rng.bounded(frame.size() + 1));
            switch (rng.bounded(4)) {
            case 0: frame.insert(pos, tokens.at(int(rng.bounded(tokens.size())))); break;
            case 1: frame.remove(pos, 1 + int(rng.bounded(8))); break;
            case 2:
                if (pos < frame.size())
                    frame[pos] = char(rng.bounded(256));
                break;
            default: frame.truncate(pos); break;
            }
        }
        exerciseAll(frame);
        if (QTest::currentTestFailed())
            return;
    }
}

void TestCodec::handshake_data()
{
    // The rules pusher-js applies, in one place for the Connection and the socket's reader.
    QTest::addColumn<QByteArray>("raw");
    QTest::addColumn<QString>("socketId");
    QTest::addColumn<int>("timeout");
    QTest::addColumn<QString>("error");  // the start of the message; empty: accepted
    const QString noTimeout = QStringLiteral("invalid handshake: no activity_timeout in pusher:connection_established");
    const QString noSocketId = QStringLiteral("invalid handshake: no valid socket_id in pusher:connection_established");
    QTest::newRow("hosted") << QByteArray(
        R"({"event":"pusher:connection_established","data":"{\"socket_id\":\"123.456\",\"activity_timeout\":120}"})")
                            << "123.456" << 120 << QString();
    QTest::newRow("soketi") << QByteArray(
        R"({"event":"pusher:connection_established","data":"{\"socket_id\":\"1.2\",\"activity_timeout\":30}"})")
                            << "1.2" << 30 << QString();
    QTest::newRow("object data") << QByteArray(
        R"({"event":"pusher:connection_established","data":{"socket_id":"1.2","activity_timeout":30}})")
                                 << "1.2" << 30 << QString();
    QTest::newRow("timeout as text") << QByteArray(
        R"({"event":"pusher:connection_established","data":{"socket_id":"1.2","activity_timeout":"60"}})")
                                     << "1.2" << 60 << QString();
    QTest::newRow("huge timeout is clamped")
        << QByteArray(R"({"event":"pusher:connection_established","data":{"socket_id":"1.2","activity_timeout":1e15}})")
        << "1.2" << std::numeric_limits<int>::max() << QString();
    QTest::newRow("no timeout") << QByteArray(
        R"({"event":"pusher:connection_established","data":"{\"socket_id\":\"1.2\"}"})")
                                << QString() << 0 << noTimeout;
    QTest::newRow("zero timeout") << QByteArray(
        R"({"event":"pusher:connection_established","data":{"socket_id":"1.2","activity_timeout":0}})")
                                  << QString() << 0 << noTimeout;
    QTest::newRow("negative timeout") << QByteArray(
        R"({"event":"pusher:connection_established","data":{"socket_id":"1.2","activity_timeout":-5}})")
                                      << QString() << 0 << noTimeout;
    QTest::newRow("fractional timeout") << QByteArray(
        R"({"event":"pusher:connection_established","data":{"socket_id":"1.2","activity_timeout":1.5}})")
                                        << QString() << 0 << noTimeout;
    QTest::newRow("bogus timeout") << QByteArray(
        R"({"event":"pusher:connection_established","data":{"socket_id":"1.2","activity_timeout":"soon"}})")
                                   << QString() << 0 << noTimeout;
    QTest::newRow("object timeout") << QByteArray(
        R"({"event":"pusher:connection_established","data":{"socket_id":"1.2","activity_timeout":{}}})")
                                    << QString() << 0 << noTimeout;
    QTest::newRow("no socket id") << QByteArray(
        R"({"event":"pusher:connection_established","data":{"activity_timeout":30}})")
                                  << QString() << 0 << noSocketId;
    QTest::newRow("malformed socket id") << QByteArray(
        R"({"event":"pusher:connection_established","data":{"socket_id":"abc","activity_timeout":30}})")
                                         << QString() << 0 << noSocketId;
    QTest::newRow("plain string data") << QByteArray(R"({"event":"pusher:connection_established","data":"hi"})")
                                       << QString() << 0 << noSocketId;
    QTest::newRow("no data") << QByteArray(R"({"event":"pusher:connection_established"})") << QString() << 0
                             << noSocketId;
    QTest::newRow("other event")
        << QByteArray(R"({"event":"pusher:pong","data":{"socket_id":"1.2","activity_timeout":30}})") << QString() << 0
        << QStringLiteral(
               "invalid handshake: the first message was \"pusher:pong\", not pusher:connection_established");
}

void TestCodec::handshake()
{
    QFETCH(QByteArray, raw);
    QFETCH(QString, socketId);
    QFETCH(int, timeout);
    QFETCH(QString, error);
    const cs::Result<Handshake> hs = parseHandshake(parse(raw.constData()));
    if (!error.isEmpty()) {
        QVERIFY(!hs);
        QCOMPARE(hs.error().id(), QStringLiteral("handshake"));
        QVERIFY2(hs.error().message.startsWith(error), qPrintable(hs.error().message));
        return;
    }
    QVERIFY2(hs, why(hs).constData());
    QCOMPARE(hs->socketId, socketId);
    QCOMPARE(hs->activityTimeoutSeconds, timeout);
}

void TestCodec::eventClass_data()
{
    // docs/protocol.md, "Messages": the topic each event name belongs to.
    QTest::addColumn<QString>("event");
    QTest::addColumn<EventClass>("expected");
    QTest::newRow("handshake") << "pusher:connection_established" << EventClass::Connection;
    QTest::newRow("ping") << "pusher:ping" << EventClass::Connection;
    QTest::newRow("pong") << "pusher:pong" << EventClass::Connection;
    QTest::newRow("error") << "pusher:error" << EventClass::Error;
    QTest::newRow("subscribe") << "pusher:subscribe" << EventClass::Subscription;
    QTest::newRow("unsubscribe") << "pusher:unsubscribe" << EventClass::Subscription;
    QTest::newRow("succeeded internal") << "pusher_internal:subscription_succeeded" << EventClass::Subscription;
    QTest::newRow("succeeded") << "pusher:subscription_succeeded" << EventClass::Subscription;
    QTest::newRow("subscription error") << "pusher:subscription_error" << EventClass::Subscription;
    QTest::newRow("cache miss") << "pusher:cache_miss" << EventClass::Subscription;
    QTest::newRow("member added") << "pusher_internal:member_added" << EventClass::Presence;
    QTest::newRow("member removed") << "pusher_internal:member_removed" << EventClass::Presence;
    QTest::newRow("signin") << "pusher:signin" << EventClass::Signin;
    QTest::newRow("signin success") << "pusher:signin_success" << EventClass::Signin;
    QTest::newRow("client event") << "client-typing" << EventClass::ClientEvent;
    QTest::newRow("channel event") << "order-updated" << EventClass::ChannelEvent;
    QTest::newRow("unknown pusher event") << "pusher:something_new" << EventClass::ChannelEvent;
    QTest::newRow("client without dash") << "clientx" << EventClass::ChannelEvent;
}

void TestCodec::eventClass()
{
    QFETCH(QString, event);
    QFETCH(EventClass, expected);
    QCOMPARE(classifyEvent(event), expected);
}

void TestCodec::serverError()
{
    ServerError e = parseServerError(
        parse(R"({"event":"pusher:error","data":{"code":4001,"message":"App key x does not exist."}})"));
    QCOMPARE(e.code, std::optional<int>(4001));
    QCOMPARE(e.message, QStringLiteral("App key x does not exist."));
    QVERIFY(e.channel.isEmpty());

    e = parseServerError(parse(R"({"event":"pusher:error","data":{"code":null,"message":"Invalid signature"}})"));
    QVERIFY(!e.code);
    QCOMPARE(e.message, QStringLiteral("Invalid signature"));

    e = parseServerError(parse(R"({"event":"pusher:error","data":{"message":"Unsupported event received"}})"));
    QVERIFY(!e.code);

    e = parseServerError(parse(R"({"event":"pusher:error","data":{"code":4301,"message":"m","channel":"private-a"}})"));
    QCOMPARE(e.code, std::optional<int>(4301));
    QCOMPARE(e.channel, QStringLiteral("private-a"));

    e = parseServerError(
        parse(R"({"event":"pusher:error","data":"{\"code\":4200,\"message\":\"Server is closing.\"}"})"));
    QCOMPARE(e.code, std::optional<int>(4200));
    QCOMPARE(e.message, QStringLiteral("Server is closing."));

    e = parseServerError(parse(R"({"event":"pusher:error","data":"Received invalid JSON"})"));
    QVERIFY(!e.code);
    QCOMPARE(e.message, QStringLiteral("Received invalid JSON"));

    e = parseServerError(parse(R"({"event":"pusher:error","data":{"code":"x","message":5}})"));
    QVERIFY(!e.code);
    QVERIFY(e.message.isEmpty());

    // The error inside a subscription_error reads as code/message too.
    e = parseServerError(parse(
        R"({"event":"pusher:subscription_error","channel":"private-a","data":{"type":"AuthError","error":"unauthorized","status":401}})"));
    QCOMPARE(e.code, std::optional<int>(401));
    QCOMPARE(e.message, QStringLiteral("unauthorized"));
    QCOMPARE(e.channel, QStringLiteral("private-a"));

    e = parseServerError(parse(R"({"event":"pusher:error"})"));
    QVERIFY(!e.code);
    QVERIFY(e.message.isEmpty());
}

void TestCodec::subscriptionError()
{
    SubscriptionError e = parseSubscriptionError(parse(
        R"({"event":"pusher:subscription_error","channel":"private-a","data":{"type":"AuthError","error":"The connection is unauthorized.","status":401}})"));
    QCOMPARE(e.type, QStringLiteral("AuthError"));
    QCOMPARE(e.error, QStringLiteral("The connection is unauthorized."));
    QCOMPARE(e.status, 401);

    e = parseSubscriptionError(parse(R"({"event":"pusher:subscription_error","channel":"x","data":{"status":4009}})"));
    QVERIFY(e.type.isEmpty());
    QVERIFY(e.error.isEmpty());
    QCOMPARE(e.status, 4009);

    e = parseSubscriptionError(parse(
        R"({"event":"pusher:subscription_error","channel":"presence-a","data":"{\"type\":\"LimitReached\",\"status\":4100}"})"));
    QCOMPARE(e.type, QStringLiteral("LimitReached"));
    QCOMPARE(e.status, 4100);

    e = parseSubscriptionError(parse(R"({"event":"pusher:subscription_error","channel":"a"})"));
    QCOMPARE(e.status, 0);
}

void TestCodec::presenceRoster()
{
    auto roster = parsePresenceRoster(parse(
        R"({"event":"pusher_internal:subscription_succeeded","channel":"presence-a","data":"{\"presence\":{\"ids\":[\"1\",\"2\"],\"hash\":{\"1\":{\"name\":\"a\"},\"2\":null},\"count\":2}}"})"));
    QVERIFY(roster);
    QCOMPARE(roster->count, 2);
    QCOMPARE(roster->hash.size(), 2);
    QCOMPARE(roster->hash.value(QStringLiteral("1")).toObject().value(QStringLiteral("name")).toString(),
             QStringLiteral("a"));

    roster = parsePresenceRoster(parse(
        R"({"event":"pusher_internal:subscription_succeeded","channel":"presence-a","data":{"presence":{"hash":{"1":{},"2":{},"3":{}}}}})"));
    QVERIFY(roster);
    QCOMPARE(roster->count, 3);

    QVERIFY(!parsePresenceRoster(
        parse(R"({"event":"pusher_internal:subscription_succeeded","channel":"private-a","data":"{}"})")));
    QVERIFY(!parsePresenceRoster(parse(R"({"event":"pusher_internal:subscription_succeeded","channel":"private-a"})")));
    QVERIFY(!parsePresenceRoster(parse(R"({"event":"e","data":{"presence":[1]}})")));
}

void TestCodec::memberChange()
{
    auto change = parseMemberChange(parse(
        R"({"event":"pusher_internal:member_added","channel":"presence-a","data":"{\"user_id\":\"7\",\"user_info\":{\"name\":\"Ann\"}}"})"));
    QVERIFY(change);
    QCOMPARE(change->userId, QStringLiteral("7"));
    QCOMPARE(change->userInfo, json(R"({"name":"Ann"})"));

    change = parseMemberChange(
        parse(R"({"event":"pusher_internal:member_added","channel":"presence-a","data":"{\"user_id\":12345678901}"})"));
    QVERIFY(change);
    QCOMPARE(change->userId, QStringLiteral("12345678901"));
    QVERIFY(change->userInfo.isUndefined());

    change = parseMemberChange(
        parse(R"({"event":"pusher_internal:member_removed","channel":"presence-a","data":{"user_id":3.0}})"));
    QVERIFY(change);
    QCOMPARE(change->userId, QStringLiteral("3"));

    QVERIFY(
        !parseMemberChange(parse(R"({"event":"pusher_internal:member_added","channel":"presence-a","data":"{}"})")));
    QVERIFY(!parseMemberChange(
        parse(R"({"event":"pusher_internal:member_added","channel":"presence-a","data":{"user_id":null}})")));
    QVERIFY(!parseMemberChange(parse(R"({"event":"pusher_internal:member_added","channel":"presence-a"})")));
}

void TestCodec::builders_data()
{
    QTest::addColumn<QByteArray>("built");
    QTest::addColumn<QByteArray>("expected");
    // pusher-js: Channel.subscribe sends {auth, channel_data, channel}; JSON.stringify drops
    // the undefined channel_data. Connection.send_event writes {event, data} then channel.
    QTest::newRow("subscribe public") << buildSubscribe(QStringLiteral(
        "public-x")) << QByteArray(R"({"event":"pusher:subscribe","data":{"auth":"","channel":"public-x"}})");
    QTest::newRow("subscribe private")
        << buildSubscribe(QStringLiteral("private-y"),
                          "278d425bdf160c739803:58df8b0c36d6982b82c3ecf6b4662e34fe8c25bba48f5369f135bf843651c3a4")
        << QByteArray(
               R"({"event":"pusher:subscribe","data":{"auth":"278d425bdf160c739803:58df8b0c36d6982b82c3ecf6b4662e34fe8c25bba48f5369f135bf843651c3a4","channel":"private-y"}})");
    QTest::newRow("subscribe presence")
        << buildSubscribe(QStringLiteral("presence-z"), "key:sig",
                          R"({"user_id":"10","user_info":{"name":"Mr. Channels"}})")
        << QByteArray(
               R"({"event":"pusher:subscribe","data":{"auth":"key:sig","channel_data":"{\"user_id\":\"10\",\"user_info\":{\"name\":\"Mr. Channels\"}}","channel":"presence-z"}})");
    QTest::newRow("unsubscribe") << buildUnsubscribe(QStringLiteral("private-y"))
                                 << QByteArray(R"({"event":"pusher:unsubscribe","data":{"channel":"private-y"}})");
    QTest::newRow("ping") << buildPing() << QByteArray(R"({"event":"pusher:ping","data":{}})");
    QTest::newRow("pong") << buildPong() << QByteArray(R"({"event":"pusher:pong","data":{}})");
    QTest::newRow("signin")
        << buildSignin("key:abc123", R"({"id":"1","user_info":{"name":"A"}})")
        << QByteArray(
               R"({"event":"pusher:signin","data":{"auth":"key:abc123","user_data":"{\"id\":\"1\",\"user_info\":{\"name\":\"A\"}}"}})");
    QTest::newRow("client event object")
        << buildClientEvent(QStringLiteral("private-y"), QStringLiteral("client-x"),
                            QJsonObject{{QStringLiteral("message"), QStringLiteral("hi")}})
        << QByteArray(R"({"event":"client-x","data":{"message":"hi"},"channel":"private-y"})");
    QTest::newRow("client event string") << buildClientEvent(QStringLiteral("private-y"), QStringLiteral("client-x"),
                                                             QStringLiteral("hello"))
                                         << QByteArray(R"({"event":"client-x","data":"hello","channel":"private-y"})");
    QTest::newRow("client event undefined data")
        << buildClientEvent(QStringLiteral("private-y"), QStringLiteral("client-x"), QJsonValue(QJsonValue::Undefined))
        << QByteArray(R"({"event":"client-x","channel":"private-y"})");
    QTest::newRow("client event null data")
        << buildClientEvent(QStringLiteral("private-y"), QStringLiteral("client-x"), QJsonValue())
        << QByteArray(R"({"event":"client-x","data":null,"channel":"private-y"})");
    QTest::newRow("escaping")
        << buildSubscribe(QString::fromUtf8("a\"b\\c/\xc3\xa9\xe2\x80\xa8\xf0\x9f\x98\x80") + QChar(0x1f) + QChar(0x7f)
                          + QStringLiteral("\b\f\n\r\t") + QChar(0xd800) + QStringLiteral("x") + QChar(0xdc00))
        << QByteArray(
               "{\"event\":\"pusher:subscribe\",\"data\":{\"auth\":\"\",\"channel\":\"a\\\"b\\\\c/\xc3\xa9\xe2\x80\xa8\xf0\x9f\x98\x80\\u001f\x7f\\b\\f\\n\\r\\t\\ud800x\\udc00\"}}");
}

void TestCodec::builders()
{
    QFETCH(QByteArray, built);
    QFETCH(QByteArray, expected);
    QCOMPARE(built, expected);
}

void TestCodec::buildersRoundTrip()
{
    const QString name = QString::fromUtf8("presence-\xc3\xa9\"\\");
    const Frame subscribe = parse(buildSubscribe(name, "k:s", R"({"user_id":"1"})").constData());
    QCOMPARE(subscribe.event, QStringLiteral("pusher:subscribe"));
    QCOMPARE(subscribe.data.toObject().value(QStringLiteral("channel")).toString(), name);
    QCOMPARE(subscribe.data.toObject().value(QStringLiteral("channel_data")).toString(),
             QStringLiteral(R"({"user_id":"1"})"));

    const QJsonObject payload{{QStringLiteral("a"), QJsonArray{1, 2.5, QStringLiteral("x"), QJsonValue(), true}},
                              {QStringLiteral("b"), QJsonObject{{QStringLiteral("c"), -3}}}};
    const cs::Result<Frame> parsed =
        cs::protocol::parseFrame(buildClientEvent(QStringLiteral("private-a"), QStringLiteral("client-a"), payload));
    QVERIFY(parsed);
    const Frame &client = *parsed;
    QCOMPARE(client.channel, QStringLiteral("private-a"));
    QCOMPARE(client.encoding, DataEncoding::Object);
    QCOMPARE(client.data, QJsonValue(payload));
}

void TestCodec::clientEventData_data()
{
    // Numbers are written as JavaScript's Number#toString writes them.
    QTest::addColumn<QJsonValue>("data");
    QTest::addColumn<QByteArray>("json");
    QTest::newRow("int") << QJsonValue(42) << QByteArray("42");
    QTest::newRow("negative") << QJsonValue(-7) << QByteArray("-7");
    QTest::newRow("integral double") << QJsonValue(3.0) << QByteArray("3");
    QTest::newRow("fraction") << QJsonValue(0.1) << QByteArray("0.1");
    QTest::newRow("small") << QJsonValue(0.000001) << QByteArray("0.000001");
    QTest::newRow("tiny") << QJsonValue(1e-7) << QByteArray("1e-7");
    QTest::newRow("large") << QJsonValue(1e20) << QByteArray("100000000000000000000");
    QTest::newRow("huge") << QJsonValue(1e21) << QByteArray("1e+21");
    QTest::newRow("huge fraction") << QJsonValue(1.5e300) << QByteArray("1.5e+300");
    QTest::newRow("negative zero") << QJsonValue(-0.0) << QByteArray("0");
    QTest::newRow("int64") << QJsonValue(qint64(9007199254740993)) << QByteArray("9007199254740993");
    QTest::newRow("bool") << QJsonValue(true) << QByteArray("true");
    QTest::newRow("sorted object") << QJsonValue(
        QJsonObject{{QStringLiteral("b"), 1}, {QStringLiteral("a"), QJsonArray{}}})
                                   << QByteArray(R"({"a":[],"b":1})");
    QTest::newRow("nested") << QJsonValue(
        QJsonArray{QJsonObject{{QStringLiteral("x"), QJsonValue()}}, QStringLiteral("\n")})
                            << QByteArray(R"([{"x":null},"\n"])");
}

void TestCodec::clientEventData()
{
    QFETCH(QJsonValue, data);
    QFETCH(QByteArray, json);
    QCOMPARE(buildClientEvent(QStringLiteral("private-a"), QStringLiteral("client-a"), data),
             QByteArray(R"({"event":"client-a","data":)" + json + R"(,"channel":"private-a"})"));
}

void TestCodec::closeAction_data()
{
    QTest::addColumn<int>("code");
    QTest::addColumn<CloseAction>("action");
    QTest::addColumn<QString>("name");
    QTest::newRow("1000") << 1000 << CloseAction::None << "none";
    QTest::newRow("1001") << 1001 << CloseAction::None << "none";
    QTest::newRow("1002") << 1002 << CloseAction::Backoff << "backoff";
    QTest::newRow("1003") << 1003 << CloseAction::Backoff << "backoff";
    QTest::newRow("1004") << 1004 << CloseAction::Backoff << "backoff";
    QTest::newRow("1005") << 1005 << CloseAction::None << "none";
    QTest::newRow("1006") << 1006 << CloseAction::None << "none";
    QTest::newRow("3999") << 3999 << CloseAction::None << "none";
    QTest::newRow("4000") << 4000 << CloseAction::TlsOnly << "tls_only";
    QTest::newRow("4001") << 4001 << CloseAction::Refused << "refused";
    QTest::newRow("4009") << 4009 << CloseAction::Refused << "refused";
    QTest::newRow("4099") << 4099 << CloseAction::Refused << "refused";
    QTest::newRow("4100") << 4100 << CloseAction::Backoff << "backoff";
    QTest::newRow("4199") << 4199 << CloseAction::Backoff << "backoff";
    QTest::newRow("4200") << 4200 << CloseAction::Retry << "retry";
    QTest::newRow("4201") << 4201 << CloseAction::Retry << "retry";
    QTest::newRow("4299") << 4299 << CloseAction::Retry << "retry";
    QTest::newRow("4300") << 4300 << CloseAction::Refused << "refused";
    QTest::newRow("4301") << 4301 << CloseAction::Refused << "refused";
    QTest::newRow("4999") << 4999 << CloseAction::Refused << "refused";
    QTest::newRow("0") << 0 << CloseAction::None << "none";
    QTest::newRow("negative") << -1 << CloseAction::None << "none";
}

void TestCodec::closeAction()
{
    QFETCH(int, code);
    QFETCH(CloseAction, action);
    QFETCH(QString, name);
    QCOMPARE(closeActionFor(code), action);
    QCOMPARE(closeActionName(action), name);
}

void TestCodec::describeCloseCodes()
{
    QCOMPARE(describeCloseCode(4001), QStringLiteral("4001 app key does not exist (wrong cluster?)"));
    QCOMPARE(describeCloseCode(4009), QStringLiteral("4009 connection unauthorized"));
    QCOMPARE(describeCloseCode(4100), QStringLiteral("4100 over capacity / connection quota"));
    QCOMPARE(describeCloseCode(4200), QStringLiteral("4200 server asked to reconnect"));
    QCOMPARE(describeCloseCode(4201), QStringLiteral("4201 pong not received"));
    QCOMPARE(describeCloseCode(4301), QStringLiteral("4301 client event rejected"));
    QCOMPARE(describeCloseCode(1000), QStringLiteral("1000 normal closure"));
    QCOMPARE(describeCloseCode(1006), QStringLiteral("1006 abnormal closure (no close frame)"));
    for (int code : {0, 999, 1000, 1004, 1016, 2999, 3000, 4000, 4002, 4050, 4150, 4250, 4303, 4399, 4400, 65535, -3}) {
        const QString text = describeCloseCode(code);
        QVERIFY2(text.startsWith(QString::number(code) + u' '), qPrintable(text));
        QVERIFY2(text.size() > QString::number(code).size() + 3, qPrintable(text));
    }
}

QTEST_GUILESS_MAIN(TestCodec)
#include "tst_codec.moc"
