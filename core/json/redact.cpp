#include "redact.h"

#include "jsonscan.h"
#include "strictjson.h"

#include <QByteArrayList>
#include <QJsonArray>
#include <QJsonDocument>
#include <QUrl>
#include <QUrlQuery>

namespace cs {

namespace {

const QByteArray kBullets = QByteArrayLiteral("\xE2\x80\xA2\xE2\x80\xA2\xE2\x80\xA2\xE2\x80\xA2");  // "••••"
constexpr qsizetype kShownTail = 4;
constexpr qsizetype kShortValue = 8;

bool isCookieHeader(const QByteArray &lowerName) { return lowerName == "cookie" || lowerName == "set-cookie"; }

// "Bearer", "Basic", "Token", "Digest"…: a single word of letters before a space.
qsizetype schemeLength(const QByteArray &value)
{
    const qsizetype space = value.indexOf(' ');
    if (space <= 0)
        return 0;
    for (qsizetype i = 0; i < space; ++i) {
        const char c = value.at(i);
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '-'))
            return 0;
    }
    return space;
}

// How a body field's value is masked.
enum class FieldMask { None, Tail, Full };

FieldMask fieldMaskFor(const QString &name)
{
    QString lower = name.trimmed().toLower();
    lower.replace(u'-', u'_');
    if (lower.isEmpty())
        return FieldMask::None;
    // Key material: nothing of it is shown.
    static const char *const kFull[] = {"secret", "password", "passwd", "passphrase", "private_key", "master_key"};
    for (const char *part : kFull) {
        if (lower.contains(QLatin1String(part)))
            return FieldMask::Full;
    }
    // Bearer-like values: the last characters tell two of them apart.
    static const char *const kTail[] = {"token",  "session",    "cookie",        "csrf",   "xsrf", "api_key",
                                        "apikey", "access_key", "authorization", "bearer", "jwt",  "credential"};
    for (const char *part : kTail) {
        if (lower.contains(QLatin1String(part)))
            return FieldMask::Tail;
    }
    return FieldMask::None;
}

QByteArray maskWith(FieldMask mask, const QByteArray &value)
{
    if (value.startsWith(kBullets))
        return value;  // already masked
    return mask == FieldMask::Full ? kBullets : maskCredential(value);
}

QByteArray jsonStringToken(const QString &text)
{
    const QByteArray array = QJsonDocument(QJsonArray{text}).toJson(QJsonDocument::Compact);
    return array.mid(1, array.size() - 2);
}

// Copies one valid JSON text, masking the values under credential members. Only the masked
// values are rewritten; every other byte (order, spacing, escapes) is copied as it was. Tokens
// are found with the shared scanning primitives (jsonscan.h) on text Qt has already accepted.
class JsonBodyMasker {
public:
    explicit JsonBodyMasker(const QByteArray &in) : m_in(in) { m_out.reserve(in.size()); }

    QByteArray run()
    {
        value(FieldMask::None);
        copySpace();
        m_out += m_in.mid(m_pos);  // nothing is left after a valid value; kept for safety
        return m_out;
    }
    bool changed() const { return m_changed; }

private:
    char peek() const { return m_pos < m_in.size() ? m_in.at(m_pos) : '\0'; }

    const char *at(qsizetype pos) const { return m_in.constData() + pos; }
    const char *end() const { return m_in.constData() + m_in.size(); }

    void copySpace()
    {
        const qsizetype start = m_pos;
        m_pos = json::skipSpace(at(m_pos), end()) - m_in.constData();
        m_out += m_in.mid(start, m_pos - start);
    }

    // The raw text of the string token at m_pos, quotes included (the rest of the text when it
    // does not end, which valid JSON cannot do).
    QByteArray stringToken()
    {
        const qsizetype start = m_pos;
        bool escaped = false;
        const char *close = json::findStringEnd(at(m_pos), end(), &escaped);
        m_pos = close ? close + 1 - m_in.constData() : m_in.size();
        return m_in.mid(start, m_pos - start);
    }

    static QString decodeString(const QByteArray &token)
    {
        const Result<QJsonValue> value = json::parseValue(token, json::Strictness::Qt);
        return value ? value->toString() : QString();
    }

    void value(FieldMask mask)
    {
        copySpace();
        const char c = peek();
        if (c == '{')
            object(mask);
        else if (c == '[')
            array(mask);
        else if (c == '"')
            string(mask);
        else
            scalar(mask);
    }

    void object(FieldMask inherited)
    {
        m_out += m_in.at(m_pos++);  // {
        for (;;) {
            copySpace();
            if (peek() == '}' || peek() == '\0')
                break;
            const QByteArray keyToken = stringToken();
            m_out += keyToken;
            const FieldMask own = fieldMaskFor(decodeString(keyToken));
            copySpace();
            if (peek() == ':')
                m_out += m_in.at(m_pos++);
            value(own != FieldMask::None ? own : inherited);
            copySpace();
            if (peek() == ',')
                m_out += m_in.at(m_pos++);
        }
        if (peek() == '}')
            m_out += m_in.at(m_pos++);
    }

    void array(FieldMask mask)
    {
        m_out += m_in.at(m_pos++);  // [
        for (;;) {
            copySpace();
            if (peek() == ']' || peek() == '\0')
                break;
            value(mask);
            copySpace();
            if (peek() == ',')
                m_out += m_in.at(m_pos++);
        }
        if (peek() == ']')
            m_out += m_in.at(m_pos++);
    }

    void string(FieldMask mask)
    {
        const QByteArray token = stringToken();
        if (mask == FieldMask::None) {
            m_out += token;
            return;
        }
        const QByteArray plain = decodeString(token).toUtf8();
        const QByteArray masked = maskWith(mask, plain);
        m_changed = m_changed || masked != plain;
        m_out += masked == plain ? token : jsonStringToken(QString::fromUtf8(masked));
    }

    // Numbers, true, false, null: a number under a credential member (a PIN…) is masked too.
    void scalar(FieldMask mask)
    {
        const qsizetype start = m_pos;
        m_pos = json::bareTokenEnd(at(m_pos), end()) - m_in.constData();
        const QByteArray token = m_in.mid(start, m_pos - start);
        // Anything but the three literals counts as a number: Qt's parser also takes ".5" or "+1".
        const bool number = !token.isEmpty() && token != "true" && token != "false" && token != "null";
        if (mask != FieldMask::None && number) {
            m_out += jsonStringToken(QString::fromUtf8(maskWith(mask, token)));
            m_changed = true;
            return;
        }
        m_out += token;
    }

    const QByteArray &m_in;
    QByteArray m_out;
    qsizetype m_pos = 0;
    bool m_changed = false;
};

bool isJsonContainer(const QByteArray &body)
{
    const QByteArray trimmed = body.trimmed();
    if (!trimmed.startsWith('{') && !trimmed.startsWith('['))
        return false;
    // Qt's acceptance, not JSON.parse's: a body Qt reads as JSON must be masked as JSON.
    return json::parseDocument(trimmed, json::Strictness::Qt).ok();
}

// "k=v&k2=v2" with no whitespace: what a form-encoded body looks like.
bool looksFormEncoded(const QByteArray &body)
{
    if (body.isEmpty() || !body.contains('='))
        return false;
    for (const char c : body) {
        if (c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '<' || c == '{' || c == '"')
            return false;
    }
    return true;
}

QByteArray maskFormBody(const QByteArray &body)
{
    QByteArrayList parts = body.split('&');
    for (QByteArray &part : parts) {
        const qsizetype eq = part.indexOf('=');
        if (eq <= 0)
            continue;
        QByteArray name = part.left(eq);
        name.replace('+', ' ');
        const FieldMask mask = fieldMaskFor(QString::fromUtf8(QByteArray::fromPercentEncoding(name)));
        if (mask == FieldMask::None)
            continue;
        QByteArray value = part.mid(eq + 1);
        value.replace('+', ' ');
        const QByteArray plain = QByteArray::fromPercentEncoding(value);
        const QByteArray masked = maskWith(mask, plain);
        if (masked != plain)  // an already masked value keeps its spelling
            part = part.left(eq + 1) + masked;
    }
    return parts.join('&');
}

}  // namespace

bool isCredentialHeader(const QByteArray &name)
{
    const QByteArray lower = name.trimmed().toLower();
    if (lower.isEmpty())
        return false;
    static const char *const kExact[] = {"authorization", "proxy-authorization", "cookie",
                                         "set-cookie",    "x-csrf-token",        "x-xsrf-token"};
    for (const char *exact : kExact) {
        if (lower == exact)
            return true;
    }
    static const char *const kParts[] = {"token", "secret", "key", "auth", "session", "cookie", "password"};
    for (const char *part : kParts) {
        if (lower.contains(part))
            return true;
    }
    return false;
}

QByteArray maskCredential(const QByteArray &value)
{
    if (value.isEmpty() || value.startsWith(kBullets))
        return value;
    if (value.size() <= kShortValue)
        return kBullets;
    // Keep whole UTF-8 characters in the tail: step back to the lead byte of a character cut in
    // two (at most 3 continuation bytes). Bytes that are not UTF-8 keep the plain 4-byte tail;
    // stepping back over them without a limit would show all of the value.
    qsizetype start = value.size() - kShownTail;
    qsizetype lead = start;
    while (lead > start - 3 && (uchar(value.at(lead)) & 0xC0) == 0x80)
        --lead;
    if ((uchar(value.at(lead)) & 0xC0) == 0xC0)
        start = lead;
    return kBullets + value.mid(start);
}

QByteArray maskHeaderValue(const QByteArray &name, const QByteArray &value)
{
    if (!isCredentialHeader(name))
        return value;
    const QByteArray lower = name.trimmed().toLower();
    if (isCookieHeader(lower)) {
        QByteArrayList parts;
        for (const QByteArray &part : value.split(';')) {
            const QByteArray cookie = part.trimmed();
            const qsizetype eq = cookie.indexOf('=');
            if (eq < 0) {
                parts << maskCredential(cookie);
                continue;
            }
            parts << cookie.left(eq + 1) + maskCredential(cookie.mid(eq + 1));
        }
        return parts.join("; ");
    }
    // Trimmed first: in "s3cr3tWord " the word is the credential, not a scheme before nothing.
    const QByteArray trimmed = value.trimmed();
    const qsizetype scheme = schemeLength(trimmed);
    if (scheme > 0)
        return trimmed.left(scheme + 1) + maskCredential(trimmed.mid(scheme + 1).trimmed());
    return maskCredential(trimmed);
}

bool isCredentialField(const QString &name) { return fieldMaskFor(name) != FieldMask::None; }

QByteArray maskCredentialsInBody(const QByteArray &body)
{
    if (isJsonContainer(body)) {
        JsonBodyMasker masker(body);
        const QByteArray masked = masker.run();
        return masker.changed() ? masked : body;
    }
    if (looksFormEncoded(body))
        return maskFormBody(body);
    return body;
}

QString maskCredentialsInUrl(const QString &url)
{
    QUrl parsed(url);
    if (!parsed.isValid())
        return url;
    // Untouched URLs keep their exact text (a REST URL is logged as it was signed and sent).
    bool changed = !parsed.userInfo().isEmpty();
    parsed = parsed.adjusted(QUrl::RemoveUserInfo);
    QUrlQuery query(parsed);
    QList<QPair<QString, QString>> items = query.queryItems(QUrl::FullyDecoded);
    for (auto &[name, value] : items) {
        const FieldMask mask = fieldMaskFor(name);
        if (mask == FieldMask::None)
            continue;
        const QString masked = QString::fromUtf8(maskWith(mask, value.toUtf8()));
        changed = changed || masked != value;
        value = masked;
    }
    if (!changed)
        return url;
    query.setQueryItems(items);
    parsed.setQuery(query);
    return parsed.toString();
}

QJsonObject redactDetails(const QJsonObject &details)
{
    QJsonObject out = details;
    const QJsonValue headers = details.value(QLatin1StringView("headers"));
    if (headers.isObject()) {
        QJsonObject masked = headers.toObject();
        for (auto it = masked.begin(); it != masked.end(); ++it) {
            if (it.value().isString())
                it.value() = QString::fromUtf8(maskHeaderValue(it.key().toUtf8(), it.value().toString().toUtf8()));
        }
        out.insert(QLatin1StringView("headers"), masked);
    }
    const QJsonValue body = details.value(QLatin1StringView("body"));
    if (body.isString())
        out.insert(QLatin1StringView("body"), QString::fromUtf8(maskCredentialsInBody(body.toString().toUtf8())));
    const QJsonValue url = details.value(QLatin1StringView("url"));
    if (url.isString())
        out.insert(QLatin1StringView("url"), maskCredentialsInUrl(url.toString()));
    return out;
}

}  // namespace cs
