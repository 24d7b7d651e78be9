#include "contractview.h"

#include "inferschemadialog.h"
#include "schemainfer.h"
#include "violationindex.h"

#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace cs::ui {

ContractView::ContractView(QWidget *parent)
    : QWidget(parent),
      m_summary(new QLabel(this)),
      m_list(new QTreeWidget(this)),
      m_infer(new QPushButton(tr("Infer a schema from this payload…"), this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    m_summary->setObjectName(QStringLiteral("contractSummary"));
    m_summary->setTextFormat(Qt::PlainText);
    m_summary->setWordWrap(true);
    layout->addWidget(m_summary);
    m_list->setObjectName(QStringLiteral("contractViolations"));
    m_list->setRootIsDecorated(false);
    m_list->setHeaderLabels({tr("Path"), tr("Reason"), tr("Contract")});
    m_list->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_list->header()->setSectionResizeMode(1, QHeaderView::Stretch);
    m_list->header()->setSectionResizeMode(2, QHeaderView::ResizeToContents);
    m_list->header()->setStretchLastSection(false);
    m_list->setToolTip(tr("Every place where the data breaks its contract, and why"));
    layout->addWidget(m_list, 1);
    m_infer->setObjectName(QStringLiteral("inferSchemaButton"));
    m_infer->setToolTip(tr("Propose a JSON Schema from this event's data, to edit and save as a contract"));
    connect(m_infer, &QPushButton::clicked, this, &ContractView::inferSchema);
    auto *bar = new QHBoxLayout;
    bar->addStretch(1);
    bar->addWidget(m_infer);
    layout->addLayout(bar);
    clear();
}

void ContractView::clear()
{
    m_entry.reset();
    m_violations.clear();
    m_list->clear();
    m_list->hide();
    m_summary->clear();
    m_infer->setEnabled(false);
}

void ContractView::showEntry(const LogEntry &entry, const ViolationIndex *index)
{
    clear();
    m_entry = entry;
    m_infer->setEnabled(true);
    const bool active = index && index->isActive();
    m_folder = index && index->contracts() ? index->contracts()->folder : QString();
    QStringList applying;
    if (active) {
        for (const Contract &c : index->contracts()->contracts()) {
            if (c.matches(entry.event, entry.channel))
                applying.append(c.name());
        }
        m_violations = index->violationsOf(entry);
    }
    if (!active)
        m_summary->setText(tr("No contracts are loaded. Pick a contracts folder in Log → Contracts…, or infer a "
                              "schema from this payload to start one."));
    else if (applying.isEmpty())
        m_summary->setText(tr("No contract applies to %1 on %2.").arg(entry.event, entry.channel));
    else if (m_violations.isEmpty())
        m_summary->setText(tr("Meets its contract (%1).").arg(applying.join(QStringLiteral(", "))));
    else
        m_summary->setText(tr("Violates its contract (%1): %n problem(s).", nullptr, int(m_violations.size()))
                               .arg(applying.join(QStringLiteral(", "))));
    for (const Violation &v : std::as_const(m_violations)) {
        auto *item = new QTreeWidgetItem(m_list, {v.path, v.message, v.contract});
        item->setToolTip(1, v.message);
    }
    m_list->setVisible(!m_violations.isEmpty());
}

QString ContractView::summary() const { return m_summary->text(); }

void ContractView::inferSchema()
{
    if (!m_entry)
        return;
    auto *dialog =
        new InferSchemaDialog(cs::inferSchema(m_entry->data(), m_entry->event), m_entry->event, m_folder, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

}  // namespace cs::ui
