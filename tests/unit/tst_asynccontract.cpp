// The asynchronous contract of core (docs/architecture.md, "Asynchronous contract"): every
// callback runs exactly once, never before the call that took it returns, and not at all once its
// object is gone. One row per implementation and per answer it knows at once (a local signature,
// a failure found without asking anyone), which are the ones that could slip through synchronously.

#include "authorizer.h"
#include "clientset.h"
#include "deliverytracker.h"
#include "endpointauthorizer.h"
#include "profileauth.h"
#include "profilestore.h"
#include "doctor.h"
#include "restclient.h"
#include "secretstore.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <functional>

using namespace cs;

// Starts one asynchronous call on an object made a child of `owner`; `done` is its callback.
using Start = std::function<void(QObject *owner, std::function<void()> done)>;
Q_DECLARE_METATYPE(Start)

namespace {

const signer::AppKeys kKeys{QStringLiteral("278d425bdf160c739803"), QStringLiteral("7ad3773142a6692b25b8")};

SignerAuthorizer *signerIn(QObject *owner, QByteArray masterKey = {})
{
    return new SignerAuthorizer(kKeys, std::move(masterKey), owner);
}

Secrets withSecret()
{
    Secrets s;
    s.appSecret = QStringLiteral("s");
    return s;
}

EndpointConfig endpoint()
{
    EndpointConfig c;
    c.url = QUrl(QStringLiteral("http://127.0.0.1:9/pusher/auth"));
    return c;
}

Profile profileWith(SecretPolicy policy)
{
    Profile p = Profile::create(QStringLiteral("async"), ServerPreset::Soketi);
    p.credentials.key = QStringLiteral("app-key");
    p.credentials.secret = QStringLiteral("app-secret");
    p.secretPolicy = policy;
    return p;
}

}  // namespace

class TestAsyncContract : public QObject {
    Q_OBJECT

private slots:
    void callbackRunsOnceAfterTheCallReturns_data();
    void callbackRunsOnceAfterTheCallReturns();
    void callbackNeverRunsOnceItsObjectIsGone_data() { callbackRunsOnceAfterTheCallReturns_data(); }
    void callbackNeverRunsOnceItsObjectIsGone();
    void testerEmitsNothingBeforeStartReturns();

private:
    QTemporaryDir m_dir;
};

void TestAsyncContract::callbackRunsOnceAfterTheCallReturns_data()
{
    QTest::addColumn<Start>("start");
    const auto channel = [](const QString &name, PresenceIdentity identity = {}) {
        return ChannelAuthRequest{QStringLiteral("1234.1234"), name, std::move(identity)};
    };

    QTest::newRow("signer: channel signed") << Start([=](QObject *o, auto done) {
        signerIn(o)->authorizeChannel(channel(QStringLiteral("private-foobar")), [done](const auto &r) {
            QVERIFY(r.ok());
            done();
        });
    });
    QTest::newRow("signer: presence without user id") << Start([=](QObject *o, auto done) {
        signerIn(o)->authorizeChannel(channel(QStringLiteral("presence-x")), [done](const auto &r) {
            QVERIFY(!r.ok());
            done();
        });
    });
    QTest::newRow("signer: encrypted without master key") << Start([=](QObject *o, auto done) {
        signerIn(o)->authorizeChannel(channel(QStringLiteral("private-encrypted-x")), [done](const auto &r) {
            QVERIFY(!r.ok());
            done();
        });
    });
    QTest::newRow("signer: user signed") << Start([](QObject *o, auto done) {
        signerIn(o)->authenticateUser(QStringLiteral("1.1"), {QStringLiteral("u1"), {}}, [done](const auto &r) {
            QVERIFY(r.ok());
            done();
        });
    });
    QTest::newRow("signer: sign-in without user id") << Start([](QObject *o, auto done) {
        signerIn(o)->authenticateUser(QStringLiteral("1.1"), {}, [done](const auto &r) {
            QVERIFY(!r.ok());
            done();
        });
    });
    QTest::newRow("routing: channels without a secret") << Start([=](QObject *o, auto done) {
        auto *a = new RoutingAuthorizer(nullptr, nullptr, o);
        a->authorizeChannel(channel(QStringLiteral("private-x")), [done](const auto &r) {
            QCOMPARE(r.error().code, ErrorCode::NoSecret);
            done();
        });
    });
    QTest::newRow("routing: sign-in without a secret") << Start([](QObject *o, auto done) {
        auto *a =
            new RoutingAuthorizer(std::make_unique<EndpointAuthorizer>(endpoint(), std::nullopt, kKeys.key, QString()),
                                  nullptr, o);
        a->authenticateUser(QStringLiteral("1.1"), {QStringLiteral("u1"), {}}, [done](const auto &r) {
            QCOMPARE(r.error().code, ErrorCode::NoSecret);
            done();
        });
    });
    QTest::newRow("endpoint: sign-in without a user endpoint") << Start([](QObject *o, auto done) {
        auto *a = new EndpointAuthorizer(endpoint(), std::nullopt, kKeys.key, QString(), o);
        a->authenticateUser(QStringLiteral("1.1"), {QStringLiteral("u1"), {}}, [done](const auto &r) {
            QCOMPARE(r.error().code, ErrorCode::SigninNoEndpoint);
            done();
        });
    });
    QTest::newRow("memory store: read") << Start([](QObject *o, auto done) {
        auto *store = new MemorySecretStore(o);
        store->preload(QStringLiteral("p"), withSecret());
        store->readSecrets(QStringLiteral("p"), [done](const auto &r) {
            QCOMPARE(r->appSecret, QStringLiteral("s"));
            done();
        });
    });
    QTest::newRow("memory store: write") << Start([](QObject *o, auto done) {
        auto *store = new MemorySecretStore(o);
        store->writeSecrets(QStringLiteral("p"), withSecret(), [done](const Status &s) {
            QVERIFY(s.ok());
            done();
        });
        QCOMPARE(store->stored(QStringLiteral("p")).appSecret, QStringLiteral("s"));  // in place at once
    });
    QTest::newRow("memory store: read, no keychain") << Start([](QObject *o, auto done) {
        auto *store = new MemorySecretStore(o);
        store->setAvailable(false);
        store->readSecrets(QStringLiteral("p"), [done](const auto &r) {
            QVERIFY(!r.ok());
            done();
        });
    });
    QTest::newRow("memory store: write, no keychain") << Start([](QObject *o, auto done) {
        auto *store = new MemorySecretStore(o);
        store->setAvailable(false);
        store->writeSecrets(QStringLiteral("p"), withSecret(), [done](const Status &s) {
            QVERIFY(!s.ok());
            done();
        });
    });
    const QString ini = m_dir.filePath(QStringLiteral("profiles.ini"));
    QTest::newRow("profile store: save, secret in the settings") << Start([ini](QObject *o, auto done) {
        auto *store = new ProfileStore(ini, nullptr, o);
        store->save(profileWith(SecretPolicy::PlainSettings), [done](const Status &s) {
            QVERIFY(s.ok());
            done();
        });
    });
    QTest::newRow("profile store: save, no keychain configured") << Start([ini](QObject *o, auto done) {
        auto *store = new ProfileStore(ini, nullptr, o);
        store->save(profileWith(SecretPolicy::Keychain), [done](const Status &s) {
            QCOMPARE(s.error().code, ErrorCode::KeychainUnavailable);
            done();
        });
    });
    QTest::newRow("profile store: save, session only") << Start([ini](QObject *o, auto done) {
        auto *store = new ProfileStore(ini, nullptr, o);
        store->save(profileWith(SecretPolicy::SessionOnly), [done](const Status &s) {
            QVERIFY(s.ok());
            done();
        });
    });
    QTest::newRow("rest: a trigger without channels") << Start([](QObject *o, auto done) {
        auto *rest = new RestClient(Credentials{}, nullptr, QString(), o);
        rest->trigger(TriggerRequest{}, [done](const RestResponse &r) {
            QVERIFY(!r.networkError.isEmpty());
            done();
        });
    });
    // The delivery matrix: finished() is its callback, emitted once per check.
    QTest::newRow("delivery: a client event from a client not connected") << Start([](QObject *o, auto done) {
        auto *clients = new ClientSet(nullptr, o);
        Client *a = *clients->add({Credentials{}, {}, {}, {}});
        auto *tracker = new DeliveryTracker(clients, o);
        QObject::connect(tracker, &DeliveryTracker::finished, tracker, [done, tracker] {
            QCOMPARE(tracker->sendError().value_or(Error{}).id(), QStringLiteral("not-subscribed"));
            done();
        });
        tracker->clientEvent(a, QStringLiteral("private-x"), QStringLiteral("client-x"), QJsonObject{});
    });
    QTest::newRow("delivery: a trigger without channels") << Start([](QObject *o, auto done) {
        auto *clients = new ClientSet(nullptr, o);
        Client *a = *clients->add({Credentials{}, {}, {}, {}});
        auto *tracker = new DeliveryTracker(clients, o);
        QObject::connect(tracker, &DeliveryTracker::finished, tracker, [done, tracker] {
            QVERIFY(tracker->sendError().has_value());
            done();
        });
        tracker->trigger(a->session()->rest(), TriggerRequest{});
    });
}

void TestAsyncContract::callbackRunsOnceAfterTheCallReturns()
{
    QFETCH(Start, start);
    QObject owner;
    int calls = 0;
    start(&owner, [&calls] { ++calls; });
    QCOMPARE(calls, 0);  // not before the call returned
    QTRY_COMPARE(calls, 1);
    QTest::qWait(20);
    QCOMPARE(calls, 1);  // exactly once
}

void TestAsyncContract::callbackNeverRunsOnceItsObjectIsGone()
{
    QFETCH(Start, start);
    auto owner = std::make_unique<QObject>();
    int calls = 0;
    start(owner.get(), [&calls] { ++calls; });
    owner.reset();
    QTest::qWait(50);
    QCOMPARE(calls, 0);
}

// A profile without a host fails its first check at once: still, nothing is emitted before
// start() returns, and then each check once and finished() once.
void TestAsyncContract::testerEmitsNothingBeforeStartReturns()
{
    Doctor tester;
    QSignalSpy started(&tester, &Doctor::checkStarted);
    QSignalSpy checked(&tester, &Doctor::checkFinished);
    QSignalSpy finished(&tester, &Doctor::finished);
    Profile p = profileWith(SecretPolicy::PlainSettings);
    p.credentials.host.clear();
    tester.start(p);
    QVERIFY(tester.isRunning());
    QCOMPARE(started.size() + checked.size() + finished.size(), 0);
    QTRY_COMPARE(finished.size(), 1);
    QCOMPARE(finished.first().first().toBool(), false);
    QCOMPARE(checked.size(), Doctor::checkIds().size());
    QVERIFY(started.size() <= checked.size());  // skipped checks are not started
    QCOMPARE(started.first().first().toString(), QStringLiteral("dns"));
    QTest::qWait(20);
    QCOMPARE(finished.size(), 1);

    // Cancelled before it began: nothing at all.
    tester.start(p);
    tester.cancel();
    QTest::qWait(20);
    QCOMPARE(finished.size(), 1);
}

QTEST_GUILESS_MAIN(TestAsyncContract)
#include "tst_asynccontract.moc"
