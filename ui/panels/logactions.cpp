#include "logactions.h"

#include "flowlayout.h"

#include <QAction>
#include <QCoreApplication>
#include <QLabel>
#include <QLocale>
#include <QStyle>
#include <QToolButton>

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
    showHeld(false);

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
    return {focusFilter, clear, pause, follow, copyRow, copyPayload, exportVisible, logLimit};
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

void LogActions::showHeld(bool held)
{
    follow->setToolTip(
        held ? tr("Held while you read: you scrolled up. Scroll to the bottom to follow the newest entries again")
             : tr("Keep the newest entry in view; scrolling up holds the view until you scroll back down"));
}

void LogActions::showExporting(bool running)
{
    exportVisible->setText(running ? tr("Cancel export") : tr("Export visible…"));
    exportVisible->setToolTip(running ? tr("Stop the export; nothing is written")
                                      : tr("Write the rows shown now (after the filter) to an NDJSON or JSON file"));
}

QWidget *LogActions::buildToolbar(QWidget *parent, QLabel *status, QLabel *message) const
{
    auto *toolbar = new QWidget(parent);
    toolbar->setObjectName(QStringLiteral("logToolbar"));
    // Wraps onto a second line in a narrow dock instead of widening the window.
    auto *bar = new FlowLayout(toolbar, 2, 2);
    auto *pauseButton = toolButton(pause, QStringLiteral("pauseButton"), toolbar);
    // Wide enough for "Paused — 99,999 new" so that the row does not jump while counting.
    pauseButton->setMinimumWidth(
        pauseButton->fontMetrics().horizontalAdvance(tr("Paused — %1 new").arg(QStringLiteral("99,999"))) + 32);
    bar->addWidget(pauseButton);
    bar->addWidget(toolButton(clear, QStringLiteral("clearButton"), toolbar));
    bar->addWidget(toolButton(follow, QStringLiteral("followButton"), toolbar));
    bar->addWidget(toolButton(copyRow, QStringLiteral("copyRowButton"), toolbar));
    bar->addWidget(toolButton(copyPayload, QStringLiteral("copyPayloadButton"), toolbar));
    bar->addWidget(toolButton(exportVisible, QStringLiteral("exportButton"), toolbar));
    bar->addWidget(status);
    bar->addWidget(message);
    return toolbar;
}

}  // namespace cs::ui
