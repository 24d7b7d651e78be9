#include "batchform.h"

#include "feedback.h"
#include "jsoneditor.h"
#include "publishformparts.h"

#include <QApplication>
#include <QCheckBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace cs::ui {

namespace {

enum BatchColumn { ColChannel, ColEvent, ColData, ColCount };

}  // namespace

BatchForm::BatchForm(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("batchForm"));
    auto *layout = new QVBoxLayout(this);

    m_table = new QTableWidget(0, ColCount, this);
    m_table->setObjectName(QStringLiteral("batchTable"));
    m_table->setHorizontalHeaderLabels({tr("Channel"), tr("Event"), tr("Data")});
    m_table->horizontalHeader()->setSectionResizeMode(ColChannel, QHeaderView::Interactive);
    m_table->horizontalHeader()->setSectionResizeMode(ColEvent, QHeaderView::Interactive);
    m_table->horizontalHeader()->setSectionResizeMode(ColData, QHeaderView::Stretch);
    m_table->horizontalHeader()->resizeSection(ColChannel, m_table->fontMetrics().averageCharWidth() * 22);
    m_table->horizontalHeader()->resizeSection(ColEvent, m_table->fontMetrics().averageCharWidth() * 16);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 10);
    m_table->setToolTip(tr("Up to %1 events, one channel each. Rows with neither channel nor event are skipped.\n"
                           "Invalid cells are marked; hover them for the reason.")
                            .arg(kMaxRows));
    layout->addWidget(m_table, 1);

    auto *buttons = new QHBoxLayout;
    m_add = new QPushButton(tr("&Add row"), this);
    m_add->setObjectName(QStringLiteral("batchAddButton"));
    m_add->setToolTip(tr("Add an event to the batch (at most %1)").arg(kMaxRows));
    m_remove = new QPushButton(tr("&Remove row"), this);
    m_remove->setObjectName(QStringLiteral("batchRemoveButton"));
    m_remove->setToolTip(tr("Remove the selected rows"));
    m_plainString = new QCheckBox(tr("Data as plain strings"), this);
    m_plainString->setObjectName(QStringLiteral("batchPlainStringCheck"));
    m_plainString->setToolTip(tr("Send every row's data as it is, without the JSON check"));
    buttons->addWidget(m_add);
    buttons->addWidget(m_remove);
    buttons->addWidget(m_plainString);
    buttons->addStretch(1);
    layout->addLayout(buttons);

    m_error = publishparts::errorLabel(QStringLiteral("batchError"), tr("The first problem in the batch"), this);
    layout->addWidget(m_error);
    m_sendButton = new QPushButton(tr("Send &batch"), this);
    m_sendButton->setObjectName(QStringLiteral("batchSendButton"));
    layout->addLayout(publishparts::sendButtonRow(m_sendButton));

    connect(m_add, &QPushButton::clicked, this, [this] {
        addRow();
        m_table->setCurrentCell(m_table->rowCount() - 1, ColChannel);
        m_table->setFocus();
    });
    connect(m_remove, &QPushButton::clicked, this, &BatchForm::removeSelectedRows);
    connect(m_table, &QTableWidget::itemChanged, this, [this] {
        if (!m_validating)
            validate();
    });
    connect(m_table, &QTableWidget::itemSelectionChanged, this, &BatchForm::validate);
    connect(m_plainString, &QCheckBox::toggled, this, &BatchForm::validate);
    connect(m_sendButton, &QPushButton::clicked, this, &BatchForm::sendRequested);
    publishparts::addSendShortcut(this, [this] { Q_EMIT sendRequested(); });
    addRow();
}

void BatchForm::setSession(Session *session)
{
    m_session = session;
    validate();
}

void BatchForm::addRow(const PublishBatchRow &row)
{
    if (m_table->rowCount() >= kMaxRows)
        return;
    m_validating = true;
    const int at = m_table->rowCount();
    m_table->insertRow(at);
    m_table->setItem(at, ColChannel, new QTableWidgetItem(row.channel));
    m_table->setItem(at, ColEvent, new QTableWidgetItem(row.event));
    auto *data = new QTableWidgetItem(row.data.isEmpty() && row.channel.isEmpty() ? QStringLiteral("{}") : row.data);
    data->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_table->setItem(at, ColData, data);
    m_validating = false;
    validate();
}

void BatchForm::removeSelectedRows()
{
    QList<int> rows;
    for (const QModelIndex &index : m_table->selectionModel()->selectedIndexes())
        if (!rows.contains(index.row()))
            rows << index.row();
    std::sort(rows.begin(), rows.end(), std::greater<>());
    for (int row : std::as_const(rows))
        m_table->removeRow(row);
    if (m_table->rowCount() == 0)
        addRow();
    validate();
}

QString BatchForm::cellText(int row, int column) const
{
    const QTableWidgetItem *item = m_table->item(row, column);
    return item ? item->text() : QString();
}

BatchDraft BatchForm::draft() const
{
    BatchDraft d;
    d.hasSession = m_session;
    if (m_session)
        d.limits = m_session->limits();
    const bool plain = m_plainString->isChecked();
    for (int row = 0; row < m_table->rowCount(); ++row) {
        BatchRowDraft r{cellText(row, ColChannel).trimmed(), cellText(row, ColEvent), cellText(row, ColData), {}};
        if (!plain && !r.isSkipped())
            if (const Result<QJsonValue> check = json::checkJson(r.data); !check)
                r.dataProblem = check.error().message;
        d.rows.append(r);
    }
    return d;
}

Status BatchForm::validate()
{
    // Re-entered when this marks cells (itemChanged): the outer call has the answer.
    if (m_validating)
        return canSendBatch(draft());
    m_validating = true;
    const BatchDraft d = draft();
    const QColor errorTint = feedback::tint(m_table->palette(), feedback::Tone::Error, 70);
    for (int row = 0; row < d.rows.size(); ++row) {
        const BatchRowProblems p = checkBatchRow(d.rows.at(row));
        const QString problems[ColCount] = {p.channel, p.event, p.data};
        for (int column = 0; column < ColCount; ++column) {
            QTableWidgetItem *item = m_table->item(row, column);
            if (!item) {
                item = new QTableWidgetItem;
                m_table->setItem(row, column, item);
            }
            const QString &problem = problems[column];
            item->setBackground(problem.isEmpty() ? QBrush() : QBrush(errorTint));
            item->setToolTip(problem.isEmpty() ? (d.rows.at(row).isSkipped() ? tr("Empty row: skipped") : QString())
                                               : problem);
        }
    }
    m_validating = false;

    // Errors in red block the send; what the server may refuse shows in amber and does not.
    const Status input = checkBatchInput(d);
    if (!input)
        feedback::show(m_error, input.error().message, feedback::Tone::Error);
    else
        feedback::show(m_error, batchWarnings(d).join(u'\n'), feedback::Tone::Warning);
    const Status allowed = canSendBatch(d);
    m_sendButton->setEnabled(allowed.ok());
    m_sendButton->setToolTip(allowed ? tr("Send %1 event(s) in one request (Ctrl+Enter)").arg(d.eventCount())
                                     : allowed.error().message);
    m_add->setEnabled(m_table->rowCount() < kMaxRows);
    m_remove->setEnabled(m_table->selectionModel() && m_table->selectionModel()->hasSelection());
    return allowed;
}

PublishRecord BatchForm::record() const
{
    PublishRecord r;
    r.kind = PublishRecord::Kind::Batch;
    r.plainString = m_plainString->isChecked();
    for (const BatchRowDraft &row : draft().rows)
        if (!row.isSkipped())
            r.batch.append({row.channel, row.event, row.data});
    return r;
}

void BatchForm::load(const PublishRecord &record)
{
    m_validating = true;
    m_table->setRowCount(0);
    m_validating = false;
    for (const PublishBatchRow &row : record.batch)
        addRow(row);
    if (m_table->rowCount() == 0)
        addRow();
    m_plainString->setChecked(record.plainString);
    validate();
}

void BatchForm::commitEdits()
{
    if (QWidget *focus = QApplication::focusWidget(); focus && focus != m_table && m_table->isAncestorOf(focus))
        m_table->setFocus();
}

}  // namespace cs::ui
