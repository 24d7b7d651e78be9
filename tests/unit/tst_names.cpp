// Naming rules (docs/protocol.md): channel routing ("Channel types"), channel/event validation
// ("Names and limits"), socket ids ("Signatures").
#include "names.h"

#include <QTest>

using namespace cs;

Q_DECLARE_METATYPE(cs::ChannelType)

class TestNames : public QObject {
    Q_OBJECT

private slots:
    void channelKind_data();
    void channelKind();
    void typeNames();
    void channelName_data();
    void channelName();
    void socketId_data();
    void socketId();
    void eventName_data();
    void eventName();
};

void TestNames::channelKind_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<ChannelType>("type");
    QTest::addColumn<bool>("cache");
    QTest::addColumn<bool>("valid");    // validateChannelName(name) with allowInternal = false
    QTest::addColumn<bool>("warning");  // channelNameWarning(name) not empty

    const auto pub = ChannelType::Public;
    const auto priv = ChannelType::Private;
    const auto pres = ChannelType::Presence;
    const auto enc = ChannelType::PrivateEncrypted;

    QTest::addRow("public") << "my-channel" << pub << false << true << false;
    QTest::addRow("public cache") << "cache-foo" << pub << true << true << false;
    QTest::addRow("private") << "private-foo" << priv << false << true << false;
    QTest::addRow("private cache") << "private-cache-foo" << priv << true << true << false;
    QTest::addRow("presence") << "presence-foo" << pres << false << true << false;
    QTest::addRow("presence cache") << "presence-cache-foo" << pres << true << true << false;
    QTest::addRow("encrypted") << "private-encrypted-foo" << enc << false << true << false;
    QTest::addRow("encrypted cache") << "private-encrypted-cache-foo" << enc << true << true << false;
    QTest::addRow("server-to-user") << "#server-to-user-42" << ChannelType::ServerToUser << false << false << false;
    QTest::addRow("bare prefix private-") << "private-" << priv << false << true << false;
    QTest::addRow("private-encryptedfoo is private") << "private-encryptedfoo" << priv << false << true << false;
    QTest::addRow("private-cachefoo is not cache") << "private-cachefoo" << priv << false << true << false;
    QTest::addRow("cache-private-x is public cache") << "cache-private-x" << pub << true << true << false;
    QTest::addRow("prefix is anchored (soketi differs)") << "foo-private-x" << pub << false << true << false;
    QTest::addRow("prefix is case-sensitive") << "Private-foo" << pub << false << true << false;
    QTest::addRow("cache without dash") << "cache" << pub << false << true << false;
    QTest::addRow("php/complex name") << "-azAZ9_=@,.;" << pub << false << true << false;
    QTest::addRow("164 characters") << QString(164, u'a') << pub << false << true << false;
    QTest::addRow("165 characters") << QString(165, u'a') << pub << false << true << true;
    QTest::addRow("200 characters") << QStringLiteral("private-") + QString(192, u'a') << priv << false << true << true;
    QTest::addRow("201 characters") << QString(201, u'a') << pub << false << false << false;
    QTest::addRow("165 characters, bad character") << QString(164, u'a') + u':' << pub << false << false << false;
}

void TestNames::channelKind()
{
    QFETCH(QString, name);
    QFETCH(ChannelType, type);
    QFETCH(bool, cache);
    QFETCH(bool, valid);
    QFETCH(bool, warning);

    const ChannelKind kind = channelKindOf(name);
    QCOMPARE(kind.type, type);
    QCOMPARE(kind.cache, cache);
    QCOMPARE(validateChannelName(name).ok(), valid);
    QCOMPARE(!channelNameWarning(name).isEmpty(), warning);
}

void TestNames::typeNames()
{
    QCOMPARE(channelTypeName(ChannelType::Public), QStringLiteral("public"));
    QCOMPARE(channelTypeName(ChannelType::Private), QStringLiteral("private"));
    QCOMPARE(channelTypeName(ChannelType::Presence), QStringLiteral("presence"));
    QCOMPARE(channelTypeName(ChannelType::PrivateEncrypted), QStringLiteral("private-encrypted"));
    QCOMPARE(channelTypeName(ChannelType::ServerToUser), QStringLiteral("server-to-user"));

    QVERIFY(!needsAuthorization(ChannelType::Public));
    QVERIFY(needsAuthorization(ChannelType::Private));
    QVERIFY(needsAuthorization(ChannelType::Presence));
    QVERIFY(needsAuthorization(ChannelType::PrivateEncrypted));
    QVERIFY(!needsAuthorization(ChannelType::ServerToUser));
}

void TestNames::channelName_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("allowInternal");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("messagePart");  // for failures: what the message must name

    QTest::addRow("empty") << "" << false << false << "empty";
    QTest::addRow("every allowed character") << "AZaz09_-=@,.;" << false << true << "";
    QTest::addRow("php/trailing colon") << "test_channel:" << false << false << "':' (U+003A) at index 12";
    QTest::addRow("php/leading colon") << ":test_channel" << false << false << "':' (U+003A) at index 0";
    QTest::addRow("php/leading colon newline") << ":\ntest_channel" << false << false << "index 0";
    QTest::addRow("php/trailing newline colon") << "test_channel\n:" << false << false << "U+000A at index 12";
    QTest::addRow("space") << "my channel" << false << false << "' ' (U+0020) at index 2";
    QTest::addRow("slash") << "a/b" << false << false << "'/'";
    QTest::addRow("non-ASCII letter") << QStringLiteral("café") << false << false
                                      << QStringLiteral("'é' (U+00E9) at index 3");
    QTest::addRow("astral character") << QStringLiteral("a😀") << false << false << QStringLiteral("U+1F600");
    QTest::addRow("NUL") << QString::fromLatin1("a\0b", 3) << false << false << "U+0000 at index 1";
    QTest::addRow("hash reserved") << "#foo" << false << false << "reserved";
    QTest::addRow("server-to-user reserved") << "#server-to-user-1" << false << false << "reserved";
    QTest::addRow("server-to-user internal") << "#server-to-user-1" << true << true << "";
    QTest::addRow("hash internal (soketi ^#?)") << "#foo" << true << true << "";
    QTest::addRow("lone hash internal") << "#" << true << false << "'#'";
    QTest::addRow("second hash internal") << "##foo" << true << false << "'#' (U+0023) at index 1";
    QTest::addRow("inner hash") << "a#b" << true << false << "index 1";
    QTest::addRow("200 characters") << QString(200, u'x') << false << true << "";
    QTest::addRow("201 characters") << QString(201, u'x') << false << false << "201";
}

void TestNames::channelName()
{
    QFETCH(QString, name);
    QFETCH(bool, allowInternal);
    QFETCH(bool, ok);
    QFETCH(QString, messagePart);

    const Status s = validateChannelName(name, allowInternal);
    QCOMPARE(s.ok(), ok);
    if (ok)
        return;
    QCOMPARE(s.error().id(), QStringLiteral("invalid-channel-name"));
    QVERIFY2(s.error().message.contains(messagePart), qPrintable(s.error().message));
    QVERIFY2(!s.error().message.contains(u'\n'), "one line");
}

void TestNames::socketId_data()
{
    QTest::addColumn<QString>("socketId");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("messagePart");

    QTest::addRow("docs") << "1234.1234" << true << "";
    QTest::addRow("short") << "1.1" << true << "";
    QTest::addRow("zeros") << "0.0" << true << "";
    QTest::addRow("php/complex") << "45055.28877557" << true << "";
    QTest::addRow("soketi range") << "10000000000.10000000000" << true << "";

    QTest::addRow("empty") << "" << false << "empty";
    QTest::addRow("go/no dot") << "12341234" << false << "no '.'";
    QTest::addRow("php/trailing colon") << "1.1:" << false << "':' (U+003A) at index 3";
    QTest::addRow("php/leading colon") << ":1.1" << false << "':' (U+003A) at index 0";
    QTest::addRow("php/leading colon newline") << ":\n1.1" << false << "index 0";
    QTest::addRow("php/trailing newline colon") << "1.1\n:" << false << "U+000A at index 3";
    QTest::addRow("trailing newline") << "1.1\n" << false << "U+000A";
    QTest::addRow("leading space") << " 1.1" << false << "' '";
    QTest::addRow("two dots") << "1.1.1" << false << "'.' (U+002E) at index 3";
    QTest::addRow("double dot") << "1..1" << false << "index 2";
    QTest::addRow("no left digits") << ".1" << false << "both sides";
    QTest::addRow("no right digits") << "1." << false << "both sides";
    QTest::addRow("only a dot") << "." << false << "both sides";
    QTest::addRow("sign") << "-1.1" << false << "'-'";
    QTest::addRow("exponent") << "1e3.1" << false << "'e'";
    QTest::addRow("NUL") << QString::fromLatin1("1.1\0", 4) << false << "U+0000";
    QTest::addRow("arabic-indic digits") << QStringLiteral("١.١") << false << "U+0661";
    QTest::addRow("fullwidth digits") << QStringLiteral("１.１") << false << "U+FF11";
    QTest::addRow("superscript digit") << QStringLiteral("1.²") << false << "U+00B2";
}

void TestNames::socketId()
{
    QFETCH(QString, socketId);
    QFETCH(bool, ok);
    QFETCH(QString, messagePart);

    QCOMPARE(isValidSocketId(socketId), ok);
    const Status s = validateSocketId(socketId);
    QCOMPARE(s.ok(), ok);
    if (ok)
        return;
    QCOMPARE(s.error().id(), QStringLiteral("invalid-socket-id"));
    QVERIFY2(s.error().message.contains(messagePart), qPrintable(s.error().message));
    QVERIFY2(!s.error().message.contains(u'\n'), "one line");
}

void TestNames::eventName_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("eventOk");
    QTest::addColumn<bool>("clientOk");
    QTest::addColumn<QString>("messagePart");

    QTest::addRow("plain") << "my-event" << true << false << "\"client-\"";
    QTest::addRow("client event") << "client-typing" << true << true << "";
    QTest::addRow("bare client- (pusher-js accepts)") << "client-" << true << true << "";
    QTest::addRow("prefix is case-sensitive") << "Client-typing" << true << false << "\"client-\"";
    QTest::addRow("pusher: event") << "pusher:ping" << true << false << "\"client-\"";
    QTest::addRow("unicode") << QStringLiteral("événement") << true << false << "\"client-\"";
    QTest::addRow("empty") << "" << false << false << "empty";
    QTest::addRow("200 characters") << QString(200, u'e') << true << false << "\"client-\"";
    QTest::addRow("client- 200 characters")
        << QStringLiteral("client-") + QString(193, u'e') << true << true << QStringLiteral("");
    QTest::addRow("201 characters") << QString(201, u'e') << false << false << "201";
    QTest::addRow("client- 201 characters")
        << QStringLiteral("client-") + QString(194, u'e') << false << false << QStringLiteral("201");
}

void TestNames::eventName()
{
    QFETCH(QString, name);
    QFETCH(bool, eventOk);
    QFETCH(bool, clientOk);
    QFETCH(QString, messagePart);

    const Status event = validateEventName(name);
    const Status client = validateClientEventName(name);
    QCOMPARE(event.ok(), eventOk);
    QCOMPARE(client.ok(), clientOk);
    if (!event.ok())
        QCOMPARE(event.error().id(), QStringLiteral("invalid-event-name"));
    if (!client.ok()) {
        QCOMPARE(client.error().id(), QStringLiteral("invalid-event-name"));
        QVERIFY2(client.error().message.contains(messagePart), qPrintable(client.error().message));
    }
}

QTEST_APPLESS_MAIN(TestNames)
#include "tst_names.moc"
