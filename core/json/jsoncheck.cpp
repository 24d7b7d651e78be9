#include "jsoncheck.h"

#include "jsonscan.h"
#include "strictjson.h"

#include <QCoreApplication>

namespace cs::json {

namespace {

QString tr(const char *text) { return QCoreApplication::translate("cs::JsonCheck", text); }

bool isAsciiDigit(QChar c) { return c.unicode() < 0x80 && isDigit(char(c.unicode())); }

bool isAsciiHex(QChar c) { return c.unicode() < 0x80 && hexDigit(char(c.unicode())) >= 0; }

// A strict RFC 8259 recogniser that stops at the first problem with its exact position and a
// message a user understands. QJsonDocument reports offsets after the token it choked on (and
// accepts some invalid escapes), so it only builds the value once this check has passed.
class Checker {
public:
    explicit Checker(QStringView text) : m_s(text) {}

    bool run()
    {
        if (!value(0))
            return false;
        skipSpace();
        if (m_i < m_s.size())
            return fail(m_i, tr("unexpected %1 after the JSON value (only one value is allowed; "
                                "wrap several in [ ] to send an array)")
                                 .arg(describe(m_i)));
        return true;
    }
    qsizetype errorPosition() const { return m_errorPos; }
    QString errorMessage() const { return m_error; }

private:
    static constexpr int kMaxDepth = 512;

    bool fail(qsizetype pos, const QString &message)
    {
        m_errorPos = pos;
        m_error = message;
        return false;
    }
    bool atEnd() const { return m_i >= m_s.size(); }
    QChar peek() const { return atEnd() ? QChar() : m_s.at(m_i); }

    QString describe(qsizetype pos) const
    {
        if (pos >= m_s.size())
            return tr("end of data");
        const QChar c = m_s.at(pos);
        if (c.unicode() < 0x20)
            return QStringLiteral("U+%1").arg(c.unicode(), 4, 16, QLatin1Char('0')).toUpper();
        return QStringLiteral("'%1'").arg(c);
    }

    void skipSpace()
    {
        while (!atEnd() && m_s.at(m_i).unicode() < 0x80 && isSpace(char(m_s.at(m_i).unicode())))
            ++m_i;
    }

    bool value(int depth)
    {
        skipSpace();
        if (atEnd())
            return fail(m_i, tr("the data ends where a value is expected"));
        if (depth > kMaxDepth)
            return fail(m_i, tr("nested too deeply"));
        const QChar c = peek();
        if (c == u'{')
            return object(depth);
        if (c == u'[')
            return array(depth);
        if (c == u'"')
            return string();
        if (c == u'-' || isAsciiDigit(c))
            return number();
        if (c.isLetter() || c == u'_')
            return literal();
        if (c == u'\'')
            return fail(m_i, tr("strings need double quotes, not single quotes"));
        if (c == u'}' || c == u']' || c == u',')
            return fail(m_i, tr("a value is missing before %1").arg(describe(m_i)));
        return fail(m_i, tr("unexpected %1 where a value is expected").arg(describe(m_i)));
    }

    bool object(int depth)
    {
        const qsizetype open = m_i++;
        skipSpace();
        if (peek() == u'}') {
            ++m_i;
            return true;
        }
        for (;;) {
            skipSpace();
            if (atEnd())
                return fail(m_i, tr("unterminated object: the '{' at %1 has no '}'").arg(where(open)));
            if (peek() == u'}')
                return fail(m_i, tr("trailing comma: a member is expected after ','"));
            if (peek() != u'"') {
                if (peek() == u'\'')
                    return fail(m_i, tr("member names need double quotes, not single quotes"));
                return fail(m_i, tr("expected a member name in double quotes, found %1").arg(describe(m_i)));
            }
            if (!string())
                return false;
            skipSpace();
            if (peek() != u':')
                return fail(m_i, tr("expected ':' after the member name, found %1").arg(describe(m_i)));
            ++m_i;
            if (!value(depth + 1))
                return false;
            skipSpace();
            if (peek() == u',') {
                ++m_i;
                continue;
            }
            if (peek() == u'}') {
                ++m_i;
                return true;
            }
            if (atEnd())
                return fail(m_i, tr("unterminated object: the '{' at %1 has no '}'").arg(where(open)));
            return fail(m_i, tr("expected ',' or '}' after the member's value, found %1").arg(describe(m_i)));
        }
    }

    bool array(int depth)
    {
        const qsizetype open = m_i++;
        skipSpace();
        if (peek() == u']') {
            ++m_i;
            return true;
        }
        for (;;) {
            skipSpace();
            if (peek() == u']')
                return fail(m_i, tr("trailing comma: a value is expected after ','"));
            if (atEnd())
                return fail(m_i, tr("unterminated array: the '[' at %1 has no ']'").arg(where(open)));
            if (!value(depth + 1))
                return false;
            skipSpace();
            if (peek() == u',') {
                ++m_i;
                continue;
            }
            if (peek() == u']') {
                ++m_i;
                return true;
            }
            if (atEnd())
                return fail(m_i, tr("unterminated array: the '[' at %1 has no ']'").arg(where(open)));
            return fail(m_i, tr("expected ',' or ']' after the value, found %1").arg(describe(m_i)));
        }
    }

    bool string()
    {
        const qsizetype open = m_i++;
        for (;;) {
            if (atEnd())
                return fail(open, tr("unterminated string: the closing '\"' is missing"));
            const char16_t c = m_s.at(m_i).unicode();
            if (c == u'"') {
                ++m_i;
                return true;
            }
            if (c < 0x20)
                return fail(m_i, tr("%1 inside a string: write it as an escape such as \\n or \\t")
                                     .arg(c == u'\n' ? tr("a line break") : describe(m_i)));
            if (c == u'\\') {
                ++m_i;
                if (atEnd())
                    return fail(open, tr("unterminated string: the closing '\"' is missing"));
                const char16_t e = m_s.at(m_i).unicode();
                if (e == u'u') {
                    for (int k = 1; k <= 4; ++k) {
                        const qsizetype at = m_i + k;
                        if (at >= m_s.size() || !isAsciiHex(m_s.at(at)))
                            return fail(m_i - 1, tr("invalid escape: \\u needs four hex digits"));
                    }
                    m_i += 4;
                } else if (e >= 0x80 || !isEscapeLetter(char(e))) {
                    return fail(m_i - 1, tr("invalid escape \\%1 (valid: \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)")
                                             .arg(QChar(e)));
                }
            }
            ++m_i;
        }
    }

    bool number()
    {
        const qsizetype start = m_i;
        if (peek() == u'-')
            ++m_i;
        if (!isAsciiDigit(peek()))
            return fail(m_i, tr("invalid number: a digit is expected after '-'"));
        if (peek() == u'0') {
            ++m_i;
            if (isAsciiDigit(peek()))
                return fail(start, tr("invalid number: no leading zeros"));
        } else {
            while (isAsciiDigit(peek()))
                ++m_i;
        }
        if (peek() == u'.') {
            ++m_i;
            if (!isAsciiDigit(peek()))
                return fail(m_i, tr("invalid number: a digit is expected after '.'"));
            while (isAsciiDigit(peek()))
                ++m_i;
        }
        if (peek() == u'e' || peek() == u'E') {
            ++m_i;
            if (peek() == u'+' || peek() == u'-')
                ++m_i;
            if (!isAsciiDigit(peek()))
                return fail(m_i, tr("invalid number: the exponent needs digits"));
            while (isAsciiDigit(peek()))
                ++m_i;
        }
        if (peek().isLetter())
            return fail(start, tr("invalid value: a number followed by letters (strings need double quotes)"));
        return true;
    }

    bool literal()
    {
        const qsizetype start = m_i;
        while (!atEnd() && (peek().isLetterOrNumber() || peek() == u'_' || peek() == u'-'))
            ++m_i;
        const QStringView word = m_s.sliced(start, m_i - start);
        if (word == u"true" || word == u"false" || word == u"null")
            return true;
        const QString lower = word.toString().toLower();
        if (lower == QLatin1String("true") || lower == QLatin1String("false") || lower == QLatin1String("null"))
            return fail(start, tr("invalid value '%1': write %2 in lower case").arg(word.toString(), lower));
        return fail(start,
                    tr("invalid value '%1': strings need double quotes (bare words: true, false, null)")
                        .arg(word.size() > 24 ? word.left(24).toString() + QStringLiteral("…") : word.toString()));
    }

    // "line 2, column 5" for an opening bracket mentioned in a message.
    QString where(qsizetype pos) const
    {
        const TextPosition at = textPosition(m_s, pos);
        return tr("line %1, column %2").arg(at.line).arg(at.column);
    }

    QStringView m_s;
    qsizetype m_i = 0;
    qsizetype m_errorPos = -1;
    QString m_error;
};

Error located(const QString &text, qsizetype position, const QString &what)
{
    const qsizetype at = qBound(qsizetype(0), position, text.size());
    const TextPosition where = textPosition(text, at);
    return Error{ErrorCode::InvalidJson, tr("Line %1, column %2: %3").arg(where.line).arg(where.column).arg(what),
                 int(at)};
}

qsizetype firstNonSpace(const QString &text)
{
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (!text.at(i).isSpace())
            return i;
    }
    return 0;
}

}  // namespace

TextPosition textPosition(QStringView text, qsizetype index)
{
    const QStringView before = text.left(index);
    // lastIndexOf is -1 on the first line, so the column counts from 1 there too.
    return {int(before.count(u'\n')) + 1, int(index - before.lastIndexOf(u'\n'))};
}

Result<QJsonValue> checkJson(const QString &text, JsonShape shape)
{
    const bool object = shape == JsonShape::Object;
    if (text.trimmed().isEmpty())
        return located(text, 0,
                       object ? tr("no data; type a JSON object such as {}")
                              : tr("no data; type a JSON value such as {} or \"text\""));
    Checker checker(text);
    if (!checker.run())
        return located(text, checker.errorPosition(), checker.errorMessage());
    // The checker is stricter than Qt: what it passed, Qt reads the same way.
    Result<QJsonValue> value = parseValue(text.toUtf8(), Strictness::Qt);
    if (!value)
        return located(text, 0, value.error().message);  // not expected after the strict check
    if (object && !value->isObject())
        return located(text, firstNonSpace(text), tr("a JSON object { … } is expected here"));
    return value;
}

}  // namespace cs::json
