// Subscriptions, presence, client events, encryption and every REST call against a real soketi.

#include "e2e.h"
#include "logstore.h"
#include "session.h"
#include "signer.h"
#include "soketi.h"
#include "testclient.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QtTest>

using namespace cs;

namespace {

constexpr int kWait = 10000;
const QByteArray kMasterKey = "zyrm8pvV2C9fJcBfhyXzvxbJVN/H7QLmbe0xJi1GhPU=";

using cs::test::Received;
using Client = cs::test::TestClient;

RestResponse call(RestClient *rest, const std::function<void(RestClient *, RestClient::Callback)> &request)
{
    std::optional<RestResponse> answer;
    request(rest, [&](const RestResponse &r) { answer = r; });
    if (!QTest::qWaitFor([&] { return answer.has_value(); }, kWait))
        return {};
    return *answer;
}

RestResponse trigger(RestClient *rest, const QStringList &channels, const QString &event, const QString &data,
                     const QString &excludeSocket = {}, const QStringList &info = {})
{
    return call(rest, [&](RestClient *c, RestClient::Callback cb) {
        c->trigger({channels, event, data, excludeSocket, info}, cb);
    });
}

}  // namespace

class TestSoketi : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(m_soketi.start(), qPrintable(m_soketi.output()));
        m_creds = m_soketi.credentials();
        m_creds.encryptionMasterKeyBase64 = kMasterKey;
    }

    void publicChannelReceivesTriggeredEvent()
    {
        Client client(m_creds);
        QVERIFY(client.connect());
        QVERIFY(!client.connection()->socketId().isEmpty());
        QCOMPARE(client.connection()->effectiveActivityTimeoutMs(), 30000);  // soketi asks for 30 s
        QVERIFY(client.subscribe(QStringLiteral("public-news")));

        const RestResponse r = trigger(client.session->rest(), {QStringLiteral("public-news")},
                                       QStringLiteral("headline"), QStringLiteral("{\"title\":\"hello\",\"n\":1}"));
        QVERIFY2(r.ok(), qPrintable(r.errorMessage()));
        QVERIFY(client.waitForEvent(QStringLiteral("public-news"), QStringLiteral("headline")));
        const Received *got = client.find(QStringLiteral("public-news"), QStringLiteral("headline"));
        QCOMPARE(got->data.toObject().value(QStringLiteral("title")).toString(), QStringLiteral("hello"));
        QCOMPARE(client.channels()->subscription(QStringLiteral("public-news"))->eventCount, quint64(1));

        // The log tells the story in order: subscribe out, confirmation in, REST call, event in.
        const auto frames =
            client.entries([](const LogEntry &e) { return e.channel == QLatin1String("public-news") && e.isFrame(); });
        QStringList events;
        for (const LogEntry &e : frames)
            events << e.event;
        QCOMPARE(events,
                 (QStringList{QStringLiteral("pusher:subscribe"),
                              QStringLiteral("pusher_internal:subscription_succeeded"), QStringLiteral("headline")}));
        QCOMPARE(frames.last().data().toObject().value(QStringLiteral("n")).toInt(), 1);
    }

    void privateChannelIsSignedAndAccepted()
    {
        Client client(m_creds);
        QVERIFY(client.connect());
        QVERIFY(client.subscribe(QStringLiteral("private-orders")));
        const auto auth = client.entries([](const LogEntry &e) { return e.kind == EntryKind::Auth; });
        QCOMPARE(auth.size(), 1);
        QCOMPARE(auth.first().data().toObject().value(QStringLiteral("string_to_sign")).toString(),
                 client.connection()->socketId() + QStringLiteral(":private-orders"));
    }

    void wrongSecretFailsWithTheServersReason()
    {
        Credentials wrong = m_creds;
        wrong.secret = QStringLiteral("not-the-secret");
        Client client(wrong);
        QVERIFY(client.connect());
        QSignalSpy failed(client.channels(), &ChannelRegistry::subscriptionFailed);
        QVERIFY(client.channels()->subscribe(QStringLiteral("private-orders")));
        QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, kWait);
        const auto error = failed.first().at(1).value<cs::Error>();
        QCOMPARE(error.id(), QStringLiteral("subscription-refused-401"));  // pusher:subscription_error, status 401
        const QString reason = client.channels()->subscription(QStringLiteral("private-orders"))->error;
        QCOMPARE(error.message, reason);
        QVERIFY2(reason.contains(QLatin1String("401")), qPrintable(reason));
        QVERIFY2(reason.contains(QLatin1String("secret")), qPrintable(reason));
        QCOMPARE(client.stateOf(QStringLiteral("private-orders")), SubscriptionState::Failed);
        QVERIFY(!client.entries([](const LogEntry &e) { return e.event == QLatin1String("pusher:subscription_error"); })
                     .isEmpty());
        // The connection itself stays up.
        QCOMPARE(client.connection()->state(), ConnectionState::Connected);
    }

    void presenceRosterWithTwoConnections()
    {
        const QString channel = QStringLiteral("presence-room");
        Client alice(m_creds, QStringLiteral("alice"));
        Client bob(m_creds, QStringLiteral("bob"));
        QVERIFY(alice.connect());
        QVERIFY(bob.connect());
        QVERIFY(alice.subscribe(channel, {QStringLiteral("alice"),
                                          QJsonObject{{QStringLiteral("name"), QStringLiteral("Alice")}}}));
        const Subscription *aliceView = alice.channels()->subscription(channel);
        QCOMPARE(aliceView->members.keys(), QStringList{QStringLiteral("alice")});
        QCOMPARE(aliceView->myUserId, QStringLiteral("alice"));

        QSignalSpy added(alice.channels(), &ChannelRegistry::memberAdded);
        QVERIFY(bob.subscribe(channel,
                              {QStringLiteral("bob"), QJsonObject{{QStringLiteral("name"), QStringLiteral("Bob")}}}));
        QCOMPARE(bob.channels()->subscription(channel)->members.keys(),
                 (QStringList{QStringLiteral("alice"), QStringLiteral("bob")}));
        QCOMPARE(bob.channels()
                     ->subscription(channel)
                     ->members.value(QStringLiteral("alice"))
                     .toObject()
                     .value(QStringLiteral("name"))
                     .toString(),
                 QStringLiteral("Alice"));
        QTRY_COMPARE_WITH_TIMEOUT(added.size(), 1, kWait);
        QCOMPARE(added.first().at(1).toString(), QStringLiteral("bob"));
        QCOMPARE(aliceView->members.size(), 2);

        QSignalSpy removed(alice.channels(), &ChannelRegistry::memberRemoved);
        bob.connection()->close();
        QTRY_COMPARE_WITH_TIMEOUT(removed.size(), 1, kWait);
        QCOMPARE(removed.first().at(1).toString(), QStringLiteral("bob"));
        QCOMPARE(aliceView->members.keys(), QStringList{QStringLiteral("alice")});
    }

    void presenceWithoutUserIdFailsClearly()
    {
        Client client(m_creds);
        QVERIFY(client.connect());
        QVERIFY(client.channels()->subscribe(QStringLiteral("presence-lobby")));
        QTRY_COMPARE_WITH_TIMEOUT(client.stateOf(QStringLiteral("presence-lobby")), SubscriptionState::Failed, kWait);
        QVERIFY(client.channels()
                    ->subscription(QStringLiteral("presence-lobby"))
                    ->error.contains(QLatin1String("user id")));
    }

    void encryptedChannelDecryptsEvents()
    {
        const QString channel = QStringLiteral("private-encrypted-vault");
        Client client(m_creds);
        QVERIFY(client.connect());
        QVERIFY(client.subscribe(channel));
        QVERIFY(!client.channels()->subscription(channel)->sharedSecret.isEmpty());

        // Publish as the server SDKs do: encrypt with the per-channel key, send the JSON envelope.
        const auto key = signer::perChannelKey(channel, *signer::decodeMasterKey(kMasterKey));
        const auto envelope = e2e::encrypt(R"({"secret":"plans"})", key);
        QVERIFY(envelope);
        QVERIFY(trigger(client.session->rest(), {channel}, QStringLiteral("memo"), QString::fromUtf8(*envelope)).ok());
        QVERIFY(client.waitForEvent(channel, QStringLiteral("memo")));
        QCOMPARE(
            client.find(channel, QStringLiteral("memo"))->data.toObject().value(QStringLiteral("secret")).toString(),
            QStringLiteral("plans"));
        // The wire frame in the log still holds the ciphertext; the plaintext is a local entry.
        const auto wire =
            client.entries([&](const LogEntry &e) { return e.isFrame() && e.event == QLatin1String("memo"); });
        QCOMPARE(wire.size(), 1);
        QVERIFY(!wire.first().raw.contains("plans"));
        QVERIFY(wire.first().data().toObject().contains(QStringLiteral("ciphertext")));
    }

    void encryptedChannelWithWrongKeyLogsDecryptionFailure()
    {
        const QString channel = QStringLiteral("private-encrypted-other");
        Client client(m_creds);
        QVERIFY(client.connect());
        QVERIFY(client.subscribe(channel));
        const QByteArray wrongKey(32, 'x');
        QVERIFY(trigger(client.session->rest(), {channel}, QStringLiteral("memo"),
                        QString::fromUtf8(*e2e::encrypt("hidden", wrongKey)))
                    .ok());
        QTRY_VERIFY_WITH_TIMEOUT(!client
                                      .entries([](const LogEntry &e) {
                                          return e.kind == EntryKind::Error
                                                 && e.message.contains(QLatin1String("could not decrypt"));
                                      })
                                      .isEmpty(),
                                 kWait);
        QVERIFY(client.events.isEmpty());
    }

    void encryptedChannelWithoutMasterKeyFails()
    {
        Credentials noKey = m_creds;
        noKey.encryptionMasterKeyBase64.clear();
        Client client(noKey);
        QVERIFY(client.connect());
        QVERIFY(client.channels()->subscribe(QStringLiteral("private-encrypted-x")));
        QTRY_COMPARE_WITH_TIMEOUT(client.stateOf(QStringLiteral("private-encrypted-x")), SubscriptionState::Failed,
                                  kWait);
        QVERIFY(client.channels()
                    ->subscription(QStringLiteral("private-encrypted-x"))
                    ->error.contains(QLatin1String("master key")));
    }

    void cacheChannelReportsMissThenServesLastEvent()
    {
        const QString channel = QStringLiteral("cache-prices");
        Client first(m_creds);
        QVERIFY(first.connect());
        QVERIFY(first.subscribe(channel));
        QTRY_VERIFY_WITH_TIMEOUT(first.channels()->subscription(channel)->cacheMiss, kWait);
        QVERIFY(
            trigger(first.session->rest(), {channel}, QStringLiteral("tick"), QStringLiteral("{\"eur\":1.07}")).ok());
        QVERIFY(first.waitForEvent(channel, QStringLiteral("tick")));

        Client late(m_creds);
        QVERIFY(late.connect());
        QVERIFY(late.subscribe(channel));
        QVERIFY(late.waitForEvent(channel, QStringLiteral("tick")));
        QVERIFY(!late.channels()->subscription(channel)->cacheMiss);
    }

    void clientEventsReachOtherMembers()
    {
        const QString channel = QStringLiteral("presence-chat");
        Client alice(m_creds), bob(m_creds);
        QVERIFY(alice.connect());
        QVERIFY(bob.connect());
        QVERIFY(alice.subscribe(channel, {QStringLiteral("alice"), {}}));
        QVERIFY(bob.subscribe(channel, {QStringLiteral("bob"), {}}));

        const Status sent = alice.channels()->sendClientEvent(channel, QStringLiteral("client-typing"),
                                                              QJsonObject{{QStringLiteral("typing"), true}});
        QVERIFY2(sent.ok(), sent.ok() ? "" : qPrintable(sent.error().message));
        QVERIFY(bob.waitForEvent(channel, QStringLiteral("client-typing")));
        const Received *got = bob.find(channel, QStringLiteral("client-typing"));
        QCOMPARE(got->userId, QStringLiteral("alice"));  // soketi adds the sender's id on presence channels
        QCOMPARE(got->data.toObject().value(QStringLiteral("typing")).toBool(), true);
        // The sender does not get its own. Instead of a quiet time: bob answers with a client event
        // of his own; soketi handles it after alice's, so an echo of hers would reach alice first.
        QVERIFY(bob.channels()->sendClientEvent(channel, QStringLiteral("client-marker"), QJsonObject{}).ok());
        QVERIFY(alice.waitForEvent(channel, QStringLiteral("client-marker")));
        QVERIFY(!alice.find(channel, QStringLiteral("client-typing")));
    }

    void clientEventValidation_data()
    {
        QTest::addColumn<QString>("channel");
        QTest::addColumn<QString>("event");
        QTest::addColumn<QString>("code");
        QTest::addRow("no client- prefix") << "private-val"
                                           << "typing"
                                           << "invalid-event-name";
        QTest::addRow("public channel") << "public-val"
                                        << "client-typing"
                                        << "client-event-public";
        QTest::addRow("encrypted channel") << "private-encrypted-val"
                                           << "client-typing"
                                           << "client-event-encrypted";
        QTest::addRow("not subscribed") << "private-elsewhere"
                                        << "client-typing"
                                        << "not-subscribed";
    }
    void clientEventValidation()
    {
        QFETCH(QString, channel);
        QFETCH(QString, event);
        QFETCH(QString, code);
        Client client(m_creds);
        QVERIFY(client.connect());
        for (const char *name : {"private-val", "public-val", "private-encrypted-val"})
            QVERIFY(client.subscribe(QString::fromLatin1(name)));
        const Status s = client.channels()->sendClientEvent(channel, event, QJsonObject{});
        QVERIFY(!s.ok());
        QCOMPARE(s.error().id(), code);
        QVERIFY(!s.error().message.isEmpty());
    }

    void invalidChannelNameIsRejectedBeforeSending()
    {
        Client client(m_creds);
        QVERIFY(client.connect());
        const Status s = client.channels()->subscribe(QStringLiteral("bad channel!"));
        QVERIFY(!s.ok());
        QVERIFY(!client.channels()->contains(QStringLiteral("bad channel!")));
    }

    void restTriggerExcludesSocketAndReturnsInfo()
    {
        const QString channel = QStringLiteral("public-exclusion");
        Client a(m_creds), b(m_creds);
        QVERIFY(a.connect());
        QVERIFY(b.connect());
        QVERIFY(a.subscribe(channel));
        QVERIFY(b.subscribe(channel));
        const RestResponse r = trigger(a.session->rest(), {channel}, QStringLiteral("ping"), QStringLiteral("{}"),
                                       a.connection()->socketId(), {QStringLiteral("subscription_count")});
        QVERIFY2(r.ok(), qPrintable(r.errorMessage()));
        QVERIFY(b.waitForEvent(channel, QStringLiteral("ping")));
        // a was excluded. A second trigger, without exclusion, is published after the first:
        // once a has it, a "ping" for a would have arrived before it.
        QVERIFY(trigger(a.session->rest(), {channel}, QStringLiteral("marker"), QStringLiteral("{}")).ok());
        QVERIFY(a.waitForEvent(channel, QStringLiteral("marker")));
        QVERIFY(!a.find(channel, QStringLiteral("ping")));
    }

    void restTriggerToSeveralChannels()
    {
        Client client(m_creds);
        QVERIFY(client.connect());
        QVERIFY(client.subscribe(QStringLiteral("multi-1")));
        QVERIFY(client.subscribe(QStringLiteral("multi-2")));
        QVERIFY(trigger(client.session->rest(), {QStringLiteral("multi-1"), QStringLiteral("multi-2")},
                        QStringLiteral("fan"), QStringLiteral("\"plain text\""))
                    .ok());
        QVERIFY(client.waitForEvent(QStringLiteral("multi-1"), QStringLiteral("fan")));
        QVERIFY(client.waitForEvent(QStringLiteral("multi-2"), QStringLiteral("fan")));
        QCOMPARE(client.find(QStringLiteral("multi-2"), QStringLiteral("fan"))->data.toString(),
                 QStringLiteral("plain text"));
    }

    void restBatch()
    {
        Client client(m_creds);
        QVERIFY(client.connect());
        QVERIFY(client.subscribe(QStringLiteral("batch-a")));
        QVERIFY(client.subscribe(QStringLiteral("batch-b")));
        const RestResponse r = call(client.session->rest(), [](RestClient *c, RestClient::Callback cb) {
            c->batch({{QStringLiteral("batch-a"), QStringLiteral("one"), QStringLiteral("1"), {}, {}},
                      {QStringLiteral("batch-b"), QStringLiteral("two"), QStringLiteral("2"), {}, {}}},
                     cb);
        });
        QVERIFY2(r.ok(), qPrintable(r.errorMessage()));
        QVERIFY(client.waitForEvent(QStringLiteral("batch-a"), QStringLiteral("one")));
        QVERIFY(client.waitForEvent(QStringLiteral("batch-b"), QStringLiteral("two")));
        QCOMPARE(client.find(QStringLiteral("batch-b"), QStringLiteral("two"))->data.toInt(), 2);
    }

    void restChannelQueries()
    {
        Client client(m_creds);
        QVERIFY(client.connect());
        QVERIFY(client.subscribe(QStringLiteral("presence-query"), {QStringLiteral("u1"), {}}));
        QVERIFY(client.subscribe(QStringLiteral("public-query")));
        RestClient *rest = client.session->rest();

        const RestResponse all = call(rest, [](RestClient *c, RestClient::Callback cb) { c->channels({}, {}, cb); });
        QVERIFY2(all.ok(), qPrintable(all.errorMessage()));
        const QJsonObject channels = all.json.toObject().value(QStringLiteral("channels")).toObject();
        QVERIFY(channels.contains(QStringLiteral("presence-query")));
        QVERIFY(channels.contains(QStringLiteral("public-query")));

        const RestResponse prefixed = call(rest, [](RestClient *c, RestClient::Callback cb) {
            c->channels(QStringLiteral("presence-"), {QStringLiteral("user_count")}, cb);
        });
        QVERIFY(prefixed.ok());
        const QJsonObject onlyPresence = prefixed.json.toObject().value(QStringLiteral("channels")).toObject();
        QVERIFY(onlyPresence.contains(QStringLiteral("presence-query")));
        QVERIFY(!onlyPresence.contains(QStringLiteral("public-query")));

        const RestResponse one = call(rest, [](RestClient *c, RestClient::Callback cb) {
            c->channel(QStringLiteral("presence-query"), {QStringLiteral("user_count")}, cb);
        });
        QVERIFY(one.ok());
        QCOMPARE(one.json.toObject().value(QStringLiteral("occupied")).toBool(), true);
        QCOMPARE(one.json.toObject().value(QStringLiteral("user_count")).toInt(), 1);

        const RestResponse users =
            call(rest, [](RestClient *c, RestClient::Callback cb) { c->users(QStringLiteral("presence-query"), cb); });
        QVERIFY(users.ok());
        QCOMPARE(users.json.toObject()
                     .value(QStringLiteral("users"))
                     .toArray()
                     .first()
                     .toObject()
                     .value(QStringLiteral("id"))
                     .toString(),
                 QStringLiteral("u1"));

        // A non-presence channel has no users: the server's 400 and its reason reach the caller.
        const RestResponse bad =
            call(rest, [](RestClient *c, RestClient::Callback cb) { c->users(QStringLiteral("public-query"), cb); });
        QCOMPARE(bad.status, 400);
        QVERIFY(!bad.errorMessage().isEmpty());
    }

    void restWrongSecretSurfaces401()
    {
        Credentials wrong = m_creds;
        wrong.secret = QStringLiteral("wrong");
        LogStore log;
        RestClient rest(wrong, &log);
        const RestResponse r = trigger(&rest, {QStringLiteral("x")}, QStringLiteral("e"), QStringLiteral("{}"));
        QCOMPARE(r.status, 401);
        QVERIFY2(r.errorMessage().contains(QLatin1String("401")), qPrintable(r.errorMessage()));
        log.flush();
        for (qsizetype i = 0; i < log.size(); ++i) {
            QVERIFY(!log.at(i).raw.contains("wrong\""));
            QVERIFY(!log.at(i).message.contains(QLatin1String("secret: wrong")));
        }
    }

    void wrongKeyIsRefusedWithoutRetry()
    {
        Credentials wrong = m_creds;
        wrong.key = QStringLiteral("no-such-key");
        Client client(wrong);
        client.connection()->open();
        QTRY_COMPARE_WITH_TIMEOUT(client.connection()->state(), ConnectionState::Disconnected, kWait);
        QCOMPARE(client.connection()->lastError().id(), QStringLiteral("close-4001"));
        QVERIFY(client.connection()->lastError().message.contains(QLatin1String("4001")));
        QCOMPARE(client.connection()->msUntilRetry(), -1);
    }

    void terminateUserConnections()
    {
        SoketiServer withUserAuth;
        QVERIFY2(withUserAuth.start(
                     {{QStringLiteral("SOKETI_DEFAULT_APP_USER_AUTHENTICATION"), QStringLiteral("true")}}),
                 qPrintable(withUserAuth.output()));
        Client client(withUserAuth.credentials());
        QVERIFY(client.connect());
        QSignalSpy signedIn(client.channels(), &ChannelRegistry::signedIn);
        client.channels()->signin({QStringLiteral("carol"), {}});
        QTRY_COMPARE_WITH_TIMEOUT(signedIn.size(), 1, kWait);
        QCOMPARE(client.channels()->signedInUserId(), QStringLiteral("carol"));

        const RestResponse r = call(client.session->rest(), [](RestClient *c, RestClient::Callback cb) {
            c->terminateUserConnections(QStringLiteral("carol"), cb);
        });
        QVERIFY2(r.ok(), qPrintable(r.errorMessage()));
        // soketi closes the user's sockets with 4009: refused, so the connection stays down.
        QTRY_COMPARE_WITH_TIMEOUT(client.connection()->state(), ConnectionState::Disconnected, kWait);
        QCOMPARE(client.connection()->lastError().id(), QStringLiteral("close-4009"));
    }

private:
    using SoketiServer = cs::test::SoketiServer;
    SoketiServer m_soketi;
    Credentials m_creds;
};

QTEST_GUILESS_MAIN(TestSoketi)
#include "tst_soketi.moc"
