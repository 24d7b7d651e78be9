// The first start as a new user meets it, on a laptop screen and on a full-HD one (the screen size
// comes from CS_TEST_SCREEN, "1280x800" by default; ctest runs both): the window fits the screen,
// the main inputs are wide enough to use, every panel says what to do while it is empty, the
// status bar agrees with the state, Help → Keyboard shortcuts lists every shortcut, and the dark
// theme applies and is kept.

#include "emptystate.h"
#include "logemptystate.h"
#include "mainwindow.h"
#include "secretstore.h"
#include "shortcutsdialog.h"
#include "theme.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QScreen>
#include <QSettings>
#include <QShortcut>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QtTest>

using namespace cs;
using namespace cs::ui;

class TestGuiFirstRun : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
    }

    void init()
    {
        m_settings =
            std::make_unique<QSettings>(m_dir.filePath(QStringLiteral("s%1.ini").arg(++m_run)), QSettings::IniFormat);
        m_window = std::make_unique<MainWindow>(MainWindowOptions{m_settings.get(), &m_keychain});
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        QTest::qWait(50);  // the first-start dock sizes are set once the event loop runs
    }

    void cleanup()
    {
        m_window.reset();
        m_settings.reset();
    }

    void windowFitsTheScreen()
    {
        const QSize available = m_window->screen()->availableSize();
        QCOMPARE(available, expectedScreen());
        const QSize frame = m_window->frameGeometry().size();
        QVERIFY2(frame.width() <= available.width() && frame.height() <= available.height(), qPrintable(sizes()));
        QVERIFY2(m_window->width() >= available.width() * 0.85, qPrintable(sizes()));
        QVERIFY2(m_window->height() >= available.height() * 0.85, qPrintable(sizes()));
    }

    void mainInputsAreWideEnoughToUse_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("characters");
        // A channel name like "presence-room-1234" (18), an event like "order.status-updated" (20).
        QTest::newRow("channel to subscribe") << QStringLiteral("subscribeField") << 20;
        QTest::newRow("trigger channels") << QStringLiteral("triggerChannels") << 20;
        QTest::newRow("trigger event") << QStringLiteral("triggerEvent") << 20;
        QTest::newRow("trigger data") << QStringLiteral("triggerData") << 24;
        QTest::newRow("log filter") << QStringLiteral("logFilter") << 30;
        QTest::newRow("profile") << QStringLiteral("profileCombo") << 14;
    }

    void mainInputsAreWideEnoughToUse()
    {
        QFETCH(QString, name);
        QFETCH(int, characters);
        auto *input = m_window->findChild<QWidget *>(name);
        QVERIFY2(input, qPrintable(name));
        QVERIFY2(input->isVisible(), qPrintable(name + QStringLiteral(" is hidden at first start")));
        const int needed = input->fontMetrics().averageCharWidth() * characters;
        QVERIFY2(input->width() >= needed, qPrintable(QStringLiteral("%1 is %2 px wide, needs %3 (%4 characters) on %5")
                                                          .arg(name)
                                                          .arg(input->width())
                                                          .arg(needed)
                                                          .arg(characters)
                                                          .arg(sizes())));
        // Not pushed out of its panel: the whole field lies inside the window.
        const QRect inWindow(input->mapTo(m_window.get(), QPoint(0, 0)), input->size());
        QVERIFY2(m_window->rect().contains(inWindow), qPrintable(name));
    }

    void emptyPanelsSayWhatToDo_data()
    {
        QTest::addColumn<QString>("view");
        QTest::newRow("channels") << QStringLiteral("subscriptionsTable");
        QTest::newRow("presence") << QStringLiteral("presenceTable");
        QTest::newRow("inspect") << QStringLiteral("inspectChannelsTable");
    }

    void emptyPanelsSayWhatToDo()
    {
        QFETCH(QString, view);
        auto *hint = m_window->findChild<EmptyState *>(view + QStringLiteral("EmptyState"));
        QVERIFY2(hint, qPrintable(view));
        QVERIFY(hint->isShown());
        QVERIFY2(hint->text().contains(QStringLiteral("Connect")), qPrintable(hint->text()));
    }

    void emptyLogSaysWhatToDo()
    {
        auto *note = m_window->findChild<LogEmptyState *>();
        QVERIFY(note);
        QCOMPARE(note->reason(), LogEmptyState::Reason::NothingLogged);
        QVERIFY(note->isVisible());
        QVERIFY2(note->text().contains(QStringLiteral("Ctrl+K")), qPrintable(note->text()));
    }

    void placeholderIsNotAnError()
    {
        // Nothing typed yet is missing, not wrong: no error tint behind the data placeholder.
        auto *data = m_window->findChild<QPlainTextEdit *>(QStringLiteral("triggerData"));
        QVERIFY(data);
        QVERIFY(data->toPlainText().isEmpty());
        QVERIFY(data->extraSelections().isEmpty());
        data->setPlainText(QStringLiteral("{\"a\":"));
        QTRY_VERIFY(!data->extraSelections().isEmpty());
    }

    void statusBarSaysWhatToDoFirst()
    {
        auto *hint = m_window->findChild<QLabel *>(QStringLiteral("statusHint"));
        QVERIFY(hint);
        QVERIFY2(hint->text().startsWith(QStringLiteral("Pick a profile and press Connect")), qPrintable(hint->text()));
    }

    void shortcutsDialogListsEveryShortcut()
    {
        auto *action = m_window->findChild<QAction *>(QStringLiteral("shortcutsAction"));
        QVERIFY(action);
        action->trigger();
        QDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = m_window->findChild<ShortcutsDialog *>()) && dialog->isVisible());
        auto *table = dialog->findChild<QTableWidget *>(QStringLiteral("shortcutsTable"));
        QVERIFY(table);
        QStringList listed;
        for (int row = 0; row < table->rowCount(); ++row)
            listed << table->item(row, 0)->text() + QStringLiteral(" = ") + table->item(row, 1)->text();
        const auto keysOf = [](const QList<QKeySequence> &keys) {
            QStringList parts;
            for (const QKeySequence &k : keys)
                parts << k.toString(QKeySequence::NativeText);
            return parts.join(QStringLiteral(", "));
        };
        int checked = 0;
        for (const QAction *each : m_window->findChildren<QAction *>()) {
            if (each->shortcuts().isEmpty())
                continue;
            const QString keys = keysOf(each->shortcuts());
            QVERIFY2(std::any_of(listed.cbegin(), listed.cend(),
                                 [&keys](const QString &line) {
                                     return line.startsWith(keys + QStringLiteral(" = "));
                                 }),
                     qPrintable(keys + QStringLiteral(" (") + each->text() + QStringLiteral(") missing from ")
                                + listed.join(QStringLiteral("; "))));
            ++checked;
        }
        QVERIFY2(checked >= 8, qPrintable(QString::number(checked)));  // connect, disconnect, quit, log…
        for (const QString &expected : {QStringLiteral("Ctrl+K = Connect"), QStringLiteral("Ctrl+Shift+K = Disconnect"),
                                        QStringLiteral("Ctrl+Return = Send this form")})
            QVERIFY2(listed.contains(expected), qPrintable(expected + QStringLiteral(" in ") + listed.join(u';')));
        dialog->close();
    }

    void darkThemeAppliesAndIsKept()
    {
        const QColor before = QApplication::palette().color(QPalette::Window);
        m_window->setTheme(Theme::Dark);
        QVERIFY(QApplication::palette().color(QPalette::Window).lightness() < 80);
        auto *data = m_window->findChild<QPlainTextEdit *>(QStringLiteral("triggerData"));
        QTRY_VERIFY(data->palette().color(QPalette::Base).lightness() < 80);
        QCOMPARE(m_settings->value(QStringLiteral("view/theme")).toString(), QStringLiteral("dark"));
        QVERIFY(m_window->findChild<QAction *>(QStringLiteral("theme_dark"))->isChecked());
        QCOMPARE(savedTheme(*m_settings), Theme::Dark);

        m_window->setTheme(Theme::System);
        QCOMPARE(QApplication::palette().color(QPalette::Window), before);
        QCOMPARE(savedTheme(*m_settings), Theme::System);
    }

private:
    static QSize expectedScreen()
    {
        const QByteArray value = qEnvironmentVariable("CS_TEST_SCREEN", QStringLiteral("1280x800")).toLatin1();
        const QList<QByteArray> parts = value.split('x');
        return {parts.value(0).toInt(), parts.value(1).toInt()};
    }

    QString sizes() const
    {
        return QStringLiteral("window %1×%2 on screen %3×%4")
            .arg(m_window->width())
            .arg(m_window->height())
            .arg(m_window->screen()->availableSize().width())
            .arg(m_window->screen()->availableSize().height());
    }

    QTemporaryDir m_dir;
    int m_run = 0;
    MemorySecretStore m_keychain;
    std::unique_ptr<QSettings> m_settings;
    std::unique_ptr<MainWindow> m_window;
};

// The offscreen platform takes its screens from a JSON file: one screen of CS_TEST_SCREEN's size.
int main(int argc, char *argv[])
{
    QTemporaryDir configDir;
    const QString screen = qEnvironmentVariable("CS_TEST_SCREEN", QStringLiteral("1280x800"));
    const QStringList size = screen.split(u'x');
    const QString configPath = configDir.filePath(QStringLiteral("screens.json"));
    QFile config(configPath);
    if (size.size() != 2 || !config.open(QIODevice::WriteOnly))
        qFatal("CS_TEST_SCREEN must look like 1280x800");
    config.write(
        QStringLiteral("{\"windowFrameMargins\": false, \"screens\": [{\"name\": \"test\", \"x\": 0, \"y\": 0, "
                       "\"width\": %1, \"height\": %2, \"logicalDpi\": 96, \"logicalBaseDpi\": 96, "
                       "\"dpr\": 1}]}")
            .arg(size[0], size[1])
            .toUtf8());
    config.close();
    qputenv("QT_QPA_PLATFORM", QByteArray("offscreen:configfile=") + QFile::encodeName(configPath));
    QApplication app(argc, argv);
    TestGuiFirstRun test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_gui_firstrun.moc"
