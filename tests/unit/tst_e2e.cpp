// End-to-end encryption (docs/protocol.md, "End-to-end encryption"): go and python vectors, round trips, and
// every malformed input giving an error value rather than a crash.
#include "e2e.h"
#include "signer.h"

#include <QTest>

using namespace cs;

namespace {

// go/crypto_test.go: the "32 chars" key is really 33 bytes; SHA-256 does not mind.
QByteArray goSharedSecret()
{
    return signer::perChannelKey(QStringLiteral("private-encrypted-bla"), "This is a string that is 32 chars")
        .toBase64();
}

const QByteArray kGoEnvelope =
    R"({"nonce":"sjklahvpWWQgAjTx5FfYHCCxd2AmaL9T","ciphertext":"zoDEe8dA3nDXKsybAWce/hXGW4szJw=="})";

// python/test_crypto.test_encrypt.
QByteArray pythonKey()
{
    return signer::perChannelKey(QStringLiteral("pvUPIk0YG6MnxCEMIUUVFrbDmQwbhICXUcy"),
                                 "OTk5OTk5OTk5OTk5OTk5OTk5OTk5OTk5");
}
const QByteArray kPythonPlaintext = "kkkT5OOkOkO5kT5TOO5TkOT5TTk5O55T";
const QByteArray kPythonNonce = "XAJI0Y6DPBHSAHXTHV3A3ZMF";
const QByteArray kPythonEnvelope =
    R"({"nonce":"WEFKSTBZNkRQQkhTQUhYVEhWM0EzWk1G","ciphertext":"tsYJa2JgGDOpVIYFe4aNVWAvZlpB7z7CjN9mpIdbATE0Yc4izN8aM8D6VigBxnIQ"})";

QByteArray envelope(const QByteArray &nonceB64, const QByteArray &ciphertextB64)
{
    return "{\"nonce\":\"" + nonceB64 + "\",\"ciphertext\":\"" + ciphertextB64 + "\"}";
}

}  // namespace

class TestE2e : public QObject {
    Q_OBJECT

private slots:
    void decryptGoVector();
    void encryptPythonVector();
    void roundTrip_data();
    void roundTrip();
    void randomNonceDiffers();
    void wrongKey();
    void tampered_data();
    void tampered();
    void malformed_data();
    void malformed();
    void badSharedSecret_data();
    void badSharedSecret();
    void encryptRejects_data();
    void encryptRejects();
};

void TestE2e::decryptGoVector()
{
    QCOMPARE(QByteArray::fromBase64(goSharedSecret()).toHex(),
             QByteArray("004831f99d2a4e86723e893caded3a2897deeddbed9514fe9497dcddc52bd50b"));
    const Result<QByteArray> r = e2e::decrypt(kGoEnvelope, goSharedSecret());
    QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message));
    QCOMPARE(*r, QByteArray("Hello!"));
}

void TestE2e::encryptPythonVector()
{
    QCOMPARE(pythonKey().toHex(), QByteArray("709ef3090a24bfa98382cb5d025ca3622c82d31fa27f10b005c0dca27bae6516"));
    const Result<QByteArray> r = e2e::encrypt(kPythonPlaintext, pythonKey(), kPythonNonce);
    QVERIFY(r.ok());
    QCOMPARE(*r, kPythonEnvelope);

    const Result<QByteArray> back = e2e::decrypt(kPythonEnvelope, pythonKey().toBase64());
    QVERIFY(back.ok());
    QCOMPARE(*back, kPythonPlaintext);
}

void TestE2e::roundTrip_data()
{
    QTest::addColumn<QByteArray>("plaintext");

    QTest::addRow("empty") << QByteArray();
    QTest::addRow("json") << QByteArray(R"({"message":"hello","n":[1,2,3]})");
    QTest::addRow("utf-8") << QString::fromUtf8(u8"zażółć gęślą jaźń ❤ 😀").toUtf8();
    QTest::addRow("binary with NULs") << QByteArray("\x00\x01\xff\x00", 4);
    QTest::addRow("10 KB") << QByteArray(10 * 1024, 'x');
}

void TestE2e::roundTrip()
{
    QFETCH(QByteArray, plaintext);
    const QByteArray key = signer::perChannelKey(QStringLiteral("private-encrypted-round"), QByteArray(32, 'k'));
    const Result<QByteArray> enc = e2e::encrypt(plaintext, key);
    QVERIFY(enc.ok());
    QVERIFY(enc->startsWith("{\"nonce\":\""));
    const Result<QByteArray> dec = e2e::decrypt(*enc, key.toBase64());
    QVERIFY2(dec.ok(), qPrintable(dec.ok() ? QString() : dec.error().message));
    QCOMPARE(*dec, plaintext);
}

void TestE2e::randomNonceDiffers()
{
    const QByteArray key(32, 'k');
    const Result<QByteArray> a = e2e::encrypt("same", key);
    const Result<QByteArray> b = e2e::encrypt("same", key);
    QVERIFY(a.ok() && b.ok());
    QVERIFY(*a != *b);
}

void TestE2e::wrongKey()
{
    const QByteArray otherKey = signer::perChannelKey(QStringLiteral("private-encrypted-bla"), QByteArray(32, 'z'));
    const Result<QByteArray> r = e2e::decrypt(kGoEnvelope, otherKey.toBase64());
    QVERIFY(!r.ok());
    QCOMPARE(r.error().id(), QStringLiteral("e2e-decrypt"));
    QVERIFY(!r.error().message.isEmpty());
}

void TestE2e::tampered_data()
{
    QTest::addColumn<int>("index");  // which byte of the python box to flip
    QTest::addRow("MAC byte") << 0;
    QTest::addRow("cipher byte") << 20;
    QTest::addRow("last byte") << 47;
}

void TestE2e::tampered()
{
    QFETCH(int, index);
    QByteArray box = QByteArray::fromBase64("tsYJa2JgGDOpVIYFe4aNVWAvZlpB7z7CjN9mpIdbATE0Yc4izN8aM8D6VigBxnIQ");
    QCOMPARE(box.size(), 48);
    box[index] = char(box.at(index) ^ 0x01);
    const Result<QByteArray> r =
        e2e::decrypt(envelope(kPythonNonce.toBase64(), box.toBase64()), pythonKey().toBase64());
    QVERIFY(!r.ok());
    QCOMPARE(r.error().id(), QStringLiteral("e2e-decrypt"));
}

void TestE2e::malformed_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("messagePart");

    const QByteArray nonce = "sjklahvpWWQgAjTx5FfYHCCxd2AmaL9T";
    const QByteArray cipher = "zoDEe8dA3nDXKsybAWce/hXGW4szJw==";
    const QString format = QStringLiteral("e2e-format");
    const QString length = QStringLiteral("e2e-length");

    QTest::addRow("empty") << QByteArray() << format << "JSON";
    QTest::addRow("not JSON") << QByteArray("Hello!") << format << "JSON";
    QTest::addRow("truncated JSON") << kGoEnvelope.left(30) << format << "JSON";
    QTest::addRow("JSON array") << QByteArray("[1,2]") << format << "object";
    QTest::addRow("missing nonce") << QByteArray("{\"ciphertext\":\"" + cipher + "\"}") << format << "nonce";
    QTest::addRow("missing ciphertext") << QByteArray("{\"nonce\":\"" + nonce + "\"}") << format << "ciphertext";
    QTest::addRow("nonce is a number") << QByteArray("{\"nonce\":5,\"ciphertext\":\"" + cipher + "\"}") << format
                                       << "nonce";
    QTest::addRow("empty nonce") << envelope("", cipher) << format << "nonce";
    QTest::addRow("nonce bad base64") << envelope("sjklahvp*WQgAjTx5FfYHCCxd2AmaL9T", cipher) << format << "nonce";
    QTest::addRow("ciphertext bad base64")
        << envelope(nonce, "zoDEe8dA3nDX!sybAWce/hXGW4szJw==") << format << "ciphertext";
    QTest::addRow("ciphertext non-ASCII")
        << envelope(nonce, QString::fromUtf8(u8"zoDEe8dA3nDXKsybAWcé/hXGW4szJw==").toUtf8()) << format << "ciphertext";
    QTest::addRow("short nonce (23 bytes)") << envelope(QByteArray(23, 'n').toBase64(), cipher) << length << "23";
    QTest::addRow("long nonce (25 bytes)") << envelope(QByteArray(25, 'n').toBase64(), cipher) << length << "25";
    QTest::addRow("short ciphertext (15 bytes)") << envelope(nonce, QByteArray(15, 'c').toBase64()) << length << "15";
    QTest::addRow("MAC only, wrong") << envelope(nonce, QByteArray(16, 'c').toBase64()) << "e2e-decrypt"
                                     << "";
}

void TestE2e::malformed()
{
    QFETCH(QByteArray, data);
    QFETCH(QString, code);
    QFETCH(QString, messagePart);

    const Result<QByteArray> r = e2e::decrypt(data, goSharedSecret());
    QVERIFY(!r.ok());
    QCOMPARE(r.error().id(), code);
    QVERIFY2(r.error().message.contains(messagePart), qPrintable(r.error().message));
    QVERIFY(!r.error().message.contains(u'\n'));
}

void TestE2e::badSharedSecret_data()
{
    QTest::addColumn<QByteArray>("secret");
    QTest::addRow("empty") << QByteArray();
    QTest::addRow("not base64") << QByteArray("not base64!");
    QTest::addRow("31 bytes") << QByteArray(31, 's').toBase64();
    QTest::addRow("33 bytes") << QByteArray(33, 's').toBase64();
}

void TestE2e::badSharedSecret()
{
    QFETCH(QByteArray, secret);
    const Result<QByteArray> r = e2e::decrypt(kGoEnvelope, secret);
    QVERIFY(!r.ok());
    QCOMPARE(r.error().id(), QStringLiteral("e2e-key"));
}

void TestE2e::encryptRejects_data()
{
    QTest::addColumn<QByteArray>("key");
    QTest::addColumn<QByteArray>("nonce");
    QTest::addColumn<QString>("code");

    QTest::addRow("key 31 bytes") << QByteArray(31, 'k') << QByteArray() << "e2e-key";
    QTest::addRow("key empty") << QByteArray() << QByteArray() << "e2e-key";
    QTest::addRow("nonce 23 bytes") << QByteArray(32, 'k') << QByteArray(23, 'n') << "e2e-length";
    QTest::addRow("nonce 25 bytes") << QByteArray(32, 'k') << QByteArray(25, 'n') << "e2e-length";
}

void TestE2e::encryptRejects()
{
    QFETCH(QByteArray, key);
    QFETCH(QByteArray, nonce);
    QFETCH(QString, code);
    const Result<QByteArray> r = e2e::encrypt("data", key, nonce);
    QVERIFY(!r.ok());
    QCOMPARE(r.error().id(), code);
}

QTEST_APPLESS_MAIN(TestE2e)
#include "tst_e2e.moc"
