#pragma once
// Log → Contracts…: the current profile's contracts folder (pick, clear, reload) and what
// loaded from it: each contract's event pattern, channel pattern and file, and each file that
// did not load with the reason.

#include <QDialog>

class QLabel;
class QLineEdit;
class QTreeWidget;

namespace cs::ui {

class ContractsManager;

class ContractsDialog : public QDialog {
    Q_OBJECT
public:
    ContractsDialog(ContractsManager *manager, QWidget *parent = nullptr);

    QTreeWidget *list() const { return m_list; }
    QString status() const;

private:
    void refresh();
    void choose();
    void apply(const QString &folder);

    ContractsManager *m_manager;
    QLineEdit *m_folder;
    QLabel *m_status;
    QTreeWidget *m_list;
};

}  // namespace cs::ui
