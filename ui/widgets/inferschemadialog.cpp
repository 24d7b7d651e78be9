#include "inferschemadialog.h"

#include "contractloader.h"
#include "jsoneditor.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFormLayout>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QVBoxLayout>

namespace cs::ui {

InferSchemaDialog::InferSchemaDialog(const QJsonObject &schema, const QString &event, const QString &folder,
                                     QWidget *parent)
    : QDialog(parent),
      m_editor(new JsonEditor(this)),
      m_fileName(new QLineEdit(contractFileName(event), this)),
      m_folderLabel(new QLabel(this)),
      m_message(new QLabel(this))
{
    setObjectName(QStringLiteral("inferSchemaDialog"));
    setWindowTitle(tr("Infer a schema from this payload"));
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("A first draft from one payload: every member it has is required, with the type it "
                                "has. Edit it to say what may vary, then save it as a contract."),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    m_editor->setObjectName(QStringLiteral("inferSchemaEditor"));
    m_editor->setRequireObject(true);
    m_editor->setPlainText(QString::fromUtf8(QJsonDocument(schema).toJson(QJsonDocument::Indented)));
    layout->addWidget(m_editor, 1);
    auto *form = new QFormLayout;
    m_fileName->setObjectName(QStringLiteral("inferSchemaFileName"));
    m_fileName->setToolTip(tr("The event name or pattern (order-*) followed by .schema.json"));
    form->addRow(tr("File name"), m_fileName);
    m_folderLabel->setTextFormat(Qt::PlainText);
    form->addRow(tr("Folder"), m_folderLabel);
    layout->addLayout(form);
    m_message->setObjectName(QStringLiteral("inferSchemaMessage"));
    m_message->setTextFormat(Qt::PlainText);
    m_message->setWordWrap(true);
    layout->addWidget(m_message);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Close, this);
    connect(buttons->button(QDialogButtonBox::Save), &QPushButton::clicked, this, &InferSchemaDialog::save);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    setFolder(folder);
    resize(560, 520);
}

QString InferSchemaDialog::schemaText() const { return m_editor->toPlainText(); }
QString InferSchemaDialog::fileName() const { return m_fileName->text().trimmed(); }
QString InferSchemaDialog::message() const { return m_message->text(); }

void InferSchemaDialog::setFolder(const QString &folder)
{
    m_folder = folder;
    m_folderLabel->setText(folder.isEmpty() ? tr("(none yet: Save asks for one)") : QDir::toNativeSeparators(folder));
}

QString InferSchemaDialog::saveInto(const QString &folder)
{
    const QString name = fileName();
    const QString glob = eventGlobOfFile(name);
    if (glob.isEmpty() || name.contains(u'/')) {
        m_message->setText(tr("The file name must be an event name or pattern followed by .schema.json."));
        return {};
    }
    const QByteArray text = schemaText().toUtf8();
    if (const auto contract = parseContract(glob, text); !contract) {
        m_message->setText(tr("Not saved: %1").arg(contract.error().message));
        return {};
    }
    const QString path = QDir(folder).filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(text) != text.size()) {
        m_message->setText(tr("Could not write %1: %2").arg(path, file.errorString()));
        return {};
    }
    m_message->setText(tr("Saved %1.").arg(QDir::toNativeSeparators(path)));
    Q_EMIT saved(path);
    return path;
}

void InferSchemaDialog::save()
{
    QString folder = m_folder;
    if (folder.isEmpty()) {
        folder = QFileDialog::getExistingDirectory(this, tr("Contracts folder"));
        if (folder.isEmpty())
            return;
        setFolder(folder);
    }
    if (QFile::exists(QDir(folder).filePath(fileName()))
        && QMessageBox::question(this, tr("Replace contract"), tr("%1 exists. Replace it?").arg(fileName()))
               != QMessageBox::Yes)
        return;
    saveInto(folder);
}

}  // namespace cs::ui
