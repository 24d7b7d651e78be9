// The details pane's "Listen for it" tab: shown for channel and client events only, with the
// pusher-js and Laravel Echo code as selectable, copyable plain text; gone (and not left as the
// current tab) for anything else.

#include "detailspane.h"
#include "logfixtures.h"

#include <QApplication>
#include <QClipboard>
#include <QPlainTextEdit>
#include <QTabWidget>
#include <QTest>
#include <QToolButton>

using namespace cs;
using namespace cs::ui;

class TestGuiDetailsPane : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void listenTabForEvents();
    void noListenTabForOtherEntries_data();
    void noListenTabForOtherEntries();
    void clientEventUsesWhisper();
    void screenshot();
};

namespace {

const QByteArray kOrderFrame =
    R"({"event":"order.updated","channel":"private-orders","data":"{\"id\":42,\"status\":\"shipped\"}"})";

LogEntry orderEvent()
{
    return test::frameEntry(Direction::In, EntryKind::Event, QStringLiteral("private-orders"),
                            QStringLiteral("order.updated"), kOrderFrame);
}

}  // namespace

void TestGuiDetailsPane::listenTabForEvents()
{
    DetailsPane pane;
    QVERIFY(!pane.tabs()->isTabVisible(pane.listenTabIndex()));
    pane.showEntry(orderEvent());
    QVERIFY(pane.tabs()->isTabVisible(pane.listenTabIndex()));
    QCOMPARE(pane.tabs()->tabText(pane.listenTabIndex()), QStringLiteral("Listen for it"));
    const QString text = pane.listenText();
    QVERIFY2(text.contains(QStringLiteral("pusher.subscribe('private-orders')")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral(".bind('order.updated',")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("Echo.private('orders')")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral(".listen('.order.updated',")), qPrintable(text));
    // Plain, read-only text a user can select.
    QVERIFY(pane.listenView()->isReadOnly());
    QVERIFY(pane.listenView()->textInteractionFlags() & Qt::TextSelectableByMouse);
    QCOMPARE(pane.listenView()->toPlainText(), text);

    auto *copy = pane.findChild<QToolButton *>(QStringLiteral("copyListenButton"));
    QVERIFY(copy);
    QGuiApplication::clipboard()->clear();
    copy->click();
    QCOMPARE(QGuiApplication::clipboard()->text(), text);
}

void TestGuiDetailsPane::noListenTabForOtherEntries_data()
{
    QTest::addColumn<LogEntry>("entry");
    QTest::newRow("state") << test::stateEntry(QStringLiteral("connecting → connected"));
    QTest::newRow("subscription succeeded")
        << test::frameEntry(Direction::In, EntryKind::Subscription, QStringLiteral("private-orders"),
                            QStringLiteral("pusher_internal:subscription_succeeded"),
                            R"({"event":"pusher_internal:subscription_succeeded","channel":"private-orders"})");
    QTest::newRow("connection") << test::frameEntry(Direction::In, EntryKind::Connection, QString(),
                                                    QStringLiteral("pusher:pong"), R"({"event":"pusher:pong"})");
}

void TestGuiDetailsPane::noListenTabForOtherEntries()
{
    QFETCH(LogEntry, entry);
    DetailsPane pane;
    pane.showEntry(orderEvent());
    pane.tabs()->setCurrentIndex(pane.listenTabIndex());
    pane.showEntry(entry);
    QVERIFY(!pane.tabs()->isTabVisible(pane.listenTabIndex()));
    QCOMPARE(pane.tabs()->currentIndex(), 0);  // not left on a hidden tab
    QCOMPARE(pane.listenText(), QString());
    pane.showEntry(orderEvent());
    pane.clear();
    QVERIFY(!pane.tabs()->isTabVisible(pane.listenTabIndex()));
}

void TestGuiDetailsPane::clientEventUsesWhisper()
{
    DetailsPane pane;
    pane.showEntry(test::frameEntry(Direction::In, EntryKind::ClientEvent, QStringLiteral("presence-room"),
                                    QStringLiteral("client-typing"),
                                    R"({"event":"client-typing","channel":"presence-room","data":{}})"));
    QVERIFY(pane.tabs()->isTabVisible(pane.listenTabIndex()));
    QVERIFY2(pane.listenText().contains(QStringLiteral("Echo.join('room')")), qPrintable(pane.listenText()));
    QVERIFY2(pane.listenText().contains(QStringLiteral(".listenForWhisper('typing',")), qPrintable(pane.listenText()));
}

void TestGuiDetailsPane::screenshot()
{
    DetailsPane pane;
    pane.resize(720, 320);
    pane.showEntry(orderEvent());
    pane.tabs()->setCurrentIndex(pane.listenTabIndex());
    pane.show();
    QVERIFY(QTest::qWaitForWindowExposed(&pane));
    QVERIFY(pane.listenView()->isVisible());
    QVERIFY(pane.grab().toImage().save(QStringLiteral("/tmp/detailspane-listen.png")));
}

QTEST_MAIN(TestGuiDetailsPane)
#include "tst_gui_detailspane.moc"
