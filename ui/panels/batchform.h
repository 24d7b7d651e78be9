#pragma once
// The REST batch form: up to 10 rows of channel, event and data in a table. Whether it may be
// sent is canSendBatch() (publishrules.h) over draft(); bad cells are tinted with the reason as
// their tooltip. The form asks for a send, the panel sends.

#include "publishhistory.h"
#include "publishrules.h"
#include "session.h"

#include <QPointer>
#include <QWidget>

class QCheckBox;
class QLabel;
class QPushButton;
class QTableWidget;

namespace cs::ui {

class BatchForm : public QWidget {
    Q_OBJECT
public:
    static constexpr int kMaxRows = kBatchEventLimit;

    explicit BatchForm(QWidget *parent = nullptr);

    void setSession(Session *session);  // null for none

    BatchDraft draft() const;
    // Marks bad cells, shows the first problem, enables Send from canSendBatch(), returns it.
    Status validate();
    PublishRecord record() const;  // empty rows left out
    void load(const PublishRecord &record);
    // A cell being edited holds text the table does not have yet: this commits it.
    void commitEdits();

Q_SIGNALS:
    void sendRequested();

private:
    void addRow(const PublishBatchRow &row = {});
    void removeSelectedRows();
    QString cellText(int row, int column) const;

    QPointer<Session> m_session;
    bool m_validating = false;  // cells changed by validate() itself are no edit
    QTableWidget *m_table = nullptr;
    QPushButton *m_add = nullptr;
    QPushButton *m_remove = nullptr;
    QCheckBox *m_plainString = nullptr;
    QLabel *m_error = nullptr;
    QPushButton *m_sendButton = nullptr;
};

}  // namespace cs::ui
