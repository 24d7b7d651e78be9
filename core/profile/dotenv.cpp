#include "dotenv.h"

#include <QRegularExpression>

namespace cs {

namespace {

// ${NAME} and ${NAME:-fallback} from the values defined so far; what is undefined becomes empty.
QString expandReferences(const QString &value, const QMap<QString, QString> &defined, int line, QStringList &problems)
{
    static const QRegularExpression ref(QStringLiteral("\\$\\{([A-Za-z_][A-Za-z0-9_.]*)(?::-([^}]*))?\\}"));
    QString out;
    qsizetype last = 0;
    for (auto it = ref.globalMatch(value); it.hasNext();) {
        const auto m = it.next();
        out += value.mid(last, m.capturedStart() - last);
        const QString name = m.captured(1);
        const QString found = defined.value(name);
        if (!found.isEmpty())
            out += found;
        else if (m.capturedStart(2) >= 0)
            out += m.captured(2);
        else if (!defined.contains(name))
            problems << QStringLiteral("line %1: ${%2} is not defined earlier in the file; it reads as empty.")
                            .arg(line)
                            .arg(name);
        last = m.capturedEnd();
    }
    return out + value.mid(last);
}

QChar unescape(QChar c)
{
    switch (c.unicode()) {
    case 'n': return u'\n';
    case 'r': return u'\r';
    case 't': return u'\t';
    default: return c;
    }
}

}  // namespace

DotEnv DotEnv::parse(const QString &text)
{
    static const QRegularExpression keyRe(QStringLiteral("^[A-Za-z_][A-Za-z0-9_.]*$"));
    DotEnv env;
    const QStringList lines = QString(text).replace(QStringLiteral("\r\n"), QStringLiteral("\n")).split(u'\n');
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const int lineNo = int(i + 1);
        QString line = lines.at(i).trimmed();
        if (line.isEmpty() || line.startsWith(u'#'))
            continue;
        if (line.startsWith(QStringLiteral("export ")))
            line = line.mid(7).trimmed();
        const qsizetype eq = line.indexOf(u'=');
        if (eq <= 0) {
            env.problems << QStringLiteral("line %1: not a KEY=VALUE line; ignored.").arg(lineNo);
            continue;
        }
        const QString key = line.left(eq).trimmed();
        if (!keyRe.match(key).hasMatch()) {
            env.problems << QStringLiteral("line %1: \"%2\" is not a variable name; ignored.").arg(lineNo).arg(key);
            continue;
        }
        QString rest = line.mid(eq + 1).trimmed();
        QString value;
        if (rest.startsWith(u'\'')) {  // literal: no escapes, no references
            const qsizetype end = rest.indexOf(u'\'', 1);
            if (end < 0)
                env.problems << QStringLiteral("line %1: the closing ' is missing.").arg(lineNo);
            value = rest.mid(1, end < 0 ? -1 : end - 1);
        } else if (rest.startsWith(u'"')) {
            // Escapes, references, and lines up to the closing quote.
            bool closed = false;
            qsizetype pos = 1;
            QString raw;
            while (!closed) {
                for (; pos < rest.size(); ++pos) {
                    const QChar ch = rest.at(pos);
                    if (ch == u'\\' && pos + 1 < rest.size()) {
                        raw += unescape(rest.at(++pos));
                    } else if (ch == u'"') {
                        closed = true;
                        break;
                    } else {
                        raw += ch;
                    }
                }
                if (closed || i + 1 >= lines.size())
                    break;
                raw += u'\n';
                rest = lines.at(++i);
                pos = 0;
            }
            if (!closed)
                env.problems << QStringLiteral("line %1: the closing \" is missing.").arg(lineNo);
            value = expandReferences(raw, env.values, lineNo, env.problems);
        } else {
            // Unquoted: a " #" starts a comment.
            static const QRegularExpression comment(QStringLiteral("\\s#.*$"));
            rest.remove(comment);
            value = expandReferences(rest.trimmed(), env.values, lineNo, env.problems);
        }
        if (!env.values.contains(key))
            env.order << key;
        env.values.insert(key, value);
    }
    return env;
}

}  // namespace cs
