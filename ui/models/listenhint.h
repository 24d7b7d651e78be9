#pragma once
// "Listen for it": how client code would have to be written to receive an event that was seen on
// the wire, with pusher-js and with Laravel Echo. Pure text building; the details pane shows it.
//
// The trap it answers: Echo's listen('OrderShipped') prepends its namespace (App\Events by
// default) and turns dots into backslashes, so an event broadcast under its own name
// (broadcastAs, e.g. "order.updated") is only caught as listen('.order.updated').
// https://laravel.com/docs/broadcasting#namespaces

#include <QString>

namespace cs::ui {

// `text` as a JavaScript single-quoted string literal, quotes included: backslash, quote and
// every control or line-separator character escaped, so that a hostile name stays one literal.
QString jsStringLiteral(const QString &text);

// What Echo's listen() must be given (unquoted) to receive `event` with the default namespace:
// "App\Events\OrderShipped" → "OrderShipped", "App\Events\Orders\Shipped" → "Orders.Shipped",
// anything else → "." + event.
QString echoListenName(const QString &event);

// The Echo call that joins `channel`: Echo.channel('orders'), Echo.private('orders') for
// private-orders, Echo.encryptedPrivate('x') for private-encrypted-x, Echo.join('room') for
// presence-room. Empty for a channel Echo has no call for (#server-to-user-…).
QString echoChannelCall(const QString &channel);

// The whole hint for `event` on `channel`, a few lines of plain text: pusher-js first, then Echo
// (listenForWhisper for a client event). Empty when there is nothing a listener could bind: no
// channel or event, or a protocol event (pusher:…, pusher_internal:…).
QString listenHint(const QString &channel, const QString &event);

}  // namespace cs::ui
