#include "detailspane.h"

#include "contractview.h"
#include "logstore.h"
#include "violationindex.h"
#include "feedback.h"

#include "jsonformat.h"
#include "jsonhighlighter.h"
#include "listenhint.h"
#include "logelidedlabel.h"
#include "signatureview.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QDateTime>
#include <QEvent>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QJsonObject>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QScrollArea>
#include <QStyle>
#include <QTabWidget>
#include <QToolButton>
#include <QVBoxLayout>

namespace cs::ui {

namespace {

QToolButton *copyButton(const QString &objectName, const QString &toolTip, QWidget *parent)
{
    auto *button = new QToolButton(parent);
    button->setObjectName(objectName);
    button->setText(DetailsPane::tr("Copy"));
    button->setIcon(QIcon::fromTheme(QStringLiteral("edit-copy")));
    button->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    button->setAutoRaise(true);
    button->setToolTip(toolTip);
    return button;
}

QPlainTextEdit *textView(const QString &objectName, QWidget *parent)
{
    auto *view = new QPlainTextEdit(parent);
    view->setObjectName(objectName);
    view->setReadOnly(true);
    view->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    view->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    view->setLineWrapMode(QPlainTextEdit::NoWrap);
    view->setPlaceholderText(DetailsPane::tr("Select a row in the log to see it here"));
    return view;
}

QString cut(const QString &text)
{
    if (text.size() <= DetailsPane::kMaxShownChars)
        return text;
    return text.left(DetailsPane::kMaxShownChars)
           + DetailsPane::tr("\n… cut here: %n more characters (Copy copies everything)", nullptr,
                             int(text.size() - DetailsPane::kMaxShownChars));
}

QString isoTime(qint64 timeMs)
{
    const QDateTime local = QDateTime::fromMSecsSinceEpoch(timeMs);
    const QDateTime utc = QDateTime::fromMSecsSinceEpoch(timeMs, Qt::UTC);
    if (local.offsetFromUtc() == 0)
        return utc.toString(Qt::ISODateWithMs);
    const QDateTime withOffset = local.toOffsetFromUtc(local.offsetFromUtc());
    return DetailsPane::tr("%1  (UTC %2)").arg(withOffset.toString(Qt::ISODateWithMs), utc.toString(Qt::ISODateWithMs));
}

QWidget *tabPage(QWidget *top, QWidget *body, QWidget *parent)
{
    auto *page = new QWidget(parent);
    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->setSpacing(2);
    layout->addWidget(top);
    layout->addWidget(body, 1);
    return page;
}

}  // namespace

DetailsPane::DetailsPane(QWidget *parent)
    : QWidget(parent),
      m_tabs(new QTabWidget(this)),
      m_data(textView(QStringLiteral("detailsData"), this)),
      m_raw(textView(QStringLiteral("detailsRaw"), this)),
      m_dataNote(new LogElidedLabel(this)),
      m_rawPretty(new QCheckBox(tr("Pretty"), this)),
      m_meta(new QWidget(this)),
      m_metaForm(new QFormLayout(m_meta)),
      m_dataHighlighter(new JsonHighlighter(m_data->document())),
      m_rawHighlighter(new JsonHighlighter(m_raw->document())),
      m_signature(new SignatureView(this)),
      m_explainButton(new QToolButton(this)),
      m_listen(textView(QStringLiteral("detailsListen"), this)),
      m_contract(new ContractView(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_tabs);
    m_tabs->setObjectName(QStringLiteral("detailsTabs"));
    m_tabs->setDocumentMode(true);

    // Data
    m_data->setToolTip(
        tr("The entry's data, pretty-printed: a JSON string is shown decoded; local entries show their details"));
    m_dataNote->setObjectName(QStringLiteral("detailsDataNote"));
    m_dataNote->setToolTip(tr("Where the data comes from"));
    auto *dataBar = new QWidget(this);
    auto *dataBarLayout = new QHBoxLayout(dataBar);
    dataBarLayout->setContentsMargins(0, 0, 0, 0);
    dataBarLayout->addWidget(m_dataNote, 1);
    m_explainButton->setObjectName(QStringLiteral("explainSignatureButton"));
    m_explainButton->setAutoRaise(true);
    m_explainButton->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_explainButton->hide();
    connect(m_explainButton, &QToolButton::clicked, this, &DetailsPane::showSignature);
    dataBarLayout->addWidget(m_explainButton);
    QToolButton *copyDataButton = copyButton(QStringLiteral("copyDataButton"), tr("Copy the data as shown"), dataBar);
    dataBarLayout->addWidget(copyDataButton);
    connect(copyDataButton, &QToolButton::clicked, this, &DetailsPane::copyData);
    m_tabs->addTab(tabPage(dataBar, m_data, this), tr("Data"));
    m_tabs->setTabToolTip(0, tr("The data, pretty-printed with JSON colours"));

    // Raw
    m_raw->setToolTip(tr("The frame exactly as sent or received (local entries: their details JSON)"));
    m_rawPretty->setObjectName(QStringLiteral("rawPrettyToggle"));
    m_rawPretty->setToolTip(tr("Re-indent the raw JSON (member order and spelling are kept)"));
    auto *rawBar = new QWidget(this);
    auto *rawBarLayout = new QHBoxLayout(rawBar);
    rawBarLayout->setContentsMargins(0, 0, 0, 0);
    rawBarLayout->addWidget(m_rawPretty);
    rawBarLayout->addStretch(1);
    QToolButton *copyRawButton = copyButton(QStringLiteral("copyRawButton"), tr("Copy the exact raw bytes"), rawBar);
    rawBarLayout->addWidget(copyRawButton);
    connect(copyRawButton, &QToolButton::clicked, this, &DetailsPane::copyRaw);
    connect(m_rawPretty, &QCheckBox::toggled, this, &DetailsPane::showRaw);
    m_tabs->addTab(tabPage(rawBar, m_raw, this), tr("Raw"));
    m_tabs->setTabToolTip(1, tr("The raw frame"));

    // Metadata
    m_meta->setObjectName(QStringLiteral("detailsMeta"));
    m_meta->setToolTip(tr("Who sent what, when, and how big it was"));
    m_metaForm->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_metaForm->setLabelAlignment(Qt::AlignRight);
    const QList<QPair<QString, QString>> fields{
        {QStringLiteral("time"), tr("Time")},        {QStringLiteral("direction"), tr("Direction")},
        {QStringLiteral("kind"), tr("Kind")},        {QStringLiteral("connection"), tr("Connection")},
        {QStringLiteral("channel"), tr("Channel")},  {QStringLiteral("event"), tr("Event")},
        {QStringLiteral("socket"), tr("Socket id")}, {QStringLiteral("user"), tr("User id")},
        {QStringLiteral("bytes"), tr("Bytes")},      {QStringLiteral("seq"), tr("Seq")},
        {QStringLiteral("message"), tr("Message")},
    };
    for (const auto &[key, label] : fields) {
        auto *value = new QLabel(m_meta);
        value->setObjectName(QStringLiteral("meta_") + key);
        value->setTextFormat(Qt::PlainText);
        value->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
        value->setWordWrap(key == QLatin1String("message"));
        m_metaForm->addRow(label + QLatin1Char(':'), value);
        m_metaFields.append({key, value});
    }
    auto *metaScroll = new QScrollArea(this);
    metaScroll->setWidget(m_meta);
    metaScroll->setWidgetResizable(true);
    metaScroll->setFrameShape(QFrame::NoFrame);
    auto *metaBar = new QWidget(this);
    auto *metaBarLayout = new QHBoxLayout(metaBar);
    metaBarLayout->setContentsMargins(0, 0, 0, 0);
    metaBarLayout->addStretch(1);
    QToolButton *copyMetaButton =
        copyButton(QStringLiteral("copyMetaButton"), tr("Copy the metadata as text"), metaBar);
    metaBarLayout->addWidget(copyMetaButton);
    connect(copyMetaButton, &QToolButton::clicked, this, &DetailsPane::copyMetadata);
    m_tabs->addTab(tabPage(metaBar, metaScroll, this), tr("Metadata"));
    m_tabs->setTabToolTip(2, tr("Time, direction, kind, connection, socket id, user id, size"));

    // Signature: only for entries that carry an explanation.
    m_signatureTab = m_tabs->addTab(m_signature, tr("Signature"));
    m_tabs->setTabToolTip(m_signatureTab,
                          tr("The signature explained: string to sign, expected and received, and what differs"));
    m_tabs->setTabVisible(m_signatureTab, false);

    // Listen for it: only for channel events.
    m_listen->setToolTip(tr("How pusher-js and Laravel Echo code would have to be written to receive this event"));
    auto *listenBar = new QWidget(this);
    auto *listenBarLayout = new QHBoxLayout(listenBar);
    listenBarLayout->setContentsMargins(0, 0, 0, 0);
    listenBarLayout->addStretch(1);
    QToolButton *copyListenButton =
        copyButton(QStringLiteral("copyListenButton"), tr("Copy the listener code"), listenBar);
    listenBarLayout->addWidget(copyListenButton);
    connect(copyListenButton, &QToolButton::clicked, this, &DetailsPane::copyListenHint);
    m_listenTab = m_tabs->addTab(tabPage(listenBar, m_listen, this), tr("Listen for it"));
    m_tabs->setTabToolTip(m_listenTab, tr("The pusher-js and Laravel Echo calls that receive this event"));
    m_tabs->setTabVisible(m_listenTab, false);

    // Contract
    m_contractTab = m_tabs->addTab(m_contract, tr("Contract"));
    m_tabs->setTabToolTip(m_contractTab, tr("Whether the data meets its payload contract (a JSON Schema)"));
    m_tabs->setTabVisible(m_contractTab, false);

    applyPalette();
    clear();
}

DetailsPane::~DetailsPane() = default;

void DetailsPane::clear()
{
    m_entry.reset();
    m_fullData.clear();
    m_fullRaw.clear();
    m_data->clear();
    m_raw->clear();
    m_dataNote->clear();
    for (const auto &field : std::as_const(m_metaFields))
        field.second->clear();
    showExplanation(LogEntry());
    showListenHint(LogEntry());
    showContract();
}

bool DetailsPane::hasSignature() const { return m_signature->explanation().has_value(); }

void DetailsPane::showSignature()
{
    if (hasSignature())
        m_tabs->setCurrentIndex(m_signatureTab);
}

void DetailsPane::showExplanation(const LogEntry &entry)
{
    // Auth entries (the built-in signer, an endpoint's answer, a server's refusal) carry it.
    std::optional<SignatureExplanation> explanation;
    if (!entry.isFrame() && !entry.raw.isEmpty()) {
        const QJsonValue value = entry.data().toObject().value(QLatin1StringView("explanation"));
        if (value.isObject())
            explanation = SignatureExplanation::fromJson(value.toObject());
    }
    if (!explanation) {
        if (m_tabs->currentIndex() == m_signatureTab)
            m_tabs->setCurrentIndex(0);
        m_tabs->setTabVisible(m_signatureTab, false);
        m_explainButton->hide();
        m_signature->clear();
        return;
    }
    m_signature->setExplanation(*explanation);
    m_tabs->setTabVisible(m_signatureTab, true);
    m_explainButton->setText(tr("%1 — explain…").arg(verdictTitle(explanation->verdict)));
    m_explainButton->setToolTip(explanation->summary);
    tintExplainButton();
    m_explainButton->show();
}

void DetailsPane::showEntry(const LogEntry &entry)
{
    m_entry = entry;
    const Payload payload = entryPayload(entry, true);
    m_fullData = payload.text;
    const QString note = entry.direction == Direction::Local && !entry.message.isEmpty() ? entry.message : payload.note;
    m_dataNote->setElidedText(note, tr("Where the data comes from"));
    m_dataHighlighter->setActive(payload.form == Payload::Form::Json);
    m_data->setPlaceholderText(payload.form == Payload::Form::None ? payload.note
                                                                   : tr("Select a row in the log to see it here"));
    m_data->setPlainText(cut(m_fullData));

    showRaw();

    const QLocale locale;
    const auto set = [this](const QString &key, const QString &value) {
        for (const auto &field : std::as_const(m_metaFields)) {
            if (field.first == key)
                field.second->setText(value);
        }
    };
    set(QStringLiteral("time"), isoTime(entry.timeMs));
    set(QStringLiteral("direction"), directionName(entry.direction));
    set(QStringLiteral("kind"), entryKindName(entry.kind));
    set(QStringLiteral("connection"), entry.connection);
    set(QStringLiteral("channel"), entry.channel);
    set(QStringLiteral("event"), entry.event);
    set(QStringLiteral("socket"), entry.socketId);
    set(QStringLiteral("user"), entry.userId);
    set(QStringLiteral("bytes"), tr("%1 B").arg(locale.toString(qlonglong(entry.raw.size()))));
    set(QStringLiteral("seq"), QString::number(entry.seq));
    set(QStringLiteral("message"), entry.message);
    showExplanation(entry);
    showListenHint(entry);
    showContract();
}

void DetailsPane::setLogStore(LogStore *store)
{
    if (m_store)
        disconnect(ViolationIndex::ensure(m_store), nullptr, this, nullptr);
    m_store = store;
    if (m_store)
        connect(ViolationIndex::ensure(m_store), &ViolationIndex::contractsChanged, this, &DetailsPane::showContract);
}

void DetailsPane::showContract()
{
    const bool event = m_entry && ViolationIndex::isCheckable(m_entry->direction, m_entry->kind);
    if (!event) {
        if (m_tabs->currentIndex() == m_contractTab)
            m_tabs->setCurrentIndex(0);
        m_tabs->setTabVisible(m_contractTab, false);
        m_contract->clear();
        return;
    }
    m_contract->showEntry(*m_entry, m_store ? ViolationIndex::of(*m_store) : nullptr);
    const qsizetype broken = m_contract->violations().size();
    m_tabs->setTabText(m_contractTab, broken ? tr("Contract (%1)").arg(broken) : tr("Contract"));
    m_tabs->setTabVisible(m_contractTab, true);
}

void DetailsPane::showListenHint(const LogEntry &entry)
{
    // Events a listener receives: channel events and client events (not protocol frames).
    const bool event = entry.kind == EntryKind::Event || entry.kind == EntryKind::ClientEvent;
    const QString hint = event ? listenHint(entry.channel, entry.event) : QString();
    m_listen->setPlainText(hint);
    if (hint.isEmpty() && m_tabs->currentIndex() == m_listenTab)
        m_tabs->setCurrentIndex(0);
    m_tabs->setTabVisible(m_listenTab, !hint.isEmpty());
}

void DetailsPane::showRaw()
{
    if (!m_entry) {
        m_raw->clear();
        return;
    }
    const QString raw = QString::fromUtf8(m_entry->raw);
    const bool pretty = m_rawPretty->isChecked();
    std::optional<QString> indented;
    if (pretty)
        indented = reindentJson(raw);
    m_fullRaw = indented.value_or(raw);
    m_rawHighlighter->setActive(indented.has_value() || isJsonValue(raw));
    m_raw->setLineWrapMode(indented ? QPlainTextEdit::NoWrap : QPlainTextEdit::WidgetWidth);
    m_raw->setWordWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    m_raw->setPlainText(cut(m_fullRaw));
}

QString DetailsPane::dataText() const { return m_data->toPlainText(); }

QString DetailsPane::dataNote() const { return m_dataNote->text(); }

QString DetailsPane::rawText() const { return m_raw->toPlainText(); }

QString DetailsPane::metadataValue(const QString &field) const
{
    for (const auto &f : m_metaFields) {
        if (f.first == field)
            return f.second->text();
    }
    return {};
}

QString DetailsPane::metadataText() const
{
    QStringList lines;
    for (const auto &f : m_metaFields) {
        if (!f.second->text().isEmpty())
            lines.append(f.first + QStringLiteral(": ") + f.second->text());
    }
    return lines.join(QLatin1Char('\n'));
}

QString DetailsPane::listenText() const { return m_listen->toPlainText(); }

bool DetailsPane::isRawPretty() const { return m_rawPretty->isChecked(); }

void DetailsPane::setRawPretty(bool pretty) { m_rawPretty->setChecked(pretty); }

void DetailsPane::copyData() const
{
    if (m_entry)
        QGuiApplication::clipboard()->setText(m_fullData);
}

void DetailsPane::copyRaw() const
{
    if (m_entry)
        QGuiApplication::clipboard()->setText(QString::fromUtf8(m_entry->raw));
}

void DetailsPane::copyMetadata() const
{
    if (m_entry)
        QGuiApplication::clipboard()->setText(metadataText());
}

void DetailsPane::copyListenHint() const
{
    if (!listenText().isEmpty())
        QGuiApplication::clipboard()->setText(listenText());
}

void DetailsPane::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        applyPalette();
}

void DetailsPane::applyPalette()
{
    m_dataHighlighter->setPalette(palette());
    m_rawHighlighter->setPalette(palette());
    tintExplainButton();
}

void DetailsPane::tintExplainButton()
{
    // In the verdict's colour, so that a mismatch stands out next to the note.
    QPalette tinted = palette();
    const auto &explanation = m_signature->explanation();
    if (const feedback::Tone tone = explanation ? toneOf(explanation->verdict) : feedback::Tone::Neutral;
        tone != feedback::Tone::Neutral)
        tinted.setColor(QPalette::ButtonText, feedback::color(palette(), tone));
    m_explainButton->setPalette(tinted);
}

}  // namespace cs::ui
