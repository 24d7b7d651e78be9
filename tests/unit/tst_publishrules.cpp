// The rules that enable the publish and inspect panels' buttons: whether a trigger, a batch, a
// client event or an inspect query may be sent and, if not, the reason the user reads. One row
// per rule; the panels only show what these answer.
#include "clienteventrules.h"
#include "inspectrules.h"
#include "publishrules.h"

#include <QTest>

using namespace cs;

Q_DECLARE_METATYPE(cs::TriggerDraft)
Q_DECLARE_METATYPE(cs::BatchDraft)
Q_DECLARE_METATYPE(cs::ClientEventDraft)
Q_DECLARE_METATYPE(cs::SubscriptionState)

namespace {

// A trigger that may be sent; each row breaks one thing.
TriggerDraft goodTrigger()
{
    TriggerDraft d;
    d.hasSession = true;
    d.channels = {QStringLiteral("public-a"), QStringLiteral("private-b")};
    d.event = QStringLiteral("greet");
    d.data = QStringLiteral("{\"a\":1}");
    return d;
}

BatchRowDraft row(const QString &channel, const QString &event, const QString &dataProblem = {})
{
    return BatchRowDraft{channel, event, QStringLiteral("{}"), dataProblem};
}

// BatchDraft's members in order, limits left at hosted Pusher's.
BatchDraft batchOf(bool hasSession, const QList<BatchRowDraft> &rows)
{
    BatchDraft d;
    d.hasSession = hasSession;
    d.rows = rows;
    return d;
}

ClientEventDraft goodClientEvent()
{
    ClientEventDraft d;
    d.hasSession = true;
    d.connected = true;
    d.channel = QStringLiteral("private-chat");
    d.subscription = SubscriptionState::Subscribed;
    d.eventSuffix = QStringLiteral("typing");
    return d;
}

}  // namespace

class TestPublishRules : public QObject {
    Q_OBJECT

private slots:
    void channelList_data();
    void channelList();
    void trigger_data();
    void trigger();
    void triggerInputVersusMissing();
    void triggerWarnings();
    void batch_data();
    void batch();
    void batchRowCells();
    void clientEvent_data();
    void clientEvent();
    void clientEventChannels_data();
    void clientEventChannels();
    void inspect_data();
    void inspect();
    void inspectInfo();
};

// Every rule row checks the same thing: allowed when no code is expected, else refused with that
// code and a message containing the expected words.
namespace {

void expectStatus(const Status &status, const QString &code, const QString &message)
{
    if (code.isEmpty()) {
        QVERIFY2(status.ok(), qPrintable(status.ok() ? QString() : status.error().message));
        return;
    }
    QVERIFY(!status.ok());
    QCOMPARE(status.error().id(), code);
    QVERIFY2(status.error().message.contains(message), qPrintable(status.error().message));
}

}  // namespace

void TestPublishRules::channelList_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("channels");
    QTest::addRow("spaces") << QStringLiteral("a b") << QStringList{QStringLiteral("a"), QStringLiteral("b")};
    QTest::addRow("new lines and tabs") << QStringLiteral(" a\n\tb \n")
                                        << QStringList{QStringLiteral("a"), QStringLiteral("b")};
    QTest::addRow("commas belong to names")
        << QStringLiteral("a,b c") << QStringList{QStringLiteral("a,b"), QStringLiteral("c")};
    QTest::addRow("duplicates dropped") << QStringLiteral("a b a")
                                        << QStringList{QStringLiteral("a"), QStringLiteral("b")};
    QTest::addRow("blank") << "  \n" << QStringList{};
}

void TestPublishRules::channelList()
{
    QFETCH(QString, text);
    QFETCH(QStringList, channels);
    QCOMPARE(triggerChannels(text), channels);
}

void TestPublishRules::trigger_data()
{
    QTest::addColumn<TriggerDraft>("draft");
    QTest::addColumn<QString>("code");     // empty: may be sent
    QTest::addColumn<QString>("message");  // part of the reason

    QTest::addRow("all good") << goodTrigger() << QString() << QString();
    {
        TriggerDraft d = goodTrigger();
        d.hasSession = false;
        QTest::addRow("no connection") << d << "no-session"
                                       << "open a profile first";
    }
    {
        TriggerDraft d = goodTrigger();
        d.channels.clear();
        QTest::addRow("no channel") << d << "no-channel"
                                    << "at least one channel";
    }
    {
        TriggerDraft d = goodTrigger();
        d.channels = {QStringLiteral("bad channel")};
        QTest::addRow("bad channel name") << d << "invalid-channel-name"
                                          << "bad channel";
    }
    {
        TriggerDraft d = goodTrigger();
        d.channels.clear();
        for (int i = 0; i < 101; ++i)
            d.channels << QStringLiteral("c%1").arg(i);
        QTest::addRow("over 100 channels") << d << "too-many-channels"
                                           << "101";
    }
    {
        TriggerDraft d = goodTrigger();
        d.channels << QStringLiteral("private-encrypted-c");
        QTest::addRow("encrypted channel with others") << d << "encrypted-channel-not-alone"
                                                       << "alone";
    }
    {
        TriggerDraft d = goodTrigger();
        d.channels = {QStringLiteral("#server-to-user-ada")};
        QTest::addRow("send to user") << d << QString() << QString();
    }
    {
        TriggerDraft d = goodTrigger();
        d.event.clear();
        QTest::addRow("no event") << d << "no-event"
                                  << "Enter an event name";
    }
    {
        TriggerDraft d = goodTrigger();
        d.event = QString(250, u'e');
        QTest::addRow("event too long") << d << "invalid-event-name"
                                        << "limit is 200";
    }
    {
        TriggerDraft d = goodTrigger();
        d.dataProblem = QStringLiteral("Line 1, column 2: oops");
        QTest::addRow("invalid JSON") << d << "invalid-data"
                                      << "Send as a plain string";
    }
    {
        TriggerDraft d = goodTrigger();
        d.data = QString(20 * 1024, u'x');
        QTest::addRow("big data only warns") << d << QString() << QString();
    }
    {
        TriggerDraft d = goodTrigger();
        d.excludeMe = true;
        d.socketId = QStringLiteral("123.456");
        QTest::addRow("exclude me with a socket") << d << QString() << QString();
    }
    {
        TriggerDraft d = goodTrigger();
        d.excludeMe = true;
        QTest::addRow("exclude me without a socket") << d << "no-socket-id"
                                                     << "connected socket";
    }
    {
        TriggerDraft d = goodTrigger();
        d.hasSession = false;
        d.event = QString(250, u'e');
        QTest::addRow("typed problem before missing connection") << d << "invalid-event-name"
                                                                 << "limit is 200";
    }
}

void TestPublishRules::trigger()
{
    QFETCH(TriggerDraft, draft);
    QFETCH(QString, code);
    QFETCH(QString, message);
    const Status status = canSendTrigger(draft);
    expectStatus(status, code, message);
}

void TestPublishRules::triggerInputVersusMissing()
{
    // What is missing is not a typing problem: the form shows no red for an empty form.
    TriggerDraft empty;
    QVERIFY(checkTriggerInput(empty).ok());
    QVERIFY(!canSendTrigger(empty).ok());
    TriggerDraft typo = empty;
    typo.channels = {QStringLiteral("bad channel")};
    QVERIFY(!checkTriggerInput(typo).ok());
    QCOMPARE(checkTriggerInput(typo).error(), canSendTrigger(typo).error());
}

void TestPublishRules::triggerWarnings()
{
    TriggerDraft d = goodTrigger();
    QVERIFY(cs::triggerWarnings(d).isEmpty());
    d.data = QString(11 * 1024, u'x');
    QCOMPARE(cs::triggerWarnings(d).size(), 1);
    QVERIFY(cs::triggerWarnings(d).first().contains(QStringLiteral("10 KB")));
    d.channels = {QString(170, u'c')};
    QCOMPARE(cs::triggerWarnings(d).size(), 2);
    d.channels = {QStringLiteral("bad channel")};
    QVERIFY(cs::triggerWarnings(d).isEmpty());  // the error says it, no warning on top
}

void TestPublishRules::batch_data()
{
    QTest::addColumn<BatchDraft>("draft");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("message");

    const BatchRowDraft one = row(QStringLiteral("public-b1"), QStringLiteral("one"));
    const BatchRowDraft empty = row({}, {});
    QTest::addRow("one event") << batchOf(true, {one}) << QString() << QString();
    QTest::addRow("empty rows skipped") << batchOf(true, {empty, one, empty}) << QString() << QString();
    QTest::addRow("no connection") << batchOf(false, {one}) << "no-session"
                                   << "open a profile first";
    QTest::addRow("nothing filled in") << batchOf(true, {empty}) << "empty-batch"
                                       << "at least one row";
    QTest::addRow("bad channel") << batchOf(true, {one, row(QStringLiteral("bad channel"), QStringLiteral("two"))})
                                 << "invalid-batch-row"
                                 << "Row 2, channel:";
    QTest::addRow("channel missing") << batchOf(true, {row({}, QStringLiteral("two"))}) << "invalid-batch-row"
                                     << "Row 1, channel:";
    QTest::addRow("event missing") << batchOf(true, {row(QStringLiteral("public-b1"), {})}) << "invalid-batch-row"
                                   << "Row 1, event:";
    QTest::addRow("bad data") << batchOf(true, {empty, row(QStringLiteral("public-b1"), QStringLiteral("e"),
                                                           QStringLiteral("Line 1, column 5: x"))})
                              << "invalid-batch-row"
                              << "Row 2, data: Line 1, column 5";
    QTest::addRow("send to user") << batchOf(true, {row(QStringLiteral("#server-to-user-ada"), QStringLiteral("e"))})
                                  << QString() << QString();
    QTest::addRow("reserved # name") << batchOf(true, {row(QStringLiteral("#private"), QStringLiteral("e"))})
                                     << "invalid-batch-row"
                                     << "Row 1, channel:";
    QList<BatchRowDraft> eleven(kBatchEventLimit + 1, one);
    QTest::addRow("over the limit") << batchOf(true, eleven) << "batch-too-large"
                                    << "at most 10";
    QTest::addRow("typed problem before missing connection")
        << batchOf(false, {row(QStringLiteral("bad channel"), QStringLiteral("e"))}) << "invalid-batch-row"
        << "Row 1";
}

void TestPublishRules::batch()
{
    QFETCH(BatchDraft, draft);
    QFETCH(QString, code);
    QFETCH(QString, message);
    const Status status = canSendBatch(draft);
    expectStatus(status, code, message);
}

void TestPublishRules::batchRowCells()
{
    QVERIFY(checkBatchRow(row({}, {})).ok());  // skipped, even with bad data
    QVERIFY(checkBatchRow(BatchRowDraft{{}, {}, QStringLiteral("{"), QStringLiteral("bad")}).ok());
    const BatchRowProblems p =
        checkBatchRow(row(QStringLiteral("bad channel"), QString(250, u'e'), QStringLiteral("bad data")));
    QVERIFY(!p.channel.isEmpty());
    QVERIFY(p.event.contains(QStringLiteral("limit is 200")));
    QCOMPARE(p.data, QStringLiteral("bad data"));
    QCOMPARE((batchOf(true, {row({}, {}), row(QStringLiteral("a"), QStringLiteral("b"))}).eventCount()), 1);
}

void TestPublishRules::clientEvent_data()
{
    QTest::addColumn<ClientEventDraft>("draft");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("message");

    QTest::addRow("all good") << goodClientEvent() << QString() << QString();
    {
        ClientEventDraft d = goodClientEvent();
        d.channel = QStringLiteral("presence-room");
        QTest::addRow("presence") << d << QString() << QString();
    }
    {
        ClientEventDraft d = goodClientEvent();
        d.hasSession = false;
        d.connected = false;
        QTest::addRow("no connection") << d << "no-session"
                                       << "open a profile first";
    }
    {
        ClientEventDraft d = goodClientEvent();
        d.connected = false;
        QTest::addRow("not connected") << d << "not-connected"
                                       << "WebSocket";
    }
    {
        ClientEventDraft d = goodClientEvent();
        d.channel.clear();
        d.subscription.reset();
        QTest::addRow("no channel") << d << "no-channel"
                                    << "Subscribe to a private or presence channel";
    }
    {
        ClientEventDraft d = goodClientEvent();
        d.channel = QStringLiteral("public-chat");
        QTest::addRow("public channel") << d << "client-event-public"
                                        << "private or presence";
    }
    {
        ClientEventDraft d = goodClientEvent();
        d.channel = QStringLiteral("private-encrypted-chat");
        QTest::addRow("encrypted channel") << d << "client-event-encrypted"
                                           << "encrypted";
    }
    {
        ClientEventDraft d = goodClientEvent();
        d.subscription.reset();
        QTest::addRow("not subscribed") << d << "not-subscribed"
                                        << "Not subscribed to private-chat";
    }
    {
        ClientEventDraft d = goodClientEvent();
        d.subscription = SubscriptionState::Pending;
        QTest::addRow("subscription pending") << d << "not-subscribed"
                                              << "pending";
    }
    {
        ClientEventDraft d = goodClientEvent();
        d.eventSuffix.clear();
        QTest::addRow("no event name") << d << "no-event"
                                       << "after client-";
    }
    {
        ClientEventDraft d = goodClientEvent();
        d.eventSuffix = QString(200, u'e');  // client- + 200 is over the limit
        QTest::addRow("name too long") << d << "invalid-event-name"
                                       << "200";
    }
    {
        ClientEventDraft d = goodClientEvent();
        d.dataProblem = QStringLiteral("Line 1, column 2: oops");
        QTest::addRow("invalid data") << d << "invalid-data"
                                      << "Line 1, column 2";
    }
    {
        ClientEventDraft d = goodClientEvent();
        d.hasSession = false;
        d.dataProblem = QStringLiteral("Line 1, column 2: oops");
        QTest::addRow("typed problem before missing connection") << d << "invalid-data"
                                                                 << "Line 1, column 2";
    }
}

void TestPublishRules::clientEvent()
{
    QFETCH(ClientEventDraft, draft);
    QFETCH(QString, code);
    QFETCH(QString, message);
    const Status status = canSendClientEvent(draft);
    if (code.isEmpty()) {
        QVERIFY2(status.ok(), qPrintable(status.ok() ? QString() : status.error().message));
        QCOMPARE(draft.eventName(), QStringLiteral("client-") + draft.eventSuffix);
        return;
    }
    QVERIFY(!status.ok());
    QCOMPARE(status.error().id(), code);
    QVERIFY2(status.error().message.contains(message), qPrintable(status.error().message));
}

void TestPublishRules::clientEventChannels_data()
{
    QTest::addColumn<QString>("channel");
    QTest::addColumn<SubscriptionState>("state");
    QTest::addColumn<bool>("offered");
    QTest::addRow("private subscribed") << "private-a" << SubscriptionState::Subscribed << true;
    QTest::addRow("presence subscribed") << "presence-a" << SubscriptionState::Subscribed << true;
    QTest::addRow("private pending") << "private-a" << SubscriptionState::Pending << false;
    QTest::addRow("private failed") << "private-a" << SubscriptionState::Failed << false;
    QTest::addRow("public") << "public-a" << SubscriptionState::Subscribed << false;
    QTest::addRow("encrypted") << "private-encrypted-a" << SubscriptionState::Subscribed << false;
}

void TestPublishRules::clientEventChannels()
{
    QFETCH(QString, channel);
    QFETCH(SubscriptionState, state);
    QFETCH(bool, offered);
    Subscription sub;
    sub.name = channel;
    sub.kind = channelKindOf(channel);
    sub.state = state;
    QCOMPARE(acceptsClientEvents(sub), offered);
}

void TestPublishRules::inspect_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<bool>("hasSession");
    QTest::addColumn<QString>("argument");
    QTest::addColumn<QString>("code");
    QTest::addRow("list") << "list" << true << QString() << QString();
    QTest::addRow("list without connection") << "list" << false << QString() << "no-session";
    QTest::addRow("channel") << "channel" << true << "presence-a" << QString();
    QTest::addRow("channel without name") << "channel" << true << "  "
                                          << "no-channel";
    QTest::addRow("channel without connection") << "channel" << false << "presence-a"
                                                << "no-session";
    QTest::addRow("terminate") << "terminate" << true << "u1" << QString();
    QTest::addRow("terminate without user id") << "terminate" << true << " "
                                               << "no-user-id";
    QTest::addRow("terminate without connection") << "terminate" << false << "u1"
                                                  << "no-session";
}

void TestPublishRules::inspect()
{
    QFETCH(QString, query);
    QFETCH(bool, hasSession);
    QFETCH(QString, argument);
    QFETCH(QString, code);
    const Status status = query == QLatin1String("list")      ? canListChannels(hasSession)
                          : query == QLatin1String("channel") ? canQueryChannel(hasSession, argument)
                                                              : canTerminateUser(hasSession, argument);
    QCOMPARE(status.ok() ? QString() : status.error().id(), code);
    if (!status.ok())
        QVERIFY(!status.error().message.isEmpty());
}

void TestPublishRules::inspectInfo()
{
    QCOMPARE(channelListInfo(QStringLiteral("presence-")), QStringList{QStringLiteral("user_count")});
    QVERIFY(channelListInfo(QStringLiteral("private-")).isEmpty());
    QVERIFY(channelListInfo({}).isEmpty());
    QVERIFY(!mayAskSubscriptionCount(QStringLiteral("presence-a")));
    QVERIFY(mayAskSubscriptionCount(QStringLiteral("private-a")));
    QCOMPARE(channelInfoFields(QStringLiteral("presence-a"), true), QStringList{QStringLiteral("user_count")});
    QCOMPARE(channelInfoFields(QStringLiteral("private-a"), true), QStringList{QStringLiteral("subscription_count")});
    QVERIFY(channelInfoFields(QStringLiteral("private-a"), false).isEmpty());
    QCOMPARE(channelInfoFields(QStringLiteral("presence-cache-a"), false),
             (QStringList{QStringLiteral("user_count"), QStringLiteral("cache")}));
}

QTEST_GUILESS_MAIN(TestPublishRules)
#include "tst_publishrules.moc"
