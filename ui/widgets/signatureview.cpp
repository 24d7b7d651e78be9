#include "signatureview.h"

#include "jsoneditor.h"
#include "logelidedlabel.h"

#include <QAbstractTextDocumentLayout>
#include <QApplication>
#include <QClipboard>
#include <QEvent>
#include <QFontDatabase>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QScrollArea>
#include <QTextEdit>
#include <QToolButton>
#include <QVBoxLayout>

#include <cmath>

namespace cs::ui {

namespace {

using Verdict = SignatureExplanation::Verdict;
using Part = SignatureView::Part;
using PartState = SignatureView::PartState;

constexpr Part kParts[] = {Part::Key, Part::SocketId, Part::Channel, Part::Data, Part::Secret};

struct Range {
    int start = 0;
    int length = 0;
    bool strong = false;  // the exact characters that differ (else: the part they belong to)
};

// A read-only text, wrapped anywhere and exactly as tall as its content: strings to sign and
// signatures have no spaces to wrap at, and must stay readable in a narrow dock.
class FittedText : public QTextEdit {
public:
    FittedText(const QString &objectName, bool monospace, QWidget *parent) : QTextEdit(parent)
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

    void setText(const QString &text, const QList<Range> &ranges, const QPalette &palette)
    {
        setPlainText(text);
        m_ranges = ranges;
        applyHighlights(palette);
        fit();
    }

    void applyHighlights(const QPalette &palette)
    {
        QList<QTextEdit::ExtraSelection> selections;
        for (const Range &range : std::as_const(m_ranges)) {
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

    QStringList highlightedTexts() const
    {
        QStringList out;
        const QString text = toPlainText();
        for (const Range &range : m_ranges)
            out << text.mid(range.start, range.length);
        return out;
    }

protected:
    void resizeEvent(QResizeEvent *event) override
    {
        QTextEdit::resizeEvent(event);
        fit();
    }

private:
    void fit()
    {
        const int height = int(std::ceil(document()->size().height())) + 2 * frameWidth();
        if (height != this->height())
            setFixedHeight(qMax(height, fontMetrics().height() + 2 * frameWidth()));
    }

    QList<Range> m_ranges;
};

// Byte offsets into UTF-8 -> offsets into the QString made from it.
int charOffset(const QByteArray &utf8, qsizetype byteOffset)
{
    return int(QString::fromUtf8(utf8.left(byteOffset)).size());
}

// Where the part a verdict names sits in a string to sign.
std::optional<Range> partRange(Verdict verdict, const QByteArray &stringToSign)
{
    const StringToSignParts parts = splitStringToSign(stringToSign);
    switch (verdict) {
    case Verdict::SocketIdDiffers:
        return Range{0, charOffset(stringToSign, parts.socketId.size()), false};
    case Verdict::ChannelDiffers:
        if (parts.user)
            return Range{charOffset(stringToSign, parts.socketId.size()), 8, false};  // "::user::"
        if (parts.channelOffset >= 0) {
            const int start = charOffset(stringToSign, parts.channelOffset);
            return Range{start, charOffset(stringToSign, parts.channelOffset + parts.channel.size()) - start, false};
        }
        return std::nullopt;
    case Verdict::ChannelDataDiffers:
        if (parts.dataOffset >= 0) {
            const int start = charOffset(stringToSign, parts.dataOffset);
            return Range{start, int(QString::fromUtf8(stringToSign).size()) - start, false};
        }
        return std::nullopt;
    default:
        return std::nullopt;
    }
}

// The stretch where two strings differ: what is left between their common prefix and suffix.
// An insertion (nothing left on one side) is shown by the two characters around it.
std::pair<std::optional<Range>, std::optional<Range>> diffRanges(const QString &a, const QString &b)
{
    if (a == b)
        return {};
    int prefix = 0;
    const int shorter = int(qMin(a.size(), b.size()));
    while (prefix < shorter && a.at(prefix) == b.at(prefix))
        ++prefix;
    int suffix = 0;
    while (suffix < shorter - prefix && a.at(a.size() - 1 - suffix) == b.at(b.size() - 1 - suffix))
        ++suffix;
    auto range = [&](const QString &s) -> std::optional<Range> {
        const int length = int(s.size()) - prefix - suffix;
        if (length > 0)
            return Range{prefix, length, true};
        const int start = qMax(0, prefix - 1);
        const int end = qMin(int(s.size()), prefix + 1);
        return end > start ? std::optional<Range>(Range{start, end - start, true}) : std::nullopt;
    };
    return {range(a), range(b)};
}

QList<Range> rangesFor(Verdict verdict, const QByteArray &string, const std::optional<Range> &exact)
{
    QList<Range> ranges;
    if (const auto part = partRange(verdict, string))
        ranges << *part;
    if (exact)
        ranges << *exact;
    return ranges;
}

// "<key>:<hex>" -> where the key and the hex are (a server's bare hex has no key).
std::pair<Range, Range> authRanges(const QString &auth)
{
    const int colon = int(auth.lastIndexOf(u':'));
    if (colon < 0)
        return {Range{0, 0, true}, Range{0, int(auth.size()), true}};
    return {Range{0, colon, true}, Range{colon + 1, int(auth.size()) - colon - 1, true}};
}

QString keyOf(const QByteArray &auth)
{
    const qsizetype colon = auth.lastIndexOf(':');
    return colon > 0 ? QString::fromUtf8(auth.left(colon)) : QString();
}

QString hexOf(const QByteArray &auth)
{
    return QString::fromUtf8(auth.mid(auth.lastIndexOf(':') + 1));
}

QMap<Part, PartState> partStates(const SignatureExplanation &e)
{
    QMap<Part, PartState> states;
    for (const Part part : kParts)
        states[part] = PartState::Unknown;
    const StringToSignParts parts = splitStringToSign(e.stringToSign);
    const StringToSignParts other = splitStringToSign(e.otherString);
    if (parts.user && (e.otherString.isEmpty() || other.user))
        states[Part::Channel] = PartState::Absent;
    if (parts.data.isEmpty() && other.data.isEmpty())
        states[Part::Data] = PartState::Absent;
    const bool authChecked = e.received.contains(':');  // an auth was checked, not a server's bare hex
    auto set = [&](std::initializer_list<Part> list, PartState state) {
        for (const Part part : list) {
            if (states[part] != PartState::Absent)
                states[part] = state;
        }
    };
    switch (e.verdict) {
    case Verdict::Match:
        set({Part::Key, Part::SocketId, Part::Channel, Part::Data, Part::Secret}, PartState::Same);
        break;
    case Verdict::WrongKey:
        set({Part::Key}, PartState::Differs);
        break;
    case Verdict::SocketIdDiffers:
        set({Part::SocketId}, PartState::Differs);
        break;
    case Verdict::ChannelDiffers:
        set({Part::SocketId}, PartState::Same);
        states[Part::Channel] = PartState::Differs;  // also sign-in vs channel
        break;
    case Verdict::ChannelDataDiffers:
        set({Part::SocketId, Part::Channel}, PartState::Same);
        set({Part::Data}, PartState::Differs);
        if (authChecked)
            set({Part::Key, Part::Secret}, PartState::Same);
        break;
    case Verdict::SecretDiffers:
        set({Part::Key, Part::SocketId, Part::Channel, Part::Data}, PartState::Same);
        set({Part::Secret}, PartState::Differs);
        break;
    case Verdict::Malformed:
    case Verdict::Unknown:
        break;
    }
    return states;
}

QString partName(Part part, bool user)
{
    switch (part) {
    case Part::Key: return SignatureView::tr("App key");
    case Part::SocketId: return SignatureView::tr("Socket id");
    case Part::Channel: return SignatureView::tr("Channel");
    case Part::Data: return user ? QStringLiteral("user_data") : QStringLiteral("channel_data");
    case Part::Secret: return SignatureView::tr("Secret");
    }
    return {};
}

QString stateText(PartState state)
{
    switch (state) {
    case PartState::Same: return SignatureView::tr("\u2713 same");
    case PartState::Differs: return SignatureView::tr("\u2717 differs");
    case PartState::Unknown: return SignatureView::tr("not checked");
    case PartState::Absent: return QStringLiteral("\u2014");
    }
    return {};
}

QLabel *caption(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    QFont font = label->font();
    font.setBold(true);
    label->setFont(font);
    return label;
}

} // namespace

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
    m_received->setToolTip(tr("The signature as it was received (from the endpoint, the signer or the server's error)"));
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
    auto *string = static_cast<FittedText *>(m_string);
    auto *other = static_cast<FittedText *>(m_other);
    auto *expected = static_cast<FittedText *>(m_expected);
    auto *received = static_cast<FittedText *>(m_received);
    if (!m_explanation) {
        feedback::show(m_verdict, tr("No signature selected"), feedback::Tone::Neutral);
        m_summary->setText(tr("Select an auth entry in the log to see its signature explained."));
        for (int i = 0; i < m_partValues.size(); ++i) {
            static_cast<LogElidedLabel *>(m_partValues.at(i))->setElidedText({});
            m_partStates.at(i)->clear();
        }
        string->setText({}, {}, pal);
        other->setText({}, {}, pal);
        m_otherCaption->hide();
        m_other->hide();
        expected->setText({}, {}, pal);
        received->setText({}, {}, pal);
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
        static_cast<QLabel *>(m_partsGrid->itemAtPosition(i, 0)->widget())->setText(partName(part, parts.user) + QLatin1Char(':'));
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
    const auto [mineExact, theirsExact] = theirs.isEmpty() ? decltype(diffRanges(mine, theirs)){} : diffRanges(mine, theirs);
    m_stringCaption->setText(e.stringLabel.isEmpty() ? tr("String to sign") : e.stringLabel.at(0).toUpper() + e.stringLabel.mid(1));
    string->setText(mine.isEmpty() ? tr("(not known)") : mine, rangesFor(e.verdict, e.stringToSign, mineExact), pal);
    m_otherCaption->setVisible(!theirs.isEmpty());
    m_other->setVisible(!theirs.isEmpty());
    if (!theirs.isEmpty()) {
        m_otherCaption->setText(e.otherLabel.isEmpty() ? tr("Other side") : e.otherLabel.at(0).toUpper() + e.otherLabel.mid(1));
        other->setText(theirs, rangesFor(e.verdict, e.otherString, theirsExact), pal);
    }

    // Signatures: the key when it is the key that differs, else the hex when it differs.
    const QString expectedText = QString::fromUtf8(e.expected);
    const QString receivedText = QString::fromUtf8(e.received);
    QList<Range> expectedRanges, receivedRanges;
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
    expected->setText(expectedText.isEmpty() ? tr("(cannot be computed: the profile has no secret)") : expectedText, expectedRanges, pal);
    received->setText(receivedText.isEmpty() ? tr("(none)") : receivedText, receivedRanges, pal);

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
            return theirs.user || e.otherString.isEmpty() ? tr("(user sign-in)") : tr("(user sign-in)   (%1: %2)").arg(e.otherLabel, QString::fromUtf8(theirs.channel));
        return withOther(mine.channel, theirs.user ? QByteArray("(user sign-in)") : theirs.channel);
    case Part::Data: return withOther(mine.data, theirs.data);
    case Part::Secret: return tr("(never shown)");
    }
    return {};
}

QStringList SignatureView::stringHighlights() const
{
    return static_cast<FittedText *>(m_string)->highlightedTexts();
}

QStringList SignatureView::otherStringHighlights() const
{
    return m_other->isVisibleTo(this) ? static_cast<FittedText *>(m_other)->highlightedTexts() : QStringList();
}

QStringList SignatureView::signatureHighlights() const
{
    return static_cast<FittedText *>(m_expected)->highlightedTexts() + static_cast<FittedText *>(m_received)->highlightedTexts();
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
    lines << tr("Expected: %1").arg(QString::fromUtf8(e.expected)) << tr("Received: %1").arg(QString::fromUtf8(e.received));
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
    QMetaObject::invokeMethod(this, [this] { render(); }, Qt::QueuedConnection);
}

} // namespace cs::ui
