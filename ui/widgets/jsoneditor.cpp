#include "jsoneditor.h"
#include "feedback.h"

#include <QFontDatabase>
#include <QKeyEvent>
#include <QTextBlock>

namespace cs::ui {

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
        const int height =
            fontMetrics().lineSpacing() * lines + int(2 * document()->documentMargin()) + 2 * frameWidth();
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
    return m_check.ok() ? m_check.value() : QJsonValue(QJsonValue::Undefined);
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
    if ((event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter)
        && (event->modifiers() & Qt::ControlModifier)) {
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
        m_check = QJsonValue();
    else
        m_check = json::checkJson(text, m_requireObject ? json::JsonShape::Object : json::JsonShape::AnyValue);
    updateMarks();
    Q_EMIT validated(m_check.ok(), errorMessage());
}

void JsonEditor::updateMarks()
{
    QList<QTextEdit::ExtraSelection> marks;
    // Nothing typed yet is missing, not wrong: no error tint behind the placeholder.
    if (!m_check.ok() && !toPlainText().trimmed().isEmpty()) {
        const QColor error = feedback::color(palette(), feedback::Tone::Error);
        // The line of the error, lightly tinted.
        QTextEdit::ExtraSelection line;
        line.format.setBackground(feedback::tint(palette(), feedback::Tone::Error, 28));
        line.format.setProperty(QTextFormat::FullWidthSelection, true);
        line.cursor = QTextCursor(document());
        line.cursor.setPosition(qMin(errorPosition(), document()->characterCount() - 1));
        line.cursor.clearSelection();
        marks << line;
        // The character at the error (or the last one when the error is at the end), underlined.
        const int length = int(toPlainText().size());
        QTextEdit::ExtraSelection at;
        at.format.setUnderlineStyle(QTextCharFormat::WaveUnderline);
        at.format.setUnderlineColor(error);
        at.format.setBackground(feedback::tint(palette(), feedback::Tone::Error, 110));
        at.cursor = QTextCursor(document());
        int start = errorPosition();
        if (start >= length)
            start = qMax(0, length - 1);
        at.cursor.setPosition(start);
        at.cursor.setPosition(qMin(start + 1, length), QTextCursor::KeepAnchor);
        if (length > 0)
            marks << at;
    }
    setExtraSelections(marks);
}

}  // namespace cs::ui
