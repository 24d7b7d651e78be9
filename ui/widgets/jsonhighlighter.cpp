#include "jsonhighlighter.h"

#include <QFont>

namespace cs::ui {

JsonHighlighter::JsonHighlighter(QTextDocument *document) : QSyntaxHighlighter(document) { setPalette(QPalette()); }

bool JsonHighlighter::isDark(const QPalette &palette) { return palette.color(QPalette::Base).lightness() < 128; }

void JsonHighlighter::setPalette(const QPalette &palette)
{
    // The light set is close to the colours editors use on white, the dark set to those on
    // near-black backgrounds; both keep keys, strings, numbers and keywords apart at a glance.
    const bool dark = isDark(palette);
    m_key = {};
    m_string = {};
    m_number = {};
    m_keyword = {};
    m_punct = {};
    m_key.setForeground(dark ? QColor(0x9c, 0xdc, 0xfe) : QColor(0x04, 0x51, 0xa5));
    m_string.setForeground(dark ? QColor(0xce, 0x91, 0x78) : QColor(0xa3, 0x15, 0x15));
    m_number.setForeground(dark ? QColor(0xb5, 0xce, 0xa8) : QColor(0x09, 0x86, 0x58));
    m_keyword.setForeground(dark ? QColor(0x56, 0x9c, 0xd6) : QColor(0x00, 0x00, 0xcc));
    m_keyword.setFontWeight(QFont::Bold);
    QColor punct = palette.color(QPalette::Text);
    punct.setAlphaF(0.6f);
    m_punct.setForeground(punct);
    rehighlight();
}

void JsonHighlighter::setActive(bool active)
{
    if (m_active == active)
        return;
    m_active = active;
    rehighlight();
}

QColor JsonHighlighter::color(Token token) const
{
    switch (token) {
    case Token::Key: return m_key.foreground().color();
    case Token::String: return m_string.foreground().color();
    case Token::Number: return m_number.foreground().color();
    case Token::Keyword: return m_keyword.foreground().color();
    case Token::Punctuation: return m_punct.foreground().color();
    }
    return {};
}

void JsonHighlighter::highlightBlock(const QString &text)
{
    if (!m_active)
        return;
    // A small tokenizer rather than regular expressions: one pass, and strings with escaped
    // quotes are handled. A string is a key when the next non-space character is ':'.
    const qsizetype n = text.size();
    qsizetype i = 0;
    while (i < n) {
        const QChar c = text[i];
        if (c == u'"') {
            qsizetype j = i + 1;
            while (j < n && text[j] != u'"')
                j += text[j] == u'\\' ? 2 : 1;
            j = qMin(j + 1, n);
            qsizetype k = j;
            while (k < n && text[k].isSpace())
                ++k;
            setFormat(int(i), int(j - i), k < n && text[k] == u':' ? m_key : m_string);
            i = j;
        } else if (c == u'-' || c.isDigit()) {
            qsizetype j = i + 1;
            while (j < n
                   && (text[j].isDigit() || text[j] == u'.' || text[j] == u'e' || text[j] == u'E' || text[j] == u'+'
                       || text[j] == u'-'))
                ++j;
            setFormat(int(i), int(j - i), m_number);
            i = j;
        } else if (c.isLetter()) {
            qsizetype j = i + 1;
            while (j < n && text[j].isLetter())
                ++j;
            const QStringView word = QStringView(text).mid(i, j - i);
            if (word == u"true" || word == u"false" || word == u"null")
                setFormat(int(i), int(j - i), m_keyword);
            i = j;
        } else {
            if (c == u'{' || c == u'}' || c == u'[' || c == u']' || c == u':' || c == u',')
                setFormat(int(i), 1, m_punct);
            ++i;
        }
    }
}

}  // namespace cs::ui
