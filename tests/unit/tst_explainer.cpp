// The signature explainer and the credential masking, over the SDK vectors of protocol reference §7.3.

#include "explainer.h"
#include "redact.h"
#include "signer.h"

#include <QtTest>

using namespace cs;
using Verdict = SignatureExplanation::Verdict;

Q_DECLARE_METATYPE(cs::SignatureExplanation::Verdict)

namespace {

const signer::AppKeys kKeys{QStringLiteral("aaaa"), QStringLiteral("tofu")};

QByteArray sign(const QString &secret, const QByteArray &stringToSign, const QByteArray &key = "aaaa")
{
    return key + ':' + signer::hmacSha256Hex(secret.toUtf8(), stringToSign);
}

} // namespace

class TestExplainer : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void channelAuth_data()
    {
        QTest::addColumn<QString>("socketId");
        QTest::addColumn<QString>("channel");
        QTest::addColumn<QByteArray>("channelData");
        QTest::addColumn<QByteArray>("auth");
        QTest::addColumn<Verdict>("verdict");
        QTest::addColumn<QString>("summaryContains");

        QTest::newRow("match (node vector)")
            << "123.456" << "test" << QByteArray()
            << QByteArray("aaaa:efa6cf7644a0b35cba36aa0f776f3cbf7bb60e95ea2696bde1dbe8403b61bd7c") << Verdict::Match
            << "matches";
        QTest::newRow("presence match")
            << "123.456" << "presence-x" << QByteArray("{\"user_id\":\"1\"}")
            << sign("tofu", "123.456:presence-x:{\"user_id\":\"1\"}") << Verdict::Match << "matches";
        QTest::newRow("wrong key prefix")
            << "123.456" << "test" << QByteArray()
            << QByteArray("1234:efa6cf7644a0b35cba36aa0f776f3cbf7bb60e95ea2696bde1dbe8403b61bd7c") << Verdict::WrongKey
            << "signed for app key \"1234\", but this profile's key is \"aaaa\"";
        QTest::newRow("secret differs")
            << "123.456" << "test" << QByteArray() << sign("not-tofu", "123.456:test") << Verdict::SecretDiffers
            << "different secret";
        QTest::newRow("channel_data re-serialized (spacing)")
            << "123.456" << "presence-x" << QByteArray("{\"user_id\":\"1\"}")
            << sign("tofu", "123.456:presence-x:{\"user_id\": \"1\"}") << Verdict::ChannelDataDiffers
            << "channel_data was re-serialized after signing: spacing differs";
        QTest::newRow("channel_data re-serialized (key order)")
            << "123.456" << "presence-x" << QByteArray("{\"user_info\":{\"a\":1},\"user_id\":\"1\"}")
            << sign("tofu", "123.456:presence-x:{\"user_id\":\"1\",\"user_info\":{\"a\":1}}") << Verdict::ChannelDataDiffers
            << "key order";
        QTest::newRow("malformed: no colon") << "123.456" << "test" << QByteArray() << QByteArray("efa6cf76")
                                             << Verdict::Malformed << "not \"<app key>:";
        QTest::newRow("malformed: short hex") << "123.456" << "test" << QByteArray() << QByteArray("aaaa:efa6")
                                              << Verdict::Malformed << "64 lowercase hex";
        QTest::newRow("malformed: empty") << "123.456" << "test" << QByteArray() << QByteArray() << Verdict::Malformed
                                          << "empty";
    }

    void channelAuth()
    {
        QFETCH(QString, socketId);
        QFETCH(QString, channel);
        QFETCH(QByteArray, channelData);
        QFETCH(QByteArray, auth);
        QFETCH(Verdict, verdict);
        QFETCH(QString, summaryContains);

        const SignatureExplanation e = explainChannelAuth(kKeys, socketId, channel, channelData, auth);
        QVERIFY2(e.verdict == verdict, qPrintable(verdictName(e.verdict) + QStringLiteral(": ") + e.summary));
        QVERIFY2(e.summary.contains(summaryContains), qPrintable(e.summary));
        QVERIFY(!e.summary.contains(u'\n'));
        QCOMPARE(e.received, auth);
        QCOMPARE(e.stringToSign, signer::channelStringToSign(socketId, channel, channelData));
        QCOMPARE(e.expected, sign("tofu", e.stringToSign));
        QCOMPARE(e.toJson().value(QStringLiteral("verdict")).toString(), verdictName(verdict));
    }

    void reserializedShowsBothByteSequences()
    {
        const SignatureExplanation e = explainChannelAuth(kKeys, QStringLiteral("1.1"), QStringLiteral("presence-x"),
                                                          "{\"user_id\":\"1\"}", sign("tofu", "1.1:presence-x:{\"user_id\": \"1\"}"));
        QCOMPARE(e.verdict, Verdict::ChannelDataDiffers);
        const QString details = e.details.join(u'\n');
        QVERIFY2(details.contains(QStringLiteral("channel_data signed: {\"user_id\": \"1\"}")), qPrintable(details));
        QVERIFY2(details.contains(QStringLiteral("channel_data sent:   {\"user_id\":\"1\"}")), qPrintable(details));
    }

    void noSecretCannotTell()
    {
        const SignatureExplanation e = explainChannelAuth({QStringLiteral("aaaa"), {}}, QStringLiteral("123.456"),
                                                          QStringLiteral("test"), {}, sign("tofu", "123.456:test"));
        QCOMPARE(e.verdict, Verdict::Unknown);
        QVERIFY(e.summary.contains(QStringLiteral("no app secret")));
    }

    void userAuth_data()
    {
        QTest::addColumn<QByteArray>("userData");
        QTest::addColumn<QByteArray>("auth");
        QTest::addColumn<Verdict>("verdict");

        QTest::newRow("match (node vector)")
            << QByteArray("{\"id\":\"45678\"}")
            << QByteArray("aaaa:f4b1fdeea7c93e32648c7230e32b172057c5623cace6cfce791c6e7035e0babd") << Verdict::Match;
        QTest::newRow("secret differs") << QByteArray("{\"id\":\"45678\"}")
                                        << sign("2", "123.456::user::{\"id\":\"45678\"}") << Verdict::SecretDiffers;
        QTest::newRow("user_data re-serialized") << QByteArray("{\"id\":\"45678\"}")
                                                 << sign("tofu", "123.456::user::{\"id\": \"45678\"}") << Verdict::ChannelDataDiffers;
        QTest::newRow("wrong key") << QByteArray("{\"id\":\"45678\"}") << sign("tofu", "123.456::user::{\"id\":\"45678\"}", "bbbb")
                                   << Verdict::WrongKey;
    }

    void userAuth()
    {
        QFETCH(QByteArray, userData);
        QFETCH(QByteArray, auth);
        QFETCH(Verdict, verdict);
        const SignatureExplanation e = explainUserAuth(kKeys, QStringLiteral("123.456"), userData, auth);
        QVERIFY2(e.verdict == verdict, qPrintable(verdictName(e.verdict) + QStringLiteral(": ") + e.summary));
        QCOMPARE(e.stringToSign, QByteArray("123.456::user::") + userData);
    }

    void serverError_data()
    {
        QTest::addColumn<QString>("message");
        QTest::addColumn<QByteArray>("weSigned");
        QTest::addColumn<Verdict>("verdict");
        QTest::addColumn<QString>("summaryContains");

        const QByteArray got = signer::hmacSha256Hex("tofu", "1.1:private-a");
        QTest::newRow("socket id differs")
            << QStringLiteral("Invalid signature: Expected HMAC SHA256 hex digest of 2.2:private-a, but got %1").arg(QString::fromLatin1(got))
            << QByteArray("1.1:private-a") << Verdict::SocketIdDiffers << "socket id 1.1, but the server expected 2.2";
        QTest::newRow("channel differs")
            << QStringLiteral("Invalid signature: Expected HMAC SHA256 hex digest of 1.1:private-b, but got %1").arg(QString::fromLatin1(got))
            << QByteArray("1.1:private-a") << Verdict::ChannelDiffers << "channel \"private-a\", but the server expected \"private-b\"";
        QTest::newRow("channel_data re-serialized")
            << QStringLiteral("Invalid signature: Expected HMAC SHA256 hex digest of 1.1:presence-a:{\"user_id\":\"1\"}, but got abc")
            << QByteArray("1.1:presence-a:{\"user_id\": \"1\"}") << Verdict::ChannelDataDiffers << "re-serialized: spacing differs";
        QTest::newRow("channel_data other value")
            << QStringLiteral("Invalid signature: Expected HMAC SHA256 hex digest of 1.1:presence-a:{\"user_id\":\"2\"}, but got abc")
            << QByteArray("1.1:presence-a:{\"user_id\":\"1\"}") << Verdict::ChannelDataDiffers << "not the one that was signed";
        QTest::newRow("same string: server secret differs")
            << QStringLiteral("Invalid signature: Expected HMAC SHA256 hex digest of 1.1:private-a, but got %1").arg(QString::fromLatin1(got))
            << QByteArray("1.1:private-a") << Verdict::SecretDiffers << "server has a different secret";
        QTest::newRow("same string: signer secret differs")
            << QStringLiteral("Invalid signature: Expected HMAC SHA256 hex digest of 1.1:private-a, but got 0123")
            << QByteArray("1.1:private-a") << Verdict::SecretDiffers << "different secret than the server's";
        QTest::newRow("user sign-in vs channel")
            << QStringLiteral("Invalid signature: Expected HMAC SHA256 hex digest of 1.1::user::{\"id\":\"1\"}, but got abc")
            << QByteArray("1.1:private-a") << Verdict::ChannelDiffers << "(user sign-in)";
        QTest::newRow("no quoted string") << QStringLiteral("Invalid signature") << QByteArray("1.1:private-a")
                                          << Verdict::Malformed << "quotes no string";
    }

    void serverError()
    {
        QFETCH(QString, message);
        QFETCH(QByteArray, weSigned);
        QFETCH(Verdict, verdict);
        QFETCH(QString, summaryContains);
        const SignatureExplanation e = explainServerSignatureError(kKeys, message, weSigned);
        QVERIFY2(e.verdict == verdict, qPrintable(verdictName(e.verdict) + QStringLiteral(": ") + e.summary));
        QVERIFY2(e.summary.contains(summaryContains), qPrintable(e.summary));
        QCOMPARE(isSignatureErrorMessage(message), verdict != Verdict::Malformed);
    }

    void masking_data()
    {
        QTest::addColumn<QByteArray>("name");
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<QByteArray>("shown");

        QTest::newRow("bearer") << QByteArray("Authorization") << QByteArray("Bearer abcdef0123451a2b")
                                << QByteArray("Bearer \xE2\x80\xA2\xE2\x80\xA2\xE2\x80\xA2\xE2\x80\xA2" "1a2b");
        QTest::newRow("bearer short") << QByteArray("authorization") << QByteArray("Bearer abc")
                                      << QByteArray("Bearer \xE2\x80\xA2\xE2\x80\xA2\xE2\x80\xA2\xE2\x80\xA2");
        QTest::newRow("csrf") << QByteArray("X-CSRF-Token") << QByteArray("0123456789abcdef")
                              << QByteArray("\xE2\x80\xA2\xE2\x80\xA2\xE2\x80\xA2\xE2\x80\xA2" "cdef");
        QTest::newRow("api key") << QByteArray("X-Api-Key") << QByteArray("k-0123456789")
                                 << QByteArray("\xE2\x80\xA2\xE2\x80\xA2\xE2\x80\xA2\xE2\x80\xA2" "6789");
        QTest::newRow("cookie") << QByteArray("Cookie") << QByteArray("session=0123456789ab; theme=dark")
                                << QByteArray("session=\xE2\x80\xA2\xE2\x80\xA2\xE2\x80\xA2\xE2\x80\xA2" "89ab; theme=\xE2\x80\xA2\xE2\x80\xA2\xE2\x80\xA2\xE2\x80\xA2");
        QTest::newRow("plain header") << QByteArray("X-User") << QByteArray("alice") << QByteArray("alice");
        QTest::newRow("content type") << QByteArray("Content-Type") << QByteArray("application/json") << QByteArray("application/json");
    }

    void masking()
    {
        QFETCH(QByteArray, name);
        QFETCH(QByteArray, value);
        QFETCH(QByteArray, shown);
        QCOMPARE(maskHeaderValue(name, value), shown);
        QCOMPARE(isCredentialHeader(name), shown != value);
    }
};

QTEST_GUILESS_MAIN(TestExplainer)
#include "tst_explainer.moc"
