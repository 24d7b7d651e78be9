// Whether the profile editor may save: one row per rule that blocks (or does not block) Save,
// and the field each message belongs under, named by the shared constants of profilefieldnames.h.
#include "profilefieldnames.h"
#include "profilerules.h"

#include <QTest>

#include <functional>

using namespace cs;

using Mutation = std::function<void(Profile &)>;
Q_DECLARE_METATYPE(Mutation)

namespace {

Profile soketiProfile()
{
    Profile p = Profile::create(QStringLiteral("Local"), ServerPreset::Soketi);
    p.credentials.appId = QStringLiteral("app-id");
    p.credentials.key = QStringLiteral("app-key");
    p.credentials.secret = QStringLiteral("app-secret");
    return p;
}

} // namespace

class TestProfileRules : public QObject {
    Q_OBJECT

private slots:
    void canSave_data();
    void canSave();
    void warningsNeverBlock();
    void authErrorsAreNamed();
};

void TestProfileRules::canSave_data()
{
    QTest::addColumn<Mutation>("mutate");
    QTest::addColumn<QString>("userInfoText");
    QTest::addColumn<QString>("field");  // empty: may be saved

    const auto none = [](Profile &) {};
    QTest::newRow("valid") << Mutation(none) << QString() << QString();
    QTest::newRow("user info object") << Mutation([](Profile &p) { p.identity.userId = QStringLiteral("u1"); })
                                      << "{\"name\": \"Ada\"}" << QString();
    QTest::newRow("no name") << Mutation([](Profile &p) { p.name.clear(); }) << QString() << QString(profilefield::Name);
    QTest::newRow("no key") << Mutation([](Profile &p) { p.credentials.key.clear(); }) << QString() << QString(profilefield::Key);
    QTest::newRow("app id with slash") << Mutation([](Profile &p) { p.credentials.appId = QStringLiteral("1/2"); }) << QString()
                                       << QString(profilefield::AppId);
    QTest::newRow("secret with space") << Mutation([](Profile &p) { p.credentials.secret = QStringLiteral("a b"); }) << QString()
                                       << QString(profilefield::Secret);
    QTest::newRow("no host") << Mutation([](Profile &p) { p.credentials.host.clear(); }) << QString() << QString(profilefield::Host);
    QTest::newRow("bad cluster") << Mutation([](Profile &p) { p.applyPreset(ServerPreset::Pusher); p.credentials.cluster = QStringLiteral("e u"); })
                                 << QString() << QString(profilefield::Cluster);
    QTest::newRow("rest host with scheme") << Mutation([](Profile &p) { p.credentials.restHost = QStringLiteral("https://x"); })
                                           << QString() << QString(profilefield::RestHost);
    QTest::newRow("path prefix with #") << Mutation([](Profile &p) { p.credentials.pathPrefix = QStringLiteral("/a#b"); })
                                        << QString() << QString(profilefield::PathPrefix);
    QTest::newRow("bad master key") << Mutation([](Profile &p) { p.credentials.encryptionMasterKeyBase64 = "c2hvcnQ="; })
                                    << QString() << QString(profilefield::MasterKey);
    QTest::newRow("bad pinned certificate") << Mutation([](Profile &p) { p.credentials.pinnedSha256 = QStringLiteral("AB:CD"); })
                                            << QString() << QString(profilefield::PinnedSha256);
    QTest::newRow("user info without id") << Mutation([](Profile &p) { p.identity.userInfo = {{QStringLiteral("n"), 1}}; })
                                          << QString() << QString(profilefield::UserId);
    QTest::newRow("user info text not JSON") << Mutation(none) << "{name: Ada}" << QString(profilefield::UserInfo);
    QTest::newRow("user info text not an object") << Mutation(none) << "[1]" << QString(profilefield::UserInfo);
    QTest::newRow("endpoint without URL") << Mutation([](Profile &p) { p.auth.channelMode = AuthSettings::Mode::Endpoint; })
                                          << QString() << authfield::name(authfield::ChannelAuth, authfield::Url);
    QTest::newRow("endpoint with bad method") << Mutation([](Profile &p) {
        p.auth.userMode = AuthSettings::Mode::Endpoint;
        p.auth.userEndpoint.url = QUrl(QStringLiteral("https://example.test/auth"));
        p.auth.userEndpoint.method = "PUT";
    }) << QString() << authfield::name(authfield::UserAuth, authfield::Method);
}

void TestProfileRules::canSave()
{
    QFETCH(Mutation, mutate);
    QFETCH(QString, userInfoText);
    QFETCH(QString, field);
    Profile p = soketiProfile();
    mutate(p);
    const ProfileReview review = reviewProfile(p, userInfoText);
    const Status status = canSaveProfile(p, userInfoText);
    QCOMPARE(canSaveProfile(review).ok(), status.ok());
    if (field.isEmpty()) {
        QVERIFY2(status.ok(), qPrintable(review.errors.values().join(u'|')));
        return;
    }
    QVERIFY(!status.ok());
    QCOMPARE(status.error().id(), QStringLiteral("invalid-profile"));
    QVERIFY(status.error().message.contains(QStringLiteral("fields marked in red")));
    QVERIFY2(review.errors.contains(field), qPrintable(review.errors.keys().join(u',')));
    QVERIFY(!review.errors.value(field).isEmpty());
}

void TestProfileRules::warningsNeverBlock()
{
    Profile p = soketiProfile();
    p.credentials.secret.clear();
    p.credentials.appId.clear();
    p.credentials.port = 443;
    const ProfileReview review = reviewProfile(p, {});
    QVERIFY(review.warnings.contains(profilefield::Secret));
    QVERIFY(review.warnings.contains(profilefield::AppId));
    QVERIFY(review.warnings.contains(profilefield::Port));
    QVERIFY(review.errors.isEmpty());
    QVERIFY(canSaveProfile(review).ok());
}

void TestProfileRules::authErrorsAreNamed()
{
    Profile p = soketiProfile();
    QVERIFY(!reviewProfile(p, {}).hasAuthError());
    p.auth.channelMode = AuthSettings::Mode::Endpoint;
    QVERIFY(reviewProfile(p, {}).hasAuthError());
    QVERIFY(authfield::isAuthField(QStringLiteral("userAuthHeaders")));
    QVERIFY(!authfield::isAuthField(profilefield::UserInfo));
}

QTEST_GUILESS_MAIN(TestProfileRules)
#include "tst_profilerules.moc"
