#pragma once
// The server's answer to the last REST trigger or batch: which request, status and time, and the
// body pretty-printed; errors in red.

#include <QGroupBox>

class QLabel;
class QPlainTextEdit;

namespace cs {
struct RestResponse;
}

namespace cs::ui {

class PublishAnswerView : public QGroupBox {
    Q_OBJECT
public:
    explicit PublishAnswerView(QWidget *parent = nullptr);

    void showPending(const QString &what);
    // Returns the status line ("✓ 200 OK in 12 ms", "✗ …") for the status bar.
    QString showAnswer(const QString &what, const RestResponse &response);

private:
    QLabel *m_title = nullptr;
    QPlainTextEdit *m_answer = nullptr;
};

}  // namespace cs::ui
