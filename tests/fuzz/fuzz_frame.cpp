// The frame codec: every text frame a server sends goes through parseFrame. Properties:
//  - the fast scanner and the QJsonDocument path give the same Frame (protocol.h promises it),
//    for both decoding modes;
//  - data left as sent (DataDecoding::ProtocolOnly) decodes on demand to what full decoding gives;
//  - the typed readers (handshake, errors, presence, members) accept whatever parsed.

#include "fuzzcheck.h"

#include "protocol.h"

using namespace cs::protocol;

namespace {

void checkSame(const cs::Result<Frame> &fastResult, const cs::Result<Frame> &strictResult)
{
    FUZZ_CHECK(fastResult.ok() == strictResult.ok(), "scanner and QJsonDocument disagree on ok");
    if (!fastResult.ok()) {
        FUZZ_CHECK(fastResult.error() == strictResult.error(), "errors differ");
        return;
    }
    const Frame &fast = *fastResult;
    const Frame &strict = *strictResult;
    FUZZ_CHECK(fast.event == strict.event, "event differs");
    FUZZ_CHECK(fast.channel == strict.channel, "channel differs");
    FUZZ_CHECK(fast.userId == strict.userId, "user_id differs");
    FUZZ_CHECK(fast.dataDecoded == strict.dataDecoded, "one decoded data, the other did not");
    FUZZ_CHECK(decodedData(fast) == decodedData(strict), "decoded data differs");
    if (fast.dataDecoded) {
        FUZZ_CHECK(fast.encoding == strict.encoding, "data encoding differs");
        FUZZ_CHECK(fast.dataString == strict.dataString, "data string differs");
    }
}

void readTyped(const Frame &frame)
{
    (void)parseHandshake(frame);
    (void)parseServerError(frame);
    (void)parseSubscriptionError(frame);
    if (const auto roster = parsePresenceRoster(frame)) {
        FUZZ_CHECK(roster->ids.size() >= roster->hash.size(), "every hash member is in ids");
        FUZZ_CHECK(roster->count >= 0, "negative member count");
    }
    (void)parseMemberChange(frame);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray raw = csfuzz::bytes(data, size);
    const cs::Result<Frame> all = parseFrame(raw, DataDecoding::All);
    checkSame(all, parseFrameWithJsonDocument(raw, DataDecoding::All));
    const cs::Result<Frame> lazy = parseFrame(raw, DataDecoding::ProtocolOnly);
    checkSame(lazy, parseFrameWithJsonDocument(raw, DataDecoding::ProtocolOnly));

    FUZZ_CHECK(all.ok() == lazy.ok(), "the decoding mode changed whether the frame is accepted");
    if (all.ok()) {
        FUZZ_CHECK(all->dataDecoded, "DataDecoding::All left data undecoded");
        FUZZ_CHECK(decodedData(*lazy) == all->data, "data decoded on demand differs from data decoded at once");
        FUZZ_CHECK(!all->event.isEmpty(), "accepted frame without an event");
        readTyped(*all);
    } else {
        FUZZ_CHECK(all.error().code == cs::ErrorCode::InvalidFrame, "rejected frame with another error code");
        FUZZ_CHECK(!all.error().message.isEmpty(), "rejected frame without a reason");
    }
    return 0;
}
