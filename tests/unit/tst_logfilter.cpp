// The filter language: what each kind of term matches (over LogEntry values and over store rows,
// which must agree), the errors with their position, the per-name cache across stores and clears,
// and (with CS_FILTER_BENCH=1) the time to filter a million rows.

#include "logfilter.h"
#include "logfixtures.h"
#include "logmodel.h"
#include "logstore.h"

#include <QElapsedTimer>
#include <QTest>

#include <limits>
#include <map>

using namespace cs;
using cs::test::frameEntry;
using cs::test::localEntry;

namespace {

// The entries every row of the table is matched against, by name.
std::map<QString, LogEntry> fixture()
{
    std::map<QString, LogEntry> m;
    LogEntry e0 =
        frameEntry(Direction::In, EntryKind::Event, QStringLiteral("private-orders"), QStringLiteral("order-updated"),
                   "{\"event\":\"order-updated\",\"channel\":\"private-orders\","
                   "\"data\":\"{\\\"id\\\":17,\\\"Amount\\\":5}\"}");
    e0.socketId = QStringLiteral("123.456");
    m[QStringLiteral("e0")] = e0;

    LogEntry e1 = frameEntry(Direction::Out, EntryKind::ClientEvent, QStringLiteral("private-orders"),
                             QStringLiteral("client-typing"),
                             "{\"event\":\"client-typing\",\"channel\":\"private-orders\",\"data\":{\"typing\":true}}");
    e1.userId = QStringLiteral("42");
    m[QStringLiteral("e1")] = e1;

    LogEntry e2 = frameEntry(Direction::In, EntryKind::Presence, QStringLiteral("presence-room"),
                             QStringLiteral("pusher_internal:member_added"),
                             "{\"event\":\"pusher_internal:member_added\",\"channel\":\"presence-room\","
                             "\"data\":\"{\\\"user_id\\\":\\\"7\\\"}\"}");
    e2.userId = QStringLiteral("7");
    m[QStringLiteral("e2")] = e2;

    m[QStringLiteral("e3")] = localEntry(EntryKind::State, QString::fromUtf8("connecting \u2192 connected"),
                                         "{\"from\":\"connecting\",\"to\":\"connected\"}");
    m[QStringLiteral("e4")] = localEntry(EntryKind::Timer, QStringLiteral("activity timeout in 120 s"),
                                         "{\"timer\":\"activity\",\"ms\":120000}");

    LogEntry e5 =
        frameEntry(Direction::In, EntryKind::Connection, QString(), QStringLiteral("pusher:connection_established"),
                   "{\"event\":\"pusher:connection_established\","
                   "\"data\":\"{\\\"socket_id\\\":\\\"9.9\\\",\\\"activity_timeout\\\":120}\"}");
    e5.connection = QStringLiteral("second");
    m[QStringLiteral("e5")] = e5;

    m[QStringLiteral("e6")] =
        frameEntry(Direction::In, EntryKind::Subscription, QStringLiteral("Public-News"),
                   QStringLiteral("pusher_internal:subscription_succeeded"),
                   "{\"event\":\"pusher_internal:subscription_succeeded\",\"channel\":\"Public-News\"}");
    m[QStringLiteral("e7")] = frameEntry(Direction::In, EntryKind::Error, QString(), QString(), "not json at all");
    return m;
}

QString allNames() { return QStringLiteral("e0 e1 e2 e3 e4 e5 e6 e7"); }

QString except(const QString &names)
{
    QStringList out;
    const QStringList skip = names.split(u' ');
    for (const QString &name : allNames().split(u' ')) {
        if (!skip.contains(name))
            out.append(name);
    }
    return out.join(u' ');
}

LogEntry benchEntry(int i)
{
    // A channel event as servers send it: data double-encoded, about 250 bytes in all.
    const bool out = i % 10 == 0;
    LogEntry e =
        frameEntry(out ? Direction::Out : Direction::In, out ? EntryKind::ClientEvent : EntryKind::Event,
                   QStringLiteral("private-orders-%1").arg(i % 50), QStringLiteral("order-%1").arg(i % 20), {});
    e.socketId = QStringLiteral("1234.5678");
    QByteArray data = "{\\\"id\\\":" + QByteArray::number(i)
                      + ",\\\"status\\\":\\\"shipped\\\",\\\"customer\\\":\\\"Customer Number "
                      + QByteArray::number(i % 977) + "\\\",\\\"items\\\":[1,2,3],\\\"total\\\":\\\"129.95\\\","
                      + "\\\"note\\\":\\\"leave it at the door please\\\"}";
    e.raw =
        "{\"event\":\"" + e.event.toUtf8() + "\",\"channel\":\"" + e.channel.toUtf8() + "\",\"data\":\"" + data + "\"}";
    while (e.raw.size() < 250)
        e.raw.insert(e.raw.size() - 3, ' ');  // pad inside the data string
    e.timeMs = cs::test::kFixtureTimeMs + i;
    return e;
}

}  // namespace

class TestLogFilter : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void matching_data();
    void matching();
    void errors_data();
    void errors();
    void emptyAndText();
    void copiesAreIndependent();
    void cacheFollowsStoreAndClear();
    void storeNameAccessors();
    void wildcardsOnlyInFieldValues();
    void freeTextAtEveryPosition();
    void benchmarkMillionRows();
};

void TestLogFilter::matching_data()
{
    QTest::addColumn<QString>("filter");
    QTest::addColumn<QString>("expected");  // names of the fixture entries that match

    QTest::newRow("empty") << "" << allNames();
    QTest::newRow("blank") << "   " << allNames();
    QTest::newRow("free text in channel") << "order"
                                          << "e0 e1";
    QTest::newRow("free text any case") << "ORDER"
                                        << "e0 e1";
    QTest::newRow("free text in raw only") << "amount"
                                           << "e0";
    QTest::newRow("free text in raw, case") << "AMOUNT"
                                            << "e0";
    QTest::newRow("free text in message") << "in 120"
                                          << "e4";
    QTest::newRow("free text in message and raw") << "timeout"
                                                  << "e4 e5";
    QTest::newRow("free text, two terms ANDed") << "activity timeout"
                                                << "e4 e5";
    QTest::newRow("free text, order of terms free") << "timeout activity"
                                                    << "e4 e5";
    QTest::newRow("free text, two terms, one missing") << "timeout member"
                                                       << "";
    QTest::newRow("quoted free text") << "\"timeout in\""
                                      << "e4";
    QTest::newRow("quoted free text, no match") << "\"in timeout\""
                                                << "";
    QTest::newRow("quoted text of undecodable frame") << "\"NOT JSON\""
                                                      << "e7";
    QTest::newRow("non-ASCII free text") << QString::fromUtf8("\u2192") << "e3";
    QTest::newRow("free text in details") << "connected"
                                          << "e3";
    QTest::newRow("pusher: prefix is free text") << "pusher:connection_established"
                                                 << "e5";
    QTest::newRow("pusher_internal: prefix is free text") << "pusher_internal:member"
                                                          << "e2";
    QTest::newRow("time-like text is free text") << "10:30"
                                                 << "";
    QTest::newRow("negated free text") << QStringLiteral("-order") << except(QStringLiteral("e0 e1"));
    QTest::newRow("negated quoted free text")
        << QStringLiteral("-\"activity timeout\"") << except(QStringLiteral("e4"));

    QTest::newRow("channel exact") << "channel:private-orders"
                                   << "e0 e1";
    QTest::newRow("channel exact, any case") << "CHANNEL:Private-Orders"
                                             << "e0 e1";
    QTest::newRow("channel exact is not contains") << "channel:orders"
                                                   << "";
    QTest::newRow("channel prefix") << "channel:PRIVATE-*"
                                    << "e0 e1";
    QTest::newRow("channel suffix") << "channel:*orders"
                                    << "e0 e1";
    QTest::newRow("channel contains") << "channel:*ORD*"
                                      << "e0 e1";
    QTest::newRow("channel question mark") << "channel:pr?vate-orders"
                                           << "e0 e1";
    QTest::newRow("channel inner star") << "channel:p*-n*s"
                                        << "e6";
    QTest::newRow("channel star: has a channel") << "channel:*"
                                                 << "e0 e1 e2 e6";
    QTest::newRow("negated channel star: no channel") << "-channel:*"
                                                      << "e3 e4 e5 e7";
    QTest::newRow("channel empty quoted: no channel") << "channel:\"\""
                                                      << "e3 e4 e5 e7";
    QTest::newRow("channel quoted star is literal") << "channel:\"private-*\""
                                                    << "";
    QTest::newRow("channel list") << "channel:presence-room,public-news"
                                  << "e2 e6";
    QTest::newRow("channel list with pattern") << "channel:presence-*,*news"
                                               << "e2 e6";
    QTest::newRow("channel quoted value") << "channel:\"presence-room\""
                                          << "e2";
    QTest::newRow("negated channel") << QStringLiteral("-channel:private-*") << except(QStringLiteral("e0 e1"));
    QTest::newRow("event with a colon in its value") << "event:pusher_internal:member_added"
                                                     << "e2";
    QTest::newRow("event pattern") << "event:pusher_internal:*"
                                   << "e2 e6";
    QTest::newRow("event list") << "event:order-updated,client-typing"
                                << "e0 e1";
    QTest::newRow("kind") << "kind:event"
                          << "e0";
    QTest::newRow("kind any case") << "kind:EVENT"
                                   << "e0";
    QTest::newRow("kind list") << "kind:client-event,presence"
                               << "e1 e2";
    QTest::newRow("kind wildcard") << "kind:client*"
                                   << "e1";
    QTest::newRow("kind wildcard, many kinds") << "kind:s*"
                                               << "e3 e6";
    QTest::newRow("negated kind") << QStringLiteral("-kind:timer") << except(QStringLiteral("e4"));
    QTest::newRow("dir in") << "dir:in"
                            << "e0 e2 e5 e6 e7";
    QTest::newRow("dir out") << "dir:out"
                             << "e1";
    QTest::newRow("dir local") << "dir:local"
                               << "e3 e4";
    QTest::newRow("dir list") << "dir:out,local"
                              << "e1 e3 e4";
    QTest::newRow("direction alias") << "direction:LOCAL"
                                     << "e3 e4";
    QTest::newRow("user") << "user:42"
                          << "e1";
    QTest::newRow("user list") << "user:42,7"
                               << "e1 e2";
    QTest::newRow("socket") << "socket:123.456"
                            << "e0";
    QTest::newRow("socket pattern") << "socket:123.*"
                                    << "e0";
    QTest::newRow("conn") << "conn:second"
                          << "e5";
    QTest::newRow("connection alias") << QStringLiteral("connection:MAIN") << except(QStringLiteral("e5"));
    QTest::newRow("client alias") << "client:second"
                                  << "e5";
    QTest::newRow("client alias negated") << QStringLiteral("-client:second") << except(QStringLiteral("e5"));
    QTest::newRow("and of fields and text") << "dir:in kind:event order"
                                            << "e0";
    QTest::newRow("and with negation") << "dir:in -order"
                                       << "e2 e5 e6 e7";
    QTest::newRow("and without a match") << "kind:timer channel:*"
                                         << "";
    QTest::newRow("extra spaces") << "  kind:event    dir:in  "
                                  << "e0";
}

void TestLogFilter::matching()
{
    QFETCH(QString, filter);
    QFETCH(QString, expected);

    const Result<LogFilter, FilterError> parsed = LogFilter::parse(filter);
    QVERIFY2(parsed.ok(), qPrintable(parsed.ok() ? QString() : parsed.error().message));
    const LogFilter &f = parsed.value();
    QCOMPARE(f.text(), filter);

    const auto entries = fixture();
    LogStore store;
    std::map<qsizetype, QString> nameOfRow;
    for (const auto &[name, entry] : entries) {
        nameOfRow[qsizetype(nameOfRow.size())] = name;
        store.append(entry);
    }
    store.flush();
    QCOMPARE(store.size(), qsizetype(entries.size()));

    QStringList fromEntries;
    for (const auto &[name, entry] : entries) {
        if (f.matches(entry))
            fromEntries.append(name);
    }
    QStringList fromRows;
    for (qsizetype row = 0; row < store.size(); ++row) {
        if (f.matches(store, row))
            fromRows.append(nameOfRow[row]);
    }
    QCOMPARE(fromEntries.join(u' '), expected);
    QCOMPARE(fromRows.join(u' '), expected);
    // A second pass answers from the per-name cache and must not change anything.
    fromRows.clear();
    for (qsizetype row = 0; row < store.size(); ++row) {
        if (f.matches(store, row))
            fromRows.append(nameOfRow[row]);
    }
    QCOMPARE(fromRows.join(u' '), expected);
}

void TestLogFilter::errors_data()
{
    QTest::addColumn<QString>("filter");
    QTest::addColumn<QString>("message");
    QTest::addColumn<int>("position");
    QTest::addColumn<int>("length");

    const QString fields =
        QStringLiteral("(fields: channel, event, kind, dir, user, socket, conn, violates, source, sig)");
    const QString kinds = QStringLiteral("(kinds: state, timer, connection, subscription, presence, event, "
                                         "client-event, signin, auth, rest, error, api, webhook, watch)");
    QTest::newRow("misspelt field") << "chanel:x"
                                    << QStringLiteral("unknown field 'chanel', did you mean 'channel'? ") + fields << 0
                                    << 6;
    QTest::newRow("misspelt field later")
        << "dir:in  evnt:foo" << QStringLiteral("unknown field 'evnt', did you mean 'event'? ") + fields << 8 << 4;
    QTest::newRow("field prefix suggests")
        << "sock:1" << QStringLiteral("unknown field 'sock', did you mean 'socket'? ") + fields << 0 << 4;
    QTest::newRow("negated unknown field")
        << "-knd:event" << QStringLiteral("unknown field 'knd', did you mean 'kind'? ") + fields << 1 << 3;
    QTest::newRow("unknown field, nothing close")
        << QStringLiteral("xyz:1") << QStringLiteral("unknown field 'xyz' ") + fields << 0 << 3;
    QTest::newRow("empty value") << "channel:"
                                 << "empty value after 'channel:'" << 0 << 8;
    QTest::newRow("empty value negated") << "order -kind:"
                                         << "empty value after 'kind:'" << 7 << 5;
    QTest::newRow("empty list element") << "event:a,,b"
                                        << "empty value in the list for 'event'" << 8 << 1;
    QTest::newRow("trailing comma") << "event:a,"
                                    << "empty value in the list for 'event'" << 8 << 1;
    QTest::newRow("leading comma") << "event:,a"
                                   << "empty value in the list for 'event'" << 6 << 1;
    QTest::newRow("unknown kind") << QStringLiteral("kind:evnt")
                                  << QStringLiteral("unknown kind 'evnt', did you mean 'event'? ") + kinds << 5 << 4;
    QTest::newRow("unknown kind in list")
        << QStringLiteral("kind:event,bogus") << QStringLiteral("unknown kind 'bogus' ") + kinds << 11 << 5;
    QTest::newRow("kind wildcard matching none")
        << QStringLiteral("kind:zz*") << QStringLiteral("unknown kind 'zz*' ") + kinds << 5 << 3;
    QTest::newRow("unknown dir") << "dir:inn"
                                 << "unknown direction 'inn', did you mean 'in'? (directions: in, out, local)" << 4
                                 << 3;
    QTest::newRow("unknown dir, quoted") << "dir:\"up\""
                                         << "unknown direction 'up' (directions: in, out, local)" << 4 << 4;
    QTest::newRow("unterminated quote") << "order \"two words"
                                        << "unterminated quote" << 6 << 10;
    QTest::newRow("unterminated quoted value") << "kind:\"event"
                                               << "unterminated quote" << 5 << 6;
    QTest::newRow("escaped quote does not close") << "\"a\\\""
                                                  << "unterminated quote" << 0 << 4;
    QTest::newRow("lone minus") << "- order"
                                << "'-' must be followed by a term" << 0 << 1;
    QTest::newRow("minus at the end") << "order -"
                                      << "'-' must be followed by a term" << 6 << 1;
}

void TestLogFilter::errors()
{
    QFETCH(QString, filter);
    QFETCH(QString, message);
    QFETCH(int, position);
    QFETCH(int, length);

    const Result<LogFilter, FilterError> parsed = LogFilter::parse(filter);
    QVERIFY(!parsed.ok());
    const FilterError &error = parsed.error();
    // Every syntax problem has one stable code for scripts; the message and span say which.
    QCOMPARE(error.code, ErrorCode::FilterSyntax);
    QCOMPARE(error.id(), QStringLiteral("filter-syntax"));
    QCOMPARE(error.message, message);
    QCOMPARE(error.position, position);
    QCOMPARE(error.length, length);
    QVERIFY(error.length >= 1);  // the filter bar always has something to underline
    QVERIFY(error.position + error.length <= filter.size() || error.length == 1);
}

void TestLogFilter::emptyAndText()
{
    QVERIFY(LogFilter().isEmpty());
    QVERIFY(LogFilter().matches(LogEntry()));
    QVERIFY(LogFilter::parse(QStringLiteral("  "))->isEmpty());
    QVERIFY(LogFilter::parse(QStringLiteral("\"\""))->isEmpty());  // empty free text restricts nothing
    const Result<LogFilter, FilterError> f = LogFilter::parse(QStringLiteral("kind:event"));
    QVERIFY(f.ok());
    QVERIFY(!f->isEmpty());
    QCOMPARE(f->text(), QStringLiteral("kind:event"));

    // Escapes inside quotes.
    LogEntry e = localEntry(EntryKind::Rest, QStringLiteral("say \"hi\" to C:\\temp"), "{}");
    QVERIFY(LogFilter::parse(QStringLiteral("\"say \\\"hi\\\"\""))->matches(e));
    QVERIFY(LogFilter::parse(QStringLiteral("\"C:\\\\temp\""))->matches(e));
    QVERIFY(!LogFilter::parse(QStringLiteral("\"say \\\"ho\\\"\""))->matches(e));
}

void TestLogFilter::copiesAreIndependent()
{
    const auto entries = fixture();
    LogStore store;
    for (const auto &[name, entry] : entries)
        store.append(entry);
    store.flush();
    const LogFilter a = LogFilter::parse(QStringLiteral("channel:private-*")).value();
    LogFilter b = a;
    LogFilter c;
    c = a;
    LogFilter moved = LogFilter(a);
    for (qsizetype row = 0; row < store.size(); ++row) {
        QCOMPARE(b.matches(store, row), a.matches(store, row));
        QCOMPARE(c.matches(store, row), a.matches(store, row));
        QCOMPARE(moved.matches(store, row), a.matches(store, row));
    }
    b = LogFilter::parse(QStringLiteral("kind:timer")).value();
    QCOMPARE(b.text(), QStringLiteral("kind:timer"));
    QCOMPARE(a.text(), QStringLiteral("channel:private-*"));
}

void TestLogFilter::cacheFollowsStoreAndClear()
{
    // Name ids are per store and start over after clear(): a cached result must not leak.
    const LogFilter f = LogFilter::parse(QStringLiteral("channel:alpha")).value();
    LogStore one;
    LogStore two;
    one.append(frameEntry(Direction::In, EntryKind::Event, QStringLiteral("alpha"), QStringLiteral("e"), "{}"));
    one.flush();
    two.append(frameEntry(Direction::In, EntryKind::Event, QStringLiteral("beta"), QStringLiteral("e"), "{}"));
    two.flush();
    QVERIFY(f.matches(one, 0));
    QVERIFY(!f.matches(two, 0));  // same name id, other store
    QVERIFY(f.matches(one, 0));

    one.clear();
    one.append(frameEntry(Direction::In, EntryKind::Event, QStringLiteral("beta"), QStringLiteral("e"), "{}"));
    one.append(frameEntry(Direction::In, EntryKind::Event, QStringLiteral("alpha"), QStringLiteral("e"), "{}"));
    one.flush();
    QVERIFY(!f.matches(one, 0));  // "beta" now has the id "alpha" had
    QVERIFY(f.matches(one, 1));
    QVERIFY(!f.matches(one, 2));  // not held
    QVERIFY(!f.matches(one, -1));

    // New names interned after the first match grow the cache.
    for (int i = 0; i < 100; ++i)
        one.append(
            frameEntry(Direction::In, EntryKind::Event, QStringLiteral("c%1").arg(i), QStringLiteral("e"), "{}"));
    one.append(frameEntry(Direction::In, EntryKind::Event, QStringLiteral("ALPHA"), QStringLiteral("e"), "{}"));
    one.flush();
    QVERIFY(!f.matches(one, 50));
    QVERIFY(f.matches(one, one.size() - 1));
}

void TestLogFilter::storeNameAccessors()
{
    // The read-only LogStore accessors the filter scans with.
    LogStore store;
    const quint64 token = store.namesToken();
    QCOMPARE(store.nameIdCount(), quint32(1));  // id 0: the empty name
    LogEntry e = frameEntry(Direction::In, EntryKind::Event, QStringLiteral("ch"), QStringLiteral("ev"), "{}");
    e.socketId = QStringLiteral("1.2");
    e.userId = QStringLiteral("u");
    store.append(e);
    store.append(localEntry(EntryKind::State, QStringLiteral("m \u2192 n"), "{}"));
    store.flush();
    QCOMPARE(store.socketIdAt(0), QStringLiteral("1.2"));
    QCOMPARE(store.userIdAt(0), QStringLiteral("u"));
    QCOMPARE(store.messageUtf8At(0).size(), 0);
    QCOMPARE(store.messageUtf8At(1).toByteArray(), QStringLiteral("m \u2192 n").toUtf8());
    QCOMPARE(store.rawAt(1).toByteArray(), QByteArray("{}"));
    using F = LogStore::NameField;
    QCOMPARE(store.nameForId(store.nameIdAt(0, F::Channel)), QStringLiteral("ch"));
    QCOMPARE(store.nameForId(store.nameIdAt(0, F::Event)), QStringLiteral("ev"));
    QCOMPARE(store.nameForId(store.nameIdAt(0, F::SocketId)), QStringLiteral("1.2"));
    QCOMPARE(store.nameForId(store.nameIdAt(0, F::UserId)), QStringLiteral("u"));
    QCOMPARE(store.nameForId(store.nameIdAt(0, F::Connection)), QStringLiteral("main"));
    QCOMPARE(store.nameIdAt(1, F::Channel), quint32(0));
    QCOMPARE(store.nameIdAt(5, F::Channel), quint32(0));
    QCOMPARE(store.nameForId(100000), QString());
    QCOMPARE(store.nameIdCount(), quint32(6));
    QCOMPARE(store.namesToken(), token);
    store.clear();
    QVERIFY(store.namesToken() != token);
    QCOMPARE(store.nameIdCount(), quint32(1));
    LogStore other;
    QVERIFY(other.namesToken() != store.namesToken());
}

void TestLogFilter::wildcardsOnlyInFieldValues()
{
    LogEntry star = localEntry(EntryKind::State, QStringLiteral("a*b"), "{}");
    LogEntry plain = localEntry(EntryKind::State, QStringLiteral("axb"), "{}");
    const LogFilter text = LogFilter::parse(QStringLiteral("a*b")).value();
    QVERIFY(text.matches(star));
    QVERIFY(!text.matches(plain));

    LogEntry e = frameEntry(Direction::In, EntryKind::Event, QStringLiteral("a*b"), QStringLiteral("x?y"), "{}");
    QVERIFY(LogFilter::parse(QStringLiteral("channel:\"a*b\""))->matches(e));
    QVERIFY(LogFilter::parse(QStringLiteral("channel:a*b"))->matches(e));
    e.channel = QStringLiteral("a-long-b");
    QVERIFY(!LogFilter::parse(QStringLiteral("channel:\"a*b\""))->matches(e));
    QVERIFY(LogFilter::parse(QStringLiteral("channel:a*b"))->matches(e));
    QVERIFY(LogFilter::parse(QStringLiteral("event:x\"?\"y"))->matches(e));
    e.event = QStringLiteral("xzy");
    QVERIFY(!LogFilter::parse(QStringLiteral("event:x\"?\"y"))->matches(e));
    QVERIFY(LogFilter::parse(QStringLiteral("event:x?y"))->matches(e));
    // Regular-expression characters are literal.
    e.channel = QStringLiteral("a.(b)+");
    QVERIFY(LogFilter::parse(QStringLiteral("channel:a.(*)+"))->matches(e));
    QVERIFY(!LogFilter::parse(QStringLiteral("channel:a?(*)"))->matches(e));
}

void TestLogFilter::freeTextAtEveryPosition()
{
    // The byte search works on 16 positions at a time: try every offset, length and case.
    const QList<QByteArray> needles{"q", "Zq", "zQ9-x", "ab@`", "\xE2\x86\x92", "needle-longer-than-sixteen"};
    for (const QByteArray &needle : needles) {
        const LogFilter f = LogFilter::parse(QString::fromUtf8(needle.toLower())).value();
        QVERIFY(!f.isEmpty());
        QByteArray upper = needle.toUpper();
        QByteArray mixed = needle;
        for (qsizetype i = 0; i < mixed.size(); i += 2) {
            if (mixed[i] >= 'a' && mixed[i] <= 'z')
                mixed[i] = char(mixed[i] - 'a' + 'A');
        }
        QByteArray miss = needle;
        miss[miss.size() - 1] = '#';
        for (int length = int(needle.size()); length <= 70; ++length) {
            for (int at = 0; at + needle.size() <= length; ++at) {
                for (const QByteArray &variant : {needle, upper, mixed, miss}) {
                    LogEntry e = localEntry(EntryKind::Rest, QString(), QByteArray(length, 'y'));
                    e.raw.replace(at, variant.size(), variant);
                    const bool expected = variant != miss;
                    if (f.matches(e) != expected) {
                        QFAIL(qPrintable(QStringLiteral("needle %1 in %2 at %3: expected %4")
                                             .arg(QString::fromUtf8(needle), QString::fromUtf8(e.raw))
                                             .arg(at)
                                             .arg(expected)));
                    }
                }
            }
        }
    }
    // '@' | 0x20 is '`': only letters are folded.
    LogEntry e = localEntry(EntryKind::Rest, QString(), QByteArray(40, 'y') + "@b" + QByteArray(40, 'y'));
    QVERIFY(!LogFilter::parse(QStringLiteral("`b"))->matches(e));
    QVERIFY(LogFilter::parse(QStringLiteral("@B"))->matches(e));
}

// Not a QBENCHMARK: one timed pass of each filter over a million stored rows, run on demand.
void TestLogFilter::benchmarkMillionRows()
{
    if (qEnvironmentVariableIsEmpty("CS_FILTER_BENCH"))
        QSKIP("set CS_FILTER_BENCH=1 to time filters over 1,000,000 rows");
    constexpr int kRows = 1'000'000;
    LogStore store;
    QElapsedTimer build;
    build.start();
    for (int i = 0; i < kRows; ++i) {
        store.append(benchEntry(i));
        if (i % 10000 == 9999)
            store.flush();
    }
    store.flush();
    QCOMPARE(store.size(), qsizetype(kRows));
    qInfo("built %d rows (raw %lld bytes each) in %lld ms", kRows, qlonglong(store.rawAt(0).size()),
          qlonglong(build.elapsed()));

    const QStringList filters{QStringLiteral("channel:private-orders-7"),
                              QStringLiteral("channel:private-orders-1*"),
                              QStringLiteral("event:order-1,order-2 dir:in"),
                              QStringLiteral("kind:client-event"),
                              QStringLiteral("-kind:event channel:*orders-4?"),
                              QStringLiteral("order-7"),
                              QStringLiteral("shipped"),
                              QStringLiteral("\"customer number 976\""),
                              QStringLiteral("nothing-like-this"),
                              QStringLiteral("zz"),
                              QStringLiteral("\"er r\""),
                              QStringLiteral("kind:event \"number 976\"")};
    for (const QString &text : filters) {
        const LogFilter f = LogFilter::parse(text).value();
        QVERIFY(!f.isEmpty());
        qint64 best = std::numeric_limits<qint64>::max();
        qsizetype hits = 0;
        for (int pass = 0; pass < 3; ++pass) {
            QElapsedTimer t;
            t.start();
            hits = 0;
            for (qsizetype row = 0; row < store.size(); ++row)
                hits += f.matches(store, row) ? 1 : 0;
            best = std::min(best, t.elapsed());
        }
        qInfo("%-36s %7lld matches  %5lld ms", qPrintable(text), qlonglong(hits), qlonglong(best));
    }

    // The model's full reset on a filter change: the same scan plus the visible-row list.
    LogModel model(&store);
    QCOMPARE(model.rowCount(), kRows);
    for (const QString &text : {QStringLiteral("channel:private-orders-7"), QStringLiteral("order-7"), QString()}) {
        QElapsedTimer t;
        t.start();
        model.setFilter(LogFilter::parse(text).value());
        qInfo("LogModel::setFilter(%s): %d rows in %lld ms", qPrintable(text), model.rowCount(),
              qlonglong(t.elapsed()));
    }
}

QTEST_GUILESS_MAIN(TestLogFilter)
#include "tst_logfilter.moc"
