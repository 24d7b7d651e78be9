#pragma once
// A plain-text editor for JSON data with live validation: the first syntax error is underlined
// where it is, and its message ("Line 2, column 7: …") is available for a label under the editor.
// Any JSON value is accepted at the top level (objects, arrays, strings, numbers, true/false/null)
// unless an object is required. In plain-string mode nothing is validated. The check itself is
// core's (json::checkJson in core/json/jsoncheck.h); the editor only shows it.

#include "jsoncheck.h"

#include <QJsonValue>
#include <QPlainTextEdit>

class QLabel;

namespace cs::ui {

class JsonEditor : public QPlainTextEdit {
    Q_OBJECT
public:
    explicit JsonEditor(QWidget *parent = nullptr);

    // Plain-string mode: any text is valid and value() is the text as a JSON string.
    void setPlainStringMode(bool on);
    bool plainStringMode() const { return m_plainString; }
    // Empty text counts as valid (value() is then undefined); default false.
    void setAllowEmpty(bool allow);
    // Only a JSON object is valid (presence user info); default false.
    void setRequireObject(bool require);
    // Visible height in text lines (sets the maximum height); 0 = unlimited.
    void setVisibleLines(int lines);

    bool isValid() const { return m_check.ok(); }
    // The value, or Error{InvalidJson, message, detail = character index of the problem}.
    const Result<QJsonValue> &check() const { return m_check; }
    QString errorMessage() const { return m_check.ok() ? QString() : m_check.error().message; }
    // Character index of the problem; -1 when valid.
    int errorPosition() const { return m_check.ok() ? -1 : m_check.error().detail; }
    QJsonValue value() const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

Q_SIGNALS:
    // After every edit (and mode change) once the text has been checked.
    void validated(bool valid, const QString &message);
    // Ctrl+Enter inside the editor.
    void submitRequested();

protected:
    void keyPressEvent(QKeyEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void revalidate();
    void updateMarks();

    Result<QJsonValue> m_check{QJsonValue()};
    bool m_plainString = false;
    bool m_allowEmpty = false;
    bool m_requireObject = false;
    int m_visibleLines = 0;
};

}  // namespace cs::ui
