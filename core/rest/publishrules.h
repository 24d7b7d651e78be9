#pragma once
// Whether a REST trigger or batch may be sent and, if not, why. Pure functions over what the
// publish forms hold, so that the Send button, Ctrl+Enter, "Send again" and the unit tests all
// ask the same question; the widgets only show the answer. Error messages are user-facing.
//
// Two questions per form: check…Input() names a problem with something typed (shown in red at
// once), canSend…() adds what is merely missing (no connection, nothing entered yet) and is
// what enables the button; its message becomes the button's tooltip.

#include "result.h"
#include "serverlimits.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace cs {

inline constexpr int kBatchEventLimit = 10;  // POST /batch_events takes at most 10

// The trigger form as plain values.
struct TriggerDraft {
    bool hasSession = false;  // a connection whose REST client sends (and signs) the request
    QStringList channels;     // as triggerChannels() splits the field
    QString event;
    QString data;
    QString dataProblem;     // the JSON check's message; empty when valid or sent as a plain string
    bool excludeMe = false;  // socket_id asked for
    QString socketId;        // this connection's socket id (needed when excludeMe)
    ServerLimits limits;     // the profile's (hosted Pusher's by default)
};

// "a b\nc a" -> {a, b, c}: whitespace separates (commas belong to channel names), no duplicates.
QStringList triggerChannels(const QString &text);

// A bad channel list (1 to 100 valid names) or event name; missing values are no problem yet.
Status checkTriggerInput(const TriggerDraft &draft);
// checkTriggerInput(), then: a connection, at least one channel, an event name, valid data,
// and a socket id when this connection is to be excluded.
Status canSendTrigger(const TriggerDraft &draft);
// Valid but risky, shown before sending and never blocking it: data over the payload limit
// (serverlimits.h), channel names over 164 characters. Empty while the input has errors.
QStringList triggerWarnings(const TriggerDraft &draft);

// One row of the batch table.
struct BatchRowDraft {
    QString channel;  // trimmed
    QString event;
    QString data;
    QString dataProblem;  // the JSON check's message; empty when valid or sent as a plain string

    bool isSkipped() const { return channel.isEmpty() && event.isEmpty(); }  // an empty row is left out
};

// What is wrong with each cell of a row; all empty for a good (or skipped) row.
struct BatchRowProblems {
    QString channel;
    QString event;
    QString data;

    bool ok() const { return channel.isEmpty() && event.isEmpty() && data.isEmpty(); }
};
BatchRowProblems checkBatchRow(const BatchRowDraft &row);

struct BatchDraft {
    bool hasSession = false;
    QList<BatchRowDraft> rows;  // skipped rows included: row numbers in messages are the table's
    ServerLimits limits;

    int eventCount() const;  // rows that are not skipped
};

// The first bad cell as "Row 2, data: …", or more than kBatchEventLimit events.
Status checkBatchInput(const BatchDraft &draft);
// checkBatchInput(), then: a connection and at least one event.
Status canSendBatch(const BatchDraft &draft);
// Each row's data over the payload limit and long channel names, as "Row 2: Data is …".
QStringList batchWarnings(const BatchDraft &draft);

}  // namespace cs
