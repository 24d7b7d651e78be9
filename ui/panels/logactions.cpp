#include "logactions.h"

#include <QAction>
#include <QCoreApplication>
#include <QLabel>
#include <QLocale>
#include <QStyle>
#include <QToolBar>
#include <QToolButton>

#include <utility>

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

QString tr(const char *text) { return QCoreApplication::translate("cs::ui::LogPanel", text); }

}  // namespace

LogActions::LogActions(QWidget *owner) : m_owner(owner)
{
    focusFilter = new QAction(tr("Find in Log"), owner);
    focusFilter->setObjectName(QStringLiteral("focusFilterAction"));
    focusFilter->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_F));
    focusFilter->setShortcutContext(Qt::WindowShortcut);
    focusFilter->setToolTip(tr("Focus the log filter (Ctrl+F)"));

    clear = new QAction(themedIcon("edit-clear", QStyle::SP_DialogResetButton, owner), tr("Clear"), owner);
    clear->setObjectName(QStringLiteral("clearLogAction"));
    clear->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    clear->setShortcutContext(Qt::WindowShortcut);
    clear->setToolTip(tr("Clear the log: every entry is dropped (Ctrl+L)"));

    pause = new QAction(owner);
    pause->setObjectName(QStringLiteral("pauseLogAction"));
    pause->setCheckable(true);
    pause->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_P));
    pause->setShortcutContext(Qt::WindowShortcut);

    follow = new QAction(themedIcon("go-bottom", QStyle::SP_ArrowDown, owner), tr("Follow newest"), owner);
    follow->setObjectName(QStringLiteral("followLogAction"));
    follow->setCheckable(true);
    follow->setChecked(true);
    showFollowing(false);

    foldKeepalives = new QAction(tr("Fold keepalives"), owner);
    foldKeepalives->setObjectName(QStringLiteral("foldKeepalivesAction"));
    foldKeepalives->setCheckable(true);
    foldKeepalives->setChecked(true);
    foldKeepalives->setToolTip(
        tr("Show each run of pusher:ping, pusher:pong and their timer lines as one row (double-click or Enter "
           "shows its entries). A filter that asks for them (kind:connection, event:pusher:ping) shows them "
           "anyway; exports write every entry"));

    copyRow = new QAction(themedIcon("edit-copy", QStyle::SP_FileIcon, owner), tr("Copy row"), owner);
    copyRow->setObjectName(QStringLiteral("copyRowAction"));
    copyRow->setShortcut(QKeySequence::Copy);
    copyRow->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    copyRow->setToolTip(tr("Copy the selected rows as JSON lines (Ctrl+C in the table)"));

    copyPayload = new QAction(tr("Copy payload"), owner);
    copyPayload->setObjectName(QStringLiteral("copyPayloadAction"));
    copyPayload->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    copyPayload->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    copyPayload->setToolTip(
        tr("Copy the data of the current row (decoded when it was a JSON string) (Ctrl+Shift+C in the table)"));

    exportVisible = new QAction(themedIcon("document-save-as", QStyle::SP_DialogSaveButton, owner), QString(), owner);
    exportVisible->setObjectName(QStringLiteral("exportLogAction"));
    showExporting(false);

    logLimit = new QAction(tr("Log size limit…"), owner);
    logLimit->setObjectName(QStringLiteral("logLimitAction"));
    logLimit->setToolTip(tr("How many entries the log keeps; beyond that the oldest are dropped first"));
}

QList<QAction *> LogActions::all() const
{
    return {focusFilter, clear, pause, follow, foldKeepalives, copyRow, copyPayload, exportVisible, logLimit};
}

void LogActions::showPaused(bool paused, qsizetype pending)
{
    if (paused) {
        const QString count = QLocale().toString(qlonglong(pending));
        pause->setText(tr("Paused — %1 new").arg(count));
        pause->setIcon(themedIcon("media-playback-start", QStyle::SP_MediaPlay, m_owner));
        pause->setToolTip(
            tr("Paused: collection goes on, %1 new entries wait. Click to resume and show them (Ctrl+P)").arg(count));
    } else {
        pause->setText(tr("Pause"));
        pause->setIcon(themedIcon("media-playback-pause", QStyle::SP_MediaPause, m_owner));
        pause->setToolTip(tr("Freeze the list to read it; entries are still collected and counted (Ctrl+P)"));
    }
}

void LogActions::showFollowing(bool heldByScroll)
{
    follow->setToolTip(heldByScroll ? tr("Off since you scrolled up to read. Scroll to the bottom, or click, to follow "
                                         "the newest entries again")
                                    : tr("Keep the newest entry in view, whatever is selected or filtered. Scrolling "
                                         "up turns it off; scrolling back to the bottom turns it on again"));
}

void LogActions::showExporting(bool running)
{
    exportVisible->setText(running ? tr("Cancel export") : tr("Export visible…"));
    exportVisible->setToolTip(running ? tr("Stop the export; nothing is written")
                                      : tr("Write the entries shown now (after the filter; a folded keepalive row "
                                           "gives all its entries) to an NDJSON or JSON file"));
}

QToolBar *LogActions::buildToolbar(QWidget *parent) const
{
    auto *toolbar = new QToolBar(parent);
    toolbar->setObjectName(QStringLiteral("logToolbar"));
    // One row whatever the dock's width: what does not fit goes behind the toolbar's » button
    // (the first-start window at 1280×800 leaves the log dock about 460 px). The toggles come
    // first; clear, export and copy row are icons with tooltips (and in the Log menu).
    toolbar->setMovable(false);
    toolbar->setFloatable(false);
    toolbar->setIconSize(QSize(16, 16));
    auto *pauseButton = toolButton(pause, QStringLiteral("pauseButton"), toolbar);
    // Wide enough for "Paused — 9,999 new" so that the row does not jump while counting.
    pauseButton->setMinimumWidth(
        pauseButton->fontMetrics().horizontalAdvance(tr("Paused — %1 new").arg(QStringLiteral("9,999"))) + 32);
    toolbar->addWidget(pauseButton);
    toolbar->addWidget(toolButton(follow, QStringLiteral("followButton"), toolbar));
    auto *fold = toolButton(foldKeepalives, QStringLiteral("foldKeepalivesButton"), toolbar);
    fold->setToolButtonStyle(Qt::ToolButtonTextOnly);
    toolbar->addWidget(fold);
    toolbar->addSeparator();
    for (auto [action, name] : {std::pair{clear, "clearButton"}, std::pair{exportVisible, "exportButton"},
                                std::pair{copyRow, "copyRowButton"}}) {
        auto *button = toolButton(action, QString::fromLatin1(name), toolbar);
        button->setToolButtonStyle(Qt::ToolButtonIconOnly);
        toolbar->addWidget(button);
    }
    auto *payload = toolButton(copyPayload, QStringLiteral("copyPayloadButton"), toolbar);
    payload->setToolButtonStyle(Qt::ToolButtonTextOnly);
    toolbar->addWidget(payload);
    return toolbar;
}

}  // namespace cs::ui
