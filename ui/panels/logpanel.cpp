#include "logpanel.h"

#include "detailspane.h"
#include "filterbar.h"
#include "logelidedlabel.h"
#include "logemptystate.h"
#include "logexportflow.h"
#include "logmodel.h"
#include "logstore.h"
#include "logstyleproxy.h"
#include "logtablesetup.h"
#include "violationindex.h"

#include <QAction>
#include <QEvent>
#include <QLabel>
#include <QLocale>
#include <QScrollBar>
#include <QSplitter>
#include <QTableView>
#include <QHBoxLayout>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>

namespace cs::ui {

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
      m_messageLabel(new LogElidedLabel(this)),
      m_emptyState(new LogEmptyState(m_view)),
      m_actions(this),
      m_export(new LogExportFlow(store, m_model, this)),
      m_rows(new LogRowActions(m_view, m_proxy, m_model, m_filterBar, &m_actions, this)),
      m_limits(new LogLimitsController(store, this))
{
    m_statusLabel->setTextFormat(Qt::PlainText);
    m_model->setFoldKeepalives(m_actions.foldKeepalives->isChecked());
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
    // The empty state goes with the first row at once, not at the status rate.
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &LogPanel::updateEmptyState);
    connect(m_model, &QAbstractItemModel::modelReset, this, &LogPanel::updateEmptyState);
    connect(m_model, &QAbstractItemModel::dataChanged, this, &LogPanel::scheduleStatusUpdate);  // a fold grew
    connect(m_emptyState, &LogEmptyState::clearFilterRequested, this, [this] { setFilterText(QString()); });
    connect(m_emptyState, &LogEmptyState::resumeRequested, this, [this] { setPaused(false); });
    if (m_store) {
        // Payload contracts: the details pane shows them, a violates: filter reruns when they change.
        m_details->setLogStore(m_store);
        connect(ViolationIndex::ensure(m_store), &ViolationIndex::contractsChanged, this, [this] {
            if (m_model->filter().text().contains(QLatin1StringView("violates:"), Qt::CaseInsensitive))
                m_model->setFilter(m_model->filter());
            m_view->viewport()->update();
        });
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
            onUserScrolled(value);
    });
    connect(m_view, &QAbstractItemView::activated, this, &LogPanel::expandRow);  // Enter
    connect(m_view, &QAbstractItemView::doubleClicked, this, &LogPanel::expandRow);
    connect(m_rows, &LogRowActions::expandRequested, this, &LogPanel::expandRow);
    // Rows evicted from the top would slide what the user reads upwards: hold it in place.
    // (Scrolling is per item, so the scroll value is the row at the top.)
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this, [this](const QModelIndex &, int first, int last) {
        if (isFollowing() || first != 0)
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
    m_actions.copyRow->setEnabled(hasRow);
    m_actions.copyPayload->setEnabled(hasRow);
}

LogPanel::~LogPanel()
{
    // The store may outlive the panel; nothing of it should reach a half-destroyed panel.
    if (m_store)
        disconnect(m_store, nullptr, this, nullptr);
    m_statusTimer.stop();
    m_messageTimer.stop();
}

LogStore *LogPanel::store() const { return m_store.data(); }

void LogPanel::configureView()
{
    setUpLogTable(m_view, m_proxy->monospaceFont());
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_view, &QWidget::customContextMenuRequested, m_rows, &LogRowActions::showContextMenu);
}

void LogPanel::buildActions()
{
    connect(m_actions.focusFilter, &QAction::triggered, m_filterBar, &FilterBar::focusFilter);
    connect(m_actions.clear, &QAction::triggered, this, &LogPanel::clearLog);
    connect(m_actions.pause, &QAction::toggled, this, [this](bool paused) {
        m_model->setPaused(paused);
        updatePauseText();
        if (!paused && isFollowing())
            scrollToNewest();
    });
    connect(m_actions.follow, &QAction::toggled, this, [this](bool on) {
        if (!m_settingFollow)
            m_heldByScroll = false;  // the user's own choice
        m_actions.showFollowing(!on && m_heldByScroll);
        if (on)
            scrollToNewest();
    });
    connect(m_actions.foldKeepalives, &QAction::toggled, this, [this](bool fold) {
        const std::optional<LogEntry> current = m_details->entry();
        m_scrolling = true;  // the reset moves the scroll bar, not the user
        m_model->setFoldKeepalives(fold);
        m_scrolling = false;
        if (current)
            reselect(current->seq);
        if (isFollowing())
            scrollToNewest();
        Q_EMIT foldKeepalivesChanged(fold);
    });
    connect(m_actions.copyRow, &QAction::triggered, m_rows, &LogRowActions::copySelectedRows);
    connect(m_actions.copyPayload, &QAction::triggered, m_rows, &LogRowActions::copyPayload);
    connect(m_rows, &LogRowActions::message, this, &LogPanel::showMessage);
    connect(m_actions.exportVisible, &QAction::triggered, this, [this] {
        if (isExporting())
            cancelExport();
        else
            exportVisibleWithDialog();
    });
    connect(m_actions.logLimit, &QAction::triggered, m_limits, &LogLimitsController::setWithDialog);
    connect(m_limits, &LogLimitsController::message, this, &LogPanel::showMessage);
    connect(m_limits, &LogLimitsController::capChanged, this, &LogPanel::updateStatus);  // before logCapChanged
    connect(m_limits, &LogLimitsController::capChanged, this, &LogPanel::logCapChanged);
    connect(m_limits, &LogLimitsController::byteBudgetChanged, this, &LogPanel::updateStatus);
    connect(m_limits, &LogLimitsController::byteBudgetChanged, this, &LogPanel::logByteBudgetChanged);
    connect(m_export, &LogExportFlow::message, this, &LogPanel::showMessage);
    connect(m_export, &LogExportFlow::runningChanged, this, [this](bool running) { m_actions.showExporting(running); });
    connect(m_export, &LogExportFlow::finished, this, &LogPanel::exportFinished);

    // Window-wide shortcuts work as soon as the panel is in a window; the main window may put the
    // same actions in its menus. Copy shortcuts belong to the table only.
    addAction(m_actions.focusFilter);
    addAction(m_actions.clear);
    addAction(m_actions.pause);
    m_view->addAction(m_actions.copyRow);
    m_view->addAction(m_actions.copyPayload);
}

void LogPanel::buildLayout()
{
    m_messageLabel->setObjectName(QStringLiteral("messageLabel"));
    m_messageLabel->setToolTip(tr("The outcome of the last export or copy"));
    m_statusLabel->setObjectName(QStringLiteral("statusLabel"));
    m_statusLabel->setToolTip(
        tr("Rows shown after the filter, entries held in the log, and entries dropped by the cap (oldest first)"));
    QToolBar *toolbar = m_actions.buildToolbar(this);

    // The counts and the last outcome under the table, out of the toolbar's way.
    auto *statusLine = new QWidget(this);
    auto *statusLayout = new QHBoxLayout(statusLine);
    statusLayout->setContentsMargins(2, 0, 2, 0);
    statusLayout->setSpacing(12);
    statusLayout->addWidget(m_statusLabel);
    statusLayout->addWidget(m_messageLabel, 1);

    auto *top = new QWidget(this);
    auto *topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->setSpacing(4);
    topLayout->addWidget(m_filterBar);
    topLayout->addWidget(m_view, 1);
    topLayout->addWidget(statusLine);

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

QList<QAction *> LogPanel::actions() const { return m_actions.all(); }

void LogPanel::setFilterText(const QString &text) { m_filterBar->setText(text); }

QString LogPanel::filterText() const { return m_filterBar->text(); }

bool LogPanel::isPaused() const { return m_actions.pause->isChecked(); }

void LogPanel::setPaused(bool paused) { m_actions.pause->setChecked(paused); }

bool LogPanel::isFollowing() const { return m_actions.follow->isChecked(); }

void LogPanel::setFollowing(bool follow) { m_actions.follow->setChecked(follow); }

bool LogPanel::foldsKeepalives() const { return m_actions.foldKeepalives->isChecked(); }

void LogPanel::setFoldKeepalives(bool fold) { m_actions.foldKeepalives->setChecked(fold); }

void LogPanel::onFilterChanged(const LogFilter &filter)
{
    // The model resets; keep the entry the user looks at selected when it still matches.
    const std::optional<LogEntry> current = m_details->entry();
    m_scrolling = true;  // the reset moves the scroll bar, not the user
    m_model->setFilter(filter);
    m_scrolling = false;
    const bool kept = current && reselect(current->seq);
    // Following wins over the selection: the newest row stays in view, the selection stays selected.
    if (isFollowing())
        scrollToNewest();
    else if (kept) {
        m_scrolling = true;
        m_view->scrollTo(m_view->currentIndex(), QAbstractItemView::PositionAtCenter);
        m_scrolling = false;
    }
    updateEmptyState();
}

// Selects the row that shows entry `seq` again after a reset; false when no row does.
bool LogPanel::reselect(quint64 seq)
{
    const int row = m_model->rowForSeq(seq);
    if (row < 0)
        return false;
    m_scrolling = true;  // setting the current index may scroll it into view
    m_view->selectionModel()->setCurrentIndex(m_proxy->index(row, 0),
                                              QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_scrolling = false;
    return true;
}

bool LogPanel::selectSeqRange(quint64 first, quint64 end)
{
    QItemSelection selection;
    int firstRow = -1;
    // A step writes tens of entries; the cap keeps a runaway range from walking the whole log.
    constexpr quint64 kMaxRange = 100'000;
    for (quint64 seq = first; seq < end && seq - first < kMaxRange; ++seq) {
        const int row = m_model->rowForSeq(seq);
        if (row < 0)
            continue;
        if (firstRow < 0)
            firstRow = row;
        selection.select(m_proxy->index(row, 0), m_proxy->index(row, m_proxy->columnCount() - 1));
    }
    if (firstRow < 0)
        return false;
    setFollowing(false);
    m_scrolling = true;
    m_view->selectionModel()->setCurrentIndex(m_proxy->index(firstRow, 0), QItemSelectionModel::NoUpdate);
    m_view->selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect);
    m_view->scrollTo(m_proxy->index(firstRow, 0), QAbstractItemView::PositionAtCenter);
    m_scrolling = false;
    return true;
}

void LogPanel::onRowsInserted()
{
    if (isFollowing())
        scrollToNewest();
    scheduleStatusUpdate();
}

void LogPanel::scrollToNewest()
{
    m_scrolling = true;
    m_view->scrollToBottom();
    m_scrolling = false;
}

// The user moved the view: away from the bottom, following stops (and the button says so); back
// at the bottom, it resumes when scrolling had stopped it.
void LogPanel::onUserScrolled(int value)
{
    const bool atBottom = value >= m_view->verticalScrollBar()->maximum();
    if (!atBottom && isFollowing()) {
        m_heldByScroll = true;
        setFollowChecked(false);
    } else if (atBottom && !isFollowing() && m_heldByScroll) {
        m_heldByScroll = false;
        setFollowChecked(true);
    }
}

void LogPanel::setFollowChecked(bool follow)
{
    m_settingFollow = true;
    m_actions.follow->setChecked(follow);
    m_settingFollow = false;
}

void LogPanel::expandRow(const QModelIndex &proxyIndex)
{
    if (!proxyIndex.isValid())
        return;
    const int row = m_proxy->mapToSource(proxyIndex).row();
    if (!m_model->isFoldedRow(row))
        return;
    const int count = m_model->entryCountAt(row);
    m_model->expandRow(row);
    if (isFollowing())
        scrollToNewest();
    showMessage(tr("Showing %n keepalive entries one by one", nullptr, count));
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
    m_actions.showPaused(m_actions.pause->isChecked(), m_model->pendingCount());
    updateEmptyState();
}

void LogPanel::updateEmptyState()
{
    using Reason = LogEmptyState::Reason;
    Reason reason = Reason::None;
    if (m_model->rowCount() == 0) {
        if (isPaused() && m_model->pendingCount() > 0)
            reason = Reason::Paused;
        else if (!m_store || (m_store->size() == 0 && m_store->pendingCount() == 0))
            reason = Reason::NothingLogged;
        else if (!m_model->filter().isEmpty())
            reason = Reason::FilterHidesAll;
        // else: entries are on their way to the table (the next flush)
    }
    m_emptyState->showReason(reason, m_model->pendingCount());
}

QString LogPanel::statusText() const
{
    const QLocale locale;
    const qsizetype held = m_store ? m_store->size() : 0;
    const quint64 evicted = m_store ? m_store->evictedCount() : 0;
    QString text = tr("%1 shown of %2 (%3 evicted)")
                       .arg(locale.toString(qlonglong(m_model->shownEntryCount())), locale.toString(qlonglong(held)),
                            locale.toString(qulonglong(evicted)));
    if (const qsizetype folded = m_model->hiddenByFolding(); folded > 0)
        text += tr(" \u00b7 %1 keepalives folded").arg(locale.toString(qlonglong(folded)));
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
    updateEmptyState();
}

void LogPanel::showMessage(const QString &text, bool error)
{
    m_lastMessage = text;
    m_messageLabel->setElidedText(text, tr("The outcome of the last export or copy"));
    QPalette pal;  // inherit everything but the text colour
    if (error)
        pal.setColor(QPalette::WindowText, palette().color(QPalette::Base).lightness() < 128
                                               ? QColor(0xff, 0x80, 0x80)
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

// The export, copying and limits live in their own objects (see logpanel.h).
Result<qsizetype> LogPanel::exportVisible(const QString &path, ExportFormat format)
{
    return m_export->exportNow(path, format);
}
void LogPanel::exportVisibleWithDialog() { m_export->startWithDialog(); }
void LogPanel::startExport(const QString &path, ExportFormat format) { m_export->start(path, format); }
bool LogPanel::isExporting() const { return m_export->isRunning(); }
void LogPanel::cancelExport() { m_export->cancel(); }
void LogPanel::copySelectedRows() { m_rows->copySelectedRows(); }
void LogPanel::copyPayload() { m_rows->copyPayload(); }
void LogPanel::setLogCap(qsizetype cap) { m_limits->setCap(cap); }
void LogPanel::setLogByteBudget(qint64 bytes) { m_limits->setByteBudget(bytes); }
void LogPanel::setLogCapWithDialog() { m_limits->setWithDialog(); }

void LogPanel::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        applyPalette();
}

void LogPanel::addRowMenuAction(QAction *action) { m_rows->addMenuAction(action); }

void LogPanel::applyPalette()
{
    m_proxy->setPalette(palette());
    for (const QString &id : FilterBar::kindGroupIds()) {
        EntryKind kind;
        if (QToolButton *toggle = m_filterBar->kindToggle(id);
            toggle && parseEntryKind(FilterBar::kindGroupKinds(id).constFirst(), &kind))
            toggle->setIcon(m_proxy->kindIcon(kind));
    }
}

}  // namespace cs::ui
