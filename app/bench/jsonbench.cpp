#include "jsonbench.h"

#include "benchutil.h"
#include "fastjson.h"
#include "orderframes.h"
#include "protocol.h"
#include "strictjson.h"

#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <simdjson.h>

#include <cstdio>
#include <functional>

namespace cs::bench {

namespace {

struct Sample {
    QByteArray frame;     // the frame as the socket hands it over
    QByteArray dataJson;  // its data member as sent (a JSON string token)
    QByteArray dataText;  // that string's text: the JSON the consumer decodes
};

struct Corpus {
    const char *name;
    QList<Sample> samples;
    qsizetype frameBytes = 0;
    qsizetype dataBytes = 0;
};

Sample sample(const QByteArray &event, const QByteArray &channel, const QByteArray &dataText)
{
    QByteArray frame = "{\"event\":" + jsonString(event);
    if (!channel.isEmpty())
        frame += ",\"channel\":" + jsonString(channel);
    const QByteArray dataJson = jsonString(dataText);
    frame += ",\"data\":" + dataJson + "}";
    // As the socket hands it over: QString::toUtf8() of the text message.
    return Sample{QString::fromUtf8(frame).toUtf8(), dataJson, dataText};
}

Corpus corpus(const char *name, QList<Sample> samples)
{
    Corpus c{name, std::move(samples)};
    for (const Sample &s : c.samples) {
        c.frameBytes += s.frame.size();
        c.dataBytes += s.dataText.size();
    }
    return c;
}

QList<Corpus> buildCorpora()
{
    QList<Sample> orders, established, presence, big;
    for (qint64 id = 0; id < 1000; ++id)
        orders.append(sample(kEventName, kChannelName, OrderFrames::orderJson(id)));
    for (int i = 0; i < 100; ++i)
        established.append(
            sample("pusher:connection_established", {},
                   "{\"socket_id\":\"" + QByteArray::number(1000 + i) + ".4711\",\"activity_timeout\":120}"));
    QJsonArray ids;
    QJsonObject hash;
    for (int m = 0; m < 100; ++m) {
        const QString id = QStringLiteral("user-%1").arg(m);
        ids.append(id);
        hash.insert(id, QJsonObject{{QStringLiteral("name"), QStringLiteral("Member %1").arg(m)},
                                    {QStringLiteral("role"), QStringLiteral("viewer")}});
    }
    const QJsonObject roster{
        {QStringLiteral("presence"),
         QJsonObject{{QStringLiteral("ids"), ids}, {QStringLiteral("hash"), hash}, {QStringLiteral("count"), 100}}}};
    const QByteArray rosterJson = QJsonDocument(roster).toJson(QJsonDocument::Compact);
    for (int i = 0; i < 20; ++i)
        presence.append(sample("pusher_internal:subscription_succeeded", "presence-room", rosterJson));
    QByteArray bigJson = "[";
    for (qint64 id = 0; id < 200; ++id)
        bigJson += (id ? "," : "") + OrderFrames::orderJson(id);
    bigJson += "]";
    for (int i = 0; i < 5; ++i)
        big.append(sample("big-payload", kChannelName, bigJson));
    return {corpus("order events (~250 B data)", orders), corpus("connection_established", established),
            corpus("presence roster (100 members)", presence), corpus("big payload (200 orders)", big)};
}

// Runs `one` over every sample until at least minMs have passed; ns per sample.
double measure(const Corpus &corpus, int minMs, const std::function<qsizetype(const Sample &)> &one)
{
    qsizetype sink = 0;
    qint64 rounds = 0;
    QElapsedTimer timer;
    timer.start();
    do {
        for (const Sample &s : corpus.samples)
            sink += one(s);
        ++rounds;
    } while (timer.elapsed() < minMs);
    const double ns = double(timer.nsecsElapsed()) / double(rounds * corpus.samples.size());
    if (sink == -1)
        std::fputs("", stderr);  // keeps the work observable
    return ns;
}

// The three members as bare simdjson On Demand reads them, no Qt values: the floor.
qsizetype simdjsonEnvelope(const QByteArray &frame)
{
    thread_local simdjson::ondemand::parser parser;
    const json::PaddedInput input(frame);
    simdjson::ondemand::document doc;
    simdjson::ondemand::object object;
    if (parser.iterate(input.data(), input.size(), input.capacity()).get(doc) || doc.get_object().get(object))
        return 0;
    qsizetype total = 0;
    for (auto member : object) {
        std::string_view key, value;
        if (member.unescaped_key().get(key) || member.value().get_string().get(value))
            return 0;
        total += qsizetype(value.size());
    }
    return total;
}

// simdjson's DOM turned into Qt values through the public QJsonObject/QJsonArray API: measured
// here only; QJsonDocument builds its values faster (strictjson.h).
QJsonValue build(simdjson::dom::element e)
{
    switch (e.type()) {
    case simdjson::dom::element_type::OBJECT: {
        QJsonObject object;
        for (const simdjson::dom::key_value_pair member : simdjson::dom::object(e))
            object.insert(QString::fromUtf8(member.key.data(), qsizetype(member.key.size())), build(member.value));
        return object;
    }
    case simdjson::dom::element_type::ARRAY: {
        QJsonArray array;
        for (const simdjson::dom::element item : simdjson::dom::array(e))
            array.append(build(item));
        return array;
    }
    case simdjson::dom::element_type::STRING: {
        const std::string_view s(e);
        return QString::fromUtf8(s.data(), qsizetype(s.size()));
    }
    case simdjson::dom::element_type::INT64: return qint64(int64_t(e));
    case simdjson::dom::element_type::UINT64: return double(uint64_t(e));
    case simdjson::dom::element_type::DOUBLE: return double(e);
    case simdjson::dom::element_type::BOOL: return bool(e);
    case simdjson::dom::element_type::NULL_VALUE: break;
    }
    return QJsonValue(QJsonValue::Null);
}

qsizetype simdjsonToQt(const QByteArray &text, bool buildValues)
{
    thread_local simdjson::dom::parser parser;
    simdjson::dom::element root;
    if (parser.parse(text.constData(), std::size_t(text.size()), true).get(root))
        return 0;
    return buildValues ? qsizetype(build(root).type()) : 1;
}

struct Row {
    QString what;
    QString how;
    double ns;
    double mbPerS;
};

}  // namespace

int runJsonBench(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("The JSON readers side by side (frames, data decoding)."));
    parser.addHelpOption();
    const QCommandLineOption minMsOption(QStringLiteral("min-ms"), QStringLiteral("Time per measurement (ms)."),
                                         QStringLiteral("ms"), QStringLiteral("300"));
    parser.addOption(minMsOption);
    parser.process(args);
    const int minMs = qMax(1, parser.value(minMsOption).toInt());

    using protocol::DataDecoding;
    QList<Row> rows;
    for (const Corpus &c : buildCorpora()) {
        const double frameBytes = double(c.frameBytes) / double(c.samples.size());
        const double dataBytes = double(c.dataBytes) / double(c.samples.size());
        const auto add = [&](const char *how, double bytes, const std::function<qsizetype(const Sample &)> &one) {
            const double ns = measure(c, minMs, one);
            rows.append(Row{QString::fromLatin1(c.name), QString::fromLatin1(how), ns, bytes / ns * 1000.0});
        };
        add("frame: parseFrame (socket's call)", frameBytes,
            [](const Sample &s) { return protocol::parseFrame(s.frame, DataDecoding::ProtocolOnly)->event.size(); });
        add("frame: QJsonDocument way", frameBytes, [](const Sample &s) {
            return protocol::parseFrameWithJsonDocument(s.frame, DataDecoding::ProtocolOnly)->event.size();
        });
        add("frame: bare simdjson On Demand", frameBytes, [](const Sample &s) { return simdjsonEnvelope(s.frame); });
        add("data: QJsonDocument::fromJson", dataBytes,
            [](const Sample &s) { return qsizetype(QJsonDocument::fromJson(s.dataText).isNull()); });
        add("data: strictjson (Qt + strictness)", dataBytes,
            [](const Sample &s) { return qsizetype(json::parseValue(s.dataText)->type()); });
        add("data: simdjson DOM, validate only", dataBytes,
            [](const Sample &s) { return simdjsonToQt(s.dataText, false); });
        add("data: simdjson DOM -> QJsonValue", dataBytes,
            [](const Sample &s) { return simdjsonToQt(s.dataText, true); });
        add("data: decodeSentData (consumer's call)", dataBytes,
            [](const Sample &s) { return qsizetype(protocol::decodeSentData(s.dataJson).type()); });
    }

    QJsonArray results;
    std::fprintf(stderr, "| corpus | reader | ns/frame | MB/s |\n|---|---|---:|---:|\n");
    for (const Row &row : rows) {
        std::fprintf(stderr, "| %s | %s | %.0f | %.0f |\n", qPrintable(row.what), qPrintable(row.how), row.ns,
                     row.mbPerS);
        results.append(QJsonObject{{QStringLiteral("corpus"), row.what},
                                   {QStringLiteral("reader"), row.how},
                                   {QStringLiteral("ns"), row.ns},
                                   {QStringLiteral("mb_per_s"), row.mbPerS}});
    }
    printResult(QJsonObject{{QStringLiteral("part"), QStringLiteral("json")}, {QStringLiteral("rows"), results}});
    return 0;
}

}  // namespace cs::bench
