#include "publishhistoryview.h"

#include "feedback.h"

#include <QHBoxLayout>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace cs::ui {

namespace {

enum HistoryRole { KindRole = Qt::UserRole + 1, KeyRole };

QString elided(const QString &text, int max)
{
    const QString simple = text.simplified();
    return simple.size() > max ? simple.left(max - 1) + QStringLiteral("…") : simple;
}

QString tooltipOf(const PublishRecord &r)
{
    QString tip;
    if (r.kind == PublishRecord::Kind::Batch) {
        QStringList rows;
        for (const PublishBatchRow &row : r.batch)
            rows << QStringLiteral("%1 → %2: %3").arg(row.event, row.channel, elided(row.data, 80));
        tip = rows.join(u'\n');
    } else {
        tip = PublishHistoryView::tr("Channels: %1\nEvent: %2\nData: %3")
                  .arg(r.channels.join(u' '), r.event, elided(r.data, 200));
        if (r.excludeMe)
            tip += PublishHistoryView::tr("\nExcluding this connection");
        if (!r.info.isEmpty())
            tip += PublishHistoryView::tr("\nInfo: %1").arg(r.info.join(u','));
    }
    if (r.plainString)
        tip += PublishHistoryView::tr("\n(data sent as plain string)");
    return tip;
}

}  // namespace

PublishHistoryView::PublishHistoryView(PublishHistory *history, QWidget *parent)
    : QGroupBox(tr("History and templates"), parent),
      m_history(history)
{
    setToolTip(tr("Templates (★) and what was sent, newest first: edit or send again"));
    auto *layout = new QVBoxLayout(this);
    m_list = new QListWidget(this);
    m_list->setObjectName(QStringLiteral("historyList"));
    m_list->setToolTip(tr("Double-click to load into the form; ★ marks templates"));
    m_list->setUniformItemSizes(true);
    m_list->setTextElideMode(Qt::ElideRight);
    m_list->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    layout->addWidget(m_list, 1);

    auto *buttons = new QHBoxLayout;
    m_load = new QPushButton(tr("Edit"), this);
    m_load->setObjectName(QStringLiteral("historyLoadButton"));
    m_load->setToolTip(tr("Load the selected entry into its form to edit it"));
    m_resend = new QPushButton(tr("Send again"), this);
    m_resend->setObjectName(QStringLiteral("historyResendButton"));
    m_resend->setToolTip(tr("Load the selected entry and send it right away"));
    m_delete = new QPushButton(tr("Delete"), this);
    m_delete->setObjectName(QStringLiteral("historyDeleteButton"));
    m_delete->setToolTip(tr("Delete the selected history entry or template"));
    buttons->addWidget(m_load);
    buttons->addWidget(m_resend);
    buttons->addWidget(m_delete);
    buttons->addStretch(1);
    layout->addLayout(buttons);

    auto *templateRow = new QHBoxLayout;
    m_templateName = new QLineEdit(this);
    m_templateName->setObjectName(QStringLiteral("templateName"));
    m_templateName->setPlaceholderText(tr("template name"));
    m_templateName->setToolTip(tr("Name to keep the current trigger or batch form under (same name replaces)"));
    m_saveTemplate = new QPushButton(tr("Save as template"), this);
    m_saveTemplate->setObjectName(QStringLiteral("saveTemplateButton"));
    m_saveTemplate->setToolTip(tr("Keep the current trigger or batch form as a named template"));
    templateRow->addWidget(m_templateName, 1);
    templateRow->addWidget(m_saveTemplate);
    layout->addLayout(templateRow);

    connect(m_list, &QListWidget::itemSelectionChanged, this, &PublishHistoryView::updateButtons);
    connect(m_list, &QListWidget::itemDoubleClicked, this, [this] { loadSelected(false); });
    connect(m_load, &QPushButton::clicked, this, [this] { loadSelected(false); });
    connect(m_resend, &QPushButton::clicked, this, [this] { loadSelected(true); });
    connect(m_delete, &QPushButton::clicked, this, &PublishHistoryView::deleteSelected);
    connect(m_saveTemplate, &QPushButton::clicked, this, &PublishHistoryView::requestSaveTemplate);
    connect(m_templateName, &QLineEdit::returnPressed, this, &PublishHistoryView::requestSaveTemplate);
    connect(m_templateName, &QLineEdit::textChanged, this,
            [this](const QString &text) { m_saveTemplate->setEnabled(!text.trimmed().isEmpty()); });
    m_saveTemplate->setEnabled(false);
    rebuild();
}

void PublishHistoryView::rebuild()
{
    QString selectedKind, selectedKey;
    if (const QListWidgetItem *item = m_list->currentItem()) {
        selectedKind = item->data(KindRole).toString();
        selectedKey = item->data(KeyRole).toString();
    }
    const QSignalBlocker blocker(m_list);
    m_list->clear();
    for (const PublishRecord &r : m_history->templates()) {
        auto *item = new QListWidgetItem(QStringLiteral("★ %1 — %2").arg(r.name, r.summary()), m_list);
        item->setData(KindRole, QStringLiteral("template"));
        item->setData(KeyRole, r.name);
        QFont font = item->font();
        font.setBold(true);
        item->setFont(font);
        item->setToolTip(tr("Template \"%1\"\n%2").arg(r.name, tooltipOf(r)));
    }
    for (const PublishRecord &r : m_history->history()) {
        QString status;
        feedback::Tone tone = feedback::Tone::Neutral;
        if (r.status == 0) {
            status = QStringLiteral("…");
        } else if (r.status >= 200 && r.status < 300) {
            status = QStringLiteral("✓ %1").arg(r.status);
            tone = feedback::Tone::Success;
        } else {
            status = r.status < 0 ? QStringLiteral("✗") : QStringLiteral("✗ %1").arg(r.status);
            tone = feedback::Tone::Error;
        }
        auto *item = new QListWidgetItem(
            QStringLiteral("%1  %2  %3").arg(r.time.toString(QStringLiteral("HH:mm:ss")), status, r.summary()), m_list);
        item->setData(KindRole, QStringLiteral("history"));
        item->setData(KeyRole, QString::number(r.id));
        if (tone != feedback::Tone::Neutral)
            item->setForeground(feedback::color(m_list->palette(), tone));
        item->setToolTip(tr("Sent %1\n%2").arg(r.time.toString(Qt::TextDate), tooltipOf(r)));
    }
    for (int i = 0; i < m_list->count(); ++i) {
        QListWidgetItem *item = m_list->item(i);
        if (item->data(KindRole).toString() == selectedKind && item->data(KeyRole).toString() == selectedKey) {
            m_list->setCurrentItem(item);
            break;
        }
    }
    updateButtons();
}

void PublishHistoryView::setCanSend(bool canSend)
{
    m_canSend = canSend;
    updateButtons();
}

void PublishHistoryView::updateButtons()
{
    const bool any = m_list->currentItem() && m_list->currentItem()->isSelected();
    m_load->setEnabled(any);
    m_resend->setEnabled(any && m_canSend);
    m_delete->setEnabled(any);
}

const PublishRecord *PublishHistoryView::recordOf(const QListWidgetItem *item) const
{
    if (!item)
        return nullptr;
    const QString key = item->data(KeyRole).toString();
    if (item->data(KindRole).toString() == QLatin1String("template"))
        return m_history->templateEntry(key);
    return m_history->historyEntry(key.toULongLong());
}

void PublishHistoryView::loadSelected(bool send)
{
    const PublishRecord *record = recordOf(m_list->currentItem());
    if (!record)
        return;
    const PublishRecord copy = *record;  // sending adds to the history, which may move it
    if (!copy.name.isEmpty())
        m_templateName->setText(copy.name);
    Q_EMIT loadRequested(copy, send);
}

void PublishHistoryView::deleteSelected()
{
    const QListWidgetItem *item = m_list->currentItem();
    if (!item)
        return;
    const QString key = item->data(KeyRole).toString();
    if (item->data(KindRole).toString() == QLatin1String("template")) {
        m_history->removeTemplate(key);
        Q_EMIT statusMessage(tr("Deleted template %1").arg(key));
    } else {
        m_history->removeHistory(key.toULongLong());
    }
    rebuild();
}

void PublishHistoryView::requestSaveTemplate()
{
    if (const QString name = m_templateName->text().trimmed(); !name.isEmpty())
        Q_EMIT saveTemplateRequested(name);
}

}  // namespace cs::ui
