#include "signatureview.h"

#include "fittedtext.h"
#include "logelidedlabel.h"

#include <QApplication>
#include <QClipboard>
#include <QEvent>
#include <QFontDatabase>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QScrollArea>
#include <QToolButton>
#include <QVBoxLayout>

namespace cs::ui {

namespace {

using namespace signature;

QLabel *caption(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    QFont font = label->font();
    font.setBold(true);
    label->setFont(font);
    return label;
}

}  // namespace

feedback::Tone toneOf(SignatureExplanation::Verdict verdict)
{
    switch (verdict) {
    case Verdict::Match: return feedback::Tone::Success;
    case Verdict::Unknown: return feedback::Tone::Neutral;
    case Verdict::Malformed: return feedback::Tone::Warning;
    default: return feedback::Tone::Error;
    }
}

SignatureView::SignatureView(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("signatureView"));
    buildUi();
    clear();
}

void SignatureView::buildUi()
{
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    outer->addWidget(scroll);

    auto *page = new QWidget(scroll);
    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->setSpacing(6);

    // Verdict: a coloured title and the one-line summary.
    auto *header = new QHBoxLayout;
    m_verdict = new QLabel(page);
    m_verdict->setObjectName(QStringLiteral("signatureVerdict"));
    m_verdict->setTextFormat(Qt::PlainText);
    QFont big = m_verdict->font();
    big.setBold(true);
    big.setPointSizeF(big.pointSizeF() * 1.15);
    m_verdict->setFont(big);
    m_verdict->setToolTip(tr("What the signature check found"));
    m_copy = new QToolButton(page);
    m_copy->setObjectName(QStringLiteral("copySignatureButton"));
    m_copy->setText(tr("Copy"));
    m_copy->setIcon(QIcon::fromTheme(QStringLiteral("edit-copy")));
    m_copy->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_copy->setAutoRaise(true);
    m_copy->setToolTip(tr("Copy the explanation as text"));
    connect(m_copy, &QToolButton::clicked, this, &SignatureView::copyText);
    header->addWidget(m_verdict, 1);
    header->addWidget(m_copy);
    layout->addLayout(header);

    m_summary = new QLabel(page);
    m_summary->setObjectName(QStringLiteral("signatureSummary"));
    m_summary->setTextFormat(Qt::PlainText);
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    layout->addWidget(m_summary);

    // Which part differs.
    layout->addWidget(caption(tr("What was compared"), page));
    auto *partsBox = new QWidget(page);
    partsBox->setObjectName(QStringLiteral("signatureParts"));
    partsBox->setToolTip(tr("Each part that goes into the signature, and whether both sides agree on it"));
    m_partsGrid = new QGridLayout(partsBox);
    m_partsGrid->setContentsMargins(8, 0, 0, 0);
    m_partsGrid->setHorizontalSpacing(12);
    m_partsGrid->setVerticalSpacing(2);
    m_partsGrid->setColumnStretch(2, 1);
    const QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    int row = 0;
    for (const Part part : kParts) {
        auto *name = new QLabel(partName(part, false), partsBox);
        name->setObjectName(QStringLiteral("signaturePartName%1").arg(row));
        auto *value = new LogElidedLabel(partsBox);
        value->setObjectName(QStringLiteral("signaturePartValue%1").arg(row));
        value->setFont(fixed);
        value->setTextInteractionFlags(Qt::TextSelectableByMouse);
        auto *state = new QLabel(partsBox);
        state->setObjectName(QStringLiteral("signaturePartState%1").arg(row));
        state->setTextFormat(Qt::PlainText);
        // Name, verdict, value: the verdicts line up next to the names, long values elide on the right.
        m_partsGrid->addWidget(name, row, 0);
        m_partsGrid->addWidget(state, row, 1);
        m_partsGrid->addWidget(value, row, 2);
        m_partValues << value;
        m_partStates << state;
        ++row;
    }
    layout->addWidget(partsBox);

    // The strings to sign.
    m_stringCaption = caption(tr("String to sign"), page);
    m_string = new FittedText(QStringLiteral("signatureString"), true, page);
    m_string->setToolTip(tr("The exact bytes the HMAC-SHA256 is computed over; the differing part is highlighted"));
    m_otherCaption = caption(QString(), page);
    m_other = new FittedText(QStringLiteral("signatureOtherString"), true, page);
    m_other->setToolTip(tr("The other side's string, with the same part highlighted"));
    layout->addWidget(m_stringCaption);
    layout->addWidget(m_string);
    layout->addWidget(m_otherCaption);
    layout->addWidget(m_other);

    // The signatures.
    layout->addWidget(caption(tr("Expected (this profile's key and secret)"), page));
    m_expected = new FittedText(QStringLiteral("signatureExpected"), true, page);
    m_expected->setToolTip(tr("\"<app key>:<HMAC-SHA256 hex>\" computed here with the profile's key and secret"));
    layout->addWidget(m_expected);
    layout->addWidget(caption(tr("Received"), page));
    m_received = new FittedText(QStringLiteral("signatureReceived"), true, page);
    m_received->setToolTip(
        tr("The signature as it was received (from the endpoint, the signer or the server's error)"));
    layout->addWidget(m_received);

    layout->addWidget(caption(tr("Details"), page));
    m_details = new QLabel(page);
    m_details->setObjectName(QStringLiteral("signatureDetails"));
    m_details->setTextFormat(Qt::PlainText);
    m_details->setWordWrap(true);
    m_details->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_details->setMinimumWidth(60);
    layout->addWidget(m_details);
    layout->addStretch(1);
    scroll->setWidget(page);
}

void SignatureView::setExplanation(const SignatureExplanation &explanation)
{
    m_explanation = explanation;
    render();
}

void SignatureView::clear()
{
    m_explanation.reset();
    render();
}

void SignatureView::render()
{
    const QPalette pal = palette();
    if (!m_explanation) {
        feedback::show(m_verdict, tr("No signature selected"), feedback::Tone::Neutral);
        m_summary->setText(tr("Select an auth entry in the log to see its signature explained."));
        for (int i = 0; i < m_partValues.size(); ++i) {
            static_cast<LogElidedLabel *>(m_partValues.at(i))->setElidedText({});
            m_partStates.at(i)->clear();
        }
        m_string->setText({}, {}, pal);
        m_other->setText({}, {}, pal);
        m_otherCaption->hide();
        m_other->hide();
        m_expected->setText({}, {}, pal);
        m_received->setText({}, {}, pal);
        m_details->clear();
        m_copy->setEnabled(false);
        return;
    }
    const SignatureExplanation &e = *m_explanation;
    m_copy->setEnabled(true);
    feedback::show(m_verdict, verdictTitle(e.verdict), toneOf(e.verdict));
    m_summary->setText(e.summary);

    // Parts.
    const StringToSignParts parts = splitStringToSign(e.stringToSign);
    const QMap<Part, PartState> states = partStates(e);
    for (int i = 0; i < m_partValues.size(); ++i) {
        const Part part = kParts[i];
        static_cast<QLabel *>(m_partsGrid->itemAtPosition(i, 0)->widget())
            ->setText(partName(part, parts.user) + QLatin1Char(':'));
        const QString value = partValue(part);
        static_cast<LogElidedLabel *>(m_partValues.at(i))->setElidedText(value);
        const PartState state = states.value(part);
        feedback::setTone(m_partStates.at(i), state == PartState::Same      ? feedback::Tone::Success
                                              : state == PartState::Differs ? feedback::Tone::Error
                                                                            : feedback::Tone::Neutral);
        m_partStates.at(i)->setText(stateText(state));
        m_partStates.at(i)->setEnabled(state != PartState::Unknown && state != PartState::Absent);  // muted
    }

    // Strings, with the part the verdict names and the exact differing characters.
    const QString mine = QString::fromUtf8(e.stringToSign);
    const QString theirs = QString::fromUtf8(e.otherString);
    const auto [mineExact, theirsExact] =
        theirs.isEmpty() ? decltype(diffRanges(mine, theirs)){} : diffRanges(mine, theirs);
    m_stringCaption->setText(e.stringLabel.isEmpty() ? tr("String to sign")
                                                     : e.stringLabel.at(0).toUpper() + e.stringLabel.mid(1));
    m_string->setText(mine.isEmpty() ? tr("(not known)") : mine, rangesFor(e.verdict, e.stringToSign, mineExact), pal);
    m_otherCaption->setVisible(!theirs.isEmpty());
    m_other->setVisible(!theirs.isEmpty());
    if (!theirs.isEmpty()) {
        m_otherCaption->setText(e.otherLabel.isEmpty() ? tr("Other side")
                                                       : e.otherLabel.at(0).toUpper() + e.otherLabel.mid(1));
        m_other->setText(theirs, rangesFor(e.verdict, e.otherString, theirsExact), pal);
    }

    // Signatures: the key when it is the key that differs, else the hex when it differs.
    const QString expectedText = QString::fromUtf8(e.expected);
    const QString receivedText = QString::fromUtf8(e.received);
    QList<TextRange> expectedRanges, receivedRanges;
    if (!expectedText.isEmpty() && !receivedText.isEmpty() && e.verdict != Verdict::Match) {
        const auto [expectedKey, expectedHex] = authRanges(expectedText);
        const auto [receivedKey, receivedHex] = authRanges(receivedText);
        if (e.verdict == Verdict::WrongKey) {
            expectedRanges << expectedKey;
            receivedRanges << receivedKey;
        } else if (hexOf(e.expected) != hexOf(e.received)) {
            expectedRanges << expectedHex;
            receivedRanges << receivedHex;
        }
    }
    m_expected->setText(expectedText.isEmpty() ? tr("(cannot be computed: the profile has no secret)") : expectedText,
                        expectedRanges, pal);
    m_received->setText(receivedText.isEmpty() ? tr("(none)") : receivedText, receivedRanges, pal);

    QStringList lines;
    for (const QString &line : e.details)
        lines << QStringLiteral("\u2022 ") + line;
    m_details->setText(lines.isEmpty() ? tr("(none)") : lines.join(u'\n'));
}

QString SignatureView::verdictText() const
{
    if (!m_explanation)
        return {};
    return QStringLiteral("%1: %2").arg(verdictTitle(m_explanation->verdict), m_explanation->summary);
}

SignatureView::PartState SignatureView::partState(Part part) const
{
    return m_explanation ? partStates(*m_explanation).value(part, PartState::Unknown) : PartState::Unknown;
}

QString SignatureView::partValue(Part part) const
{
    if (!m_explanation)
        return {};
    const SignatureExplanation &e = *m_explanation;
    const StringToSignParts mine = splitStringToSign(e.stringToSign);
    const StringToSignParts theirs = splitStringToSign(e.otherString);
    const bool differs = partState(part) == PartState::Differs && !e.otherString.isEmpty();
    auto withOther = [&](const QByteArray &a, const QByteArray &b) {
        QString text = QString::fromUtf8(a);
        if (differs && a != b)
            text += tr("   (%1: %2)").arg(e.otherLabel, QString::fromUtf8(b));
        return text;
    };
    switch (part) {
    case Part::Key: {
        const QString profileKey = keyOf(e.expected);
        const QString receivedKey = keyOf(e.received);
        if (e.verdict == Verdict::WrongKey && !receivedKey.isEmpty())
            return tr("%1   (this profile: %2)").arg(receivedKey, profileKey);
        return profileKey.isEmpty() ? receivedKey : profileKey;
    }
    case Part::SocketId: return withOther(mine.socketId, theirs.socketId);
    case Part::Channel:
        if (mine.user)
            return theirs.user || e.otherString.isEmpty()
                       ? tr("(user sign-in)")
                       : tr("(user sign-in)   (%1: %2)").arg(e.otherLabel, QString::fromUtf8(theirs.channel));
        return withOther(mine.channel, theirs.user ? QByteArray("(user sign-in)") : theirs.channel);
    case Part::Data: return withOther(mine.data, theirs.data);
    case Part::Secret: return tr("(never shown)");
    }
    return {};
}

QStringList SignatureView::stringHighlights() const { return m_string->highlightedTexts(); }

QStringList SignatureView::otherStringHighlights() const
{
    return m_other->isVisibleTo(this) ? m_other->highlightedTexts() : QStringList();
}

QStringList SignatureView::signatureHighlights() const
{
    return m_expected->highlightedTexts() + m_received->highlightedTexts();
}

QString SignatureView::plainText() const
{
    if (!m_explanation)
        return {};
    const SignatureExplanation &e = *m_explanation;
    const bool user = splitStringToSign(e.stringToSign).user;
    QStringList lines{verdictText(), QString()};
    for (const Part part : kParts) {
        if (partState(part) == PartState::Absent)
            continue;
        lines << QStringLiteral("%1: %2  [%3]").arg(partName(part, user), partValue(part), stateText(partState(part)));
    }
    lines << QString() << QStringLiteral("%1: %2").arg(m_stringCaption->text(), QString::fromUtf8(e.stringToSign));
    if (!e.otherString.isEmpty())
        lines << QStringLiteral("%1: %2").arg(m_otherCaption->text(), QString::fromUtf8(e.otherString));
    lines << tr("Expected: %1").arg(QString::fromUtf8(e.expected))
          << tr("Received: %1").arg(QString::fromUtf8(e.received));
    if (!e.details.isEmpty())
        lines << QString() << e.details;
    return lines.join(u'\n');
}

void SignatureView::copyText() const
{
    if (m_explanation)
        QGuiApplication::clipboard()->setText(plainText());
}

void SignatureView::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() != QEvent::PaletteChange)
        return;
    // Children get the new palette after this widget: recolour once they all have it.
    QMetaObject::invokeMethod(
        this, [this] { render(); }, Qt::QueuedConnection);
}

}  // namespace cs::ui
