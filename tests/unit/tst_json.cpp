// The JSON layer for untrusted text (core/json): the scanning primitives the masker and the
// checks share, strict parsing as JSON.parse does it (compared with QJsonDocument), and the
// editor's check with the position and words of the first problem.

#include "jsoncheck.h"
#include "jsonscan.h"
#include "strictjson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTest>

using namespace cs;

namespace {

QByteArray why(const Result<QJsonValue> &result) { return result ? QByteArray() : result.error().message.toUtf8(); }

}  // namespace

class TestJson : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void stringEnd_data();
    void stringEnd();
    void unescape_data();
    void unescape();
    void bareToken();
    void strictness_data();
    void strictness();
    void valueAsJsonParse_data();
    void valueAsJsonParse();
    void sameAsQJsonDocument();
    void check_data();
    void check();
    void checkObject();
};

void TestJson::stringEnd_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<int>("any");  // index of the closing quote; -1: none
    QTest::addColumn<bool>("escaped");
    QTest::newRow("plain") << QByteArray(R"("abc" x)") << 4 << false;
    QTest::newRow("empty") << QByteArray(R"("")") << 1 << false;
    QTest::newRow("escaped quote") << QByteArray(R"("a\"b")") << 5 << true;
    QTest::newRow("escaped backslash last") << QByteArray(R"("a\\")") << 4 << true;
    QTest::newRow("unterminated") << QByteArray(R"("abc)") << -1 << false;
    QTest::newRow("backslash at end") << QByteArray(R"("a\)") << -1 << true;
    QTest::newRow("utf-8") << QByteArray("\"caf\xc3\xa9\"") << 6 << false;
    QTest::newRow("raw tab") << QByteArray("\"a\tb\"") << 4 << false;
    QTest::newRow("not a string") << QByteArray("abc\"") << -1 << false;
}

void TestJson::stringEnd()
{
    QFETCH(QByteArray, text);
    QFETCH(int, any);
    QFETCH(bool, escaped);
    const char *begin = text.constData();
    const char *end = begin + text.size();
    bool sawEscape = false;
    const char *close = json::findStringEnd(begin, end, &sawEscape);
    QCOMPARE(close ? int(close - begin) : -1, any);
    if (close)
        QCOMPARE(sawEscape, escaped);
}

void TestJson::unescape_data()
{
    QTest::addColumn<QByteArray>("body");  // between the quotes
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("text");
    QTest::newRow("none") << QByteArray("abc") << true << QStringLiteral("abc");
    QTest::newRow("all short escapes") << QByteArray(R"(\"\\\/\b\f\n\r\t)") << true
                                       << QStringLiteral("\"\\/\b\f\n\r\t");
    QTest::newRow("unicode") << QByteArray(R"(\u0041\u00e9\u20AC)") << true
                             << QString::fromUtf8("A\xc3\xa9\xe2\x82\xac");
    QTest::newRow("surrogate pair") << QByteArray(R"(\ud83d\ude00)") << true << QString::fromUtf8("\xf0\x9f\x98\x80");
    QTest::newRow("unknown escape") << QByteArray(R"(\q)") << false << QString();
    QTest::newRow("short u") << QByteArray(R"(\u41)") << false << QString();
    QTest::newRow("bad hex") << QByteArray(R"(\u00g1)") << false << QString();
}

void TestJson::unescape()
{
    // The escapes of a string, as JSON.parse reads them (simdjson, or QJsonDocument when it refuses).
    QFETCH(QByteArray, body);
    QFETCH(bool, ok);
    QFETCH(QString, text);
    const Result<QJsonValue> value = json::parseValue('"' + body + '"');
    QCOMPARE(value.ok(), ok);
    if (ok)
        QCOMPARE(value->toString(), text);
}

void TestJson::bareToken()
{
    const QByteArray text = "-12.5e3, true]null}false \t";
    const char *p = text.constData();
    const char *end = p + text.size();
    QCOMPARE(QByteArray(p, json::bareTokenEnd(p, end) - p), QByteArray("-12.5e3"));
    p += 9;
    QCOMPARE(QByteArray(p, json::bareTokenEnd(p, end) - p), QByteArray("true"));
    p += 5;
    QCOMPARE(QByteArray(p, json::bareTokenEnd(p, end) - p), QByteArray("null"));
    p += 5;
    QCOMPARE(QByteArray(p, json::bareTokenEnd(p, end) - p), QByteArray("false"));
    QCOMPARE(json::skipSpace(p + 5, end), end);
}

void TestJson::strictness_data()
{
    // Text Qt accepts: JSON.parse refuses some of it, and says where.
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("error");  // empty: JSON.parse accepts it too
    QTest::addColumn<int>("offset");
    QTest::newRow("fine") << QByteArray(R"({"a":[1,2.5,-0.1e3,"\u00e9\n"]})") << QString() << 0;
    QTest::newRow("unknown escape") << QByteArray(R"(["a\qb"])") << "invalid escape sequence at offset 3" << 3;
    QTest::newRow("raw tab") << QByteArray("[\"a\tb\"]") << "control character in a string at offset 3" << 3;
    QTest::newRow("leading dot") << QByteArray("[.5]") << "illegal number at offset 1" << 1;
    QTest::newRow("trailing dot") << QByteArray("[1.]") << "illegal number at offset 2" << 2;
    QTest::newRow("dot in a string is fine") << QByteArray(R"([".5"])") << QString() << 0;
}

void TestJson::strictness()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, error);
    QFETCH(int, offset);
    QVERIFY(json::parseDocument(text, json::Strictness::Qt));
    const Result<QJsonDocument> strict = json::parseDocument(text);
    QCOMPARE(strict.ok(), error.isEmpty());
    if (strict)
        return;
    QCOMPARE(strict.error().id(), QStringLiteral("invalid-json"));
    QCOMPARE(strict.error().message, error);
    QCOMPARE(strict.error().detail, offset);
}

void TestJson::valueAsJsonParse_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QByteArray>("expected");  // as a one-element array
    QTest::newRow("object") << QByteArray(R"({"a":1})") << true << QByteArray(R"([{"a":1}])");
    QTest::newRow("string") << QByteArray(R"("x")") << true << QByteArray(R"(["x"])");
    QTest::newRow("number with space") << QByteArray(" 42 \n") << true << QByteArray("[42]");
    QTest::newRow("null") << QByteArray("null") << true << QByteArray("[null]");
    QTest::newRow("empty") << QByteArray("") << false << QByteArray();
    QTest::newRow("two values") << QByteArray("1,2") << false << QByteArray();
    QTest::newRow("bracket trick") << QByteArray("1],[2") << false << QByteArray();
    QTest::newRow("lax number") << QByteArray(".5") << false << QByteArray();
    QTest::newRow("bare word") << QByteArray("hello") << false << QByteArray();
}

void TestJson::valueAsJsonParse()
{
    QFETCH(QByteArray, text);
    QFETCH(bool, ok);
    QFETCH(QByteArray, expected);
    const Result<QJsonValue> value = json::parseValue(text);
    QVERIFY2(value.ok() == ok, why(value).constData());
    if (ok)
        QCOMPARE(*value, QJsonDocument::fromJson(expected).array().first());
    else
        QCOMPARE(value.error().id(), QStringLiteral("invalid-json"));
}

void TestJson::sameAsQJsonDocument()
{
    // Random JSON-ish token soup: the Qt-strict document parse is exactly QJsonDocument, and the
    // JSON.parse-strict one accepts a subset of it with the same values.
    QRandomGenerator rng(20261207);
    const QList<QByteArray> tokens{"{", "}",  "[",  "]",  ",",    ":",    "\"a\"", "\"\\q\"", "\"\\u00e9\"",
                                   "1", ".5", "1.", "-0", "true", "null", " ",     "\"\t\"",  "\"x"};
    int accepted = 0;
    for (int i = 0; i < 20000; ++i) {
        QByteArray text;
        for (int n = 1 + int(rng.bounded(12)); n > 0; --n)
            text += tokens.at(int(rng.bounded(tokens.size())));
        QJsonParseError error{};
        const QJsonDocument qt = QJsonDocument::fromJson(text, &error);
        const Result<QJsonDocument> lax = json::parseDocument(text, json::Strictness::Qt);
        QVERIFY2(lax.ok() == (error.error == QJsonParseError::NoError), text.constData());
        if (!lax) {
            QCOMPARE(lax.error().detail, error.offset);
            continue;
        }
        QCOMPARE(*lax, qt);
        const Result<QJsonDocument> strict = json::parseDocument(text);
        if (strict) {
            QCOMPARE(*strict, qt);
            ++accepted;
        }
    }
    QVERIFY(accepted > 0);  // the soup does produce valid documents
}

void TestJson::check_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("message");  // what follows "Line l, column c: "
    QTest::newRow("object") << "{\"a\": 1}" << true << 0 << 0 << QString();
    QTest::newRow("string") << "\"just text\"" << true << 0 << 0 << QString();
    QTest::newRow("number") << " 42 " << true << 0 << 0 << QString();
    QTest::newRow("null") << "null" << true << 0 << 0 << QString();
    QTest::newRow("empty") << "" << false << 1 << 1 << "no data; type a JSON value such as {} or \"text\"";
    QTest::newRow("missing value") << "{\"a\":}" << false << 1 << 6 << "a value is missing before '}'";
    QTest::newRow("third line") << "{\n  \"a\": 1,\n  \"b\": tru\n}" << false << 3 << 8
                                << "invalid value 'tru': strings need double quotes (bare words: true, false, null)";
    QTest::newRow("two values")
        << "1, 2" << false << 1 << 2
        << "unexpected ',' after the JSON value (only one value is allowed; wrap several in [ ] to send an array)";
    QTest::newRow("trailing brace")
        << "{\"a\":1}}" << false << 1 << 8
        << "unexpected '}' after the JSON value (only one value is allowed; wrap several in [ ] to send an array)";
    QTest::newRow("bare word") << "hello" << false << 1 << 1
                               << "invalid value 'hello': strings need double quotes (bare words: true, false, null)";
    QTest::newRow("unterminated") << "{\"a\": \"x" << false << 1 << 7
                                  << "unterminated string: the closing '\"' is missing";
    QTest::newRow("utf8 before error")
        << "{\"é\": ü}" << false << 1 << 7
        << "invalid value 'ü': strings need double quotes (bare words: true, false, null)";
    QTest::newRow("unknown escape") << "\"a\\qb\"" << false << 1 << 3
                                    << "invalid escape \\q (valid: \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)";
    QTest::newRow("short unicode escape")
        << "\"\\u12\"" << false << 1 << 2 << "invalid escape: \\u needs four hex digits";
    QTest::newRow("line break in string")
        << "\"a\nb\"" << false << 1 << 3 << "a line break inside a string: write it as an escape such as \\n or \\t";
    QTest::newRow("leading zero") << "[01]" << false << 1 << 2 << "invalid number: no leading zeros";
    QTest::newRow("leading dot") << "[.5]" << false << 1 << 2 << "unexpected '.' where a value is expected";
    QTest::newRow("trailing dot") << "[1.]" << false << 1 << 4 << "invalid number: a digit is expected after '.'";
    QTest::newRow("upper case literal") << "TRUE" << false << 1 << 1
                                        << "invalid value 'TRUE': write true in lower case";
    QTest::newRow("single quotes") << "{'a':1}" << false << 1 << 2
                                   << "member names need double quotes, not single quotes";
    QTest::newRow("trailing comma") << "[1,]" << false << 1 << 4 << "trailing comma: a value is expected after ','";
    QTest::newRow("unterminated array") << "\n [1, 2" << false << 2 << 7
                                        << "unterminated array: the '[' at line 2, column 2 has no ']'";
    QTest::newRow("too deep") << QString(600, u'[') << false << 1 << 514 << "nested too deeply";
}

void TestJson::check()
{
    QFETCH(QString, text);
    QFETCH(bool, ok);
    QFETCH(int, line);
    QFETCH(int, column);
    QFETCH(QString, message);
    const Result<QJsonValue> check = json::checkJson(text);
    QVERIFY2(check.ok() == ok, why(check).constData());
    if (ok) {
        QCOMPARE(*check, json::parseValue(text.toUtf8()).value());
        return;
    }
    QCOMPARE(check.error().id(), QStringLiteral("invalid-json"));
    // The detail is the character index the editor underlines; line and column are counted from it.
    const json::TextPosition at = json::textPosition(text, check.error().detail);
    QCOMPARE(at.line, line);
    QCOMPARE(at.column, column);
    QCOMPARE(check.error().message, QStringLiteral("Line %1, column %2: %3").arg(line).arg(column).arg(message));
}

void TestJson::checkObject()
{
    QVERIFY(json::checkJson(QStringLiteral("{}"), json::JsonShape::Object));
    const Result<QJsonValue> array = json::checkJson(QStringLiteral("  [1]"), json::JsonShape::Object);
    QVERIFY(!array);
    QCOMPARE(array.error().detail, 2);  // where the value starts
    QCOMPARE(array.error().message, QStringLiteral("Line 1, column 3: a JSON object { … } is expected here"));
    const Result<QJsonValue> empty = json::checkJson(QStringLiteral(" \n"), json::JsonShape::Object);
    QVERIFY(!empty);
    QCOMPARE(empty.error().message, QStringLiteral("Line 1, column 1: no data; type a JSON object such as {}"));
}

QTEST_GUILESS_MAIN(TestJson)
#include "tst_json.moc"
