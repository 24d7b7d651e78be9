#pragma once
// A read-only text, wrapped anywhere and exactly as tall as its content, with highlighted
// stretches: strings to sign and signatures have no spaces to wrap at, and must stay readable in
// a narrow dock.

#include "textrange.h"

#include <QList>
#include <QTextEdit>

namespace cs::ui {

class FittedText : public QTextEdit {
    Q_OBJECT
public:
    FittedText(const QString &objectName, bool monospace, QWidget *parent = nullptr);

    // Shows `text` with `ranges` tinted in the palette's error tone (strong ones bold).
    void setText(const QString &text, const QList<TextRange> &ranges, const QPalette &palette);
    void applyHighlights(const QPalette &palette);
    QStringList highlightedTexts() const;  // the highlighted stretches, in order

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void fit();

    QList<TextRange> m_ranges;
};

}  // namespace cs::ui
