#pragma once
// A one-line QLabel that elides its text with "…" instead of clipping it or pushing its
// neighbours away; the full text is in the tooltip. For status and note lines of the log panel.

#include <QLabel>
#include <QPainter>
#include <QStyle>

namespace cs::ui {

class LogElidedLabel : public QLabel {
public:
    explicit LogElidedLabel(QWidget *parent = nullptr) : QLabel(parent)
    {
        setTextFormat(Qt::PlainText);
        setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    }

    void setElidedText(const QString &text, const QString &emptyToolTip = {})
    {
        setText(text);
        setToolTip(text.isEmpty() ? emptyToolTip : text);
    }

    QSize minimumSizeHint() const override { return {0, QLabel::minimumSizeHint().height()}; }
    QSize sizeHint() const override { return {0, QLabel::sizeHint().height()}; }

protected:
    void paintEvent(QPaintEvent *) override
    {
        QPainter painter(this);
        const QRect area = contentsRect();
        const QString shown = fontMetrics().elidedText(text(), Qt::ElideRight, area.width());
        style()->drawItemText(&painter, area, int(alignment()) | Qt::TextSingleLine, palette(), isEnabled(), shown,
                              foregroundRole());
    }
};

}  // namespace cs::ui
