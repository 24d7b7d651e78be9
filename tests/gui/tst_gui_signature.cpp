// The signature explainer in the log's details pane (offscreen): an auth entry that carries an
// explanation gets an "explain" button and a Signature tab that names the verdict, rates each
// part and highlights the differing bytes; other entries do not. And user sign-in in the
// channels panel against a real soketi with user authentication: "Signed in as <id>", the count
// of events sent to the user, and the terminate-connections message in the panel and the badge.
// No raw string literals: moc 6.4 mis-reads some of them in a file with Q_OBJECT.

#include "channelspanel.h"
#include "detailspane.h"
#include "explainer.h"
#include "jsoneditor.h"
#include "logfixtures.h"
#include "logmodel.h"
#include "logpanel.h"
#include "logstore.h"
#include "publishpanel.h"
#include "session.h"
#include "signatureview.h"
#include "soketi.h"
#include "statebadge.h"
#include "testclient.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QToolButton>
#include <QtTest>

#include <optional>

using namespace cs;
using namespace cs::ui;
using Part = SignatureView::Part;
using PartState = SignatureView::PartState;

namespace {

constexpr int kWait = 10000;
const signer::AppKeys kKeys{QStringLiteral("app-key"), QStringLiteral("app-secret")};

LogEntry authEntry(const QString &channel, const QString &message, const SignatureExplanation &explanation)
{
    LogEntry e = cs::test::localEntry(EntryKind::Auth, message,
                                      QJsonDocument(QJsonObject{{QStringLiteral("explanation"), explanation.toJson()}})
                                          .toJson(QJsonDocument::Compact));
    e.socketId = QStringLiteral("123.456");
    e.channel = channel;
    return e;
}

LogEntry frameEntry()
{
    return cs::test::frameEntry(Direction::In, EntryKind::Event, QStringLiteral("orders"),
                                QStringLiteral("order-updated"),
                                "{\"event\":\"order-updated\",\"channel\":\"orders\",\"data\":\"{}\"}");
}

// What hosted Pusher says when channel_data was re-serialized on the way.
SignatureExplanation respacedChannelData()
{
    const QByteArray signedHere = "123.456:presence-room:{\"user_id\":\"ada\"}";
    const QString message = QStringLiteral("Invalid signature: Expected HMAC SHA256 hex digest of "
                                           "123.456:presence-room:{\"user_id\": \"ada\"}, but got %1")
                                .arg(QString::fromLatin1(signer::hmacSha256Hex("app-secret", signedHere)));
    return explainServerSignatureError(kKeys, message, signedHere);
}

}  // namespace

class TestGuiSignature : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        // Panels keep recent channels and history in QSettings: not the user's.
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("ChannelscopeTests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_gui_signature"));
        QSettings().clear();
        QVERIFY2(m_soketi.start({{QStringLiteral("SOKETI_DEFAULT_APP_USER_AUTHENTICATION"), QStringLiteral("true")}}),
                 qPrintable(m_soketi.output()));
    }

    void init()
    {
        m_store = std::make_unique<LogStore>();
        m_panel = std::make_unique<LogPanel>(m_store.get());
        m_panel->resize(1100, 800);
    }
    void cleanup()
    {
        m_panel.reset();
        m_store.reset();
    }

    void explainerOpensFromALogEntry()
    {
        m_store->append(frameEntry());
        m_store->append(authEntry(QStringLiteral("presence-room"), QStringLiteral("the server rejected the signature"),
                                  respacedChannelData()));
        m_store->flush();
        QTRY_COMPARE(m_panel->model()->rowCount(), 2);
        m_panel->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_panel.get()));
        DetailsPane *details = m_panel->details();
        QTabWidget *tabs = details->tabs();
        const int signatureTab = tabs->indexOf(details->signatureView());
        QVERIFY(signatureTab >= 0);

        // A frame: no signature, nothing to explain.
        m_panel->view()->selectRow(0);
        QVERIFY(!details->hasSignature());
        QVERIFY(!details->explainSignatureButton()->isVisible());
        QVERIFY(!tabs->isTabVisible(signatureTab));

        // The auth entry: the button names the verdict and opens the Signature tab.
        m_panel->view()->selectRow(1);
        QVERIFY(details->hasSignature());
        QVERIFY(details->explainSignatureButton()->isVisible());
        QVERIFY2(details->explainSignatureButton()->text().startsWith(QStringLiteral("Signed data differs")),
                 qPrintable(details->explainSignatureButton()->text()));
        QVERIFY(tabs->isTabVisible(signatureTab));
        QVERIFY(m_panel->grab().toImage().save(QStringLiteral("/tmp/signature-button.png")));  // for a human look
        QTest::mouseClick(details->explainSignatureButton(), Qt::LeftButton);
        QCOMPARE(tabs->currentIndex(), signatureTab);

        SignatureView *view = details->signatureView();
        QCOMPARE(view->findChild<QLabel *>(QStringLiteral("signatureVerdict"))->text(),
                 QStringLiteral("Signed data differs"));
        QVERIFY2(view->verdictText().contains(QStringLiteral("channel_data was re-serialized: spacing differs")),
                 qPrintable(view->verdictText()));
        QCOMPARE(view->partState(Part::SocketId), PartState::Same);
        QCOMPARE(view->partState(Part::Channel), PartState::Same);
        QCOMPARE(view->partState(Part::Data), PartState::Differs);
        QCOMPARE(view->partValue(Part::Data),
                 QStringLiteral("{\"user_id\":\"ada\"}   (the server expected: {\"user_id\": \"ada\"})"));
        // The differing part (all of channel_data), then the exact bytes: where the space is
        // missing on this side, and the extra space the server quotes.
        QCOMPARE(view->stringHighlights(),
                 (QStringList{QStringLiteral("{\"user_id\":\"ada\"}"), QStringLiteral(":\"")}));
        QCOMPARE(view->otherStringHighlights(),
                 (QStringList{QStringLiteral("{\"user_id\": \"ada\"}"), QStringLiteral(" ")}));
        QVERIFY(view->plainText().contains(
            QStringLiteral("This side signed: 123.456:presence-room:{\"user_id\":\"ada\"}")));
        QVERIFY(!view->plainText().contains(QStringLiteral("app-secret")));
        // Laid out before the picture: the view and its verdict are shown.
        QTRY_VERIFY(view->isVisible() && view->findChild<QLabel *>(QStringLiteral("signatureVerdict"))->isVisible());
        QVERIFY(m_panel->grab().toImage().save(QStringLiteral("/tmp/signature-view.png")));  // for a human look

        // Back to a frame: the tab goes, the Data tab comes back.
        m_panel->view()->selectRow(0);
        QVERIFY(!tabs->isTabVisible(signatureTab));
        QCOMPARE(tabs->currentIndex(), 0);
    }

    void verdictsHighlightTheirPart_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("title");
        QTest::addColumn<int>("differingPart");
        QTest::addColumn<QStringList>("signatureHighlights");

        const QByteArray good = signer::hmacSha256Hex("app-secret", "123.456:private-a");
        const QByteArray bad = signer::hmacSha256Hex("other-secret", "123.456:private-a");
        QTest::newRow("secret differs") << 0 << "Secret differs" << int(Part::Secret)
                                        << QStringList{QString::fromLatin1(good), QString::fromLatin1(bad)};
        QTest::newRow("wrong key") << 1 << "App key differs" << int(Part::Key)
                                   << QStringList{QStringLiteral("app-key"), QStringLiteral("other-key")};
        QTest::newRow("socket id differs") << 2 << "Socket id differs"
                                           << int(Part::SocketId)
                                           // What this side signed, never the string the server quotes.
                                           << QStringList{QString::fromLatin1(good), QStringLiteral("abc")};
        QTest::newRow("match") << 3 << "Signature matches" << -1 << QStringList{};
    }

    void verdictsHighlightTheirPart()
    {
        QFETCH(int, kind);
        QFETCH(QString, title);
        QFETCH(int, differingPart);
        QFETCH(QStringList, signatureHighlights);

        const QByteArray string = "123.456:private-a";
        SignatureExplanation e;
        switch (kind) {
        case 0:
            e = explainChannelAuth(kKeys, QStringLiteral("123.456"), QStringLiteral("private-a"), {},
                                   "app-key:" + signer::hmacSha256Hex("other-secret", string));
            break;
        case 1:
            e = explainChannelAuth(kKeys, QStringLiteral("123.456"), QStringLiteral("private-a"), {},
                                   "other-key:" + signer::hmacSha256Hex("app-secret", string));
            break;
        case 2:
            e = explainServerSignatureError(kKeys,
                                            QStringLiteral("Invalid signature: Expected HMAC SHA256 hex digest of "
                                                           "999.1:private-a, but got abc"),
                                            string);
            break;
        default:
            e = explainChannelAuth(kKeys, QStringLiteral("123.456"), QStringLiteral("private-a"), {},
                                   "app-key:" + signer::hmacSha256Hex("app-secret", string));
            break;
        }
        SignatureView view;
        view.resize(600, 700);
        view.setExplanation(e);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QCOMPARE(view.findChild<QLabel *>(QStringLiteral("signatureVerdict"))->text(), title);
        for (const Part part : {Part::Key, Part::SocketId, Part::Channel, Part::Secret}) {
            const PartState state = view.partState(part);
            if (int(part) == differingPart)
                QCOMPARE(state, PartState::Differs);
            else
                QVERIFY2(state != PartState::Differs, qPrintable(view.partValue(part)));
        }
        QCOMPARE(view.partState(Part::Data), PartState::Absent);
        QCOMPARE(view.signatureHighlights(), signatureHighlights);
        if (kind == 2) {
            QCOMPARE(view.stringHighlights(), (QStringList{QStringLiteral("123.456"), QStringLiteral("123.456")}));
            QCOMPARE(view.otherStringHighlights(), (QStringList{QStringLiteral("999.1"), QStringLiteral("999.1")}));
        }
        QCOMPARE(view.partValue(Part::Secret), QStringLiteral("(never shown)"));
    }

    void signinFailureSaysWhy()
    {
        Credentials other = m_soketi.credentials();
        other.secret = QStringLiteral("not-the-server-secret");
        cs::test::TestClient client(other, QStringLiteral("gui"));
        ChannelsPanel panel;
        panel.setSession(client.session.get());
        panel.setDefaultIdentity({QStringLiteral("mallory"), {}});
        QSignalSpy status(&panel, &ChannelsPanel::statusMessage);
        QVERIFY(client.connect());
        QVERIFY(panel.signIn());
        QTRY_VERIFY_WITH_TIMEOUT(panel.signinText().startsWith(QStringLiteral("Sign-in failed: ")), kWait);
        QVERIFY2(panel.signinText().startsWith(
                     QStringLiteral("Sign-in failed: the server refused the sign-in (\"Connection not authorized.\")")),
                 qPrintable(panel.signinText()));
        QVERIFY2(panel.signinText().contains(QStringLiteral("the server has another secret for app key")),
                 qPrintable(panel.signinText()));
        QCOMPARE(status.last().first().toString(), panel.signinText());
    }

    void signedInAsAndTerminate()
    {
        cs::test::TestClient client(m_soketi.credentials(), QStringLiteral("gui"));
        ChannelsPanel panel;
        StateBadge badge;
        panel.setSession(client.session.get());
        panel.setDefaultIdentity({QStringLiteral("ada"), {}});
        badge.setConnection(client.connection());
        panel.resize(300, 600);  // about the Channels dock's width
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));

        auto *button = panel.findChild<QPushButton *>(QStringLiteral("signinButton"));
        QVERIFY(button);
        QCOMPARE(panel.signinText(), QStringLiteral("Not signed in"));
        QVERIFY(client.connect());
        QVERIFY(button->isEnabled());
        QTest::mouseClick(button, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(panel.signinText().startsWith(QStringLiteral("Signed in as ada")), kWait);
        QVERIFY(!button->isEnabled());
        QVERIFY2(panel.signinText().contains(QStringLiteral("0 events sent to this user")),
                 qPrintable(panel.signinText()));

        // REST "send to user" from the publish panel: its channel menu offers the signed-in user;
        // the count follows, and the event is in the log on #server-to-user-ada.
        QTRY_COMPARE_WITH_TIMEOUT(client.stateOf(QStringLiteral("#server-to-user-ada")), SubscriptionState::Subscribed,
                                  kWait);
        PublishPanel publish;
        publish.setSession(client.session.get());
        QMenu *pick = publish.findChild<QToolButton *>(QStringLiteral("triggerChannelsPick"))->menu();
        Q_EMIT pick->aboutToShow();
        auto *toUser = pick->findChild<QAction *>(QStringLiteral("sendToUserAction"));
        QVERIFY(toUser);
        QCOMPARE(toUser->text(), QStringLiteral("A user (#server-to-user-ada)"));
        toUser->trigger();
        QCOMPARE(publish.findChild<QLineEdit *>(QStringLiteral("triggerChannels"))->text(),
                 QStringLiteral("#server-to-user-ada"));
        publish.findChild<QLineEdit *>(QStringLiteral("triggerEvent"))->setText(QStringLiteral("notice"));
        publish.findChild<JsonEditor *>(QStringLiteral("triggerData"))
            ->setPlainText(QStringLiteral("{\"text\":\"hi\"}"));
        QSignalSpy answered(&publish, &PublishPanel::answerShown);
        QVERIFY(publish.sendTrigger());
        QVERIFY(answered.count() == 1 || answered.wait(kWait));
        QCOMPARE(answered.first().first().toBool(), true);
        QTRY_VERIFY_WITH_TIMEOUT(panel.signinText().contains(QStringLiteral("1 event sent to this user")), kWait);
        QVERIFY(!client
                     .entries([](const LogEntry &e) {
                         return e.isFrame() && e.channel == QLatin1String("#server-to-user-ada")
                                && e.event == QLatin1String("notice");
                     })
                     .isEmpty());

        // Terminate: the panel says why it ended, the badge says 4009 and why.
        std::optional<bool> terminated;
        client.session->rest()->terminateUserConnections(QStringLiteral("ada"),
                                                         [&terminated](const RestResponse &r) { terminated = r.ok(); });
        QTRY_VERIFY_WITH_TIMEOUT(panel.signinText().startsWith(QStringLiteral("Signed out: ")), kWait);
        // soketi may close the socket (4009) before it answers the REST call: wait for the answer too.
        QTRY_VERIFY_WITH_TIMEOUT(terminated.has_value(), kWait);
        QVERIFY(*terminated);
        QVERIFY2(panel.signinText().contains(QStringLiteral("the app terminated the connections of user ada")),
                 qPrintable(panel.signinText()));
        QVERIFY(button->isEnabled());
        QTRY_VERIFY_WITH_TIMEOUT(badge.text().contains(QStringLiteral("unauthorized (4009)")), kWait);
        QVERIFY2(badge.toolTip().contains(QStringLiteral("You got disconnected by the app.")),
                 qPrintable(badge.toolTip()));
        QVERIFY2(badge.toolTip().contains(QStringLiteral("does not reconnect")), qPrintable(badge.toolTip()));
        QVERIFY(panel.grab().toImage().save(QStringLiteral("/tmp/signin-panel.png")));  // for a human look
    }

private:
    cs::test::SoketiServer m_soketi;
    std::unique_ptr<LogStore> m_store;
    std::unique_ptr<LogPanel> m_panel;
};

QTEST_MAIN(TestGuiSignature)
#include "tst_gui_signature.moc"
