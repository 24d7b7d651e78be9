#include "publishanswerview.h"

#include "feedback.h"
#include "restclient.h"

#include <QFontDatabase>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QPlainTextEdit>
#include <QTextCursor>
#include <QVBoxLayout>

namespace cs::ui {

namespace {

QString prettyBody(const RestResponse &response)
{
    if (response.json.isObject())
        return QString::fromUtf8(QJsonDocument(response.json.toObject()).toJson(QJsonDocument::Indented)).trimmed();
    if (response.json.isArray())
        return QString::fromUtf8(QJsonDocument(response.json.toArray()).toJson(QJsonDocument::Indented)).trimmed();
    return QString::fromUtf8(response.body);
}

}  // namespace

PublishAnswerView::PublishAnswerView(QWidget *parent) : QGroupBox(tr("Server answer"), parent)
{
    setToolTip(tr("The answer to the last REST trigger or batch"));
    auto *layout = new QVBoxLayout(this);
    m_title = new QLabel(tr("Nothing sent yet"), this);
    m_title->setObjectName(QStringLiteral("triggerAnswerTitle"));
    m_title->setWordWrap(true);
    m_title->setTextFormat(Qt::PlainText);
    m_title->setToolTip(tr("The request the answer belongs to"));
    m_answer = new QPlainTextEdit(this);
    m_answer->setObjectName(QStringLiteral("triggerAnswer"));
    m_answer->setReadOnly(true);
    m_answer->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_answer->setToolTip(tr("Status, time and the answer's body (JSON pretty-printed); errors in red"));
    m_answer->setPlaceholderText(tr("The server's answer appears here"));
    layout->addWidget(m_title);
    layout->addWidget(m_answer, 1);
}

void PublishAnswerView::showPending(const QString &what)
{
    m_title->setText(what);
    m_answer->setProperty("ok", QVariant());
    m_answer->setPlainText(tr("Sending…"));
}

QString PublishAnswerView::showAnswer(const QString &what, const RestResponse &response)
{
    m_title->setText(tr("%1 · %2 %3").arg(what, response.method, response.path));
    const bool ok = response.ok();
    m_answer->clear();
    QTextCursor cursor(m_answer->document());
    QTextCharFormat statusFormat;
    statusFormat.setFontWeight(QFont::Bold);
    statusFormat.setForeground(
        feedback::color(m_answer->palette(), ok ? feedback::Tone::Success : feedback::Tone::Error));
    QString status;
    if (ok)
        status = tr("✓ %1 OK in %2 ms").arg(response.status).arg(response.durationMs);
    else if (response.status == 0 && response.durationMs == 0 && !response.networkError.isEmpty())
        status = tr("✗ Not sent: %1").arg(response.errorMessage());
    else
        status = tr("✗ %1 (after %2 ms)").arg(response.errorMessage()).arg(response.durationMs);
    cursor.insertText(status, statusFormat);
    const QString body = prettyBody(response);
    if (!body.isEmpty()) {
        QTextCharFormat bodyFormat;
        if (!ok)
            bodyFormat.setForeground(feedback::color(m_answer->palette(), feedback::Tone::Error));
        cursor.insertText(QStringLiteral("\n\n"), bodyFormat);
        cursor.insertText(body, bodyFormat);
    }
    m_answer->setProperty("ok", ok);
    return status;
}

}  // namespace cs::ui
