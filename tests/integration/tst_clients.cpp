// Several clients side by side against a real soketi (issue 13): three presence users whose
// rosters match what pusher-js sees of the same channel, a client event from A reaching B and C
// and not A, a REST trigger excluding B's socket, a delivery the server never made flagged as
// "missed", names and colours, and each client reconnecting on its own.

#include "clientset.h"
#include "deliverytracker.h"
#include "framebuild.h"
#include "logstore.h"
#include "nodepeer.h"
#include "soketi.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QtTest>

using namespace cs;
using cs::test::NodePeer;

namespace {

constexpr int kWait = 10000;
const QString kRoom = QStringLiteral("presence-room");

bool allOn(const QList<Client *> &clients, const QString &channel)
{
    return std::all_of(clients.cbegin(), clients.cend(), [&](const Client *c) { return c->isOn(channel); });
}

QStringList rosterOf(const Client *client, const QString &channel)
{
    const Subscription *sub = client->session()->channels()->subscription(channel);
    return sub ? QStringList(sub->members.keys()) : QStringList();
}

const DeliveryCell *cellOf(const DeliveryTracker &tracker, const QString &client)
{
    for (const DeliveryCell &cell : tracker.cells()) {
        if (cell.client == client)
            return &cell;
    }
    return nullptr;
}

QString describe(const DeliveryTracker &tracker)
{
    return QString::fromUtf8(QJsonDocument(tracker.toJson()).toJson(QJsonDocument::Compact));
}

}  // namespace

class TestClients : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void namesAndColours();
    void presenceRosterMatchesPusherJs();
    void clientEventReachesOthersNotSender();
    void restTriggerExcludesOneSocket();
    void channelOnlySomeAreOnIsNoSurprise();
    void deliveryTheServerNeverMadeIsMissed();
    void renameReconnectsUnderTheNewName();
    void eachClientReconnectsOnItsOwn();

private:
    QList<Client *> threeOn(const QString &channel);

    cs::test::SoketiServer m_soketi;
    std::unique_ptr<LogStore> m_log;
    std::unique_ptr<ClientSet> m_clients;
};

void TestClients::initTestCase() { QVERIFY2(m_soketi.start(), qPrintable(m_soketi.output())); }

void TestClients::init()
{
    if (!m_soketi.isRunning())
        QVERIFY2(m_soketi.restart(), qPrintable(m_soketi.output()));
    m_log = std::make_unique<LogStore>();
    m_clients = std::make_unique<ClientSet>(m_log.get());
}

void TestClients::cleanup()
{
    m_clients.reset();
    m_log.reset();
}

QList<Client *> TestClients::threeOn(const QString &channel)
{
    auto added = m_clients->addPresenceUsers(3, kRoom, m_soketi.credentials());
    if (!added)
        return {};
    for (Client *c : *added) {
        if (channel != kRoom)
            c->subscribe(channel);
    }
    if (!QTest::qWaitFor([&] { return allOn(*added, kRoom) && allOn(*added, channel); }, kWait))
        return {};
    return *added;
}

void TestClients::namesAndColours()
{
    const Credentials credentials = m_soketi.credentials();
    QList<Client *> made;
    for (int i = 0; i < 3; ++i)
        made << *m_clients->add({credentials, {}, {}, {}});
    QCOMPARE(made[0]->name(), QStringLiteral("A"));
    QCOMPARE(made[2]->name(), QStringLiteral("C"));
    QCOMPARE(made[1]->colorIndex(), 1);
    QCOMPARE(made[1]->identity().userId, QStringLiteral("user-B"));
    // A removed client's name and colour go to the next one; the others keep theirs.
    QVERIFY(m_clients->remove(made[1]));
    Client *next = *m_clients->add({credentials, {}, {}, {}});
    QCOMPARE(next->name(), QStringLiteral("B"));
    QCOMPARE(next->colorIndex(), 1);
    QCOMPARE(made[2]->colorIndex(), 2);
    // Names are log columns and filter values: unique, short, no spaces.
    QCOMPARE(m_clients->add({credentials, {}, {}, QStringLiteral("A")}).error().id(), QStringLiteral("usage"));
    QCOMPARE(m_clients->add({credentials, {}, {}, QStringLiteral("a b")}).error().id(), QStringLiteral("usage"));
    QCOMPARE(m_clients->rename(next, QStringLiteral("C")).error().id(), QStringLiteral("usage"));
    QVERIFY(m_clients->rename(next, QStringLiteral("bob")));
    QCOMPARE(m_clients->find(QStringLiteral("bob")), next);
    QCOMPARE(m_clients->addPresenceUsers(2, QStringLiteral("public-room"), credentials).error().id(),
             QStringLiteral("invalid-channel-name"));
}

void TestClients::presenceRosterMatchesPusherJs()
{
    const QList<Client *> clients = threeOn(kRoom);
    QCOMPARE(clients.size(), 3);
    QMap<QString, QString> env = NodePeer::envFor(m_soketi.credentials());
    env.insert(QStringLiteral("CS_USER_ID"), QStringLiteral("pjs"));
    env.insert(QStringLiteral("CS_USER_INFO"), QStringLiteral("{\"name\":\"pusher-js\"}"));
    NodePeer peer;
    QVERIFY(peer.start(QStringLiteral("pusherjs-client.js"), {kRoom}, env));
    QVERIFY2(peer.waitForType(QStringLiteral("subscribed")), qPrintable(peer.stderrText()));
    const QStringList expected{QStringLiteral("pjs"), QStringLiteral("user-1"), QStringLiteral("user-2"),
                               QStringLiteral("user-3")};
    for (const Client *c : clients)
        QTRY_COMPARE_WITH_TIMEOUT(rosterOf(c, kRoom), expected, kWait);
    QCOMPARE(m_clients->presenceUsers(kRoom), expected);

    QVERIFY(peer.send({{QStringLiteral("cmd"), QStringLiteral("members")}, {QStringLiteral("channel"), kRoom}}));
    const auto members = peer.waitForType(QStringLiteral("members"));
    QVERIFY(members);
    const QJsonObject seen = members->value(QStringLiteral("members")).toObject();
    QCOMPARE(seen.keys(), expected);
    // The same user_info on both sides: what the built-in signer put in channel_data.
    const Subscription *sub = clients[1]->session()->channels()->subscription(kRoom);
    for (const QString &id : expected)
        QCOMPARE(sub->members.value(id).toObject(), seen.value(id).toObject());
    QCOMPARE(seen.value(QStringLiteral("user-2")).toObject().value(QStringLiteral("name")).toString(),
             QStringLiteral("user 2"));

    // A client leaving is seen by pusher-js and by the other clients.
    QVERIFY(m_clients->remove(clients[2]));
    QVERIFY(peer.waitForLine([](const QJsonObject &l) {
        return l.value(QStringLiteral("type")) == QLatin1String("member_removed")
               && l.value(QStringLiteral("id")) == QLatin1String("user-3");
    }));
    QTRY_COMPARE_WITH_TIMEOUT(rosterOf(clients[0], kRoom).size(), 3, kWait);
    peer.finish();
}

void TestClients::clientEventReachesOthersNotSender()
{
    const QList<Client *> clients = threeOn(kRoom);
    QCOMPARE(clients.size(), 3);
    DeliveryTracker tracker(m_clients.get());
    tracker.setTimeoutMs(3000);
    QSignalSpy finished(&tracker, &DeliveryTracker::finished);
    tracker.clientEvent(clients[0], kRoom, QStringLiteral("client-typing"), QJsonObject{{QStringLiteral("on"), true}});
    QCOMPARE(finished.size(), 0);  // never before the call returns
    QVERIFY(finished.wait(kWait));
    QCOMPARE(finished.size(), 1);
    const QString matrix = describe(tracker);
    QCOMPARE(tracker.cells().size(), 3);
    const DeliveryCell *a = cellOf(tracker, QStringLiteral("A"));
    QVERIFY2(!a->expected && a->why == QLatin1String("sender") && a->received == 0, qPrintable(matrix));
    for (const QString &name : {QStringLiteral("B"), QStringLiteral("C")}) {
        const DeliveryCell *cell = cellOf(tracker, name);
        QVERIFY2(cell->expected && cell->received == 1, qPrintable(matrix));
        QVERIFY2(cell->latencyMs >= 0 && cell->latencyMs < 3000, qPrintable(matrix));
        QVERIFY2(cell->surprises.isEmpty(), qPrintable(matrix));
    }
    QCOMPARE(tracker.surpriseCount(), 0);
    QCOMPARE(tracker.toJson().value(QStringLiteral("sender")).toString(), QStringLiteral("A"));
}

void TestClients::restTriggerExcludesOneSocket()
{
    const QList<Client *> clients = threeOn(kRoom);
    QCOMPARE(clients.size(), 3);
    DeliveryTracker tracker(m_clients.get());
    QSignalSpy finished(&tracker, &DeliveryTracker::finished);
    TriggerRequest request{{kRoom},
                           QStringLiteral("order-paid"),
                           QStringLiteral("{\"id\":7}"),
                           clients[1]->socketId(),
                           {}};
    tracker.trigger(clients[0]->session()->rest(), request);
    QVERIFY(finished.wait(kWait));
    const QString matrix = describe(tracker);
    const DeliveryCell *b = cellOf(tracker, QStringLiteral("B"));
    QVERIFY2(!b->expected && b->why == QLatin1String("excluded by socket_id"), qPrintable(matrix));
    QVERIFY2(b->received == 0 && b->surprises.isEmpty(), qPrintable(matrix));
    for (const QString &name : {QStringLiteral("A"), QStringLiteral("C")}) {
        const DeliveryCell *cell = cellOf(tracker, name);
        QVERIFY2(cell->expected && cell->received == 1 && cell->latencyMs >= 0, qPrintable(matrix));
    }
    QCOMPARE(tracker.surpriseCount(), 0);
    QVERIFY(!tracker.sendError());
}

void TestClients::channelOnlySomeAreOnIsNoSurprise()
{
    const QList<Client *> clients = threeOn(kRoom);
    QCOMPARE(clients.size(), 3);
    const QString news = QStringLiteral("news");
    QVERIFY(clients[0]->subscribe(news));
    QVERIFY(clients[1]->subscribe(news));
    QTRY_VERIFY_WITH_TIMEOUT(clients[0]->isOn(news) && clients[1]->isOn(news), kWait);
    DeliveryTracker tracker(m_clients.get());
    tracker.setTimeoutMs(1500);
    QSignalSpy finished(&tracker, &DeliveryTracker::finished);
    tracker.trigger(clients[2]->session()->rest(), {{news}, QStringLiteral("headline"), QStringLiteral("{}"), {}, {}});
    QVERIFY(finished.wait(kWait));
    const QString matrix = describe(tracker);
    const DeliveryCell *c = cellOf(tracker, QStringLiteral("C"));
    QVERIFY2(!c->expected && c->why == QLatin1String("not subscribed") && c->received == 0, qPrintable(matrix));
    QVERIFY2(cellOf(tracker, QStringLiteral("A"))->received == 1, qPrintable(matrix));
    QCOMPARE(tracker.surpriseCount(), 0);
}

void TestClients::deliveryTheServerNeverMadeIsMissed()
{
    // Client C believes it is on the channel, but the server was told otherwise: a pusher:unsubscribe
    // sent on C's socket behind its registry's back, as a client library with a bookkeeping bug
    // would. The server honestly does not deliver; the matrix must call that a surprise.
    const QList<Client *> clients = threeOn(kRoom);
    QCOMPARE(clients.size(), 3);
    const QString news = QStringLiteral("news");
    for (Client *c : clients)
        QVERIFY(c->subscribe(news));
    QTRY_VERIFY_WITH_TIMEOUT(allOn(clients, news), kWait);
    Connection *c = clients[2]->session()->connection();
    QVERIFY(c->sendFrame(protocol::buildUnsubscribe(news), EntryKind::Subscription, news,
                         QStringLiteral("pusher:unsubscribe")));
    // The unsubscribe and a REST call go different ways: wait until the server counts two.
    std::optional<RestResponse> answer;
    QTRY_VERIFY_WITH_TIMEOUT(([&] {
                                 answer.reset();
                                 clients[0]->session()->rest()->channel(news, {QStringLiteral("subscription_count")},
                                                                        [&](const RestResponse &r) { answer = r; });
                                 return QTest::qWaitFor([&] { return answer.has_value(); }, kWait)
                                        && answer->json[QStringLiteral("subscription_count")].toInt() == 2;
                             }()),
                             kWait);
    QVERIFY(clients[2]->isOn(news));

    DeliveryTracker tracker(m_clients.get());
    tracker.setTimeoutMs(1500);
    QSignalSpy finished(&tracker, &DeliveryTracker::finished);
    tracker.trigger(clients[0]->session()->rest(),
                    {{news}, QStringLiteral("headline"), QStringLiteral("{}"), clients[1]->socketId(), {}});
    QVERIFY(finished.wait(kWait));
    const QString matrix = describe(tracker);
    const DeliveryCell *missed = cellOf(tracker, QStringLiteral("C"));
    QVERIFY2(missed->expected && missed->received == 0, qPrintable(matrix));
    QCOMPARE(missed->surprises, QStringList{QStringLiteral("missed")});
    // The deliberately excluded client is expected not to get it: no surprise.
    const DeliveryCell *excluded = cellOf(tracker, QStringLiteral("B"));
    QVERIFY2(!excluded->expected && excluded->surprises.isEmpty(), qPrintable(matrix));
    QVERIFY2(cellOf(tracker, QStringLiteral("A"))->received == 1, qPrintable(matrix));
    QCOMPARE(tracker.surpriseCount(), 1);
    QVERIFY(tracker.toJson()
                .value(QStringLiteral("clients"))
                .toArray()
                .at(2)
                .toObject()
                .value(QStringLiteral("latency_ms"))
                .isNull());
}

void TestClients::renameReconnectsUnderTheNewName()
{
    const QList<Client *> clients = threeOn(kRoom);
    QCOMPARE(clients.size(), 3);
    Client *a = clients[0];
    QSignalSpy replaced(a, &Client::sessionReplaced);
    QVERIFY(m_clients->rename(a, QStringLiteral("alice")));
    QCOMPARE(replaced.size(), 1);
    QTRY_VERIFY_WITH_TIMEOUT(a->isOn(kRoom), kWait);
    QCOMPARE(a->session()->connection()->name(), QStringLiteral("alice"));
    // Its entries carry the new name, so `client:alice` selects them.
    bool logged = false;
    for (qsizetype row = 0; row < m_log->size(); ++row)
        logged =
            logged || (m_log->connectionAt(row) == QLatin1String("alice") && m_log->directionAt(row) == Direction::In);
    QVERIFY(logged);
    QCOMPARE(a->identity().userId, QStringLiteral("user-1"));
    QTRY_COMPARE_WITH_TIMEOUT(rosterOf(clients[1], kRoom).size(), 3, kWait);
}

void TestClients::eachClientReconnectsOnItsOwn()
{
    const QList<Client *> clients = threeOn(kRoom);
    QCOMPARE(clients.size(), 3);
    // B closing leaves A and C connected; their rosters lose B only.
    clients[1]->close();
    QTRY_COMPARE_WITH_TIMEOUT(rosterOf(clients[0], kRoom).size(), 2, kWait);
    QCOMPARE(clients[0]->state(), ConnectionState::Connected);
    QCOMPARE(clients[2]->state(), ConnectionState::Connected);
    clients[1]->open();
    QTRY_VERIFY_WITH_TIMEOUT(clients[1]->isOn(kRoom), kWait);
    QTRY_COMPARE_WITH_TIMEOUT(rosterOf(clients[0], kRoom).size(), 3, kWait);

    // The server crashing and coming back: every client reconnects and resubscribes by itself.
    QStringList before;
    for (const Client *c : clients)
        before << c->socketId();
    m_soketi.kill();
    QTRY_VERIFY_WITH_TIMEOUT(std::none_of(clients.cbegin(), clients.cend(),
                                          [](const Client *c) { return c->state() == ConnectionState::Connected; }),
                             kWait);
    QVERIFY2(m_soketi.restart(), qPrintable(m_soketi.output()));
    QTRY_VERIFY_WITH_TIMEOUT(allOn(clients, kRoom), 30000);
    for (int i = 0; i < clients.size(); ++i) {
        QVERIFY(clients[i]->socketId() != before[i]);
        QTRY_COMPARE_WITH_TIMEOUT(rosterOf(clients[i], kRoom).size(), 3, kWait);
    }
}

QTEST_GUILESS_MAIN(TestClients)
#include "tst_clients.moc"
