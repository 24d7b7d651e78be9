// The signature explainer and the credential masking, over the SDK vectors of docs/protocol.md,
// "Node library vectors".
// No raw string literals: moc 6.4 mis-reads some of them in a file with Q_OBJECT.

#include "explainer.h"
#include "redact.h"
#include "signer.h"

#include <QJsonArray>
#include <QJsonDocument>
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

}  // namespace

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
            << "123.456"
            << "test" << QByteArray()
            << QByteArray("aaaa:efa6cf7644a0b35cba36aa0f776f3cbf7bb60e95ea2696bde1dbe8403b61bd7c") << Verdict::Match
            << "matches";
        QTest::newRow("presence match") << "123.456"
                                        << "presence-x" << QByteArray("{\"user_id\":\"1\"}")
                                        << sign(QStringLiteral("tofu"), "123.456:presence-x:{\"user_id\":\"1\"}")
                                        << Verdict::Match << QStringLiteral("matches");
        QTest::newRow("wrong key prefix")
            << "123.456"
            << "test" << QByteArray()
            << QByteArray("1234:efa6cf7644a0b35cba36aa0f776f3cbf7bb60e95ea2696bde1dbe8403b61bd7c") << Verdict::WrongKey
            << "signed for app key \"1234\", but this profile's key is \"aaaa\"";
        QTest::newRow("secret differs") << QStringLiteral("123.456") << QStringLiteral("test") << QByteArray()
                                        << sign(QStringLiteral("not-tofu"), "123.456:test") << Verdict::SecretDiffers
                                        << "different secret";
        QTest::newRow("channel_data re-serialized (spacing)")
            << "123.456"
            << "presence-x" << QByteArray("{\"user_id\":\"1\"}")
            << sign(QStringLiteral("tofu"), "123.456:presence-x:{\"user_id\": \"1\"}") << Verdict::ChannelDataDiffers
            << "channel_data was re-serialized after signing: spacing differs";
        QTest::newRow("channel_data re-serialized (key order)")
            << "123.456"
            << "presence-x" << QByteArray("{\"user_info\":{\"a\":1},\"user_id\":\"1\"}")
            << sign(QStringLiteral("tofu"), "123.456:presence-x:{\"user_id\":\"1\",\"user_info\":{\"a\":1}}")
            << Verdict::ChannelDataDiffers << "key order";
        QTest::newRow("malformed: no colon")
            << "123.456"
            << "test" << QByteArray() << QByteArray("efa6cf76") << Verdict::Malformed << "not \"<app key>:";
        QTest::newRow("malformed: short hex")
            << "123.456"
            << "test" << QByteArray() << QByteArray("aaaa:efa6") << Verdict::Malformed << "64 lowercase hex";
        QTest::newRow("malformed: empty") << "123.456"
                                          << "test" << QByteArray() << QByteArray() << Verdict::Malformed << "empty";
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
        QCOMPARE(e.expected, sign(QStringLiteral("tofu"), e.stringToSign));
        QCOMPARE(e.toJson().value(QStringLiteral("verdict")).toString(), verdictName(verdict));
    }

    void reserializedShowsBothByteSequences()
    {
        const SignatureExplanation e =
            explainChannelAuth(kKeys, QStringLiteral("1.1"), QStringLiteral("presence-x"), "{\"user_id\":\"1\"}",
                               sign(QStringLiteral("tofu"), "1.1:presence-x:{\"user_id\": \"1\"}"));
        QCOMPARE(e.verdict, Verdict::ChannelDataDiffers);
        const QString details = e.details.join(u'\n');
        QVERIFY2(details.contains(QStringLiteral("channel_data signed: {\"user_id\": \"1\"}")), qPrintable(details));
        QVERIFY2(details.contains(QStringLiteral("channel_data sent:   {\"user_id\":\"1\"}")), qPrintable(details));
    }

    void noSecretCannotTell()
    {
        const SignatureExplanation e =
            explainChannelAuth({QStringLiteral("aaaa"), {}}, QStringLiteral("123.456"), QStringLiteral("test"), {},
                               sign(QStringLiteral("tofu"), "123.456:test"));
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
                                        << sign(QStringLiteral("2"), "123.456::user::{\"id\":\"45678\"}")
                                        << Verdict::SecretDiffers;
        QTest::newRow("user_data re-serialized")
            << QByteArray("{\"id\":\"45678\"}") << sign(QStringLiteral("tofu"), "123.456::user::{\"id\": \"45678\"}")
            << Verdict::ChannelDataDiffers;
        QTest::newRow("wrong key") << QByteArray("{\"id\":\"45678\"}")
                                   << sign(QStringLiteral("tofu"), "123.456::user::{\"id\":\"45678\"}", "bbbb")
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
            << QStringLiteral("Invalid signature: Expected HMAC SHA256 hex digest of 2.2:private-a, but got %1")
                   .arg(QString::fromLatin1(got))
            << QByteArray("1.1:private-a") << Verdict::SocketIdDiffers << "socket id 1.1, but the server expected 2.2";
        QTest::newRow("channel differs")
            << QStringLiteral("Invalid signature: Expected HMAC SHA256 hex digest of 1.1:private-b, but got %1")
                   .arg(QString::fromLatin1(got))
            << QByteArray("1.1:private-a") << Verdict::ChannelDiffers
            << "channel \"private-a\", but the server expected \"private-b\"";
        QTest::newRow("channel_data re-serialized") << QStringLiteral(
            "Invalid signature: Expected HMAC SHA256 hex digest of 1.1:presence-a:{\"user_id\":\"1\"}, but got abc")
                                                    << QByteArray("1.1:presence-a:{\"user_id\": \"1\"}")
                                                    << Verdict::ChannelDataDiffers << "re-serialized: spacing differs";
        QTest::newRow("channel_data other value") << QStringLiteral(
            "Invalid signature: Expected HMAC SHA256 hex digest of 1.1:presence-a:{\"user_id\":\"2\"}, but got abc")
                                                  << QByteArray("1.1:presence-a:{\"user_id\":\"1\"}")
                                                  << Verdict::ChannelDataDiffers << "not the one that was signed";
        QTest::newRow("same string: server secret differs")
            << QStringLiteral("Invalid signature: Expected HMAC SHA256 hex digest of 1.1:private-a, but got %1")
                   .arg(QString::fromLatin1(got))
            << QByteArray("1.1:private-a") << Verdict::SecretDiffers << "server has a different secret";
        QTest::newRow("same string: signer secret differs")
            << QStringLiteral("Invalid signature: Expected HMAC SHA256 hex digest of 1.1:private-a, but got 0123")
            << QByteArray("1.1:private-a") << Verdict::SecretDiffers << "different secret than the server's";
        QTest::newRow("user sign-in vs channel")
            << QStringLiteral(
                   "Invalid signature: Expected HMAC SHA256 hex digest of 1.1::user::{\"id\":\"1\"}, but got abc")
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
        QVERIFY(!e.summary.contains(u'\n'));
    }

    void serverErrorKeepsBothStrings()
    {
        const SignatureExplanation e = explainServerSignatureError(
            kKeys, QStringLiteral("Invalid signature: Expected HMAC SHA256 hex digest of 2.2:private-a, but got abc"),
            "1.1:private-a");
        QCOMPARE(e.stringToSign, QByteArray("1.1:private-a"));
        QCOMPARE(e.stringLabel, QStringLiteral("this side signed"));
        QCOMPARE(e.otherString, QByteArray("2.2:private-a"));
        QCOMPARE(e.otherLabel, QStringLiteral("the server expected"));
        QCOMPARE(e.received, QByteArray("abc"));
        QCOMPARE(e.expected, sign(QStringLiteral("tofu"), "1.1:private-a"));
    }

    // A server may quote any string: the explanation must never carry a signature of it, or
    // the app would sign strings of the server's choosing (a valid auth for another socket).
    void serverErrorIsNoSigningOracle_data()
    {
        QTest::addColumn<QString>("quoted");
        QTest::addColumn<QByteArray>("weSigned");
        QTest::newRow("another socket id") << QStringLiteral("9.9:private-victim") << QByteArray("1.1:private-a");
        QTest::newRow("another channel") << QStringLiteral("1.1:private-victim") << QByteArray("1.1:private-a");
        QTest::newRow("chosen channel_data") << QStringLiteral("1.1:presence-a:{\"user_id\":\"admin\"}")
                                             << QByteArray("1.1:presence-a:{\"user_id\":\"1\"}");
        QTest::newRow("a user sign-in") << QStringLiteral("1.1::user::{\"id\":\"admin\"}")
                                        << QByteArray("1.1:private-a");
        QTest::newRow("nothing signed here") << QStringLiteral("9.9:private-victim") << QByteArray();
        QTest::newRow("arbitrary text") << QStringLiteral("POST\n/apps/1/events\nauth_key=key")
                                        << QByteArray("1.1:private-a");
    }

    void serverErrorIsNoSigningOracle()
    {
        QFETCH(QString, quoted);
        QFETCH(QByteArray, weSigned);
        const QString message =
            QStringLiteral("Invalid signature: Expected HMAC SHA256 hex digest of %1, but got 0123").arg(quoted);
        const SignatureExplanation e = explainServerSignatureError(kKeys, message, weSigned);
        const QByteArray everything =
            QJsonDocument(e.toJson()).toJson() + e.summary.toUtf8() + e.details.join(u'\n').toUtf8();
        const QByteArray oracle = signer::hmacSha256Hex("tofu", quoted.toUtf8());
        QVERIFY2(!everything.contains(oracle), everything.constData());
        // What is signed is only what this side built.
        QCOMPARE(e.stringToSign, weSigned);
        QCOMPARE(e.expected, weSigned.isEmpty() ? QByteArray() : sign(QStringLiteral("tofu"), weSigned));
        QCOMPARE(e.otherString, quoted.toUtf8());
    }

    void reserializedKeepsWhatTheSignerSigned()
    {
        const SignatureExplanation e =
            explainChannelAuth(kKeys, QStringLiteral("1.1"), QStringLiteral("presence-x"), "{\"user_id\":\"1\"}",
                               sign(QStringLiteral("tofu"), "1.1:presence-x:{\"user_id\": \"1\"}"));
        QCOMPARE(e.verdict, Verdict::ChannelDataDiffers);
        QCOMPARE(e.otherString, QByteArray("1.1:presence-x:{\"user_id\": \"1\"}"));
        QCOMPARE(e.otherLabel, QStringLiteral("what the signer signed"));
        const SignatureExplanation match = explainChannelAuth(kKeys, QStringLiteral("1.1"), QStringLiteral("private-x"),
                                                              {}, sign(QStringLiteral("tofu"), "1.1:private-x"));
        QVERIFY(match.otherString.isEmpty());
    }

    void jsonRoundTrip_data()
    {
        QTest::addColumn<QString>("message");
        QTest::newRow("server error, two strings") << QStringLiteral(
            "Invalid signature: Expected HMAC SHA256 hex digest of 1.1:presence-a:{\"user_id\":\"1\"}, but got abc");
        QTest::newRow("no quoted string") << QStringLiteral("Invalid signature");
    }

    void jsonRoundTrip()
    {
        QFETCH(QString, message);
        const SignatureExplanation e =
            explainServerSignatureError(kKeys, message, "1.1:presence-a:{\"user_id\": \"1\"}");
        // Through the log: the entry's details are JSON text.
        const QByteArray logged = QJsonDocument(e.toJson()).toJson(QJsonDocument::Compact);
        const auto back = SignatureExplanation::fromJson(QJsonDocument::fromJson(logged).object());
        QVERIFY(back);
        QCOMPARE(back->verdict, e.verdict);
        QCOMPARE(back->summary, e.summary);
        QCOMPARE(back->stringToSign, e.stringToSign);
        QCOMPARE(back->stringLabel, e.stringLabel);
        QCOMPARE(back->otherString, e.otherString);
        QCOMPARE(back->otherLabel, e.otherLabel);
        QCOMPARE(back->expected, e.expected);
        QCOMPARE(back->received, e.received);
        QCOMPARE(back->details, e.details);
        QVERIFY(!SignatureExplanation::fromJson({{QStringLiteral("verdict"), QStringLiteral("nonsense")}}));
        QVERIFY(!SignatureExplanation::fromJson({}));
    }

    void verdictNamesAndTitles()
    {
        for (const Verdict v :
             {Verdict::Match, Verdict::WrongKey, Verdict::SocketIdDiffers, Verdict::ChannelDiffers,
              Verdict::ChannelDataDiffers, Verdict::SecretDiffers, Verdict::Malformed, Verdict::Unknown}) {
            Verdict parsed = Verdict::Unknown;
            QVERIFY(parseVerdictName(verdictName(v), &parsed));
            QCOMPARE(parsed, v);
            QVERIFY(!verdictTitle(v).isEmpty());
        }
        QCOMPARE(verdictTitle(Verdict::SecretDiffers), QStringLiteral("Secret differs"));
    }

    void splitsStringsToSign()
    {
        const StringToSignParts presence = splitStringToSign("1.1:presence-a:{\"user_id\":\"1\",\"x\":\"a:b\"}");
        QVERIFY(!presence.user);
        QCOMPARE(presence.socketId, QByteArray("1.1"));
        QCOMPARE(presence.channel, QByteArray("presence-a"));
        QCOMPARE(presence.channelOffset, 4);
        QCOMPARE(presence.data, QByteArray("{\"user_id\":\"1\",\"x\":\"a:b\"}"));
        QCOMPARE(presence.dataOffset, 15);
        const StringToSignParts priv = splitStringToSign("1.1:private-a");
        QCOMPARE(priv.channel, QByteArray("private-a"));
        QCOMPARE(priv.dataOffset, -1);
        const StringToSignParts user = splitStringToSign("1.1::user::{\"id\":\"1\"}");
        QVERIFY(user.user);
        QCOMPARE(user.channelOffset, -1);
        QCOMPARE(user.data, QByteArray("{\"id\":\"1\"}"));
        QCOMPARE(user.dataOffset, 11);
    }

    void masking_data()
    {
        QTest::addColumn<QByteArray>("name");
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<QByteArray>("shown");

        QTest::newRow("bearer") << QByteArray("Authorization") << QByteArray("Bearer abcdef0123451a2b")
                                << QByteArray("Bearer \xE2\x80\xA2\xE2\x80\xA2\xE2\x80\xA2\xE2\x80\xA2"
                                              "1a2b");
        QTest::newRow("bearer short") << QByteArray("authorization") << QByteArray("Bearer abc")
                                      << QByteArray("Bearer \xE2\x80\xA2\xE2\x80\xA2\xE2\x80\xA2\xE2\x80\xA2");
        QTest::newRow("csrf") << QByteArray("X-CSRF-Token") << QByteArray("0123456789abcdef")
                              << QByteArray("\xE2\x80\xA2\xE2\x80\xA2\xE2\x80\xA2\xE2\x80\xA2"
                                            "cdef");
        QTest::newRow("api key") << QByteArray("X-Api-Key") << QByteArray("k-0123456789")
                                 << QByteArray("\xE2\x80\xA2\xE2\x80\xA2\xE2\x80\xA2\xE2\x80\xA2"
                                               "6789");
        QTest::newRow("cookie") << QByteArray("Cookie") << QByteArray("session=0123456789ab; theme=dark")
                                << QByteArray("session=\xE2\x80\xA2\xE2\x80\xA2\xE2\x80\xA2\xE2\x80\xA2"
                                              "89ab; theme=\xE2\x80\xA2\xE2\x80\xA2\xE2\x80\xA2\xE2\x80\xA2");
        // Found by fuzz_redact: a value of UTF-8 continuation bytes was shown whole.
        QTest::newRow("not UTF-8 is still masked")
            << QByteArray("Cookie") << QByteArray("\xE2\x80\xA2\xA2\xA2\x80\xE2[\x80")
            << QByteArray("\xE2\x80\xA2\xE2\x80\xA2\xE2\x80\xA2\xE2\x80\xA2"
                          "\x80\xE2[\x80");
        QTest::newRow("a character cut in two is kept whole")
            << QByteArray("X-Auth-Token") << QByteArray("abcdefg\xE2\x82\xACxy")
            << QByteArray("\xE2\x80\xA2\xE2\x80\xA2\xE2\x80\xA2\xE2\x80\xA2"
                          "\xE2\x82\xACxy");
        QTest::newRow("binary token keeps a short tail")
            << QByteArray("X-Auth-Token") << QByteArray("\x80\x81\x82\x83\x84\x85\x86\x87\x88\x89\x8a\x8b")
            << QByteArray("\xE2\x80\xA2\xE2\x80\xA2\xE2\x80\xA2\xE2\x80\xA2"
                          "\x88\x89\x8a\x8b");
        // Found by fuzz_redact: a one-word value with a trailing space read as a scheme and nothing.
        QTest::newRow("word and a trailing space") << QByteArray("Authorization") << QByteArray("Letters-Only-Secret ")
                                                   << QByteArray("\xE2\x80\xA2\xE2\x80\xA2\xE2\x80\xA2\xE2\x80\xA2"
                                                                 "cret");
        QTest::newRow("plain header") << QByteArray("X-User") << QByteArray("alice") << QByteArray("alice");
        QTest::newRow("content type") << QByteArray("Content-Type") << QByteArray("application/json")
                                      << QByteArray("application/json");
    }

    void masking()
    {
        QFETCH(QByteArray, name);
        QFETCH(QByteArray, value);
        QFETCH(QByteArray, shown);
        QCOMPARE(maskHeaderValue(name, value), shown);
        QCOMPARE(isCredentialHeader(name), shown != value);
        // Masking what is already masked changes nothing (the log masks, exports mask again).
        QCOMPARE(maskHeaderValue(name, shown), shown);
    }

    void bodyMasking_data()
    {
        const QByteArray b = "\xE2\x80\xA2\xE2\x80\xA2\xE2\x80\xA2\xE2\x80\xA2";  // ••••
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QByteArray>("shown");

        QTest::newRow("tokens keep their tail, spacing and order stay")
            << QByteArray(
                   "{\"auth\":\"k:1\", \"access_token\": \"abcdef0123456789\",\"refresh_token\":\"r-0123456789\"}")
            << QByteArray("{\"auth\":\"k:1\", \"access_token\": \"" + b + "6789\",\"refresh_token\":\"" + b
                          + "6789\"}");
        QTest::newRow("secrets and passwords are hidden entirely") << QByteArray(
            "{\"shared_secret\":\"zyrm8pvV2C9fJcBfhyXzvxbJVN/H7QLmbe0xJi1GhPU=\",\"password\":\"hunter2hunter2\"}")
                                                                   << QByteArray("{\"shared_secret\":\"" + b
                                                                                 + "\",\"password\":\"" + b + "\"}");
        QTest::newRow("nested, arrays and numbers") << QByteArray(
            "{\"user\":{\"session\":{\"id\":\"s-0123456789\"},\"api_key\":[\"k-0123456789\"],\"pin_token\":123456}}")
                                                    << QByteArray("{\"user\":{\"session\":{\"id\":\"" + b
                                                                  + "6789\"},\"api_key\":[\"" + b
                                                                  + "6789\"],\"pin_token\":\"" + b + "\"}}");
        // Found by fuzz_redact: Qt's parser takes ".5" as a number, so the masker must too.
        QTest::newRow("a number Qt reads leniently is masked too")
            << QByteArray("{\"api_key\":[.88888858,12,true,null]}")
            << QByteArray("{\"api_key\":[\"" + b + "8858\",\"" + b + "\",true,null]}");
        QTest::newRow("escaped strings stay as written")
            << QByteArray("{\"note\":\"a \\\"q\\\" \\u00e9\",\"X-CSRF-Token\":\"c\\/0123456789\"}")
            << QByteArray("{\"note\":\"a \\\"q\\\" \\u00e9\",\"X-CSRF-Token\":\"" + b + "6789\"}");
        QTest::newRow("pusher members are not credentials")
            << QByteArray(
                   "{\"auth\":\"app-key:0123456789abcdef\",\"channel_data\":\"{\\\"user_id\\\":\\\"1\\\"}\",\"user_data\":\"{}\",\"auth_key\":\"app-key\",\"auth_signature\":\"ff00\"}")
            << QByteArray(
                   "{\"auth\":\"app-key:0123456789abcdef\",\"channel_data\":\"{\\\"user_id\\\":\\\"1\\\"}\",\"user_data\":\"{}\",\"auth_key\":\"app-key\",\"auth_signature\":\"ff00\"}");
        QTest::newRow("form encoded")
            << QByteArray("socket_id=1.1&token=abcdef0123456789&channel_name=private-a&client_secret=s3cr3tvalue")
            << QByteArray("socket_id=1.1&token=" + b + "6789&channel_name=private-a&client_secret=" + b);
        QTest::newRow("form value masked when it was logged keeps its spelling")
            << QByteArray("socket_id=1.1&session_token=%E2%80%A2%E2%80%A2%E2%80%A2%E2%80%A2-99")
            << QByteArray("socket_id=1.1&session_token=%E2%80%A2%E2%80%A2%E2%80%A2%E2%80%A2-99");
        QTest::newRow("not JSON, not a form")
            << QByteArray("<html>token=abc</html>") << QByteArray("<html>token=abc</html>");
        QTest::newRow("empty") << QByteArray() << QByteArray();
        QTest::newRow("invalid JSON is left alone") << QByteArray("{\"token\":") << QByteArray("{\"token\":");
    }

    void bodyMasking()
    {
        QFETCH(QByteArray, body);
        QFETCH(QByteArray, shown);
        QCOMPARE(maskCredentialsInBody(body), shown);
        QCOMPARE(maskCredentialsInBody(shown), shown);
    }

    void credentialFields()
    {
        for (const char *yes : {"token", "access_token", "Refresh-Token", "id_token", "password", "secret",
                                "client_secret", "shared_secret", "api_key", "apiKey", "session", "session_id",
                                "cookie", "csrf", "_token", "authorization", "private_key"})
            QVERIFY2(isCredentialField(QString::fromLatin1(yes)), yes);
        for (const char *no : {"auth", "auth_key", "auth_signature", "channel_data", "user_data", "socket_id",
                               "channel_name", "user_id", "key", "authorizer", "status"})
            QVERIFY2(!isCredentialField(QString::fromLatin1(no)), no);
    }

    void urlMasking()
    {
        const QString bullets = QStringLiteral("\u2022\u2022\u2022\u2022");
        QCOMPARE(maskCredentialsInUrl(QStringLiteral("http://u:p@host/auth?token=abcdef0123456789&team=blue")),
                 QStringLiteral("http://host/auth?token=%1&team=blue").arg(bullets + QStringLiteral("6789")));
        // A REST URL is kept byte for byte: its auth_key and auth_signature are not credentials.
        const QString rest = QStringLiteral(
            "http://127.0.0.1:6001/apps/app-id/events?auth_key=app-key&auth_signature=ff%2B00&body_md5=ab");
        QCOMPARE(maskCredentialsInUrl(rest), rest);
    }

    void redactedDetails()
    {
        const QJsonObject details{
            {QStringLiteral("url"), QStringLiteral("http://host/auth?session=s-0123456789")},
            {QStringLiteral("headers"),
             QJsonObject{{QStringLiteral("Authorization"), QStringLiteral("Bearer abcdef0123456789")},
                         {QStringLiteral("Content-Type"), QStringLiteral("application/json")}}},
            {QStringLiteral("body"), QStringLiteral("{\"auth\":\"k:1\",\"access_token\":\"abcdef0123456789\"}")},
            {QStringLiteral("status"), 200},
            {QStringLiteral("explanation"), QJsonObject{{QStringLiteral("verdict"), QStringLiteral("match")}}},
        };
        const QJsonObject once = redactDetails(details);
        const QByteArray text = QJsonDocument(once).toJson(QJsonDocument::Compact);
        QVERIFY2(!text.contains("abcdef012345"), text.constData());
        QVERIFY2(!text.contains("s-012345"), text.constData());
        QCOMPARE(once.value(QStringLiteral("headers")).toObject().value(QStringLiteral("Content-Type")).toString(),
                 QStringLiteral("application/json"));
        QCOMPARE(once.value(QStringLiteral("status")).toInt(), 200);
        QCOMPARE(once.value(QStringLiteral("explanation")), details.value(QStringLiteral("explanation")));
        QCOMPARE(redactDetails(once), once);
        const QJsonObject plain{{QStringLiteral("timer"), QStringLiteral("activity")}};
        QCOMPARE(redactDetails(plain), plain);
    }
};

QTEST_GUILESS_MAIN(TestExplainer)
#include "tst_explainer.moc"
