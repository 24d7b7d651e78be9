// LogEntry's named constructors: each sets the direction, kind, names, bytes and message its
// header promises, so that the wire code, the filter and exports see the same entry whatever
// built it.

#include "logentry.h"
#include "logfilter.h"
#include "logmodel.h"  // Q_DECLARE_METATYPE(cs::LogEntry)

#include <QJsonObject>
#include <QTest>

using namespace cs;

namespace {

const QString kConn = QStringLiteral("main");
const QString kSocket = QStringLiteral("123.456");

}  // namespace

class TestLogEntry : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void namedConstructors_data();
    void namedConstructors();
    void frameDefaultsLeaveNamesEmpty();
};

void TestLogEntry::namedConstructors_data()
{
    QTest::addColumn<LogEntry>("entry");
    QTest::addColumn<QString>("dir");
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("channel");
    QTest::addColumn<QString>("event");
    QTest::addColumn<QString>("userId");
    QTest::addColumn<QByteArray>("raw");
    QTest::addColumn<QString>("message");
    QTest::addColumn<bool>("isFrame");

    const QByteArray member = R"({"event":"pusher_internal:member_added","channel":"presence-a","user_id":"7"})";
    QTest::newRow("inbound") << LogEntry::inbound(EntryKind::Presence, kConn, kSocket, member,
                                                  QStringLiteral("presence-a"),
                                                  QStringLiteral("pusher_internal:member_added"), QStringLiteral("7"))
                             << "in"
                             << "presence"
                             << "presence-a"
                             << "pusher_internal:member_added"
                             << "7" << member << QString() << true;

    const QByteArray garbage = "{not json";
    QTest::newRow("undecodable") << LogEntry::undecodable(kConn, kSocket, garbage,
                                                          QStringLiteral("not a Pusher message: bad JSON"))
                                 << "in"
                                 << "error" << QString() << QString() << QString() << garbage
                                 << "not a Pusher message: bad JSON" << true;

    const QByteArray subscribe = R"({"event":"pusher:subscribe","data":{"channel":"orders"}})";
    QTest::newRow("outbound") << LogEntry::outbound(EntryKind::Subscription, kConn, kSocket, subscribe,
                                                    QStringLiteral("orders"), QStringLiteral("pusher:subscribe"))
                              << "out"
                              << "subscription"
                              << "orders"
                              << "pusher:subscribe" << QString() << subscribe << QString() << true;

    QTest::newRow("local") << LogEntry::local(EntryKind::Timer, kConn, kSocket, QStringLiteral("pong timeout"),
                                              QByteArrayLiteral(R"({"ms":30000})"))
                           << "local"
                           << "timer" << QString() << QString() << QString() << QByteArray(R"({"ms":30000})")
                           << "pong timeout" << false;
}

void TestLogEntry::namedConstructors()
{
    QFETCH(LogEntry, entry);
    QFETCH(QString, dir);
    QFETCH(QString, kind);
    QFETCH(QString, channel);
    QFETCH(QString, event);
    QFETCH(QString, userId);
    QFETCH(QByteArray, raw);
    QFETCH(QString, message);
    QFETCH(bool, isFrame);

    QCOMPARE(directionName(entry.direction), dir);
    QCOMPARE(entryKindName(entry.kind), kind);
    QCOMPARE(entry.connection, kConn);
    QCOMPARE(entry.socketId, kSocket);
    QCOMPARE(entry.channel, channel);
    QCOMPARE(entry.event, event);
    QCOMPARE(entry.userId, userId);
    QCOMPARE(entry.raw, raw);  // frames: the exact bytes, never re-serialized
    QCOMPARE(entry.message, message);
    QCOMPARE(entry.isFrame(), isFrame);
    QCOMPARE(entry.seq, quint64(0));  // the store numbers and stamps entries, not the constructor
    QCOMPARE(entry.timeMs, qint64(0));

    // What the filter and `listen` see follows from those fields.
    QVERIFY(LogFilter::parse(QStringLiteral("dir:%1 kind:%2 conn:main socket:123.456").arg(dir, kind))->matches(entry));
    const QJsonObject json = entry.toJson();
    QCOMPARE(json.value(QLatin1StringView("dir")).toString(), dir);
    QCOMPARE(json.value(QLatin1StringView("kind")).toString(), kind);
    QCOMPARE(json.contains(QLatin1StringView("raw")), isFrame);
}

void TestLogEntry::frameDefaultsLeaveNamesEmpty()
{
    const QByteArray pong = R"({"event":"pusher:pong"})";
    const LogEntry in = LogEntry::inbound(EntryKind::Connection, kConn, QString(), pong);
    QVERIFY(in.channel.isEmpty() && in.event.isEmpty() && in.userId.isEmpty() && in.message.isEmpty());
    QCOMPARE(in.direction, Direction::In);
    const LogEntry out = LogEntry::outbound(EntryKind::Connection, kConn, QString(), pong);
    QVERIFY(out.channel.isEmpty() && out.event.isEmpty() && out.userId.isEmpty() && out.message.isEmpty());
    QCOMPARE(out.direction, Direction::Out);
    // The filter's "has no channel" sees them as such.
    QVERIFY(LogFilter::parse(QStringLiteral("-channel:*"))->matches(in));
}

QTEST_GUILESS_MAIN(TestLogEntry)
#include "tst_logentry.moc"
