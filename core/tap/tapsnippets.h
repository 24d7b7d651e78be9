#pragma once
// The lines a user copies to point a backend and a frontend at the taps, and the server's
// webhooks at the inbox. Never holds the secret: snippets read it from the environment.

#include <QString>

namespace cs::tap {

struct TapAddresses {
    QString host = QStringLiteral("127.0.0.1");
    quint16 restPort = 0;     // 0: the REST tap is not running
    quint16 wsPort = 0;       // 0: the WebSocket tap is not running
    quint16 webhookPort = 0;  // 0: the inbox is not running
    QString appId;
    QString key;
};

QString envSnippet(const TapAddresses &a);       // PUSHER_HOST=… PUSHER_PORT=… PUSHER_SCHEME=http
QString laravelSnippet(const TapAddresses &a);   // .env for Laravel broadcasting (pusher driver)
QString nodeSdkSnippet(const TapAddresses &a);   // new Pusher({ appId, key, secret, host, port, useTLS })
QString pusherJsSnippet(const TapAddresses &a);  // new Pusher(key, { wsHost, wsPort, forceTLS, enabledTransports })
QString webhookSnippet(const TapAddresses &a);   // the URL to give the server's webhook settings

}  // namespace cs::tap
