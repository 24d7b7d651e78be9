#include "logpanel.h"

#include "detailspane.h"
#include "filterbar.h"
#include "jsonformat.h"
#include "logelidedlabel.h"
#include "logexportjob.h"
#include "loglimitsdialog.h"
#include "logmodel.h"
#include "logstore.h"
#include "logstyleproxy.h"
#include "privatefile.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include "flowlayout.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QSaveFile>
#include <QScrollBar>
#include <QSplitter>
#include <QStyle>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace cs::ui {

namespace {

QIcon themedIcon(const char *name, QStyle::StandardPixmap fallback, const QWidget *widget)
{
    return QIcon::fromTheme(QString::fromLatin1(name), widget->style()->standardIcon(fallback, nullptr, widget));
}

QToolButton *toolButton(QAction *action, const QString &objectName, QWidget *parent)
{
    auto *button = new QToolButton(parent);
    button->setObjectName(objectName);
    button->setDefaultAction(action);
    button->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    button->setAutoRaise(true);
    return button;
}

// A filter value that needs no quoting: the filter splits on spaces and commas.
bool isPlainValue(const QString &value)
{
    if (value.isEmpty())
        return false;
    return std::none_of(value.cbegin(), value.cend(), [](QChar c) {
        return c.isSpace() || c == u',' || c == u'"' || c == u'*' || c == u'?';
    });
}

QString appendTerm(const QString &text, const QString &term)
{
    const QString trimmed = text.trimmed();
    return trimmed.isEmpty() ? term : trimmed + QLatin1Char(' ') + term;
}

} // namespace

LogPanel::LogPanel(LogStore *store, QWidget *parent)
    : QWidget(parent),
      m_store(store),
      m_model(new LogModel(store, this)),
      m_proxy(new LogStyleProxy(this)),
      m_filterBar(new FilterBar(this)),
      m_view(new QTableView(this)),
      m_details(new DetailsPane(this)),
      m_splitter(new QSplitter(Qt::Vertical, this)),
      m_statusLabel(new QLabel(this)),
      m_messageLabel(new LogElidedLabel(this))
{
    m_statusLabel->setTextFormat(Qt::PlainText);
    m_proxy->setSourceModel(m_model);
    m_view->setModel(m_proxy);
    configureView();
    buildActions();
    buildLayout();
    applyPalette();

    connect(m_filterBar, &FilterBar::filterChanged, this, &LogPanel::onFilterChanged);
    // The filter bar shows its own error under the filter line; the main window may echo it.
    connect(m_filterBar, &FilterBar::validityChanged, this, [this](bool valid, const QString &message) {
        if (!valid)
            Q_EMIT statusMessage(tr("Invalid filter: %1 (the previous filter stays)").arg(message));
    });

    connect(m_model, &LogModel::rowsBatchInserted, this, &LogPanel::onRowsInserted);
    connect(m_model, &LogModel::pendingCountChanged, this, &LogPanel::updatePauseText);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &LogPanel::scheduleStatusUpdate);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &LogPanel::scheduleStatusUpdate);
    connect(m_model, &QAbstractItemModel::modelReset, this, &LogPanel::scheduleStatusUpdate);
    if (m_store) {
        // The model shows new rows within its update interval and refreshes the status then;
        // the store's own batches only matter when the filter hides them: refresh a bit later.
        connect(m_store, &LogStore::appended, this, [this] {
            m_statusDirty = true;
            if (!m_statusTimer.isActive())
                m_statusTimer.start();
        });
        connect(m_store, &LogStore::evicted, this, &LogPanel::scheduleStatusUpdate);
        connect(m_store, &LogStore::cleared, this, [this] {
            m_details->clear();
            scheduleStatusUpdate();
        });
    }
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &LogPanel::onCurrentRowChanged);
    // Copy needs a row: the actions (and their menu entries) follow the current index.
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this, &LogPanel::updateCopyActions);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &LogPanel::updateCopyActions);
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this, &LogPanel::updateCopyActions);
    connect(m_view->verticalScrollBar(), &QScrollBar::valueChanged, this, [this](int value) {
        if (!m_scrolling)
            setStuckToBottom(value >= m_view->verticalScrollBar()->maximum());
    });
    // Rows evicted from the top would slide what the user reads upwards: hold it in place.
    // (Scrolling is per item, so the scroll value is the row at the top.)
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this, [this](const QModelIndex &, int first, int last) {
        if (m_stuckToBottom || first != 0)
            return;
        QScrollBar *bar = m_view->verticalScrollBar();
        m_scrolling = true;
        bar->setValue(qMax(0, bar->value() - (last - first + 1)));
        m_scrolling = false;
    });

    m_statusTimer.setSingleShot(true);
    m_statusTimer.setInterval(100);
    connect(&m_statusTimer, &QTimer::timeout, this, [this] {
        if (m_statusDirty)
            updateStatus();
    });
    m_messageTimer.setSingleShot(true);
    m_messageTimer.setInterval(8000);
    connect(&m_messageTimer, &QTimer::timeout, this, [this] { m_messageLabel->clear(); });

    updatePauseText();
    updateCopyActions();
    updateStatus();
}

void LogPanel::updateCopyActions()
{
    const bool hasRow = m_view->currentIndex().isValid();
    m_copyRowAction->setEnabled(hasRow);
    m_copyPayloadAction->setEnabled(hasRow);
}

LogPanel::~LogPanel()
{
    // The store may outlive the panel; nothing of it should reach a half-destroyed panel.
    if (m_store)
        disconnect(m_store, nullptr, this, nullptr);
    m_statusTimer.stop();
    m_messageTimer.stop();
}

LogStore *LogPanel::store() const
{
    return m_store.data();
}

void LogPanel::configureView()
{
    m_view->setObjectName(QStringLiteral("logTable"));
    m_view->setToolTip(tr("The event log, oldest first. Select a row to see it below; right-click for filters"));
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setShowGrid(false);
    m_view->setWordWrap(false);
    m_view->setTextElideMode(Qt::ElideRight);
    m_view->setCornerButtonEnabled(false);
    m_view->setSortingEnabled(false);
    m_view->setTabKeyNavigation(false);
    m_view->setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_view->setVerticalScrollMode(QAbstractItemView::ScrollPerItem);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_view, &QWidget::customContextMenuRequested, this, &LogPanel::showContextMenu);

    // Uniform rows: a fixed height means the view never asks the model to size a row.
    const QFont mono = m_proxy->monospaceFont();
    const QFontMetrics fm(m_view->font());
    const QFontMetrics monoFm(mono);
    QHeaderView *rows = m_view->verticalHeader();
    rows->setVisible(false);
    rows->setSectionResizeMode(QHeaderView::Fixed);
    rows->setMinimumSectionSize(1);
    rows->setDefaultSectionSize(qMax(fm.height(), monoFm.height()) + 6);

    // Column widths from the font, never from the data.
    QHeaderView *columns = m_view->horizontalHeader();
    columns->setHighlightSections(false);
    columns->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    columns->setStretchLastSection(false);
    columns->setSectionResizeMode(QHeaderView::Interactive);
    columns->setSectionResizeMode(int(LogColumn::Summary), QHeaderView::Stretch);
    const int pad = 20;
    const int icon = m_view->style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, m_view);
    columns->resizeSection(int(LogColumn::Time), monoFm.horizontalAdvance(QStringLiteral("00:00:00.000")) + pad);
    columns->resizeSection(int(LogColumn::Direction), fm.horizontalAdvance(QStringLiteral("\u2022 local")) + pad);
    columns->resizeSection(int(LogColumn::Kind), fm.horizontalAdvance(QStringLiteral("subscription")) + icon + pad);
    columns->resizeSection(int(LogColumn::Channel), fm.averageCharWidth() * 26);
    columns->resizeSection(int(LogColumn::Event), fm.averageCharWidth() * 30);
    columns->resizeSection(int(LogColumn::Size), monoFm.horizontalAdvance(QStringLiteral("100.0 KB")) + pad);
    columns->setMinimumSectionSize(fm.averageCharWidth() * 4);
}

void LogPanel::buildActions()
{
    m_focusFilterAction = new QAction(tr("Find in Log"), this);
    m_focusFilterAction->setObjectName(QStringLiteral("focusFilterAction"));
    m_focusFilterAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_F));
    m_focusFilterAction->setShortcutContext(Qt::WindowShortcut);
    m_focusFilterAction->setToolTip(tr("Focus the log filter (Ctrl+F)"));
    connect(m_focusFilterAction, &QAction::triggered, m_filterBar, &FilterBar::focusFilter);

    m_clearAction = new QAction(themedIcon("edit-clear", QStyle::SP_DialogResetButton, this), tr("Clear"), this);
    m_clearAction->setObjectName(QStringLiteral("clearLogAction"));
    m_clearAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    m_clearAction->setShortcutContext(Qt::WindowShortcut);
    m_clearAction->setToolTip(tr("Clear the log: every entry is dropped (Ctrl+L)"));
    connect(m_clearAction, &QAction::triggered, this, &LogPanel::clearLog);

    m_pauseAction = new QAction(this);
    m_pauseAction->setObjectName(QStringLiteral("pauseLogAction"));
    m_pauseAction->setCheckable(true);
    m_pauseAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_P));
    m_pauseAction->setShortcutContext(Qt::WindowShortcut);
    connect(m_pauseAction, &QAction::toggled, this, [this](bool paused) {
        m_model->setPaused(paused);
        updatePauseText();
        if (!paused && isFollowing() && m_stuckToBottom)
            scrollToNewest();
    });

    m_followAction = new QAction(themedIcon("go-bottom", QStyle::SP_ArrowDown, this), tr("Follow newest"), this);
    m_followAction->setObjectName(QStringLiteral("followLogAction"));
    m_followAction->setCheckable(true);
    m_followAction->setChecked(true);
    m_followAction->setToolTip(tr("Keep the newest entry in view; scrolling up holds the view until you scroll back down"));
    connect(m_followAction, &QAction::toggled, this, [this](bool on) {
        if (on)
            scrollToNewest();
    });

    m_copyRowAction = new QAction(themedIcon("edit-copy", QStyle::SP_FileIcon, this), tr("Copy row"), this);
    m_copyRowAction->setObjectName(QStringLiteral("copyRowAction"));
    m_copyRowAction->setShortcut(QKeySequence::Copy);
    m_copyRowAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_copyRowAction->setToolTip(tr("Copy the selected rows as JSON lines (Ctrl+C in the table)"));
    connect(m_copyRowAction, &QAction::triggered, this, &LogPanel::copySelectedRows);

    m_copyPayloadAction = new QAction(tr("Copy payload"), this);
    m_copyPayloadAction->setObjectName(QStringLiteral("copyPayloadAction"));
    m_copyPayloadAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    m_copyPayloadAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_copyPayloadAction->setToolTip(tr("Copy the data of the current row (decoded when it was a JSON string) (Ctrl+Shift+C in the table)"));
    connect(m_copyPayloadAction, &QAction::triggered, this, &LogPanel::copyPayload);

    m_exportAction = new QAction(themedIcon("document-save-as", QStyle::SP_DialogSaveButton, this), tr("Export visible…"), this);
    m_exportAction->setObjectName(QStringLiteral("exportLogAction"));
    m_exportAction->setToolTip(tr("Write the rows shown now (after the filter) to an NDJSON or JSON file"));
    connect(m_exportAction, &QAction::triggered, this, [this] {
        if (isExporting())
            cancelExport();
        else
            exportVisibleWithDialog();
    });

    m_logLimitAction = new QAction(tr("Log size limit…"), this);
    m_logLimitAction->setObjectName(QStringLiteral("logLimitAction"));
    m_logLimitAction->setToolTip(tr("How many entries the log keeps; beyond that the oldest are dropped first"));
    connect(m_logLimitAction, &QAction::triggered, this, &LogPanel::setLogCapWithDialog);

    // Window-wide shortcuts work as soon as the panel is in a window; the main window may put the
    // same actions in its menus. Copy shortcuts belong to the table only.
    addAction(m_focusFilterAction);
    addAction(m_clearAction);
    addAction(m_pauseAction);
    m_view->addAction(m_copyRowAction);
    m_view->addAction(m_copyPayloadAction);
}

void LogPanel::buildLayout()
{
    auto *toolbar = new QWidget(this);
    toolbar->setObjectName(QStringLiteral("logToolbar"));
    // Wraps onto a second line in a narrow dock instead of widening the window.
    auto *bar = new FlowLayout(toolbar, 2, 2);
    auto *pauseButton = toolButton(m_pauseAction, QStringLiteral("pauseButton"), toolbar);
    // Wide enough for "Paused — 99,999 new" so that the row does not jump while counting.
    pauseButton->setMinimumWidth(pauseButton->fontMetrics().horizontalAdvance(tr("Paused — %1 new").arg(QStringLiteral("99,999"))) + 32);
    bar->addWidget(pauseButton);
    bar->addWidget(toolButton(m_clearAction, QStringLiteral("clearButton"), toolbar));
    bar->addWidget(toolButton(m_followAction, QStringLiteral("followButton"), toolbar));
    bar->addWidget(toolButton(m_copyRowAction, QStringLiteral("copyRowButton"), toolbar));
    bar->addWidget(toolButton(m_copyPayloadAction, QStringLiteral("copyPayloadButton"), toolbar));
    bar->addWidget(toolButton(m_exportAction, QStringLiteral("exportButton"), toolbar));
    m_messageLabel->setObjectName(QStringLiteral("messageLabel"));
    m_messageLabel->setToolTip(tr("The outcome of the last export or copy"));
    bar->addWidget(m_statusLabel);
    bar->addWidget(m_messageLabel);
    m_statusLabel->setObjectName(QStringLiteral("statusLabel"));
    m_statusLabel->setToolTip(tr("Rows shown after the filter, entries held in the log, and entries dropped by the cap (oldest first)"));

    auto *top = new QWidget(this);
    auto *topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->setSpacing(4);
    topLayout->addWidget(m_filterBar);
    topLayout->addWidget(m_view, 1);

    m_splitter->setObjectName(QStringLiteral("logSplitter"));
    m_splitter->setChildrenCollapsible(false);
    m_splitter->addWidget(top);
    m_splitter->addWidget(m_details);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 2);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->setSpacing(4);
    layout->addWidget(toolbar);
    layout->addWidget(m_splitter, 1);
}

QList<QAction *> LogPanel::actions() const
{
    return {m_focusFilterAction, m_clearAction, m_pauseAction, m_followAction,
            m_copyRowAction, m_copyPayloadAction, m_exportAction, m_logLimitAction};
}

void LogPanel::setFilterText(const QString &text)
{
    m_filterBar->setText(text);
}

QString LogPanel::filterText() const
{
    return m_filterBar->text();
}

bool LogPanel::isPaused() const
{
    return m_pauseAction->isChecked();
}

void LogPanel::setPaused(bool paused)
{
    m_pauseAction->setChecked(paused);
}

bool LogPanel::isFollowing() const
{
    return m_followAction->isChecked();
}

void LogPanel::setFollowing(bool follow)
{
    m_followAction->setChecked(follow);
}

void LogPanel::onFilterChanged(const LogFilter &filter)
{
    // The model resets; keep the entry the user looks at selected when it still matches.
    const std::optional<LogEntry> current = m_details->entry();
    m_model->setFilter(filter);
    if (current) {
        const int row = m_model->rowForSeq(current->seq);
        if (row >= 0) {
            const QModelIndex index = m_proxy->index(row, 0);
            m_view->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
            m_scrolling = true;
            m_view->scrollTo(index, QAbstractItemView::PositionAtCenter);
            m_scrolling = false;
            setStuckToBottom(m_view->verticalScrollBar()->value() >= m_view->verticalScrollBar()->maximum());
            return;
        }
    }
    if (isFollowing())
        scrollToNewest();
}

void LogPanel::onRowsInserted()
{
    if (isFollowing() && m_stuckToBottom)
        scrollToNewest();
    scheduleStatusUpdate();
}

void LogPanel::scrollToNewest()
{
    m_scrolling = true;
    m_view->scrollToBottom();
    m_scrolling = false;
    setStuckToBottom(true);
}

void LogPanel::setStuckToBottom(bool stuck)
{
    if (stuck == m_stuckToBottom)
        return;
    m_stuckToBottom = stuck;
    m_followAction->setToolTip(stuck ? tr("Keep the newest entry in view; scrolling up holds the view until you scroll back down")
                                     : tr("Held while you read: you scrolled up. Scroll to the bottom to follow the newest entries again"));
}

void LogPanel::onCurrentRowChanged()
{
    const QModelIndex index = m_view->currentIndex();
    if (!index.isValid())
        return;  // keep showing the last entry (e.g. after it was evicted)
    const LogEntry entry = m_model->entryAt(m_proxy->mapToSource(index).row());
    m_details->showEntry(entry);
    Q_EMIT currentEntryChanged(entry.seq);
}

void LogPanel::updatePauseText()
{
    const bool paused = m_pauseAction->isChecked();
    if (paused) {
        const QString count = QLocale().toString(qlonglong(m_model->pendingCount()));
        m_pauseAction->setText(tr("Paused — %1 new").arg(count));
        m_pauseAction->setIcon(themedIcon("media-playback-start", QStyle::SP_MediaPlay, this));
        m_pauseAction->setToolTip(tr("Paused: collection goes on, %1 new entries wait. Click to resume and show them (Ctrl+P)").arg(count));
    } else {
        m_pauseAction->setText(tr("Pause"));
        m_pauseAction->setIcon(themedIcon("media-playback-pause", QStyle::SP_MediaPause, this));
        m_pauseAction->setToolTip(tr("Freeze the list to read it; entries are still collected and counted (Ctrl+P)"));
    }
}

QString LogPanel::statusText() const
{
    const QLocale locale;
    const qsizetype held = m_store ? m_store->size() : 0;
    const quint64 evicted = m_store ? m_store->evictedCount() : 0;
    QString text = tr("%1 shown of %2 (%3 evicted)")
                       .arg(locale.toString(qlonglong(m_model->rowCount())), locale.toString(qlonglong(held)),
                            locale.toString(qulonglong(evicted)));
    if (m_store && m_store->evictedForBytes() > 0)
        text += tr(" · byte budget %1 reached").arg(locale.formattedDataSize(m_store->byteBudget(), 0));
    return text;
}

// At most one status text per interval: the first change shows at once, later ones within the
// interval are folded into one update at its end.
void LogPanel::scheduleStatusUpdate()
{
    if (m_statusTimer.isActive()) {
        m_statusDirty = true;
        return;
    }
    updateStatus();
    m_statusTimer.start();
}

void LogPanel::updateStatus()
{
    m_statusDirty = false;
    m_statusLabel->setText(statusText());
}

void LogPanel::showMessage(const QString &text, bool error)
{
    m_lastMessage = text;
    m_messageLabel->setElidedText(text, tr("The outcome of the last export or copy"));
    QPalette pal;  // inherit everything but the text colour
    if (error)
        pal.setColor(QPalette::WindowText, palette().color(QPalette::Base).lightness() < 128 ? QColor(0xff, 0x80, 0x80)
                                                                                            : QColor(0xb0, 0x20, 0x20));
    m_messageLabel->setPalette(pal);
    if (!text.isEmpty()) {
        m_messageTimer.start();
        Q_EMIT statusMessage(text);
    }
}

void LogPanel::clearLog()
{
    if (m_store)
        m_store->clear();
    m_details->clear();
    updateStatus();
}

void LogPanel::setLogCap(qsizetype cap)
{
    if (!m_store)
        return;
    cap = std::clamp(cap, kMinLogCap, kMaxLogCap);
    if (cap == m_store->cap())
        return;
    const quint64 evictedBefore = m_store->evictedCount();
    m_store->setCap(cap);
    const quint64 dropped = m_store->evictedCount() - evictedBefore;
    const QLocale locale;
    QString text = tr("The log keeps the newest %1 entries").arg(locale.toString(qlonglong(cap)));
    if (dropped > 0)
        text += tr("; %1 older entries were dropped").arg(locale.toString(qulonglong(dropped)));
    showMessage(text);
    updateStatus();
    Q_EMIT logCapChanged(cap);
}

void LogPanel::setLogByteBudget(qint64 bytes)
{
    if (!m_store)
        return;
    bytes = std::clamp(bytes, kMinLogBytes, kMaxLogBytes);
    if (bytes == m_store->byteBudget())
        return;
    const quint64 evictedBefore = m_store->evictedCount();
    m_store->setByteBudget(bytes);
    const quint64 dropped = m_store->evictedCount() - evictedBefore;
    const QLocale locale;
    QString text = tr("The log keeps at most %1 of entries").arg(locale.formattedDataSize(bytes, 0));
    if (dropped > 0)
        text += tr("; %1 older entries were dropped").arg(locale.toString(qulonglong(dropped)));
    showMessage(text);
    updateStatus();
    Q_EMIT logByteBudgetChanged(bytes);
}

void LogPanel::setLogCapWithDialog()
{
    if (!m_store)
        return;
    const auto limits = askLogLimits(this, {m_store->cap(), m_store->byteBudget()}, {kMinLogCap, kMinLogBytes},
                                     {kMaxLogCap, kMaxLogBytes});
    if (!limits)
        return;
    setLogCap(limits->entries);
    setLogByteBudget(limits->bytes);
}

void LogPanel::copySelectedRows()
{
    std::vector<int> rows;
    const QItemSelection selection = m_view->selectionModel()->selection();
    qsizetype total = 0;
    for (const QItemSelectionRange &range : selection)
        total += range.bottom() - range.top() + 1;
    for (const QItemSelectionRange &range : selection) {
        for (int row = range.top(); row <= range.bottom() && rows.size() < std::size_t(kMaxCopyRows); ++row)
            rows.push_back(m_proxy->mapToSource(m_proxy->index(row, 0)).row());
    }
    if (rows.empty() && m_view->currentIndex().isValid())
        rows.push_back(m_proxy->mapToSource(m_view->currentIndex()).row());
    if (rows.empty()) {
        showMessage(tr("Nothing to copy: select a row"), true);
        return;
    }
    std::sort(rows.begin(), rows.end());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    QByteArray text;
    for (const int row : rows) {
        if (!text.isEmpty())
            text += '\n';
        text += QJsonDocument(m_model->entryAt(row).toJson()).toJson(QJsonDocument::Compact);
    }
    QGuiApplication::clipboard()->setText(QString::fromUtf8(text));
    if (total > qsizetype(rows.size()))
        showMessage(tr("Copied the first %1 of %2 selected rows as JSON lines").arg(rows.size()).arg(total));
    else
        showMessage(tr("Copied %n row(s) as JSON lines", nullptr, int(rows.size())));
}

void LogPanel::copyPayload()
{
    const QModelIndex index = m_view->currentIndex();
    if (!index.isValid()) {
        showMessage(tr("Nothing to copy: select a row"), true);
        return;
    }
    const Payload payload = entryPayload(m_model->entryAt(m_proxy->mapToSource(index).row()), false);
    if (payload.form == Payload::Form::None) {
        showMessage(tr("Nothing to copy: %1").arg(payload.note), true);
        return;
    }
    QGuiApplication::clipboard()->setText(payload.text);
    showMessage(tr("Copied the payload (%1)").arg(payload.note));
}

Result<qsizetype> LogPanel::exportVisible(const QString &path, ExportFormat format)
{
    if (!m_store)
        return Error{ErrorCode::NoLog, tr("there is no log to export")};
    QList<quint64> seqs;
    const int rows = m_model->rowCount();
    seqs.reserve(rows);
    for (int row = 0; row < rows; ++row)
        seqs.append(m_model->seqAt(row));

    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return Error{ErrorCode::ExportOpen, tr("cannot write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString())};
    if (!restrictToOwner(file)) {  // the user's traffic: 0600 before a byte is written
        file.cancelWriting();
        return Error{ErrorCode::ExportPermissions, tr("cannot make %1 private to you (0600)").arg(QDir::toNativeSeparators(path))};
    }
    Result<qsizetype> written = exportEntries(*m_store, seqs, format, &file);
    if (!written) {
        file.cancelWriting();
        return written;
    }
    if (!file.commit())
        return Error{ErrorCode::ExportWrite, tr("cannot write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString())};
    return written;
}

void LogPanel::exportVisibleWithDialog()
{
    const QString ndjsonFilter = tr("NDJSON, one entry per line (*.ndjson *.jsonl)");
    const QString jsonFilter = tr("JSON array (*.json)");
    if (m_lastExportDir.isEmpty())
        m_lastExportDir = QDir::homePath();
    QString selected = ndjsonFilter;
    QString path = QFileDialog::getSaveFileName(this, tr("Export visible log rows"),
                                                QDir(m_lastExportDir).filePath(QStringLiteral("channelscope-log.ndjson")),
                                                ndjsonFilter + QStringLiteral(";;") + jsonFilter, &selected);
    if (path.isEmpty())
        return;
    const QString suffix = QFileInfo(path).suffix().toLower();
    ExportFormat format = selected == jsonFilter ? ExportFormat::JsonArray : ExportFormat::Ndjson;
    if (suffix == QLatin1String("json"))
        format = ExportFormat::JsonArray;
    else if (suffix == QLatin1String("ndjson") || suffix == QLatin1String("jsonl"))
        format = ExportFormat::Ndjson;
    else if (suffix.isEmpty())
        path += format == ExportFormat::JsonArray ? QStringLiteral(".json") : QStringLiteral(".ndjson");
    m_lastExportDir = QFileInfo(path).absolutePath();

    startExport(path, format);
}

void LogPanel::startExport(const QString &path, ExportFormat format)
{
    if (!m_store || isExporting())
        return;
    QList<quint64> seqs;
    const int rows = m_model->rowCount();
    seqs.reserve(rows);
    for (int row = 0; row < rows; ++row)
        seqs.append(m_model->seqAt(row));
    m_exportJob = new LogExportJob(m_store, std::move(seqs), format, path, this);
    connect(m_exportJob, &LogExportJob::progress, this, [this](qsizetype copied, qsizetype total) {
        const QLocale locale;
        showMessage(tr("Exporting… %1 of %2 entries (click Cancel export to stop)")
                        .arg(locale.toString(qlonglong(copied)), locale.toString(qlonglong(total))));
    });
    connect(m_exportJob, &LogExportJob::finished, this, [this, path](const Result<qsizetype> &result) {
        m_exportJob->deleteLater();
        m_exportJob = nullptr;
        m_exportAction->setText(tr("Export visible…"));
        m_exportAction->setToolTip(tr("Write the rows shown now (after the filter) to an NDJSON or JSON file"));
        if (result)
            showMessage(tr("Exported %1 entries to %2").arg(QLocale().toString(qlonglong(*result)), QDir::toNativeSeparators(path)));
        else
            showMessage(tr("Export failed: %1").arg(result.error().message), true);
        Q_EMIT exportFinished(result);
    });
    m_exportAction->setText(tr("Cancel export"));
    m_exportAction->setToolTip(tr("Stop the export; nothing is written"));
    m_exportJob->start();
}

void LogPanel::cancelExport()
{
    if (m_exportJob)
        m_exportJob->cancel();
}

void LogPanel::showContextMenu(const QPoint &pos)
{
    const QModelIndex index = m_view->indexAt(pos);
    QMenu menu(this);
    menu.addAction(m_copyRowAction);
    menu.addAction(m_copyPayloadAction);
    if (index.isValid()) {
        const LogEntry entry = m_model->entryAt(m_proxy->mapToSource(index).row());
        menu.addSeparator();
        if (isPlainValue(entry.channel)) {
            menu.addAction(tr("Only channel %1").arg(entry.channel), this, [this, channel = entry.channel] {
                setFilterText(appendTerm(filterText(), QStringLiteral("channel:") + channel));
            });
        }
        if (isPlainValue(entry.event)) {
            menu.addAction(tr("Only event %1").arg(entry.event), this, [this, event = entry.event] {
                setFilterText(appendTerm(filterText(), QStringLiteral("event:") + event));
            });
        }
        const QString kind = entryKindName(entry.kind);
        menu.addAction(tr("Hide kind %1").arg(kind), this, [this, kind] {
            setFilterText(FilterBar::withKindsShown(filterText(), {kind}, false));
        });
    }
    menu.addSeparator();
    menu.addAction(m_exportAction);
    menu.exec(m_view->viewport()->mapToGlobal(pos));
}

void LogPanel::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        applyPalette();
}

void LogPanel::applyPalette()
{
    m_proxy->setPalette(palette());
    for (const QString &id : FilterBar::kindGroupIds()) {
        EntryKind kind;
        if (QToolButton *toggle = m_filterBar->kindToggle(id); toggle && parseEntryKind(FilterBar::kindGroupKinds(id).constFirst(), &kind))
            toggle->setIcon(m_proxy->kindIcon(kind));
    }
}

} // namespace cs::ui
