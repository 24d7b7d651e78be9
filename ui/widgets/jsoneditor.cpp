#include "jsoneditor.h"
#include "feedback.h"

#include <QFontDatabase>
#include <QJsonArray>
#include <QJsonDocument>
#include <QKeyEvent>
#include <QLabel>
#include <QTextBlock>

namespace cs::ui {

// --- Feedback colours ---------------------------------------------------------------------------


// --- JSON checking ------------------------------------------------------------------------------

namespace {

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
            return fail(m_i, JsonEditor::tr("unexpected %1 after the JSON value (only one value is allowed; "
                                            "wrap several in [ ] to send an array)").arg(describe(m_i)));
        return true;
    }
    int errorPosition() const { return m_errorPos; }
    QString errorMessage() const { return m_error; }

private:
    static constexpr int kMaxDepth = 512;

    bool fail(qsizetype pos, const QString &message)
    {
        m_errorPos = int(pos);
        m_error = message;
        return false;
    }
    bool atEnd() const { return m_i >= m_s.size(); }
    QChar peek() const { return atEnd() ? QChar() : m_s.at(m_i); }

    QString describe(qsizetype pos) const
    {
        if (pos >= m_s.size())
            return JsonEditor::tr("end of data");
        const QChar c = m_s.at(pos);
        if (c.unicode() < 0x20)
            return QStringLiteral("U+%1").arg(c.unicode(), 4, 16, QLatin1Char('0')).toUpper();
        return QStringLiteral("'%1'").arg(c);
    }

    void skipSpace()
    {
        while (!atEnd()) {
            const char16_t c = m_s.at(m_i).unicode();
            if (c != u' ' && c != u'\t' && c != u'\n' && c != u'\r')
                return;
            ++m_i;
        }
    }

    bool value(int depth)
    {
        skipSpace();
        if (atEnd())
            return fail(m_i, JsonEditor::tr("the data ends where a value is expected"));
        if (depth > kMaxDepth)
            return fail(m_i, JsonEditor::tr("nested too deeply"));
        const QChar c = peek();
        if (c == u'{')
            return object(depth);
        if (c == u'[')
            return array(depth);
        if (c == u'"')
            return string();
        if (c == u'-' || (c >= u'0' && c <= u'9'))
            return number();
        if (c.isLetter() || c == u'_')
            return literal();
        if (c == u'\'')
            return fail(m_i, JsonEditor::tr("strings need double quotes, not single quotes"));
        if (c == u'}' || c == u']' || c == u',')
            return fail(m_i, JsonEditor::tr("a value is missing before %1").arg(describe(m_i)));
        return fail(m_i, JsonEditor::tr("unexpected %1 where a value is expected").arg(describe(m_i)));
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
                return fail(m_i, JsonEditor::tr("unterminated object: the '{' at %1 has no '}'").arg(where(open)));
            if (peek() == u'}')
                return fail(m_i, JsonEditor::tr("trailing comma: a member is expected after ','"));
            if (peek() != u'"') {
                if (peek() == u'\'')
                    return fail(m_i, JsonEditor::tr("member names need double quotes, not single quotes"));
                return fail(m_i, JsonEditor::tr("expected a member name in double quotes, found %1").arg(describe(m_i)));
            }
            if (!string())
                return false;
            skipSpace();
            if (peek() != u':')
                return fail(m_i, JsonEditor::tr("expected ':' after the member name, found %1").arg(describe(m_i)));
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
                return fail(m_i, JsonEditor::tr("unterminated object: the '{' at %1 has no '}'").arg(where(open)));
            return fail(m_i, JsonEditor::tr("expected ',' or '}' after the member's value, found %1").arg(describe(m_i)));
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
                return fail(m_i, JsonEditor::tr("trailing comma: a value is expected after ','"));
            if (atEnd())
                return fail(m_i, JsonEditor::tr("unterminated array: the '[' at %1 has no ']'").arg(where(open)));
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
                return fail(m_i, JsonEditor::tr("unterminated array: the '[' at %1 has no ']'").arg(where(open)));
            return fail(m_i, JsonEditor::tr("expected ',' or ']' after the value, found %1").arg(describe(m_i)));
        }
    }

    bool string()
    {
        const qsizetype open = m_i++;
        for (;;) {
            if (atEnd())
                return fail(open, JsonEditor::tr("unterminated string: the closing '\"' is missing"));
            const char16_t c = m_s.at(m_i).unicode();
            if (c == u'"') {
                ++m_i;
                return true;
            }
            if (c < 0x20)
                return fail(m_i, JsonEditor::tr("%1 inside a string: write it as an escape such as \\n or \\t")
                                     .arg(c == u'\n' ? JsonEditor::tr("a line break") : describe(m_i)));
            if (c == u'\\') {
                ++m_i;
                if (atEnd())
                    return fail(open, JsonEditor::tr("unterminated string: the closing '\"' is missing"));
                const char16_t e = m_s.at(m_i).unicode();
                if (e == u'u') {
                    for (int k = 1; k <= 4; ++k) {
                        const qsizetype at = m_i + k;
                        if (at >= m_s.size() || !isHex(m_s.at(at)))
                            return fail(m_i - 1, JsonEditor::tr("invalid escape: \\u needs four hex digits"));
                    }
                    m_i += 4;
                } else if (!QStringView(u"\"\\/bfnrt").contains(QChar(e))) {
                    return fail(m_i - 1, JsonEditor::tr("invalid escape \\%1 (valid: \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)")
                                             .arg(QChar(e)));
                }
            }
            ++m_i;
        }
    }

    static bool isHex(QChar c)
    {
        const char16_t u = c.unicode();
        return (u >= u'0' && u <= u'9') || (u >= u'a' && u <= u'f') || (u >= u'A' && u <= u'F');
    }
    static bool isDigit(QChar c) { return c.unicode() >= u'0' && c.unicode() <= u'9'; }

    bool number()
    {
        const qsizetype start = m_i;
        if (peek() == u'-')
            ++m_i;
        if (!isDigit(peek()))
            return fail(m_i, JsonEditor::tr("invalid number: a digit is expected after '-'"));
        if (peek() == u'0') {
            ++m_i;
            if (isDigit(peek()))
                return fail(start, JsonEditor::tr("invalid number: no leading zeros"));
        } else {
            while (isDigit(peek()))
                ++m_i;
        }
        if (peek() == u'.') {
            ++m_i;
            if (!isDigit(peek()))
                return fail(m_i, JsonEditor::tr("invalid number: a digit is expected after '.'"));
            while (isDigit(peek()))
                ++m_i;
        }
        if (peek() == u'e' || peek() == u'E') {
            ++m_i;
            if (peek() == u'+' || peek() == u'-')
                ++m_i;
            if (!isDigit(peek()))
                return fail(m_i, JsonEditor::tr("invalid number: the exponent needs digits"));
            while (isDigit(peek()))
                ++m_i;
        }
        if (peek().isLetter())
            return fail(start, JsonEditor::tr("invalid value: a number followed by letters (strings need double quotes)"));
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
            return fail(start, JsonEditor::tr("invalid value '%1': write %2 in lower case").arg(word.toString(), lower));
        return fail(start, JsonEditor::tr("invalid value '%1': strings need double quotes (bare words: true, false, null)")
                               .arg(word.size() > 24 ? word.left(24).toString() + QStringLiteral("…") : word.toString()));
    }

    // "line 2, column 5" for an opening bracket mentioned in a message.
    QString where(qsizetype pos) const
    {
        const QStringView before = m_s.left(pos);
        const qsizetype line = before.count(u'\n') + 1;
        const qsizetype column = pos - before.lastIndexOf(u'\n');
        return JsonEditor::tr("line %1, column %2").arg(line).arg(column);
    }

    QStringView m_s;
    qsizetype m_i = 0;
    int m_errorPos = -1;
    QString m_error;
};

void locate(JsonCheck &check, const QString &text, int position, const QString &what)
{
    check.ok = false;
    check.position = qBound(0, position, int(text.size()));
    const QStringView before = QStringView(text).left(check.position);
    check.line = int(before.count(u'\n')) + 1;
    check.column = check.position - int(before.lastIndexOf(u'\n'));  // lastIndexOf = -1 on line 1
    check.message = JsonEditor::tr("Line %1, column %2: %3").arg(check.line).arg(check.column).arg(what);
}

int firstNonSpace(const QString &text)
{
    for (int i = 0; i < text.size(); ++i) {
        if (!text.at(i).isSpace())
            return i;
    }
    return 0;
}

} // namespace

JsonCheck checkJson(const QString &text, bool requireObject)
{
    JsonCheck check;
    if (text.trimmed().isEmpty()) {
        locate(check, text, 0, requireObject ? JsonEditor::tr("no data; type a JSON object such as {}")
                                             : JsonEditor::tr("no data; type a JSON value such as {} or \"text\""));
        return check;
    }
    Checker checker(text);
    if (!checker.run()) {
        locate(check, text, checker.errorPosition(), checker.errorMessage());
        return check;
    }
    // QJsonDocument only takes an object or an array at the top: wrapped in [ ], any value goes.
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson('[' + text.toUtf8() + ']', &error);
    if (error.error != QJsonParseError::NoError || doc.array().size() != 1) {
        locate(check, text, 0, error.errorString());  // not expected after the strict check
        return check;
    }
    if (requireObject && !doc.array().at(0).isObject()) {
        locate(check, text, firstNonSpace(text), JsonEditor::tr("a JSON object { … } is expected here"));
        return check;
    }
    check.value = doc.array().at(0);
    return check;
}

// --- The editor ---------------------------------------------------------------------------------

JsonEditor::JsonEditor(QWidget *parent) : QPlainTextEdit(parent)
{
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    setTabChangesFocus(true);
    setLineWrapMode(QPlainTextEdit::WidgetWidth);
    setPlaceholderText(tr("JSON, e.g. {\"message\": \"hello\"}"));
    connect(this, &QPlainTextEdit::textChanged, this, &JsonEditor::revalidate);
    revalidate();
}

void JsonEditor::setPlainStringMode(bool on)
{
    if (m_plainString == on)
        return;
    m_plainString = on;
    revalidate();
}

void JsonEditor::setAllowEmpty(bool allow)
{
    m_allowEmpty = allow;
    revalidate();
}

void JsonEditor::setRequireObject(bool require)
{
    m_requireObject = require;
    revalidate();
}

void JsonEditor::setVisibleLines(int lines)
{
    m_visibleLines = lines;
    if (lines > 0) {
        const int height = fontMetrics().lineSpacing() * lines + int(2 * document()->documentMargin()) + 2 * frameWidth();
        setMaximumHeight(height);
    } else {
        setMaximumHeight(QWIDGETSIZE_MAX);
    }
    updateGeometry();
}

QJsonValue JsonEditor::value() const
{
    if (m_plainString)
        return QJsonValue(toPlainText());
    return m_check.ok ? m_check.value : QJsonValue(QJsonValue::Undefined);
}

QSize JsonEditor::sizeHint() const
{
    const QSize base = QPlainTextEdit::sizeHint();
    const int lines = m_visibleLines > 0 ? m_visibleLines : 6;
    const int height = fontMetrics().lineSpacing() * lines + int(2 * document()->documentMargin()) + 2 * frameWidth();
    return {base.width(), height};
}

QSize JsonEditor::minimumSizeHint() const
{
    const int lines = m_visibleLines > 0 ? qMin(m_visibleLines, 2) : 2;
    const int height = fontMetrics().lineSpacing() * lines + int(2 * document()->documentMargin()) + 2 * frameWidth();
    return {fontMetrics().averageCharWidth() * 12, height};
}

void JsonEditor::keyPressEvent(QKeyEvent *event)
{
    if ((event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter) && (event->modifiers() & Qt::ControlModifier)) {
        event->accept();
        Q_EMIT submitRequested();
        return;
    }
    QPlainTextEdit::keyPressEvent(event);
}

void JsonEditor::changeEvent(QEvent *event)
{
    QPlainTextEdit::changeEvent(event);
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::StyleChange)
        updateMarks();
}

void JsonEditor::revalidate()
{
    const QString text = toPlainText();
    if (m_plainString || (m_allowEmpty && text.trimmed().isEmpty()))
        m_check = JsonCheck{};
    else
        m_check = checkJson(text, m_requireObject);
    updateMarks();
    Q_EMIT validated(m_check.ok, errorMessage());
}

void JsonEditor::updateMarks()
{
    QList<QTextEdit::ExtraSelection> marks;
    if (!m_check.ok) {
        const QColor error = feedback::color(palette(), feedback::Tone::Error);
        // The line of the error, lightly tinted.
        QTextEdit::ExtraSelection line;
        line.format.setBackground(feedback::tint(palette(), feedback::Tone::Error, 28));
        line.format.setProperty(QTextFormat::FullWidthSelection, true);
        line.cursor = QTextCursor(document());
        line.cursor.setPosition(qMin(m_check.position, document()->characterCount() - 1));
        line.cursor.clearSelection();
        marks << line;
        // The character at the error (or the last one when the error is at the end), underlined.
        const int length = int(toPlainText().size());
        QTextEdit::ExtraSelection at;
        at.format.setUnderlineStyle(QTextCharFormat::WaveUnderline);
        at.format.setUnderlineColor(error);
        at.format.setBackground(feedback::tint(palette(), feedback::Tone::Error, 110));
        at.cursor = QTextCursor(document());
        int start = m_check.position;
        if (start >= length)
            start = qMax(0, length - 1);
        at.cursor.setPosition(start);
        at.cursor.setPosition(qMin(start + 1, length), QTextCursor::KeepAnchor);
        if (length > 0)
            marks << at;
    }
    setExtraSelections(marks);
}

} // namespace cs::ui
