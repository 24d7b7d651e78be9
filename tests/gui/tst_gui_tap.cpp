// The Tap dock driven like a user: start the three listeners for a real soketi, read the snippets
// with the chosen ports, see a port in use refused with the reason, a frontend appear in the
// tapped clients, and "show only this client" ask the log for that client's frames.

#include "logstore.h"
#include "soketi.h"
#include "tappanel.h"
#include "widgetlookup.h"

#include <QApplication>
#include <QClipboard>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableWidget>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QWebSocket>
#include <QtTest>

using namespace cs;
using namespace cs::ui;
using cs::test::child;

class TstGuiTap : public QObject {
    Q_OBJECT

private slots:
    void startsListenersAndShowsClients();
    void portInUseSaysWhy();
};

void TstGuiTap::startsListenersAndShowsClients()
{
    test::SoketiServer soketi;
    QVERIFY2(soketi.start(), qPrintable(soketi.output()));
    QTemporaryDir dir;
    QSettings settings(dir.filePath(QStringLiteral("s.ini")), QSettings::IniFormat);
    LogStore log;
    TapPanel panel(&log);
    panel.setSettings(&settings);
    panel.resize(700, 800);
    panel.show();
    panel.setProfile(QStringLiteral("p1"), soketi.credentials());

    for (const char *name : {"restToggle", "wsToggle", "webhookToggle"})
        QTest::mouseClick(child<QPushButton>(&panel, name), Qt::LeftButton);
    QVERIFY(panel.isRunning(TapPanel::Rest) && panel.isRunning(TapPanel::WebSocket)
            && panel.isRunning(TapPanel::Webhook));
    const quint16 wsPort = panel.port(TapPanel::WebSocket);
    QCOMPARE(child<QLabel>(&panel, "wsState")->text(), QStringLiteral("listening on 127.0.0.1:%1").arg(wsPort));
    QVERIFY(panel.snippet(0).contains(QStringLiteral("PUSHER_PORT=%1").arg(panel.port(TapPanel::Rest))));
    QVERIFY(panel.snippet(3).contains(QStringLiteral("wsPort: %1").arg(wsPort)));
    QVERIFY(!panel.snippet(2).contains(soketi.credentials().secret));
    QTest::mouseClick(child<QPushButton>(&panel, "copySnippet"), Qt::LeftButton);
    QCOMPARE(QApplication::clipboard()->text(), panel.snippet(0));
    // The chosen port is kept for this profile, so that the copied lines stay right next time.
    QCOMPARE(settings.value(QStringLiteral("tap/p1/wsPort")).toInt(), int(wsPort));

    QWebSocket frontend;
    QSignalSpy texts(&frontend, &QWebSocket::textMessageReceived);
    frontend.open(QUrl(QStringLiteral("ws://127.0.0.1:%1/app/%2?protocol=7&client=js&version=8")
                           .arg(wsPort)
                           .arg(soketi.credentials().key)));
    QTRY_VERIFY_WITH_TIMEOUT(!texts.isEmpty(), 10000);
    auto *clients = child<QTableWidget>(&panel, "tapClients");
    QTRY_COMPARE(clients->rowCount(), 1);
    QCOMPARE(clients->item(0, 0)->text(), QStringLiteral("t1"));
    QTRY_VERIFY(!clients->item(0, 1)->text().isEmpty());  // its socket id
    clients->selectRow(0);
    QSignalSpy filter(&panel, &TapPanel::filterRequested);
    QTest::mouseClick(child<QPushButton>(&panel, "onlyClient"), Qt::LeftButton);
    QCOMPARE(filter.size(), 1);
    QCOMPARE(filter.at(0).at(0).toString(), QStringLiteral("source:tap conn:tap:t1"));
    if (!qEnvironmentVariableIsEmpty("CS_TAP_SCREENSHOT"))
        panel.grab().save(qEnvironmentVariable("CS_TAP_SCREENSHOT"));

    QTest::mouseClick(child<QPushButton>(&panel, "wsToggle"), Qt::LeftButton);
    QVERIFY(!panel.isRunning(TapPanel::WebSocket));
    QCOMPARE(child<QLabel>(&panel, "wsState")->text(), QStringLiteral("stopped"));
}

void TstGuiTap::portInUseSaysWhy()
{
    QTcpServer taken;
    QVERIFY(taken.listen(QHostAddress::LocalHost, 0));
    LogStore log;
    TapPanel panel(&log);
    Credentials credentials;
    credentials.key = QStringLiteral("k");
    credentials.host = QStringLiteral("127.0.0.1");
    panel.setProfile(QStringLiteral("p2"), credentials);
    child<QSpinBox>(&panel, "restPort")->setValue(taken.serverPort());
    QSignalSpy status(&panel, &TapPanel::statusMessage);
    QTest::mouseClick(child<QPushButton>(&panel, "restToggle"), Qt::LeftButton);
    QVERIFY(!panel.isRunning(TapPanel::Rest));
    const QString state = child<QLabel>(&panel, "restState")->text();
    QVERIFY2(state.contains(QStringLiteral("cannot listen on 127.0.0.1:%1").arg(taken.serverPort())),
             qPrintable(state));
    QCOMPARE(status.size(), 1);
}

QTEST_MAIN(TstGuiTap)
#include "tst_gui_tap.moc"
