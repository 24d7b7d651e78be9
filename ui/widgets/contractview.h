#pragma once
// The details pane's Contract tab: whether the selected event meets the payload contract that
// applies to it (core/contracts), and if not every violation's path and reason, one per row.
// "Infer a schema from this payload…" proposes a contract from the event's data
// (InferSchemaDialog), to save into the contracts folder.

#include "contract.h"
#include "logentry.h"

#include <QWidget>

#include <optional>

class QLabel;
class QPushButton;
class QTreeWidget;

namespace cs {
class ViolationIndex;
}

namespace cs::ui {

class ContractView : public QWidget {
    Q_OBJECT
public:
    explicit ContractView(QWidget *parent = nullptr);

    // Checks `entry` against the index's contracts (none when null or inactive).
    void showEntry(const LogEntry &entry, const ViolationIndex *index);
    void clear();

    const QList<Violation> &violations() const { return m_violations; }
    QString summary() const;
    QTreeWidget *violationList() const { return m_list; }
    QPushButton *inferButton() const { return m_infer; }

public Q_SLOTS:
    // Opens the dialog with the schema inferred from the shown entry's data.
    void inferSchema();

private:
    QLabel *m_summary;
    QTreeWidget *m_list;
    QPushButton *m_infer;
    std::optional<LogEntry> m_entry;
    QList<Violation> m_violations;
    QString m_folder;  // where the loaded contracts came from; the dialog saves there
};

}  // namespace cs::ui
