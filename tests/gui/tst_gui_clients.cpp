// The Clients dock driven through its widgets against a real soketi: "three presence users on
// this channel", the rosters side by side (a client that sees nobody is highlighted), and the
// delivery matrix of a REST trigger and of a client event from the selected client.

#include "clientspanel.h"
#include "logstore.h"
#include "soketi.h"
#include "widgetlookup.h"

#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QtTest>

using namespace cs;
using cs::test::child;
using cs::ui::ClientsPanel;

namespace {

constexpr int kWait = 10000;

QString text(const QTableWidget *table, int row, int column)
{
    const QTableWidgetItem *item = table->item(row, column);
    return item ? item->text() : QString();
}

int rowOf(const QTableWidget *table, const QString &first)
{
    for (int row = 0; row < table->rowCount(); ++row) {
        if (text(table, row, 0) == first)
            return row;
    }
    return -1;
}

bool allSeen(const QTableWidget *roster, int members, int clients)
{
    if (roster->rowCount() != members || roster->columnCount() != clients + 1)
        return false;
    for (int row = 0; row < members; ++row) {
        for (int col = 1; col <= clients; ++col) {
            if (text(roster, row, col) != QStringLiteral("✓"))
                return false;
        }
    }
    return true;
}

}  // namespace

class TestGuiClients : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QVERIFY2(m_soketi.start(), qPrintable(m_soketi.output())); }
    void threePresenceUsersAndTheDeliveryMatrix();
    void noProfileSaysWhy();

private:
    cs::test::SoketiServer m_soketi;
};

void TestGuiClients::threePresenceUsersAndTheDeliveryMatrix()
{
    LogStore log;
    ClientsPanel panel(&log);
    panel.setCredentialsSource([this] { return std::optional<Credentials>(m_soketi.credentials()); });
    panel.resize(900, 700);
    panel.show();
    child<QLineEdit>(&panel, "clientsChannel")->setText(QStringLiteral("presence-demo"));
    QTest::mouseClick(child<QPushButton>(&panel, "threePresenceUsers"), Qt::LeftButton);

    QTableWidget *clients = panel.clientTable();
    QTRY_COMPARE_WITH_TIMEOUT(clients->rowCount(), 3, kWait);
    QCOMPARE(text(clients, 0, 0), QStringLiteral("A"));
    QCOMPARE(text(clients, 2, 1), QStringLiteral("user-3"));
    QTRY_VERIFY_WITH_TIMEOUT(text(clients, 2, 2) == QLatin1String("connected"), kWait);
    QTRY_VERIFY_WITH_TIMEOUT(allSeen(panel.rosterTable(), 3, 3), kWait);

    // A REST trigger: everyone on the channel gets it.
    child<QLineEdit>(&panel, "clientsEvent")->setText(QStringLiteral("demo-event"));
    QTest::mouseClick(child<QPushButton>(&panel, "triggerRest"), Qt::LeftButton);
    QLabel *summary = child<QLabel>(&panel, "matrixSummary");
    QTRY_COMPARE_WITH_TIMEOUT(summary->text(), QStringLiteral("Delivered as expected."), kWait);
    QTableWidget *matrix = panel.matrixTable();
    QCOMPARE(matrix->rowCount(), 3);
    for (int row = 0; row < 3; ++row) {
        QCOMPARE(text(matrix, row, 3), QStringLiteral("yes"));
        QVERIFY(text(matrix, row, 4).endsWith(QLatin1String(" ms")));
    }

    // A client event from the selected client (B): A and C get it, B is the sender.
    clients->setCurrentCell(1, 0);
    child<QLineEdit>(&panel, "clientsEvent")->setText(QStringLiteral("client-demo"));
    QTest::mouseClick(child<QPushButton>(&panel, "sendClientEvent"), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(summary->text(), QStringLiteral("Delivered as expected."), kWait);
    const int b = rowOf(matrix, QStringLiteral("B"));
    QCOMPARE(text(matrix, b, 2), QStringLiteral("sender"));
    QCOMPARE(text(matrix, b, 3), QStringLiteral("no"));
    QCOMPARE(text(matrix, rowOf(matrix, QStringLiteral("C")), 3), QStringLiteral("yes"));

    // C disconnects: A and B lose user-3, C sees nobody, and its column says so.
    clients->setCurrentCell(2, 0);
    QTest::mouseClick(child<QPushButton>(&panel, "disconnectClient"), Qt::LeftButton);
    QTableWidget *roster = panel.rosterTable();
    QTRY_COMPARE_WITH_TIMEOUT(roster->rowCount(), 2, kWait);
    QTRY_COMPARE_WITH_TIMEOUT(text(roster, 0, 3), QStringLiteral("—"), kWait);
    QVERIFY(roster->item(0, 3)->toolTip().contains(QLatin1String("C does not see user-1")));
    QCOMPARE(text(roster, 0, 1), QStringLiteral("✓"));

    // A REST trigger now: C is not connected, so not expected; no surprise.
    child<QLineEdit>(&panel, "clientsEvent")->setText(QStringLiteral("demo-event"));
    QTest::mouseClick(child<QPushButton>(&panel, "triggerRest"), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(summary->text(), QStringLiteral("Delivered as expected."), kWait);
    QCOMPARE(text(matrix, rowOf(matrix, QStringLiteral("C")), 2), QStringLiteral("not connected"));

    QTest::mouseClick(child<QPushButton>(&panel, "removeClient"), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(clients->rowCount(), 2, kWait);
}

void TestGuiClients::noProfileSaysWhy()
{
    LogStore log;
    ClientsPanel panel(&log);
    panel.setCredentialsSource([] { return std::optional<Credentials>(); });
    QSignalSpy status(&panel, &ClientsPanel::statusMessage);
    QTest::mouseClick(child<QPushButton>(&panel, "addClient"), Qt::LeftButton);
    QCOMPARE(status.size(), 1);
    QVERIFY(status.first().first().toString().contains(QLatin1String("Connect a profile first")));
    QCOMPARE(panel.clients()->clients().size(), 0);
}

QTEST_MAIN(TestGuiClients)
#include "tst_gui_clients.moc"
