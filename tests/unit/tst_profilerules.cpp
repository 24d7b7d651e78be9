// Whether the profile editor may save: one row per rule that blocks (or does not block) Save,
// and the field each message belongs under (ProfileField, shared with the editor).
#include "profilefield.h"
#include "profilerules.h"

#include <QTest>

#include <functional>
#include <optional>

using namespace cs;

using Mutation = std::function<void(Profile &)>;
Q_DECLARE_METATYPE(Mutation)
using MaybeField = std::optional<ProfileField>;  // none: may be saved
Q_DECLARE_METATYPE(MaybeField)

namespace {

Profile soketiProfile()
{
    Profile p = Profile::create(QStringLiteral("Local"), ServerPreset::Soketi);
    p.credentials.appId = QStringLiteral("app-id");
    p.credentials.key = QStringLiteral("app-key");
    p.credentials.secret = QStringLiteral("app-secret");
    return p;
}

}  // namespace

class TestProfileRules : public QObject {
    Q_OBJECT

private slots:
    void canSave_data();
    void canSave();
    void warningsNeverBlock();
    void authErrorsAreNamed();
    void fieldNamesAreTheEditorsObjectNames();
};

void TestProfileRules::canSave_data()
{
    QTest::addColumn<Mutation>("mutate");
    QTest::addColumn<QString>("userInfoText");
    QTest::addColumn<MaybeField>("field");

    const auto none = [](Profile &) {};
    QTest::newRow("valid") << Mutation(none) << QString() << MaybeField();
    QTest::newRow("user info object") << Mutation([](Profile &p) { p.identity.userId = QStringLiteral("u1"); })
                                      << "{\"name\": \"Ada\"}" << MaybeField();
    QTest::newRow("no name") << Mutation([](Profile &p) { p.name.clear(); }) << QString()
                             << MaybeField(ProfileField::Name);
    QTest::newRow("no key") << Mutation([](Profile &p) { p.credentials.key.clear(); }) << QString()
                            << MaybeField(ProfileField::Key);
    QTest::newRow("app id with slash") << Mutation([](Profile &p) { p.credentials.appId = QStringLiteral("1/2"); })
                                       << QString() << MaybeField(ProfileField::AppId);
    QTest::newRow("secret with space") << Mutation([](Profile &p) { p.credentials.secret = QStringLiteral("a b"); })
                                       << QString() << MaybeField(ProfileField::Secret);
    QTest::newRow("no host") << Mutation([](Profile &p) { p.credentials.host.clear(); }) << QString()
                             << MaybeField(ProfileField::Host);
    QTest::newRow("bad cluster") << Mutation([](Profile &p) {
        p.applyPreset(ServerPreset::Pusher);
        p.credentials.cluster = QStringLiteral("e u");
    }) << QString() << MaybeField(ProfileField::Cluster);
    QTest::newRow("rest host with scheme")
        << Mutation([](Profile &p) { p.credentials.restHost = QStringLiteral("https://x"); }) << QString()
        << MaybeField(ProfileField::RestHost);
    QTest::newRow("path prefix with #") << Mutation([](Profile &p) {
        p.credentials.pathPrefix = QStringLiteral("/a#b");
    }) << QString() << MaybeField(ProfileField::PathPrefix);
    QTest::newRow("bad master key") << Mutation([](Profile &p) {
        p.credentials.encryptionMasterKeyBase64 = "c2hvcnQ=";
    }) << QString() << MaybeField(ProfileField::MasterKey);
    QTest::newRow("bad pinned certificate")
        << Mutation([](Profile &p) { p.credentials.pinnedSha256 = QStringLiteral("AB:CD"); }) << QString()
        << MaybeField(ProfileField::PinnedSha256);
    QTest::newRow("user info without id") << Mutation([](Profile &p) {
        p.identity.userInfo = {{QStringLiteral("n"), 1}};
    }) << QString() << MaybeField(ProfileField::UserId);
    QTest::newRow("user info text not JSON") << Mutation(none) << "{name: Ada}" << MaybeField(ProfileField::UserInfo);
    QTest::newRow("user info text not an object") << Mutation(none) << "[1]" << MaybeField(ProfileField::UserInfo);
    QTest::newRow("endpoint without URL")
        << Mutation([](Profile &p) { p.auth.channelMode = AuthSettings::Mode::Endpoint; }) << QString()
        << MaybeField(ProfileField::ChannelAuthUrl);
    QTest::newRow("endpoint with bad method") << Mutation([](Profile &p) {
        p.auth.userMode = AuthSettings::Mode::Endpoint;
        p.auth.userEndpoint.url = QUrl(QStringLiteral("https://example.test/auth"));
        p.auth.userEndpoint.method = "PUT";
    }) << QString() << MaybeField(ProfileField::UserAuthMethod);
}

void TestProfileRules::canSave()
{
    QFETCH(Mutation, mutate);
    QFETCH(QString, userInfoText);
    QFETCH(MaybeField, field);
    Profile p = soketiProfile();
    mutate(p);
    const ProfileReview review = reviewProfile(p, userInfoText);
    const Status status = canSaveProfile(p, userInfoText);
    QCOMPARE(canSaveProfile(review).ok(), status.ok());
    if (!field) {
        QVERIFY2(status.ok(), qPrintable(review.errors.values().join(u'|')));
        return;
    }
    QVERIFY(!status.ok());
    QCOMPARE(status.error().id(), QStringLiteral("invalid-profile"));
    QVERIFY(status.error().message.contains(QStringLiteral("fields marked in red")));
    QVERIFY2(review.errors.contains(*field), qPrintable(review.errors.values().join(u'|')));
    QVERIFY(!review.errors.value(*field).isEmpty());
}

void TestProfileRules::warningsNeverBlock()
{
    Profile p = soketiProfile();
    p.credentials.secret.clear();
    p.credentials.appId.clear();
    p.credentials.port = 443;
    const ProfileReview review = reviewProfile(p, {});
    QVERIFY(review.warnings.contains(ProfileField::Secret));
    QVERIFY(review.warnings.contains(ProfileField::AppId));
    QVERIFY(review.warnings.contains(ProfileField::Port));
    QVERIFY(review.errors.isEmpty());
    QVERIFY(canSaveProfile(review).ok());
}

void TestProfileRules::authErrorsAreNamed()
{
    Profile p = soketiProfile();
    QVERIFY(!reviewProfile(p, {}).hasAuthError());
    p.auth.channelMode = AuthSettings::Mode::Endpoint;
    QVERIFY(reviewProfile(p, {}).hasAuthError());
    QVERIFY(isAuthField(ProfileField::UserAuthHeaders));
    QVERIFY(isAuthField(ProfileField::ChannelAuth));
    QVERIFY(!isAuthField(ProfileField::UserInfo));
    QVERIFY(!isAuthField(ProfileField::PinnedSha256));
}

// The editor names its widgets and message labels after the fields ("appIdMessage"), and the
// auth sections' names are their profile JSON members.
void TestProfileRules::fieldNamesAreTheEditorsObjectNames()
{
    QCOMPARE(profileFieldName(ProfileField::AppId), QStringLiteral("appId"));
    QCOMPARE(profileFieldName(ProfileField::PinnedSha256), QStringLiteral("pinnedSha256"));
    QCOMPARE(profileFieldName(ProfileField::ChannelAuthUrl), QStringLiteral("channelAuthUrl"));
    QCOMPARE(profileFieldName(ProfileField::UserAuth), QStringLiteral("userAuth"));
    QCOMPARE(authField(true, AuthPart::Headers), AuthField::UserAuthHeaders);
    QCOMPARE(authField(false, AuthPart::Section), AuthField::ChannelAuth);
    QCOMPARE(profileField(AuthField::UserAuthMethod), ProfileField::UserAuthMethod);
    QCOMPARE(authFieldName(AuthField::ChannelAuthParams), QStringLiteral("channelAuthParams"));
}

QTEST_GUILESS_MAIN(TestProfileRules)
#include "tst_profilerules.moc"
