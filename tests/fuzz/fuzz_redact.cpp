// The credential masker: request and response bodies from auth endpoints and REST hosts are
// masked before they reach the log or an export. Properties:
//  - a body that is valid JSON stays valid JSON, with the same shape: every value outside
//    credential members unchanged, every string or number under one masked ("••••" + at most
//    the last few characters of it, never the whole value);
//  - masking is idempotent (the log holds masked bodies and exports mask again);
//  - header values and URLs are survived, and masking them twice changes nothing.

#include "fuzzcheck.h"

#include "redact.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>

using namespace cs;

namespace {

const QString kBullets = QStringLiteral("\u2022\u2022\u2022\u2022");

// A masked value: the bullets, then a tail of the plain value short enough to hide it.
bool isMaskOf(const QString &masked, const QString &plain)
{
    if (plain.startsWith(kBullets))
        return masked == plain;  // already masked: kept
    if (plain.isEmpty())
        return masked.isEmpty() || masked == kBullets;  // nothing to hide
    if (!masked.startsWith(kBullets))
        return false;
    const QByteArray tail = masked.mid(kBullets.size()).toUtf8();
    const QByteArray whole = plain.toUtf8();
    return whole.endsWith(tail) && tail.size() <= 7 && (tail.isEmpty() || whole.size() > 8);
}

void checkMasked(const QJsonValue &in, const QJsonValue &out, bool underCredential);

void checkObject(const QJsonObject &in, const QJsonObject &out, bool underCredential)
{
    FUZZ_CHECK(in.keys() == out.keys(), "masking changed the members of an object");
    for (auto it = in.begin(); it != in.end(); ++it)
        checkMasked(it.value(), out.value(it.key()), underCredential || isCredentialField(it.key()));
}

void checkMasked(const QJsonValue &in, const QJsonValue &out, bool underCredential)
{
    if (in.isObject()) {
        FUZZ_CHECK(out.isObject(), "masking turned an object into something else");
        checkObject(in.toObject(), out.toObject(), underCredential);
    } else if (in.isArray()) {
        FUZZ_CHECK(out.isArray() && out.toArray().size() == in.toArray().size(), "masking changed an array");
        for (qsizetype i = 0; i < in.toArray().size(); ++i)
            checkMasked(in.toArray().at(i), out.toArray().at(i), underCredential);
    } else if (!underCredential) {
        FUZZ_CHECK(in == out, "a value outside credential members changed");
    } else if (in.isString()) {
        FUZZ_CHECK(out.isString() && isMaskOf(out.toString(), in.toString()), "a credential string is not masked");
    } else if (in.isDouble()) {
        // A number (a PIN…) becomes a masked string of its text.
        FUZZ_CHECK(out.isString() && out.toString().startsWith(kBullets), "a credential number is not masked");
    } else {
        FUZZ_CHECK(in == out, "true, false and null stay as they are");
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray body = csfuzz::bytes(data, size);
    const QByteArray masked = maskCredentialsInBody(body);
    FUZZ_CHECK(maskCredentialsInBody(masked) == masked, "masking a masked body changes it again");

    QJsonParseError error{};
    const QJsonDocument in = QJsonDocument::fromJson(body, &error);
    if (error.error == QJsonParseError::NoError && !in.isNull()) {
        QJsonParseError outError{};
        const QJsonDocument out = QJsonDocument::fromJson(masked, &outError);
        FUZZ_CHECK(outError.error == QJsonParseError::NoError, "a valid JSON body is no longer valid JSON");
        if (in.isObject())
            checkObject(in.object(), out.object(), false);
        else
            checkMasked(in.array(), out.array(), false);
    }

    // The first line as a header name, the rest as its value; the whole input as a URL.
    const qsizetype newline = body.indexOf('\n');
    if (newline >= 0) {
        const QByteArray name = body.left(newline);
        const QByteArray value = body.mid(newline + 1);
        const QByteArray shown = maskHeaderValue(name, value);
        FUZZ_CHECK(maskHeaderValue(name, shown) == shown, "masking a masked header value changes it");
        // A value with bullets of its own could read as its masked form: not checked.
        if (isCredentialHeader(name) && !value.contains("\xE2\x80\xA2")) {
            // Cookies keep their names: each cookie's value is the credential.
            const QByteArray lower = name.trimmed().toLower();
            const bool cookies = lower == "cookie" || lower == "set-cookie";
            const QByteArrayList parts = cookies ? value.split(';') : QByteArrayList{value};
            const QByteArrayList shownParts = cookies ? shown.split(';') : QByteArrayList{shown};
            FUZZ_CHECK(parts.size() == shownParts.size(), "masking changed the number of cookies");
            for (qsizetype i = 0; i < parts.size(); ++i) {
                // Only the value: a cookie's name is shown and may hold the same bytes.
                const QByteArray secret = parts[i].mid(cookies ? parts[i].indexOf('=') + 1 : 0).trimmed();
                const QByteArray masked = shownParts[i].mid(cookies ? shownParts[i].indexOf('=') + 1 : 0);
                if (secret.size() > 8)
                    FUZZ_CHECK(!masked.contains(secret), "a credential header value is shown whole");
            }
        }
    }
    const QString url = QString::fromUtf8(body);
    const QString shownUrl = maskCredentialsInUrl(url);
    FUZZ_CHECK(maskCredentialsInUrl(shownUrl) == shownUrl, "masking a masked URL changes it");
    return 0;
}
