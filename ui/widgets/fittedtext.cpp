#include "fittedtext.h"

#include "tone.h"

#include <QAbstractTextDocumentLayout>
#include <QFontDatabase>

#include <cmath>

namespace cs::ui {

FittedText::FittedText(const QString &objectName, bool monospace, QWidget *parent) : QTextEdit(parent)
{
    setObjectName(objectName);
    setReadOnly(true);
    setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    if (monospace)
        setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    setLineWrapMode(QTextEdit::WidgetWidth);
    setWordWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    setMinimumWidth(60);
    document()->setDocumentMargin(3);
    connect(document()->documentLayout(), &QAbstractTextDocumentLayout::documentSizeChanged, this, [this] { fit(); });
}

void FittedText::setText(const QString &text, const QList<TextRange> &ranges, const QPalette &palette)
{
    setPlainText(text);
    m_ranges = ranges;
    applyHighlights(palette);
    fit();
}

void FittedText::applyHighlights(const QPalette &palette)
{
    QList<QTextEdit::ExtraSelection> selections;
    for (const TextRange &range : std::as_const(m_ranges)) {
        QTextEdit::ExtraSelection selection;
        selection.cursor = QTextCursor(document());
        selection.cursor.setPosition(range.start);
        selection.cursor.setPosition(range.start + range.length, QTextCursor::KeepAnchor);
        selection.format.setBackground(feedback::tint(palette, feedback::Tone::Error, range.strong ? 120 : 45));
        if (range.strong)
            selection.format.setFontWeight(QFont::Bold);
        selections << selection;
    }
    setExtraSelections(selections);
}

QStringList FittedText::highlightedTexts() const
{
    QStringList out;
    const QString text = toPlainText();
    for (const TextRange &range : m_ranges)
        out << text.mid(range.start, range.length);
    return out;
}

void FittedText::resizeEvent(QResizeEvent *event)
{
    QTextEdit::resizeEvent(event);
    fit();
}

void FittedText::fit()
{
    const int height = int(std::ceil(document()->size().height())) + 2 * frameWidth();
    if (height != this->height())
        setFixedHeight(qMax(height, fontMetrics().height() + 2 * frameWidth()));
}

}  // namespace cs::ui
