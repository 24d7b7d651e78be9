// Session files in the desktop app: File → Save session writes the live log without the profile's
// secret; opening the file (the window's open function, a drop on the window) shows it in a
// read-only viewer whose log rows, filter and details work as live; Recent sessions remembers it;
// a malformed file is refused with its reason; Replay selected… counts what it would send.

#include "detailspane.h"
#include "logfixtures.h"
#include "logmodel.h"
#include "logpanel.h"
#include "logstyleproxy.h"
#include "mainwindow.h"
#include "profile.h"
#include "replaydialog.h"
#include "secretstore.h"
#include "sessionfileactions.h"
#include "sessionviewer.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QMimeData>
#include <QSettings>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

using namespace cs;
using namespace cs::ui;
using namespace cs::test;

namespace {

const QString kSecret = QStringLiteral("gui-secret-never-in-files-91c3");

QList<LogEntry> sampleEntries()
{
    QList<LogEntry> entries;
    entries << stateEntry(QStringLiteral("connecting → connected"));
    for (quint64 i = 0; i < 12; ++i)
        entries << numberedEvent(i, Direction::In);
    entries << localEntry(EntryKind::Auth, QStringLiteral("signed private-x"),
                          QByteArrayLiteral("{\"channel\":\"private-x\"}"));
    return entries;
}

}  // namespace

class TestGuiSessionFile : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        m_settings = std::make_unique<QSettings>(m_dir.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat);
        m_window = std::make_unique<MainWindow>(MainWindowOptions{m_settings.get(), &m_keychain});
        Profile profile = Profile::localSandbox();
        profile.name = QStringLiteral("Sandbox");
        profile.credentials.secret = kSecret;
        profile.secretPolicy = SecretPolicy::SessionOnly;
        bool saved = false;
        m_window->profiles()->save(profile, [&saved](const Status &s) { saved = s.ok(); });
        QTRY_VERIFY(saved);
        m_window->selectProfile(profile.id);
        m_window->show();
        for (const LogEntry &entry : sampleEntries())
            m_window->log()->append(entry);
        m_window->log()->flush();
    }

    void cleanupTestCase()
    {
        m_window.reset();
        m_settings.reset();
    }

    void fileMenuComesFirst()
    {
        QMenu *file = m_window->findChild<QMenu *>(QStringLiteral("fileMenu"));
        QVERIFY(file);
        QCOMPARE(m_window->menuBar()->actions().first(), file->menuAction());
        QVERIFY(file->actions().contains(m_window->sessionFiles()->openAction()));
        QVERIFY(file->actions().contains(m_window->sessionFiles()->saveAction()));
    }

    void saveThenOpenReadOnly()
    {
        const QString path = m_dir.filePath(QStringLiteral("live.cssession"));
        const auto saved = m_window->sessionFiles()->saveTo(path);
        QVERIFY2(saved, qPrintable(saved ? QString() : saved.error().message));
        QCOMPARE(*saved, m_window->log()->size());
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray bytes = file.readAll();
        QVERIFY(bytes.contains("Sandbox"));
        QVERIFY(!bytes.contains(kSecret.toUtf8()));

        const auto opened = m_window->sessionFiles()->openFile(path);
        QVERIFY2(opened, qPrintable(opened ? QString() : opened.error().message));
        SessionViewer *viewer = *opened;
        QVERIFY(QTest::qWaitForWindowExposed(viewer));
        QVERIFY(viewer->banner()->text().contains(QStringLiteral("read-only")));
        QVERIFY(viewer->banner()->text().contains(QStringLiteral("Sandbox")));
        QVERIFY(viewer->windowTitle().contains(QStringLiteral("read-only")));
        QVERIFY(!viewer->logPanel()->clearAction()->isEnabled());
        // Every row, as live, in order.
        LogPanel *panel = viewer->logPanel();
        QTRY_COMPARE(panel->model()->rowCount(), m_window->logPanel()->model()->rowCount());
        for (int row = 0; row < panel->model()->rowCount(); ++row) {
            QCOMPARE(panel->model()->entryAt(row).raw, m_window->logPanel()->model()->entryAt(row).raw);
            QCOMPARE(panel->model()->entryAt(row).timeMs, m_window->logPanel()->model()->entryAt(row).timeMs);
        }
        // The filter works on the opened log.
        panel->setFilterText(QStringLiteral("channel:channel-3"));
        QTRY_COMPARE(panel->model()->rowCount(), 2);  // events 3 and 10
        QCOMPARE(panel->model()->entryAt(0).channel, QStringLiteral("channel-3"));
        // The details pane follows the selection.
        QSignalSpy current(panel, &LogPanel::currentEntryChanged);
        panel->view()->setCurrentIndex(panel->styleProxy()->index(1, 0));
        QTRY_VERIFY(!current.isEmpty());
        QCOMPARE(current.last().at(0).toULongLong(), panel->model()->entryAt(1).seq);
        QVERIFY(m_window->sessionFiles()->recentFiles().contains(QFileInfo(path).absoluteFilePath()));

        // Replay selected… counts what it would send: the selected channel events, nothing else.
        panel->setFilterText(QString());
        QTRY_COMPARE(panel->model()->rowCount(), int(sampleEntries().size()));
        panel->view()->selectAll();
        viewer->replayAction()->trigger();
        auto *dialog = viewer->findChild<ReplayDialog *>();
        QVERIFY(dialog);
        QVERIFY2(dialog->summaryLabel()->text().startsWith(QStringLiteral("12 event")),
                 qPrintable(dialog->summaryLabel()->text()));
        QVERIFY(dialog->summaryLabel()->text().contains(QStringLiteral("2 selected entr")));
        QCOMPARE(dialog->profileCombo()->currentText(), QStringLiteral("Sandbox"));
        m_lastViewer = viewer;
        QTest::qWait(200);
        if (qEnvironmentVariableIsSet("CS_SCREENSHOT_DIR")) {
            viewer->grab().save(qEnvironmentVariable("CS_SCREENSHOT_DIR") + QStringLiteral("/sessionviewer.png"));
            dialog->grab().save(qEnvironmentVariable("CS_SCREENSHOT_DIR") + QStringLiteral("/replaydialog.png"));
        }
        dialog->close();
        viewer->close();
    }

    void droppedFileOpens()
    {
        const QString path = m_dir.filePath(QStringLiteral("dropped.cssession"));
        QVERIFY(m_window->sessionFiles()->saveTo(path));
        QMimeData mime;
        mime.setUrls({QUrl::fromLocalFile(path)});
        QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(m_window.get(), &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent drop(QPointF(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(m_window.get(), &drop);
        QVERIFY(drop.isAccepted());
        SessionViewer *viewer = nullptr;
        for (SessionViewer *v : m_window->findChildren<SessionViewer *>())
            if (v->path() == path)
                viewer = v;
        QVERIFY(viewer);
        QTRY_COMPARE(viewer->logPanel()->model()->rowCount(), m_window->logPanel()->model()->rowCount());
        QCOMPARE(m_window->sessionFiles()->recentFiles().first(), QFileInfo(path).absoluteFilePath());
        viewer->close();
    }

    void malformedFileIsRefused()
    {
        const QString path = m_dir.filePath(QStringLiteral("broken.cssession"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("\x89PNG not a session");
        file.close();
        const int before = int(m_window->findChildren<SessionViewer *>().size());
        const auto opened = m_window->sessionFiles()->openFile(path);
        QVERIFY(!opened);
        QCOMPARE(opened.error().id(), QStringLiteral("session-file-format"));
        QCOMPARE(int(m_window->findChildren<SessionViewer *>().size()), before);
        QVERIFY(!m_window->sessionFiles()->recentFiles().contains(QFileInfo(path).absoluteFilePath()));
    }

private:
    QTemporaryDir m_dir;
    MemorySecretStore m_keychain;
    std::unique_ptr<QSettings> m_settings;
    std::unique_ptr<MainWindow> m_window;
    QPointer<SessionViewer> m_lastViewer;
};

QTEST_MAIN(TestGuiSessionFile)
#include "tst_gui_sessionfile.moc"
