#pragma once
// One signature explained (cs::SignatureExplanation, as the log's auth entries carry it): the
// verdict in one line, which part differs (app key, socket id, channel, channel_data/user_data,
// secret), the string to sign in monospace with the differing part highlighted (and the other
// side's string when it is known), and the expected and received signatures. The secret itself
// is never shown.

#include "explainer.h"
#include "feedback.h"
#include "signatureparts.h"

#include <QWidget>

#include <optional>

class QGridLayout;
class QLabel;
class QToolButton;

namespace cs::ui {

class FittedText;

// The colour a verdict is shown in: success for a match, error for a mismatch.
feedback::Tone toneOf(SignatureExplanation::Verdict verdict);

class SignatureView : public QWidget {
    Q_OBJECT
public:
    // The parts of a signature the view rates, in display order (signatureparts.h).
    using Part = signature::Part;
    using PartState = signature::PartState;

    explicit SignatureView(QWidget *parent = nullptr);

    void setExplanation(const SignatureExplanation &explanation);
    void clear();
    const std::optional<SignatureExplanation> &explanation() const { return m_explanation; }

    // What the view shows, for tests and for copying.
    QString verdictText() const;  // "Secret differs: the signer uses a different secret…"
    PartState partState(Part part) const;
    QString partValue(Part part) const;
    // The highlighted stretches of the string to sign (first) and the other side's string, in
    // order of appearance: the differing part, then the exact bytes that differ inside it.
    QStringList stringHighlights() const;
    QStringList otherStringHighlights() const;
    QStringList signatureHighlights() const;  // in the expected and received signatures
    QString plainText() const;                // everything shown, as text

public Q_SLOTS:
    void copyText() const;

protected:
    void changeEvent(QEvent *event) override;

private:
    void buildUi();
    void render();

    std::optional<SignatureExplanation> m_explanation;
    QLabel *m_verdict = nullptr;
    QLabel *m_summary = nullptr;
    QToolButton *m_copy = nullptr;
    QGridLayout *m_partsGrid = nullptr;
    QList<QLabel *> m_partValues;
    QList<QLabel *> m_partStates;
    QLabel *m_stringCaption = nullptr;
    FittedText *m_string = nullptr;
    QLabel *m_otherCaption = nullptr;
    FittedText *m_other = nullptr;
    FittedText *m_expected = nullptr;
    FittedText *m_received = nullptr;
    QLabel *m_details = nullptr;
};

}  // namespace cs::ui
