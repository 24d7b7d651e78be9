// The direct NDJSON writer (entryjson.h) against the line it replaces: for every entry, varied by
// hand and generated at random, entryJson(e) is byte for byte QJsonDocument(e.toJson()) compact,
// and the usual shapes take the direct path (canonicaljson::append), not Qt's.

#include "canonicaljson.h"
#include "entryjson.h"
#include "logfixtures.h"
#include "logmodel.h"  // LogEntry as a QTest column
#include "strictjson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTest>

using namespace cs;

namespace {

QByteArray qtLine(const LogEntry &e) { return QJsonDocument(e.toJson()).toJson(QJsonDocument::Compact); }

// A string member's JSON text, as a server would send it (escapes only where JSON needs them).
QByteArray quoted(const QByteArray &text)
{
    QByteArray out = "\"";
    for (const char c : text) {
        if (c == '"' || c == '\\')
            out += QByteArray("\\") + c;
        else if (uchar(c) < 0x20)
            out += "\\u" + QByteArray::number(uchar(c), 16).rightJustified(4, '0');
        else
            out += c;
    }
    return out + "\"";
}

LogEntry eventWithData(const QByteArray &dataMember, quint64 seq = 7)
{
    LogEntry e =
        test::frameEntry(Direction::In, EntryKind::Event, QStringLiteral("private-orders"), QStringLiteral("order"),
                         "{\"event\":\"order\",\"channel\":\"private-orders\",\"data\":" + dataMember + "}");
    e.seq = seq;
    return e;
}

// What Qt writes for one JSON value (the reference for canonicaljson::append).
QByteArray qtValue(const QByteArray &json)
{
    const Result<QJsonValue> v = json::parseValue(json);
    if (!v)
        return {};
    const QByteArray wrapped = QJsonDocument(QJsonArray{*v}).toJson(QJsonDocument::Compact);
    return wrapped.mid(1, wrapped.size() - 2);
}

// Random JSON text: objects with keys out of order, strings with escapes and non-ASCII, numbers of
// every form, white space here and there.
class Generator {
public:
    explicit Generator(quint32 seed) : m_random(seed) {}

    QByteArray value(int depth)
    {
        switch (m_random.bounded(depth > 3 ? 4 : 6)) {
        case 0: return string();
        case 1: return number();
        case 2: return QList<QByteArray>{"true", "false", "null"}.at(m_random.bounded(3));
        case 3: return string();
        case 4: return object(depth);
        default: return array(depth);
        }
    }

    QByteArray object(int depth)
    {
        QList<QByteArray> members;
        const int n = m_random.bounded(6);
        for (int i = 0; i < n; ++i)
            members << string(true) + space() + ":" + space() + value(depth + 1);
        return "{" + space() + members.join("," + space()) + "}";
    }

private:
    QByteArray array(int depth)
    {
        QList<QByteArray> items;
        for (int i = m_random.bounded(5); i > 0; --i)
            items << value(depth + 1);
        return "[" + items.join(",") + space() + "]";
    }

    QByteArray space() { return m_random.bounded(8) == 0 ? QByteArray(" \n\t").left(m_random.bounded(1, 4)) : ""; }

    QByteArray string(bool key = false)
    {
        static const QList<QByteArray> pieces{
            "a",    "id",  "Z",       "_",       "é",       "€",       "日本",           "😀",       "\\n",     "\\\"",
            "\\\\", "\\/", "\\t",     "\\u0001", "\\u00e9", "\\u20ac", "\\ud83d\\ude00", "\\u007f", "\\ud800", "x y",
            "\x7f", "\\b", "\\u001F", "ü",       "sku",     "price",   "\\uFFFF"};
        QByteArray out = "\"";
        for (int i = m_random.bounded(key ? 1 : 0, 4); i > 0; --i)
            out += pieces.at(m_random.bounded(key ? 9 : pieces.size()));
        return out + "\"";
    }

    QByteArray number()
    {
        static const QList<QByteArray> numbers{"0",
                                               "-0",
                                               "1",
                                               "-17",
                                               "42",
                                               "19.95",
                                               "5.5",
                                               "45.4",
                                               "0.5",
                                               "-0.25",
                                               "0.05",
                                               "0.000001",
                                               "1e3",
                                               "1E-7",
                                               "2.50",
                                               "1.0",
                                               "123456789012345",
                                               "1234567890123456789",
                                               "99999999999999999999",
                                               "0.1",
                                               "3.141592653589793",
                                               "100000000000000000000000"};
        return numbers.at(m_random.bounded(numbers.size()));
    }

    QRandomGenerator m_random;
};

}  // namespace

class TstEntryJson : public QObject {
    Q_OBJECT
private slots:
    void framesLikeTheBench()
    {
        const QByteArray order =
            "{\"id\":\"ord-000000042\",\"status\":\"paid\",\"customer\":{\"id\":\"cust-0042\","
            "\"name\":\"Ada Lovelace\",\"email\":\"ada@example.com\"},\"items\":[{\"sku\":\"A-100\","
            "\"qty\":2,\"price\":19.95},{\"sku\":\"B-200\",\"qty\":1,\"price\":5.5}],\"total\":45.4}";
        QByteArray direct;
        QVERIFY(canonicaljson::append(direct, order));  // the usual shape takes the direct path
        QCOMPARE(direct, qtValue(order));
        const LogEntry e = eventWithData(quoted(order));
        QCOMPARE(entryJson(e), qtLine(e));
        QCOMPARE(entryJson(eventWithData(order)), qtLine(eventWithData(order)));  // data sent as an object
    }

    void variedEntries_data()
    {
        QTest::addColumn<LogEntry>("entry");
        auto frame = [](const QByteArray &raw) {
            return test::frameEntry(Direction::In, EntryKind::Event, QStringLiteral("c"), QStringLiteral("e"), raw);
        };
        QTest::newRow("plain string data") << eventWithData(quoted("not json at all"));
        QTest::newRow("string of a string") << eventWithData(quoted("\"text\""));
        QTest::newRow("number data") << eventWithData("12.5");
        QTest::newRow("no data") << frame("{\"event\":\"pusher:ping\"}");
        QTest::newRow("protocol frame") << frame("{\"event\":\"pusher:connection_established\",\"data\":"
                                                 "\"{\\\"socket_id\\\":\\\"1.2\\\",\\\"activity_timeout\\\":120}\"}");
        QTest::newRow("unicode") << eventWithData(quoted("{\"name\":\"Zoë 日本 😀\",\"€\":1,\"a\":\"\\u00e9\"}"));
        QTest::newRow("escapes") << eventWithData(quoted("{\"b\":\"tab\\there \\\"q\\\" \\\\ \\/ \\u0000\",\"a\":[]}"));
        QTest::newRow("lone surrogate") << eventWithData(quoted("{\"x\":\"\\ud800\"}"));
        QTest::newRow("duplicate keys") << eventWithData(quoted("{\"a\":1,\"b\":2,\"a\":3}"));
        QTest::newRow("exponents") << eventWithData(quoted("{\"a\":1e400,\"b\":-0,\"c\":1E2,\"d\":0.0000001}"));
        QTest::newRow("invalid utf-8 raw") << frame("{\"event\":\"e\",\"data\":\"\xff\xfe\"}");
        QTest::newRow("not a frame") << LogEntry::undecodable(QStringLiteral("main"), QStringLiteral("1.2"),
                                                              "garbage \x01 \"quoted\"", QStringLiteral("not JSON"));
        QTest::newRow("bom") << frame("\xef\xbb\xbf{\"event\":\"e\"}");
        LogEntry local =
            test::localEntry(EntryKind::Rest, QStringLiteral("POST /events → 200 \"ok\""),
                             "{\"url\":\"http://h/x?a=1\",\"status\":200,\"headers\":{\"z\":\"1\",\"a\":\"2\"}}");
        local.seq = 12;
        QTest::newRow("local") << local;
        QTest::newRow("local array") << test::localEntry(EntryKind::Timer, QStringLiteral("t"), "[3,2,1]");
        QTest::newRow("local no details") << test::localEntry(EntryKind::State, QStringLiteral("s"), QByteArray());
        QTest::newRow("local not json") << test::localEntry(EntryKind::State, QStringLiteral("s"), "{oops");
        LogEntry names = eventWithData("{}", 1);
        names.connection = QStringLiteral("conn \"x\" \t") + QChar(0xd800);  // a lone surrogate in a name
        names.userId = QStringLiteral("ü-1");
        names.socketId = QStringLiteral("1.2");
        names.timeMs = -1;
        QTest::newRow("names and old time") << names;
        LogEntry future = eventWithData("[]", 2);
        future.timeMs = 253402300800000LL + 5;  // year 10000
        QTest::newRow("far future") << future;
        LogEntry leap = eventWithData("null", 3);
        leap.timeMs = 951782400999LL;  // 2000-02-29T00:00:00.999Z
        QTest::newRow("leap day") << leap;
        // The tap's entries carry source, client and signature members (LogEntry::toJson).
        QTest::newRow("api call with signature") << test::localEntry(
            EntryKind::Api, QStringLiteral("POST /apps/1/events"),
            "{\"signature\":{\"verdict\":\"signature-differs\",\"why\":\"other secret\"},\"status\":200}");
        QTest::newRow("webhook") << test::localEntry(EntryKind::Webhook, QStringLiteral("channel_occupied"),
                                                     "{\"name\":\"channel_occupied\"}");
        LogEntry tapped = eventWithData("{}", 4);
        tapped.connection = QStringLiteral("tap:t1");
        QTest::newRow("tapped frame") << tapped;
    }

    void variedEntries()
    {
        QFETCH(LogEntry, entry);
        QCOMPARE(entryJson(entry), qtLine(entry));
    }

    void randomJson()
    {
        Generator generator(20261208);
        int direct = 0;
        for (int i = 0; i < 3000; ++i) {
            const QByteArray text = i % 2 ? generator.object(0) : generator.value(0);
            QByteArray written;
            if (canonicaljson::append(written, text)) {
                ++direct;
                QCOMPARE(written, qtValue(text));
            }
            const LogEntry sent = eventWithData(quoted(text), quint64(i));
            QCOMPARE(entryJson(sent), qtLine(sent));
            if (text.startsWith('{')) {
                const LogEntry local = test::localEntry(EntryKind::Auth, QStringLiteral("m"), text);
                QCOMPARE(entryJson(local), qtLine(local));
            }
        }
        QVERIFY2(direct > 600, QByteArray::number(direct).constData());  // most take the direct path
    }

    void timesOverTheYears()
    {
        QRandomGenerator random(5);
        for (int i = 0; i < 2000; ++i) {
            LogEntry e = eventWithData("1");
            e.timeMs = qint64(random.bounded(253402300800.0) * 1000);
            QCOMPARE(entryJson(e), qtLine(e));
        }
    }

    void extras()
    {
        LogEntry e = test::localEntry(EntryKind::Rest, QStringLiteral("m"), "{\"secret\":\"s\"}");
        const QJsonValue masked = QJsonObject{{QStringLiteral("secret"), QStringLiteral("***")}};
        const QJsonArray violations{QJsonObject{{QStringLiteral("path"), QStringLiteral("/a")}}};
        QByteArray line;
        appendEntryJson(line, e, {&masked, &violations});
        QJsonObject expected = e.toJson();
        expected.insert(QStringLiteral("data"), masked);
        expected.insert(QStringLiteral("violations"), violations);
        QCOMPARE(line, QJsonDocument(expected).toJson(QJsonDocument::Compact));
    }
};

QTEST_GUILESS_MAIN(TstEntryJson)
#include "tst_entryjson.moc"
