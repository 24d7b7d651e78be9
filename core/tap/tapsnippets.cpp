#include "tapsnippets.h"

namespace cs::tap {

QString envSnippet(const TapAddresses &a)
{
    return QStringLiteral("PUSHER_HOST=%1\nPUSHER_PORT=%2\nPUSHER_SCHEME=http\n").arg(a.host).arg(a.restPort);
}

QString laravelSnippet(const TapAddresses &a)
{
    return QStringLiteral("BROADCAST_DRIVER=pusher\nPUSHER_APP_ID=%1\nPUSHER_APP_KEY=%2\nPUSHER_HOST=%3\n"
                          "PUSHER_PORT=%4\nPUSHER_SCHEME=http\n"
                          "VITE_PUSHER_HOST=%3\nVITE_PUSHER_PORT=%5\nVITE_PUSHER_SCHEME=http\n")
        .arg(a.appId, a.key, a.host)
        .arg(a.restPort)
        .arg(a.wsPort);
}

QString nodeSdkSnippet(const TapAddresses &a)
{
    return QStringLiteral("const pusher = new Pusher({\n  appId: '%1',\n  key: '%2',\n"
                          "  secret: process.env.PUSHER_APP_SECRET,\n  host: '%3',\n  port: '%4',\n"
                          "  useTLS: false,\n});\n")
        .arg(a.appId, a.key, a.host)
        .arg(a.restPort);
}

QString pusherJsSnippet(const TapAddresses &a)
{
    return QStringLiteral("const pusher = new Pusher('%1', {\n  cluster: 'mt1',\n  wsHost: '%2',\n  wsPort: %3,\n"
                          "  forceTLS: false,\n  enabledTransports: ['ws'],\n});\n"
                          "// Laravel Echo: new Echo({ broadcaster: 'pusher', key: '%1', wsHost: '%2', wsPort: %3,\n"
                          "//   forceTLS: false, enabledTransports: ['ws'] })\n")
        .arg(a.key, a.host)
        .arg(a.wsPort);
}

QString webhookSnippet(const TapAddresses &a)
{
    return QStringLiteral("http://%1:%2/webhooks\n").arg(a.host).arg(a.webhookPort);
}

}  // namespace cs::tap
