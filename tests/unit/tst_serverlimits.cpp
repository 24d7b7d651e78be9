// The limits the publish forms and the CLI warn about before sending (serverlimits.h), each at
// its boundary: hosted Pusher's by default, the profile's own when set. Size limits are warnings
// (the server may allow more); names and channel counts every server refuses are errors.
#include "clienteventrules.h"
#include "profile.h"
#include "publishrules.h"
#include "serverlimits.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace cs;

Q_DECLARE_METATYPE(cs::ServerLimits)

namespace {

ServerLimits withPayload(int kb)
{
    ServerLimits limits;
    limits.payloadKb = kb;
    return limits;
}

TriggerDraft trigger(const QString &data, const ServerLimits &limits = {})
{
    TriggerDraft d;
    d.hasSession = true;
    d.channels = {QStringLiteral("public-a")};
    d.event = QStringLiteral("greet");
    d.data = data;
    d.limits = limits;
    return d;
}

}  // namespace

class TestServerLimits : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void payload_data()
    {
        QTest::addColumn<QString>("data");
        QTest::addColumn<ServerLimits>("limits");
        QTest::addColumn<QString>("warning");  // empty: none
        const QString hosted = QStringLiteral("(hosted Pusher's limit)");
        QTest::addRow("hosted, exactly 10240 bytes") << QString(10240, u'x') << ServerLimits{} << QString();
        QTest::addRow("hosted, 10241 bytes")
            << QString(10241, u'x') << ServerLimits{}
            << QStringLiteral("Data is 10241 bytes; the server refuses events over 10 KB ") + hosted;
        QTest::addRow("hosted, 12.3 KB") << QString(12595, u'x') << ServerLimits{}
                                         << QStringLiteral("Data is 12.3 KB; the server refuses events over 10 KB ")
                                                + hosted;
        // UTF-8 bytes count, not characters: 5121 × "é" is 10242 bytes.
        QTest::addRow("bytes, not characters") << QString(5121, QChar(0xE9)) << ServerLimits{}
                                               << QStringLiteral("Data is 10242 bytes; the server refuses events "
                                                                 "over 10 KB ")
                                                      + hosted;
        QTest::addRow("profile 100 KB, exactly") << QString(102400, u'x') << withPayload(100) << QString();
        QTest::addRow("profile 100 KB, one over")
            << QString(102401, u'x') << withPayload(100)
            << QStringLiteral("Data is 102401 bytes; the server refuses events over 100 KB (profile limit)");
        QTest::addRow("profile 2 KB") << QString(12595, u'x') << withPayload(2)
                                      << QStringLiteral("Data is 12.3 KB; the server refuses events over 2 KB "
                                                        "(profile limit)");
    }

    void payload()
    {
        QFETCH(QString, data);
        QFETCH(ServerLimits, limits);
        QFETCH(QString, warning);
        QCOMPARE(payloadWarning(data.toUtf8().size(), limits), warning);
        // The trigger form: a warning, never a reason to keep Send disabled.
        const TriggerDraft d = trigger(data, limits);
        QCOMPARE(triggerWarnings(d), warning.isEmpty() ? QStringList() : QStringList{warning});
        QVERIFY(canSendTrigger(d).ok());
    }

    void channelCountAndNamesAreErrors()
    {
        TriggerDraft d = trigger(QStringLiteral("{}"));
        d.channels.clear();
        for (int i = 0; i < 100; ++i)
            d.channels << QStringLiteral("c%1").arg(i);
        QVERIFY(canSendTrigger(d).ok());
        d.channels << QStringLiteral("c100");
        QCOMPARE(checkTriggerInput(d).error().id(), QStringLiteral("too-many-channels"));
        QVERIFY(checkTriggerInput(d).error().message.contains(QStringLiteral("at most 100 channels, not 101")));
        QVERIFY(triggerWarnings(d).isEmpty());  // the error says it

        d.channels = {QStringLiteral("room!")};
        QVERIFY(!checkTriggerInput(d).ok());
        QVERIFY(!canSendTrigger(d).ok());
        d.channels = {QStringLiteral("room=a@b,c.d;e-f_g")};  // every allowed punctuation character
        QVERIFY(canSendTrigger(d).ok());
    }

    void batchRowsWarnByNumber()
    {
        BatchDraft d;
        d.hasSession = true;
        d.limits = withPayload(1);
        d.rows = {BatchRowDraft{QStringLiteral("a"), QStringLiteral("e"), QString(1024, u'x'), {}},
                  BatchRowDraft{{}, {}, {}, {}},  // skipped, still counted for row numbers
                  BatchRowDraft{QStringLiteral("b"), QStringLiteral("e"), QString(1025, u'x'), {}}};
        QCOMPARE(batchWarnings(d),
                 QStringList{
                     QStringLiteral("Row 3: Data is 1025 bytes; the server refuses events over 1 KB (profile limit)")});
        QVERIFY(canSendBatch(d).ok());
    }

    void userInfo_data()
    {
        QTest::addColumn<int>("bytes");
        QTest::addColumn<int>("profileKb");  // 0: unset
        QTest::addColumn<QString>("warning");
        QTest::addRow("hosted, 1024") << 1024 << 0 << QString();
        QTest::addRow("hosted, 1025") << 1025 << 0
                                      << QStringLiteral("User info is 1025 bytes; the server refuses presence members "
                                                        "over 1 KB (hosted Pusher's limit)");
        QTest::addRow("profile 2 KB, 2048") << 2048 << 2 << QString();
        QTest::addRow("profile 2 KB, 2049") << 2049 << 2
                                            << QStringLiteral("User info is 2049 bytes; the server refuses presence "
                                                              "members over 2 KB (profile limit)");
    }

    void userInfo()
    {
        QFETCH(int, bytes);
        QFETCH(int, profileKb);
        QFETCH(QString, warning);
        ServerLimits limits;
        if (profileKb)
            limits.userInfoKb = profileKb;
        QCOMPARE(userInfoWarning(bytes, limits), warning);

        // The profile editor's warning uses the same rule on the compact JSON.
        Profile p = Profile::localSandbox();
        p.limits = limits;
        p.identity.userId = QStringLiteral("u");
        const QString prefix = QStringLiteral("{\"n\":\"\"}");  // 8 bytes around the value
        p.identity.userInfo = QJsonObject{{QStringLiteral("n"), QString(bytes - int(prefix.size()), u'x')}};
        QCOMPARE(QJsonDocument(p.identity.userInfo).toJson(QJsonDocument::Compact).size(), bytes);
        QCOMPARE(p.warnings().value(ProfileField::UserInfo), warning.isEmpty() ? QString() : warning + u'.');
    }

    void presenceMembers()
    {
        ServerLimits limits;
        QVERIFY(presenceMembersWarning(99, limits).isEmpty());
        QCOMPARE(presenceMembersWarning(100, limits),
                 QStringLiteral("The roster is at the server's limit of 100 members per presence channel (hosted "
                                "Pusher's limit): the next one to join is refused"));
        limits.presenceMembers = 500;
        QVERIFY(presenceMembersWarning(100, limits).isEmpty());
        QVERIFY(presenceMembersWarning(500, limits).contains(QStringLiteral("(profile limit)")));
    }

    void clientEvents()
    {
        ClientEventDraft d;
        d.hasSession = true;
        d.connected = true;
        d.channel = QStringLiteral("private-chat");
        d.subscription = SubscriptionState::Subscribed;
        d.eventSuffix = QStringLiteral("typing");
        d.data = QStringLiteral("{}");
        QVERIFY(clientEventWarnings(d).isEmpty());  // not known: no warning
        d.limits.clientEvents = ClientEventsSetting::On;
        QVERIFY(clientEventWarnings(d).isEmpty());
        d.limits.clientEvents = ClientEventsSetting::Off;
        QCOMPARE(clientEventWarnings(d).size(), 1);
        QVERIFY(clientEventWarnings(d).first().contains(QStringLiteral("pusher:error 4301")));
        QVERIFY(canSendClientEvent(d).ok());  // a warning: the user may have just enabled them
        d.data = QString(10241, u'x');
        QCOMPARE(clientEventWarnings(d).size(), 2);
    }

    void storedWithTheProfile()
    {
        ServerLimits limits;
        limits.payloadKb = 100;
        limits.presenceMembers = 500;
        limits.userInfoKb = 2;
        limits.clientEvents = ClientEventsSetting::Off;
        QCOMPARE(ServerLimits::fromJson(limits.toJson()), limits);
        // Settings files keep objects as JSON text.
        const QString text = QString::fromUtf8(QJsonDocument(limits.toJson().toObject()).toJson());
        QCOMPARE(ServerLimits::fromJson(text), limits);
        // Junk and absence fall back to hosted Pusher's, with no migration.
        QCOMPARE(ServerLimits::fromJson(QJsonObject{{QStringLiteral("payloadKb"), -3},
                                                    {QStringLiteral("clientEvents"), QStringLiteral("maybe")}}),
                 ServerLimits{});
        QCOMPARE(ServerLimits::fromJson(QJsonValue()), ServerLimits{});

        Profile p = Profile::localSandbox();
        QVERIFY(!p.toJson(false).contains(QStringLiteral("limits")));  // default: nothing stored
        p.limits = limits;
        const auto back = Profile::fromJson(p.toJson(false));
        QVERIFY(back.ok());
        QCOMPARE(back->limits, limits);
    }
};

QTEST_GUILESS_MAIN(TestServerLimits)
#include "tst_serverlimits.moc"
