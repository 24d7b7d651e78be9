#include "publishrules.h"

#include "names.h"
#include "restclient.h"

#include <QRegularExpression>

#include <algorithm>

namespace cs {

namespace {

Error noSession() { return Error{ErrorCode::NoSession, QStringLiteral("No connection: open a profile first")}; }

}  // namespace

QStringList triggerChannels(const QString &text)
{
    static const QRegularExpression separators(QStringLiteral("\\s+"));
    QStringList list = text.split(separators, Qt::SkipEmptyParts);
    list.removeDuplicates();
    return list;
}

Status checkTriggerInput(const TriggerDraft &draft)
{
    // RestClient's own check of the list; the placeholder event keeps its event check quiet.
    if (!draft.channels.isEmpty())
        if (Status valid = RestClient::validate(TriggerRequest{draft.channels, QStringLiteral("x"), {}, {}, {}});
            !valid)
            return valid;
    if (!draft.event.isEmpty())
        return validateEventName(draft.event);
    return {};
}

Status canSendTrigger(const TriggerDraft &draft)
{
    if (Status input = checkTriggerInput(draft); !input)
        return input;
    if (!draft.hasSession)
        return noSession();
    if (draft.channels.isEmpty())
        return Error{ErrorCode::NoChannel, QStringLiteral("Enter at least one channel")};
    if (draft.event.isEmpty())
        return Error{ErrorCode::NoEvent, QStringLiteral("Enter an event name")};
    if (!draft.dataProblem.isEmpty())
        return Error{ErrorCode::InvalidData,
                     QStringLiteral("The data is not valid JSON: fix it or tick \"Send as a plain string\"")};
    if (draft.excludeMe && draft.socketId.isEmpty())
        return Error{ErrorCode::NoSocketId, QStringLiteral("\"Exclude my connection\" needs a connected socket")};
    return {};
}

QStringList triggerWarnings(const TriggerDraft &draft)
{
    if (!checkTriggerInput(draft))
        return {};
    QStringList out;
    if (const QString w = payloadWarning(draft.data.toUtf8().size(), draft.limits); !w.isEmpty())
        out << w;
    for (const QString &channel : draft.channels)
        if (const QString w = channelNameWarning(channel); !w.isEmpty())
            out << w;
    return out;
}

BatchRowProblems checkBatchRow(const BatchRowDraft &row)
{
    BatchRowProblems problems;
    if (row.isSkipped())
        return problems;
    if (const Status s = validateChannelName(row.channel, row.channel.startsWith(QLatin1String("#server-to-user-")));
        !s)
        problems.channel = s.error().message;
    if (const Status s = validateEventName(row.event); !s)
        problems.event = s.error().message;
    problems.data = row.dataProblem;
    return problems;
}

int BatchDraft::eventCount() const
{
    return int(std::count_if(rows.begin(), rows.end(), [](const BatchRowDraft &row) { return !row.isSkipped(); }));
}

Status checkBatchInput(const BatchDraft &draft)
{
    for (qsizetype i = 0; i < draft.rows.size(); ++i) {
        const BatchRowProblems p = checkBatchRow(draft.rows.at(i));
        const auto rowError = [i](const QString &cell, const QString &problem) {
            return Error{ErrorCode::InvalidBatchRow, QStringLiteral("Row %1, %2: %3").arg(i + 1).arg(cell, problem)};
        };
        if (!p.channel.isEmpty())
            return rowError(QStringLiteral("channel"), p.channel);
        if (!p.event.isEmpty())
            return rowError(QStringLiteral("event"), p.event);
        if (!p.data.isEmpty())
            return rowError(QStringLiteral("data"), p.data);
    }
    if (const int events = draft.eventCount(); events > kBatchEventLimit)
        return Error{ErrorCode::BatchTooLarge,
                     QStringLiteral("A batch can hold at most %1 events, not %2.").arg(kBatchEventLimit).arg(events)};
    return {};
}

Status canSendBatch(const BatchDraft &draft)
{
    if (Status input = checkBatchInput(draft); !input)
        return input;
    if (!draft.hasSession)
        return noSession();
    if (draft.eventCount() == 0)
        return Error{ErrorCode::EmptyBatch, QStringLiteral("Fill in at least one row (channel and event)")};
    return {};
}

QStringList batchWarnings(const BatchDraft &draft)
{
    QStringList out;
    for (qsizetype i = 0; i < draft.rows.size(); ++i) {
        const BatchRowDraft &row = draft.rows.at(i);
        if (row.isSkipped() || !checkBatchRow(row).ok())
            continue;
        for (const QString &w :
             {payloadWarning(row.data.toUtf8().size(), draft.limits), channelNameWarning(row.channel)})
            if (!w.isEmpty())
                out << QStringLiteral("Row %1: %2").arg(i + 1).arg(w);
    }
    return out;
}

}  // namespace cs
