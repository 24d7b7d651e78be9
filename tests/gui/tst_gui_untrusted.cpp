// The widgets against hostile input: a presence roster of 200,000 members with joins, leaves and
// events on top, and a flood that makes the log's byte budget bite. The GUI must stay responsive
// and say which limit bit.

#include "fakepusherserver.h"
#include "testclient.h"
#include "jsonformat.h"
#include "logpanel.h"
#include "logstore.h"
#include "presencepanel.h"
#include "session.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QDialog>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableView>
#include <QtTest>

using namespace cs;
using namespace cs::ui;
using cs::test::FakePusherServer;
using cs::test::Fixture;
using cs::test::frameText;
using cs::test::handshake;

namespace {

constexpr int kWait = 60000;

QString memberData(const QString &id) { return QStringLiteral("{\"user_id\":\"%1\"}").arg(id); }

// Answers a presence subscribe with a roster of `members` ("u0" …), then `changes` rounds of a
// join, a leave and a channel event, then "done".
// (Built before the server runs: it shares the thread whose stalls are measured.)
FakePusherServer::Script rosterScript(int members, int changes)
{
    QString ids, hash;
    for (int i = 0; i < members; ++i) {
        ids += QStringLiteral("%1\"u%2\"").arg(i ? QStringLiteral(",") : QString()).arg(i);
        hash += QStringLiteral("%1\"u%2\":{\"name\":\"User %2\"}").arg(i ? QStringLiteral(",") : QString()).arg(i);
    }
    const QString roster =
        QStringLiteral("{\"presence\":{\"ids\":[%1],\"hash\":{%2},\"count\":%3}}").arg(ids, hash).arg(members);
    return [roster, changes](QWebSocket *s) {
        handshake(s);
        QObject::connect(s, &QWebSocket::textMessageReceived, s, [s, roster, changes](const QString &m) {
            if (!m.contains(QLatin1String("\"pusher:subscribe\"")))
                return;
            const QString channel = QJsonDocument::fromJson(m.toUtf8())
                                        .object()
                                        .value(QStringLiteral("data"))
                                        .toObject()
                                        .value(QStringLiteral("channel"))
                                        .toString();
            s->sendTextMessage(
                frameText(QStringLiteral("pusher_internal:subscription_succeeded"), channel, QJsonValue(roster)));
            for (int i = 0; i < changes; ++i) {
                s->sendTextMessage(frameText(QStringLiteral("pusher_internal:member_added"), channel,
                                             QJsonValue(memberData(QStringLiteral("new%1").arg(i)))));
                s->sendTextMessage(frameText(QStringLiteral("pusher_internal:member_removed"), channel,
                                             QJsonValue(memberData(QStringLiteral("u%1").arg(i)))));
                s->sendTextMessage(frameText(QStringLiteral("tick"), channel, QJsonValue(QStringLiteral("{}"))));
            }
            s->sendTextMessage(frameText(QStringLiteral("done"), channel, QJsonValue(QStringLiteral("{}"))));
        });
    };
}

// The longest time the event loop went without turning, while it is measured.
class StallMeter : public QObject {
public:
    StallMeter()
    {
        m_timer.setInterval(5);
        connect(&m_timer, &QTimer::timeout, this, [this] { m_longest = qMax(m_longest, m_clock.restart()); });
        m_clock.start();
        m_timer.start();
    }
    qint64 longestMs() const { return m_longest; }

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_longest = 0;
};

bool channelSaw(const ChannelRegistry *channels, const QString &channel, quint64 events)
{
    const Subscription *sub = channels->subscription(channel);
    return sub && sub->eventCount >= events;
}

}  // namespace

class TestGuiUntrusted : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("ChannelscopeTests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_gui_untrusted"));
        QSettings().clear();
    }

    // The roster view follows the core exactly through joins, leaves and re-syncs (checked by
    // QAbstractItemModelTester on every change), in id order.
    void rosterFollowsTheCore()
    {
        FakePusherServer server(rosterScript(300, 120));
        QVERIFY(server.listen());
        Fixture f(server.credentials());
        PresencePanel panel;
        QAbstractItemModelTester tester(panel.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        panel.setSession(&f.session);
        panel.setChannel(QStringLiteral("presence-r"));
        panel.show();
        f.connection()->open();
        QVERIFY(f.session.channels()->subscribe(QStringLiteral("presence-r"), {QStringLiteral("u7"), {}}));
        QTRY_VERIFY_WITH_TIMEOUT(channelSaw(f.session.channels(), QStringLiteral("presence-r"), 121), kWait);
        const Subscription *sub = f.session.channels()->subscription(QStringLiteral("presence-r"));
        QCOMPARE(sub->members.size(), 300);
        // Left rows stay struck through for a moment, then go: then the view equals the core.
        QTRY_COMPARE_WITH_TIMEOUT(panel.model()->rowCount(), 300, kWait);
        QCOMPARE(panel.model()->memberCount(), 300);
        int row = 0;
        for (auto it = sub->members.cbegin(); it != sub->members.cend(); ++it, ++row)
            QCOMPARE(panel.model()->index(row, PresenceRosterModel::IdColumn).data().toString(), it.key());
        QCOMPARE(panel.model()->rowOf(QStringLiteral("new119")),
                 int(std::distance(sub->members.cbegin(), sub->members.constFind(QStringLiteral("new119")))));
        QCOMPARE(panel.model()->rowOf(QStringLiteral("u0")), -1);
        // The tooltip names the member and shows its user info (as plain text: see tst_gui_secrets).
        const QString tip =
            panel.model()->index(panel.model()->rowOf(QStringLiteral("u250")), 0).data(Qt::ToolTipRole).toString();
        QVERIFY2(tip.startsWith(QStringLiteral("u250")) && tip.contains(QStringLiteral("\"name\": \"User 250\"")),
                 qPrintable(tip));
    }

    // 200,000 members: the panel shows them and the event loop keeps turning.
    void hugeRosterKeepsTheGuiResponsive()
    {
        const int members = 200'000;
        // On a thread of its own: only the client's work counts against the GUI thread.
        cs::test::ThreadedFakePusherServer server(rosterScript(members, 300));
        QVERIFY(server.listening());
        Fixture f(server.credentials());
        PresencePanel panel;
        panel.resize(500, 700);
        panel.setSession(&f.session);
        panel.setChannel(QStringLiteral("presence-big"));
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        // The roster (a 5 MB frame), then joins, leaves and events: each one a full sync before.
        StallMeter meter;
        f.connection()->open();
        QVERIFY(f.session.channels()->subscribe(QStringLiteral("presence-big"), {QStringLiteral("u1"), {}}));
        QTRY_VERIFY_WITH_TIMEOUT(channelSaw(f.session.channels(), QStringLiteral("presence-big"), 301), kWait);
        QTRY_COMPARE_WITH_TIMEOUT(panel.model()->rowCount(), members, kWait);
        QCOMPARE(panel.model()->memberCount(), members);
        qInfo("longest stall while a 200,000-member roster, 600 joins and leaves and 300 events arrived: %lld ms",
              meter.longestMs());
        // Quadratic work here took minutes; the figure for the README comes from channelscope-bench.
        QVERIFY2(meter.longestMs() < 1500, qPrintable(QString::number(meter.longestMs())));
        auto *count = panel.findChild<QLabel *>(QStringLiteral("presenceCount"));
        QCOMPARE(count->text(), QStringLiteral("%L1 members").arg(members));
        QTRY_VERIFY(count->width() >= count->sizeHint().width());                        // the whole count is readable
        QVERIFY(panel.grab().toImage().save(QStringLiteral("/tmp/presence-200k.png")));  // for a human look
    }

    // Pretty-printing server text is bounded: deep nesting stops indenting at kMaxIndentDepth
    // (else depth² spaces), and a text whose indented form would be too long is shown as sent.
    void prettyPrintingIsBounded()
    {
        const int depth = 500;
        const QString deep = QString(depth, u'[') + QStringLiteral("1") + QString(depth, u']');
        const auto indented = reindentJson(deep);
        QVERIFY(indented);
        qsizetype widest = 0;
        for (const QStringView line : QStringView(*indented).split(u'\n'))
            widest = qMax(widest, line.size());
        QCOMPARE(widest, qsizetype(kMaxIndentDepth * 2 + 1));
        QCOMPARE(QJsonDocument::fromJson(indented->toUtf8()), QJsonDocument::fromJson(deep.toUtf8()));

        QString wide = QStringLiteral("[");
        for (int i = 0; i < 2000; ++i)
            wide += QStringLiteral("[1],");
        wide += QStringLiteral("1]");
        QVERIFY(reindentJson(wide));
        QVERIFY(!reindentJson(wide, 2, wide.size() + 100));  // its indented form is far longer

        LogEntry e;
        e.direction = Direction::In;
        e.kind = EntryKind::Event;
        e.event = QStringLiteral("wide");
        QString huge = QStringLiteral("[");
        huge.reserve(kMaxPrettyChars);
        while (huge.size() < kMaxPrettyChars / 2)
            huge += QStringLiteral("[[1]],");
        huge += QStringLiteral("1]");
        e.raw = QStringLiteral("{\"event\":\"wide\",\"data\":%1}").arg(huge).toUtf8();
        const Payload payload = entryPayload(e, true);
        QCOMPARE(payload.text, huge);
        QVERIFY2(payload.note.contains(QStringLiteral("too large to indent")), qPrintable(payload.note));
    }

    // Log → Log size limit…: both limits in one dialog, as a user sets them.
    void logLimitsDialogSetsBothLimits()
    {
        LogStore store;
        LogPanel panel(&store);
        QSignalSpy caps(&panel, &LogPanel::logCapChanged);
        QSignalSpy budgets(&panel, &LogPanel::logByteBudgetChanged);
        QTimer::singleShot(0, this, [] {
            auto *dialog = qobject_cast<QDialog *>(QApplication::activeModalWidget());
            QVERIFY(dialog);
            auto *entries = dialog->findChild<QSpinBox *>(QStringLiteral("logCapEntries"));
            auto *mebibytes = dialog->findChild<QSpinBox *>(QStringLiteral("logCapBytes"));
            QVERIFY(entries && mebibytes);
            QCOMPARE(entries->value(), int(LogStore::kDefaultCap));
            QCOMPARE(mebibytes->value(), int(LogStore::kDefaultByteBudget >> 20));
            entries->setValue(50'000);
            mebibytes->setValue(64);
            QVERIFY(dialog->grab().toImage().save(QStringLiteral("/tmp/log-limits.png")));  // for a human look
            dialog->accept();
        });
        panel.setLogCapWithDialog();
        QCOMPARE(store.cap(), qsizetype(50'000));
        QCOMPARE(store.byteBudget(), qint64(64) << 20);
        QCOMPARE(caps.size(), 1);
        QCOMPARE(budgets.size(), 1);
    }

    // The byte budget bites before the entry cap: the status line says so, and the choice is
    // announced for the main window to keep.
    void byteBudgetShowsWhenItBites()
    {
        LogStore store;
        LogPanel panel(&store);
        QSignalSpy changed(&panel, &LogPanel::logByteBudgetChanged);
        panel.setLogByteBudget(LogPanel::kMinLogBytes);
        QCOMPARE(store.byteBudget(), LogPanel::kMinLogBytes);
        QCOMPARE(changed.size(), 1);
        panel.setLogByteBudget(1);  // clamped to the floor: no change
        QCOMPARE(changed.size(), 1);
        for (int i = 0; i < 40; ++i) {
            LogEntry e;
            e.direction = Direction::In;
            e.kind = EntryKind::Event;
            e.event = QStringLiteral("big");
            e.raw = QByteArray(1 << 20, 'x');
            store.append(e);
        }
        store.flush();
        QVERIFY(store.heldBytes() <= store.byteBudget());
        QVERIFY(store.evictedForBytes() > 0);
        QCOMPARE(store.evictedCount(), store.evictedForBytes());
        QTRY_VERIFY2(panel.statusText().contains(QStringLiteral("byte budget")), qPrintable(panel.statusText()));
    }
};

QTEST_MAIN(TestGuiUntrusted)
#include "tst_gui_untrusted.moc"
