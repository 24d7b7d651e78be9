#include "contractsdialog.h"

#include "contractsmanager.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace cs::ui {

ContractsDialog::ContractsDialog(ContractsManager *manager, QWidget *parent)
    : QDialog(parent),
      m_manager(manager),
      m_folder(new QLineEdit(this)),
      m_status(new QLabel(this)),
      m_list(new QTreeWidget(this))
{
    setObjectName(QStringLiteral("contractsDialog"));
    setWindowTitle(tr("Payload contracts"));
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("Every channel or client event whose name matches a contract is checked against its "
                                "JSON Schema (draft 7). One file per contract: <event name or pattern>.schema.json, "
                                "e.g. order-*.schema.json; \"x-channel\": \"private-orders-*\" in a schema limits it "
                                "to those channels. Filter the log with violates:any."),
                             this);
    intro->setTextFormat(Qt::PlainText);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    auto *row = new QHBoxLayout;
    m_folder->setObjectName(QStringLiteral("contractsFolder"));
    m_folder->setReadOnly(true);
    m_folder->setPlaceholderText(tr("No contracts folder for this profile"));
    row->addWidget(m_folder, 1);
    auto *choose = new QPushButton(tr("Choose…"), this);
    connect(choose, &QPushButton::clicked, this, &ContractsDialog::choose);
    row->addWidget(choose);
    auto *clear = new QPushButton(tr("Turn off"), this);
    clear->setToolTip(tr("Check no contracts with this profile"));
    connect(clear, &QPushButton::clicked, this, [this] { apply({}); });
    row->addWidget(clear);
    auto *reload = new QPushButton(tr("Reload"), this);
    connect(reload, &QPushButton::clicked, m_manager, &ContractsManager::reload);
    row->addWidget(reload);
    layout->addLayout(row);

    m_status->setObjectName(QStringLiteral("contractsStatus"));
    m_status->setTextFormat(Qt::PlainText);
    m_status->setWordWrap(true);
    layout->addWidget(m_status);
    m_list->setObjectName(QStringLiteral("contractsList"));
    m_list->setRootIsDecorated(false);
    m_list->setHeaderLabels({tr("Event"), tr("Channel"), tr("File"), tr("Problem")});
    m_list->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_list->header()->setStretchLastSection(true);
    layout->addWidget(m_list, 1);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    connect(m_manager, &ContractsManager::reloaded, this, &ContractsDialog::refresh);
    refresh();
    resize(720, 420);
}

QString ContractsDialog::status() const { return m_status->text(); }

void ContractsDialog::refresh()
{
    m_folder->setText(QDir::toNativeSeparators(m_manager->folder()));
    m_list->clear();
    const auto set = m_manager->contracts();
    if (!m_manager->loadError().isEmpty()) {
        m_status->setText(m_manager->loadError());
        return;
    }
    if (!set) {
        m_status->setText(tr("Contracts are off for this profile."));
        return;
    }
    for (const Contract &c : set->contracts()) {
        new QTreeWidgetItem(m_list, {c.eventGlob(), c.channelGlob().isEmpty() ? tr("any") : c.channelGlob(),
                                     QFileInfo(c.sourceFile()).fileName(), QString()});
    }
    const QColor bad = palette().color(QPalette::Active, QPalette::Text).lightness() > 128 ? QColor(0xff, 0x8a, 0x80)
                                                                                           : QColor(0xb3, 0x26, 0x1e);
    for (const ContractProblem &p : set->problems()) {
        auto *item = new QTreeWidgetItem(m_list, {QString(), QString(), QFileInfo(p.file).fileName(), p.error.message});
        item->setForeground(3, bad);
        item->setToolTip(3, p.error.message);
    }
    m_status->setText(tr("%n contract(s) loaded", nullptr, int(set->contracts().size()))
                      + (set->problems().isEmpty()
                             ? QString()
                             : tr(", %n file(s) with problems", nullptr, int(set->problems().size()))));
}

void ContractsDialog::choose()
{
    const QString folder = QFileDialog::getExistingDirectory(this, tr("Contracts folder"), m_manager->folder());
    if (!folder.isEmpty())
        apply(folder);
}

void ContractsDialog::apply(const QString &folder)
{
    QString why;
    if (!m_manager->setFolder(folder, &why))
        m_status->setText(why);
}

}  // namespace cs::ui
