#pragma once
// Syntax colours for JSON text in a QTextDocument: member names, strings, numbers and
// true/false/null each in their own colour, chosen from the palette so that they read on light
// and dark themes alike.

#include <QColor>
#include <QPalette>
#include <QSyntaxHighlighter>
#include <QTextCharFormat>

namespace cs::ui {

class JsonHighlighter : public QSyntaxHighlighter {
    Q_OBJECT
public:
    enum class Token { Key, String, Number, Keyword, Punctuation };

    explicit JsonHighlighter(QTextDocument *document);

    // Recomputes the colours for this palette (light or dark) and highlights again.
    void setPalette(const QPalette &palette);
    // Inactive: the text is shown without colours (for plain strings and non-JSON bytes).
    void setActive(bool active);
    bool isActive() const { return m_active; }

    QColor color(Token token) const;
    static bool isDark(const QPalette &palette);

protected:
    void highlightBlock(const QString &text) override;

private:
    QTextCharFormat m_key, m_string, m_number, m_keyword, m_punct;
    bool m_active = true;
};

}  // namespace cs::ui
