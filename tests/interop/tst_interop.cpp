// Interop with the official Pusher libraries, against one real soketi:
//  - pusher-js (tests/node/pusherjs-client.js) receives what our RestClient triggered;
//  - our Session receives what the official `pusher` Node SDK triggered, encrypted channels too;
//  - presence rosters seen by pusher-js and by us agree, joins and leaves both ways;
//  - client events both ways between pusher-js and us;
//  - our signer and the SDK's authorizeChannel / authenticateUser agree on hundreds of inputs.
//
// Every expectation is computed from the inputs or read from the other side; nothing is a
// hard-coded answer. Waits are generous (node starts slowly on a busy CI machine); the only
// fixed pause is a short negative check.
//
// No raw string literals below: moc mis-parses R"(...)" holding backslashes.

#include "e2e.h"
#include "logstore.h"
#include "nodepeer.h"
#include "protocol.h"
#include "session.h"
#include "signer.h"
#include "soketi.h"
#include "testclient.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QTemporaryFile>
#include <QtTest>

#include <functional>
#include <memory>

using namespace cs;
using cs::test::NodePeer;

namespace {

constexpr int kWait = 20000;
const QByteArray kMasterKey = "zyrm8pvV2C9fJcBfhyXzvxbJVN/H7QLmbe0xJi1GhPU=";

// A canonical text for any JSON value: keys sorted (QJsonObject), numbers as Qt writes them.
// Comparing these gives readable failure messages.
QByteArray canon(const QJsonValue &value)
{
    if (value.isObject())
        return QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact);
    if (value.isArray())
        return QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact);
    const QByteArray wrapped = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    return value.isUndefined() ? QByteArrayLiteral("<undefined>") : wrapped.mid(1, wrapped.size() - 2);
}

QByteArray compact(const QJsonObject &object) { return QJsonDocument(object).toJson(QJsonDocument::Compact); }

// What JavaScript's JSON.parse makes of a string, or nullopt when it would throw.
std::optional<QJsonValue> jsonParse(const QString &text)
{
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson("[" + text.toUtf8() + "]", &error);
    if (error.error != QJsonParseError::NoError || !doc.isArray() || doc.array().size() != 1)
        return std::nullopt;
    return doc.array().first();
}

// How a Pusher client decodes a `data` string: JSON when it parses, else the string itself.
QJsonValue clientDecoded(const QString &data) { return jsonParse(data).value_or(QJsonValue(data)); }

using cs::test::Received;

struct MemberChange {
    QString channel, userId;
    QJsonValue info;
};

// One session of ours plus everything it received, presence changes included.
struct Client : cs::test::TestClient {
    QList<MemberChange> added;
    QList<MemberChange> removed;

    explicit Client(const Credentials &credentials, const QString &name = QStringLiteral("interop"))
        : TestClient(credentials, name)
    {
        QObject::connect(channels(), &ChannelRegistry::memberAdded, session.get(),
                         [this](const QString &channel, const QString &userId, const QJsonValue &info) {
                             added.append({channel, userId, info});
                         });
        QObject::connect(channels(), &ChannelRegistry::memberRemoved, session.get(),
                         [this](const QString &channel, const QString &userId) {
                             removed.append({channel, userId, {}});
                         });
    }
    QString subscriptionError(const QString &channel) const
    {
        const Subscription *s = channels()->subscription(channel);
        return s ? s->error : QStringLiteral("not subscribed");
    }
    // The roster as one JSON object: user id -> user_info.
    QJsonObject roster(const QString &channel) const
    {
        QJsonObject out;
        if (const Subscription *s = channels()->subscription(channel))
            for (auto it = s->members.cbegin(); it != s->members.cend(); ++it)
                out.insert(it.key(), it.value());
        return out;
    }
    // Inbound wire frames of one channel event.
    QList<LogEntry> inboundFrames(const QString &channel, const QString &event)
    {
        return entries([&](const LogEntry &e) {
            return e.direction == Direction::In && e.channel == channel && e.event == event;
        });
    }
};

// The messages of the error entries in a client's log, for failure messages.
QString errorsIn(Client &client)
{
    QStringList errors;
    for (const LogEntry &e : client.entries([](const LogEntry &e) { return e.kind == EntryKind::Error; }))
        errors << e.message;
    return errors.join(QStringLiteral(" | "));
}

// What a peer said, for failure messages.
QString diagnostics(NodePeer &peer)
{
    QStringList lines;
    const QList<QJsonObject> all = peer.lines();
    for (qsizetype i = qMax<qsizetype>(0, all.size() - 15); i < all.size(); ++i)
        lines << QString::fromUtf8(compact(all[i]));
    return QStringLiteral("\n-- peer stdout (last lines):\n%1\n-- peer stderr:\n%2")
        .arg(lines.join(u'\n'), peer.stderrText().right(4000));
}

auto isOn(const QString &type, const QString &channel)
{
    return [type, channel](const QJsonObject &line) {
        return line.value(u"type").toString() == type && line.value(u"channel").toString() == channel;
    };
}
auto isMember(const QString &type, const QString &channel, const QString &id)
{
    return [type, channel, id](const QJsonObject &line) {
        return line.value(u"type").toString() == type && line.value(u"channel").toString() == channel
               && line.value(u"id").toString() == id;
    };
}

}  // namespace

class TestInterop : public QObject {
    Q_OBJECT

    cs::test::SoketiServer m_soketi;
    Credentials m_creds;

    QMap<QString, QString> peerEnv(const QString &userId = {}, const QJsonObject &userInfo = {}) const
    {
        QMap<QString, QString> env = NodePeer::envFor(m_creds);
        if (!userId.isEmpty())
            env.insert(QStringLiteral("CS_USER_ID"), userId);
        if (!userInfo.isEmpty())
            env.insert(QStringLiteral("CS_USER_INFO"), QString::fromUtf8(compact(userInfo)));
        return env;
    }

    // Starts pusher-js subscribed to `channels` and waits until every subscription succeeded.
    // Returns the "subscribed" lines in the order of `channels`; empty on failure (see *why).
    QList<QJsonObject> startPusherJs(NodePeer &peer, const QStringList &channels, const QMap<QString, QString> &env,
                                     QString *why)
    {
        if (!peer.start(QStringLiteral("pusherjs-client.js"), channels, env)) {
            *why = QStringLiteral("pusher-js did not start") + diagnostics(peer);
            return {};
        }
        if (!peer.waitForType(QStringLiteral("connected"), kWait)) {
            *why = QStringLiteral("pusher-js did not connect") + diagnostics(peer);
            return {};
        }
        QList<QJsonObject> subscribed;
        for (const QString &channel : channels) {
            // A subscription_error ends the wait at once instead of after the timeout.
            const auto line = peer.waitForLine(
                [&](const QJsonObject &l) {
                    return isOn(QStringLiteral("subscribed"), channel)(l)
                           || isOn(QStringLiteral("subscription_error"), channel)(l);
                },
                kWait);
            if (!line || line->value(u"type").toString() != QLatin1String("subscribed")) {
                *why = QStringLiteral("pusher-js did not subscribe to %1").arg(channel) + diagnostics(peer);
                return {};
            }
            subscribed << *line;
        }
        return subscribed;
    }

    // One run of sdk-trigger.js; its single result line (or an error object).
    QJsonObject runSdkTrigger(const QStringList &args, const QMap<QString, QString> &env, QString *why)
    {
        NodePeer sdk;
        if (!sdk.start(QStringLiteral("sdk-trigger.js"), args, env)) {
            *why = QStringLiteral("sdk-trigger.js did not start") + diagnostics(sdk);
            return {};
        }
        const auto line = sdk.waitForLine([](const QJsonObject &) { return true; }, kWait);
        const int exitCode = sdk.finish(kWait);
        if (!line || exitCode != 0) {
            *why = QStringLiteral("sdk-trigger.js %1 failed (exit %2)").arg(args.join(u' ')).arg(exitCode)
                   + diagnostics(sdk);
            return line.value_or(QJsonObject{});
        }
        return *line;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(m_soketi.start(), qPrintable(m_soketi.output()));
        m_creds = m_soketi.credentials();
        m_creds.encryptionMasterKeyBase64 = kMasterKey;
    }

    // 1. Our REST trigger -> soketi -> the official pusher-js.
    void pusherJsReceivesOurRestTrigger()
    {
        const QString publicChannel = QStringLiteral("interop-rest-public");
        const QString privateChannel = QStringLiteral("private-interop-rest");
        NodePeer js;
        QString why;
        QVERIFY2(!startPusherJs(js, {publicChannel, privateChannel}, peerEnv(), &why).isEmpty(), qPrintable(why));
        QString jsSocketId;
        for (const QJsonObject &line : js.lines())
            if (line.value(u"type").toString() == QLatin1String("connected"))
                jsSocketId = line.value(u"socket_id").toString();
        QVERIFY(!jsSocketId.isEmpty());

        LogStore log;
        RestClient rest(m_creds, &log, QStringLiteral("rest"));

        struct Payload {
            QString event;
            QString data;  // exactly what goes into the REST body's "data"
            bool json;     // whether a client can JSON-parse it
        };
        const QList<Payload> payloads{
            {QStringLiteral("interop-json"),
             QStringLiteral(
                 "{\"greeting\":\"Zoë, 日本, 🎉\",\"nested\":{\"list\":[1,2.5,-3,{\"deep\":true,\"nil\":null}],"
                 "\"quote\":\"say \\\"hi\\\" \\\\o/\",\"escaped\":\"\\u00e9\\n\\t\"},\"empty\":{},\"n\":-42}"),
             true},
            {QStringLiteral("interop-plain"),
             QStringLiteral("plain text, not JSON: Zoë 日本 🎉 \"quoted\" back\\slash {not json"), false},
            {QStringLiteral("interop-array"), QStringLiteral("[1,\"two\",{\"three\":[3.5,null,false]},[]]"), true},
            {QStringLiteral("interop-json-string"), QStringLiteral("\"a JSON string: \\u65e5\\u672c\""), true},
        };

        for (const Payload &p : payloads) {
            std::optional<RestResponse> answer;
            rest.trigger({{publicChannel, privateChannel}, p.event, p.data, {}, {}},
                         [&](const RestResponse &r) { answer = r; });
            QVERIFY(QTest::qWaitFor([&] { return answer.has_value(); }, kWait));
            QVERIFY2(answer->ok(), qPrintable(p.event + QStringLiteral(": ") + answer->errorMessage()));

            // What a Pusher client must make of the data string, and what our own codec makes of it.
            QCOMPARE(jsonParse(p.data).has_value(), p.json);
            const QJsonValue expected = clientDecoded(p.data);
            QCOMPARE(canon(protocol::decodeData(QJsonValue(p.data))), canon(expected));

            for (const QString &channel : {publicChannel, privateChannel}) {
                // The next event pusher-js saw on this channel, whatever its name.
                const auto got = js.waitForLine(isOn(QStringLiteral("event"), channel), kWait);
                QVERIFY2(got, qPrintable(QStringLiteral("pusher-js got no %1 on %2").arg(p.event, channel)
                                         + diagnostics(js)));
                QCOMPARE(got->value(u"event").toString(), p.event);
                QCOMPARE(canon(got->value(u"data")), canon(expected));
            }
        }

        // socket_id excludes pusher-js: the next event it sees on the channel is the later one.
        std::optional<RestResponse> excluded, after;
        rest.trigger({{publicChannel}, QStringLiteral("interop-excluded"), QStringLiteral("{\"x\":1}"), jsSocketId, {}},
                     [&](const RestResponse &r) { excluded = r; });
        QVERIFY(QTest::qWaitFor([&] { return excluded.has_value(); }, kWait));
        QVERIFY2(excluded->ok(), qPrintable(excluded->errorMessage()));
        rest.trigger({{publicChannel}, QStringLiteral("interop-after"), QStringLiteral("{\"x\":2}"), {}, {}},
                     [&](const RestResponse &r) { after = r; });
        QVERIFY(QTest::qWaitFor([&] { return after.has_value(); }, kWait));
        QVERIFY2(after->ok(), qPrintable(after->errorMessage()));
        const auto next = js.waitForLine(isOn(QStringLiteral("event"), publicChannel), kWait);
        QVERIFY2(next, qPrintable(diagnostics(js)));
        QCOMPARE(next->value(u"event").toString(), QStringLiteral("interop-after"));

        QVERIFY(js.send({{QStringLiteral("cmd"), QStringLiteral("quit")}}));
        QCOMPARE(js.finish(kWait), 0);
    }

    // 2a. The official SDK triggers (single, multi-channel, plain string, batch) -> our session.
    void weReceiveWhatTheSdkTriggered()
    {
        const QString publicChannel = QStringLiteral("interop-sdk-public");
        const QString privateChannel = QStringLiteral("private-interop-sdk");
        Client client(m_creds);
        QVERIFY(client.connect());
        QVERIFY2(client.subscribe(publicChannel), qPrintable(client.subscriptionError(publicChannel)));
        QVERIFY2(client.subscribe(privateChannel), qPrintable(client.subscriptionError(privateChannel)));

        const QJsonObject object{
            {QStringLiteral("text"), QStringLiteral("Zoë 日本 🎉 \"q\" \\ back")},
            {QStringLiteral("nested"),
             QJsonObject{{QStringLiteral("list"), QJsonArray{1, 2.5, true, QJsonValue::Null, QStringLiteral("ü")}},
                         {QStringLiteral("deeper"), QJsonObject{{QStringLiteral("n"), -7}}}}},
            {QStringLiteral("count"), 12345},
        };
        const QString plain = QStringLiteral("plain SDK text Zoë 🎉, not JSON {");
        QVERIFY(!jsonParse(plain));  // the script sends non-JSON argv as the string itself

        struct Sent {
            QString channel, event;
            QJsonValue data;
        };
        QList<Sent> sent;
        QString why;

        // One trigger to two channels with an object (the SDK JSON-encodes it).
        QJsonObject result = runSdkTrigger({QStringLiteral("trigger"), publicChannel + u',' + privateChannel,
                                            QStringLiteral("sdk-json"), QString::fromUtf8(compact(object))},
                                           NodePeer::envFor(m_creds), &why);
        QVERIFY2(why.isEmpty(), qPrintable(why));
        QCOMPARE(result.value(u"status").toInt(), 200);
        sent << Sent{publicChannel, QStringLiteral("sdk-json"), object}
             << Sent{privateChannel, QStringLiteral("sdk-json"), object};

        // A plain string goes as it is.
        result = runSdkTrigger({QStringLiteral("trigger"), publicChannel, QStringLiteral("sdk-plain"), plain},
                               NodePeer::envFor(m_creds), &why);
        QVERIFY2(why.isEmpty(), qPrintable(why));
        QCOMPARE(result.value(u"status").toInt(), 200);
        sent << Sent{publicChannel, QStringLiteral("sdk-plain"), plain};

        // A batch with one event per channel.
        const QJsonObject batchObject{{QStringLiteral("batch"), QStringLiteral("日本")}, {QStringLiteral("i"), 2}};
        const QJsonArray batch{
            QJsonObject{{QStringLiteral("channel"), publicChannel},
                        {QStringLiteral("name"), QStringLiteral("sdk-batch-1")},
                        {QStringLiteral("data"), batchObject}},
            QJsonObject{{QStringLiteral("channel"), privateChannel},
                        {QStringLiteral("name"), QStringLiteral("sdk-batch-2")},
                        {QStringLiteral("data"), plain}},
        };
        QTemporaryFile batchFile;
        QVERIFY(batchFile.open());
        batchFile.write(QJsonDocument(batch).toJson(QJsonDocument::Compact));
        batchFile.close();
        result = runSdkTrigger({QStringLiteral("batch"), batchFile.fileName()}, NodePeer::envFor(m_creds), &why);
        QVERIFY2(why.isEmpty(), qPrintable(why));
        QCOMPARE(result.value(u"status").toInt(), 200);
        sent << Sent{publicChannel, QStringLiteral("sdk-batch-1"), batchObject}
             << Sent{privateChannel, QStringLiteral("sdk-batch-2"), plain};

        for (const Sent &s : sent) {
            const Received *got = client.waitForEvent(s.channel, s.event);
            QVERIFY2(got, qPrintable(QStringLiteral("no %1 on %2").arg(s.event, s.channel)));
            QCOMPARE(canon(got->data), canon(s.data));
            QVERIFY(got->userId.isEmpty());

            // The log holds the wire frame: its data member is the string the SDK sent.
            const QList<LogEntry> frames = client.inboundFrames(s.channel, s.event);
            QCOMPARE(frames.size(), 1);
            QCOMPARE(frames.first().kind, EntryKind::Event);
            const QJsonDocument raw = QJsonDocument::fromJson(frames.first().raw);
            QVERIFY2(raw.isObject(), frames.first().raw.constData());
            QCOMPARE(raw.object().value(u"channel").toString(), s.channel);
            QCOMPARE(raw.object().value(u"event").toString(), s.event);
            const QJsonValue wireData = raw.object().value(u"data");
            QVERIFY2(wireData.isString(), frames.first().raw.constData());
            QCOMPARE(canon(clientDecoded(wireData.toString())), canon(s.data));
            QCOMPARE(canon(frames.first().data()), canon(s.data));
        }
        QCOMPARE(client.events.size(), sent.size());
    }

    // 2b. The SDK encrypts with its encryptionMasterKeyBase64; we decrypt with the same key.
    void weDecryptWhatTheSdkEncrypted()
    {
        const QString channel = QStringLiteral("private-encrypted-x");
        Client client(m_creds);
        QVERIFY(client.connect());
        QVERIFY2(client.subscribe(channel), qPrintable(client.subscriptionError(channel)));

        const QJsonObject object{
            {QStringLiteral("secret"), QStringLiteral("classified Zoë 日本 🎉")},
            {QStringLiteral("nested"),
             QJsonObject{{QStringLiteral("a"), QJsonArray{1, QStringLiteral("b\\\"c"), QJsonValue::Null}}}},
        };
        const QString text = QStringLiteral("top-secret text, not JSON: Zoë");
        QVERIFY(!jsonParse(text));
        const QMap<QString, QString> env = NodePeer::envFor(m_creds);
        QCOMPARE(env.value(QStringLiteral("CS_MASTER_KEY_B64")).toLatin1(), kMasterKey);

        const QList<std::pair<QString, QJsonValue>> sent{{QStringLiteral("sdk-secret-object"), object},
                                                         {QStringLiteral("sdk-secret-text"), text}};
        for (const auto &[event, data] : sent) {
            QString why;
            const QString arg = data.isObject() ? QString::fromUtf8(compact(data.toObject())) : data.toString();
            const QJsonObject result = runSdkTrigger({QStringLiteral("trigger"), channel, event, arg}, env, &why);
            QVERIFY2(why.isEmpty(), qPrintable(why));
            QCOMPARE(result.value(u"status").toInt(), 200);

            const Received *got = client.waitForEvent(channel, event);
            QVERIFY2(got, qPrintable(QStringLiteral("no decrypted %1; errors: %2").arg(event, errorsIn(client))));
            // The node SDK JSON-encodes even strings before encrypting; a client JSON-decodes.
            QCOMPARE(canon(got->data), canon(data));

            // On the wire only the envelope: no plaintext, a nonce and a ciphertext.
            const QList<LogEntry> frames = client.inboundFrames(channel, event);
            QCOMPARE(frames.size(), 1);
            const QByteArray raw = frames.first().raw;
            QVERIFY2(!raw.contains("classified") && !raw.contains("top-secret"), raw.constData());
            const QJsonValue wireData = QJsonDocument::fromJson(raw).object().value(u"data");
            QVERIFY2(wireData.isString(), raw.constData());
            const QJsonObject envelope = QJsonDocument::fromJson(wireData.toString().toUtf8()).object();
            QVERIFY2(envelope.contains(u"nonce") && envelope.contains(u"ciphertext"), raw.constData());

            // The envelope opens with the key derived from the master key, independently of the session.
            const auto masterKey = signer::decodeMasterKey(kMasterKey);
            QVERIFY(masterKey);
            const auto opened =
                e2e::decrypt(wireData.toString().toUtf8(), signer::perChannelKey(channel, *masterKey).toBase64());
            QVERIFY2(opened, qPrintable(opened ? QString() : opened.error().message));
            QCOMPARE(canon(clientDecoded(QString::fromUtf8(*opened))), canon(data));

            // And the log says what it decrypted to.
            const QList<LogEntry> decrypted = client.entries([&](const LogEntry &e) {
                return e.direction == Direction::Local && e.kind == EntryKind::Event && e.event == event;
            });
            QCOMPARE(decrypted.size(), 1);
            QCOMPARE(canon(decrypted.first().data().toObject().value(u"data")), canon(data));
        }
    }

    // 3. Presence: pusher-js and we see the same roster, and each other's joins and leaves.
    void presenceRosterParity()
    {
        const QString channel = QStringLiteral("presence-interop-room");
        const QString jsId = QStringLiteral("js-member-1");
        const QJsonObject jsInfo{{QStringLiteral("name"), QStringLiteral("Zoë")},
                                 {QStringLiteral("langs"), QJsonArray{QStringLiteral("日本"), QStringLiteral("en")}},
                                 {QStringLiteral("badge"), QStringLiteral("🎉")},
                                 {QStringLiteral("quote"), QStringLiteral("say \"hi\" \\o/")}};
        const PresenceIdentity us{QStringLiteral("cs-member"),
                                  QJsonObject{{QStringLiteral("name"), QStringLiteral("Channelscope ü")},
                                              {QStringLiteral("n"), 3},
                                              {QStringLiteral("nested"), QJsonObject{{QStringLiteral("ok"), true}}}}};

        NodePeer js;
        QString why;
        const QList<QJsonObject> jsJoined = startPusherJs(js, {channel}, peerEnv(jsId, jsInfo), &why);
        QVERIFY2(!jsJoined.isEmpty(), qPrintable(why));
        QCOMPARE(jsJoined.first().value(u"members").toObject().keys(), QStringList{jsId});

        Client client(m_creds, QStringLiteral("cs"));
        QVERIFY(client.connect());
        QVERIFY2(client.subscribe(channel, us), qPrintable(client.subscriptionError(channel)));
        QCOMPARE(client.channels()->subscription(channel)->myUserId, us.userId);

        // pusher-js sees us join with our user_info.
        const auto joined = js.waitForLine(isMember(QStringLiteral("member_added"), channel, us.userId), kWait);
        QVERIFY2(joined, qPrintable(diagnostics(js)));
        QCOMPARE(canon(joined->value(u"info")), canon(us.userInfo));

        // Both rosters: same ids, same info.
        QVERIFY(js.send({{QStringLiteral("cmd"), QStringLiteral("members")}, {QStringLiteral("channel"), channel}}));
        auto members = js.waitForLine(isOn(QStringLiteral("members"), channel), kWait);
        QVERIFY2(members, qPrintable(diagnostics(js)));
        const QJsonObject jsRoster = members->value(u"members").toObject();
        QCOMPARE(canon(client.roster(channel)), canon(jsRoster));
        QCOMPARE(client.roster(channel).keys(), (QStringList{us.userId, jsId}));
        QCOMPARE(canon(client.roster(channel).value(jsId)), canon(jsInfo));  // what pusher-js was given
        QCOMPARE(members->value(u"count").toInt(), 2);
        QCOMPARE(members->value(u"me").toObject().value(u"id").toString(), jsId);
        QCOMPARE(canon(members->value(u"me").toObject().value(u"info")), canon(jsInfo));

        // We leave: pusher-js sees member_removed and its roster shrinks.
        client.channels()->unsubscribe(channel);
        const auto left = js.waitForLine(isMember(QStringLiteral("member_removed"), channel, us.userId), kWait);
        QVERIFY2(left, qPrintable(diagnostics(js)));
        QVERIFY(js.send({{QStringLiteral("cmd"), QStringLiteral("members")}, {QStringLiteral("channel"), channel}}));
        members = js.waitForLine(isOn(QStringLiteral("members"), channel), kWait);
        QVERIFY2(members, qPrintable(diagnostics(js)));
        QCOMPARE(members->value(u"members").toObject().keys(), QStringList{jsId});
        QCOMPARE(members->value(u"count").toInt(), 1);

        // We come back; then a second pusher-js member joins and we see it with its info.
        QVERIFY2(client.subscribe(channel, us), qPrintable(client.subscriptionError(channel)));
        QVERIFY2(js.waitForLine(isMember(QStringLiteral("member_added"), channel, us.userId), kWait),
                 qPrintable(diagnostics(js)));
        QCOMPARE(client.roster(channel).keys(), (QStringList{us.userId, jsId}));
        QVERIFY(client.added.isEmpty());  // the roster came with subscription_succeeded, not as joins

        const QString js2Id = QStringLiteral("js-member-2");
        const QJsonObject js2Info{{QStringLiteral("name"), QStringLiteral("日本 second")},
                                  {QStringLiteral("score"), 9.5},
                                  {QStringLiteral("none"), QJsonValue::Null},
                                  {QStringLiteral("tags"),
                                   QJsonArray{QStringLiteral("🎉"), QStringLiteral("back\\slash")}}};
        NodePeer js2;
        const QList<QJsonObject> js2Joined = startPusherJs(js2, {channel}, peerEnv(js2Id, js2Info), &why);
        QVERIFY2(!js2Joined.isEmpty(), qPrintable(why));
        QVERIFY(QTest::qWaitFor([&] { return !client.added.isEmpty(); }, kWait));
        QCOMPARE(client.added.size(), 1);
        QCOMPARE(client.added.first().channel, channel);
        QCOMPARE(client.added.first().userId, js2Id);
        QCOMPARE(canon(client.added.first().info), canon(js2Info));
        // The newcomer's roster (from its subscription_succeeded) equals ours.
        QCOMPARE(canon(js2Joined.first().value(u"members")), canon(client.roster(channel)));
        QCOMPARE(client.roster(channel).keys(), (QStringList{us.userId, jsId, js2Id}));

        // The second member quits, then the first unsubscribes: we see both leave.
        QVERIFY(js2.send({{QStringLiteral("cmd"), QStringLiteral("quit")}}));
        QVERIFY(QTest::qWaitFor([&] { return !client.removed.isEmpty(); }, kWait));
        QCOMPARE(client.removed.first().userId, js2Id);
        QCOMPARE(js2.finish(kWait), 0);
        QVERIFY2(js.waitForLine(isMember(QStringLiteral("member_removed"), channel, js2Id), kWait),
                 qPrintable(diagnostics(js)));

        QVERIFY(
            js.send({{QStringLiteral("cmd"), QStringLiteral("unsubscribe")}, {QStringLiteral("channel"), channel}}));
        QVERIFY(QTest::qWaitFor([&] { return client.removed.size() >= 2; }, kWait));
        QCOMPARE(client.removed.size(), 2);
        QCOMPARE(client.removed.at(1).userId, jsId);
        QCOMPARE(client.roster(channel).keys(), QStringList{us.userId});
        QCOMPARE(client.added.size(), 1);

        QVERIFY(js.send({{QStringLiteral("cmd"), QStringLiteral("quit")}}));
        QCOMPARE(js.finish(kWait), 0);
    }

    // 4. Client events both ways between pusher-js and us.
    void clientEventsBothWays_data()
    {
        QTest::addColumn<QString>("channel");
        QTest::newRow("private") << QStringLiteral("private-interop-chat");
        QTest::newRow("presence") << QStringLiteral("presence-interop-chat");
    }
    void clientEventsBothWays()
    {
        QFETCH(QString, channel);
        const bool presence = channel.startsWith(QLatin1String("presence-"));
        const QString jsId = QStringLiteral("js-chatter");
        const PresenceIdentity us{QStringLiteral("cs-chatter"),
                                  QJsonObject{{QStringLiteral("name"), QStringLiteral("cs")}}};

        NodePeer js;
        QString why;
        QVERIFY2(!startPusherJs(js, {channel},
                                peerEnv(jsId, QJsonObject{{QStringLiteral("name"), QStringLiteral("js")}}), &why)
                      .isEmpty(),
                 qPrintable(why));
        Client client(m_creds, QStringLiteral("cs"));
        QVERIFY(client.connect());
        QVERIFY2(client.subscribe(channel, presence ? us : PresenceIdentity{}),
                 qPrintable(client.subscriptionError(channel)));
        if (presence)
            QVERIFY2(js.waitForLine(isMember(QStringLiteral("member_added"), channel, us.userId), kWait),
                     qPrintable(diagnostics(js)));

        // pusher-js -> us
        const QJsonObject x{{QStringLiteral("from"), QStringLiteral("pusher-js Zoë 🎉")},
                            {QStringLiteral("list"), QJsonArray{1, 2.25, QStringLiteral("日本"), QJsonValue::Null}},
                            {QStringLiteral("q"), QStringLiteral("\"quoted\" \\ back")}};
        QVERIFY(js.send({{QStringLiteral("cmd"), QStringLiteral("client_event")},
                         {QStringLiteral("channel"), channel},
                         {QStringLiteral("event"), QStringLiteral("client-x")},
                         {QStringLiteral("data"), x}}));
        const auto sent = js.waitForLine(isOn(QStringLiteral("sent"), channel), kWait);
        QVERIFY2(sent, qPrintable(diagnostics(js)));
        QVERIFY2(sent->value(u"ok").toBool(), qPrintable(diagnostics(js)));
        const Received *got = client.waitForEvent(channel, QStringLiteral("client-x"));
        QVERIFY2(got, qPrintable(QStringLiteral("client-x did not arrive") + diagnostics(js)));
        QCOMPARE(canon(got->data), canon(x));
        QCOMPARE(got->userId, presence ? jsId : QString());
        const QList<LogEntry> frames = client.inboundFrames(channel, QStringLiteral("client-x"));
        QCOMPARE(frames.size(), 1);
        QCOMPARE(frames.first().kind, EntryKind::ClientEvent);
        QCOMPARE(canon(frames.first().data()), canon(x));

        // us -> pusher-js
        const QJsonObject y{{QStringLiteral("from"), QStringLiteral("channelscope 日本")},
                            {QStringLiteral("nested"),
                             QJsonObject{{QStringLiteral("n"), -1}, {QStringLiteral("t"), true}}}};
        const Status status = client.channels()->sendClientEvent(channel, QStringLiteral("client-y"), y);
        QVERIFY2(status, qPrintable(status ? QString() : status.error().message));
        const auto echoed = js.waitForLine(isOn(QStringLiteral("event"), channel), kWait);
        QVERIFY2(echoed, qPrintable(diagnostics(js)));
        QCOMPARE(echoed->value(u"event").toString(), QStringLiteral("client-y"));
        QCOMPARE(canon(echoed->value(u"data")), canon(y));
        if (presence)
            QCOMPARE(echoed->value(u"user_id").toString(), us.userId);
        else
            QVERIFY(echoed->value(u"user_id").isNull());

        // Neither side gets its own client event back. Instead of a quiet time, each side waits
        // for a later client event of the other: soketi handles it after the side's own event,
        // so an echo of that would have arrived before it.
        const Status marker = client.channels()->sendClientEvent(channel, QStringLiteral("client-w"), QJsonObject{});
        QVERIFY2(marker, qPrintable(marker ? QString() : marker.error().message));
        const auto next = js.waitForLine(isOn(QStringLiteral("event"), channel), kWait);
        QVERIFY2(next, qPrintable(diagnostics(js)));
        QCOMPARE(next->value(u"event").toString(), QStringLiteral("client-w"));  // not an echo of client-x
        QVERIFY(js.send({{QStringLiteral("cmd"), QStringLiteral("client_event")},
                         {QStringLiteral("channel"), channel},
                         {QStringLiteral("event"), QStringLiteral("client-z")},
                         {QStringLiteral("data"), QJsonObject{}}}));
        QVERIFY2(client.waitForEvent(channel, QStringLiteral("client-z")), qPrintable(diagnostics(js)));
        QVERIFY(!client.find(channel, QStringLiteral("client-y")));
        QVERIFY(!js.waitForLine(isOn(QStringLiteral("event"), channel), 0));

        QVERIFY(js.send({{QStringLiteral("cmd"), QStringLiteral("quit")}}));
        QCOMPARE(js.finish(kWait), 0);
    }

    // 5. Our signer vs the SDK's authorizeChannel / authenticateUser on hundreds of seeded inputs.
    void signatureParityWithTheSdk()
    {
        constexpr quint32 kSeed = 0xC5A11u;
        constexpr int kGenerated = 400;
        QRandomGenerator rng(kSeed);

        const auto below = [&](int n) { return int(rng.bounded(n)); };
        const auto chance = [&](int percent) { return below(100) < percent; };
        const auto digits = [&](int minLen, int maxLen) {
            QString s;
            for (int i = 0, n = minLen + below(maxLen - minLen + 1); i < n; ++i)
                s += QChar(u'0' + below(10));
            return s;
        };
        const QString charset = QStringLiteral("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-=@,.;");
        const auto channelName = [&](const QString &prefix) {
            const int room = 200 - int(prefix.size());
            const int length = chance(5) ? room : 1 + below(qMin(40, room));
            QString s = prefix;
            for (int i = 0; i < length; ++i)
                s += charset.at(below(int(charset.size())));
            return s;
        };
        const QStringList fragments{
            QStringLiteral("Zoë"),        QStringLiteral("日本"),         QStringLiteral("🎉"),
            QStringLiteral("\"quoted\""), QStringLiteral("back\\slash"),  QStringLiteral("\\u00e9 literally"),
            QStringLiteral("tab\there"),  QStringLiteral("new\nline"),    QStringLiteral("ctl\x01"),
            QStringLiteral("sep\u2028"),  QStringLiteral("</script>"),    QStringLiteral("plain"),
            QStringLiteral("ümlaut"),     QStringLiteral("😀👍🏽"), QStringLiteral("🇯🇵"),
            QStringLiteral("'single'"),   QStringLiteral("a/b"),          QStringLiteral("%20"),
            QStringLiteral(" "),          QStringLiteral("{}[]:,"),
        };
        const auto text = [&] {
            QString s;
            for (int i = 0, n = 1 + below(4); i < n; ++i)
                s += fragments.at(below(int(fragments.size())));
            return s;
        };
        const auto number = [&]() -> QJsonValue {
            switch (below(6)) {
            case 0: return qint64(rng.bounded(quint64(1) << 53));  // up to 2^53 - 1
            case 5: {                                              // where number formatting differs between writers
                static const double odd[] = {1e21, 1.5e-7, 0.1 + 0.2, -0.0, 123456789.125, 5e-324};
                return odd[below(6)];
            }
            case 1: return below(1000);
            case 2: return -1 - below(100000);
            case 3: return below(1'000'000) / 64.0;
            default: return 0;
            }
        };
        std::function<QJsonValue(int)> value = [&](int depth) -> QJsonValue {
            switch (below(depth > 1 ? 5 : 7)) {
            case 0:
            case 1: return text();
            case 2: return number();
            case 3: return chance(50);
            case 4: return QJsonValue::Null;
            case 5: {
                QJsonArray a;
                for (int i = 0, n = below(4); i < n; ++i)
                    a.append(value(depth + 1));
                return a;
            }
            default: {
                QJsonObject o;
                for (int i = 0, n = below(4); i < n; ++i)
                    o.insert(text(), value(depth + 1));
                return o;
            }
            }
        };
        const QStringList infoKeys{QStringLiteral("name"), QStringLiteral("city"), QStringLiteral("tags"),
                                   QStringLiteral("score"), QStringLiteral("nested"), QStringLiteral("emoji 🎉"),
                                   QStringLiteral("日本"), QStringLiteral("ünïcödé \"key\""),
                                   // JavaScript puts integer-like keys first, in numeric order
                                   QStringLiteral("10"), QStringLiteral("9"), QStringLiteral("2")};
        const auto userInfo = [&] {
            QJsonObject o;
            for (int i = 0, n = below(5); i < n; ++i)
                o.insert(infoKeys.at(below(int(infoKeys.size()))), value(0));
            return o;
        };
        const auto userIdString = [&] { return chance(50) ? QStringLiteral("user-") + digits(1, 8) : text(); };

        struct Input {
            QJsonObject request;  // the line sent to sdk-sign.js
            bool valid = true;    // false: both sides must refuse it
        };
        QList<Input> inputs;
        for (int i = 0; i < kGenerated; ++i) {
            const QString socketId = digits(1, 12) + u'.' + digits(1, 12);
            QJsonObject request{{QStringLiteral("socket_id"), socketId}};
            switch (i % 4) {
            case 0:
            case 1: {
                request.insert(QStringLiteral("channel"),
                               channelName(i % 4 == 0 ? QStringLiteral("private-")
                                                      : QStringLiteral("private-encrypted-")));
                if (chance(10))  // the SDK signs any custom data on any channel
                    request.insert(QStringLiteral("channel_data"),
                                   chance(50) ? QJsonValue(text()) : QJsonValue(userInfo()));
                break;
            }
            case 2: {
                request.insert(QStringLiteral("channel"), channelName(QStringLiteral("presence-")));
                QJsonObject data{{QStringLiteral("user_id"), chance(50) ? QJsonValue(userIdString()) : number()}};
                if (chance(80))
                    data.insert(QStringLiteral("user_info"), userInfo());
                request.insert(QStringLiteral("channel_data"), data);
                break;
            }
            default: {
                QJsonObject user{{QStringLiteral("id"), userIdString()}};
                if (chance(70))
                    user.insert(QStringLiteral("user_info"), userInfo());
                if (chance(20)) {
                    QJsonArray watchlist;
                    for (int w = 0, n = below(4); w < n; ++w)
                        watchlist.append(userIdString());
                    user.insert(QStringLiteral("watchlist"), watchlist);
                }
                request.insert(QStringLiteral("user"), user);
                break;
            }
            }
            inputs << Input{request, true};
        }
        // Inputs both must refuse (signature injection, bad names, bad user data).
        const auto channelRequest = [](const QString &socketId, const QString &channel) {
            return QJsonObject{{QStringLiteral("socket_id"), socketId}, {QStringLiteral("channel"), channel}};
        };
        const auto userRequest = [](const QString &socketId, const QJsonObject &user) {
            return QJsonObject{{QStringLiteral("socket_id"), socketId}, {QStringLiteral("user"), user}};
        };
        const QJsonObject okUser{{QStringLiteral("id"), QStringLiteral("u1")}};
        for (const QString &badSocket : {QStringLiteral("1.1:"), QStringLiteral(":1.1"), QStringLiteral("1.1\n"),
                                         QStringLiteral("1.1\n:"), QStringLiteral("12341234"), QStringLiteral("١٢.٣"),
                                         QStringLiteral("１.１"), QStringLiteral("1.1.1"), QStringLiteral(" 1.1")}) {
            inputs << Input{channelRequest(badSocket, QStringLiteral("private-x")), false};
            inputs << Input{userRequest(badSocket, okUser), false};
        }
        for (const QString &badChannel :
             {QStringLiteral("private-bad:name"), QStringLiteral("private-a b"), QStringLiteral("private-x\n"),
              QStringLiteral("#server-to-user-1"), QStringLiteral("private-é"), QStringLiteral("")})
            inputs << Input{channelRequest(QStringLiteral("1.1"), badChannel), false};
        inputs << Input{userRequest(QStringLiteral("1.1"), QJsonObject{{QStringLiteral("id"), QString()}}), false};
        inputs << Input{userRequest(QStringLiteral("1.1"), QJsonObject{{QStringLiteral("id"), 42}}), false};
        inputs << Input{userRequest(QStringLiteral("1.1"),
                                    QJsonObject{{QStringLiteral("name"), QStringLiteral("no id")}}),
                        false};

        // All of them through ONE sdk-sign.js process; one answer line per input, in order.
        QElapsedTimer clock;
        clock.start();
        NodePeer sdk;
        QVERIFY2(sdk.start(QStringLiteral("sdk-sign.js"), {}, NodePeer::envFor(m_creds)), qPrintable(diagnostics(sdk)));
        for (const Input &input : std::as_const(inputs))
            QVERIFY2(sdk.send(input.request), qPrintable(diagnostics(sdk)));
        const int exitCode = sdk.finish(kWait);
        const QList<QJsonObject> answers = sdk.lines();
        QCOMPARE(answers.size(), inputs.size());
        // sdk-sign.js exits 1 when it refused any line, as it must for the invalid ones.
        QCOMPARE(exitCode, 1);

        const signer::AppKeys keys{m_creds.key, m_creds.secret};
        QStringList mismatches;
        int compared = 0, refusedByBoth = 0, channelCount = 0, encryptedCount = 0, presenceCount = 0, userCount = 0;
        const auto mismatch = [&](qsizetype i, const QString &what) {
            mismatches << QStringLiteral("#%1 %2\n    input: %3\n    sdk:   %4")
                              .arg(i)
                              .arg(what, QString::fromUtf8(compact(inputs[i].request)),
                                   QString::fromUtf8(compact(answers[i])));
        };
        for (qsizetype i = 0; i < inputs.size(); ++i) {
            const QJsonObject &request = inputs[i].request;
            const QJsonObject &answer = answers[i];
            const bool sdkRefused = answer.contains(u"error");
            const QString socketId = request.value(u"socket_id").toString();
            const bool isUser = request.contains(u"user");

            if (isUser) {
                // Sign exactly the user_data bytes the SDK produced.
                const QByteArray sdkUserData = answer.value(u"user_data").toString().toUtf8();
                const auto ours =
                    signer::signUser(keys, socketId,
                                     sdkRefused ? compact(request.value(u"user").toObject()) : sdkUserData);
                if (sdkRefused || !inputs[i].valid) {
                    if (!sdkRefused || ours || inputs[i].valid)
                        mismatch(i, QStringLiteral("refusal differs (sdk refused: %1, we refused: %2%3)")
                                        .arg(sdkRefused)
                                        .arg(!ours)
                                        .arg(ours ? QString() : QStringLiteral(" - ") + ours.error().message));
                    else
                        ++refusedByBoth;
                    continue;
                }
                if (!ours) {
                    mismatch(i, QStringLiteral("we refused: ") + ours.error().message);
                    continue;
                }
                ++userCount;
                if (ours->auth != answer.value(u"auth").toString().toUtf8())
                    mismatch(i, QStringLiteral("auth differs: ours %1").arg(QString::fromUtf8(ours->auth)));
                if (ours->userData != sdkUserData)
                    mismatch(i, QStringLiteral("user_data differs: ours %1").arg(QString::fromUtf8(ours->userData)));
                if (canon(QJsonDocument::fromJson(sdkUserData).object()) != canon(request.value(u"user")))
                    mismatch(i, QStringLiteral("the SDK's user_data is not the input"));
            } else {
                const QString channel = request.value(u"channel").toString();
                const bool hasData = request.contains(u"channel_data");
                const QByteArray sdkChannelData = answer.value(u"channel_data").toString().toUtf8();
                QByteArray dataToSign = sdkChannelData;
                if (sdkRefused && hasData)  // nothing to take from the SDK: sign our own serialization
                    dataToSign = canon(request.value(u"channel_data"));
                const auto ours = signer::signChannel(keys, socketId, channel, dataToSign, kMasterKey);
                if (sdkRefused || !inputs[i].valid) {
                    if (!sdkRefused || ours || inputs[i].valid)
                        mismatch(i, QStringLiteral("refusal differs (sdk refused: %1, we refused: %2%3)")
                                        .arg(sdkRefused)
                                        .arg(!ours)
                                        .arg(ours ? QString() : QStringLiteral(" - ") + ours.error().message));
                    else
                        ++refusedByBoth;
                    continue;
                }
                if (!ours) {
                    mismatch(i, QStringLiteral("we refused: ") + ours.error().message);
                    continue;
                }
                ++channelCount;
                if (channel.startsWith(QLatin1String("private-encrypted-")))
                    ++encryptedCount;
                if (channel.startsWith(QLatin1String("presence-")))
                    ++presenceCount;
                if (ours->auth != answer.value(u"auth").toString().toUtf8())
                    mismatch(i, QStringLiteral("auth differs: ours %1").arg(QString::fromUtf8(ours->auth)));
                if (ours->channelData != sdkChannelData)
                    mismatch(i,
                             QStringLiteral("channel_data differs: ours %1").arg(QString::fromUtf8(ours->channelData)));
                // shared_secret only for private-encrypted- channels, on both sides.
                if (ours->sharedSecret != answer.value(u"shared_secret").toString().toUtf8())
                    mismatch(i, QStringLiteral("shared_secret differs: ours '%1'")
                                    .arg(QString::fromUtf8(ours->sharedSecret)));
                if (hasData != answer.contains(u"channel_data")
                    || (hasData
                        && canon(clientDecoded(QString::fromUtf8(sdkChannelData)))
                               != canon(request.value(u"channel_data"))))
                    mismatch(i, QStringLiteral("the SDK's channel_data is not the input"));
            }
            ++compared;
        }

        qInfo(
            "signature parity: %d inputs compared with the pusher SDK (%d channel auths: %d presence, %d private-encrypted; "
            "%d user auths), %d refused by both; seed 0x%X; %lld ms",
            compared, channelCount, presenceCount, encryptedCount, userCount, refusedByBoth, kSeed,
            qint64(clock.elapsed()));
        QVERIFY2(mismatches.isEmpty(), qPrintable(QStringLiteral("%1 mismatch(es):\n").arg(mismatches.size())
                                                  + mismatches.mid(0, 10).join(u'\n') + diagnostics(sdk)));
        QCOMPARE(compared, kGenerated);  // every generated input was compared, none skipped
        QCOMPARE(refusedByBoth, int(inputs.size()) - kGenerated);
        QVERIFY(presenceCount > 0 && encryptedCount > 0 && userCount > 0);
    }
};

QTEST_GUILESS_MAIN(TestInterop)
#include "tst_interop.moc"
