// The tap's pure parts: the REST signature check and its verdicts, what a request to the REST API
// means, the closest occupied names, and the filter's source: and sig: terms.

#include "apicall.h"
#include "logfilter.h"
#include "restcheck.h"
#include "tapsnippets.h"

#include <QJsonArray>
#include <QtTest>

using namespace cs;
using namespace cs::tap;

namespace {

const signer::AppKeys kKeys{QStringLiteral("app-key"), QStringLiteral("app-secret")};
constexpr qint64 kNow = 1'700'000'000;

// A query as an SDK signs it.
QByteArray signedQuery(const signer::AppKeys &keys, const QByteArray &method, const QString &path,
                       const QByteArray &body, qint64 at)
{
    const auto q = signer::signRestRequest(keys, method, path, {}, body, at);
    QByteArray query;
    for (const auto &[k, v] : q->params)
        query += (query.isEmpty() ? "" : "&") + k.toUtf8() + '=' + v.toUtf8();
    return query;
}

}  // namespace

class TstTapUnits : public QObject {
    Q_OBJECT

private slots:
    void restVerdicts_data();
    void restVerdicts();
    void decodesCalls();
    void closestNames();
    void filterTerms();
    void snippetsHaveNoSecret();
};

void TstTapUnits::restVerdicts_data()
{
    QTest::addColumn<QString>("secret");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("signedPath");
    QTest::addColumn<QByteArray>("sentBody");
    QTest::addColumn<qint64>("signedAt");
    QTest::addColumn<QString>("verdict");
    const QString path = QStringLiteral("/apps/1/events");
    const QByteArray body = "{\"name\":\"e\",\"channel\":\"c\",\"data\":\"{}\"}";
    QTest::newRow("valid") << QStringLiteral("app-secret") << QStringLiteral("app-key") << path << body << kNow
                           << QStringLiteral("valid");
    QTest::newRow("other secret") << QStringLiteral("old") << QStringLiteral("app-key") << path << body << kNow
                                  << QStringLiteral("signature-differs");
    QTest::newRow("wrong key") << QStringLiteral("app-secret") << QStringLiteral("other-key") << path << body << kNow
                               << QStringLiteral("wrong-key");
    QTest::newRow("path changed") << QStringLiteral("app-secret") << QStringLiteral("app-key")
                                  << QStringLiteral("/apps/2/events") << body << kNow
                                  << QStringLiteral("signature-differs");
    QTest::newRow("body changed") << QStringLiteral("app-secret") << QStringLiteral("app-key") << path
                                  << QByteArray(body + " ") << kNow << QStringLiteral("body-changed");
    QTest::newRow("clock skew") << QStringLiteral("app-secret") << QStringLiteral("app-key") << path << body
                                << qint64(kNow - 900) << QStringLiteral("clock-skew");
}

void TstTapUnits::restVerdicts()
{
    QFETCH(QString, secret);
    QFETCH(QString, key);
    QFETCH(QString, signedPath);
    QFETCH(QByteArray, sentBody);
    QFETCH(qint64, signedAt);
    QFETCH(QString, verdict);
    const QByteArray body = "{\"name\":\"e\",\"channel\":\"c\",\"data\":\"{}\"}";
    const QByteArray query = signedQuery({key, secret}, "POST", signedPath, body, signedAt);
    const RestSignatureCheck check =
        checkRestSignature(kKeys, "POST", QStringLiteral("/apps/1/events"), query, sentBody, kNow);
    QCOMPARE(verdictName(check.verdict), verdict);
    QVERIFY(!check.summary.isEmpty());
    QCOMPARE(check.valid(), verdict == QLatin1String("valid"));
    QCOMPARE(checkRestSignature(kKeys, "POST", QStringLiteral("/apps/1/events"), "a=1", body, kNow).verdict,
             RestSignatureCheck::Verdict::Unsigned);
}

void TstTapUnits::decodesCalls()
{
    const auto trigger = decodeApiCall(
        "POST", QStringLiteral("/prefix/apps/1/events"),
        "{\"name\":\"paid\",\"channels\":[\"a\",\"b\"],\"data\":\"{\\\"x\\\":1}\",\"socket_id\":\"1.2\",\"info\":\"user_count\"}");
    QCOMPARE(trigger.size(), 1);
    QCOMPARE(trigger[0].call, QStringLiteral("trigger"));
    QCOMPARE(trigger[0].channels, (QStringList{QStringLiteral("a"), QStringLiteral("b")}));
    QCOMPARE(trigger[0].event, QStringLiteral("paid"));
    QCOMPARE(trigger[0].data.toString(), QStringLiteral("{\"x\":1}"));
    QCOMPARE(trigger[0].socketId, QStringLiteral("1.2"));
    QCOMPARE(trigger[0].info, QStringLiteral("user_count"));
    const auto batch = decodeApiCall("POST", QStringLiteral("/apps/1/batch_events"),
                                     "{\"batch\":[{\"channel\":\"a\",\"name\":\"x\",\"data\":\"1\"},"
                                     "{\"channel\":\"b\",\"name\":\"y\",\"data\":\"2\"}]}");
    QCOMPARE(batch.size(), 2);
    QCOMPARE(batch[1].channels, QStringList{QStringLiteral("b")});
    QCOMPARE(batch[1].batchIndex, 1);
    QCOMPARE(decodeApiCall("GET", QStringLiteral("/apps/1/channels"), {})[0].call, QStringLiteral("channels"));
    QCOMPARE(decodeApiCall("GET", QStringLiteral("/apps/1/channels/presence-x"), {})[0].call,
             QStringLiteral("channel"));
    QCOMPARE(decodeApiCall("GET", QStringLiteral("/apps/1/channels/presence-x/users"), {})[0].call,
             QStringLiteral("users"));
    const auto terminate = decodeApiCall("POST", QStringLiteral("/apps/1/users/42/terminate_connections"), {});
    QCOMPARE(terminate[0].call, QStringLiteral("terminate"));
    QCOMPARE(terminate[0].userId, QStringLiteral("42"));
    QCOMPARE(decodeApiCall("GET", QStringLiteral("/health"), {})[0].call, QStringLiteral("http"));
    const auto garbage = decodeApiCall("POST", QStringLiteral("/apps/1/events"), "not json");
    QCOMPARE(garbage[0].call, QStringLiteral("trigger"));
    QVERIFY(!garbage[0].problem.isEmpty());
}

void TstTapUnits::closestNames()
{
    const QStringList occupied{QStringLiteral("private-user-42"), QStringLiteral("orders"),
                               QStringLiteral("private-user-7")};
    QCOMPARE(closestChannels(QStringLiteral("private-user.42"), occupied).value(0), QStringLiteral("private-user-42"));
    QCOMPARE(closestChannels(QStringLiteral("Orders"), occupied), QStringList{QStringLiteral("orders")});
    QVERIFY(closestChannels(QStringLiteral("presence-lobby"), occupied).isEmpty());
}

void TstTapUnits::filterTerms()
{
    LogEntry own = LogEntry::local(EntryKind::Rest, QStringLiteral("main"), {}, QStringLiteral("x"));
    LogEntry api = LogEntry::local(EntryKind::Api, QStringLiteral("api"), {}, QStringLiteral("trigger"),
                                   "{\"signature\":\"signature-differs\"}");
    LogEntry okApi = LogEntry::local(EntryKind::Api, QStringLiteral("api"), {}, QStringLiteral("trigger"),
                                     "{\"signature\":\"valid\"}");
    LogEntry tapped = LogEntry::inbound(EntryKind::Event, QStringLiteral("tap:t1"), {}, "{\"event\":\"e\"}");
    QCOMPARE(entrySource(tapped.kind, tapped.connection), EntrySource::Tap);
    QVERIFY(LogFilter::parse(QStringLiteral("source:own"))->matches(own));
    QVERIFY(LogFilter::parse(QStringLiteral("source:console"))->matches(own));
    QVERIFY(!LogFilter::parse(QStringLiteral("source:tap"))->matches(own));
    QVERIFY(LogFilter::parse(QStringLiteral("source:tap conn:tap:t1"))->matches(tapped));
    QVERIFY(LogFilter::parse(QStringLiteral("source:api,webhook"))->matches(api));
    QVERIFY(LogFilter::parse(QStringLiteral("sig:bad"))->matches(api));
    QVERIFY(!LogFilter::parse(QStringLiteral("sig:bad"))->matches(okApi));
    QVERIFY(!LogFilter::parse(QStringLiteral("sig:bad"))->matches(own));
    QVERIFY(LogFilter::parse(QStringLiteral("kind:api"))->matches(api));
    const auto typo = LogFilter::parse(QStringLiteral("source:tapp"));
    QVERIFY(!typo);
    QVERIFY2(typo.error().message.contains(QStringLiteral("did you mean 'tap'")), qPrintable(typo.error().message));
    QVERIFY(!LogFilter::parse(QStringLiteral("sig:maybe")));
    QCOMPARE(tapped.toJson().value(QStringLiteral("source")).toString(), QStringLiteral("tap"));
    QVERIFY(!own.toJson().contains(QStringLiteral("source")));
}

void TstTapUnits::snippetsHaveNoSecret()
{
    TapAddresses a;
    a.restPort = 6100;
    a.wsPort = 6101;
    a.webhookPort = 6102;
    a.appId = QStringLiteral("1");
    a.key = QStringLiteral("k");
    QVERIFY(envSnippet(a).contains(QStringLiteral("PUSHER_PORT=6100")));
    QVERIFY(pusherJsSnippet(a).contains(QStringLiteral("wsPort: 6101")));
    QVERIFY(pusherJsSnippet(a).contains(QStringLiteral("enabledTransports: ['ws']")));
    QVERIFY(nodeSdkSnippet(a).contains(QStringLiteral("process.env.PUSHER_APP_SECRET")));
    QVERIFY(laravelSnippet(a).contains(QStringLiteral("PUSHER_HOST=127.0.0.1")));
}

QTEST_GUILESS_MAIN(TstTapUnits)
#include "tst_tapunits.moc"
