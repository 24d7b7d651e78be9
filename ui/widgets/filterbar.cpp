#include "filterbar.h"

#include "kindterms.h"
#include "logelidedlabel.h"

#include <QApplication>
#include <QEvent>
#include "flowlayout.h"

#include <QHBoxLayout>
#include <QInputMethodEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPainter>
#include <QPainterPath>
#include <QTextCharFormat>
#include <QToolButton>
#include <QVBoxLayout>

namespace cs::ui {

namespace {

using kindterms::KindGroupSpec;
using kindterms::kindGroupSpecs;

QColor blend(const QColor &a, const QColor &b, qreal t)
{
    return QColor::fromRgbF(float(a.redF() * (1 - t) + b.redF() * t), float(a.greenF() * (1 - t) + b.greenF() * t),
                            float(a.blueF() * (1 - t) + b.blueF() * t));
}

const QColor kValidColor(0x2e, 0x9d, 0x4f);
const QColor kInvalidColor(0xd6, 0x3a, 0x3a);

// A round badge with a check mark (valid) or an exclamation mark (invalid).
QPixmap statusPixmap(bool valid, qreal dpr)
{
    const int size = 16;
    QPixmap pixmap(QSize(size, size) * dpr);
    pixmap.setDevicePixelRatio(dpr);
    pixmap.fill(Qt::transparent);
    QPainter p(&pixmap);
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(Qt::NoPen);
    p.setBrush(valid ? kValidColor : kInvalidColor);
    p.drawEllipse(QRectF(1, 1, size - 2, size - 2));
    QPen pen(Qt::white, 2.0, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin);
    p.setPen(pen);
    if (valid) {
        QPainterPath path;
        path.moveTo(4.5, 8.5);
        path.lineTo(7, 11);
        path.lineTo(11.5, 5.5);
        p.setBrush(Qt::NoBrush);
        p.drawPath(path);
    } else {
        p.drawLine(QPointF(8, 4.5), QPointF(8, 9));
        p.drawPoint(QPointF(8, 11.8));
    }
    return pixmap;
}

QString syntaxHelp()
{
    return FilterBar::tr("Filter syntax (terms are ANDed; Enter applies at once):\n"
                         "  order              free text in channel, event, message or data\n"
                         "  \"two words\"        quoted free text\n"
                         "  channel:private-*  field match; * and ? are wildcards\n"
                         "  event:a,b          any of these values\n"
                         "  kind:event  dir:in  user:42  socket:123.456  conn:main\n"
                         "  violates:any       breaks its payload contract (violates:order-* for one)\n"
                         "  -kind:timer        a leading - negates a term");
}

}  // namespace

FilterBar::FilterBar(QWidget *parent)
    : QWidget(parent),
      m_edit(new QLineEdit(this)),
      m_status(new QLabel(this)),
      m_errorLabel(new LogElidedLabel(this))
{
    m_status->setTextFormat(Qt::PlainText);
    // Two rows: the filter line gets the whole width; the kind toggles sit under it.
    auto *rows = new QVBoxLayout(this);
    rows->setContentsMargins(0, 0, 0, 0);
    rows->setSpacing(2);
    auto *layout = new QHBoxLayout;
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    rows->addLayout(layout);
    // The toggles wrap in a narrow dock instead of widening the whole window.
    auto *toggles = new FlowLayout(nullptr, 2, 2);
    rows->addLayout(toggles);

    m_edit->setObjectName(QStringLiteral("logFilter"));
    m_edit->setPlaceholderText(tr("Filter: channel:private-* event:order-* -kind:timer text"));
    m_edit->setClearButtonEnabled(true);
    m_edit->setToolTip(syntaxHelp());
    layout->addWidget(m_edit, 1);

    m_status->setObjectName(QStringLiteral("filterStatus"));
    m_status->setFixedSize(18, 18);
    m_status->setAlignment(Qt::AlignCenter);
    layout->addWidget(m_status);

    auto *showLabel = new QLabel(tr("Show kinds:"), this);
    showLabel->setToolTip(tr("Quick kind toggles: each one adds or removes a -kind: term in the filter"));
    toggles->addWidget(showLabel);
    for (const KindGroupSpec &spec : kindGroupSpecs()) {
        auto *button = new QToolButton(this);
        const QString id = QString::fromLatin1(spec.id);
        button->setObjectName(QStringLiteral("kindToggle_") + id);
        button->setText(tr(spec.label));
        button->setCheckable(true);
        button->setChecked(true);
        button->setAutoRaise(true);
        button->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
        button->setFocusPolicy(Qt::TabFocus);
        button->setToolTip(tr("Show %1 entries (unchecked: the filter gets -kind:%2)")
                               .arg(tr(spec.label), spec.kinds.join(QLatin1Char(','))));
        connect(button, &QToolButton::clicked, this, [this, id](bool checked) { setKindGroupShown(id, checked); });
        toggles->addWidget(button);
        m_groups.push_back({id, spec.kinds, button});
    }

    m_errorLabel->setObjectName(QStringLiteral("filterError"));
    m_errorLabel->setToolTip(tr("What is wrong with the filter, when something is"));
    rows->addWidget(m_errorLabel);

    m_debounce.setSingleShot(true);
    m_debounce.setInterval(kDefaultDebounceMs);
    connect(&m_debounce, &QTimer::timeout, this, &FilterBar::applyNow);
    connect(m_edit, &QLineEdit::textEdited, this, &FilterBar::onTextEdited);
    connect(m_edit, &QLineEdit::returnPressed, this, &FilterBar::applyNow);
    connect(m_edit, &QLineEdit::textChanged, this, [this] {
        clearUnderline();
        syncToggles();
    });
    showState();
}

FilterBar::~FilterBar() = default;

QString FilterBar::text() const { return m_edit->text(); }

void FilterBar::setText(const QString &text)
{
    m_edit->setText(text);
    applyNow();
}

void FilterBar::setDebounceMs(int ms) { m_debounce.setInterval(qMax(0, ms)); }

int FilterBar::debounceMs() const { return m_debounce.interval(); }

QStringList FilterBar::kindGroupIds()
{
    QStringList ids;
    for (const KindGroupSpec &spec : kindGroupSpecs())
        ids.append(QString::fromLatin1(spec.id));
    return ids;
}

QStringList FilterBar::kindGroupKinds(const QString &id)
{
    for (const KindGroupSpec &spec : kindGroupSpecs()) {
        if (id == QLatin1StringView(spec.id))
            return spec.kinds;
    }
    return {};
}

QToolButton *FilterBar::kindToggle(const QString &id) const
{
    for (const KindGroup &group : m_groups) {
        if (group.id == id)
            return group.button;
    }
    return nullptr;
}

QStringList FilterBar::hiddenKinds(const QString &filterText) { return kindterms::hiddenKinds(filterText); }

QString FilterBar::withKindsShown(const QString &filterText, const QStringList &kinds, bool shown)
{
    return kindterms::withKindsShown(filterText, kinds, shown);
}

bool FilterBar::isKindGroupShown(const QString &id) const
{
    const Result<LogFilter, FilterError> parsed = LogFilter::parse(m_edit->text());
    const quint32 mask = parsed ? parsed->kindMask() : m_filter.kindMask();
    for (const QString &kind : kindGroupKinds(id)) {
        EntryKind k;
        if (parseEntryKind(kind, &k) && ((mask >> unsigned(k)) & 1u))
            return true;
    }
    return false;
}

void FilterBar::setKindGroupShown(const QString &id, bool shown)
{
    const QStringList kinds = kindGroupKinds(id);
    if (kinds.isEmpty())
        return;
    const QString text = withKindsShown(m_edit->text(), kinds, shown);
    if (text != m_edit->text())
        m_edit->setText(text);
    syncToggles();
    applyNow();
}

void FilterBar::onTextEdited() { m_debounce.start(); }

// The toggles show what the text says, kind: and -kind: terms alike (LogFilter::kindMask); while
// the text does not parse they keep showing the filter in force.
void FilterBar::syncToggles()
{
    const Result<LogFilter, FilterError> parsed = LogFilter::parse(m_edit->text());
    const quint32 mask = parsed ? parsed->kindMask() : m_filter.kindMask();
    for (const KindGroup &group : m_groups) {
        bool shown = false;
        for (const QString &kind : group.kinds) {
            EntryKind k;
            shown = shown || (parseEntryKind(kind, &k) && ((mask >> unsigned(k)) & 1u));
        }
        group.button->setChecked(shown);
    }
}

void FilterBar::applyNow()
{
    m_debounce.stop();
    const QString text = m_edit->text();
    Result<LogFilter, FilterError> parsed = LogFilter::parse(text);
    if (!parsed) {
        const FilterError &problem = parsed.error();
        const bool changed = !m_error || m_error->message != problem.message || m_error->position != problem.position;
        m_error = problem;
        showState();
        underlineError();
        if (changed)
            Q_EMIT validityChanged(false, problem.message);
        return;
    }
    const bool wasInvalid = m_error.has_value();
    m_error.reset();
    showState();
    if (wasInvalid)
        Q_EMIT validityChanged(true, {});
    // Only a different filter re-filters the model (Enter on the same text costs nothing).
    if (m_everApplied && text.trimmed() == m_appliedText.trimmed())
        return;
    m_everApplied = true;
    m_appliedText = text;
    m_filter = std::move(parsed.value());
    Q_EMIT filterChanged(m_filter);
}

void FilterBar::focusFilter()
{
    m_edit->setFocus(Qt::ShortcutFocusReason);
    m_edit->selectAll();
}

void FilterBar::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::StyleChange)
        showState();
}

void FilterBar::showState()
{
    const QPalette base = palette();
    QPalette editPalette;  // nothing resolved: inherits everything
    const bool empty = m_edit->text().trimmed().isEmpty();
    const qreal dpr = devicePixelRatioF();
    if (m_error) {
        editPalette.setColor(QPalette::Base, blend(base.color(QPalette::Base), kInvalidColor, 0.22));
        m_status->setPixmap(statusPixmap(false, dpr));
        const QString where = tr("at column %1").arg(m_error->position + 1);
        const QString message =
            tr("Invalid filter %1: %2\nThe previous filter stays in force.").arg(where, m_error->message);
        m_status->setToolTip(message);
        m_edit->setToolTip(message + QStringLiteral("\n\n") + syntaxHelp());
        m_status->setProperty("state", QStringLiteral("invalid"));
        m_errorLabel->setText(tr("Invalid filter %1: %2").arg(where, m_error->message));
        m_errorLabel->setToolTip(message);
        QPalette errorPalette;
        errorPalette.setColor(QPalette::WindowText, blend(base.color(QPalette::WindowText), kInvalidColor, 0.8));
        m_errorLabel->setPalette(errorPalette);
    } else if (!empty) {
        editPalette.setColor(QPalette::Base, blend(base.color(QPalette::Base), kValidColor, 0.14));
        m_status->setPixmap(statusPixmap(true, dpr));
        m_status->setToolTip(tr("The filter is valid and applied"));
        m_edit->setToolTip(syntaxHelp());
        m_status->setProperty("state", QStringLiteral("valid"));
    } else {
        m_status->setPixmap(QPixmap());
        m_status->setToolTip(tr("No filter: every entry is shown"));
        m_edit->setToolTip(syntaxHelp());
        m_status->setProperty("state", QStringLiteral("empty"));
    }
    if (!m_error) {
        m_errorLabel->clear();
        m_errorLabel->setToolTip(tr("What is wrong with the filter, when something is"));
    }
    m_edit->setPalette(editPalette);
}

// QLineEdit has no API for formatting ranges; an input-method event carrying only text formats
// (no preedit, no commit) is the documented way to add them without touching the text.
void FilterBar::underlineError()
{
    if (!m_error)
        return;
    const int len = int(m_edit->text().size());
    int start = qBound(0, m_error->position, len);
    int length = m_error->length;
    if (length <= 0 || start + length > len) {
        length = 1;
        if (start >= len)
            start = qMax(0, len - 1);
    }
    if (len == 0)
        return;
    QTextCharFormat format;
    format.setUnderlineStyle(QTextCharFormat::WaveUnderline);
    format.setUnderlineColor(kInvalidColor);
    format.setForeground(kInvalidColor);
    const QList<QInputMethodEvent::Attribute> attributes{
        QInputMethodEvent::Attribute(QInputMethodEvent::TextFormat, start - m_edit->cursorPosition(), length, format)};
    QInputMethodEvent event(QString(), attributes);
    QCoreApplication::sendEvent(m_edit, &event);
    m_underlined = true;
}

void FilterBar::clearUnderline()
{
    if (!m_underlined)
        return;
    m_underlined = false;
    QInputMethodEvent event(QString(), {});
    QCoreApplication::sendEvent(m_edit, &event);
}

}  // namespace cs::ui
