#pragma once
// Small pieces of the profile editor: an inline message label whose colour follows the palette,
// and a password line edit with a reveal toggle.

#include <QLabel>
#include <QLineEdit>

class QAction;

namespace cs::ui {

enum class Tone { Neutral, Ok, Warning, Error };

// A mid-saturation green/amber/red chosen for the palette's lightness, so it reads on light and
// dark themes alike; Neutral is the palette's placeholder text colour.
QColor toneColour(Tone tone, const QPalette &palette);
// "✓", "⚠", "✗", "–" for check lines and messages.
QString toneSymbol(Tone tone);

// A one-line (wrapping) message under a field; hidden while empty.
class MessageLabel : public QLabel {
    Q_OBJECT
public:
    explicit MessageLabel(const QString &objectName, QWidget *parent = nullptr);

    void setMessage(const QString &text, Tone tone);
    void clearMessage() { setMessage({}, Tone::Neutral); }
    Tone tone() const { return m_tone; }

protected:
    void changeEvent(QEvent *event) override;

private:
    void applyTone();

    Tone m_tone = Tone::Neutral;
    bool m_applying = false;
};

// QLineEdit::Password with a trailing eye action that shows the text while checked.
class SecretLineEdit : public QLineEdit {
    Q_OBJECT
public:
    // `revealName` is the objectName of the toggle action (e.g. "revealSecret").
    SecretLineEdit(const QString &objectName, const QString &revealName, QWidget *parent = nullptr);

    QAction *revealAction() const { return m_reveal; }
    bool isRevealed() const { return echoMode() == QLineEdit::Normal; }
    void setRevealed(bool revealed);

protected:
    void changeEvent(QEvent *event) override;

private:
    void updateIcon();

    QAction *m_reveal;
};

}  // namespace cs::ui
