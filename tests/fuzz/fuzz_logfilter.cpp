// The filter language: typed by the user, but also pasted from anywhere, and matched against
// entries whose names and bytes came from the server. Input: filter text, then NUL-separated
// channel, event, user id, raw bytes and message of an entry. Properties:
//  - an error points inside the text; check() agrees with parse();
//  - the store's fast path (interned names, cached per name, raw bytes searched in place) gives
//    the same answer as matching the LogEntry, for the entry and for a local entry;
//  - a quoted free-text filter matches exactly when the needle is in the raw bytes, compared with
//    ASCII case folding (checked against a naive search).

#include "fuzzcheck.h"

#include "logfilter.h"
#include "logstore.h"

#include <QCoreApplication>

using namespace cs;

namespace {

bool naiveContains(const QByteArray &haystack, const QByteArray &needle)
{
    return haystack.toLower().contains(needle.toLower());  // QByteArray folds ASCII letters only
}

QString quoted(const QString &text)
{
    QString out = text;
    out.replace(u'\\', QLatin1String("\\\\")).replace(u'"', QLatin1String("\\\""));
    return u'"' + out + u'"';
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    new QCoreApplication(*argc, *argv);  // the store's flush timer wants an event dispatcher
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArrayList in = csfuzz::parts(data, size, 6);
    const QString text = QString::fromUtf8(in[0]);
    const Result<LogFilter, FilterError> parsed = LogFilter::parse(text);
    if (!parsed) {
        const FilterError &error = parsed.error();
        FUZZ_CHECK(error.code == ErrorCode::FilterSyntax && !error.message.isEmpty(),
                   "an error without code or message");
        FUZZ_CHECK(error.position >= 0 && error.length >= 0 && error.position + error.length <= text.size() + 1,
                   "the error points outside the filter text");
        return 0;
    }
    const LogFilter &filter = parsed.value();

    LogEntry frame;
    frame.direction = Direction::In;
    frame.kind = EntryKind::Event;
    frame.connection = QStringLiteral("main");
    frame.channel = QString::fromUtf8(in[1]);
    frame.event = QString::fromUtf8(in[2]);
    frame.userId = QString::fromUtf8(in[3]);
    frame.socketId = QStringLiteral("123.456");
    frame.raw = in[4];
    LogEntry local = LogEntry::local(EntryKind::Auth, QStringLiteral("main"), {}, QString::fromUtf8(in[5]), in[4],
                                     frame.channel, frame.event);
    LogStore store;
    store.append(frame);
    store.append(local);
    store.flush();
    for (qsizetype row = 0; row < store.size(); ++row)
        FUZZ_CHECK(filter.matches(store, row) == filter.matches(store.at(row)),
                   "the store's fast path and LogEntry matching disagree");

    // Free text alone: only the raw bytes can hold it.
    const QByteArray needle = QString::fromUtf8(in[1]).toUtf8();
    if (!needle.isEmpty()) {
        LogEntry bare;
        bare.direction = Direction::In;
        bare.kind = EntryKind::Event;
        bare.raw = in[4];
        const Result<LogFilter, FilterError> search = LogFilter::parse(quoted(QString::fromUtf8(needle)));
        FUZZ_CHECK(search.ok(), "a quoted text is a valid filter");
        FUZZ_CHECK(search->matches(bare) == naiveContains(bare.raw, needle),
                   "free text search misses or invents a match");
    }
    return 0;
}
