#include "clientspanel.h"

#include "tone.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPixmap>
#include <QPushButton>
#include <QSet>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

namespace cs::ui {

namespace {

constexpr int kRefreshMs = 100;  // client changes come in bursts (a roster of many members)

QTableWidget *makeTable(const QStringList &headers, const QString &objectName, QWidget *parent)
{
    auto *table = new QTableWidget(0, int(headers.size()), parent);
    table->setObjectName(objectName);
    table->setHorizontalHeaderLabels(headers);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->verticalHeader()->hide();
    table->horizontalHeader()->setStretchLastSection(true);
    return table;
}

QTableWidgetItem *item(const QString &text)
{
    auto *it = new QTableWidgetItem(text);
    it->setToolTip(text);
    return it;
}

QIcon swatch(const QColor &color)
{
    QPixmap pixmap(12, 12);
    pixmap.fill(color);
    return QIcon(pixmap);
}

}  // namespace

ClientsPanel::ClientsPanel(LogStore *log, QWidget *parent) : QWidget(parent), m_clients(log), m_tracker(&m_clients)
{
    m_refresh.setSingleShot(true);
    m_refresh.setInterval(kRefreshMs);
    connect(&m_refresh, &QTimer::timeout, this, &ClientsPanel::refresh);
    connect(&m_clients, &ClientSet::clientAdded, this, &ClientsPanel::scheduleRefresh);
    connect(&m_clients, &ClientSet::clientRemoved, this, &ClientsPanel::scheduleRefresh);
    connect(&m_clients, &ClientSet::clientChanged, this, &ClientsPanel::scheduleRefresh);
    connect(&m_tracker, &DeliveryTracker::cellChanged, this, &ClientsPanel::refreshMatrix);
    connect(&m_tracker, &DeliveryTracker::finished, this, &ClientsPanel::refreshMatrix);
    buildUi();
}

ClientsPanel::~ClientsPanel() = default;

QColor ClientsPanel::colorFor(int colorIndex)
{
    // Distinct hues at a lightness readable on light and dark palettes.
    static const int kHues[] = {210, 25, 130, 280, 350, 55, 180, 95};
    const int n = int(std::size(kHues));
    return QColor::fromHsl(kHues[colorIndex % n], 170, colorIndex / n % 2 ? 150 : 120);
}

void ClientsPanel::buildUi()
{
    auto *layout = new QVBoxLayout(this);
    auto *row = new QHBoxLayout;
    m_addButton = new QPushButton(tr("Add client"), this);
    m_addButton->setObjectName(QStringLiteral("addClient"));
    auto *connectButton = new QPushButton(tr("Connect"), this);
    connectButton->setObjectName(QStringLiteral("connectClient"));
    auto *disconnectButton = new QPushButton(tr("Disconnect"), this);
    disconnectButton->setObjectName(QStringLiteral("disconnectClient"));
    auto *removeButton = new QPushButton(tr("Remove"), this);
    removeButton->setObjectName(QStringLiteral("removeClient"));
    for (QPushButton *b : {m_addButton, connectButton, disconnectButton, removeButton})
        row->addWidget(b);
    row->addStretch();
    layout->addLayout(row);

    auto *channelRow = new QHBoxLayout;
    m_channel = new QLineEdit(QStringLiteral("presence-demo"), this);
    m_channel->setObjectName(QStringLiteral("clientsChannel"));
    m_threeButton = new QPushButton(tr("Three presence users on this channel"), this);
    m_threeButton->setObjectName(QStringLiteral("threePresenceUsers"));
    channelRow->addWidget(new QLabel(tr("Channel:"), this));
    channelRow->addWidget(m_channel, 1);
    channelRow->addWidget(m_threeButton);
    layout->addLayout(channelRow);

    auto *split = new QSplitter(Qt::Vertical, this);
    m_clientTable = makeTable({tr("Client"), tr("User"), tr("State"), tr("Socket"), tr("Channels")},
                              QStringLiteral("clientTable"), split);
    m_rosterTable = makeTable({tr("Member")}, QStringLiteral("rosterTable"), split);
    auto *matrixBox = new QWidget(split);
    auto *matrixLayout = new QVBoxLayout(matrixBox);
    matrixLayout->setContentsMargins(0, 0, 0, 0);
    auto *sendRow = new QHBoxLayout;
    m_event = new QLineEdit(QStringLiteral("client-demo"), matrixBox);
    m_event->setObjectName(QStringLiteral("clientsEvent"));
    m_data = new QLineEdit(QStringLiteral("{\"hello\":\"world\"}"), matrixBox);
    m_data->setObjectName(QStringLiteral("clientsData"));
    auto *triggerButton = new QPushButton(tr("Trigger (REST)"), matrixBox);
    triggerButton->setObjectName(QStringLiteral("triggerRest"));
    auto *clientEventButton = new QPushButton(tr("Client event from selected"), matrixBox);
    clientEventButton->setObjectName(QStringLiteral("sendClientEvent"));
    sendRow->addWidget(new QLabel(tr("Event:"), matrixBox));
    sendRow->addWidget(m_event, 1);
    sendRow->addWidget(m_data, 1);
    sendRow->addWidget(triggerButton);
    sendRow->addWidget(clientEventButton);
    matrixLayout->addLayout(sendRow);
    m_matrixSummary = new QLabel(tr("Send an event to see where it went."), matrixBox);
    m_matrixSummary->setObjectName(QStringLiteral("matrixSummary"));
    matrixLayout->addWidget(m_matrixSummary);
    m_matrixTable = makeTable({tr("Client"), tr("Expected"), tr("Why"), tr("Received"), tr("Latency"), tr("Surprise")},
                              QStringLiteral("matrixTable"), matrixBox);
    matrixLayout->addWidget(m_matrixTable, 1);
    layout->addWidget(split, 1);

    connect(m_addButton, &QPushButton::clicked, this, &ClientsPanel::addClient);
    connect(m_threeButton, &QPushButton::clicked, this, &ClientsPanel::addPresenceUsers);
    connect(removeButton, &QPushButton::clicked, this, &ClientsPanel::removeSelected);
    connect(connectButton, &QPushButton::clicked, this, [this] { openSelected(true); });
    connect(disconnectButton, &QPushButton::clicked, this, [this] { openSelected(false); });
    connect(triggerButton, &QPushButton::clicked, this, &ClientsPanel::triggerRest);
    connect(clientEventButton, &QPushButton::clicked, this, &ClientsPanel::sendClientEvent);
    connect(m_channel, &QLineEdit::textChanged, this, &ClientsPanel::scheduleRefresh);
}

void ClientsPanel::addClient()
{
    const auto credentials = m_credentials ? m_credentials() : std::nullopt;
    if (!credentials)
        return Q_EMIT statusMessage(tr("Connect a profile first: new clients use its credentials."));
    auto client = m_clients.add({*credentials, {}, {}, {}});
    if (!client)
        return Q_EMIT statusMessage(client.error().message);
    if (!m_channel->text().isEmpty())
        (void)(*client)->subscribe(m_channel->text());
    (*client)->open();
}

void ClientsPanel::addPresenceUsers()
{
    const auto credentials = m_credentials ? m_credentials() : std::nullopt;
    if (!credentials)
        return Q_EMIT statusMessage(tr("Connect a profile first: new clients use its credentials."));
    const auto added = m_clients.addPresenceUsers(3, m_channel->text(), *credentials);
    if (!added)
        Q_EMIT statusMessage(added.error().message);
}

Client *ClientsPanel::selectedClient() const
{
    const int row = m_clientTable->currentRow();
    if (row < 0 || !m_clientTable->item(row, 0))
        return nullptr;
    return m_clients.find(m_clientTable->item(row, 0)->text());
}

void ClientsPanel::removeSelected()
{
    if (Client *c = selectedClient())
        m_clients.remove(c);
}

void ClientsPanel::openSelected(bool open)
{
    if (Client *c = selectedClient())
        open ? c->open() : c->close();
}

void ClientsPanel::triggerRest()
{
    const QList<Client *> clients = m_clients.clients();
    if (clients.isEmpty())
        return Q_EMIT statusMessage(tr("Add clients first."));
    // Any client's REST client will do: they share the profile's credentials.
    m_tracker.trigger(clients.first()->session()->rest(),
                      {{m_channel->text()}, m_event->text(), m_data->text(), {}, {}});
    refreshMatrix();
}

void ClientsPanel::sendClientEvent()
{
    Client *sender = selectedClient();
    if (!sender)
        return Q_EMIT statusMessage(tr("Select the client that sends the client event."));
    const QJsonDocument doc = QJsonDocument::fromJson(m_data->text().toUtf8());
    const QJsonValue data = doc.isObject()  ? QJsonValue(doc.object())
                            : doc.isArray() ? QJsonValue(doc.array())
                                            : QJsonValue(m_data->text());
    m_tracker.clientEvent(sender, m_channel->text(), m_event->text(), data);
    refreshMatrix();
}

void ClientsPanel::refresh()
{
    refreshClients();
    refreshRosters();
}

void ClientsPanel::refreshClients()
{
    const QString selected = selectedClient() ? selectedClient()->name() : QString();
    const QList<Client *> clients = m_clients.clients();
    m_clientTable->setRowCount(int(clients.size()));
    for (int row = 0; row < clients.size(); ++row) {
        const Client *c = clients[row];
        auto *name = item(c->name());
        name->setIcon(swatch(colorFor(c->colorIndex())));
        m_clientTable->setItem(row, 0, name);
        m_clientTable->setItem(row, 1, item(c->identity().userId));
        m_clientTable->setItem(row, 2, item(connectionStateName(c->state())));
        m_clientTable->setItem(row, 3, item(c->socketId()));
        m_clientTable->setItem(row, 4, item(c->session()->channels()->channelNames().join(QStringLiteral(", "))));
        if (c->name() == selected)
            m_clientTable->setCurrentCell(row, 0);
    }
}

void ClientsPanel::refreshRosters()
{
    // One column per client, one row per member any client sees: a member missing from one
    // client's roster while others list it is the difference the user looks for.
    const QString channel = m_channel->text();
    const QList<Client *> clients = m_clients.clients();
    const QStringList members = m_clients.presenceUsers(channel);
    QStringList headers{tr("Member")};
    for (const Client *c : clients)
        headers << c->name();
    m_rosterTable->clear();
    m_rosterTable->setColumnCount(int(headers.size()));
    m_rosterTable->setHorizontalHeaderLabels(headers);
    m_rosterTable->setRowCount(int(members.size()));
    const QColor missing = feedback::tint(palette(), feedback::Tone::Error);
    for (int row = 0; row < members.size(); ++row) {
        m_rosterTable->setItem(row, 0, item(members[row]));
        for (int col = 0; col < clients.size(); ++col) {
            const Subscription *sub = clients[col]->session()->channels()->subscription(channel);
            const bool sees = sub && sub->members.contains(members[row]);
            auto *cell = item(sees ? QStringLiteral("✓") : QStringLiteral("—"));
            cell->setTextAlignment(Qt::AlignCenter);
            if (!sees) {
                cell->setBackground(missing);
                cell->setToolTip(tr("%1 does not see %2").arg(clients[col]->name(), members[row]));
            }
            m_rosterTable->setItem(row, col + 1, cell);
        }
    }
}

void ClientsPanel::refreshMatrix()
{
    const QList<DeliveryCell> &cells = m_tracker.cells();
    m_matrixTable->setRowCount(int(cells.size()));
    const QColor surprise = feedback::tint(palette(), feedback::Tone::Error);
    for (int row = 0; row < cells.size(); ++row) {
        const DeliveryCell &cell = cells[row];
        const QStringList texts{cell.client,
                                cell.expected ? tr("yes") : tr("no"),
                                cell.why,
                                cell.received > 1 ? tr("%1 times").arg(cell.received)
                                                  : (cell.received ? tr("yes") : tr("no")),
                                cell.latencyMs >= 0 ? tr("%1 ms").arg(cell.latencyMs) : QString(),
                                cell.surprises.join(QStringLiteral(", "))};
        for (int col = 0; col < texts.size(); ++col) {
            auto *it = item(texts[col]);
            if (!cell.surprises.isEmpty())
                it->setBackground(surprise);
            m_matrixTable->setItem(row, col, it);
        }
        if (const Client *c = m_clients.find(cell.client))
            m_matrixTable->item(row, 0)->setIcon(swatch(colorFor(c->colorIndex())));
    }
    if (m_tracker.isRunning())
        m_matrixSummary->setText(tr("Waiting for deliveries…"));
    else if (const auto error = m_tracker.sendError())
        m_matrixSummary->setText(tr("Sending failed: %1").arg(error->message));
    else
        m_matrixSummary->setText(m_tracker.surpriseCount() ? tr("%n surprise(s)", nullptr, m_tracker.surpriseCount())
                                                           : tr("Delivered as expected."));
}

}  // namespace cs::ui
