#include "listenhint.h"

#include "names.h"

#include <QStringList>

namespace cs::ui {

namespace {

// Echo's default event namespace (its `namespace` option, 'App.Events'), as PHP spells it.
const QString kEchoNamespace = QStringLiteral("App\\Events\\");

bool needsUnicodeEscape(QChar c)
{
    // Controls, DEL and C1, format characters (bidi overrides could reorder the shown code) and
    // the separators that end a JavaScript line.
    switch (c.category()) {
    case QChar::Other_Control:
    case QChar::Other_Format:
    case QChar::Separator_Line:
    case QChar::Separator_Paragraph:
    case QChar::Other_Surrogate: return true;
    default: return false;
    }
}

QString channelPrefix(ChannelType type)
{
    switch (type) {
    case ChannelType::Private: return QStringLiteral("private-");
    case ChannelType::Presence: return QStringLiteral("presence-");
    case ChannelType::PrivateEncrypted: return QStringLiteral("private-encrypted-");
    case ChannelType::Public:
    case ChannelType::ServerToUser: break;
    }
    return {};
}

const QString kCallback = QStringLiteral("(data) => { \u2026 }");

}  // namespace

QString jsStringLiteral(const QString &text)
{
    QString out = QStringLiteral("'");
    out.reserve(text.size() + 2);
    for (const QChar c : text) {
        switch (c.unicode()) {
        case u'\\': out += QStringLiteral("\\\\"); continue;
        case u'\'': out += QStringLiteral("\\'"); continue;
        case u'\n': out += QStringLiteral("\\n"); continue;
        case u'\r': out += QStringLiteral("\\r"); continue;
        case u'\t': out += QStringLiteral("\\t"); continue;
        default: break;
        }
        if (needsUnicodeEscape(c))
            out += QStringLiteral("\\u%1").arg(int(c.unicode()), 4, 16, QLatin1Char('0'));
        else
            out += c;
    }
    return out + QLatin1Char('\'');
}

QString echoListenName(const QString &event)
{
    // Echo's EventFormatter: a name starting with '.' or '\' is taken verbatim (minus that
    // character); any other gets 'App.Events.' in front and every '.' turned into '\'. So only a
    // class under App\Events without dots or empty segments has the short form.
    if (event.startsWith(kEchoNamespace)) {
        const QString rest = event.mid(kEchoNamespace.size());
        if (!rest.isEmpty() && !rest.contains(QLatin1Char('.')) && !rest.startsWith(QLatin1Char('\\'))
            && !rest.endsWith(QLatin1Char('\\')) && !rest.contains(QStringLiteral("\\\\"))) {
            QString dotted = rest;
            return dotted.replace(QLatin1Char('\\'), QLatin1Char('.'));
        }
    }
    return QLatin1Char('.') + event;
}

QString echoChannelCall(const QString &channel)
{
    const ChannelKind kind = channelKindOf(channel);
    const QString name = channel.mid(channelPrefix(kind.type).size());
    switch (kind.type) {
    case ChannelType::Public: return QStringLiteral("Echo.channel(%1)").arg(jsStringLiteral(name));
    case ChannelType::Private: return QStringLiteral("Echo.private(%1)").arg(jsStringLiteral(name));
    case ChannelType::Presence: return QStringLiteral("Echo.join(%1)").arg(jsStringLiteral(name));
    case ChannelType::PrivateEncrypted: return QStringLiteral("Echo.encryptedPrivate(%1)").arg(jsStringLiteral(name));
    case ChannelType::ServerToUser: break;
    }
    return {};
}

QString listenHint(const QString &channel, const QString &event)
{
    if (channel.isEmpty() || event.isEmpty() || event.startsWith(QLatin1String("pusher:"))
        || event.startsWith(QLatin1String("pusher_internal:")))
        return {};
    const QString quotedEvent = jsStringLiteral(event);
    QStringList lines{QStringLiteral("pusher-js")};
    const QString echoCall = echoChannelCall(channel);
    if (echoCall.isEmpty()) {
        // The user channel is joined by signing in, not by subscribing.
        lines << QStringLiteral("  pusher.user.bind(%1, %2);").arg(quotedEvent, kCallback) << QString()
              << QStringLiteral("Laravel Echo")
              << QStringLiteral("  Echo has no call for the user channel; bind through its Pusher instance:")
              << QStringLiteral("  Echo.connector.pusher.user.bind(%1, %2);").arg(quotedEvent, kCallback);
        return lines.join(QLatin1Char('\n'));
    }
    lines << QStringLiteral("  pusher.subscribe(%1)").arg(jsStringLiteral(channel))
          << QStringLiteral("    .bind(%1, %2);").arg(quotedEvent, kCallback) << QString()
          << QStringLiteral("Laravel Echo") << QStringLiteral("  ") + echoCall;
    const QString clientPrefix = QStringLiteral("client-");
    if (event.startsWith(clientPrefix) && event.size() > clientPrefix.size()) {
        const QString whisper = event.mid(clientPrefix.size());
        lines << QStringLiteral("    .listenForWhisper(%1, %2);").arg(jsStringLiteral(whisper), kCallback)
              << QStringLiteral("  Echo adds the client- prefix itself: whisper(%1) sends %2.")
                     .arg(jsStringLiteral(whisper), quotedEvent);
        return lines.join(QLatin1Char('\n'));
    }
    const QString listenName = echoListenName(event);
    lines << QStringLiteral("    .listen(%1, %2);").arg(jsStringLiteral(listenName), kCallback);
    if (listenName.startsWith(QLatin1Char('.')))
        lines << QStringLiteral("  The leading dot stops Echo from prepending its namespace (App\\Events by default):")
              << QStringLiteral("  the event was broadcast under this exact name (broadcastAs).");
    else
        lines << QStringLiteral(
            "  Echo prepends its namespace (App\\Events by default) and turns dots into backslashes.");
    return lines.join(QLatin1Char('\n'));
}

}  // namespace cs::ui
