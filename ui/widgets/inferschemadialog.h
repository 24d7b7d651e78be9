#pragma once
// "Infer a schema from this payload": the proposed draft-7 schema (core/contracts/schemainfer.h)
// in an editor, saved as <event>.schema.json into the contracts folder (the loaded one, or one
// the user picks). Saving refuses text that is not a valid schema, with the reason.

#include <QDialog>
#include <QJsonObject>

class QLabel;
class QLineEdit;

namespace cs::ui {

class JsonEditor;

class InferSchemaDialog : public QDialog {
    Q_OBJECT
public:
    InferSchemaDialog(const QJsonObject &schema, const QString &event, const QString &folder,
                      QWidget *parent = nullptr);

    QString schemaText() const;
    QString fileName() const;
    QString folder() const { return m_folder; }
    void setFolder(const QString &folder);
    // Writes the schema into `folder`; the written path, or an empty string and the reason in
    // the dialog's message line.
    QString saveInto(const QString &folder);
    QString message() const;

Q_SIGNALS:
    void saved(const QString &path);

private:
    void save();

    JsonEditor *m_editor;
    QLineEdit *m_fileName;
    QLabel *m_folderLabel;
    QLabel *m_message;
    QString m_folder;
};

}  // namespace cs::ui
