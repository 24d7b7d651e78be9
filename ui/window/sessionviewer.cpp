#include "sessionviewer.h"

#include "logmodel.h"
#include "logpanel.h"
#include "logstyleproxy.h"
#include "replaydialog.h"

#include <QAction>
#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QItemSelectionModel>
#include <QLabel>
#include <QMenuBar>
#include <QTableView>
#include <QMenu>
#include <QVBoxLayout>

#include <algorithm>
#include <functional>

namespace cs::ui {

namespace {

QString bannerText(const sessionfile::Opened &opened)
{
    QString text = QCoreApplication::translate("cs::ui::SessionViewer", "Viewing %1 (read-only): %n entries", nullptr,
                                               int(opened.entries.size()))
                       .arg(QDir::toNativeSeparators(opened.path));
    if (opened.header && opened.header->profile) {
        const sessionfile::ProfileSummary &p = *opened.header->profile;
        const QString where = p.host.isEmpty() ? p.cluster : QStringLiteral("%1:%2").arg(p.host).arg(p.port);
        text += QCoreApplication::translate("cs::ui::SessionViewer", " · profile %1 (app %2, key %3, %4)")
                    .arg(p.name, p.appId, p.key, where);
    }
    if (opened.header && opened.header->savedAtMs > 0)
        text += QCoreApplication::translate("cs::ui::SessionViewer", " · saved %1")
                    .arg(QDateTime::fromMSecsSinceEpoch(opened.header->savedAtMs).toString(Qt::ISODate));
    if (opened.skippedLines > 0)
        text += QCoreApplication::translate("cs::ui::SessionViewer", " · %n unreadable line(s) skipped (%1)", nullptr,
                                            opened.skippedLines)
                    .arg(opened.firstProblem);
    return text;
}

}  // namespace

QList<LogEntry> selectedEntries(const LogPanel *panel)
{
    const QTableView *view = panel->view();
    const LogStore *store = panel->model()->store();
    std::vector<int> rows;
    for (const QItemSelectionRange &range : view->selectionModel()->selection())
        for (int row = range.top(); row <= range.bottom(); ++row)
            rows.push_back(panel->styleProxy()->mapToSource(panel->styleProxy()->index(row, 0)).row());
    if (rows.empty() && view->currentIndex().isValid())
        rows.push_back(panel->styleProxy()->mapToSource(view->currentIndex()).row());
    std::sort(rows.begin(), rows.end());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    QList<LogEntry> entries;
    for (const int row : rows) {
        for (const quint64 seq : panel->model()->entrySeqsAt(row)) {
            if (store && seq >= store->firstSeq() && seq - store->firstSeq() < quint64(store->size()))
                entries.append(store->at(qsizetype(seq - store->firstSeq())));
        }
    }
    return entries;
}

SessionViewer::SessionViewer(const sessionfile::Opened &opened, ProfileStore *replayTo, LogStore *liveLog,
                             const std::function<Session *()> &live, QWidget *parent)
    : QMainWindow(parent),
      m_path(opened.path)
{
    setObjectName(QStringLiteral("sessionViewer"));
    setAttribute(Qt::WA_DeleteOnClose);
    setWindowTitle(tr("%1 (read-only) — Channelscope").arg(QFileInfo(opened.path).fileName()));
    // Opened files keep every entry, whatever the live log's limits.
    m_log.setByteBudget(qint64(4) << 30);
    sessionfile::loadInto(opened, m_log);

    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    m_banner = new QLabel(bannerText(opened), central);
    m_banner->setObjectName(QStringLiteral("sessionBanner"));
    m_banner->setTextFormat(Qt::PlainText);
    m_banner->setWordWrap(true);
    m_banner->setStyleSheet(QStringLiteral("QLabel { padding: 6px; border-radius: 4px; "
                                           "background: palette(alternate-base); font-weight: bold; }"));
    layout->addWidget(m_banner);
    m_logPanel = new LogPanel(&m_log, central);
    layout->addWidget(m_logPanel, 1);
    setCentralWidget(central);
    // Read-only: nothing clears or pauses what the file holds.
    m_logPanel->clearAction()->setEnabled(false);
    m_logPanel->pauseAction()->setEnabled(false);
    m_logPanel->setFollowing(false);

    m_replay = new QAction(tr("&Replay selected…"), this);
    m_replay->setObjectName(QStringLiteral("replaySelectedAction"));
    m_replay->setToolTip(tr("Send the selected events again to a profile, in order"));
    connect(m_replay, &QAction::triggered, this, [this, replayTo, liveLog, live] {
        auto *dialog = new ReplayDialog(selectedEntries(m_logPanel), replayTo, live ? live() : nullptr, liveLog, this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->open();
    });
    m_logPanel->addRowMenuAction(m_replay);
    QMenu *file = menuBar()->addMenu(tr("&Session"));
    file->addAction(m_replay);
    file->addSeparator();
    QAction *close = file->addAction(tr("&Close (back to the live window)"), this, &QWidget::close);
    close->setShortcut(QKeySequence::Close);
    QMenu *logMenu = menuBar()->addMenu(tr("&Log"));
    logMenu->addActions(m_logPanel->actions());
    resize(1200, 760);
}

SessionViewer::~SessionViewer() = default;

}  // namespace cs::ui
