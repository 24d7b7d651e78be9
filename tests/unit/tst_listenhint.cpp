// The details pane's "Listen for it" hint: the pusher-js and Laravel Echo code that would catch
// an event seen on the wire. Echo's rules (laravel-echo's EventFormatter, default namespace
// App.Events; https://laravel.com/docs/broadcasting#namespaces): a name with a leading '.' is
// taken verbatim, any other gets the namespace and has its dots turned into backslashes.

#include "listenhint.h"

#include <QTest>

using namespace cs::ui;

class TstListenHint : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void echoListenName_data();
    void echoListenName();
    void echoChannelCall_data();
    void echoChannelCall();
    void jsStringLiteral_data();
    void jsStringLiteral();
    void hint_data();
    void hint();
    void noHint_data();
    void noHint();
};

// What Echo's EventFormatter makes of a listen() argument with the default namespace; the test
// checks that echoListenName() is its inverse, not just a fixed table.
static QString echoFormat(const QString &listened)
{
    if (listened.startsWith(QLatin1Char('.')) || listened.startsWith(QLatin1Char('\\')))
        return listened.mid(1);
    QString event = QStringLiteral("App.Events.") + listened;
    return event.replace(QLatin1Char('.'), QLatin1Char('\\'));
}

void TstListenHint::echoListenName_data()
{
    QTest::addColumn<QString>("event");
    QTest::addColumn<QString>("listen");
    QTest::newRow("dotted broadcastAs") << "order.updated"
                                        << ".order.updated";
    QTest::newRow("plain broadcastAs") << "OrderUpdated"
                                       << ".OrderUpdated";
    QTest::newRow("kebab") << "order-updated"
                           << ".order-updated";
    QTest::newRow("class in App\\Events") << "App\\Events\\OrderShipped"
                                          << "OrderShipped";
    QTest::newRow("nested class") << "App\\Events\\Orders\\Shipped"
                                  << "Orders.Shipped";
    QTest::newRow("other namespace") << "Domain\\Orders\\Shipped"
                                     << ".Domain\\Orders\\Shipped";
    QTest::newRow("namespace only") << "App\\Events\\"
                                    << ".App\\Events\\";
    QTest::newRow("dot after namespace") << "App\\Events\\order.updated"
                                         << ".App\\Events\\order.updated";
    QTest::newRow("empty segment") << "App\\Events\\\\Shipped"
                                   << ".App\\Events\\\\Shipped";
    QTest::newRow("trailing backslash") << "App\\Events\\Shipped\\"
                                        << ".App\\Events\\Shipped\\";
    QTest::newRow("lowercase app") << "app\\events\\Shipped"
                                   << ".app\\events\\Shipped";
    QTest::newRow("leading dot") << ".odd"
                                 << "..odd";
}

void TstListenHint::echoListenName()
{
    QFETCH(QString, event);
    QFETCH(QString, listen);
    QCOMPARE(cs::ui::echoListenName(event), listen);
    QCOMPARE(echoFormat(listen), event);
}

void TstListenHint::echoChannelCall_data()
{
    QTest::addColumn<QString>("channel");
    QTest::addColumn<QString>("call");
    QTest::newRow("public") << "orders"
                            << "Echo.channel('orders')";
    QTest::newRow("public cache") << "cache-orders"
                                  << "Echo.channel('cache-orders')";
    QTest::newRow("private") << "private-orders"
                             << "Echo.private('orders')";
    QTest::newRow("private dotted") << "private-orders.7"
                                    << "Echo.private('orders.7')";
    QTest::newRow("private cache") << "private-cache-orders"
                                   << "Echo.private('cache-orders')";
    QTest::newRow("presence") << "presence-room"
                              << "Echo.join('room')";
    QTest::newRow("encrypted") << "private-encrypted-vault"
                               << "Echo.encryptedPrivate('vault')";
    QTest::newRow("user channel") << "#server-to-user-42"
                                  << "";
}

void TstListenHint::echoChannelCall()
{
    QFETCH(QString, channel);
    QFETCH(QString, call);
    QCOMPARE(cs::ui::echoChannelCall(channel), call);
}

void TstListenHint::jsStringLiteral_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("literal");
    QTest::newRow("plain") << "order.updated"
                           << "'order.updated'";
    QTest::newRow("backslash") << "App\\Events\\X"
                               << "'App\\\\Events\\\\X'";
    QTest::newRow("quote") << "it's"
                           << "'it\\'s'";
    QTest::newRow("line breaks") << "a\nb\rc\td"
                                 << "'a\\nb\\rc\\td'";
    QTest::newRow("escape char") << "a\x1b[2Jb"
                                 << "'a\\u001b[2Jb'";
    QTest::newRow("line separator") << QString::fromUtf8("a\u2028b") << "'a\\u2028b'";
    QTest::newRow("bidi override") << QString::fromUtf8("a\u202eb") << "'a\\u202eb'";
    QTest::newRow("non-ASCII kept") << QString::fromUtf8("caf\u00e9") << QString::fromUtf8("'caf\u00e9'");
}

void TstListenHint::jsStringLiteral()
{
    QFETCH(QString, text);
    QFETCH(QString, literal);
    QCOMPARE(cs::ui::jsStringLiteral(text), literal);
}

void TstListenHint::hint_data()
{
    QTest::addColumn<QString>("channel");
    QTest::addColumn<QString>("event");
    QTest::addColumn<QStringList>("lines");  // each must appear, in this order
    QTest::newRow("dotted on private") << "private-orders"
                                       << "order.updated"
                                       << QStringList{QStringLiteral("pusher.subscribe('private-orders')"),
                                                      QStringLiteral(".bind('order.updated', (data) =>"),
                                                      QStringLiteral("Echo.private('orders')"),
                                                      QStringLiteral(".listen('.order.updated', (data) =>"),
                                                      QStringLiteral("The leading dot")};
    QTest::newRow("class on public") << "orders"
                                     << "App\\Events\\OrderShipped"
                                     << QStringList{QStringLiteral("pusher.subscribe('orders')"),
                                                    QStringLiteral(".bind('App\\\\Events\\\\OrderShipped', (data) =>"),
                                                    QStringLiteral("Echo.channel('orders')"),
                                                    QStringLiteral(".listen('OrderShipped', (data) =>"),
                                                    QStringLiteral("Echo prepends its namespace")};
    QTest::newRow("presence") << "presence-room"
                              << "moved"
                              << QStringList{QStringLiteral("pusher.subscribe('presence-room')"),
                                             QStringLiteral("Echo.join('room')"), QStringLiteral(".listen('.moved',")};
    QTest::newRow("encrypted") << "private-encrypted-vault"
                               << "opened"
                               << QStringList{QStringLiteral("pusher.subscribe('private-encrypted-vault')"),
                                              QStringLiteral("Echo.encryptedPrivate('vault')"),
                                              QStringLiteral(".listen('.opened',")};
    QTest::newRow("client event") << "private-chat"
                                  << "client-typing"
                                  << QStringList{QStringLiteral(".bind('client-typing',"),
                                                 QStringLiteral("Echo.private('chat')"),
                                                 QStringLiteral(".listenForWhisper('typing', (data) =>")};
    QTest::newRow("user channel") << "#server-to-user-42"
                                  << "notice"
                                  << QStringList{QStringLiteral("pusher.user.bind('notice', (data) =>"),
                                                 QStringLiteral("Echo.connector.pusher.user.bind('notice',")};
    QTest::newRow("hostile name stays one literal")
        << "orders"
        << "x');alert(1);('" << QStringList{QStringLiteral(".bind('x\\');alert(1);(\\'',")};
}

void TstListenHint::hint()
{
    QFETCH(QString, channel);
    QFETCH(QString, event);
    QFETCH(QStringList, lines);
    const QString text = listenHint(channel, event);
    qsizetype from = 0;
    for (const QString &line : lines) {
        const qsizetype at = text.indexOf(line, from);
        QVERIFY2(at >= 0, qPrintable(QStringLiteral("missing, or out of order: %1\n--- in:\n%2").arg(line, text)));
        from = at + line.size();
    }
    QVERIFY2(!text.contains(QStringLiteral(".listen(")) || !text.contains(QStringLiteral("listenForWhisper")),
             qPrintable(text));
}

void TstListenHint::noHint_data()
{
    QTest::addColumn<QString>("channel");
    QTest::addColumn<QString>("event");
    QTest::newRow("no channel") << ""
                                << "order.updated";
    QTest::newRow("no event") << "orders"
                              << "";
    QTest::newRow("protocol event") << "presence-room"
                                    << "pusher:subscription_succeeded";
    QTest::newRow("internal event") << "presence-room"
                                    << "pusher_internal:member_added";
}

void TstListenHint::noHint()
{
    QFETCH(QString, channel);
    QFETCH(QString, event);
    QCOMPARE(listenHint(channel, event), QString());
}

QTEST_GUILESS_MAIN(TstListenHint)
#include "tst_listenhint.moc"
