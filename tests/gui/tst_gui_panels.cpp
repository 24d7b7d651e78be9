// The channels, presence, publish and inspect panels driven through their widgets (offscreen)
// against a real soketi, with real sessions writing to a real log store.

#include "widgetlookup.h"
#include "channelspanel.h"
#include "feedback.h"
#include "inspectpanel.h"
#include "jsoneditor.h"
#include "logstore.h"
#include "presencepanel.h"
#include "publishpanel.h"
#include "session.h"
#include "soketi.h"
#include "testclient.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabBar>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QtTest>

using namespace cs;
using namespace cs::ui;

namespace {

constexpr int kWait = 10000;

using cs::test::Received;

// A session on its own log, connected, remembering every event it receives.
struct Client : cs::test::TestClient {
    explicit Client(const Credentials &credentials, const QString &name = QStringLiteral("gui"))
        : TestClient(credentials, name)
    {}
};

using cs::test::child;

QString cell(const QAbstractItemModel *model, int row, int column, int role = Qt::DisplayRole)
{
    return model->index(row, column).data(role).toString();
}

// Rows of a QTableWidget column as text.
QStringList columnTexts(const QTableWidget *table, int column)
{
    QStringList out;
    for (int row = 0; row < table->rowCount(); ++row)
        out << (table->item(row, column) ? table->item(row, column)->text() : QString());
    return out;
}

int columnOf(const QTableWidget *table, const QString &header)
{
    for (int c = 0; c < table->columnCount(); ++c)
        if (table->horizontalHeaderItem(c) && table->horizontalHeaderItem(c)->text() == header)
            return c;
    return -1;
}

void grab(QWidget *widget, const QString &name)
{
    QVERIFY(widget->grab().save(QStringLiteral("/tmp/panel-%1.png").arg(name)));
}

void typeInto(QLineEdit *field, const QString &text)
{
    field->clear();
    QTest::keyClicks(field, text);
}

}  // namespace

class TestGuiPanels : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("ChannelscopeTests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_gui_panels"));
        QSettings().clear();
        QVERIFY2(m_soketi.start(), qPrintable(m_soketi.output()));
        m_creds = m_soketi.credentials();
    }

    void jsonEditorMarksTheError()
    {
        JsonEditor editor;
        QSignalSpy validated(&editor, &JsonEditor::validated);
        editor.setPlainText(QStringLiteral("{\"a\": }"));
        QVERIFY(!editor.isValid());
        QVERIFY(!validated.isEmpty());
        QCOMPARE(validated.last().at(0).toBool(), false);
        const auto marks = editor.extraSelections();
        QVERIFY(!marks.isEmpty());
        QCOMPARE(marks.last().format.underlineStyle(), QTextCharFormat::WaveUnderline);
        QCOMPARE(marks.last().cursor.selectionStart(), editor.errorPosition());
        editor.setPlainStringMode(true);
        QVERIFY(editor.isValid());
        QCOMPARE(editor.value(), QJsonValue(QStringLiteral("{\"a\": }")));
        QVERIFY(editor.extraSelections().isEmpty());
        editor.setPlainStringMode(false);
        editor.setPlainText(QStringLiteral("[1, 2]"));
        QVERIFY(editor.isValid());
        QVERIFY(editor.value().isArray());
    }

    void channelsPanelSubscribes()
    {
        Client client(m_creds);
        QVERIFY(client.connect());
        ChannelsPanel panel;
        QAbstractItemModelTester tester(panel.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        panel.setDefaultIdentity({QStringLiteral("ada"), QJsonObject{{QStringLiteral("name"), QStringLiteral("Ada")}}});
        panel.setSession(client.session.get());
        panel.resize(760, 460);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        QSignalSpy selected(&panel, &ChannelsPanel::channelSelected);

        auto *field = child<QLineEdit>(&panel, "subscribeField");
        auto *typeLabel = child<QLabel>(&panel, "channelTypeLabel");
        auto *userId = child<QLineEdit>(&panel, "presenceUserId");
        auto *userInfo = child<JsonEditor>(&panel, "presenceUserInfo");
        auto *table = child<QTableView>(&panel, "subscriptionsTable");
        QVERIFY(field && typeLabel && userId && userInfo && table);
        QAbstractItemModel *model = table->model();

        struct Case {
            QString name, type;
        };
        const QList<Case> cases{{QStringLiteral("public-gui"), QStringLiteral("public")},
                                {QStringLiteral("private-gui"), QStringLiteral("private")},
                                {QStringLiteral("presence-gui"), QStringLiteral("presence")},
                                {QStringLiteral("cache-gui"), QStringLiteral("public · cache")}};
        for (const Case &c : cases) {
            typeInto(field, c.name);
            QCOMPARE(typeLabel->text(), QStringLiteral("Type: %1").arg(c.type));
            // The identity fields only show for presence channels, prefilled.
            QCOMPARE(userId->isVisible(), c.type == QLatin1String("presence"));
            if (userId->isVisible()) {
                QCOMPARE(userId->text(), QStringLiteral("ada"));
                QCOMPARE(userInfo->toPlainText(), QStringLiteral("{\"name\":\"Ada\"}"));
            }
            QTest::keyClick(field, Qt::Key_Return);
            QVERIFY(field->text().isEmpty());
            QTRY_VERIFY_WITH_TIMEOUT(panel.model()->rowOf(c.name) >= 0, kWait);
            const int row = panel.model()->rowOf(c.name);
            QTRY_COMPARE_WITH_TIMEOUT(cell(model, row, SubscriptionTableModel::StateColumn).left(10),
                                      QStringLiteral("subscribed"), kWait);
            QCOMPARE(client.stateOf(c.name), SubscriptionState::Subscribed);
            // The new subscription is selected, and the selection is announced.
            QTRY_COMPARE(panel.selectedChannel(), c.name);
            QCOMPARE(selected.last().at(0).toString(), c.name);
        }
        QCOMPARE(client.channels()->subscription(QStringLiteral("presence-gui"))->myUserId, QStringLiteral("ada"));
        QTRY_COMPARE(cell(model, panel.model()->rowOf(QStringLiteral("presence-gui")),
                          SubscriptionTableModel::MembersColumn),
                     QStringLiteral("1"));
        QCOMPARE(cell(model, panel.model()->rowOf(QStringLiteral("cache-gui")), SubscriptionTableModel::StateColumn),
                 QStringLiteral("subscribed (cache miss)"));

        // Event counters follow (coalesced, so wait).
        std::optional<RestResponse> answer;
        for (int i = 0; i < 3; ++i)
            client.session->rest()->trigger(
                {{QStringLiteral("public-gui")}, QStringLiteral("tick"), QStringLiteral("{}"), {}, {}},
                [&](const RestResponse &r) { answer = r; });
        QTRY_COMPARE_WITH_TIMEOUT(cell(model, 0, SubscriptionTableModel::EventsColumn), QStringLiteral("3"), kWait);

        // Recent channels: most recent first, kept across panels.
        QCOMPARE(panel.recentChannels().mid(0, 4),
                 (QStringList{QStringLiteral("cache-gui"), QStringLiteral("presence-gui"),
                              QStringLiteral("private-gui"), QStringLiteral("public-gui")}));
        {
            ChannelsPanel other;
            QCOMPARE(other.recentChannels(), panel.recentChannels());
            QVERIFY(!child<QPushButton>(&other, "subscribeButton")->isEnabled());  // no session
        }

        grab(&panel, QStringLiteral("channels"));

        // Unsubscribe the selected channel (cache-gui, the last one subscribed).
        auto *unsubscribe = child<QPushButton>(&panel, "unsubscribeButton");
        QVERIFY(unsubscribe->isEnabled());
        QTest::mouseClick(unsubscribe, Qt::LeftButton);
        QTRY_COMPARE(panel.model()->rowOf(QStringLiteral("cache-gui")), -1);
        QVERIFY(!client.channels()->contains(QStringLiteral("cache-gui")));
        QCOMPARE(model->rowCount(), 3);
    }

    void invalidChannelNameWarns()
    {
        Client client(m_creds);
        QVERIFY(client.connect());
        ChannelsPanel panel;
        panel.setSession(client.session.get());
        panel.resize(620, 360);
        panel.show();
        QSignalSpy status(&panel, &ChannelsPanel::statusMessage);
        auto *field = child<QLineEdit>(&panel, "subscribeField");
        auto *warning = child<QLabel>(&panel, "channelWarning");
        auto *button = child<QPushButton>(&panel, "subscribeButton");

        typeInto(field, QStringLiteral("bad channel!"));
        QVERIFY(warning->isVisible());
        QVERIFY2(warning->text().contains(QStringLiteral("invalid character")), qPrintable(warning->text()));
        QVERIFY(warning->text().contains(QStringLiteral("index 3")));
        QVERIFY(!button->isEnabled());
        QTest::keyClick(field, Qt::Key_Return);
        QVERIFY(client.channels()->channelNames().isEmpty());
        QVERIFY(!status.isEmpty());
        QVERIFY(status.last().at(0).toString().startsWith(QStringLiteral("Not subscribed")));
        QCOMPARE(field->text(), QStringLiteral("bad channel!"));  // kept, to be fixed

        typeInto(field, QStringLiteral("#server-to-user-1"));
        QVERIFY(warning->text().contains(QStringLiteral("reserved")));
        QVERIFY(!button->isEnabled());

        // Too long for the documented limit: a warning, not a refusal.
        typeInto(field, QStringLiteral("long-") + QString(170, u'x'));
        QVERIFY(warning->isVisible());
        QVERIFY(warning->text().contains(QStringLiteral("164")));
        QVERIFY(button->isEnabled());

        // A presence channel without a user id, or with user info that is not an object.
        typeInto(field, QStringLiteral("presence-x"));
        child<QLineEdit>(&panel, "presenceUserId")->clear();
        QVERIFY(warning->text().contains(QStringLiteral("user id")));
        QVERIFY(!button->isEnabled());
        child<QLineEdit>(&panel, "presenceUserId")->setText(QStringLiteral("u"));
        child<JsonEditor>(&panel, "presenceUserInfo")->setPlainText(QStringLiteral("[1]"));
        QVERIFY(warning->text().startsWith(QStringLiteral("User info")));
        QVERIFY(!button->isEnabled());
        QTest::keyClick(field, Qt::Key_Return);
        QVERIFY(client.channels()->channelNames().isEmpty());
        grab(&panel, QStringLiteral("channels-invalid"));
    }

    void failedSubscriptionShowsReason()
    {
        Credentials wrong = m_creds;
        wrong.secret = QStringLiteral("not-the-secret");
        Client client(wrong);
        QVERIFY(client.connect());
        ChannelsPanel panel;
        panel.setSession(client.session.get());
        panel.resize(760, 300);
        panel.show();
        typeInto(child<QLineEdit>(&panel, "subscribeField"), QStringLiteral("private-denied"));
        QTest::keyClick(child<QLineEdit>(&panel, "subscribeField"), Qt::Key_Return);
        // What the table shows: the model's rows through its style proxy.
        const QAbstractItemModel *model = child<QTableView>(&panel, "subscriptionsTable")->model();
        QTRY_VERIFY_WITH_TIMEOUT(
            cell(model, 0, SubscriptionTableModel::StateColumn).startsWith(QStringLiteral("failed: ")), kWait);
        const QString reason = client.channels()->subscription(QStringLiteral("private-denied"))->error;
        QVERIFY(!reason.isEmpty());
        QVERIFY(cell(model, 0, SubscriptionTableModel::StateColumn).contains(reason));
        QVERIFY(cell(model, 0, SubscriptionTableModel::StateColumn, Qt::ToolTipRole).contains(reason));
        const QColor red =
            model->index(0, SubscriptionTableModel::ChannelColumn).data(Qt::ForegroundRole).value<QColor>();
        QCOMPARE(red, feedback::color(panel.palette(), feedback::Tone::Error));
        grab(&panel, QStringLiteral("channels-failed"));
    }

    void presenceRosterFollowsJoinsAndLeaves()
    {
        LogStore log;
        Session me(m_creds, &log, QStringLiteral("me"));
        me.connection()->open();
        QTRY_COMPARE_WITH_TIMEOUT(me.connection()->state(), ConnectionState::Connected, kWait);

        ChannelsPanel channels;
        PresencePanel presence;
        QAbstractItemModelTester tester(presence.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        connect(&channels, &ChannelsPanel::channelSelected, &presence, &PresencePanel::setChannel);
        channels.setDefaultIdentity(
            {QStringLiteral("me-1"), QJsonObject{{QStringLiteral("name"), QStringLiteral("Me")}}});
        channels.setSession(&me);
        presence.setSession(&me);
        presence.resize(520, 260);
        presence.show();

        const QString room = QStringLiteral("presence-room");
        typeInto(child<QLineEdit>(&channels, "subscribeField"), room);
        QTest::keyClick(child<QLineEdit>(&channels, "subscribeField"), Qt::Key_Return);
        QTRY_COMPARE_WITH_TIMEOUT(presence.channel(), room, kWait);  // followed the selection

        auto *table = child<QTableView>(&presence, "presenceTable");
        auto *count = child<QLabel>(&presence, "presenceCount");
        const QAbstractItemModel *model = table->model();
        QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 1, kWait);
        QCOMPARE(cell(model, 0, PresenceRosterModel::IdColumn), QStringLiteral("me-1"));
        QCOMPARE(cell(model, 0, PresenceRosterModel::MeColumn), QStringLiteral("me"));
        QCOMPARE(cell(model, 0, PresenceRosterModel::InfoColumn), QStringLiteral("{\"name\":\"Me\"}"));
        QCOMPARE(count->text(), QStringLiteral("1 member"));

        // A second session joins: a new, highlighted row and the count.
        auto other = std::make_unique<Client>(m_creds, QStringLiteral("other"));
        QVERIFY(other->connect());
        QVERIFY(other->subscribe(room, {QStringLiteral("other-2"),
                                        QJsonObject{{QStringLiteral("name"), QStringLiteral("Other")}}}));
        QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 2, kWait);
        QTRY_COMPARE(count->text(), QStringLiteral("2 members"));
        const int row = presence.model()->rowOf(QStringLiteral("other-2"));
        QCOMPARE(row, 1);
        QVERIFY(model->index(row, 0).data(PresenceRosterModel::HighlightRole).toReal() > 0);
        QVERIFY(model->index(row, 0).data(Qt::BackgroundRole).value<QColor>().alpha() > 0);
        QCOMPARE(cell(model, row, PresenceRosterModel::MeColumn), QString());
        grab(&presence, QStringLiteral("presence-join"));
        // The highlight fades away.
        QTRY_COMPARE_WITH_TIMEOUT(model->index(row, 0).data(PresenceRosterModel::HighlightRole).toReal(), 0.0, 4000);
        QVERIFY(!model->index(row, 0).data(Qt::BackgroundRole).isValid());
        grab(&presence, QStringLiteral("presence"));

        // It leaves: struck through for a moment, then gone.
        other.reset();
        QTRY_VERIFY_WITH_TIMEOUT(model->index(row, 0).data(PresenceRosterModel::LeavingRole).toBool(), kWait);
        QVERIFY(model->index(row, 0).data(Qt::FontRole).value<QFont>().strikeOut());
        QCOMPARE(count->text(), QStringLiteral("1 member"));
        QCOMPARE(model->rowCount(), 2);
        grab(&presence, QStringLiteral("presence-leave"));
        QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 1, 4000);
        QCOMPARE(cell(model, 0, PresenceRosterModel::IdColumn), QStringLiteral("me-1"));

        // A non-presence channel shows an explanation, no rows.
        presence.setChannel(QStringLiteral("public-x"));
        QCOMPARE(model->rowCount(), 0);
        QVERIFY(child<QLabel>(&presence, "presenceChannelLabel")
                    ->text()
                    .contains(QStringLiteral("only presence channels")));
        presence.setChannel(room);
        QCOMPARE(model->rowCount(), 1);
    }

    void triggerFromPublishPanel()
    {
        Client client(m_creds);
        QVERIFY(client.connect());
        QVERIFY(client.subscribe(QStringLiteral("public-pub")));
        PublishPanel panel;
        panel.setSession(client.session.get());
        panel.resize(980, 560);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        QSignalSpy answered(&panel, &PublishPanel::answerShown);

        auto *send = child<QPushButton>(&panel, "sendButton");
        QVERIFY(!send->isEnabled());
        QTest::keyClicks(child<QLineEdit>(&panel, "triggerChannels"), QStringLiteral("public-pub"));
        QTest::keyClicks(child<QLineEdit>(&panel, "triggerEvent"), QStringLiteral("greet"));
        auto *data = child<JsonEditor>(&panel, "triggerData");
        QTest::keyClicks(data, QStringLiteral("{\"hello\": \"world\", \"n\": 1}"));
        QVERIFY(data->isValid());
        QVERIFY(child<QLabel>(&panel, "triggerDataError")->isHidden());
        QVERIFY(send->isEnabled());
        QTest::mouseClick(send, Qt::LeftButton);

        QVERIFY(client.waitForEvent(QStringLiteral("public-pub"), QStringLiteral("greet")));
        const Received *got = client.find(QStringLiteral("public-pub"), QStringLiteral("greet"));
        QCOMPARE(got->data.toObject().value(QStringLiteral("hello")).toString(), QStringLiteral("world"));
        QTRY_COMPARE_WITH_TIMEOUT(answered.size(), 1, kWait);
        QCOMPARE(answered.last().at(0).toBool(), true);
        auto *answer = child<QPlainTextEdit>(&panel, "triggerAnswer");
        QVERIFY2(answer->toPlainText().startsWith(QStringLiteral("✓ 200 OK")), qPrintable(answer->toPlainText()));
        QVERIFY(answer->toPlainText().contains(QStringLiteral("\"ok\": true")));  // soketi's body, pretty
        QCOMPARE(answer->property("ok").toBool(), true);

        // The history has it, with its status.
        auto *history = child<QListWidget>(&panel, "historyList");
        QTRY_VERIFY(history->count() >= 1);
        QVERIFY2(history->item(0)->text().contains(QStringLiteral("✓ 200")), qPrintable(history->item(0)->text()));
        QVERIFY(history->item(0)->text().contains(QStringLiteral("greet → public-pub")));

        // Ctrl+Enter in the data editor sends again; several channels at once; exclude-me.
        panel.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&panel));
        typeInto(child<QLineEdit>(&panel, "triggerChannels"), QStringLiteral("public-pub public-pub2"));
        auto *excludeMe = child<QCheckBox>(&panel, "excludeMeCheck");
        QVERIFY(excludeMe->isEnabled());
        QVERIFY(excludeMe->text().contains(client.session->connection()->socketId()));
        excludeMe->setChecked(true);
        child<QCheckBox>(&panel, "infoSubscriptionCount")->setChecked(true);
        data->setFocus();
        QTest::keyClick(data, Qt::Key_Return, Qt::ControlModifier);
        QTRY_COMPARE_WITH_TIMEOUT(answered.size(), 2, kWait);
        QCOMPARE(answered.last().at(0).toBool(), true);
        QCOMPARE(data->toPlainText(), QStringLiteral("{\"hello\": \"world\", \"n\": 1}"));  // no newline typed
        // Excluded from the second trigger. Instead of a quiet time: a later trigger without
        // exclusion reaches the client, and soketi publishes in order, so a greet would be first.
        {
            std::optional<RestResponse> marker;
            client.session->rest()->trigger(
                {{QStringLiteral("public-pub")}, QStringLiteral("marker"), QStringLiteral("{}"), {}, {}},
                [&marker](const RestResponse &r) { marker = r; });
            QTRY_VERIFY_WITH_TIMEOUT(marker.has_value(), kWait);
            QVERIFY2(marker->ok(), qPrintable(marker->errorMessage()));
            QVERIFY(client.waitForEvent(QStringLiteral("public-pub"), QStringLiteral("marker")));
        }
        int greets = 0;
        for (const Received &r : client.events)
            greets += r.event == QLatin1String("greet");
        QCOMPARE(greets, 1);  // excluded from the second trigger
        QCOMPARE(panel.history().history().first().channels,
                 (QStringList{QStringLiteral("public-pub"), QStringLiteral("public-pub2")}));
        QVERIFY(panel.history().history().first().excludeMe);
        // Ctrl+Enter from a line edit of the form (the form's shortcut).
        child<QLineEdit>(&panel, "triggerEvent")->setFocus();
        QTest::keyClick(child<QLineEdit>(&panel, "triggerEvent"), Qt::Key_Return, Qt::ControlModifier);
        QTRY_COMPARE_WITH_TIMEOUT(answered.size(), 3, kWait);

        // An error from the server is shown in red.
        typeInto(child<QLineEdit>(&panel, "triggerEvent"), QString(250, u'e'));
        QVERIFY(!send->isEnabled());  // caught before sending
        QVERIFY(child<QLabel>(&panel, "triggerFormError")->text().contains(QStringLiteral("limit is 200")));
        typeInto(child<QLineEdit>(&panel, "triggerEvent"), QStringLiteral("greet"));
        Credentials badSecret = m_creds;
        badSecret.secret = QStringLiteral("wrong");
        Client wrong(badSecret);
        panel.setSession(wrong.session.get());
        excludeMe->setChecked(false);
        QVERIFY(send->isEnabled());
        QTest::mouseClick(send, Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(answered.size(), 4, kWait);
        QCOMPARE(answered.last().at(0).toBool(), false);
        QVERIFY2(answer->toPlainText().contains(QStringLiteral("401")), qPrintable(answer->toPlainText()));
        QCOMPARE(answer->property("ok").toBool(), false);
        QTRY_VERIFY(history->item(0)->text().contains(QStringLiteral("✗ 401")));
        panel.setSession(client.session.get());
        grab(&panel, QStringLiteral("publish"));
    }

    void invalidJsonBlocksSending()
    {
        Client client(m_creds);
        QVERIFY(client.connect());
        PublishPanel panel;
        panel.setSession(client.session.get());
        panel.resize(980, 560);
        panel.show();
        QTest::keyClicks(child<QLineEdit>(&panel, "triggerChannels"), QStringLiteral("public-json"));
        QTest::keyClicks(child<QLineEdit>(&panel, "triggerEvent"), QStringLiteral("bad"));
        auto *data = child<JsonEditor>(&panel, "triggerData");
        QTest::keyClicks(data, QStringLiteral("{\"a\": 1,"));
        QTest::keyClick(data, Qt::Key_Return);
        QTest::keyClicks(data, QStringLiteral(" \"b\": nope}"));
        auto *send = child<QPushButton>(&panel, "sendButton");
        auto *error = child<QLabel>(&panel, "triggerDataError");
        QVERIFY(!send->isEnabled());
        QVERIFY(error->isVisible());
        QVERIFY2(error->text().startsWith(QStringLiteral("Line 2, column 7: ")), qPrintable(error->text()));
        QCOMPARE(error->palette().color(QPalette::WindowText), feedback::color(panel.palette(), feedback::Tone::Error));
        QVERIFY(!data->extraSelections().isEmpty());
        QSignalSpy status(&panel, &PublishPanel::statusMessage);
        const qsizetype sent = panel.history().history().size();
        QVERIFY(!panel.sendTrigger());
        QVERIFY(status.last().at(0).toString().startsWith(QStringLiteral("Not sent")));
        QCOMPARE(panel.history().history().size(), sent);
        grab(&panel, QStringLiteral("publish-invalid"));
        panel.resize(panel.minimumSizeHint().width(), 620);  // narrow: the message wraps instead of being cut
        QTRY_VERIFY2(error->height() >= 2 * error->fontMetrics().lineSpacing(),
                     qPrintable(QStringLiteral("%1 %2x%3 panel %4")
                                    .arg(error->text())
                                    .arg(error->width())
                                    .arg(error->height())
                                    .arg(panel.width())));
        grab(&panel, QStringLiteral("publish-invalid-narrow"));

        // Explicitly sending it as a plain string is allowed.
        child<QCheckBox>(&panel, "plainStringCheck")->setChecked(true);
        QVERIFY(send->isEnabled());
        QVERIFY(error->isHidden());
        QVERIFY(data->extraSelections().isEmpty());
        child<QCheckBox>(&panel, "plainStringCheck")->setChecked(false);
        QVERIFY(!send->isEnabled());
    }

    void batchFromPublishPanel()
    {
        Client client(m_creds);
        QVERIFY(client.connect());
        QVERIFY(client.subscribe(QStringLiteral("public-b1")));
        QVERIFY(client.subscribe(QStringLiteral("public-b2")));
        PublishPanel panel;
        panel.setSession(client.session.get());
        panel.resize(980, 560);
        panel.show();
        QSignalSpy answered(&panel, &PublishPanel::answerShown);
        child<QTabWidget>(&panel, "publishTabs")->setCurrentIndex(1);
        auto *table = child<QTableWidget>(&panel, "batchTable");
        auto *send = child<QPushButton>(&panel, "batchSendButton");
        QCOMPARE(table->rowCount(), 1);
        QVERIFY(!send->isEnabled());  // nothing filled in
        table->item(0, 0)->setText(QStringLiteral("public-b1"));
        table->item(0, 1)->setText(QStringLiteral("one"));
        table->item(0, 2)->setText(QStringLiteral("{\"i\":1}"));
        QVERIFY(send->isEnabled());
        QTest::mouseClick(child<QPushButton>(&panel, "batchAddButton"), Qt::LeftButton);
        QCOMPARE(table->rowCount(), 2);
        table->item(1, 0)->setText(QStringLiteral("public-b2"));
        table->item(1, 1)->setText(QStringLiteral("two"));
        table->item(1, 2)->setText(QStringLiteral("{\"i\":"));
        QVERIFY(!send->isEnabled());
        auto *error = child<QLabel>(&panel, "batchError");
        QVERIFY2(error->text().startsWith(QStringLiteral("Row 2, data: Line 1, column")), qPrintable(error->text()));
        QVERIFY(!table->item(1, 2)->toolTip().isEmpty());
        QVERIFY(table->item(1, 2)->background().style() != Qt::NoBrush);
        table->item(1, 0)->setText(QStringLiteral("bad channel"));
        QVERIFY(error->text().startsWith(QStringLiteral("Row 2, channel:")));
        grab(&panel, QStringLiteral("publish-batch-invalid"));
        table->item(1, 0)->setText(QStringLiteral("public-b2"));
        table->item(1, 2)->setText(QStringLiteral("{\"i\":2}"));
        QVERIFY(send->isEnabled());
        QVERIFY(table->item(1, 2)->background().style() == Qt::NoBrush);
        for (int i = 2; i < PublishPanel::kMaxBatchRows + 3; ++i)
            QTest::mouseClick(child<QPushButton>(&panel, "batchAddButton"), Qt::LeftButton);
        QCOMPARE(table->rowCount(), PublishPanel::kMaxBatchRows);  // capped
        QVERIFY(send->isEnabled());                                // empty rows are skipped
        QTest::mouseClick(send, Qt::LeftButton);
        QVERIFY(client.waitForEvent(QStringLiteral("public-b1"), QStringLiteral("one")));
        QVERIFY(client.waitForEvent(QStringLiteral("public-b2"), QStringLiteral("two")));
        QTRY_COMPARE_WITH_TIMEOUT(answered.size(), 1, kWait);
        QCOMPARE(answered.last().at(0).toBool(), true);
        QCOMPARE(panel.history().history().first().kind, PublishRecord::Kind::Batch);
        QCOMPARE(panel.history().history().first().batch.size(), 2);
        grab(&panel, QStringLiteral("publish-batch"));
    }

    void historyAndTemplates()
    {
        QSettings().remove(QStringLiteral("publish"));
        Client client(m_creds);
        QVERIFY(client.connect());
        QVERIFY(client.subscribe(QStringLiteral("public-tpl")));
        {
            PublishPanel panel;
            panel.setSession(client.session.get());
            panel.show();
            QTest::keyClicks(child<QLineEdit>(&panel, "triggerChannels"), QStringLiteral("public-tpl"));
            QTest::keyClicks(child<QLineEdit>(&panel, "triggerEvent"), QStringLiteral("from-template"));
            child<JsonEditor>(&panel, "triggerData")->setPlainText(QStringLiteral("{\"t\": true}"));
            QTest::keyClicks(child<QLineEdit>(&panel, "templateName"), QStringLiteral("my template"));
            QTest::mouseClick(child<QPushButton>(&panel, "saveTemplateButton"), Qt::LeftButton);
            QCOMPARE(panel.history().templates().size(), 1);
            auto *list = child<QListWidget>(&panel, "historyList");
            QCOMPARE(list->count(), 1);
            QVERIFY(list->item(0)->text().startsWith(QStringLiteral("★ my template")));
        }
        // A new panel (a restart) has the template; loading and re-sending it works.
        PublishPanel panel;
        panel.setSession(client.session.get());
        panel.show();
        QSignalSpy answered(&panel, &PublishPanel::answerShown);
        auto *list = child<QListWidget>(&panel, "historyList");
        QCOMPARE(list->count(), 1);
        list->setCurrentRow(0);
        QTest::mouseClick(child<QPushButton>(&panel, "historyLoadButton"), Qt::LeftButton);
        QCOMPARE(child<QLineEdit>(&panel, "triggerEvent")->text(), QStringLiteral("from-template"));
        QCOMPARE(child<JsonEditor>(&panel, "triggerData")->toPlainText(), QStringLiteral("{\"t\": true}"));
        QTest::mouseClick(child<QPushButton>(&panel, "historyResendButton"), Qt::LeftButton);
        QVERIFY(client.waitForEvent(QStringLiteral("public-tpl"), QStringLiteral("from-template")));
        QTRY_COMPARE_WITH_TIMEOUT(answered.size(), 1, kWait);
        QCOMPARE(list->count(), 2);  // the template and the history entry
        QVERIFY(list->item(1)->text().contains(QStringLiteral("from-template → public-tpl")));
        // Deleting the history entry leaves the template.
        list->setCurrentRow(1);
        QTest::mouseClick(child<QPushButton>(&panel, "historyDeleteButton"), Qt::LeftButton);
        QCOMPARE(list->count(), 1);
        QCOMPARE(panel.history().history().size(), 0);
    }

    void clientEventReachesSecondSession()
    {
        Client sender(m_creds, QStringLiteral("sender"));
        Client receiver(m_creds, QStringLiteral("receiver"));
        QVERIFY(sender.connect());
        QVERIFY(receiver.connect());
        PublishPanel panel;
        panel.setSession(sender.session.get());
        panel.resize(980, 560);
        panel.show();
        child<QTabWidget>(&panel, "publishTabs")->setCurrentIndex(2);
        auto *combo = child<QComboBox>(&panel, "clientChannel");
        auto *send = child<QPushButton>(&panel, "clientSendButton");
        QCOMPARE(combo->count(), 0);
        QVERIFY(!send->isEnabled());

        QVERIFY(sender.subscribe(QStringLiteral("public-chat")));
        QVERIFY(sender.subscribe(QStringLiteral("private-chat")));
        QVERIFY(sender.subscribe(QStringLiteral("presence-chat"), {QStringLiteral("s-1"), {}}));
        QVERIFY(receiver.subscribe(QStringLiteral("private-chat")));
        // Only subscribed private and presence channels are offered (no public, no encrypted).
        QTRY_COMPARE(panel.clientEventChannels(),
                     (QStringList{QStringLiteral("private-chat"), QStringLiteral("presence-chat")}));
        QCOMPARE(combo->count(), 2);
        combo->setCurrentIndex(0);

        auto *name = child<QLineEdit>(&panel, "clientEventName");
        // The prefix is fixed: typing it does not double it.
        QTest::keyClicks(name, QStringLiteral("client-typing"));
        QCOMPARE(name->text(), QStringLiteral("typing"));
        auto *data = child<JsonEditor>(&panel, "clientData");
        QTest::keyClicks(data, QStringLiteral("{\"who\": \"s\"}"));
        QVERIFY(send->isEnabled());
        QTest::mouseClick(send, Qt::LeftButton);
        QVERIFY(receiver.waitForEvent(QStringLiteral("private-chat"), QStringLiteral("client-typing")));
        QCOMPARE(receiver.find(QStringLiteral("private-chat"), QStringLiteral("client-typing"))
                     ->data.toObject()
                     .value(QStringLiteral("who"))
                     .toString(),
                 QStringLiteral("s"));
        QVERIFY(child<QLabel>(&panel, "clientError")->isHidden());
        QVERIFY(child<QLabel>(&panel, "clientStatus")->text().contains(QStringLiteral("client-typing")));

        // Invalid data blocks it, with the position.
        data->setPlainText(QStringLiteral("{oops}"));
        QVERIFY(!send->isEnabled());
        auto *error = child<QLabel>(&panel, "clientError");
        QVERIFY(error->isVisible());
        QVERIFY(error->text().startsWith(QStringLiteral("Line 1, column 2")));
        grab(&panel, QStringLiteral("publish-client"));

        // Unsubscribing removes the channel from the choice.
        sender.channels()->unsubscribe(QStringLiteral("private-chat"));
        QTRY_COMPARE(combo->count(), 1);
        QCOMPARE(combo->currentText(), QStringLiteral("presence-chat"));
    }

    void inspectPanelListsChannelsAndUsers()
    {
        Client a(m_creds, QStringLiteral("a"));
        Client b(m_creds, QStringLiteral("b"));
        QVERIFY(a.connect());
        QVERIFY(b.connect());
        QVERIFY(a.subscribe(QStringLiteral("presence-insp"),
                            {QStringLiteral("ua"), QJsonObject{{QStringLiteral("n"), 1}}}));
        QVERIFY(b.subscribe(QStringLiteral("presence-insp"), {QStringLiteral("ub"), {}}));
        QVERIFY(a.subscribe(QStringLiteral("public-insp")));

        InspectPanel panel;
        panel.setSession(a.session.get());
        panel.resize(980, 560);
        panel.show();
        QSignalSpy answered(&panel, &InspectPanel::answerShown);
        auto *error = child<QLabel>(&panel, "inspectError");

        // Every channel.
        QTest::mouseClick(child<QPushButton>(&panel, "inspectChannelsButton"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(answered.size(), 1, kWait);
        QCOMPARE(answered.last().at(1).toBool(), true);
        auto *channels = child<QTableWidget>(&panel, "inspectChannelsTable");
        const QStringList names = columnTexts(channels, 0);
        QVERIFY2(names.contains(QStringLiteral("presence-insp")) && names.contains(QStringLiteral("public-insp")),
                 qPrintable(names.join(u' ')));
        QVERIFY(error->isHidden());
        QVERIFY(child<QLabel>(&panel, "inspectChannelsCount")->text().endsWith(QStringLiteral("channels")));

        // With a prefix.
        QTest::keyClicks(child<QLineEdit>(&panel, "inspectPrefix"), QStringLiteral("presence-"));
        QTest::keyClick(child<QLineEdit>(&panel, "inspectPrefix"), Qt::Key_Return);
        QTRY_COMPARE_WITH_TIMEOUT(answered.size(), 2, kWait);
        QCOMPARE(columnTexts(channels, 0), QStringList{QStringLiteral("presence-insp")});
        const int subscriptions = columnOf(channels, QStringLiteral("subscription_count"));
        QVERIFY(subscriptions > 0);
        QCOMPARE(channels->item(0, subscriptions)->text(), QStringLiteral("2"));

        // One channel's info.
        QTest::keyClicks(child<QLineEdit>(&panel, "inspectChannelName"), QStringLiteral("presence-insp"));
        QTest::mouseClick(child<QPushButton>(&panel, "inspectChannelButton"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(answered.size(), 3, kWait);
        auto *info = child<QTableWidget>(&panel, "inspectChannelInfo");
        const QStringList attributes = columnTexts(info, 0);
        QCOMPARE(attributes.value(0), QStringLiteral("occupied"));
        QCOMPARE(info->item(0, 1)->text(), QStringLiteral("true"));
        QVERIFY(attributes.contains(QStringLiteral("user_count")));
        QCOMPARE(info->item(int(attributes.indexOf(QStringLiteral("user_count"))), 1)->text(), QStringLiteral("2"));

        // Users.
        QTest::mouseClick(child<QPushButton>(&panel, "inspectUsersButton"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(answered.size(), 4, kWait);
        auto *users = child<QTableWidget>(&panel, "inspectUsersTable");
        QStringList ids = columnTexts(users, 0);
        ids.sort();
        QCOMPARE(ids, (QStringList{QStringLiteral("ua"), QStringLiteral("ub")}));
        QCOMPARE(child<QLabel>(&panel, "inspectUsersCount")->text(), QStringLiteral("2 users"));
        grab(&panel, QStringLiteral("inspect"));

        // Users of a public channel: the server's error, shown inline in red.
        typeInto(child<QLineEdit>(&panel, "inspectChannelName"), QStringLiteral("public-insp"));
        QTest::mouseClick(child<QPushButton>(&panel, "inspectUsersButton"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(answered.size(), 5, kWait);
        QCOMPARE(answered.last().at(0).toString(), QStringLiteral("users"));
        QCOMPARE(answered.last().at(1).toBool(), false);
        QVERIFY(error->isVisible());
        QVERIFY2(error->text().contains(QStringLiteral("400")), qPrintable(error->text()));
        QVERIFY(error->text().startsWith(QStringLiteral("Users of public-insp failed")));
        QCOMPARE(error->palette().color(QPalette::WindowText), feedback::color(panel.palette(), feedback::Tone::Error));
        QCOMPARE(users->rowCount(), 0);
        grab(&panel, QStringLiteral("inspect-error"));

        // Terminate: an inline confirmation first, then the request.
        users->setRowCount(0);
        typeInto(child<QLineEdit>(&panel, "terminateUserId"), QStringLiteral("ub"));
        QTest::mouseClick(child<QPushButton>(&panel, "terminateButton"), Qt::LeftButton);
        auto *confirm = child<QPushButton>(&panel, "terminateConfirmButton");
        QVERIFY(confirm->isVisible());
        QVERIFY(child<QPushButton>(&panel, "terminateButton")->isHidden());
        QCOMPARE(answered.size(), 5);  // nothing sent yet
        grab(&panel, QStringLiteral("inspect-confirm"));
        QTest::mouseClick(child<QPushButton>(&panel, "terminateCancelButton"), Qt::LeftButton);
        QVERIFY(!confirm->isVisible());
        QTest::mouseClick(child<QPushButton>(&panel, "terminateButton"), Qt::LeftButton);
        QTest::mouseClick(confirm, Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(answered.size(), 6, kWait);
        QCOMPARE(answered.last().at(0).toString(), QStringLiteral("terminate"));
        QCOMPARE(answered.last().at(1).toBool(), true);
        QVERIFY(error->isHidden());
    }

    void panelsSurviveSessionChanges()
    {
        auto first = std::make_unique<Client>(m_creds, QStringLiteral("first"));
        QVERIFY(first->connect());
        QVERIFY(first->subscribe(QStringLiteral("presence-swap"), {QStringLiteral("f"), {}}));
        QVERIFY(first->subscribe(QStringLiteral("private-swap")));
        ChannelsPanel channels;
        PresencePanel presence;
        PublishPanel publish;
        InspectPanel inspect;
        QAbstractItemModelTester t1(channels.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester t2(presence.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        auto setAll = [&](Session *s) {
            channels.setSession(s);
            presence.setSession(s);
            publish.setSession(s);
            inspect.setSession(s);
        };
        setAll(first->session.get());
        presence.setChannel(QStringLiteral("presence-swap"));
        QCOMPARE(channels.model()->rowCount(), 2);
        QCOMPARE(presence.model()->rowCount(), 1);
        QCOMPARE(publish.clientEventChannels().size(), 2);

        // A new session replaces the old one; the old one's changes no longer show.
        Client second(m_creds, QStringLiteral("second"));
        QVERIFY(second.connect());
        setAll(second.session.get());
        QCOMPARE(channels.model()->rowCount(), 0);
        QCOMPARE(presence.model()->rowCount(), 0);
        QTRY_COMPARE(child<QComboBox>(&publish, "clientChannel")->count(), 0);
        QVERIFY(first->subscribe(QStringLiteral("public-old")));
        QCOMPARE(channels.model()->rowCount(), 0);
        // Instead of a quiet time: the second session's change comes after the first's, so a
        // leaked public-old row would be there before (or with) public-new.
        QVERIFY(second.subscribe(QStringLiteral("public-new")));
        QTRY_VERIFY(channels.model()->rowCount() == 1 && channels.model()->rowOf(QStringLiteral("public-new")) == 0);
        QCOMPARE(channels.model()->rowOf(QStringLiteral("public-old")), -1);

        // The session goes away while the panels still point at it.
        setAll(first->session.get());
        QTRY_COMPARE(channels.model()->rowCount(), 3);
        first.reset();
        QTRY_COMPARE(channels.model()->rowCount(), 0);
        QCOMPARE(presence.model()->rowCount(), 0);
        QVERIFY(!channels.session());
        QTRY_VERIFY(!child<QPushButton>(&publish, "sendButton")->isEnabled());
        QTRY_VERIFY(!child<QPushButton>(&inspect, "inspectChannelsButton")->isEnabled());
        QVERIFY(!child<QPushButton>(&channels, "subscribeButton")->isEnabled());

        setAll(nullptr);
        QCOMPARE(channels.model()->rowCount(), 0);
        QVERIFY(!child<QPushButton>(&publish, "clientSendButton")->isEnabled());
    }

    void darkPaletteIsFollowed()
    {
        const QPalette light = QApplication::palette();
        QPalette dark;
        dark.setColor(QPalette::Window, QColor(0x2b, 0x2b, 0x2b));
        dark.setColor(QPalette::WindowText, QColor(0xe6, 0xe6, 0xe6));
        dark.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
        dark.setColor(QPalette::AlternateBase, QColor(0x26, 0x26, 0x26));
        dark.setColor(QPalette::Text, QColor(0xe6, 0xe6, 0xe6));
        dark.setColor(QPalette::Button, QColor(0x35, 0x35, 0x35));
        dark.setColor(QPalette::ButtonText, QColor(0xe6, 0xe6, 0xe6));
        dark.setColor(QPalette::Highlight, QColor(0x2f, 0x65, 0xca));
        dark.setColor(QPalette::HighlightedText, Qt::white);
        dark.setColor(QPalette::PlaceholderText, QColor(0x80, 0x80, 0x80));
        dark.setColor(QPalette::Disabled, QPalette::Text, QColor(0x70, 0x70, 0x70));
        dark.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(0x70, 0x70, 0x70));
        dark.setColor(QPalette::Disabled, QPalette::WindowText, QColor(0x70, 0x70, 0x70));
        QApplication::setPalette(dark);
        auto restore = qScopeGuard([&] { QApplication::setPalette(light); });

        // Feedback colours stay readable on a dark base.
        QVERIFY(feedback::color(dark, feedback::Tone::Error).lightnessF() > 0.6);
        QVERIFY(feedback::color(light, feedback::Tone::Error).lightnessF() < 0.5);

        Client client(m_creds);
        QVERIFY(client.connect());
        QVERIFY(client.subscribe(QStringLiteral("private-dark")));
        PublishPanel publish;
        publish.setSession(client.session.get());
        publish.resize(980, 560);
        publish.show();
        QTest::keyClicks(child<QLineEdit>(&publish, "triggerChannels"), QStringLiteral("private-dark"));
        QTest::keyClicks(child<QLineEdit>(&publish, "triggerEvent"), QStringLiteral("dark"));
        child<JsonEditor>(&publish, "triggerData")->setPlainText(QStringLiteral("{\"a\": [1, 2,]}"));
        auto *error = child<QLabel>(&publish, "triggerDataError");
        QVERIFY(error->isVisible());
        QCOMPARE(error->palette().color(QPalette::WindowText), feedback::color(dark, feedback::Tone::Error));
        grab(&publish, QStringLiteral("dark-publish"));

        ChannelsPanel channels;
        channels.setSession(client.session.get());
        channels.resize(760, 300);
        channels.show();
        typeInto(child<QLineEdit>(&channels, "subscribeField"), QStringLiteral("bad name"));
        QTRY_COMPARE(channels.model()->rowCount(), 1);
        const QAbstractItemModel *shown =
            child<QTableView>(&channels, "subscriptionsTable")->model();  // through the style proxy
        QCOMPARE(shown->index(0, SubscriptionTableModel::StateColumn).data(Qt::ForegroundRole).value<QColor>(),
                 feedback::color(dark, feedback::Tone::Success));
        grab(&channels, QStringLiteral("dark-channels"));

        // Switching back at run time recolours what is shown.
        QApplication::setPalette(light);
        QTRY_COMPARE(error->palette().color(QPalette::WindowText), feedback::color(light, feedback::Tone::Error));
        QCOMPARE(child<QLabel>(&channels, "channelWarning")->palette().color(QPalette::WindowText),
                 feedback::color(light, feedback::Tone::Error));
    }

    void everyControlHasATooltip()
    {
        ChannelsPanel channels;
        PresencePanel presence;
        PublishPanel publish;
        InspectPanel inspect;
        for (QWidget *panel : std::initializer_list<QWidget *>{&channels, &presence, &publish, &inspect}) {
            for (QWidget *w : panel->findChildren<QWidget *>()) {
                const bool control = qobject_cast<QAbstractButton *>(w) || qobject_cast<QLineEdit *>(w)
                                     || qobject_cast<QPlainTextEdit *>(w) || qobject_cast<QComboBox *>(w)
                                     || qobject_cast<QAbstractItemView *>(w);
                if (!control || w->objectName().startsWith(QLatin1String("qt_")))
                    continue;
                // Parts Qt builds inside other controls (clear buttons, corner buttons, combo views…).
                QWidget *parent = w->parentWidget();
                bool inner = false;
                for (QWidget *p = parent; p && p != panel; p = p->parentWidget())
                    inner = inner || qobject_cast<QLineEdit *>(p) || qobject_cast<QAbstractItemView *>(p)
                            || qobject_cast<QComboBox *>(p) || qobject_cast<QTabBar *>(p);
                if (inner || qobject_cast<QTabBar *>(w->parentWidget()) || w->inherits("QTableCornerButton"))
                    continue;
                QVERIFY2(!w->toolTip().isEmpty(),
                         qPrintable(QStringLiteral("%1 %2 (%3) has no tooltip")
                                        .arg(QString::fromLatin1(panel->metaObject()->className()),
                                             QString::fromLatin1(w->metaObject()->className()), w->objectName())));
            }
        }
    }

    void cleanupTestCase()
    {
        m_soketi.stop();
        QSettings().clear();
    }

private:
    test::SoketiServer m_soketi;
    Credentials m_creds;
};

QTEST_MAIN(TestGuiPanels)
#include "tst_gui_panels.moc"
