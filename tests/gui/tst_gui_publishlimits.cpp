// Limits before send, in the widgets (offscreen) against a real soketi whose event data limit is
// 1 KB: the trigger form warns in amber and still sends (and soketi answers 413, so the warning
// was right); what every server refuses keeps Send disabled; client events learned to be off,
// a presence roster at its limit, user info over its limit; the publish panel's empty state.

#include "widgetlookup.h"
#include "channelsubscribeform.h"
#include "feedback.h"
#include "jsoneditor.h"
#include "presencepanel.h"
#include "profileform.h"
#include "publishpanel.h"
#include "session.h"
#include "soketi.h"
#include "testclient.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTabWidget>
#include <QtTest>

using namespace cs;
using namespace cs::ui;

namespace {

constexpr int kWait = 10000;

using cs::test::child;

// A JSON string of exactly `bytes` bytes: the data as the trigger sends it.
QString jsonStringOf(int bytes) { return u'"' + QString(bytes - 2, u'x') + u'"'; }

}  // namespace

class TestGuiPublishLimits : public QObject {
    Q_OBJECT

    test::SoketiServer m_soketi;

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("ChannelscopeTests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_gui_publishlimits"));
        QSettings().clear();
        // Client messages off, as in soketi's default app (the harness turns them on).
        QVERIFY2(m_soketi.start(
                     {{QStringLiteral("SOKETI_EVENT_MAX_SIZE_IN_KB"), QStringLiteral("1")},
                      {QStringLiteral("SOKETI_DEFAULT_APP_ENABLE_CLIENT_MESSAGES"), QStringLiteral("false")}}),
                 qPrintable(m_soketi.output()));
    }

    void emptyStateSaysWhatToDo()
    {
        PublishPanel panel;
        panel.resize(700, 700);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        auto *empty = child<QLabel>(&panel, "publishEmptyState");
        QVERIFY(empty->isVisible());
        QVERIFY(empty->text().startsWith(QStringLiteral("Connect to a profile")));
        QCOMPARE(empty->foregroundRole(), QPalette::PlaceholderText);

        test::TestClient client(m_soketi.credentials());
        QVERIFY(client.connect());
        panel.setSession(client.session.get());
        QVERIFY(!empty->isVisible());
        // Connected, but no channel takes client events yet: that form says what to do.
        child<QTabWidget>(&panel, "publishTabs")->setCurrentIndex(2);
        QTRY_VERIFY(child<QLabel>(&panel, "clientEmptyState")->isVisible());
        panel.setSession(nullptr);
        QVERIFY(empty->isVisible());
    }

    void overTheLimitWarnsAndStillSends()
    {
        test::TestClient client(m_soketi.credentials());
        ServerLimits limits;
        limits.payloadKb = 1;  // what this soketi is set to
        client.session->setLimits(limits);
        QVERIFY(client.connect());
        PublishPanel panel;
        panel.setSession(client.session.get());
        panel.resize(700, 800);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        QSignalSpy answered(&panel, &PublishPanel::answerShown);

        QTest::keyClicks(child<QLineEdit>(&panel, "triggerChannels"), QStringLiteral("public-limits"));
        QTest::keyClicks(child<QLineEdit>(&panel, "triggerEvent"), QStringLiteral("big"));
        auto *data = child<JsonEditor>(&panel, "triggerData");
        auto *warning = child<QLabel>(&panel, "triggerFormError");
        auto *send = child<QPushButton>(&panel, "sendButton");

        data->setPlainText(jsonStringOf(1024));  // exactly the limit: quiet
        QVERIFY(warning->isHidden());
        QVERIFY(send->isEnabled());

        data->setPlainText(jsonStringOf(1500));
        QTRY_VERIFY(warning->isVisible());
        QCOMPARE(warning->text(),
                 QStringLiteral("Data is 1.5 KB; the server refuses events over 1 KB (profile limit)"));
        QCOMPARE(warning->property("feedbackTone").toInt(), int(feedback::Tone::Warning));
        QVERIFY(send->isEnabled());  // the user may know better: sending stays possible
        QVERIFY(send->toolTip().startsWith(QStringLiteral("Send anyway")));
        QVERIFY(panel.grab().save(QStringLiteral("/tmp/limits-trigger-warning.png")));

        QTest::mouseClick(send, Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(answered.size(), 1, kWait);
        QCOMPARE(answered.last().at(0).toBool(), false);  // and the server did refuse it
        const QString answer = child<QPlainTextEdit>(&panel, "triggerAnswer")->toPlainText();
        QVERIFY2(answer.contains(QStringLiteral("413")), qPrintable(answer));

        // 101 channels: refused by every server, so an error and no Send.
        QStringList many;
        for (int i = 0; i <= 100; ++i)
            many << QStringLiteral("c%1").arg(i);
        child<QLineEdit>(&panel, "triggerChannels")->setText(many.join(u' '));
        QVERIFY(warning->text().contains(QStringLiteral("at most 100 channels, not 101")));
        QCOMPARE(warning->property("feedbackTone").toInt(), int(feedback::Tone::Error));
        QVERIFY(!send->isEnabled());
        child<QLineEdit>(&panel, "triggerChannels")->setText(QStringLiteral("bad!name"));
        QCOMPARE(warning->property("feedbackTone").toInt(), int(feedback::Tone::Error));
        QVERIFY(!send->isEnabled());
    }

    // This soketi's app has client messages off: its pusher:error 4301 is remembered, and the
    // client-event form warns before the next one.
    void clientEventsLearnedOff()
    {
        test::TestClient client(m_soketi.credentials());
        QVERIFY(client.connect());
        QVERIFY(client.subscribe(QStringLiteral("private-limits")));
        PublishPanel panel;
        panel.setSession(client.session.get());
        panel.resize(700, 800);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        child<QTabWidget>(&panel, "publishTabs")->setCurrentIndex(2);
        QTRY_COMPARE(child<QComboBox>(&panel, "clientChannel")->currentText(), QStringLiteral("private-limits"));
        QTest::keyClicks(child<QLineEdit>(&panel, "clientEventName"), QStringLiteral("typing"));
        child<JsonEditor>(&panel, "clientData")->setPlainText(QStringLiteral("{}"));
        auto *message = child<QLabel>(&panel, "clientError");
        QVERIFY(message->isHidden());  // not known yet

        QSignalSpy changed(client.session.get(), &Session::limitsChanged);
        QVERIFY(panel.sendClientEvent());
        QTRY_COMPARE_WITH_TIMEOUT(changed.size(), 1, kWait);
        QCOMPARE(client.session->limits().clientEvents, ClientEventsSetting::Off);
        QTRY_VERIFY(message->isVisible());
        QVERIFY(message->text().startsWith(QStringLiteral("Client events are off for this app")));
        QVERIFY(child<QPushButton>(&panel, "clientSendButton")->isEnabled());
    }

    void presenceRosterAtTheLimit()
    {
        test::TestClient client(m_soketi.credentials());
        ServerLimits limits;
        limits.presenceMembers = 1;
        client.session->setLimits(limits);
        QVERIFY(client.connect());
        PresencePanel panel;
        panel.setSession(client.session.get());
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        auto *line = child<QLabel>(&panel, "presenceLimitWarning");
        QVERIFY(client.subscribe(QStringLiteral("presence-limits"), PresenceIdentity{QStringLiteral("u1"), {}}));
        panel.setChannel(QStringLiteral("presence-limits"));
        QTRY_VERIFY(line->isVisible());
        QVERIFY(line->text().contains(QStringLiteral("limit of 1 members per presence channel (profile limit)")));

        limits.presenceMembers = 5;
        client.session->setLimits(limits);  // the panel follows at once
        QVERIFY(line->isHidden());
    }

    void userInfoOverTheLimitWarnsBeforeSubscribing()
    {
        test::TestClient client(m_soketi.credentials());
        ChannelSubscribeForm form;
        form.setSession(client.session.get());
        form.show();
        QVERIFY(QTest::qWaitForWindowExposed(&form));
        form.setIdentity(PresenceIdentity{QStringLiteral("u1"), {}});
        QTest::keyClicks(child<QLineEdit>(&form, "subscribeField"), QStringLiteral("presence-big"));
        auto *info = child<JsonEditor>(&form, "presenceUserInfo");
        auto *warning = child<QLabel>(&form, "channelWarning");
        const QString prefix = QStringLiteral("{\"n\":\"\"}");
        info->setPlainText(QStringLiteral("{\"n\":\"") + QString(1024 - prefix.size(), u'x')
                           + QStringLiteral("\"}"));  // 1024 bytes
        QTRY_VERIFY(warning->isHidden() || warning->text().isEmpty());
        info->setPlainText(QStringLiteral("{\"n\":\"") + QString(1025 - prefix.size(), u'x') + QStringLiteral("\"}"));
        QTRY_VERIFY(warning->isVisible());
        QCOMPARE(warning->text(), QStringLiteral("User info is 1025 bytes; the server refuses presence members over "
                                                 "1 KB (hosted Pusher's limit)"));
        QVERIFY(child<QPushButton>(&form, "subscribeButton")->isEnabled());  // a warning, not a refusal
    }

    // The profile editor's group: values round-trip, 0 means hosted Pusher's (unset).
    void profileEditorKeepsTheLimits()
    {
        ProfileForm form;
        Profile p = Profile::localSandbox();
        p.limits.payloadKb = 100;
        p.limits.clientEvents = ClientEventsSetting::On;
        form.populate(p);
        auto *payload = child<QSpinBox>(&form, "limitPayloadKb");
        QCOMPARE(payload->value(), 100);
        QCOMPARE(child<QSpinBox>(&form, "limitPresenceMembers")->text(), QStringLiteral("hosted Pusher (100)"));
        QCOMPARE(form.profile(p).limits, p.limits);
        QSignalSpy edited(&form, &ProfileForm::edited);
        payload->setValue(0);
        QCOMPARE(edited.size(), 1);
        QVERIFY(!form.profile(p).limits.payloadKb);
        child<QComboBox>(&form, "limitClientEvents")->setCurrentIndex(2);
        QCOMPARE(form.profile(p).limits.clientEvents, ClientEventsSetting::Off);
    }
};

QTEST_MAIN(TestGuiPublishLimits)
#include "tst_gui_publishlimits.moc"
