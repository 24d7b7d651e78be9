#include "httpfields.h"

namespace cs {

bool isValidHeaderName(const QByteArray &name)
{
    if (name.isEmpty())
        return false;
    static const QByteArray kSymbols = QByteArrayLiteral("!#$%&'*+-.^_`|~");
    for (const char c : name) {
        const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        if (!alnum && !kSymbols.contains(c))
            return false;
    }
    return true;
}

QString headerProblem(const QByteArray &name, const QByteArray &value)
{
    if (name.isEmpty())
        return QStringLiteral("A header needs a name.");
    if (!isValidHeaderName(name))
        return QStringLiteral("\"%1\" is not a header name: letters, digits and - only, no spaces.")
            .arg(QString::fromUtf8(name));
    if (value.contains('\n') || value.contains('\r'))
        return QStringLiteral("The value of %1 must not contain line breaks.").arg(QString::fromUtf8(name));
    return {};
}

Result<QPair<QByteArray, QByteArray>> parseHeaderLine(const QString &line)
{
    const qsizetype colon = line.indexOf(u':');
    if (colon < 0)
        return Error{ErrorCode::InvalidHeader, QStringLiteral("\"%1\" has no ':' between name and value.").arg(line)};
    const QByteArray name = line.left(colon).trimmed().toUtf8();
    const QByteArray value = line.mid(colon + 1).trimmed().toUtf8();
    if (const QString problem = headerProblem(name, value); !problem.isEmpty())
        return Error{ErrorCode::InvalidHeader, problem};
    return QPair<QByteArray, QByteArray>{name, value};
}

Result<QPair<QString, QString>> parseParamLine(const QString &line)
{
    const qsizetype eq = line.indexOf(u'=');
    if (eq <= 0)
        return Error{ErrorCode::InvalidParam, QStringLiteral("\"%1\" is not key=value.").arg(line)};
    return QPair<QString, QString>{line.left(eq), line.mid(eq + 1)};
}

QString endpointUrlProblem(const QUrl &url)
{
    if (url.isEmpty())
        return QStringLiteral("Enter the endpoint's URL, e.g. https://example.com/pusher/auth.");
    const QString scheme = url.scheme().toLower();
    if (!url.isValid() || (scheme != u"http" && scheme != u"https") || url.host().isEmpty())
        return QStringLiteral("The endpoint must be an http:// or https:// URL, e.g. https://example.com/pusher/auth.");
    return {};
}

}  // namespace cs
