// .env and pusher URL import: files and URLs pasted from anywhere. Properties:
//  - DotEnv: `order` lists each defined key once, and exactly the keys of `values`; every key is
//    a variable name;
//  - Profile::fromDotEnv: a file that yields a profile names the variables it used, all defined;
//  - Profile::fromUrl: an accepted URL gives a key, a secret and an app id.

#include "fuzzcheck.h"

#include "dotenv.h"
#include "profile.h"
#include "profileimport.h"

#include <QRegularExpression>
#include <QSet>

using namespace cs;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString text = QString::fromUtf8(csfuzz::bytes(data, size));

    const DotEnv env = DotEnv::parse(text);
    static const QRegularExpression name(QStringLiteral("^[A-Za-z_][A-Za-z0-9_.]*$"));
    FUZZ_CHECK(env.order.size() == env.values.size(), "order and values list other keys");
    FUZZ_CHECK(QSet<QString>(env.order.begin(), env.order.end()).size() == env.order.size(), "a key is listed twice");
    for (const QString &key : env.order) {
        FUZZ_CHECK(env.values.contains(key), "a listed key has no value");
        FUZZ_CHECK(name.match(key).hasMatch(), "a key is not a variable name");
    }

    if (const Result<ImportedProfile> imported = importDotEnv(text)) {
        for (const QString &used : imported->usedVariables)
            FUZZ_CHECK(env.values.contains(used), "the import used a variable the file does not define");
        FUZZ_CHECK(!imported->profile.credentials.key.isEmpty(), "an imported profile has no app key");
    }

    if (const Result<Profile> fromUrl = importPusherUrl(text)) {
        const Credentials &c = fromUrl->credentials;
        FUZZ_CHECK(!c.key.isEmpty() && !c.secret.isEmpty() && !c.appId.isEmpty(),
                   "an accepted URL lacks key, secret or app id");
    }
    return 0;
}
