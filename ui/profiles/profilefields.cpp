#include "profilefields.h"

#include <QAction>
#include <QEvent>
#include <QIcon>
#include <QPainter>
#include <QPainterPath>

namespace cs::ui {

namespace {

bool isDark(const QPalette &palette) { return palette.color(QPalette::Window).lightness() < 128; }

// Theme icons are missing on many desktops (and offscreen): draw a plain eye in the text colour.
QIcon drawnEye(bool open, const QColor &colour)
{
    QPixmap pixmap(32, 32);
    pixmap.fill(Qt::transparent);
    QPainter p(&pixmap);
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(QPen(colour, 2.5));
    QPainterPath lid;
    lid.moveTo(3, 16);
    lid.quadTo(16, 3, 29, 16);
    lid.quadTo(16, 29, 3, 16);
    p.drawPath(lid);
    p.setBrush(colour);
    p.drawEllipse(QPointF(16, 16), 4.5, 4.5);
    if (!open)
        p.drawLine(QPointF(6, 27), QPointF(26, 5));
    return QIcon(pixmap);
}

}  // namespace

QColor toneColour(Tone tone, const QPalette &palette)
{
    const bool dark = isDark(palette);
    switch (tone) {
    case Tone::Ok: return dark ? QColor(0x6c, 0xcb, 0x7a) : QColor(0x1e, 0x7b, 0x34);
    case Tone::Warning: return dark ? QColor(0xe3, 0xb3, 0x41) : QColor(0x8a, 0x5c, 0x00);
    case Tone::Error: return dark ? QColor(0xff, 0x7b, 0x72) : QColor(0xc0, 0x27, 0x2d);
    case Tone::Neutral: break;
    }
    return palette.color(QPalette::PlaceholderText);
}

QString toneSymbol(Tone tone)
{
    switch (tone) {
    case Tone::Ok: return QStringLiteral("✓");
    case Tone::Warning: return QStringLiteral("⚠");
    case Tone::Error: return QStringLiteral("✗");
    case Tone::Neutral: break;
    }
    return QStringLiteral("–");
}

// --- MessageLabel ------------------------------------------------------------------------------

MessageLabel::MessageLabel(const QString &objectName, QWidget *parent) : QLabel(parent)
{
    setObjectName(objectName);
    setWordWrap(true);
    setTextFormat(Qt::PlainText);
    setTextInteractionFlags(Qt::TextSelectableByMouse);  // errors can be copied into a bug report
    setVisible(false);
}

void MessageLabel::setMessage(const QString &text, Tone tone)
{
    m_tone = tone;
    setText(text);
    setVisible(!text.isEmpty());
    applyTone();
}

void MessageLabel::changeEvent(QEvent *event)
{
    QLabel::changeEvent(event);
    // A theme switch changes the palette: pick the variant that reads on the new one.
    if (event->type() == QEvent::PaletteChange && !m_applying)
        applyTone();
}

void MessageLabel::applyTone()
{
    m_applying = true;
    QPalette p = palette();
    p.setColor(QPalette::WindowText, toneColour(m_tone, parentWidget() ? parentWidget()->palette() : p));
    setPalette(p);
    m_applying = false;
}

// --- SecretLineEdit ------------------------------------------------------------------------------

SecretLineEdit::SecretLineEdit(const QString &objectName, const QString &revealName, QWidget *parent)
    : QLineEdit(parent),
      m_reveal(new QAction(this))
{
    setObjectName(objectName);
    setEchoMode(QLineEdit::Password);
    m_reveal->setObjectName(revealName);
    m_reveal->setCheckable(true);
    m_reveal->setText(tr("Show"));
    connect(m_reveal, &QAction::toggled, this, &SecretLineEdit::setRevealed);
    addAction(m_reveal, QLineEdit::TrailingPosition);
    updateIcon();
}

void SecretLineEdit::setRevealed(bool revealed)
{
    setEchoMode(revealed ? QLineEdit::Normal : QLineEdit::Password);
    if (m_reveal->isChecked() != revealed)
        m_reveal->setChecked(revealed);
    updateIcon();
}

void SecretLineEdit::changeEvent(QEvent *event)
{
    QLineEdit::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        updateIcon();
}

void SecretLineEdit::updateIcon()
{
    const bool revealed = isRevealed();
    const QString themeName = revealed ? QStringLiteral("view-hidden") : QStringLiteral("view-visible");
    const QIcon themed = QIcon::fromTheme(themeName);
    m_reveal->setIcon(themed.isNull() ? drawnEye(!revealed, palette().color(QPalette::Text)) : themed);
    m_reveal->setToolTip(revealed ? tr("Hide the text") : tr("Show the text (mind who is watching your screen)"));
}

}  // namespace cs::ui
