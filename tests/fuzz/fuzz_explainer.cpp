// The signature explainer reads strings to sign and the server's "Invalid signature" message,
// both server text. Input: the message, NUL, the string this side signed. Properties:
//  - splitStringToSign's parts re-join to the input and sit at the offsets it reports;
//  - explainServerSignatureError signs only the string this side built (no signing oracle): its
//    expected signature is that string's HMAC, never one of the server's quoted text;
//  - a message without a quoted string is Malformed; nothing it says is ever a Match.

#include "fuzzcheck.h"

#include "explainer.h"
#include "signer.h"

#include <QJsonDocument>

using namespace cs;

namespace {

void checkSplit(const QByteArray &s)
{
    const StringToSignParts p = splitStringToSign(s);
    QByteArray joined = p.socketId;
    if (p.user) {
        joined += "::user::" + p.data;
        FUZZ_CHECK(p.channelOffset == -1 && p.channel.isEmpty(), "a sign-in string has a channel");
    } else if (p.channelOffset >= 0) {
        joined += ':' + p.channel;
        if (p.dataOffset >= 0)
            joined += ':' + p.data;
    }
    FUZZ_CHECK(joined == s, "the parts do not re-join to the string");
    if (p.channelOffset >= 0)
        FUZZ_CHECK(s.mid(p.channelOffset, p.channel.size()) == p.channel, "channel is not at its offset");
    if (p.dataOffset >= 0)
        FUZZ_CHECK(s.mid(p.dataOffset) == p.data, "data is not at its offset");
    else
        FUZZ_CHECK(p.data.isEmpty(), "data without an offset");
    FUZZ_CHECK(!p.socketId.contains(':'), "the socket id holds a ':'");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArrayList in = csfuzz::parts(data, size, 2);
    checkSplit(in[0]);
    checkSplit(in[1]);

    const signer::AppKeys keys{QStringLiteral("app-key"), QStringLiteral("app-secret")};
    const QString message = QString::fromUtf8(in[0]);
    const SignatureExplanation e = explainServerSignatureError(keys, message, in[1]);
    FUZZ_CHECK(!e.matches(), "a server's error is never a match");
    if (!isSignatureErrorMessage(message)) {
        FUZZ_CHECK(e.verdict == SignatureExplanation::Verdict::Malformed,
                   "a message without a quoted string is not Malformed");
        return 0;
    }
    FUZZ_CHECK(e.stringToSign == in[1], "the explanation's string to sign is not the one this side signed");
    if (in[1].isEmpty())
        FUZZ_CHECK(e.expected.isEmpty(), "something was signed although this side signed nothing");
    else
        FUZZ_CHECK(e.expected == "app-key:" + signer::hmacSha256Hex("app-secret", in[1]),
                   "the expected signature is not the HMAC of the string this side signed");
    if (!e.otherString.isEmpty()) {  // the server's quoted string: its HMAC appears nowhere
        const QByteArray oracle = signer::hmacSha256Hex("app-secret", e.otherString);
        FUZZ_CHECK(!QJsonDocument(e.toJson()).toJson().contains(oracle), "the server's string was signed");
    }
    FUZZ_CHECK(SignatureExplanation::fromJson(e.toJson()).has_value(), "the explanation does not survive toJson");
    return 0;
}
