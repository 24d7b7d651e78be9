#include "loglimitsdialog.h"

#include <QDialog>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QSpinBox>

namespace cs::ui {

std::optional<LogLimits> askLogLimits(QWidget *parent, const LogLimits &current, const LogLimits &min,
                                      const LogLimits &max)
{
    constexpr int kMiB = 20;
    QDialog dialog(parent);
    dialog.setWindowTitle(QDialog::tr("Log size limit"));
    auto *layout = new QFormLayout(&dialog);
    auto *intro =
        new QLabel(QDialog::tr("The log keeps the newest entries within both limits; the oldest go first."), &dialog);
    intro->setTextFormat(Qt::PlainText);
    intro->setWordWrap(true);
    layout->addRow(intro);

    auto *entries = new QSpinBox(&dialog);
    entries->setObjectName(QStringLiteral("logCapEntries"));
    entries->setRange(int(min.entries), int(qMin<qsizetype>(max.entries, std::numeric_limits<int>::max())));
    entries->setSingleStep(100'000);
    entries->setGroupSeparatorShown(true);
    entries->setValue(int(current.entries));
    layout->addRow(QDialog::tr("Entries, at most:"), entries);

    auto *mebibytes = new QSpinBox(&dialog);
    mebibytes->setObjectName(QStringLiteral("logCapBytes"));
    mebibytes->setRange(int(min.bytes >> kMiB), int(max.bytes >> kMiB));
    mebibytes->setSingleStep(128);
    mebibytes->setGroupSeparatorShown(true);
    mebibytes->setSuffix(QDialog::tr(" MiB"));
    mebibytes->setValue(int(current.bytes >> kMiB));
    mebibytes->setToolTip(QDialog::tr("What the kept entries may cost in memory: their bytes plus 32 bytes each"));
    layout->addRow(QDialog::tr("Memory, at most:"), mebibytes);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    QObject::connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    QObject::connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    layout->addRow(buttons);
    if (dialog.exec() != QDialog::Accepted)
        return std::nullopt;
    return LogLimits{entries->value(), qint64(mebibytes->value()) << kMiB};
}

}  // namespace cs::ui
