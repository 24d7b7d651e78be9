// The whole console as a user drives it: profile, connect, subscribe, publish from the form, see
// the event in the log and its details, presence, and the layout coming back on the next start.
// Real widgets (offscreen) against a real soketi.

#include "channelspanel.h"
#include "detailspane.h"
#include "jsoneditor.h"
#include "logmodel.h"
#include "logpanel.h"
#include "mainwindow.h"
#include "presencepanel.h"
#include "profile.h"
#include "publishpanel.h"
#include "session.h"
#include "soketi.h"
#include "statebadge.h"

#include <QComboBox>
#include <QDockWidget>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScreen>
#include <QSettings>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

using namespace cs;
using namespace cs::ui;

namespace {
constexpr int kWait = 15000;
const QString kSecret = QStringLiteral("app-secret");
}  // namespace

class TestGuiMainWindow : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        // Panels that keep their own history (publish) must not write to the user's settings.
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY2(m_soketi.start(), qPrintable(m_soketi.output()));
        QVERIFY(m_dir.isValid());
    }

    void init()
    {
        m_settingsPath = m_dir.filePath(QStringLiteral("settings-%1.ini").arg(++m_run));
        m_settings = std::make_unique<QSettings>(m_settingsPath, QSettings::IniFormat);
        m_keychain = std::make_unique<MemorySecretStore>();
    }

    void cleanup()
    {
        m_window.reset();
        m_settings.reset();
    }

    void firstStartOffersTheLocalSandbox()
    {
        openWindow();
        auto *combo = m_window->findChild<QComboBox *>(QStringLiteral("profileCombo"));
        QVERIFY(combo);
        QCOMPARE(combo->count(), 1);
        QCOMPARE(combo->currentText(), Profile::localSandbox().name);
        QVERIFY(m_window->findChild<QAction *>(QStringLiteral("connectAction"))->isEnabled());
        QVERIFY(statusHint().startsWith(QStringLiteral("Pick a profile and press Connect")));
        // The first start uses the screen: at least 85 % of it, never more (unless the window's
        // own minimum is larger, as on the offscreen platform's 800×600 screen).
        const QSize available = m_window->screen()->availableSize();
        const QSize most = available.expandedTo(m_window->minimumSizeHint());
        const QString size = QStringLiteral("%1×%2 on %3×%4")
                                 .arg(m_window->width())
                                 .arg(m_window->height())
                                 .arg(available.width())
                                 .arg(available.height());
        QVERIFY2(m_window->width() >= available.width() * 0.85 && m_window->width() <= most.width(), qPrintable(size));
        QVERIFY2(m_window->height() >= available.height() * 0.85 && m_window->height() <= most.height(),
                 qPrintable(size));
        // Every panel docked, the window still fits a 1366×768 laptop screen.
        QVERIFY2(m_window->minimumSizeHint().width() <= 1280,
                 qPrintable(QString::number(m_window->minimumSizeHint().width())));
    }

    void connectSubscribePublishAndInspect()
    {
        const QString userHistoryBefore = QSettings().value(QStringLiteral("publish/history")).toString();
        openWithSoketiProfile();
        QVERIFY(m_window->connectProfile());
        QTRY_COMPARE_WITH_TIMEOUT(m_window->session()->connection()->state(), ConnectionState::Connected, kWait);
        QVERIFY(m_window->stateBadge()->text().contains(m_window->session()->connection()->socketId()));
        // The status bar says the same as the badge, never the "press Connect" hint of before.
        QVERIFY2(statusHint().startsWith(QStringLiteral("Connected to")), qPrintable(statusHint()));
        QVERIFY(statusHint().contains(m_window->session()->connection()->socketId()));
        QVERIFY(!m_window->findChild<QAction *>(QStringLiteral("connectAction"))->isEnabled());
        QVERIFY(m_window->findChild<QAction *>(QStringLiteral("disconnectAction"))->isEnabled());

        // Subscribe through the channels panel as a user would: type and press Enter.
        for (const QString &channel :
             {QStringLiteral("public-gui"), QStringLiteral("private-gui"), QStringLiteral("presence-gui")}) {
            auto *field = m_window->channelsPanel()->findChild<QLineEdit *>(QStringLiteral("subscribeField"));
            QVERIFY(field);
            field->clear();
            QTest::keyClicks(field, channel);
            QTest::keyClick(field, Qt::Key_Return);
            QTRY_VERIFY_WITH_TIMEOUT(subscribed(channel), kWait);
        }

        // Publish from the form.
        PublishPanel *publish = m_window->publishPanel();
        auto *channels = publish->findChild<QLineEdit *>(QStringLiteral("triggerChannels"));
        auto *event = publish->findChild<QLineEdit *>(QStringLiteral("triggerEvent"));
        auto *data = publish->findChild<JsonEditor *>(QStringLiteral("triggerData"));
        auto *send = publish->findChild<QPushButton *>(QStringLiteral("sendButton"));
        QVERIFY(channels && event && data && send);
        QTest::keyClicks(channels, QStringLiteral("public-gui"));
        QTest::keyClicks(event, QStringLiteral("order-updated"));

        // Invalid JSON blocks sending and says where.
        data->setPlainText(QStringLiteral("{\"id\": 7, \"status\": paid}"));
        QTRY_VERIFY(!send->isEnabled());
        auto *error = publish->findChild<QLabel *>(QStringLiteral("triggerDataError"));
        QVERIFY(error);
        QTRY_VERIFY(error->isVisible() && error->text().contains(QLatin1String("column")));

        data->setPlainText(QStringLiteral("{\"id\": 7, \"status\": \"paid\"}"));
        QTRY_VERIFY(send->isEnabled());
        QTest::mouseClick(send, Qt::LeftButton);

        // The event arrives and shows in the log table; selecting it shows decoded, pretty data.
        LogPanel *logPanel = m_window->logPanel();
        int row = -1;
        QTRY_VERIFY_WITH_TIMEOUT((row = rowOf(logPanel->model(), QStringLiteral("order-updated"), Direction::In)) >= 0,
                                 kWait);
        logPanel->view()->selectRow(row);
        QTRY_VERIFY(logPanel->details()->dataText().contains(QLatin1String("\"status\": \"paid\"")));
        QVERIFY(logPanel->details()->rawText().contains(QLatin1String("order-updated")));
        QCOMPARE(m_window->session()->channels()->subscription(QStringLiteral("public-gui"))->eventCount, quint64(1));

        // What the panels remember (recent channels, the publish history) is in the window's settings
        // file, as --settings promises demos and screenshots; the user's own settings are untouched.
        m_settings->sync();
        const QSettings file(m_settingsPath, QSettings::IniFormat);
        QVERIFY(file.value(QStringLiteral("channels/recent")).toStringList().contains(QStringLiteral("presence-gui")));
        QVERIFY(file.value(QStringLiteral("publish/history")).toString().contains(QLatin1String("order-updated")));
        QCOMPARE(QSettings().value(QStringLiteral("publish/history")).toString(), userHistoryBefore);
    }

    void presenceRosterFollowsASecondConnection()
    {
        openWithSoketiProfile();
        QVERIFY(m_window->connectProfile());
        QTRY_COMPARE_WITH_TIMEOUT(m_window->session()->connection()->state(), ConnectionState::Connected, kWait);
        QVERIFY(m_window->subscribe(QStringLiteral("presence-lobby")).ok());
        QTRY_VERIFY_WITH_TIMEOUT(subscribed(QStringLiteral("presence-lobby")), kWait);
        m_window->presencePanel()->setChannel(QStringLiteral("presence-lobby"));
        auto *roster = m_window->presencePanel()->findChild<QTableView *>(QStringLiteral("presenceTable"));
        QVERIFY(roster);
        QTRY_COMPARE_WITH_TIMEOUT(roster->model()->rowCount(), 1, kWait);

        LogStore otherLog;
        Session other(m_soketi.credentials(), &otherLog, QStringLiteral("other"));
        other.connection()->open();
        QTRY_COMPARE_WITH_TIMEOUT(other.connection()->state(), ConnectionState::Connected, kWait);
        QVERIFY(other.channels()->subscribe(QStringLiteral("presence-lobby"), {QStringLiteral("guest-2"), {}}).ok());
        QTRY_COMPARE_WITH_TIMEOUT(roster->model()->rowCount(), 2, kWait);
        other.connection()->close();
        // The leave is shown briefly, then the row goes.
        QTRY_COMPARE_WITH_TIMEOUT(roster->model()->rowCount(), 1, kWait);
    }

    void secretIsKeptOutOfTheSettingsFile()
    {
        const QString id = openWithSoketiProfile();
        m_window.reset();  // flushes settings
        m_settings.reset();
        // (The Local sandbox profile keeps soketi's well-known demo secret in plain text on
        // purpose, so look at the test profile's own lines.)
        QFile file(m_settingsPath);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QStringList ownLines;
        for (const QByteArray &line : file.readAll().split('\n'))
            if (line.startsWith(id.toUtf8()))
                ownLines << QString::fromUtf8(line);
        QVERIFY(ownLines.join(QLatin1Char('\n')).contains(QLatin1String("GUI test soketi")));  // the profile is there
        for (const QString &line : ownLines)
            QVERIFY2(!line.contains(kSecret), qPrintable(line));
        QVERIFY(m_keychain->contains(id));  // the secret went to the keychain
    }

    void layoutIsRestoredOnTheNextStart()
    {
        openWindow();
        auto *presenceDock = m_window->findChild<QDockWidget *>(QStringLiteral("presenceDock"));
        QVERIFY(presenceDock);
        presenceDock->hide();
        const QSize target = m_window->minimumSizeHint().expandedTo(QSize(1111, 777)) + QSize(31, 17);
        m_window->resize(target);
        m_window->close();
        m_window.reset();

        openWindow();
        QVERIFY(m_window->findChild<QDockWidget *>(QStringLiteral("presenceDock"))->isHidden());
        QCOMPARE(m_window->size(), target);
    }

    void disconnectKeepsTheLogAndSubscriptions()
    {
        openWithSoketiProfile();
        QVERIFY(m_window->connectProfile());
        QTRY_COMPARE_WITH_TIMEOUT(m_window->session()->connection()->state(), ConnectionState::Connected, kWait);
        QVERIFY(m_window->subscribe(QStringLiteral("public-keep")).ok());
        QTRY_VERIFY_WITH_TIMEOUT(subscribed(QStringLiteral("public-keep")), kWait);
        const qsizetype logged = m_window->log()->size();
        m_window->findChild<QAction *>(QStringLiteral("disconnectAction"))->trigger();
        QCOMPARE(m_window->session()->connection()->state(), ConnectionState::Disconnected);
        QVERIFY(m_window->stateBadge()->text().contains(QLatin1String("disconnected")));
        QVERIFY(m_window->log()->size() >= logged);
        m_window->findChild<QAction *>(QStringLiteral("connectAction"))->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(subscribed(QStringLiteral("public-keep")), kWait);  // comes back by itself
    }

private:
    void openWindow()
    {
        m_window = std::make_unique<MainWindow>(MainWindowOptions{m_settings.get(), m_keychain.get()});
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    }

    QString openWithSoketiProfile()
    {
        openWindow();
        Profile profile = Profile::create(QStringLiteral("GUI test soketi"), ServerPreset::Soketi);
        profile.credentials = m_soketi.credentials();
        profile.identity = {QStringLiteral("gui-user"), QJsonObject{{QStringLiteral("name"), QStringLiteral("Gui")}}};
        bool saved = false;
        m_window->profiles()->save(profile, [&saved](const Status &s) { saved = s.ok(); });
        if (!QTest::qWaitFor([&saved] { return saved; }, kWait) || !m_window->selectProfile(profile.id))
            qFatal("could not save and select the test profile");
        return profile.id;
    }

    QString statusHint() const
    {
        const auto *label = m_window->findChild<QLabel *>(QStringLiteral("statusHint"));
        return label ? label->text() : QString();
    }

    bool subscribed(const QString &channel) const
    {
        const Subscription *s = m_window->session()->channels()->subscription(channel);
        return s && s->state == SubscriptionState::Subscribed;
    }

    static int rowOf(const LogModel *model, const QString &event, Direction direction)
    {
        for (int row = 0; row < model->rowCount(); ++row) {
            const LogEntry e = model->entryAt(row);
            if (e.event == event && e.direction == direction && e.isFrame())
                return row;
        }
        return -1;
    }

    cs::test::SoketiServer m_soketi;
    QTemporaryDir m_dir;
    QString m_settingsPath;
    int m_run = 0;
    std::unique_ptr<QSettings> m_settings;
    std::unique_ptr<MemorySecretStore> m_keychain;
    std::unique_ptr<MainWindow> m_window;
};

QTEST_MAIN(TestGuiMainWindow)
#include "tst_gui_mainwindow.moc"
