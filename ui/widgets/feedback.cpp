#include "feedback.h"

#include <QEvent>
#include <QLabel>
#include <QVariant>

namespace cs::ui::feedback {

void setTone(QLabel *label, Tone tone)
{
    // Only WindowText is set: every other role (and Neutral entirely) stays inherited.
    QPalette p;
    if (tone != Tone::Neutral) {
        const QWidget *source = label->parentWidget() ? label->parentWidget() : label;
        p.setColor(QPalette::WindowText, color(source->palette(), tone));
    }
    label->setPalette(p);
    label->setProperty("feedbackTone", int(tone));
}

void show(QLabel *label, const QString &text, Tone tone)
{
    label->setText(text);
    setTone(label, tone);
    label->setVisible(!text.isEmpty());
}

void refresh(QWidget *root)
{
    for (QLabel *label : root->findChildren<QLabel *>()) {
        const QVariant tone = label->property("feedbackTone");
        if (tone.isValid())
            setTone(label, Tone(tone.toInt()));
    }
}

void followPalette(QWidget *widget, const QEvent *event, std::function<void()> recolour)
{
    if (event->type() != QEvent::PaletteChange)
        return;
    QMetaObject::invokeMethod(
        widget,
        [widget, recolour = std::move(recolour)] {
            refresh(widget);
            if (recolour)
                recolour();
        },
        Qt::QueuedConnection);
}

QLabel *emptyStateLabel(const QString &objectName, const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setObjectName(objectName);
    label->setTextFormat(Qt::PlainText);
    label->setWordWrap(true);
    label->setAlignment(Qt::AlignCenter);
    label->setForegroundRole(QPalette::PlaceholderText);
    label->setContentsMargins(8, 8, 8, 8);
    return label;
}

}  // namespace cs::ui::feedback
