// Payload contracts in the log panel: a row that breaks its contract carries the marker, the
// violates: filter selects it, and the details pane's Contract tab lists every path and reason;
// inferring a schema from the selected payload proposes one that saves as a valid contract.

#include "contractloader.h"
#include "contractview.h"
#include "detailspane.h"
#include "filterbar.h"
#include "inferschemadialog.h"
#include "logfixtures.h"
#include "logmodel.h"
#include "logpanel.h"
#include "logstore.h"
#include "violationindex.h"

#include <QJsonDocument>
#include <QLineEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

using namespace cs;
using namespace cs::ui;

class TestGuiContracts : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void markerFilterDetailsAndInference();
};

void TestGuiContracts::markerFilterDetailsAndInference()
{
    LogStore store;
    LogPanel panel(&store);
    panel.resize(900, 600);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));

    auto set = std::make_shared<ContractSet>();
    auto contract = parseContract(QStringLiteral("order-*"),
                                  R"({"type":"object","required":["id","status"],
                                      "properties":{"id":{"type":"integer"},"status":{"enum":["new","paid"]}}})");
    QVERIFY(contract);
    set->add(*contract);
    ViolationIndex::ensure(&store)->setContracts(set);

    store.append(
        test::frameEntry(Direction::In, EntryKind::Event, QStringLiteral("orders"), QStringLiteral("order-created"),
                         R"({"event":"order-created","channel":"orders","data":"{\"id\":1,\"status\":\"new\"}"})"));
    store.append(test::frameEntry(
        Direction::In, EntryKind::Event, QStringLiteral("orders"), QStringLiteral("order-created"),
        R"({"event":"order-created","channel":"orders","data":"{\"id\":\"1\",\"status\":\"lost\"}"})"));
    store.append(test::frameEntry(Direction::In, EntryKind::Event, QStringLiteral("orders"), QStringLiteral("ping"),
                                  R"({"event":"ping","channel":"orders","data":"{}"})"));
    store.flush();
    QTRY_COMPARE(panel.model()->rowCount(), 3);

    // The marker: a badge and a tooltip in the Event column of the breaking row only.
    QAbstractItemModel *shown = panel.view()->model();
    const int eventColumn = int(LogColumn::Event);
    QVERIFY(shown->index(1, eventColumn).data(Qt::DecorationRole).isValid());
    QVERIFY(shown->index(1, eventColumn).data(Qt::ToolTipRole).toString().contains(QStringLiteral("$.id")));
    QVERIFY(!shown->index(0, eventColumn).data(Qt::DecorationRole).isValid());
    QVERIFY(!shown->index(2, eventColumn).data(Qt::DecorationRole).isValid());

    // violates:any keeps the breaking row only.
    panel.filterBar()->lineEdit()->setText(QStringLiteral("violates:any"));
    QTest::keyClick(panel.filterBar()->lineEdit(), Qt::Key_Return);
    QTRY_COMPARE(panel.model()->rowCount(), 1);
    QCOMPARE(panel.model()->entryAt(0).seq, store.seqAt(1));

    // The details pane lists each violation's path and reason.
    panel.view()->selectRow(0);
    DetailsPane *details = panel.details();
    QTRY_VERIFY(details->hasEntry());
    QVERIFY(details->tabs()->isTabVisible(details->contractTabIndex()));
    QCOMPARE(details->tabs()->tabText(details->contractTabIndex()), QStringLiteral("Contract (2)"));
    details->tabs()->setCurrentIndex(details->contractTabIndex());
    QTreeWidget *list = details->contractView()->violationList();
    QCOMPARE(list->topLevelItemCount(), 2);
    QStringList paths{list->topLevelItem(0)->text(0), list->topLevelItem(1)->text(0)};
    paths.sort();
    QCOMPARE(paths, (QStringList{QStringLiteral("$.id"), QStringLiteral("$.status")}));
    QVERIFY(!list->topLevelItem(0)->text(1).isEmpty());
    QVERIFY(details->contractView()->summary().startsWith(QStringLiteral("Violates")));
    if (qEnvironmentVariableIsSet("CS_CONTRACTS_SCREENSHOT"))
        panel.grab().save(qEnvironmentVariable("CS_CONTRACTS_SCREENSHOT"));

    // Contracts off: the filter reruns and nothing violates any more.
    ViolationIndex::of(store)->setContracts(nullptr);
    QTRY_COMPARE(panel.model()->rowCount(), 0);

    // Infer from the good payload, save into a folder: a contract that loads and accepts it.
    panel.filterBar()->lineEdit()->setText(QString());
    QTest::keyClick(panel.filterBar()->lineEdit(), Qt::Key_Return);
    QTRY_COMPARE(panel.model()->rowCount(), 3);
    panel.view()->selectRow(0);
    QTRY_COMPARE(details->entry()->seq, store.seqAt(0));
    QVERIFY(details->contractView()->inferButton()->isEnabled());
    details->contractView()->inferButton()->click();
    auto *dialog = details->findChild<InferSchemaDialog *>();
    QVERIFY(dialog);
    QCOMPARE(dialog->fileName(), QStringLiteral("order-created.schema.json"));
    QTemporaryDir dir;
    const QString path = dialog->saveInto(dir.path());
    QVERIFY2(!path.isEmpty(), qPrintable(dialog->message()));
    const auto loaded = loadContractFolder(dir.path());
    QVERIFY(loaded);
    QCOMPARE(loaded->contracts().size(), 1);
    QVERIFY(loaded->validate(QStringLiteral("order-created"), QStringLiteral("orders"), store.at(0).data()).isEmpty());
    QVERIFY(!loaded->validate(QStringLiteral("order-created"), QStringLiteral("orders"), store.at(1).data()).isEmpty());
    dialog->close();
}

QTEST_MAIN(TestGuiContracts)
#include "tst_gui_contracts.moc"
