// Encrypted payloads of private-encrypted channels: the server (or anyone on the channel) chooses
// the {"nonce","ciphertext"} text. Properties:
//  - decrypt with the channel's key only succeeds for what that key encrypted: the plaintext,
//    encrypted again with the same key and nonce, gives back the same ciphertext;
//  - with the input as plaintext, encrypt then decrypt returns it byte for byte;
//  - any shared secret text (the auth endpoint's answer) is survived.

#include "fuzzcheck.h"

#include "e2e.h"

#include <QJsonDocument>
#include <QJsonObject>

using namespace cs;

namespace {

const QByteArray kKey(32, '\x5a');
const QByteArray kKeyBase64 = kKey.toBase64();
const QByteArray kNonce(24, '\x07');

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input = csfuzz::bytes(data, size);

    // As a payload for the channel's own key.
    if (const Result<QByteArray> plain = e2e::decrypt(input, kKeyBase64)) {
        const QJsonObject sent = QJsonDocument::fromJson(input).object();
        const QByteArray nonce = QByteArray::fromBase64(sent.value(QLatin1String("nonce")).toString().toLatin1());
        const Result<QByteArray> again = e2e::encrypt(*plain, kKey, nonce);
        FUZZ_CHECK(bool(again), "re-encrypting a decrypted payload fails");
        const QJsonObject made = QJsonDocument::fromJson(*again).object();
        FUZZ_CHECK(QByteArray::fromBase64(made.value(QLatin1String("ciphertext")).toString().toLatin1())
                       == QByteArray::fromBase64(sent.value(QLatin1String("ciphertext")).toString().toLatin1()),
                   "decrypt accepted a ciphertext the key did not make");
    }

    // As a shared secret: the envelope is well-formed, the key is whatever was received.
    const Result<QByteArray> box = e2e::encrypt("{\"a\":1}", kKey, kNonce);
    FUZZ_CHECK(bool(box), "encrypt with a good key and nonce fails");
    if (const Result<QByteArray> plain = e2e::decrypt(*box, input))
        FUZZ_CHECK(QByteArray::fromBase64(input.trimmed()) == kKey, "another key decrypted the payload");

    // As plaintext: the round trip is exact.
    const Result<QByteArray> sealed = e2e::encrypt(input, kKey, kNonce);
    FUZZ_CHECK(bool(sealed), "encrypt fails");
    const Result<QByteArray> opened = e2e::decrypt(*sealed, kKeyBase64);
    FUZZ_CHECK(bool(opened) && *opened == input, "encrypt/decrypt round trip changed the bytes");
    return 0;
}
