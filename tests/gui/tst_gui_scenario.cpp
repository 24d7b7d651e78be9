// The Scenario dock as a user drives it, in the real main window against a real soketi: open a
// scenario file, press Run, watch the steps pass one by one; a failing step turns red with its
// message, the rest are skipped, and double-clicking it selects its entries in the event log
// (entries of the scenario's clients, within the step's seq range). A broken file is refused with
// the file and the member in the panel.

#include "logmodel.h"
#include "logpanel.h"
#include "mainwindow.h"
#include "profile.h"
#include "scenariopanel.h"
#include "secretstore.h"
#include "soketi.h"
#include "widgetlookup.h"

#include <QFile>
#include <QItemSelectionModel>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QtTest>

using namespace cs;
using namespace cs::ui;

namespace {
constexpr int kWait = 20000;

const QByteArray kScenario =
    R"({"name": "gui", "clients": [{"name": "alice", "user_id": "1"}, {"name": "bob", "user_id": "2"}],
  "steps": [
    {"step": "connect"},
    {"step": "subscribe", "client": "alice", "channel": "presence-gui"},
    {"step": "subscribe", "client": "bob", "channel": "presence-gui"},
    {"step": "expect_roster", "client": "alice", "channel": "presence-gui", "members": ["1", "2"]},
    {"step": "trigger", "channel": "presence-gui", "event": "hello", "data": {"n": 1}},
    {"step": "expect_event", "client": "bob", "channel": "presence-gui", "event": "hello", "contains": {"n": 1}},
    {"step": "subscribe", "client": "bob", "channel": "private-gui", "fails_with": "refused"},
    {"step": "wait", "seconds": 0.1}
  ]})";
}  // namespace

class TestGuiScenario : public QObject {
    Q_OBJECT

    test::SoketiServer m_soketi;
    QTemporaryDir m_dir;
    std::unique_ptr<QSettings> m_settings;
    std::unique_ptr<MemorySecretStore> m_keychain;
    std::unique_ptr<MainWindow> m_window;

    QString write(const QString &name, const QByteArray &text)
    {
        QFile f(m_dir.filePath(name));
        if (!f.open(QIODevice::WriteOnly))
            return {};
        f.write(text);
        return f.fileName();
    }

    void openWindowWithProfile()
    {
        m_settings = std::make_unique<QSettings>(m_dir.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat);
        m_keychain = std::make_unique<MemorySecretStore>();
        m_window = std::make_unique<MainWindow>(MainWindowOptions{m_settings.get(), m_keychain.get()});
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        Profile profile = Profile::create(QStringLiteral("scenario soketi"), ServerPreset::Soketi);
        profile.credentials = m_soketi.credentials();
        bool saved = false;
        m_window->profiles()->save(profile, [&saved](const Status &s) { saved = s.ok(); });
        QVERIFY(QTest::qWaitFor([&saved] { return saved; }, kWait));
        QVERIFY(m_window->selectProfile(profile.id));
    }

    QString cell(int row, int column) const
    {
        const QTableWidgetItem *item = m_window->scenarioPanel()->table()->item(row, column);
        return item ? item->text() : QString();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        QVERIFY2(m_soketi.start(), qPrintable(m_soketi.output()));
    }

    void cleanup()
    {
        m_window.reset();
        m_settings.reset();
    }

    void runShowsStepsAndLinksAFailureToTheLog()
    {
        openWindowWithProfile();
        QVERIFY(m_window->raisePanel(QStringLiteral("scenario")));
        ScenarioPanel *panel = m_window->scenarioPanel();
        auto *run = test::child<QPushButton>(panel, "scenarioRun");
        QVERIFY(!run->isEnabled());  // nothing open yet
        QVERIFY(panel->openFile(write(QStringLiteral("gui.json"), kScenario)));
        QCOMPARE(panel->table()->rowCount(), 8);
        QCOMPARE(cell(1, ScenarioPanel::StepColumn), QStringLiteral("subscribe alice presence-gui"));
        QVERIFY(run->isEnabled());

        QSignalSpy finished(panel, &ScenarioPanel::runFinished);
        QTest::mouseClick(run, Qt::LeftButton);
        // Live: the first steps pass while the run goes on.
        QTRY_VERIFY_WITH_TIMEOUT(cell(0, ScenarioPanel::StatusColumn).contains(QStringLiteral("pass")), kWait);
        QVERIFY(finished.wait(kWait) || finished.size() == 1);
        QCOMPARE(finished.value(0).value(0).toBool(), false);
        for (int row = 0; row < 6; ++row)
            QVERIFY2(cell(row, ScenarioPanel::StatusColumn).contains(QStringLiteral("pass")),
                     qPrintable(cell(row, ScenarioPanel::MessageColumn)));
        QVERIFY(cell(6, ScenarioPanel::StatusColumn).contains(QStringLiteral("fail")));
        QCOMPARE(cell(6, ScenarioPanel::MessageColumn),
                 QStringLiteral("subscribed, but expected it to fail with 'refused'"));
        QVERIFY(cell(7, ScenarioPanel::StatusColumn).contains(QStringLiteral("skipped")));
        QVERIFY(panel->messageText().contains(QStringLiteral("1 step failed")));

        // Double-clicking the failed step selects its entries in the log.
        const auto [first, end] = panel->logRange(6);
        QVERIFY(end > first);
        const LogModel *model = m_window->logPanel()->model();
        // The log shows what the store published (batched, up to ~30 times a second).
        QTRY_VERIFY_WITH_TIMEOUT(model->rowForSeq(end - 1) >= 0, kWait);
        QTableWidget *table = panel->table();
        const QRect rect = table->visualRect(table->model()->index(6, ScenarioPanel::StepColumn));
        QVERIFY(table->viewport()->rect().intersects(rect));
        // Through the window, as the platform delivers it: press, release, press and double click.
        QTest::mouseDClick(m_window->windowHandle(), Qt::LeftButton, {},
                           table->viewport()->mapTo(m_window.get(), rect.center()));
        QTableView *logView = m_window->logPanel()->view();
        const QModelIndexList selected = logView->selectionModel()->selectedRows();
        QVERIFY(!selected.isEmpty());
        // Every selected row is in the failed step's range, and bob's subscription is among them.
        bool sawBob = false;
        for (const QModelIndex &index : selected) {
            const LogEntry entry = model->entryAt(index.row());
            QVERIFY2(entry.seq >= first && entry.seq < end, qPrintable(QString::number(entry.seq)));
            sawBob = sawBob || entry.connection == QLatin1String("bob");
        }
        QVERIFY(sawBob);
    }

    void brokenFileIsRefusedWithWhere()
    {
        openWindowWithProfile();
        ScenarioPanel *panel = m_window->scenarioPanel();
        const QString path =
            write(QStringLiteral("broken.json"),
                  R"({"clients": [{"name": "a"}], "steps": [{"step": "expect_event", "client": "b"}]})");
        QVERIFY(!panel->openFile(path));
        QVERIFY2(panel->messageText().contains(path + QStringLiteral(": steps[0].client: no client is named 'b'")),
                 qPrintable(panel->messageText()));
    }
};

QTEST_MAIN(TestGuiScenario)
#include "tst_gui_scenario.moc"
