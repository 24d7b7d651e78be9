#include "entryjson.h"

#include "canonicaljson.h"
#include "frame.h"
#include "logentry.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <array>
#include <cstring>

namespace cs {

namespace {

// Members are written with a leading comma; the line's first one becomes the opening brace.
template <std::size_t N>
void appendKey(QByteArray &out, const char (&key)[N])
{
    char member[N + 4];  // ,"key":
    member[0] = ',';
    member[1] = '"';
    std::memcpy(member + 2, key, N - 1);
    member[N + 1] = '"';
    member[N + 2] = ':';
    out.append(member, N + 3);
}

// Any value the way Qt writes it: for what the direct writer leaves to Qt.
void appendQtValue(QByteArray &out, const QJsonValue &value)
{
    if (value.isObject()) {
        out += QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact);
    } else if (value.isArray()) {
        out += QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact);
    } else {
        const QByteArray wrapped = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
        out.append(wrapped.constData() + 1, wrapped.size() - 2);  // without the array's brackets
    }
}

void appendUtf8(QByteArray &out, const QByteArray &utf8)
{
    if (!canonicaljson::appendUtf8String(out, utf8))
        canonicaljson::appendString(out, QString::fromUtf8(utf8));
}

char *writeTwo(char *w, int v)
{
    *w++ = char('0' + v / 10);
    *w++ = char('0' + v % 10);
    return w;
}

// QDateTime's ISODateWithMs in UTC ("2026-12-08T02:14:54.123Z"), without building one; years
// outside 1970..9999 are left to QDateTime.
void appendTime(QByteArray &out, qint64 ms)
{
    constexpr qint64 kMsPerDay = 86'400'000;
    constexpr qint64 kYear10000 = 253'402'300'800'000;
    if (ms < 0 || ms >= kYear10000) {
        canonicaljson::appendString(out, QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs));
        return;
    }
    // Days to a civil date (H. Hinnant's algorithm, proleptic Gregorian).
    const qint64 z = ms / kMsPerDay + 719'468;
    const qint64 era = z / 146'097;
    const qint64 doe = z - era * 146'097;
    const qint64 yoe = (doe - doe / 1460 + doe / 36'524 - doe / 146'096) / 365;
    const qint64 doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const qint64 mp = (5 * doy + 2) / 153;
    const int day = int(doy - (153 * mp + 2) / 5 + 1);
    const int month = int(mp < 10 ? mp + 3 : mp - 9);
    const int year = int(yoe + era * 400 + (month <= 2 ? 1 : 0));
    const qint64 inDay = ms % kMsPerDay;
    char text[32];
    char *w = text;
    *w++ = '"';
    w = writeTwo(w, year / 100);
    w = writeTwo(w, year % 100);
    *w++ = '-';
    w = writeTwo(w, month);
    *w++ = '-';
    w = writeTwo(w, day);
    *w++ = 'T';
    w = writeTwo(w, int(inDay / 3'600'000));
    *w++ = ':';
    w = writeTwo(w, int(inDay / 60'000 % 60));
    *w++ = ':';
    w = writeTwo(w, int(inDay / 1000 % 60));
    *w++ = '.';
    *w++ = char('0' + inDay % 1000 / 100);
    w = writeTwo(w, int(inDay % 100));
    *w++ = 'Z';
    *w++ = '"';
    out.append(text, w - text);
}

// A frame's decoded data (LogEntry::data()): a double-encoded string is decoded and its JSON
// copied in Qt's form; the rest, and whatever that cannot reproduce, is decoded by the codec.
void appendFrameData(QByteArray &out, const QByteArray &raw)
{
    const Result<protocol::Frame> frame = protocol::parseFrame(raw, protocol::DataDecoding::ProtocolOnly);
    if (!frame)
        return;
    if (!frame->dataDecoded) {
        thread_local QByteArray text;
        const qsizetype mark = out.size();
        appendKey(out, "data");
        if (canonicaljson::decodeString(frame->dataJson, &text) && canonicaljson::append(out, text))
            return;
        out.truncate(mark);
    }
    const QJsonValue data = protocol::decodedData(*frame);
    if (data.isUndefined())
        return;
    appendKey(out, "data");
    appendQtValue(out, data);
}

// A local entry's details (a JSON object or array in `raw`), as LogEntry::data() reads them.
void appendLocalData(QByteArray &out, const LogEntry &entry)
{
    const QByteArray &raw = entry.raw;
    const auto first =
        std::find_if(raw.cbegin(), raw.cend(), [](char c) { return c != ' ' && c != '\n' && c != '\r' && c != '\t'; });
    if (first != raw.cend() && (*first == '{' || *first == '[')) {
        const qsizetype mark = out.size();
        appendKey(out, "data");
        if (canonicaljson::append(out, raw))
            return;
        out.truncate(mark);
    }
    const QJsonValue data = entry.data();
    if (data.isUndefined())
        return;
    appendKey(out, "data");
    appendQtValue(out, data);
}

// The names of directions and kinds, quoted, made once.
template <typename Enum, int N>
const QByteArray &quotedName(Enum value, QString (*name)(Enum))
{
    static const auto names = [name] {
        std::array<QByteArray, N> quoted;
        for (int i = 0; i < N; ++i)
            canonicaljson::appendString(quoted[std::size_t(i)], name(Enum(i)));
        return quoted;
    }();
    static const QByteArray unknown = "\"\"";
    const auto i = std::size_t(value);
    return i < names.size() ? names[i] : unknown;
}

template <std::size_t N>
void appendStringMember(QByteArray &out, const char (&key)[N], const QString &value)
{
    if (value.isEmpty())
        return;
    appendKey(out, key);
    canonicaljson::appendString(out, value);
}

}  // namespace

void appendEntryJson(QByteArray &out, const LogEntry &entry, const EntryJsonExtras &extras)
{
    // toJson()'s members in QJsonObject's order: sorted by key.
    const qsizetype start = out.size();
    const bool frame = entry.isFrame();
    // Entries of the tap, the inbox and the watcher carry their source (and client, signature).
    const EntrySource source = entrySource(entry.kind, entry.connection);
    appendStringMember(out, "channel", entry.channel);
    if (source == EntrySource::Tap)
        appendStringMember(out, "client", entry.connection.mid(kTapConnectionPrefix.size()));
    appendKey(out, "connection");
    canonicaljson::appendString(out, entry.connection);
    if (extras.data) {
        if (!extras.data->isUndefined()) {
            appendKey(out, "data");
            appendQtValue(out, *extras.data);
        }
    } else if (frame) {
        appendFrameData(out, entry.raw);
    } else {
        appendLocalData(out, entry);
    }
    appendKey(out, "dir");
    out += quotedName<Direction, 3>(entry.direction, directionName);
    appendStringMember(out, "event", entry.event);
    appendKey(out, "kind");
    out += quotedName<EntryKind, kEntryKindCount>(entry.kind, entryKindName);
    if (frame) {
        appendKey(out, "raw");
        appendUtf8(out, entry.raw);
    } else {
        appendKey(out, "message");
        canonicaljson::appendString(out, entry.message);
    }
    appendKey(out, "seq");
    out += QByteArray::number(qint64(entry.seq));
    if (source != EntrySource::Console) {
        const QJsonValue data = entry.data();
        if (data.isObject() && data.toObject().contains(QLatin1StringView("signature"))) {
            appendKey(out, "signature");
            appendQtValue(out, data.toObject().value(QLatin1StringView("signature")));
        }
    }
    appendStringMember(out, "socket_id", entry.socketId);
    if (source != EntrySource::Console) {
        appendKey(out, "source");
        canonicaljson::appendString(out, entrySourceName(source));
    }
    appendKey(out, "time");
    appendTime(out, entry.timeMs);
    appendStringMember(out, "user_id", entry.userId);
    if (extras.violations && !extras.violations->isEmpty()) {
        appendKey(out, "violations");
        out += QJsonDocument(*extras.violations).toJson(QJsonDocument::Compact);
    }
    out[start] = '{';
    out += '}';
}

QByteArray entryJson(const LogEntry &entry)
{
    QByteArray line;
    appendEntryJson(line, entry);
    return line;
}

}  // namespace cs
