#pragma once
// The publish history and the named templates in one list (templates first, marked ★), with
// Edit, Send again, Delete and "Save as template". Loading and sending are the panel's: the view
// hands the chosen record over.

#include "publishhistory.h"

#include <QGroupBox>

class QLineEdit;
class QListWidget;
class QListWidgetItem;
class QPushButton;

namespace cs::ui {

class PublishHistoryView : public QGroupBox {
    Q_OBJECT
public:
    // `history` outlives the view.
    explicit PublishHistoryView(PublishHistory *history, QWidget *parent = nullptr);

    // Redraws the list from the history, keeping the selection.
    void rebuild();
    // "Send again" needs a connection.
    void setCanSend(bool canSend);

Q_SIGNALS:
    // Edit (send false) or Send again (send true) of the selected entry.
    void loadRequested(const PublishRecord &record, bool send);
    // The current form is to be kept under `name`.
    void saveTemplateRequested(const QString &name);
    void statusMessage(const QString &message);

private:
    const PublishRecord *recordOf(const QListWidgetItem *item) const;
    void updateButtons();
    void loadSelected(bool send);
    void deleteSelected();
    void requestSaveTemplate();

    PublishHistory *m_history;
    bool m_canSend = false;
    QListWidget *m_list = nullptr;
    QLineEdit *m_templateName = nullptr;
    QPushButton *m_saveTemplate = nullptr;
    QPushButton *m_load = nullptr;
    QPushButton *m_resend = nullptr;
    QPushButton *m_delete = nullptr;
};

}  // namespace cs::ui
