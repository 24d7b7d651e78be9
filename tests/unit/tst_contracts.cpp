// Payload contracts: what a schema accepts and each kind of violation with its path, glob
// matching by event and channel, the folder loader's clear errors for broken files, schema
// inference round trips, and the log side (ViolationIndex and the violates: filter term).

#include "contractloader.h"
#include "logfilter.h"
#include "logfixtures.h"
#include "logstore.h"
#include "schemainfer.h"
#include "violationindex.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace cs;

namespace {

QJsonObject obj(const char *json) { return QJsonDocument::fromJson(QByteArray(json)).object(); }

QJsonValue val(const char *json) { return QJsonDocument::fromJson(QByteArray("[") + json + "]").array().first(); }

const char *kOrderSchema = R"({
  "type": "object",
  "required": ["id", "status", "items"],
  "additionalProperties": false,
  "properties": {
    "id": {"type": "integer", "minimum": 1, "maximum": 1000000},
    "status": {"enum": ["new", "paid", "shipped"]},
    "sku": {"type": "string", "pattern": "^[A-Z]{3}-[0-9]+$", "minLength": 5, "maxLength": 12},
    "items": {"type": "array", "minItems": 1,
              "items": {"type": "object", "required": ["sku", "qty"],
                        "properties": {"sku": {"type": "string"}, "qty": {"type": "integer", "minimum": 1}}}}
  }
})";

Contract orderContract()
{
    auto c = Contract::compile(QStringLiteral("order-*"), obj(kOrderSchema));
    if (!c)
        qFatal("the order schema does not compile: %s", qPrintable(c.error().message));
    return *c;
}

void writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(bytes);
}

}  // namespace

class TestContracts : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void validPayloadHasNoViolations();
    void violations_data();
    void violations();
    void globs_data();
    void globs();
    void invalidSchemaIsAnError_data();
    void invalidSchemaIsAnError();
    void folderLoader();
    void missingFolder();
    void inference();
    void violationIndexAndFilter();
    void tappedTriggersAreChecked();
};

void TestContracts::validPayloadHasNoViolations()
{
    const Contract c = orderContract();
    QVERIFY(c.validate(val(R"({"id": 7, "status": "paid", "items": [{"sku": "ABC-1", "qty": 2}]})")).isEmpty());
}

void TestContracts::violations_data()
{
    QTest::addColumn<QString>("payload");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("messagePart");
    const QString base = QStringLiteral(R"("status": "paid", "items": [{"sku": "ABC-1", "qty": 2}])");
    QTest::newRow("type") << QStringLiteral(R"({"id": "7", %1})").arg(base) << QStringLiteral("$.id")
                          << QStringLiteral("type");
    QTest::newRow("required") << QStringLiteral(R"({"status": "paid", "items": [{"sku": "A", "qty": 1}]})")
                              << QStringLiteral("$") << QStringLiteral("id");
    QTest::newRow("enum") << QStringLiteral(R"({"id": 7, "status": "lost", "items": [{"sku": "A", "qty": 1}]})")
                          << QStringLiteral("$.status") << QStringLiteral("enum");
    QTest::newRow("pattern") << QStringLiteral(R"({"id": 7, "sku": "abc-12", %1})").arg(base) << QStringLiteral("$.sku")
                             << QStringLiteral("pattern");
    QTest::newRow("minimum") << QStringLiteral(R"({"id": 0, %1})").arg(base) << QStringLiteral("$.id")
                             << QStringLiteral("greater than or equal to 1");
    QTest::newRow("maximum") << QStringLiteral(R"({"id": 2000000, %1})").arg(base) << QStringLiteral("$.id")
                             << QStringLiteral("less than or equal to 1000000");
    QTest::newRow("maxLength") << QStringLiteral(R"({"id": 7, "sku": "ABC-1234567890", %1})").arg(base)
                               << QStringLiteral("$.sku") << QStringLiteral("length");
    QTest::newRow("additionalProperties") << QStringLiteral(R"({"id": 7, "extra": 1, %1})").arg(base)
                                          << QStringLiteral("$") << QStringLiteral("additional");
    QTest::newRow("nested type") << QStringLiteral(R"({"id": 7, "status": "new", "items": [{"sku": "A", "qty": "2"}]})")
                                 << QStringLiteral("$.items[0].qty") << QStringLiteral("type");
    QTest::newRow("nested required") << QStringLiteral(
        R"({"id": 7, "status": "new", "items": [{"qty": 1}, {"sku": "B", "qty": 1}]})")
                                     << QStringLiteral("$.items[0]") << QStringLiteral("sku");
    QTest::newRow("minItems") << QStringLiteral(R"({"id": 7, "status": "new", "items": []})")
                              << QStringLiteral("$.items") << QStringLiteral("fewer than 1");
    QTest::newRow("not an object") << QStringLiteral(R"("just text")") << QStringLiteral("$") << QStringLiteral("type");
}

void TestContracts::violations()
{
    QFETCH(QString, payload);
    QFETCH(QString, path);
    QFETCH(QString, messagePart);
    const Contract c = orderContract();
    const QList<Violation> v = c.validate(QJsonDocument::fromJson("[" + payload.toUtf8() + "]").array().first());
    QVERIFY2(!v.isEmpty(), qPrintable(payload));
    QString all;
    bool found = false;
    for (const Violation &one : v) {
        all += one.path + QStringLiteral(": ") + one.message + QStringLiteral("\n");
        QCOMPARE(one.contract, QStringLiteral("order-*"));
        if (one.path == path && one.message.contains(messagePart, Qt::CaseInsensitive))
            found = true;
    }
    QVERIFY2(found, qPrintable(all));
}

void TestContracts::globs_data()
{
    QTest::addColumn<QString>("eventGlob");
    QTest::addColumn<QString>("channelGlob");
    QTest::addColumn<QString>("event");
    QTest::addColumn<QString>("channel");
    QTest::addColumn<bool>("matches");
    QTest::newRow("exact") << "order-created"
                           << ""
                           << "order-created"
                           << "any" << true;
    QTest::newRow("exact other") << "order-created"
                                 << ""
                                 << "order-created2"
                                 << "any" << false;
    QTest::newRow("star") << "order-*"
                          << ""
                          << "order-paid"
                          << "x" << true;
    QTest::newRow("star needs prefix") << "order-*"
                                       << ""
                                       << "my-order-paid"
                                       << "x" << false;
    QTest::newRow("question") << "order-?"
                              << ""
                              << "order-1"
                              << "x" << true;
    QTest::newRow("case-sensitive") << "order-*"
                                    << ""
                                    << "Order-paid"
                                    << "x" << false;
    QTest::newRow("regex chars literal") << "a.b"
                                         << ""
                                         << "axb"
                                         << "x" << false;
    QTest::newRow("channel matches") << "order-*"
                                     << "private-orders-*"
                                     << "order-paid"
                                     << "private-orders-eu" << true;
    QTest::newRow("channel differs") << "order-*"
                                     << "private-orders-*"
                                     << "order-paid"
                                     << "public-orders" << false;
}

void TestContracts::globs()
{
    QFETCH(QString, eventGlob);
    QFETCH(QString, channelGlob);
    QFETCH(QString, event);
    QFETCH(QString, channel);
    QFETCH(bool, matches);
    QJsonObject schema{{QStringLiteral("type"), QStringLiteral("object")}};
    if (!channelGlob.isEmpty())
        schema.insert(Contract::kChannelKeyword, channelGlob);
    const auto c = Contract::compile(eventGlob, schema);
    QVERIFY(c);
    QCOMPARE(c->matches(event, channel), matches);
    ContractSet set;
    set.add(*c);
    QCOMPARE(set.applies(event, channel), matches);
    QCOMPARE(set.validate(event, channel, QJsonValue(3)).isEmpty(), !matches);  // 3 is not an object
}

void TestContracts::invalidSchemaIsAnError_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("messagePart");
    QTest::newRow("bad json") << QByteArray("{\n  \"type\": \"object\",\n  \"required\" [\"id\"]\n}")
                              << QStringLiteral("Line 3");
    QTest::newRow("empty") << QByteArray("") << QString();
    QTest::newRow("not an object") << QByteArray("[1, 2]") << QString();
    QTest::newRow("unknown type") << QByteArray(R"({"type": "strng"})") << QStringLiteral("draft-7");
    QTest::newRow("required not array") << QByteArray(R"({"required": "id"})") << QStringLiteral("draft-7");
    QTest::newRow("minimum not number") << QByteArray(R"({"minimum": "one"})") << QStringLiteral("draft-7");
    QTest::newRow("remote ref") << QByteArray(R"({"$ref": "https://example.com/s.json"})") << QStringLiteral("draft-7");
    QTest::newRow("bad x-channel") << QByteArray(R"({"x-channel": 5})") << QStringLiteral("x-channel");
}

void TestContracts::invalidSchemaIsAnError()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, messagePart);
    const auto c = parseContract(QStringLiteral("order-*"), text);
    QVERIFY(!c);
    QCOMPARE(c.error().id(), QStringLiteral("invalid-contract"));
    QVERIFY(!c.error().message.isEmpty());
    QVERIFY2(c.error().message.contains(messagePart), qPrintable(c.error().message));
}

void TestContracts::folderLoader()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    writeFile(dir.filePath(QStringLiteral("order-*.schema.json")), kOrderSchema);
    writeFile(dir.filePath(QStringLiteral("client-typing.schema.json")),
              R"({"type": "object", "x-channel": "private-chat-*", "required": ["typing"]})");
    writeFile(dir.filePath(QStringLiteral("broken.schema.json")), "{\"type\": ");
    writeFile(dir.filePath(QStringLiteral("README.md")), "not a contract");
    QDir(dir.path()).mkdir(QStringLiteral("sub.schema.json"));

    const auto set = loadContractFolder(dir.path());
    QVERIFY(set);
    QCOMPARE(set->contracts().size(), 2);
    QCOMPARE(set->contracts().at(0).eventGlob(), QStringLiteral("client-typing"));
    QCOMPARE(set->contracts().at(0).channelGlob(), QStringLiteral("private-chat-*"));
    QCOMPARE(set->contracts().at(0).name(), QStringLiteral("client-typing on private-chat-*"));
    QCOMPARE(set->contracts().at(1).eventGlob(), QStringLiteral("order-*"));
    QCOMPARE(set->problems().size(), 1);
    QVERIFY(set->problems().first().error.message.startsWith(QStringLiteral("broken.schema.json: Line 1")));
    const Status all = requireAllLoaded(*set);
    QVERIFY(!all);
    QCOMPARE(all.error().id(), QStringLiteral("invalid-contract"));
    QVERIFY(all.error().message.contains(QStringLiteral("broken.schema.json")));

    QCOMPARE(eventGlobOfFile(QStringLiteral("order-*.schema.json")), QStringLiteral("order-*"));
    QCOMPARE(contractFileName(QStringLiteral("a/b")), QStringLiteral("a_b.schema.json"));
}

void TestContracts::missingFolder()
{
    const auto set = loadContractFolder(QStringLiteral("/nonexistent/contracts"));
    QVERIFY(!set);
    QCOMPARE(set.error().id(), QStringLiteral("contract-folder"));
}

void TestContracts::inference()
{
    const QJsonValue payload =
        val(R"({"id": 7, "price": 9.5, "tags": ["a", "b"], "customer": {"name": "Ann", "vip": false},
               "lines": [{"sku": "A", "qty": 1}, {"sku": "B", "qty": 2, "note": "x"}], "gone": null})");
    const QJsonObject schema = inferSchema(payload, QStringLiteral("order-created"));
    QCOMPARE(schema.value(QLatin1StringView("title")).toString(), QStringLiteral("order-created"));
    QCOMPARE(
        schema.value(QLatin1StringView("properties"))[QLatin1StringView("id")][QLatin1StringView("type")].toString(),
        QStringLiteral("integer"));
    const auto c = Contract::compile(QStringLiteral("order-created"), schema);
    QVERIFY2(c, c ? "" : qPrintable(c.error().message));
    QVERIFY(c->validate(payload).isEmpty());

    QJsonObject missing = payload.toObject();
    missing.remove(QStringLiteral("customer"));
    QVERIFY(!c->validate(missing).isEmpty());

    QJsonObject nestedMissing = payload.toObject();
    QJsonObject customer = nestedMissing.value(QLatin1StringView("customer")).toObject();
    customer.remove(QStringLiteral("name"));
    nestedMissing.insert(QStringLiteral("customer"), customer);
    const QList<Violation> v = c->validate(nestedMissing);
    QVERIFY(!v.isEmpty());
    QCOMPARE(v.first().path, QStringLiteral("$.customer"));

    QJsonObject wrongType = payload.toObject();
    wrongType.insert(QStringLiteral("tags"), QStringLiteral("a"));
    QVERIFY(!c->validate(wrongType).isEmpty());

    // The optional "note" seen in only one element of "lines" is not required.
    QJsonObject fewer = payload.toObject();
    fewer.insert(QStringLiteral("lines"),
                 QJsonArray{QJsonObject{{QStringLiteral("sku"), QStringLiteral("C")}, {QStringLiteral("qty"), 3}}});
    QVERIFY(c->validate(fewer).isEmpty());
}

void TestContracts::violationIndexAndFilter()
{
    LogStore store;
    const auto good =
        test::frameEntry(Direction::In, EntryKind::Event, QStringLiteral("orders"), QStringLiteral("order-created"),
                         R"({"event":"order-created","channel":"orders","data":"{\"id\":1}"})");
    const auto bad =
        test::frameEntry(Direction::In, EntryKind::Event, QStringLiteral("orders"), QStringLiteral("order-created"),
                         R"({"event":"order-created","channel":"orders","data":"{\"id\":\"x\"}"})");
    const auto other = test::frameEntry(Direction::In, EntryKind::Event, QStringLiteral("orders"),
                                        QStringLiteral("ping"), R"({"event":"ping","channel":"orders","data":"3"})");
    store.append(good);
    store.append(bad);
    store.append(other);
    store.flush();

    auto violates = [&](const QString &text) {
        QList<int> rows;
        const auto filter = LogFilter::parse(text);
        if (!filter)
            qFatal("%s", qPrintable(filter.error().message));
        for (int row = 0; row < store.size(); ++row) {
            if (filter->matches(store, row))
                rows.append(row);
        }
        return rows;
    };
    // No contracts: nothing violates, and no index exists.
    QVERIFY(!ViolationIndex::of(store));
    QCOMPARE(violates(QStringLiteral("violates:any")), QList<int>{});
    QCOMPARE(violates(QStringLiteral("-violates:any")), (QList<int>{0, 1, 2}));

    auto set = std::make_shared<ContractSet>();
    set->add(*Contract::compile(QStringLiteral("order-*"),
                                obj(R"({"type":"object","properties":{"id":{"type":"integer"}}})")));
    ViolationIndex *index = ViolationIndex::ensure(&store);
    QSignalSpy changed(index, &ViolationIndex::contractsChanged);
    index->setContracts(set);
    QCOMPARE(changed.count(), 1);
    QVERIFY(index->violationsAt(0).isEmpty());
    QCOMPARE(index->violationsAt(1).size(), 1);
    QCOMPARE(index->violationsAt(1).first().path, QStringLiteral("$.id"));
    QVERIFY(index->violationsAt(2).isEmpty());

    QCOMPARE(violates(QStringLiteral("violates:any")), QList<int>{1});
    QCOMPARE(violates(QStringLiteral("violates:order-*")), QList<int>{1});
    QCOMPARE(violates(QStringLiteral("violates:order-created")), QList<int>{1});
    QCOMPARE(violates(QStringLiteral("violates:other")), QList<int>{});
    QCOMPARE(violates(QStringLiteral("-violates:any kind:event")), (QList<int>{0, 2}));

    // Unknown field names still suggest, now including violates.
    const auto typo = LogFilter::parse(QStringLiteral("violate:any"));
    QVERIFY(!typo);
    QVERIFY(typo.error().message.contains(QStringLiteral("violates")));

    index->setContracts(nullptr);
    QCOMPARE(violates(QStringLiteral("violates:any")), QList<int>{});
}

// A backend's trigger seen by the REST tap is checked too: its data as sent (a JSON string, as
// the SDKs send it), decoded the way subscribers will decode it.
void TestContracts::tappedTriggersAreChecked()
{
    auto set = std::make_shared<ContractSet>();
    set->add(*Contract::compile(QStringLiteral("order-*"),
                                obj(R"({"type":"object","required":["id"],"properties":{"id":{"type":"integer"}}})")));
    LogStore store;
    auto api = [](const QByteArray &details) {
        LogEntry e = test::localEntry(EntryKind::Api, QStringLiteral("trigger order-created on orders"), details);
        e.channel = QStringLiteral("orders");
        e.event = QStringLiteral("order-created");
        return e;
    };
    store.append(api(R"({"call":"trigger","channels":["orders"],"data":"{\"id\":7}"})"));
    store.append(api(R"({"call":"trigger","channels":["orders"],"data":"{\"id\":\"7\"}"})"));
    store.append(api(R"({"call":"trigger","channels":["orders"],"data":{"name":"no id"}})"));
    store.flush();
    ViolationIndex *index = ViolationIndex::ensure(&store);
    index->setContracts(set);
    QVERIFY(index->violationsAt(0).isEmpty());
    QCOMPARE(index->violationsAt(1).size(), 1);
    QCOMPARE(index->violationsAt(1).first().path, QStringLiteral("$.id"));
    QCOMPARE(index->violationsAt(2).size(), 1);
}

QTEST_GUILESS_MAIN(TestContracts)
#include "tst_contracts.moc"
