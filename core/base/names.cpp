#include "names.h"

#include <algorithm>
#include <vector>

namespace cs {

namespace {

const QString kServerToUserPrefix = QStringLiteral("#server-to-user-");

bool isAsciiDigit(QChar c) { return c.unicode() >= u'0' && c.unicode() <= u'9'; }

bool isAsciiAlnum(QChar c)
{
    const char16_t u = c.unicode();
    return isAsciiDigit(c) || (u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z');
}

// [A-Za-z0-9_\-=@,.;], the charset every SDK and soketi agree on.
bool isChannelNameChar(QChar c) { return isAsciiAlnum(c) || QStringView(u"_-=@,.;").contains(c); }

// "':' (U+003A)" or "U+000A" for characters that would not print on one line.
QString describeChar(const QString &s, qsizetype i)
{
    char32_t cp = s.at(i).unicode();
    if (s.at(i).isHighSurrogate() && i + 1 < s.size() && s.at(i + 1).isLowSurrogate())
        cp = QChar::surrogateToUcs4(s.at(i), s.at(i + 1));
    const QString code = QStringLiteral("U+%1").arg(uint(cp), 4, 16, QLatin1Char('0')).toUpper();
    if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0))
        return code;
    return QStringLiteral("'%1' (%2)").arg(QString::fromUcs4(&cp, 1), code);
}

Error channelError(const QString &message) { return Error{ErrorCode::InvalidChannelName, message}; }

Error eventError(const QString &message) { return Error{ErrorCode::InvalidEventName, message}; }

Error socketIdError(const QString &message) { return Error{ErrorCode::InvalidSocketId, message}; }

// Index of the first character outside the channel charset at or after `from`, or -1.
qsizetype firstBadChannelChar(const QString &name, qsizetype from)
{
    for (qsizetype i = from; i < name.size(); ++i) {
        if (!isChannelNameChar(name.at(i)))
            return i;
    }
    return -1;
}

}  // namespace

ChannelKind channelKindOf(const QString &name)
{
    // Longest prefix first: "private-encrypted-" is also "private-".
    struct Rule {
        QStringView prefix;
        ChannelType type;
    };
    static constexpr Rule rules[] = {
        {u"private-encrypted-", ChannelType::PrivateEncrypted},
        {u"private-", ChannelType::Private},
        {u"presence-", ChannelType::Presence},
    };
    if (name.startsWith(kServerToUserPrefix))
        return {ChannelType::ServerToUser, false};
    for (const Rule &rule : rules) {
        if (name.startsWith(rule.prefix))
            return {rule.type, QStringView(name).mid(rule.prefix.size()).startsWith(u"cache-")};
    }
    return {ChannelType::Public, name.startsWith(u"cache-")};
}

QString channelTypeName(ChannelType type)
{
    switch (type) {
    case ChannelType::Public: return QStringLiteral("public");
    case ChannelType::Private: return QStringLiteral("private");
    case ChannelType::Presence: return QStringLiteral("presence");
    case ChannelType::PrivateEncrypted: return QStringLiteral("private-encrypted");
    case ChannelType::ServerToUser: return QStringLiteral("server-to-user");
    }
    return QStringLiteral("unknown");
}

bool needsAuthorization(ChannelType type)
{
    return type == ChannelType::Private || type == ChannelType::Presence || type == ChannelType::PrivateEncrypted;
}

Status validateChannelName(const QString &name, bool allowInternal)
{
    if (name.isEmpty())
        return channelError(QStringLiteral("Channel name is empty"));
    if (name.size() > kChannelNameMaxLength)
        return channelError(QStringLiteral("Channel name is %1 characters long; the limit is %2")
                                .arg(name.size())
                                .arg(kChannelNameMaxLength));
    qsizetype start = 0;
    if (name.startsWith(u'#')) {
        if (!allowInternal)
            return channelError(QStringLiteral("Channel names starting with '#' are reserved for Pusher"));
        if (name.size() == 1)
            return channelError(QStringLiteral("Channel name '#' has nothing after the '#'"));
        start = 1;  // soketi's ^#?[-a-zA-Z0-9_=@,.;]+$
    }
    const qsizetype bad = firstBadChannelChar(name, start);
    if (bad >= 0)
        return channelError(
            QStringLiteral("Channel name has invalid character %1 at index %2; allowed: A-Z a-z 0-9 _ - = @ , . ;")
                .arg(describeChar(name, bad))
                .arg(bad));
    return {};
}

QString channelNameWarning(const QString &name)
{
    if (name.size() <= kChannelNameWarnLength || !validateChannelName(name, true))
        return {};
    return QStringLiteral("Channel name is %1 characters long; the documented limit is %2 (servers accept up to %3)")
        .arg(name.size())
        .arg(kChannelNameWarnLength)
        .arg(kChannelNameMaxLength);
}

Status validateEventName(const QString &name)
{
    if (name.isEmpty())
        return eventError(QStringLiteral("Event name is empty"));
    if (name.size() > kEventNameMaxLength)
        return eventError(QStringLiteral("Event name is %1 characters long; the limit is %2")
                              .arg(name.size())
                              .arg(kEventNameMaxLength));
    return {};
}

Status validateClientEventName(const QString &name)
{
    if (Status s = validateEventName(name); !s)
        return s;
    if (!name.startsWith(u"client-"))
        return eventError(QStringLiteral("Client event name '%1' must start with \"client-\"").arg(name));
    return {};
}

bool isValidSocketId(const QString &socketId) { return validateSocketId(socketId).ok(); }

// An explicit ASCII scan: a regex '$' would accept a trailing newline and \d or
// QChar::isDigit would accept non-ASCII digits, both of which open signature injection.
Status validateSocketId(const QString &socketId)
{
    if (socketId.isEmpty())
        return socketIdError(QStringLiteral("Socket id is empty; expected digits.digits like 123.456"));
    qsizetype dot = -1;
    for (qsizetype i = 0; i < socketId.size(); ++i) {
        const QChar c = socketId.at(i);
        if (isAsciiDigit(c))
            continue;
        if (c == u'.' && dot < 0) {
            dot = i;
            continue;
        }
        return socketIdError(
            QStringLiteral("Socket id has unexpected character %1 at index %2; expected digits.digits like 123.456")
                .arg(describeChar(socketId, i))
                .arg(i));
    }
    if (dot < 0)
        return socketIdError(
            QStringLiteral("Socket id '%1' has no '.'; expected digits.digits like 123.456").arg(socketId));
    if (dot == 0 || dot == socketId.size() - 1)
        return socketIdError(QStringLiteral("Socket id '%1' needs digits on both sides of the '.'").arg(socketId));
    return {};
}

int editDistance(QStringView a, QStringView b, Qt::CaseSensitivity cs)
{
    auto same = [cs](QChar x, QChar y) { return cs == Qt::CaseSensitive ? x == y : x.toLower() == y.toLower(); };
    std::vector<int> row(std::size_t(b.size()) + 1);
    for (std::size_t j = 0; j < row.size(); ++j)
        row[j] = int(j);
    for (qsizetype i = 1; i <= a.size(); ++i) {
        int diagonal = row[0];
        row[0] = int(i);
        for (qsizetype j = 1; j <= b.size(); ++j) {
            const int above = row[std::size_t(j)];
            const int cost = same(a[i - 1], b[j - 1]) ? 0 : 1;
            row[std::size_t(j)] = std::min({above + 1, row[std::size_t(j - 1)] + 1, diagonal + cost});
            diagonal = above;
        }
    }
    return row.back();
}

}  // namespace cs
