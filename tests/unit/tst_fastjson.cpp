// simdjson in the codec (fastjson.h, frame.cpp) against QJsonDocument: a string simdjson unescapes
// is the one QJsonDocument reads, double-encoded data decodes to the same value, the usual shapes
// do take the fast way, and no input is read past its end (frames that end at a page followed by
// a page that cannot be read).

#include "fastjson.h"
#include "protocol.h"
#include "strictjson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTest>

#include <sys/mman.h>
#include <unistd.h>

#include <cstring>

using namespace cs;
using cs::protocol::DataDecoding;
using cs::protocol::Frame;

namespace {

std::string_view view(const QByteArray &bytes) { return std::string_view(bytes.constData(), bytes.size()); }

// Bytes that end exactly where an unreadable page begins: reading one byte past them crashes.
class GuardedBytes {
public:
    explicit GuardedBytes(const QByteArray &bytes)
    {
        const long page = sysconf(_SC_PAGESIZE);
        m_pages = ((bytes.size() + page - 1) / page + 1) * page;
        m_base =
            static_cast<char *>(mmap(nullptr, m_pages, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0));
        Q_ASSERT(m_base != MAP_FAILED);
        char *guard = m_base + m_pages - page;
        mprotect(guard, page, PROT_NONE);
        m_data = guard - bytes.size();
        std::memcpy(m_data, bytes.constData(), bytes.size());
        m_size = bytes.size();
    }
    ~GuardedBytes() { munmap(m_base, m_pages); }
    // No copy, capacity 0: what a reader would get from a buffer it does not own.
    QByteArray raw() const { return QByteArray::fromRawData(m_data, m_size); }
    std::string_view text() const { return std::string_view(m_data, m_size); }

private:
    char *m_base = nullptr;
    char *m_data = nullptr;
    qsizetype m_size = 0;
    qsizetype m_pages = 0;
};

// The order event of the benchmark, and the shapes the protocol sends.
const QByteArray kOrder = R"({"id":"ord-000000007","status":"paid","customer":{"id":"cust-0007","name":"Ada"},)"
                          R"("items":[{"sku":"A-100","qty":2,"price":19.95}],"total":45.4,"note":"xx"})";

}  // namespace

class TestFastJson : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void sameValueAsQt_data();
    void sameValueAsQt();
    void tokenSoup();
    void paddedInput();
    void framesAtBufferEnds();
};

void TestFastJson::sameValueAsQt_data()
{
    QTest::addColumn<QByteArray>("text");  // a data string's text: usually JSON, sometimes not
    QTest::addColumn<bool>("fast");        // simdjson unescapes the string (else QJsonDocument does it all)
    QTest::newRow("order") << kOrder << true;
    QTest::newRow("plain text") << QByteArray("hello, world") << true;
    QTest::newRow("scalar string") << QByteArray(R"( "a\"b\u00e9\ud83d\ude00" )") << true;
    QTest::newRow("numbers") << QByteArray("[0,-1,1.5,-2.5e3,9007199254740993,-9223372036854775808,1E2]") << true;
    QTest::newRow("negative zero") << QByteArray("[-0,-0.0]") << true;
    QTest::newRow("repeated name") << QByteArray(R"({"a":1,"b":2,"a":3})") << true;
    QTest::newRow("nul") << QByteArray(R"({"k\u0000":"v"})") + QByteArray("\0x", 2) << true;
    QTest::newRow("control characters") << QByteArray("a\tb\nc\x01") << true;
    QTest::newRow("utf-8") << QByteArray("{\"caf\xc3\xa9\":\"\xe2\x82\xac\"}") << true;
    QTest::newRow("emoji") << QByteArray("\xf0\x9f\x98\x80") << true;
    QTest::newRow("deep") << QByteArray(600, '[') + QByteArray(600, ']') << true;
    QTest::newRow("bad escape inside") << QByteArray(R"(["\q"])") << true;
    QTest::newRow("empty") << QByteArray() << true;
}

void TestFastJson::sameValueAsQt()
{
    QFETCH(QByteArray, text);
    QFETCH(bool, fast);
    // Double encoded, as a channel event's data arrives: QJsonDocument writes the string.
    const QString string = QString::fromUtf8(text);
    QByteArray quoted = QJsonDocument(QJsonArray{string}).toJson(QJsonDocument::Compact);
    quoted = quoted.mid(1, quoted.size() - 2);
    const std::optional<QByteArray> unescaped = json::stringText(view(quoted));
    QCOMPARE(unescaped.has_value(), fast);
    if (unescaped)
        QCOMPARE(*unescaped, string.toUtf8());
    QCOMPARE(protocol::decodeSentData(quoted), protocol::decodeData(QJsonValue(string)));
}

void TestFastJson::tokenSoup()
{
    // Random string bodies with escapes valid and not: simdjson takes exactly the strings
    // QJsonDocument takes as JSON.parse would (but lone surrogates, which it leaves to Qt), with
    // the same text, and decoding the data gives what QJsonDocument alone gives.
    QRandomGenerator rng(20261208);
    const QList<QByteArray> pieces{"a",       "\\\"",    "\\\\", "\\n",   "\\u00e9",  "\\ud83d\\ude00",
                                   "\\ud800", "\\udc00", "\\q",  "\\u12", "\xc3\xa9", "\t",
                                   "{",       "}",       "1",    ":",     "\\/",      "\xff",
                                   " ",       "\\"};
    int fast = 0;
    for (int i = 0; i < 30000; ++i) {
        QByteArray quoted = "\"";
        for (int n = int(rng.bounded(8)); n > 0; --n)
            quoted += pieces.at(int(rng.bounded(pieces.size())));
        quoted += '"';
        const Result<QJsonValue> qt =
            json::parseValue(QString::fromUtf8(quoted).toUtf8());  // as decodeSentData reads bytes
        if (const std::optional<QByteArray> text = json::stringText(view(quoted))) {
            QVERIFY2(qt.ok() && qt->isString(), quoted.constData());
            QCOMPARE(*text, qt->toString().toUtf8());
            ++fast;
        }
        // What consumers get: the same as reading the string with QJsonDocument, then its text.
        const QJsonValue expected = qt ? protocol::decodeData(*qt) : QJsonValue(QJsonValue::Undefined);
        QVERIFY2(protocol::decodeSentData(quoted) == expected, quoted.constData());
    }
    QVERIFY(fast > 1000);
}

void TestFastJson::paddedInput()
{
    // Spare capacity is used in place; a buffer without it (or raw data) is copied.
    QByteArray roomy = "{\"event\":\"e\"}";
    roomy.reserve(roomy.size() + 64);
    const json::PaddedInput inPlace(roomy);
    QVERIFY(!inPlace.copied());
    QCOMPARE(inPlace.data(), roomy.constData());
    QVERIFY(inPlace.capacity() >= inPlace.size() + 64);
    const QByteArray tight = QByteArray::fromRawData(roomy.constData(), roomy.size());
    const json::PaddedInput copy(tight);
    QVERIFY(copy.copied());
    QCOMPARE(copy.size(), std::size_t(roomy.size()));
    QVERIFY(copy.capacity() >= copy.size() + 64);
    QCOMPARE(QByteArray(copy.data(), qsizetype(copy.size())), roomy);
    // What the socket hands over (QString::toUtf8()) needs no copy for the usual frame.
    const QByteArray fromSocket = QString::fromUtf8(QByteArray(R"({"event":"e","channel":"c","data":"{}"})")).toUtf8();
    QVERIFY(!json::PaddedInput(fromSocket).copied());
}

void TestFastJson::framesAtBufferEnds()
{
    QByteArray quoted = QJsonDocument(QJsonArray{QString::fromUtf8(kOrder)}).toJson(QJsonDocument::Compact);
    quoted = quoted.mid(1, quoted.size() - 2);
    const QList<QByteArray> frames{
        R"({"event":"order-updated","channel":"private-orders","data":)" + quoted + "}",
        R"({"event":"pusher:connection_established","data":"{\"socket_id\":\"1.2\",\"activity_timeout\":30}"})",
        R"({"event":"e","data":"unterminated)",
        R"({"event":"e","channel":"c","data":"\u00)",
        R"({"event":"e","data":1)",
        R"({"event":"e")",
        R"({"event":"e","channel":"c","data":"x"} )",
        R"({"event":"e","channel":"c","data":"x"}   1)",
        "{\"event\":\"e\",\"data\":\"\\",
        "{\"event\":\"",
        "{",
        "1",
        "t",
    };
    for (const QByteArray &frame : frames) {
        const GuardedBytes guarded(frame);
        for (const DataDecoding decoding : {DataDecoding::All, DataDecoding::ProtocolOnly}) {
            const Result<Frame> atEnd = protocol::parseFrame(guarded.raw(), decoding);
            const Result<Frame> expected = protocol::parseFrameWithJsonDocument(frame, decoding);
            QVERIFY2(atEnd.ok() == expected.ok(), frame.constData());
            if (!atEnd)
                continue;
            QCOMPARE(protocol::decodedData(*atEnd), protocol::decodedData(*expected));
            if (!atEnd->dataJson.isEmpty()) {
                const GuardedBytes data(atEnd->dataJson);
                QCOMPARE(protocol::decodeSentData(data.raw()), protocol::decodedData(*expected));
            }
        }
        (void)json::stringText(guarded.text());
    }
    const GuardedBytes data(quoted);
    QCOMPARE(json::stringText(data.text()), std::optional<QByteArray>(kOrder));
}

QTEST_GUILESS_MAIN(TestFastJson)
#include "tst_fastjson.moc"
