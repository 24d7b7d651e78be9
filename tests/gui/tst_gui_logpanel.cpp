// The log panel (offscreen): batched rows over a real LogStore fed with Pusher frames and local
// entries, the debounced filter with its invalid indicator, kind toggles, pause/resume, clear,
// details (decoded JSON string data, raw frame, metadata), export of the visible rows, copying,
// follow-newest (also after selecting and filtering), keepalive folding, the empty state,
// shortcuts, and a screenshot for a human look.
// No raw string literals: moc 6.4 mis-reads some of them in a file with Q_OBJECT.

#include "detailspane.h"
#include "filterbar.h"
#include "kindterms.h"
#include "jsonformat.h"
#include "logemptystate.h"
#include "jsonhighlighter.h"
#include "logfixtures.h"
#include "logmodel.h"
#include "logpanel.h"
#include "logstore.h"
#include "logstyleproxy.h"
#include "protocol.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QElapsedTimer>
#include <QFile>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <vector>
#include <QTextBlock>
#include <QTextLayout>
#include <QToolBar>
#include <QToolButton>

using namespace cs;
using namespace cs::ui;

namespace {

constexpr qint64 kBaseTime = 1732726116123LL;  // 2024-11-27T16:48:36.123Z

// The shared fixtures, on one socket (feed() sets the times).
LogEntry frameEntry(Direction dir, EntryKind kind, const QString &channel, const QString &event, const QByteArray &raw,
                    const QString &userId = {})
{
    LogEntry e = cs::test::frameEntry(dir, kind, channel, event, raw);
    e.socketId = QStringLiteral("123.456");
    e.userId = userId;
    return e;
}

LogEntry localEntry(EntryKind kind, const QString &message, const QJsonObject &details = {})
{
    LogEntry e = cs::test::localEntry(kind, message, QJsonDocument(details).toJson(QJsonDocument::Compact));
    e.socketId = QStringLiteral("123.456");
    return e;
}

const QByteArray kOrderFrame =
    "{\"event\":\"order-updated\",\"channel\":\"private-orders\","
    "\"data\":\"{\\\"id\\\":42,\\\"status\\\":\\\"shipped\\\",\\\"paid\\\":true,\\\"note\\\":null,\\\"items\\\":[1,2]}\"}";

// A realistic session: 12 entries, 4 of them on private-orders, 2 state/timer.
QList<LogEntry> sessionEntries()
{
    QList<LogEntry> out;
    out << localEntry(EntryKind::State, QStringLiteral("initialized \u2192 connecting: connect() called"),
                      {{QStringLiteral("from"), QStringLiteral("initialized")},
                       {QStringLiteral("to"), QStringLiteral("connecting")}});
    out << frameEntry(
        Direction::In, EntryKind::Connection, {}, QStringLiteral("pusher:connection_established"),
        "{\"event\":\"pusher:connection_established\",\"data\":\"{\\\"socket_id\\\":\\\"123.456\\\",\\\"activity_timeout\\\":120}\"}");
    out << localEntry(EntryKind::Timer, QStringLiteral("activity timeout 120 s; pong timeout 30 s"),
                      {{QStringLiteral("activity_timeout_ms"), 120000}, {QStringLiteral("pong_timeout_ms"), 30000}});
    out << localEntry(EntryKind::Auth, QStringLiteral("signed private-orders with the app secret"),
                      {{QStringLiteral("channel"), QStringLiteral("private-orders")},
                       {QStringLiteral("string_to_sign"), QStringLiteral("123.456:private-orders")}});
    out << frameEntry(Direction::Out, EntryKind::Subscription, QStringLiteral("private-orders"),
                      QStringLiteral("pusher:subscribe"),
                      protocol::buildSubscribe(QStringLiteral("private-orders"), "app-key:0123456789abcdef"));
    out << frameEntry(
        Direction::In, EntryKind::Subscription, QStringLiteral("private-orders"),
        QStringLiteral("pusher_internal:subscription_succeeded"),
        "{\"event\":\"pusher_internal:subscription_succeeded\",\"channel\":\"private-orders\",\"data\":\"{}\"}");
    out << frameEntry(Direction::In, EntryKind::Event, QStringLiteral("private-orders"),
                      QStringLiteral("order-updated"), kOrderFrame);
    out << frameEntry(Direction::Out, EntryKind::ClientEvent, QStringLiteral("private-orders"),
                      QStringLiteral("client-typing"),
                      protocol::buildClientEvent(QStringLiteral("private-orders"), QStringLiteral("client-typing"),
                                                 QJsonObject{{QStringLiteral("user"), QStringLiteral("ann")}}));
    out << frameEntry(
        Direction::In, EntryKind::Presence, QStringLiteral("presence-room"),
        QStringLiteral("pusher_internal:member_added"),
        "{\"event\":\"pusher_internal:member_added\",\"channel\":\"presence-room\",\"data\":\"{\\\"user_id\\\":\\\"42\\\",\\\"user_info\\\":{\\\"name\\\":\\\"Ann\\\"}}\"}");
    out << frameEntry(Direction::In, EntryKind::Event, QStringLiteral("news"), QStringLiteral("headline"),
                      "{\"event\":\"headline\",\"channel\":\"news\",\"data\":\"Markets are up\"}");
    out << frameEntry(Direction::Out, EntryKind::Rest, {}, QStringLiteral("POST /apps/1/events"),
                      "{\"method\":\"POST\",\"path\":\"/apps/1/events\",\"status\":200}");
    out << frameEntry(Direction::In, EntryKind::Error, {}, QStringLiteral("pusher:error"),
                      "{\"event\":\"pusher:error\",\"data\":{\"code\":4201,\"message\":\"Pong reply not received\"}}");
    return out;
}

int rowOfEvent(const LogModel *model, const QString &event)
{
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->entryAt(row).event == event)
            return row;
    }
    return -1;
}

}  // namespace

class TestGuiLogPanel : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();

    void rowsAppearInBatches();
    void styleProxy();
    void viewIsBuiltForManyRows();
    void filterIsDebounced();
    void invalidFilterKeepsRows();
    void kindToggleEditsFilter();
    void everyKindHasOneToggle();
    void kindToggleText_data();
    void kindToggleText();
    void pauseKeepsRowsAndCountsPending();
    void clearEmpties();
    void logCapEvictsOldestAndSaysSo();
    void detailsShowDecodedData();
    void detailsShowLocalEntry();
    void detailsJsonColours();
    void exportVisible();
    void exportInTheBackground();
    void copyRowAndPayload();
    void followNewest();
    void followNewestAfterSelectAndFilter();
    void kindTogglesFollowTheText();
    void foldedKeepalives();
    void emptyState();
    void toolbarIsOneRow();
    void actionsAndShortcuts();
    void tooltipsEverywhere();
    void manyRows();
    void screenshot();

private:
    void feed(const QList<LogEntry> &entries);

    LogStore *m_store = nullptr;
    LogPanel *m_panel = nullptr;
    QAbstractItemModelTester *m_tester = nullptr;
};

// A kind without a toggle could not be hidden with one click (the tap's kinds were, at first).
void TestGuiLogPanel::everyKindHasOneToggle()
{
    for (int k = 0; k < kEntryKindCount; ++k) {
        const QString name = entryKindName(EntryKind(k));
        int groups = 0;
        for (const auto &spec : kindterms::kindGroupSpecs())
            groups += int(spec.kinds.contains(name));
        QVERIFY2(groups == 1, qPrintable(QStringLiteral("kind %1 is in %2 toggle groups").arg(name).arg(groups)));
    }
}

void TestGuiLogPanel::init()
{
    m_store = new LogStore;
    m_panel = new LogPanel(m_store);
    m_panel->resize(1100, 720);
    m_tester = new QAbstractItemModelTester(m_panel->view()->model(),
                                            QAbstractItemModelTester::FailureReportingMode::QtTest, m_panel);
}

void TestGuiLogPanel::cleanup()
{
    delete m_panel;
    m_panel = nullptr;
    delete m_store;
    m_store = nullptr;
}

void TestGuiLogPanel::feed(const QList<LogEntry> &entries)
{
    qint64 t = kBaseTime + m_store->nextSeq() * 137;
    for (LogEntry e : entries) {
        e.timeMs = t;
        t += 137;
        m_store->append(e);
    }
}

void TestGuiLogPanel::rowsAppearInBatches()
{
    QSignalSpy inserted(m_panel->view()->model(), &QAbstractItemModel::rowsInserted);
    const QList<LogEntry> entries = sessionEntries();
    feed(entries);
    QCOMPARE(m_panel->model()->rowCount(), 0);  // nothing until the batch is flushed
    QTRY_COMPARE(m_panel->model()->rowCount(), int(entries.size()));
    QCOMPARE(inserted.size(), 1);  // one insert for the whole batch
    QCOMPARE(m_panel->view()->model()->rowCount(), int(entries.size()));
    QTRY_COMPARE(m_panel->findChild<QLabel *>(QStringLiteral("statusLabel"))->text(),
                 QStringLiteral("12 shown of 12 (0 evicted)"));

    // A second batch is appended at the end, again in one insert.
    feed(sessionEntries().mid(0, 3));
    QTRY_COMPARE(m_panel->model()->rowCount(), int(entries.size()) + 3);
    QCOMPARE(inserted.size(), 2);

    // Eviction removes rows from the top and is counted.
    m_store->setCap(10);
    QTRY_COMPARE(m_panel->model()->rowCount(), 10);
    QTRY_COMPARE(m_panel->statusText(), QStringLiteral("10 shown of 10 (5 evicted)"));
}

void TestGuiLogPanel::styleProxy()
{
    feed(sessionEntries());
    QAbstractItemModel *model = m_panel->view()->model();
    QTRY_COMPARE(model->rowCount(), 12);
    const int dirCol = int(LogColumn::Direction);
    const int kindCol = int(LogColumn::Kind);
    QCOMPARE(model->index(0, dirCol).data().toString(), QStringLiteral("\u2022 local"));
    QCOMPARE(model->index(1, dirCol).data().toString(), QStringLiteral("\u2193 in"));
    QCOMPARE(model->index(4, dirCol).data().toString(), QStringLiteral("\u2191 out"));
    QCOMPARE(model->index(6, kindCol).data().toString(), QStringLiteral("event"));

    // Kinds have distinct colours; the Kind column has a dot; errors are tinted more strongly.
    const QBrush eventFg = model->index(6, kindCol).data(Qt::ForegroundRole).value<QBrush>();
    const QBrush errorFg = model->index(11, kindCol).data(Qt::ForegroundRole).value<QBrush>();
    QVERIFY(eventFg.style() != Qt::NoBrush);
    QVERIFY(eventFg.color() != errorFg.color());
    QVERIFY(!model->index(6, kindCol).data(Qt::DecorationRole).value<QIcon>().isNull());
    const QBrush eventBg = model->index(6, 0).data(Qt::BackgroundRole).value<QBrush>();
    const QBrush errorBg = model->index(11, 0).data(Qt::BackgroundRole).value<QBrush>();
    QVERIFY(eventBg.color().alpha() > 0 && eventBg.color().alpha() < 255);
    QVERIFY(errorBg.color().alpha() > eventBg.color().alpha());
    QVERIFY(!model->index(0, 0).data(Qt::BackgroundRole).isValid());  // state: no tint

    // Monospace summary/size, right-aligned size.
    const QFont summaryFont = model->index(6, int(LogColumn::Summary)).data(Qt::FontRole).value<QFont>();
    const QFontMetrics summaryMetrics(summaryFont);
    QCOMPARE(summaryMetrics.horizontalAdvance(QLatin1Char('i')), summaryMetrics.horizontalAdvance(QLatin1Char('W')));
    QCOMPARE(model->index(6, int(LogColumn::Size)).data(Qt::TextAlignmentRole).toInt() & Qt::AlignRight,
             int(Qt::AlignRight));
    QVERIFY(model->index(6, int(LogColumn::Summary)).data().toString().contains(QStringLiteral("shipped")));

    // Light and dark palettes give readable foregrounds: contrast against the base.
    auto *proxy = m_panel->styleProxy();
    for (const bool dark : {false, true}) {
        QPalette pal;
        pal.setColor(QPalette::Base, dark ? QColor(0x1e, 0x1e, 0x1e) : QColor(Qt::white));
        pal.setColor(QPalette::Text, dark ? QColor(0xe0, 0xe0, 0xe0) : QColor(Qt::black));
        proxy->setPalette(pal);
        QCOMPARE(proxy->isDark(), dark);
        for (int k = 0; k < kEntryKindCount; ++k) {
            const int diff =
                std::abs(proxy->kindForeground(EntryKind(k)).lightness() - pal.color(QPalette::Base).lightness());
            QVERIFY2(
                diff > 80,
                qPrintable(
                    QStringLiteral("kind %1 dark %2 diff %3").arg(entryKindName(EntryKind(k))).arg(dark).arg(diff)));
        }
    }
    proxy->setPalette(m_panel->palette());
}

void TestGuiLogPanel::viewIsBuiltForManyRows()
{
    QTableView *view = m_panel->view();
    QCOMPARE(view->objectName(), QStringLiteral("logTable"));
    QCOMPARE(view->verticalHeader()->sectionResizeMode(0), QHeaderView::Fixed);
    QVERIFY(view->verticalHeader()->defaultSectionSize() < 40);
    for (int c = 0; c < int(LogColumn::Count); ++c)
        QVERIFY(view->horizontalHeader()->sectionResizeMode(c) != QHeaderView::ResizeToContents);
    QCOMPARE(view->selectionBehavior(), QAbstractItemView::SelectRows);
}

void TestGuiLogPanel::filterIsDebounced()
{
    feed(sessionEntries());
    QTRY_COMPARE(m_panel->model()->rowCount(), 12);
    m_panel->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_panel));
    auto *edit = m_panel->findChild<QLineEdit *>(QStringLiteral("logFilter"));
    QVERIFY(edit);
    QVERIFY(edit->placeholderText().contains(QStringLiteral("channel:")));
    QSignalSpy changed(m_panel->filterBar(), &FilterBar::filterChanged);
    QElapsedTimer timer;
    timer.start();
    QTest::keyClicks(edit, QStringLiteral("channel:private-*"));
    QCOMPARE(m_panel->model()->rowCount(), 12);  // not yet: typing goes on
    QCOMPARE(changed.size(), 0);
    QTRY_COMPARE(m_panel->model()->rowCount(), 4);  // subscribe, succeeded, order-updated, client-typing
    QVERIFY(timer.elapsed() >= FilterBar::kDefaultDebounceMs - 10);
    QCOMPARE(changed.size(), 1);  // one filter for the whole word
    for (int row = 0; row < m_panel->model()->rowCount(); ++row)
        QCOMPARE(m_panel->model()->entryAt(row).channel, QStringLiteral("private-orders"));
    QCOMPARE(m_panel->findChild<QLabel *>(QStringLiteral("filterStatus"))->property("state").toString(),
             QStringLiteral("valid"));

    // Enter applies at once; free text and negation work through the core filter.
    edit->setText(QStringLiteral("channel:private-* -kind:client-event"));
    QTest::keyClick(edit, Qt::Key_Return);
    QCOMPARE(m_panel->model()->rowCount(), 3);
    m_panel->setFilterText(QStringLiteral("shipped"));
    QCOMPARE(m_panel->model()->rowCount(), 1);
    m_panel->setFilterText(QString());
    QCOMPARE(m_panel->model()->rowCount(), 12);
    QCOMPARE(m_panel->findChild<QLabel *>(QStringLiteral("filterStatus"))->property("state").toString(),
             QStringLiteral("empty"));
}

void TestGuiLogPanel::invalidFilterKeepsRows()
{
    feed(sessionEntries());
    QTRY_COMPARE(m_panel->model()->rowCount(), 12);
    m_panel->setFilterText(QStringLiteral("dir:in"));
    QCOMPARE(m_panel->model()->rowCount(), 6);
    auto *edit = m_panel->findChild<QLineEdit *>(QStringLiteral("logFilter"));
    auto *status = m_panel->findChild<QLabel *>(QStringLiteral("filterStatus"));
    QSignalSpy validity(m_panel->filterBar(), &FilterBar::validityChanged);
    QTest::keyClicks(edit, QStringLiteral(" chanel:x"));
    QTRY_COMPARE(status->property("state").toString(), QStringLiteral("invalid"));
    QVERIFY(!m_panel->filterBar()->isValid());
    QVERIFY(m_panel->filterBar()->error()->message.contains(QStringLiteral("chanel")));
    QCOMPARE(m_panel->filterBar()->error()->position, 7);
    QVERIFY(status->toolTip().contains(QStringLiteral("chanel")));
    QVERIFY(edit->toolTip().contains(QStringLiteral("chanel")));
    QVERIFY(edit->palette().color(QPalette::Base) != m_panel->palette().color(QPalette::Base));  // tinted
    QCOMPARE(validity.size(), 1);
    QCOMPARE(validity.at(0).at(0).toBool(), false);
    QVERIFY(m_panel->findChild<QLabel *>(QStringLiteral("filterError"))
                ->text()
                .contains(QStringLiteral("chanel")));  // inline, no dialog
    QCOMPARE(m_panel->model()->rowCount(), 6);         // previous rows stay
    QCOMPARE(m_panel->model()->filter().text(), QStringLiteral("dir:in"));

    // Fixing it applies the new filter and clears the indicator.
    edit->setText(QStringLiteral("dir:out"));
    QTest::keyClick(edit, Qt::Key_Return);
    QCOMPARE(status->property("state").toString(), QStringLiteral("valid"));
    QCOMPARE(m_panel->model()->rowCount(), 3);
}

void TestGuiLogPanel::kindToggleEditsFilter()
{
    feed(sessionEntries());
    QTRY_COMPARE(m_panel->model()->rowCount(), 12);
    FilterBar *bar = m_panel->filterBar();
    QCOMPARE(FilterBar::kindGroupIds().size(), 10);
    QToolButton *state = m_panel->findChild<QToolButton *>(QStringLiteral("kindToggle_state"));
    QToolButton *event = m_panel->findChild<QToolButton *>(QStringLiteral("kindToggle_event"));
    QVERIFY(state && event);
    QVERIFY(state->isChecked());

    state->click();  // hide state and timer
    QVERIFY(!state->isChecked());
    QCOMPARE(bar->text(), QStringLiteral("-kind:state,timer"));
    QCOMPARE(m_panel->model()->rowCount(), 10);
    event->click();
    QCOMPARE(bar->text(), QStringLiteral("-kind:state,timer -kind:event"));
    QCOMPARE(m_panel->model()->rowCount(), 8);
    for (int row = 0; row < m_panel->model()->rowCount(); ++row) {
        const EntryKind k = m_panel->model()->entryAt(row).kind;
        QVERIFY(k != EntryKind::State && k != EntryKind::Timer && k != EntryKind::Event);
    }
    state->click();  // show again: the term goes, the rest stays
    QVERIFY(state->isChecked());
    QCOMPARE(bar->text(), QStringLiteral("-kind:event"));
    QCOMPARE(m_panel->model()->rowCount(), 10);

    // Typing a -kind: term unchecks the matching toggle.
    m_panel->setFilterText(QStringLiteral("dir:in -kind:presence"));
    QVERIFY(event->isChecked());
    QVERIFY(!m_panel->findChild<QToolButton *>(QStringLiteral("kindToggle_presence"))->isChecked());
    QCOMPARE(m_panel->model()->rowCount(), 5);
}

void TestGuiLogPanel::kindToggleText_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("kinds");
    QTest::addColumn<bool>("shown");
    QTest::addColumn<QString>("expected");
    const QStringList stateTimer{QStringLiteral("state"), QStringLiteral("timer")};
    QTest::newRow("hide into empty") << QString() << stateTimer << false << QStringLiteral("-kind:state,timer");
    QTest::newRow("hide appends") << QStringLiteral("order  ") << stateTimer << false
                                  << QStringLiteral("order -kind:state,timer");
    QTest::newRow("hide only missing") << QStringLiteral("-kind:timer") << stateTimer << false
                                       << QStringLiteral("-kind:timer -kind:state");
    QTest::newRow("already hidden") << QStringLiteral("-KIND:timer,state x") << stateTimer << false
                                    << QStringLiteral("-KIND:timer,state x");
    QTest::newRow("show drops term") << QStringLiteral("a -kind:state,timer b") << stateTimer << true
                                     << QStringLiteral("a b");
    QTest::newRow("show drops last") << QStringLiteral("a -kind:timer,state") << stateTimer << true
                                     << QStringLiteral("a");
    QTest::newRow("show keeps others") << QStringLiteral("-kind:error,timer,rest") << stateTimer << true
                                       << QStringLiteral("-kind:error,rest");
    QTest::newRow("quoted left alone") << QStringLiteral("\"-kind:timer x\" -kind:timer") << stateTimer << true
                                       << QStringLiteral("\"-kind:timer x\"");
    // Positive kind: terms are edited too, so that the text says what the toggles show.
    QTest::newRow("show adds to positive")
        << QStringLiteral("kind:timer") << stateTimer << true << QStringLiteral("kind:timer,state");
    QTest::newRow("show adds to each positive")
        << QStringLiteral("x kind:event KIND:rest,event") << stateTimer << true
        << QStringLiteral("x kind:event,state,timer KIND:rest,event,state,timer");
    QTest::newRow("show and unhide") << QStringLiteral("kind:event -kind:timer") << stateTimer << true
                                     << QStringLiteral("kind:event,state,timer");
    QTest::newRow("show past a wildcard")
        << QStringLiteral("kind:st*") << stateTimer << true << QStringLiteral("kind:st*,timer");
    QTest::newRow("hide from positive") << QStringLiteral("kind:event,timer,rest") << stateTimer << false
                                        << QStringLiteral("kind:event,rest");
    QTest::newRow("hide the only kind") << QStringLiteral("kind:timer") << stateTimer << false
                                        << QStringLiteral("kind:timer -kind:timer");
    QTest::newRow("hide what gets through")
        << QStringLiteral("kind:st*") << stateTimer << false << QStringLiteral("kind:st* -kind:state");
}

void TestGuiLogPanel::kindToggleText()
{
    QFETCH(QString, text);
    QFETCH(QStringList, kinds);
    QFETCH(bool, shown);
    QFETCH(QString, expected);
    QCOMPARE(FilterBar::withKindsShown(text, kinds, shown), expected);
    QVERIFY(LogFilter::parse(expected).ok());
}

void TestGuiLogPanel::pauseKeepsRowsAndCountsPending()
{
    feed(sessionEntries());
    QTRY_COMPARE(m_panel->model()->rowCount(), 12);
    auto *pauseButton = m_panel->findChild<QToolButton *>(QStringLiteral("pauseButton"));
    QVERIFY(pauseButton);
    pauseButton->click();
    QVERIFY(m_panel->isPaused());
    QVERIFY(m_panel->model()->isPaused());
    feed(sessionEntries().mid(0, 5));
    QTRY_COMPARE(m_panel->model()->pendingCount(), qsizetype(5));
    QTRY_COMPARE(m_store->size(), qsizetype(17));
    // The view does not move: checked after the panel has shown the pending count and its
    // status (updates that come after the model took in the paused entries), not after a quiet time.
    QTRY_COMPARE(pauseButton->text(), QStringLiteral("Paused \u2014 5 new"));
    QTRY_COMPARE(m_panel->statusText(), QStringLiteral("12 shown of 17 (0 evicted)"));
    QCOMPARE(m_panel->model()->rowCount(), 12);

    pauseButton->click();  // resume: the pending rows come in one batch
    QVERIFY(!m_panel->isPaused());
    QTRY_COMPARE(m_panel->model()->rowCount(), 17);
    QCOMPARE(pauseButton->text(), QStringLiteral("Pause"));
}

void TestGuiLogPanel::clearEmpties()
{
    feed(sessionEntries());
    QTRY_COMPARE(m_panel->model()->rowCount(), 12);
    m_panel->view()->selectRow(3);
    QVERIFY(m_panel->details()->hasEntry());
    auto *clearButton = m_panel->findChild<QToolButton *>(QStringLiteral("clearButton"));
    QVERIFY(clearButton);
    clearButton->click();
    QCOMPARE(m_panel->model()->rowCount(), 0);
    QCOMPARE(m_store->size(), qsizetype(0));
    QVERIFY(!m_panel->details()->hasEntry());
    QCOMPARE(m_panel->details()->dataText(), QString());
    QTRY_COMPARE(m_panel->statusText(), QStringLiteral("0 shown of 0 (0 evicted)"));
    // Collection goes on after a clear.
    feed(sessionEntries().mid(0, 2));
    QTRY_COMPARE(m_panel->model()->rowCount(), 2);
}

void TestGuiLogPanel::logCapEvictsOldestAndSaysSo()
{
    const QList<LogEntry> session = sessionEntries();
    QList<LogEntry> entries;
    for (int i = 0; i < 3000; ++i)
        entries << session[i % session.size()];
    feed(entries);
    QTRY_COMPARE(m_panel->model()->rowCount(), 3000);
    const quint64 newest = m_store->seqAt(2999);
    QSignalSpy changed(m_panel, &LogPanel::logCapChanged);

    m_panel->setLogCap(1000);
    QCOMPARE(m_store->cap(), qsizetype(1000));
    QCOMPARE(m_store->size(), qsizetype(1000));
    QCOMPARE(m_store->seqAt(999), newest);  // the oldest went, the newest stayed
    QTRY_COMPARE(m_panel->model()->rowCount(), 1000);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.first().first().value<qsizetype>(), qsizetype(1000));
    const QLocale locale;
    const QString thousand = locale.toString(1000), twoThousand = locale.toString(2000);
    QVERIFY2(m_panel->lastMessage().contains(twoThousand + QStringLiteral(" older entries were dropped")),
             qPrintable(m_panel->lastMessage()));
    QTRY_COMPARE(m_panel->statusText(), QStringLiteral("%1 shown of %1 (%2 evicted)").arg(thousand, twoThousand));

    // Below the floor is clamped; the same cap again changes nothing.
    m_panel->setLogCap(10);
    QCOMPARE(m_store->cap(), qsizetype(LogPanel::kMinLogCap));
    QCOMPARE(changed.size(), 1);
    QVERIFY(m_panel->actions().contains(m_panel->logLimitAction()));
}

void TestGuiLogPanel::detailsShowDecodedData()
{
    feed(sessionEntries());
    QTRY_COMPARE(m_panel->model()->rowCount(), 12);
    const int row = rowOfEvent(m_panel->model(), QStringLiteral("order-updated"));
    QVERIFY(row >= 0);
    m_panel->view()->selectRow(row);
    DetailsPane *details = m_panel->details();
    QVERIFY(details->hasEntry());
    const QString expected = QStringLiteral(
        "{\n  \"id\": 42,\n  \"status\": \"shipped\",\n  \"paid\": true,\n  \"note\": null,\n  \"items\": [\n    1,\n    2\n  ]\n}");
    QCOMPARE(details->dataText(), expected);
    QCOMPARE(m_panel->findChild<QPlainTextEdit *>(QStringLiteral("detailsData"))->toPlainText(), expected);
    QVERIFY(details->dataNote().contains(QStringLiteral("JSON string")));
    QCOMPARE(details->rawText(), QString::fromUtf8(kOrderFrame));  // the exact bytes
    QCOMPARE(m_panel->findChild<QPlainTextEdit *>(QStringLiteral("detailsRaw"))->toPlainText(),
             QString::fromUtf8(kOrderFrame));
    details->setRawPretty(true);
    QVERIFY(details->rawText().startsWith(
        QStringLiteral("{\n  \"event\": \"order-updated\",\n  \"channel\": \"private-orders\",")));
    details->setRawPretty(false);
    QCOMPARE(details->rawText(), QString::fromUtf8(kOrderFrame));

    QVERIFY(m_panel->findChild<QWidget *>(QStringLiteral("detailsMeta")));
    QCOMPARE(details->metadataValue(QStringLiteral("socket")), QStringLiteral("123.456"));
    QCOMPARE(details->metadataValue(QStringLiteral("direction")), QStringLiteral("in"));
    QCOMPARE(details->metadataValue(QStringLiteral("kind")), QStringLiteral("event"));
    QCOMPARE(details->metadataValue(QStringLiteral("channel")), QStringLiteral("private-orders"));
    QCOMPARE(details->metadataValue(QStringLiteral("bytes")), QStringLiteral("%1 B").arg(kOrderFrame.size()));
    QVERIFY(details->metadataValue(QStringLiteral("time")).contains(QStringLiteral(".")));  // ms
    QVERIFY(details->metadataValue(QStringLiteral("time")).contains(QStringLiteral("2024-11-27T16:48:36.")));

    // Data sent as an object keeps its member order; a plain string is shown as is.
    const int err = rowOfEvent(m_panel->model(), QStringLiteral("pusher:error"));
    m_panel->view()->selectRow(err);
    QCOMPARE(details->dataText(),
             QStringLiteral("{\n  \"code\": 4201,\n  \"message\": \"Pong reply not received\"\n}"));
    m_panel->view()->selectRow(rowOfEvent(m_panel->model(), QStringLiteral("headline")));
    QCOMPARE(details->dataText(), QStringLiteral("Markets are up"));
    QVERIFY(!details->dataHighlighter()->isActive());

    // The selected entry stays selected across a filter that keeps it.
    m_panel->view()->selectRow(row);
    m_panel->setFilterText(QStringLiteral("event:order-*"));
    QCOMPARE(m_panel->model()->rowCount(), 1);
    QCOMPARE(m_panel->view()->currentIndex().row(), 0);
    QCOMPARE(details->entry()->event, QStringLiteral("order-updated"));
}

void TestGuiLogPanel::detailsShowLocalEntry()
{
    feed(sessionEntries());
    QTRY_COMPARE(m_panel->model()->rowCount(), 12);
    m_panel->view()->selectRow(2);  // the timer entry
    DetailsPane *details = m_panel->details();
    QCOMPARE(details->entry()->kind, EntryKind::Timer);
    const QJsonObject shown = QJsonDocument::fromJson(details->dataText().toUtf8()).object();
    QCOMPARE(shown.value(QStringLiteral("activity_timeout_ms")).toInt(), 120000);
    QVERIFY(details->dataText().contains(QStringLiteral("\n  \"")));  // 2-space indent
    QCOMPARE(details->dataNote(), QStringLiteral("activity timeout 120 s; pong timeout 30 s"));
    QCOMPARE(details->metadataValue(QStringLiteral("direction")), QStringLiteral("local"));
    QCOMPARE(details->metadataValue(QStringLiteral("message")),
             QStringLiteral("activity timeout 120 s; pong timeout 30 s"));
}

void TestGuiLogPanel::detailsJsonColours()
{
    DetailsPane pane;
    LogEntry e = frameEntry(Direction::In, EntryKind::Event, QStringLiteral("private-orders"),
                            QStringLiteral("order-updated"), kOrderFrame);
    e.seq = 7;
    pane.showEntry(e);
    QTextDocument *doc = pane.dataView()->document();
    JsonHighlighter *hl = pane.dataHighlighter();
    // Line 1 is `  "id": 42,`: the key and the number have their own colours.
    const QList<QTextLayout::FormatRange> formats = doc->findBlockByNumber(1).layout()->formats();
    QColor keyColor, numberColor;
    for (const auto &range : formats) {
        if (range.start == 2)
            keyColor = range.format.foreground().color();
        if (range.start == 8)
            numberColor = range.format.foreground().color();
    }
    QCOMPARE(keyColor, hl->color(JsonHighlighter::Token::Key));
    QCOMPARE(numberColor, hl->color(JsonHighlighter::Token::Number));
    QVERIFY(hl->color(JsonHighlighter::Token::Key) != hl->color(JsonHighlighter::Token::String));
    QVERIFY(hl->color(JsonHighlighter::Token::Number) != hl->color(JsonHighlighter::Token::Keyword));

    QCOMPARE(reindentJson(u"[ ]").value(), QStringLiteral("[]"));
    QCOMPARE(reindentJson(u"{\"a\":{},\"b\":\"x,\\\"y\"}").value(),
             QStringLiteral("{\n  \"a\": {},\n  \"b\": \"x,\\\"y\"\n}"));
    QVERIFY(!reindentJson(u"{\"a\":").has_value());
    QCOMPARE(jsonMemberText(u"{\"event\":\"e\",\"data\":{\"z\":1,\"a\":[2]},\"x\":1}", u"data")->toString(),
             QStringLiteral("{\"z\":1,\"a\":[2]}"));
}

void TestGuiLogPanel::exportVisible()
{
    feed(sessionEntries());
    QTRY_COMPARE(m_panel->model()->rowCount(), 12);
    m_panel->setFilterText(QStringLiteral("channel:private-orders"));
    const int visible = m_panel->model()->rowCount();
    QCOMPARE(visible, 4);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());

    const QString ndjson = dir.filePath(QStringLiteral("visible.ndjson"));
    const Result<qsizetype> written = m_panel->exportVisible(ndjson, ExportFormat::Ndjson);
    QVERIFY2(written.ok(), written.ok() ? "" : qPrintable(written.error().message));
    QCOMPARE(*written, qsizetype(visible));
    QFile file(ndjson);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = file.readAll().trimmed().split('\n');
    QCOMPARE(lines.size(), visible);
    for (int row = 0; row < visible; ++row) {
        const QJsonObject object = QJsonDocument::fromJson(lines[row]).object();
        QCOMPARE(quint64(object.value(QStringLiteral("seq")).toInteger()), m_panel->model()->seqAt(row));
        QCOMPARE(object.value(QStringLiteral("channel")).toString(), QStringLiteral("private-orders"));
    }

    const QString json = dir.filePath(QStringLiteral("visible.json"));
    QVERIFY(m_panel->exportVisible(json, ExportFormat::JsonArray).ok());
    QFile jsonFile(json);
    QVERIFY(jsonFile.open(QIODevice::ReadOnly));
    QCOMPARE(QJsonDocument::fromJson(jsonFile.readAll()).array().size(), visible);

    // A failure is a value (no dialog).
    const Result<qsizetype> failed =
        m_panel->exportVisible(dir.filePath(QStringLiteral("missing/dir/x.ndjson")), ExportFormat::Ndjson);
    QVERIFY(!failed.ok());
    QVERIFY(!failed.error().message.isEmpty());
}

void TestGuiLogPanel::exportInTheBackground()
{
    // What the Export button does: the rows are written by a background job, the message line
    // counts, the button becomes Cancel export, and the outcome is one line.
    const QList<LogEntry> session = sessionEntries();
    QList<LogEntry> entries;
    for (int i = 0; i < 30000; ++i)
        entries << session[i % session.size()];
    feed(entries);
    QTRY_COMPARE(m_panel->model()->rowCount(), 30000);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("all.ndjson"));
    std::vector<Result<qsizetype>> outcomes;
    connect(m_panel, &LogPanel::exportFinished, m_panel,
            [&outcomes](const Result<qsizetype> &r) { outcomes.push_back(r); });

    m_panel->startExport(path, ExportFormat::Ndjson);
    QVERIFY(m_panel->isExporting());
    QCOMPARE(m_panel->exportAction()->text(), QStringLiteral("Cancel export"));
    QTRY_COMPARE_WITH_TIMEOUT(outcomes.size(), std::size_t(1), 20000);
    QVERIFY(outcomes.front().ok());
    QCOMPARE(*outcomes.front(), qsizetype(30000));
    QVERIFY2(m_panel->lastMessage().startsWith(QStringLiteral("Exported ")), qPrintable(m_panel->lastMessage()));
    QCOMPARE(m_panel->exportAction()->text(), QStringLiteral("Export visible…"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll().count('\n'), 30000);

    // The same button cancels: no file, and the message says so.
    const QString cancelled = dir.filePath(QStringLiteral("cancelled.ndjson"));
    m_panel->startExport(cancelled, ExportFormat::Ndjson);
    m_panel->exportAction()->trigger();
    QTRY_COMPARE(outcomes.size(), std::size_t(2));
    QVERIFY(!outcomes.back().ok());
    QVERIFY2(m_panel->lastMessage().contains(QStringLiteral("cancelled")), qPrintable(m_panel->lastMessage()));
    QVERIFY(!QFile::exists(cancelled));
    QVERIFY(!m_panel->isExporting());
}

void TestGuiLogPanel::copyRowAndPayload()
{
    feed(sessionEntries());
    QTRY_COMPARE(m_panel->model()->rowCount(), 12);
    QVERIFY(!m_panel->copyRowAction()->isEnabled());  // nothing selected yet
    const int row = rowOfEvent(m_panel->model(), QStringLiteral("order-updated"));
    m_panel->view()->selectRow(row);
    QVERIFY(m_panel->copyRowAction()->isEnabled());
    QVERIFY(m_panel->copyPayloadAction()->isEnabled());
    m_panel->copyRowAction()->trigger();
    const QJsonObject copied = QJsonDocument::fromJson(QGuiApplication::clipboard()->text().toUtf8()).object();
    QCOMPARE(quint64(copied.value(QStringLiteral("seq")).toInteger()), m_panel->model()->seqAt(row));
    QCOMPARE(copied.value(QStringLiteral("event")).toString(), QStringLiteral("order-updated"));
    m_panel->copyPayloadAction()->trigger();
    QCOMPARE(QGuiApplication::clipboard()->text(),
             QStringLiteral("{\"id\":42,\"status\":\"shipped\",\"paid\":true,\"note\":null,\"items\":[1,2]}"));

    // Several rows: JSON lines in order.
    m_panel->view()->selectionModel()->select(QItemSelection(m_panel->view()->model()->index(1, 0),
                                                             m_panel->view()->model()->index(3, 0)),
                                              QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_panel->copySelectedRows();
    QCOMPARE(QGuiApplication::clipboard()->text().split(QLatin1Char('\n')).size(), 3);
}

void TestGuiLogPanel::followNewest()
{
    m_panel->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_panel));
    auto *follow = m_panel->findChild<QToolButton *>(QStringLiteral("followButton"));
    QVERIFY(follow && follow->isChecked());
    for (int i = 0; i < 20; ++i)
        feed(sessionEntries());
    QTRY_COMPARE(m_panel->model()->rowCount(), 240);
    QScrollBar *bar = m_panel->view()->verticalScrollBar();
    QTRY_VERIFY(bar->maximum() > 0);
    QTRY_COMPARE(bar->value(), bar->maximum());
    const QModelIndex last = m_panel->view()->model()->index(239, 0);
    QVERIFY(m_panel->view()->viewport()->rect().intersects(m_panel->view()->visualRect(last)));

    // The user scrolls up: following stops, and the button says so. New rows do not move the
    // view (following would scroll as the rows are inserted; the view has laid them out once the
    // scroll range grew).
    bar->setValue(10);
    QVERIFY(!m_panel->isFollowing());
    QVERIFY(!follow->isChecked());
    QVERIFY(follow->toolTip().contains(QStringLiteral("scrolled up")));
    const int max240 = bar->maximum();
    feed(sessionEntries());
    QTRY_COMPARE(m_panel->model()->rowCount(), 252);
    QTRY_COMPARE(bar->maximum(), max240 + 12);  // scrolling is per item
    QCOMPARE(bar->value(), 10);
    // Back at the bottom: following again, checked again.
    bar->setValue(bar->maximum());
    QVERIFY(m_panel->isFollowing());
    QVERIFY(!follow->toolTip().contains(QStringLiteral("scrolled up")));
    feed(sessionEntries());
    QTRY_COMPARE(m_panel->model()->rowCount(), 264);
    QTRY_COMPARE(bar->value(), bar->maximum());

    // Scrolled up while old rows are evicted: the rows being read stay in place.
    const int max264 = bar->maximum();
    bar->setValue(100);
    QVERIFY(!m_panel->isFollowing());
    const quint64 topSeq = m_panel->model()->seqAt(m_panel->view()->rowAt(0));
    m_store->setCap(m_store->size() - 12);
    QTRY_COMPARE(m_panel->model()->rowCount(), 252);
    QCOMPARE(bar->value(), 88);
    QCOMPARE(m_panel->model()->seqAt(m_panel->view()->rowAt(0)), topSeq);
    m_store->setCap(LogStore::kDefaultCap);
    QTRY_COMPARE(bar->maximum(), max264 - 12);  // the view has laid out the removal
    bar->setValue(bar->maximum());
    QVERIFY(m_panel->isFollowing());

    // Follow off by a click: nothing moves, and reaching the bottom does not turn it back on.
    follow->click();
    QVERIFY(!m_panel->isFollowing());
    bar->setValue(bar->maximum() - 5);
    bar->setValue(bar->maximum());
    QVERIFY(!m_panel->isFollowing());
    bar->setValue(bar->maximum() - 5);
    const int before = bar->value();
    const int max252 = bar->maximum();
    feed(sessionEntries());
    QTRY_COMPARE(m_panel->model()->rowCount(), 264);
    QTRY_COMPARE(bar->maximum(), max252 + 12);  // laid out: a follow would have scrolled by now
    QCOMPARE(bar->value(), before);
    QVERIFY(bar->value() < bar->maximum());
    follow->click();  // on again: jumps to the newest
    QCOMPARE(bar->value(), bar->maximum());
}

void TestGuiLogPanel::followNewestAfterSelectAndFilter()
{
    // The user's report: select a row, change the filter, and Follow newest stays checked while
    // new events arrive out of sight. Following wins over the selection; the checkbox never lies.
    m_panel->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_panel));
    for (int i = 0; i < 20; ++i)
        feed(sessionEntries());
    QTRY_COMPARE(m_panel->model()->rowCount(), 240);
    QScrollBar *bar = m_panel->view()->verticalScrollBar();
    QTRY_COMPARE(bar->value(), bar->maximum());
    QVERIFY(m_panel->isFollowing());

    // A click on a visible row near the bottom: it is selected and shown, following goes on.
    QTableView *view = m_panel->view();
    const int clicked = view->rowAt(view->viewport()->height() / 2);
    QVERIFY(clicked > 0);
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {},
                      view->visualRect(view->model()->index(clicked, 4)).center());
    QCOMPARE(view->currentIndex().row(), clicked);
    const quint64 selectedSeq = m_panel->model()->seqAt(clicked);
    QCOMPARE(m_panel->details()->entry()->seq, selectedSeq);
    QVERIFY(m_panel->isFollowing());

    // A filter typed into the bar that keeps the selected row: it stays selected, the view stays
    // at the newest.
    const QString selectedKind = entryKindName(m_panel->model()->entryAt(clicked).kind);
    QStringList others{QStringLiteral("presence"), QStringLiteral("error"), QStringLiteral("rest")};
    others.removeAll(selectedKind);
    QLineEdit *edit = m_panel->filterBar()->lineEdit();
    edit->setFocus();
    QTest::keyClicks(edit, QStringLiteral("-kind:") + others[0]);
    QTest::keyClick(edit, Qt::Key_Return);
    QTRY_VERIFY(m_panel->model()->rowCount() < 240);
    QVERIFY(m_panel->isFollowing());
    QCOMPARE(m_panel->details()->entry()->seq, selectedSeq);
    QTRY_COMPARE(bar->value(), bar->maximum());

    for (int round = 0; round < 3; ++round) {
        const int rowsBefore = m_panel->model()->rowCount();
        feed(sessionEntries());
        QTRY_VERIFY(m_panel->model()->rowCount() > rowsBefore);
        const QModelIndex newest = view->model()->index(view->model()->rowCount() - 1, 0);
        QTRY_VERIFY(view->viewport()->rect().contains(view->visualRect(newest)));
        QVERIFY(m_panel->isFollowing());
        QVERIFY(m_panel->findChild<QToolButton *>(QStringLiteral("followButton"))->isChecked());
    }
    QCOMPARE(m_panel->details()->entry()->seq, selectedSeq);  // still what the user looks at
    QCOMPARE(m_panel->model()->seqAt(view->currentIndex().row()), selectedSeq);

    // Not following: a filter change brings the selected row into view instead.
    bar->setValue(0);
    QVERIFY(!m_panel->isFollowing());
    m_panel->setFilterText(QStringLiteral("-kind:") + others[1]);
    const QModelIndex current = view->currentIndex();
    QCOMPARE(m_panel->model()->seqAt(current.row()), selectedSeq);
    QVERIFY(view->viewport()->rect().intersects(view->visualRect(current)));
    QVERIFY(!m_panel->isFollowing());
}

void TestGuiLogPanel::kindTogglesFollowTheText()
{
    feed(sessionEntries());
    QTRY_COMPARE(m_panel->model()->rowCount(), 12);
    FilterBar *bar = m_panel->filterBar();
    QLineEdit *edit = bar->lineEdit();
    auto toggle = [this](const char *id) {
        return m_panel->findChild<QToolButton *>(QStringLiteral("kindToggle_") + QLatin1String(id));
    };
    auto checkedIds = [&] {
        QStringList ids;
        for (const QString &id : FilterBar::kindGroupIds()) {
            if (bar->kindToggle(id)->isChecked())
                ids << id;
        }
        return ids;
    };
    QCOMPARE(checkedIds(), FilterBar::kindGroupIds());

    // Typing kind:event leaves only the event toggle on, as the user types (before the filter applies).
    edit->setFocus();
    QTest::keyClicks(edit, QStringLiteral("kind:event"));
    QCOMPARE(checkedIds(), QStringList{QStringLiteral("event")});
    QTest::keyClick(edit, Qt::Key_Return);
    QCOMPARE(m_panel->model()->rowCount(), 2);

    // A toggle edits the text: rest on adds it to the kind: term.
    toggle("rest")->click();
    QCOMPARE(bar->text(), QStringLiteral("kind:event,rest"));
    QCOMPARE(checkedIds(), (QStringList{QStringLiteral("event"), QStringLiteral("rest")}));
    QCOMPARE(m_panel->model()->rowCount(), 3);
    toggle("event")->click();
    QCOMPARE(bar->text(), QStringLiteral("kind:rest"));
    QCOMPARE(checkedIds(), QStringList{QStringLiteral("rest")});
    QCOMPARE(m_panel->model()->rowCount(), 1);

    // Wildcards, several terms and -kind: terms: the toggles show what the parser lets through.
    m_panel->setFilterText(QStringLiteral("kind:s* -kind:state"));  // subscription and signin
    QCOMPARE(checkedIds(), (QStringList{QStringLiteral("subscription"), QStringLiteral("auth")}));
    m_panel->setFilterText(QStringLiteral("kind:event kind:rest"));
    QVERIFY(checkedIds().isEmpty());
    QCOMPARE(m_panel->model()->rowCount(), 0);

    // While the text does not parse, the toggles keep showing the filter in force.
    edit->clear();
    QTest::keyClicks(edit, QStringLiteral("kind:evnt"));
    QVERIFY(!LogFilter::parse(edit->text()).ok());
    QVERIFY(checkedIds().isEmpty());
    m_panel->setFilterText(QString());
    QCOMPARE(checkedIds(), FilterBar::kindGroupIds());
}

void TestGuiLogPanel::foldedKeepalives()
{
    QVERIFY(m_panel->foldsKeepalives());  // on by default
    QVERIFY(m_panel->model()->isFolding());
    m_panel->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_panel));
    QList<LogEntry> entries = sessionEntries();
    for (int i = 0; i < 4; ++i)
        entries << cs::test::keepaliveExchange(true);
    feed(entries);
    QTRY_COMPARE(m_panel->model()->rowCount(), 13);
    QTableView *view = m_panel->view();
    QAbstractItemModel *shown = view->model();
    const QModelIndex folded = shown->index(12, int(LogColumn::Summary));
    QVERIFY(shown->data(folded).toString().startsWith(QStringLiteral("Keepalive \u00d712 (last ")));
    QCOMPARE(shown->data(folded, Qt::FontRole).value<QFont>().italic(), true);
    QTRY_COMPARE(m_panel->statusText(), QStringLiteral("24 shown of 24 (0 evicted) \u00b7 11 keepalives folded"));
    // More pings: the same row counts on, and stays in view.
    feed(cs::test::keepaliveExchange(false));
    QTRY_VERIFY(shown->data(folded).toString().startsWith(QStringLiteral("Keepalive \u00d714 ")));
    QCOMPARE(m_panel->model()->rowCount(), 13);

    // Selecting it shows its newest entry; copying it copies all its entries.
    view->setFocus();
    view->selectRow(12);
    QCOMPARE(m_panel->details()->entry()->event, QStringLiteral("pusher:pong"));
    m_panel->copySelectedRows();
    QCOMPARE(QGuiApplication::clipboard()->text().split(QLatin1Char('\n')).size(), 14);

    // An export writes every entry.
    QTemporaryDir dir;
    const Result<qsizetype> written =
        m_panel->exportVisible(dir.filePath(QStringLiteral("all.ndjson")), ExportFormat::Ndjson);
    QVERIFY(written.ok());
    QCOMPARE(*written, qsizetype(26));

    // Enter expands it.
    QTest::keyClick(view, Qt::Key_Return);
    QCOMPARE(m_panel->model()->rowCount(), 26);
    QVERIFY(!m_panel->model()->isFoldedRow(12));
    QCOMPARE(shown->data(shown->index(12, int(LogColumn::Kind))).toString(), QStringLiteral("timer"));

    // New pings start a new folded row; a double click expands that one.
    feed(cs::test::keepaliveExchange(true));
    QTRY_COMPARE(m_panel->model()->rowCount(), 27);
    feed(cs::test::keepaliveExchange(true));
    QTRY_COMPARE(m_panel->model()->entryCountAt(26), 6);
    const QRect rect = view->visualRect(shown->index(26, int(LogColumn::Summary)));
    QVERIFY(view->viewport()->rect().intersects(rect));  // following: the newest row is in view
    // Through the window, as the platform delivers it: press, release, press and double click.
    QTest::mouseDClick(m_panel->windowHandle(), Qt::LeftButton, {},
                       view->viewport()->mapTo(m_panel->window(), rect.center()));
    QCOMPARE(m_panel->model()->rowCount(), 32);

    // The toggle: off shows every entry as a row, on folds again; the panel reports the choice.
    QSignalSpy changed(m_panel, &LogPanel::foldKeepalivesChanged);
    m_panel->foldKeepalivesAction()->trigger();
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.at(0).at(0).toBool(), false);
    QCOMPARE(m_panel->model()->rowCount(), 32);
    m_panel->foldKeepalivesAction()->trigger();
    QCOMPARE(m_panel->model()->rowCount(), 13);
    // A filter that asks for them shows them one by one.
    m_panel->setFilterText(QStringLiteral("kind:connection"));
    QCOMPARE(m_panel->model()->rowCount(), 1 + 2 * 7);
    QVERIFY(!m_panel->model()->isFolding());
    QVERIFY(m_panel->foldsKeepalives());
}

void TestGuiLogPanel::emptyState()
{
    m_panel->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_panel));
    LogEmptyState *empty = m_panel->emptyState();
    QVERIFY(empty);
    // Before anything is logged: what to do, centred over the empty table.
    QCOMPARE(empty->reason(), LogEmptyState::Reason::NothingLogged);
    QVERIFY(empty->isVisible());
    QVERIFY(empty->text().contains(QStringLiteral("Ctrl+K")));
    const QRect area = m_panel->view()->viewport()->rect();
    QVERIFY(area.contains(empty->geometry()));
    QVERIFY(qAbs(empty->geometry().center().x() - area.center().x()) <= 1);
    QVERIFY(qAbs(empty->geometry().center().y() - area.center().y()) <= 1);

    // The first entry hides it.
    feed(sessionEntries().mid(0, 1));
    QTRY_VERIFY(!empty->isVisible());
    QCOMPARE(empty->reason(), LogEmptyState::Reason::None);

    // A filter that hides everything: said so, with a link that clears the filter.
    feed(sessionEntries().mid(1));
    QTRY_COMPARE(m_panel->model()->rowCount(), 12);
    m_panel->setFilterText(QStringLiteral("channel:nowhere"));
    QCOMPARE(m_panel->model()->rowCount(), 0);
    QTRY_VERIFY(empty->isVisible());
    QCOMPARE(empty->reason(), LogEmptyState::Reason::FilterHidesAll);
    QVERIFY(empty->text().contains(QStringLiteral("No entries match the filter")));
    QVERIFY(empty->actionButton()->isVisible());
    empty->actionButton()->click();
    QCOMPARE(m_panel->filterText(), QString());
    QCOMPARE(m_panel->model()->rowCount(), 12);
    QVERIFY(!empty->isVisible());

    // Cleared: nothing logged again. Paused before anything came: how many wait, and a Resume link.
    m_panel->clearLog();
    QTRY_COMPARE(empty->reason(), LogEmptyState::Reason::NothingLogged);
    m_panel->setPaused(true);
    feed(sessionEntries().mid(0, 3));
    QTRY_COMPARE(empty->reason(), LogEmptyState::Reason::Paused);
    QVERIFY(empty->text().contains(QStringLiteral("3 new entries")));
    empty->actionButton()->click();
    QVERIFY(!m_panel->isPaused());
    QTRY_COMPARE(m_panel->model()->rowCount(), 3);
    QVERIFY(!empty->isVisible());
}

void TestGuiLogPanel::toolbarIsOneRow()
{
    // The log dock of the first-start window at 1280x800 is about 460 px wide: the toolbar stays
    // one row (what does not fit goes behind its extension button), the toggles stay in view.
    auto *toolbar = m_panel->findChild<QToolBar *>(QStringLiteral("logToolbar"));
    QVERIFY(toolbar);
    auto *pause = m_panel->findChild<QToolButton *>(QStringLiteral("pauseButton"));
    m_panel->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_panel));
    for (const int width : {1100, 460, 320}) {
        m_panel->resize(width, 720);
        QTRY_COMPARE(m_panel->width(), width);
        QTRY_VERIFY2(toolbar->height() < 2 * pause->height(), qPrintable(QString::number(width)));
        QVERIFY(toolbar->geometry().right() <= m_panel->width());
        QVERIFY(pause->isVisible());
        if (width >= 460) {
            for (const char *name : {"followButton", "foldKeepalivesButton"})
                QVERIFY2(m_panel->findChild<QToolButton *>(QLatin1String(name))->isVisible(), name);
        }
    }
}

void TestGuiLogPanel::actionsAndShortcuts()
{
    const QList<QAction *> actions = m_panel->actions();
    QCOMPARE(actions.size(), 9);
    QVERIFY(actions.contains(m_panel->foldKeepalivesAction()));
    QCOMPARE(m_panel->focusFilterAction()->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_F));
    QCOMPARE(m_panel->clearAction()->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_L));
    QCOMPARE(m_panel->pauseAction()->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_P));
    QCOMPARE(m_panel->copyRowAction()->shortcut(), QKeySequence(QKeySequence::Copy));
    QCOMPARE(m_panel->copyRowAction()->shortcutContext(), Qt::WidgetWithChildrenShortcut);
    QVERIFY(m_panel->view()->actions().contains(m_panel->copyRowAction()));
    for (QAction *action : actions) {
        QVERIFY(!action->text().isEmpty());
        QVERIFY(!action->toolTip().isEmpty());
    }

    feed(sessionEntries());
    QTRY_COMPARE(m_panel->model()->rowCount(), 12);
    m_panel->show();
    QApplication::setActiveWindow(m_panel);
    QVERIFY(QTest::qWaitForWindowActive(m_panel));

    // Ctrl+F focuses the filter, Ctrl+P pauses, Ctrl+C in the table copies the row, Ctrl+L clears.
    m_panel->view()->setFocus();
    QTest::keyClick(m_panel->view(), Qt::Key_F, Qt::ControlModifier);
    QTRY_COMPARE(QApplication::focusWidget(), m_panel->filterBar()->lineEdit());
    QTest::keyClick(m_panel->filterBar()->lineEdit(), Qt::Key_P, Qt::ControlModifier);
    QVERIFY(m_panel->isPaused());
    QTest::keyClick(m_panel->filterBar()->lineEdit(), Qt::Key_P, Qt::ControlModifier);
    QVERIFY(!m_panel->isPaused());

    m_panel->view()->setFocus();
    m_panel->view()->selectRow(6);
    QGuiApplication::clipboard()->clear();
    QTest::keyClick(m_panel->view(), Qt::Key_C, Qt::ControlModifier);
    QCOMPARE(QJsonDocument::fromJson(QGuiApplication::clipboard()->text().toUtf8())
                 .object()
                 .value(QStringLiteral("event"))
                 .toString(),
             QStringLiteral("order-updated"));

    QTest::keyClick(m_panel->view(), Qt::Key_L, Qt::ControlModifier);
    QCOMPARE(m_panel->model()->rowCount(), 0);
}

void TestGuiLogPanel::tooltipsEverywhere()
{
    const QStringList names{QStringLiteral("logTable"),       QStringLiteral("logFilter"),
                            QStringLiteral("pauseButton"),    QStringLiteral("clearButton"),
                            QStringLiteral("followButton"),   QStringLiteral("exportButton"),
                            QStringLiteral("copyRowButton"),  QStringLiteral("copyPayloadButton"),
                            QStringLiteral("detailsData"),    QStringLiteral("detailsRaw"),
                            QStringLiteral("detailsMeta"),    QStringLiteral("statusLabel"),
                            QStringLiteral("filterStatus"),   QStringLiteral("rawPrettyToggle"),
                            QStringLiteral("copyDataButton"), QStringLiteral("copyRawButton"),
                            QStringLiteral("copyMetaButton")};
    for (const QString &name : names) {
        auto *w = m_panel->findChild<QWidget *>(name);
        QVERIFY2(w, qPrintable(name));
        QVERIFY2(!w->toolTip().isEmpty(), qPrintable(name));
    }
    for (const QString &id : FilterBar::kindGroupIds()) {
        QToolButton *toggle = m_panel->filterBar()->kindToggle(id);
        QVERIFY(toggle);
        QVERIFY(!toggle->toolTip().isEmpty());
        QCOMPARE(toggle->objectName(), QStringLiteral("kindToggle_") + id);
    }
}

void TestGuiLogPanel::manyRows()
{
    // 200 000 rows (a fifth of the cap) in one batch: the insert, a filter and a repaint stay quick.
    // The model tester walks every row on a reset; it is for correctness, not for this.
    delete m_tester;
    m_tester = nullptr;
    const QList<LogEntry> session = sessionEntries();
    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i < 200000; ++i) {
        LogEntry e = session[i % session.size()];
        e.timeMs = kBaseTime + i;
        m_store->append(std::move(e));
    }
    const qint64 appendMs = timer.restart();
    m_store->flush();
    const qint64 flushMs = timer.restart();
    m_panel->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_panel));
    QTRY_COMPARE_WITH_TIMEOUT(m_panel->model()->rowCount(), 200000, 20000);
    const qint64 insertMs = timer.restart();
    QTRY_COMPARE(m_panel->view()->verticalScrollBar()->value(), m_panel->view()->verticalScrollBar()->maximum());
    m_panel->grab();
    const qint64 paintMs = timer.restart();
    m_panel->setFilterText(QStringLiteral("channel:private-* -kind:client-event"));
    const qint64 filterMs = timer.restart();
    // Per 12 entries, 3 are on private-orders and not client events (rows 4, 5, 6); 200000 % 12 == 8.
    QCOMPARE(m_panel->model()->rowCount(), 200000 / 12 * 3 + 3);
    m_panel->view()->selectRow(m_panel->model()->rowCount() - 1);
    m_panel->grab();
    const qint64 selectMs = timer.restart();
    qInfo("200k rows: append %lld ms, store flush %lld ms, show+insert %lld ms, paint %lld ms, filter %lld ms, "
          "select+paint %lld ms",
          appendMs, flushMs, insertMs, paintMs, filterMs, selectMs);
    QVERIFY(paintMs < 2000);
    QVERIFY(selectMs < 2000);
}

void TestGuiLogPanel::screenshot()
{
    feed(sessionEntries());
    QTRY_COMPARE(m_panel->model()->rowCount(), 12);
    m_panel->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_panel));
    m_panel->view()->selectRow(rowOfEvent(m_panel->model(), QStringLiteral("order-updated")));
    m_panel->filterBar()->lineEdit()->setText(QStringLiteral("-kind:timer chanel:x"));
    m_panel->filterBar()->applyNow();
    // Laid out: the filter's error is shown and the selected row is in view.
    QVERIFY(!m_panel->filterBar()->isValid());
    QTRY_VERIFY(m_panel->findChild<QLabel *>(QStringLiteral("filterError"))->isVisible());
    QTRY_VERIFY(
        m_panel->view()->viewport()->rect().intersects(m_panel->view()->visualRect(m_panel->view()->currentIndex())));
    const QImage image = m_panel->grab().toImage();
    QVERIFY(!image.isNull());
    QVERIFY(image.save(QStringLiteral("/tmp/logpanel.png")));

    // The details tabs and a dark palette, for a look too.
    m_panel->setFilterText(QString());
    m_panel->details()->tabs()->setCurrentIndex(2);
    QPalette dark;
    dark.setColor(QPalette::Window, QColor(0x2b, 0x2b, 0x2b));
    dark.setColor(QPalette::WindowText, QColor(0xe0, 0xe0, 0xe0));
    dark.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
    dark.setColor(QPalette::AlternateBase, QColor(0x26, 0x26, 0x26));
    dark.setColor(QPalette::Text, QColor(0xe0, 0xe0, 0xe0));
    dark.setColor(QPalette::Button, QColor(0x33, 0x33, 0x33));
    dark.setColor(QPalette::ButtonText, QColor(0xe0, 0xe0, 0xe0));
    dark.setColor(QPalette::Highlight, QColor(0x2f, 0x65, 0xca));
    dark.setColor(QPalette::HighlightedText, Qt::white);
    m_panel->setPalette(dark);
    QVERIFY(m_panel->styleProxy()->isDark());
    QVERIFY(m_panel->details()->dataHighlighter()->color(JsonHighlighter::Token::Key).lightness() > 128);
    QTRY_VERIFY(m_panel->details()->tabs()->currentWidget()->isVisible());
    QVERIFY(m_panel->grab().toImage().save(QStringLiteral("/tmp/logpanel-dark.png")));
}

QTEST_MAIN(TestGuiLogPanel)
#include "tst_gui_logpanel.moc"
