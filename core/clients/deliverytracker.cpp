#include "deliverytracker.h"

#include "clientset.h"
#include "deliverlater.h"
#include "logstore.h"

#include <QDateTime>
#include <QJsonArray>

namespace cs {

namespace {

const QString kDuplicate = QStringLiteral("duplicate");
const QString kEchoed = QStringLiteral("echoed to sender");
const QString kExcludedReceived = QStringLiteral("excluded but received");
const QString kUnsubscribedReceived = QStringLiteral("not subscribed but received");
const QString kMissed = QStringLiteral("missed");

void addSurprise(DeliveryCell &cell, const QString &surprise)
{
    if (!cell.surprises.contains(surprise))
        cell.surprises.append(surprise);
}

}  // namespace

QJsonObject DeliveryCell::toJson() const
{
    QJsonObject o{{QStringLiteral("client"), client},
                  {QStringLiteral("channel"), channel},
                  {QStringLiteral("event"), event},
                  {QStringLiteral("expected"), expected},
                  {QStringLiteral("why"), why},
                  {QStringLiteral("received"), received > 0},
                  {QStringLiteral("count"), received},
                  {QStringLiteral("latency_ms"), latencyMs >= 0 ? QJsonValue(latencyMs) : QJsonValue()},
                  {QStringLiteral("surprise"), surprises.isEmpty() ? QJsonValue() : QJsonValue(surprises.join(u", "))}};
    if (!socketId.isEmpty())
        o.insert(QStringLiteral("socket_id"), socketId);
    if (!userId.isEmpty())
        o.insert(QStringLiteral("user_id"), userId);
    return o;
}

DeliveryTracker::DeliveryTracker(ClientSet *clients, QObject *parent) : QObject(parent), m_clients(clients)
{
    m_timeout.setSingleShot(true);
    m_settle.setSingleShot(true);
    connect(&m_timeout, &QTimer::timeout, this, &DeliveryTracker::finish);
    connect(&m_settle, &QTimer::timeout, this, &DeliveryTracker::finish);
    if (LogStore *log = clients->log())
        connect(log, &LogStore::appended, this, &DeliveryTracker::onAppended);
}

QString DeliveryTracker::modeName(Mode mode)
{
    switch (mode) {
    case Mode::Trigger: return QStringLiteral("trigger");
    case Mode::Batch: return QStringLiteral("batch");
    case Mode::ClientEvent: return QStringLiteral("client-event");
    case Mode::SendToUser: return QStringLiteral("send-to-user");
    }
    return {};
}

void DeliveryTracker::begin(Mode mode, const QList<Target> &targets, const QString &sender)
{
    ++m_generation;
    m_running = false;
    m_timeout.stop();
    m_settle.stop();
    // Frames already logged (or still pending in the store) belong to what came before.
    if (LogStore *log = m_clients->log()) {
        log->flush();
        m_firstSeq = log->nextSeq();
    }
    m_mode = mode;
    m_sender = sender;
    m_sendError.reset();
    m_cells.clear();
    for (const Target &target : targets) {
        for (const Client *client : m_clients->clients()) {
            DeliveryCell cell;
            cell.client = client->name();
            cell.socketId = client->socketId();
            cell.userId = client->identity().userId;
            cell.channel = target.channel;
            cell.event = target.event;
            if (client->name() == sender)
                cell.why = QStringLiteral("sender");
            else if (client->state() != ConnectionState::Connected)
                cell.why = QStringLiteral("not connected");
            else if (!client->isOn(target.channel))
                cell.why = QStringLiteral("not subscribed");
            else if (!target.excludedSocketId.isEmpty() && target.excludedSocketId == cell.socketId)
                cell.why = QStringLiteral("excluded by socket_id");
            else
                cell.expected = true, cell.why = QStringLiteral("subscribed");
            m_cells.append(cell);
        }
    }
    m_running = true;
    m_sentAtMs = QDateTime::currentMSecsSinceEpoch();
    m_timeout.start(m_timeoutMs);
    Q_EMIT started();
}

void DeliveryTracker::trigger(RestClient *via, const TriggerRequest &request)
{
    QList<Target> targets;
    for (const QString &channel : request.channels)
        targets.append({channel, request.event, request.socketId});
    begin(Mode::Trigger, targets, {});
    const quint64 generation = m_generation;
    via->trigger(request, [this, generation, guard = QPointer<DeliveryTracker>(this)](const RestResponse &r) {
        if (guard && generation == m_generation)
            onRestAnswer(r);
    });
}

void DeliveryTracker::batch(RestClient *via, const QList<BatchEvent> &events)
{
    QList<Target> targets;
    for (const BatchEvent &e : events)
        targets.append({e.channel, e.event, e.socketId});
    begin(Mode::Batch, targets, {});
    const quint64 generation = m_generation;
    via->batch(events, [this, generation, guard = QPointer<DeliveryTracker>(this)](const RestResponse &r) {
        if (guard && generation == m_generation)
            onRestAnswer(r);
    });
}

void DeliveryTracker::sendToUser(RestClient *via, const QString &userId, const QString &event, const QString &data)
{
    // docs/protocol.md, REST "Send to user": an event on the user's #server-to-user- channel.
    const QString channel = QStringLiteral("#server-to-user-") + userId;
    begin(Mode::SendToUser, {{channel, event, {}}}, {});
    const quint64 generation = m_generation;
    TriggerRequest request{{channel}, event, data, {}, {}};
    via->trigger(request, [this, generation, guard = QPointer<DeliveryTracker>(this)](const RestResponse &r) {
        if (guard && generation == m_generation)
            onRestAnswer(r);
    });
}

void DeliveryTracker::clientEvent(Client *sender, const QString &channel, const QString &event, const QJsonValue &data)
{
    begin(Mode::ClientEvent, {{channel, event, {}}}, sender->name());
    const Status sent = sender->session()->channels()->sendClientEvent(channel, event, data);
    if (!sent) {
        const quint64 generation = m_generation;
        deliverLater(this, [this, generation, error = sent.error()] {
            if (generation != m_generation)
                return;
            m_sendError = error;
            finish();
        });
    }
}

void DeliveryTracker::onRestAnswer(const RestResponse &response)
{
    if (response.ok() || !m_running)
        return;
    m_sendError = Error{ErrorCode::Http, response.errorMessage(), response.status};
    finish();
}

void DeliveryTracker::onAppended(qsizetype first, qsizetype count)
{
    if (!m_running)
        return;
    const LogStore *log = m_clients->log();
    for (qsizetype row = first; row < first + count; ++row) {
        if (log->seqAt(row) < m_firstSeq || log->directionAt(row) != Direction::In)
            continue;
        const EntryKind kind = log->kindAt(row);
        if (kind != EntryKind::Event && kind != EntryKind::ClientEvent)
            continue;
        const QString client = log->connectionAt(row);
        const QString channel = log->channelAt(row);
        const QString event = log->eventAt(row);
        for (int i = 0; i < m_cells.size(); ++i) {
            DeliveryCell &cell = m_cells[i];
            if (cell.client != client || cell.channel != channel || cell.event != event)
                continue;
            if (++cell.received == 1)
                cell.latencyMs = std::max<qint64>(0, log->timeMsAt(row) - m_sentAtMs);
            else
                addSurprise(cell, kDuplicate);
            if (!cell.expected) {
                if (cell.why == QLatin1String("sender"))
                    addSurprise(cell, kEchoed);
                else if (cell.why == QLatin1String("excluded by socket_id"))
                    addSurprise(cell, kExcludedReceived);
                else
                    addSurprise(cell, kUnsubscribedReceived);
            }
            Q_EMIT cellChanged(i);
        }
    }
    maybeSettle();
}

void DeliveryTracker::maybeSettle()
{
    for (const DeliveryCell &cell : std::as_const(m_cells)) {
        if (cell.expected && cell.received == 0)
            return;
    }
    // Everyone expected has it; wait a little for duplicates and deliveries that should not come.
    // Nobody expected: only the timeout can tell that nothing came.
    const bool anyExpected = std::any_of(m_cells.cbegin(), m_cells.cend(), [](const auto &c) { return c.expected; });
    if (anyExpected)
        m_settle.start(m_settleMs);
}

void DeliveryTracker::finish()
{
    if (!m_running)
        return;
    if (LogStore *log = m_clients->log())
        log->flush();  // frames read in this turn count
    m_running = false;
    m_timeout.stop();
    m_settle.stop();
    if (!m_sendError) {
        for (DeliveryCell &cell : m_cells) {
            if (cell.expected && cell.received == 0)
                addSurprise(cell, kMissed);
        }
    }
    Q_EMIT finished();
}

int DeliveryTracker::surpriseCount() const
{
    return int(std::count_if(m_cells.cbegin(), m_cells.cend(), [](const auto &c) { return !c.surprises.isEmpty(); }));
}

QJsonObject DeliveryTracker::toJson() const
{
    QJsonArray cells;
    for (const DeliveryCell &cell : m_cells)
        cells.append(cell.toJson());
    QJsonObject o{{QStringLiteral("mode"), modeName(m_mode)},
                  {QStringLiteral("sent_at"),
                   QDateTime::fromMSecsSinceEpoch(m_sentAtMs, Qt::UTC).toString(Qt::ISODateWithMs)},
                  {QStringLiteral("timeout_ms"), m_timeoutMs},
                  {QStringLiteral("clients"), cells},
                  {QStringLiteral("surprises"), surpriseCount()}};
    if (!m_sender.isEmpty())
        o.insert(QStringLiteral("sender"), m_sender);
    if (m_sendError)
        o.insert(QStringLiteral("error"), QJsonObject{{QStringLiteral("code"), m_sendError->id()},
                                                      {QStringLiteral("message"), m_sendError->message}});
    return o;
}

}  // namespace cs
