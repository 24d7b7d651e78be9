#include "publishpanel.h"

#include "clienteventform.h"
#include "feedback.h"
#include "publishanswerview.h"
#include "publishhistoryview.h"
#include "restclient.h"
#include "triggerform.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QSplitter>
#include <QTabWidget>
#include <QVBoxLayout>

namespace cs::ui {

namespace {

enum Tab { TriggerTab, BatchTab, ClientTab };

}  // namespace

PublishPanel::PublishPanel(QWidget *parent) : QWidget(parent)
{
    auto *layout = new QHBoxLayout(this);
    auto *splitter = new QSplitter(Qt::Vertical, this);  // stacked: the dock stays narrow
    splitter->setObjectName(QStringLiteral("publishSplitter"));
    splitter->setChildrenCollapsible(false);

    m_trigger = new TriggerForm;
    m_batch = new BatchForm;
    m_client = new ClientEventForm;
    auto *formsSide = new QWidget(splitter);
    auto *formsLayout = new QVBoxLayout(formsSide);
    formsLayout->setContentsMargins(0, 0, 0, 0);
    m_empty = feedback::emptyStateLabel(
        QStringLiteral("publishEmptyState"),
        tr("Connect to a profile to trigger events through its REST API or send client events"), formsSide);
    formsLayout->addWidget(m_empty);
    m_tabs = new QTabWidget(formsSide);
    formsLayout->addWidget(m_tabs, 1);
    m_tabs->setObjectName(QStringLiteral("publishTabs"));
    m_tabs->setToolTip(tr("REST trigger, REST batch, or a client event over this connection"));
    m_tabs->addTab(m_trigger, tr("&Trigger"));
    m_tabs->setTabToolTip(TriggerTab, tr("POST /events: one event to one or more channels"));
    m_tabs->addTab(m_batch, tr("&Batch"));
    m_tabs->setTabToolTip(BatchTab, tr("POST /batch_events: up to %1 events in one request").arg(kMaxBatchRows));
    m_tabs->addTab(m_client, tr("C&lient event"));
    m_tabs->setTabToolTip(ClientTab, tr("A client- event sent over this connection's WebSocket"));
    splitter->addWidget(formsSide);
    splitter->addWidget(buildSide());
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    layout->addWidget(splitter);

    connect(m_trigger, &TriggerForm::sendRequested, this, &PublishPanel::sendTrigger);
    connect(m_batch, &BatchForm::sendRequested, this, &PublishPanel::sendBatch);
    connect(m_client, &ClientEventForm::statusMessage, this, &PublishPanel::statusMessage);

    m_clientRefresh.setSingleShot(true);
    m_clientRefresh.setInterval(0);
    connect(&m_clientRefresh, &QTimer::timeout, m_client, &ClientEventForm::refreshChannels);

    setSession(nullptr);
}

PublishPanel::~PublishPanel() = default;

void PublishPanel::setSettings(QSettings *settings)
{
    m_history.setSettings(settings);
    m_historyView->rebuild();
}

QWidget *PublishPanel::buildSide()
{
    auto *side = new QWidget;
    side->setObjectName(QStringLiteral("publishSide"));
    auto *layout = new QVBoxLayout(side);
    layout->setContentsMargins(0, 0, 0, 0);
    m_answer = new PublishAnswerView(side);
    m_historyView = new PublishHistoryView(&m_history, side);
    layout->addWidget(m_answer, 2);
    layout->addWidget(m_historyView, 3);
    connect(m_historyView, &PublishHistoryView::loadRequested, this, &PublishPanel::loadRecord);
    connect(m_historyView, &PublishHistoryView::saveTemplateRequested, this, &PublishPanel::saveTemplate);
    connect(m_historyView, &PublishHistoryView::statusMessage, this, &PublishPanel::statusMessage);
    return side;
}

// --- Session --------------------------------------------------------------------------------------

void PublishPanel::setSession(Session *session)
{
    if (session && m_session == session)
        return;
    if (m_session) {
        disconnect(m_session, nullptr, this, nullptr);
        disconnect(m_session->channels(), nullptr, this, nullptr);
        disconnect(m_session->connection(), nullptr, this, nullptr);
    }
    m_session = session;
    if (session) {
        connect(session->channels(), &ChannelRegistry::subscriptionChanged, this, [this] {
            if (!m_clientRefresh.isActive())
                m_clientRefresh.start();
        });
        connect(session, &Session::limitsChanged, this, [this] {
            m_trigger->validate();
            m_batch->validate();
            m_client->validate();
        });
        connect(session->connection(), &Connection::stateChanged, this, [this] {
            m_trigger->updateExcludeMe();
            m_client->validate();  // client events need the connection up
        });
        // The forms' pointers are already null then: refresh everything that depends on a session.
        connect(session, &QObject::destroyed, this,
                [this] { QTimer::singleShot(0, this, &PublishPanel::refreshForSession); });
    }
    m_trigger->setSession(session);
    m_batch->setSession(session);
    m_client->setSession(session);
    refreshForSession();
}

void PublishPanel::refreshForSession()
{
    m_trigger->updateExcludeMe();
    m_client->refreshChannels();
    m_batch->validate();
    m_historyView->setCanSend(m_session);
    m_empty->setVisible(!m_session);
}

QStringList PublishPanel::clientEventChannels() const { return m_client->offeredChannels(); }

// --- Sending --------------------------------------------------------------------------------------

bool PublishPanel::sendTrigger()
{
    if (const Status allowed = m_trigger->validate(); !allowed) {
        m_trigger->focusProblem();
        Q_EMIT statusMessage(tr("Not sent: %1").arg(allowed.error().message));
        return false;
    }
    const PublishRecord record = m_trigger->record();
    TriggerRequest request{record.channels, record.event, record.data, {}, record.info};
    if (record.excludeMe)
        request.socketId = m_trigger->draft().socketId;  // present: canSendTrigger() checked it
    sendRecorded(record, tr("Trigger %1").arg(record.summary()),
                 [request](RestClient *rest, RestClient::Callback done) { rest->trigger(request, std::move(done)); });
    return true;
}

bool PublishPanel::sendBatch()
{
    m_batch->commitEdits();
    if (const Status allowed = m_batch->validate(); !allowed) {
        Q_EMIT statusMessage(tr("Batch not sent: %1").arg(allowed.error().message));
        return false;
    }
    const PublishRecord record = m_batch->record();
    QList<BatchEvent> events;
    for (const PublishBatchRow &row : record.batch)
        events.append(BatchEvent{row.channel, row.event, row.data, {}, {}});
    sendRecorded(record, tr("Batch of %1 event(s)").arg(events.size()),
                 [events](RestClient *rest, RestClient::Callback done) { rest->batch(events, std::move(done)); });
    return true;
}

bool PublishPanel::sendClientEvent() { return m_client->send(); }

void PublishPanel::sendRecorded(const PublishRecord &record, const QString &what,
                                const std::function<void(RestClient *, RestClient::Callback)> &call)
{
    // History first, so that a send is remembered even when no answer ever comes.
    const quint64 id = m_history.addHistory(record);
    m_historyView->rebuild();
    m_answer->showPending(what);
    const QPointer<PublishPanel> guard(this);
    call(m_session->rest(), [guard, id, what](const RestResponse &response) {
        if (!guard)
            return;
        guard->m_history.setStatus(id, response.status ? response.status : -1);
        guard->m_historyView->rebuild();
        guard->showAnswer(what, response);
    });
}

void PublishPanel::showAnswer(const QString &what, const RestResponse &response)
{
    const QString status = m_answer->showAnswer(what, response);
    const bool ok = response.ok();
    Q_EMIT statusMessage(ok ? tr("%1: %2").arg(what, status) : tr("%1 failed: %2").arg(what, response.errorMessage()));
    Q_EMIT answerShown(ok);
}

// --- History and templates ------------------------------------------------------------------------

void PublishPanel::loadRecord(const PublishRecord &record, bool send)
{
    const bool batch = record.kind == PublishRecord::Kind::Batch;
    if (batch)
        m_batch->load(record);
    else
        m_trigger->load(record);
    m_tabs->setCurrentIndex(batch ? BatchTab : TriggerTab);
    if (send) {
        if (batch)
            sendBatch();
        else
            sendTrigger();
    } else {
        Q_EMIT statusMessage(tr("Loaded %1 into the form").arg(record.name.isEmpty() ? record.summary() : record.name));
    }
}

void PublishPanel::saveTemplate(const QString &name)
{
    PublishRecord record;
    if (m_tabs->currentIndex() == BatchTab) {
        record = m_batch->record();
    } else if (m_tabs->currentIndex() == TriggerTab) {
        record = m_trigger->record();
    } else {
        Q_EMIT statusMessage(tr("Templates keep trigger and batch forms; client events are not kept"));
        return;
    }
    const bool replaced = m_history.templateEntry(name) != nullptr;
    m_history.saveTemplate(name, record);
    m_historyView->rebuild();
    Q_EMIT statusMessage(replaced ? tr("Template %1 replaced").arg(name) : tr("Template %1 saved").arg(name));
}

void PublishPanel::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    feedback::followPalette(this, event, [this] {
        m_historyView->rebuild();
        m_batch->validate();
        m_trigger->validate();
        m_client->validate();
    });
}

}  // namespace cs::ui
