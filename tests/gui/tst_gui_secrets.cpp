// No server text as rich text (issue 10, item 5d) and pinning a self-signed certificate from the
// profile editor (5f), through the real widgets (offscreen) against in-process fake servers.

#include "channelspanel.h"
#include "fakepusherserver.h"
#include "logmodel.h"
#include "logpanel.h"
#include "logstore.h"
#include "mainwindow.h"
#include "profile.h"
#include "profileeditor.h"
#include "profiletestview.h"
#include "session.h"
#include "testcerts.h"
#include "tlspolicy.h"

#include <QAbstractItemModel>
#include <QHelpEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSslCertificate>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTextDocument>
#include <QToolTip>
#include <QWebSocket>
#include <QtTest>

using namespace cs;
using namespace cs::ui;
using cs::test::FakePusherServer;

namespace {

constexpr int kWait = 15000;
const QString kRich = QStringLiteral("<b>bold</b><img src=\"http://127.0.0.1:9/leak.png\"><a href=\"x\">link</a>");
const char *const kCert = cs::test::kLocalhostCert;

// After the handshake, every pusher:subscribe is refused with rich text.
void refuseWithRichText(QWebSocket *s, const QJsonObject &frame)
{
    if (cs::test::eventOf(frame) != QLatin1String("pusher:subscribe"))
        return;
    const QJsonObject data{{QStringLiteral("type"), QStringLiteral("AuthError")},
                           {QStringLiteral("error"), kRich},
                           {QStringLiteral("status"), 401}};
    s->sendTextMessage(
        cs::test::frameText(QStringLiteral("pusher:subscription_error"), cs::test::channelOf(frame), data));
}

Profile profileFor(quint16 port, bool tls)
{
    Profile p = Profile::create(QStringLiteral("Hostile"), ServerPreset::Custom);
    p.credentials.appId = QStringLiteral("1");
    p.credentials.key = QStringLiteral("key");
    p.credentials.secret = QStringLiteral("secret");
    p.credentials.host = QStringLiteral("127.0.0.1");
    p.credentials.port = port;
    p.credentials.tls = tls;
    return p;
}

// What a tooltip's text shows on screen, as plain characters.
QString shownText(const QString &tip)
{
    QTextDocument doc;
    if (Qt::mightBeRichText(tip))
        doc.setHtml(tip);
    else
        doc.setPlainText(tip);
    return doc.toPlainText();
}

}  // namespace

class TestGuiSecrets : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
    }

    void serverTextIsShownLiterally()
    {
        FakePusherServer server({.tls = false});
        server.onFrame(refuseWithRichText);
        QVERIFY(server.listen());
        QSettings settings(m_dir.filePath(QStringLiteral("rich.ini")), QSettings::IniFormat);
        MemorySecretStore keychain;
        MainWindow window(MainWindowOptions{&settings, &keychain});
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        const Profile profile = profileFor(server.port(), false);
        bool saved = false;
        window.profiles()->save(profile, [&saved](const Status &s) { saved = s.ok(); });
        QTRY_VERIFY(saved);
        QVERIFY(window.selectProfile(profile.id));
        QVERIFY(window.connectProfile());
        QTRY_COMPARE_WITH_TIMEOUT(window.session()->connection()->state(), ConnectionState::Connected, kWait);

        // Subscribe as a user does; the server refuses with markup in its reason.
        auto *field = window.findChild<QLineEdit *>(QStringLiteral("subscribeField"));
        QVERIFY(field);
        field->setText(QStringLiteral("orders"));
        QTest::keyClick(field, Qt::Key_Return);
        auto *table = window.findChild<QTableView *>(QStringLiteral("subscriptionsTable"));
        QVERIFY(table);
        QAbstractItemModel *model = table->model();
        QTRY_VERIFY_WITH_TIMEOUT(model->rowCount() == 1
                                     && model->index(0, SubscriptionTableModel::StateColumn)
                                            .data()
                                            .toString()
                                            .contains(QStringLiteral("<b>bold</b>")),
                                 kWait);

        // The state cell's tooltip shows the characters, not bold text, an image and a link.
        const QModelIndex cell = model->index(0, SubscriptionTableModel::StateColumn);
        QVERIFY(model->data(cell, Qt::ToolTipRole).toString().contains(kRich));
        table->scrollTo(cell);
        const QPoint pos = table->visualRect(cell).center();
        QHelpEvent help(QEvent::ToolTip, pos, table->viewport()->mapToGlobal(pos));
        QApplication::sendEvent(table->viewport(), &help);
        QTRY_VERIFY(QToolTip::isVisible());
        QVERIFY2(shownText(QToolTip::text()).contains(kRich), qPrintable(QToolTip::text()));
        QToolTip::hideText();

        // Every label of the window is plain text, whatever it will be told to show.
        for (QLabel *label : window.findChildren<QLabel *>())
            if (label->isVisible())
                QVERIFY2(label->textFormat() == Qt::PlainText, qPrintable(label->objectName() + u' ' + label->text()));
    }

    void trustThePresentedCertificateFromTheEditor()
    {
        FakePusherServer server({.tls = true});
        server.onFrame(refuseWithRichText);
        QVERIFY(server.listen());
        ProfileEditor editor;
        editor.setProfile(profileFor(server.port(), true));
        editor.show();
        QVERIFY(QTest::qWaitForWindowExposed(&editor));
        auto *trust = editor.findChild<QPushButton *>(QStringLiteral("trustCertificateButton"));
        auto *pinned = editor.findChild<QLineEdit *>(QStringLiteral("pinnedSha256"));
        QVERIFY(trust && pinned);
        QVERIFY(pinned->text().isEmpty());

        editor.runTest();
        const QString served =
            formatSha256(QSslCertificate(QByteArray(kCert), QSsl::Pem).digest(QCryptographicHash::Sha256));
        QTRY_VERIFY_WITH_TIMEOUT(editor.testView()->lineText(QStringLiteral("tls")).contains(QStringLiteral("✗")),
                                 kWait);
        QVERIFY2(editor.testView()->lineText(QStringLiteral("tls")).contains(QStringLiteral("self-signed")),
                 qPrintable(editor.testView()->lineText(QStringLiteral("tls"))));
        QVERIFY2(editor.testView()->evidenceText(QStringLiteral("tls")).contains(QStringLiteral("SHA256 ") + served),
                 qPrintable(editor.testView()->evidenceText(QStringLiteral("tls"))));
        QVERIFY(trust->isVisible());

        QTest::mouseClick(trust, Qt::LeftButton);
        QCOMPARE(pinned->text(), served);
        QCOMPARE(editor.profile().credentials.pinnedSha256, served);
        QVERIFY(editor.isDirty());

        // With the pin the same server passes the host and key checks.
        editor.runTest();
        QTRY_VERIFY_WITH_TIMEOUT(editor.testView()->lineText(QStringLiteral("key")).contains(QStringLiteral("✓")),
                                 kWait);
        QVERIFY(editor.testView()->lineText(QStringLiteral("tls")).contains(QStringLiteral("✓")));
        QVERIFY(!trust->isVisible());

        // Another certificate under that pin would be refused, naming both (core rule, shown here).
        pinned->setText(QStringLiteral("00:").repeated(31) + QStringLiteral("00"));
        editor.runTest();
        QTRY_VERIFY_WITH_TIMEOUT(editor.testView()->lineText(QStringLiteral("tls")).contains(QStringLiteral("✗")),
                                 kWait);
        const QString line = editor.testView()->lineText(QStringLiteral("tls"));
        QVERIFY2(line.contains(QStringLiteral("expected SHA256 00:00"))
                     && line.contains(QStringLiteral("presented SHA256 ") + served),
                 qPrintable(line));
    }

    void exportsFromTheWindowAreOwnerOnly()
    {
        // Profile export (the editor's Export…) and the log panel's export: readable by the user only.
        const QString profilePath = m_dir.filePath(QStringLiteral("profile.json"));
        ProfileEditor editor;
        editor.setProfile(profileFor(6001, false));
        QVERIFY(editor.exportTo(profilePath).ok());
        QCOMPARE(int(QFile::permissions(profilePath) & 0x7777), int(QFileDevice::ReadOwner | QFileDevice::WriteOwner
                                                                    | QFileDevice::ReadUser | QFileDevice::WriteUser));

        LogStore store;
        store.append(LogEntry::local(EntryKind::State, QStringLiteral("c"), {}, QStringLiteral("hello")));
        store.flush();
        LogPanel panel(&store);
        QTRY_COMPARE(panel.model()->rowCount(), 1);
        const QString logPath = m_dir.filePath(QStringLiteral("log.ndjson"));
        {
            QFile existing(logPath);  // an existing world-readable file is narrowed too
            QVERIFY(existing.open(QIODevice::WriteOnly));
            QVERIFY(existing.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadOther));
        }
        QVERIFY(panel.exportVisible(logPath, ExportFormat::Ndjson).ok());
        QCOMPARE(int(QFile::permissions(logPath) & 0x7777), int(QFileDevice::ReadOwner | QFileDevice::WriteOwner
                                                                | QFileDevice::ReadUser | QFileDevice::WriteUser));
    }

private:
    QTemporaryDir m_dir;
};

QTEST_MAIN(TestGuiSecrets)
#include "tst_gui_secrets.moc"
