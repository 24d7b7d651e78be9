#include "jsonformat.h"

#include "protocol.h"
#include "strictjson.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>

namespace cs::ui {

namespace {

QString trPayload(const char *text) { return QCoreApplication::translate("cs::ui::Payload", text); }

bool isSpace(QChar c) { return c == u' ' || c == u'\t' || c == u'\n' || c == u'\r'; }

qsizetype skipSpace(QStringView t, qsizetype i)
{
    while (i < t.size() && isSpace(t[i]))
        ++i;
    return i;
}

// End (exclusive) of the string literal that starts at t[i] == '"', or -1 when unterminated.
qsizetype stringEnd(QStringView t, qsizetype i)
{
    for (++i; i < t.size(); ++i) {
        if (t[i] == u'\\')
            ++i;
        else if (t[i] == u'"')
            return i + 1;
    }
    return -1;
}

// End (exclusive) of the JSON value that starts at t[i], or -1.
qsizetype valueEnd(QStringView t, qsizetype i)
{
    if (i >= t.size())
        return -1;
    const QChar c = t[i];
    if (c == u'"')
        return stringEnd(t, i);
    if (c == u'{' || c == u'[') {
        int depth = 0;
        for (; i < t.size(); ++i) {
            const QChar d = t[i];
            if (d == u'"') {
                const qsizetype e = stringEnd(t, i);
                if (e < 0)
                    return -1;
                i = e - 1;
            } else if (d == u'{' || d == u'[') {
                ++depth;
            } else if (d == u'}' || d == u']') {
                if (--depth == 0)
                    return i + 1;
            }
        }
        return -1;
    }
    const qsizetype start = i;
    while (i < t.size() && !isSpace(t[i]) && t[i] != u',' && t[i] != u'}' && t[i] != u']')
        ++i;
    return i > start ? i : -1;
}

}  // namespace

bool isJsonValue(QStringView text)
{
    if (text.trimmed().isEmpty())
        return false;
    // Qt's acceptance: the Data tab shows what the log holds, it does not judge it.
    return json::parseValue(text.toUtf8(), json::Strictness::Qt).ok();
}

std::optional<QString> reindentJson(QStringView text, int indent, qsizetype maxChars)
{
    if (text.size() > maxChars || !isJsonValue(text))
        return std::nullopt;
    QString out;
    out.reserve(text.size() + text.size() / 2);
    int depth = 0;
    const auto newline = [&](int level) {
        out += u'\n';
        out += QString(qsizetype(qBound(0, level, kMaxIndentDepth)) * indent, u' ');
    };
    const qsizetype n = text.size();
    for (qsizetype i = 0; i < n; ++i) {
        if (out.size() > maxChars)
            return std::nullopt;
        const QChar c = text[i];
        switch (c.unicode()) {
        case u' ':
        case u'\t':
        case u'\n':
        case u'\r': break;
        case u'{':
        case u'[': {
            const qsizetype j = skipSpace(text, i + 1);
            const QChar close = c == u'{' ? u'}' : u']';
            if (j < n && text[j] == close) {  // an empty container stays on one line
                out += c;
                out += close;
                i = j;
                break;
            }
            out += c;
            newline(++depth);
            break;
        }
        case u'}':
        case u']':
            newline(--depth);
            out += c;
            break;
        case u',':
            out += c;
            newline(depth);
            break;
        case u':': out += QLatin1StringView(": "); break;
        case u'"': {
            const qsizetype e = stringEnd(text, i);
            if (e < 0)
                return std::nullopt;
            out += text.mid(i, e - i);
            i = e - 1;
            break;
        }
        default: out += c;
        }
    }
    return out;
}

std::optional<QStringView> jsonMemberText(QStringView t, QStringView key)
{
    qsizetype i = skipSpace(t, 0);
    if (i >= t.size() || t[i] != u'{')
        return std::nullopt;
    ++i;
    for (;;) {
        i = skipSpace(t, i);
        if (i >= t.size() || t[i] != u'"')
            return std::nullopt;
        const qsizetype keyEnd = stringEnd(t, i);
        if (keyEnd < 0)
            return std::nullopt;
        const QStringView name = t.mid(i + 1, keyEnd - i - 2);
        i = skipSpace(t, keyEnd);
        if (i >= t.size() || t[i] != u':')
            return std::nullopt;
        i = skipSpace(t, i + 1);
        const qsizetype end = valueEnd(t, i);
        if (end < 0)
            return std::nullopt;
        if (name == key)
            return t.mid(i, end - i);
        i = skipSpace(t, end);
        if (i >= t.size() || t[i] != u',')
            return std::nullopt;
        ++i;
    }
}

Payload entryPayload(const LogEntry &entry, bool pretty)
{
    Payload p;
    const auto setJson = [&](QStringView json, const QString &note) {
        p.form = Payload::Form::Json;
        p.note = note;
        p.text = json.toString();
        if (pretty) {
            if (auto indented = reindentJson(json))
                p.text = std::move(*indented);
            else
                p.note += trPayload(" (too large to indent: shown as sent)");
        }
    };
    const QString rawText = QString::fromUtf8(entry.raw);

    if (!entry.isFrame()) {
        const QString what = entry.direction == Direction::Local ? trPayload("details of a local entry")
                                                                 : trPayload("details of a REST call");
        if (rawText.isEmpty()) {
            p.note = trPayload("no details");
        } else if (isJsonValue(rawText)) {
            setJson(rawText, what);
        } else {
            p.form = Payload::Form::Text;
            p.text = rawText;
            p.note = what;
        }
        return p;
    }

    const Result<protocol::Frame> parsed = protocol::parseFrame(entry.raw);
    if (!parsed) {
        p.note = trPayload("not a Pusher message: %1 (see Raw)").arg(parsed.error().message);
        return p;
    }
    const protocol::Frame &frame = *parsed;
    switch (frame.encoding) {
    case protocol::DataEncoding::Absent: p.note = trPayload("the frame has no data"); break;
    case protocol::DataEncoding::JsonString:
        setJson(frame.dataString, trPayload("data was a JSON string; shown decoded"));
        break;
    case protocol::DataEncoding::PlainString:
        p.form = Payload::Form::Text;
        p.text = frame.dataString;
        p.note = trPayload("data is a plain string");
        break;
    case protocol::DataEncoding::Object:
    case protocol::DataEncoding::Other: {
        const QString note = frame.encoding == protocol::DataEncoding::Object
                                 ? trPayload("data was sent as JSON")
                                 : trPayload("data is a number, boolean or null");
        if (const auto member = jsonMemberText(rawText, u"data")) {
            setJson(*member, note);
        } else {
            // Not expected for a frame the codec accepted; fall back to Qt's serialisation.
            const QByteArray json = QJsonDocument(QJsonArray{frame.data}).toJson(QJsonDocument::Compact);
            setJson(QString::fromUtf8(json.mid(1, json.size() - 2)), note);
        }
        break;
    }
    }
    return p;
}

}  // namespace cs::ui
