#include "logsummary.h"

#include "protocol.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace cs::logsummary {

namespace {

constexpr int kSummaryLimit = 200;
constexpr int kToolTipLimit = 1000;

QString jsonText(const QJsonValue &value, bool indented)
{
    const auto format = indented ? QJsonDocument::Indented : QJsonDocument::Compact;
    switch (value.type()) {
    case QJsonValue::Undefined: return {};
    case QJsonValue::String: return value.toString();
    case QJsonValue::Object: return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(format)).trimmed();
    case QJsonValue::Array: return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(format)).trimmed();
    default: {  // a number, bool or null: the array's text without its brackets
        const QByteArray text = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
        return QString::fromUtf8(text.mid(1, text.size() - 2));
    }
    }
}

// Cuts `text` to at most `limit` characters, the last being an ellipsis when anything was cut,
// and never between the two halves of a surrogate pair.
QString truncated(QString text, int limit)
{
    if (text.size() <= limit)
        return text;
    qsizetype keep = limit - 1;
    if (keep > 0 && text[keep - 1].isHighSurrogate())
        --keep;
    text.truncate(keep);
    text += QChar(0x2026);
    return text;
}

// One line: control characters and line separators become spaces.
QString singleLine(const QString &text, int limit)
{
    QString line = text.left(limit + 1);
    for (QChar &c : line) {
        if (c.unicode() < 0x20 || c.unicode() == 0x7f || c.unicode() == 0x2028 || c.unicode() == 0x2029)
            c = u' ';
    }
    return truncated(line, limit);
}

// What the Summary column describes: a text (message, undecodable frame) or the decoded data.
struct SummarySource {
    QString text;
    QJsonValue value{QJsonValue::Undefined};
};

SummarySource summarySource(const LogEntry &entry)
{
    SummarySource source;
    if (!entry.isFrame()) {
        source.text = entry.message;
        source.value = entry.data();
        return source;
    }
    const Result<protocol::Frame> frame = protocol::parseFrame(entry.raw);
    if (frame)
        source.value = frame->data;
    else
        source.text = QString::fromUtf8(entry.raw);  // show what came, whatever it is
    return source;
}

}  // namespace

QString summarize(const LogEntry &entry)
{
    const SummarySource source = summarySource(entry);
    const QString text = source.text.isEmpty() ? jsonText(source.value, false) : source.text;
    return singleLine(text, kSummaryLimit);
}

QString toolTip(const LogEntry &entry)
{
    const SummarySource source = summarySource(entry);
    QString text = source.text;
    const QString details = jsonText(source.value, true);
    if (!details.isEmpty())
        text = text.isEmpty() ? details : text + u'\n' + details;
    return truncated(text, kToolTipLimit);
}

}  // namespace cs::logsummary
