#pragma once
// The lines of a .env file as dotenv reads them: quotes, comments, `export `, escapes in double
// quotes, multi-line double-quoted values, and ${VAR} (and ${VAR:-default}) references to keys
// defined earlier in the file. Knows nothing of Pusher: Profile::fromDotEnv() picks the names.

#include <QMap>
#include <QString>
#include <QStringList>

namespace cs {

// Later definitions win, as in dotenv.
struct DotEnv {
    QMap<QString, QString> values;
    QStringList order;     // keys in order of first definition
    QStringList problems;  // "line 3: no '=' …"
    static DotEnv parse(const QString &text);
};

}  // namespace cs
