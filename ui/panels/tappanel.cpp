#include "tappanel.h"

#include "resttap.h"
#include "tapsnippets.h"
#include "webhookinbox.h"
#include "wstap.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>

namespace cs::ui {

namespace {

const char *const kSettingNames[3] = {"restPort", "wsPort", "webhookPort"};

}  // namespace

TapPanel::TapPanel(LogStore *log, QWidget *parent) : QWidget(parent), m_log(log)
{
    auto *layout = new QVBoxLayout(this);
    auto *listeners = new QGroupBox(tr("Listeners"), this);
    auto *grid = new QGridLayout(listeners);
    m_bind = new QLineEdit(QStringLiteral("127.0.0.1"), listeners);
    m_bind->setObjectName(QStringLiteral("tapBind"));
    m_bind->setToolTip(tr("Address the listeners bind to; loopback keeps them private to this machine"));
    grid->addWidget(new QLabel(tr("Bind address"), listeners), 0, 0);
    grid->addWidget(m_bind, 0, 1, 1, 3);
    const QString names[3] = {tr("REST tap"), tr("WebSocket tap"), tr("Webhook inbox")};
    const QString objects[3] = {QStringLiteral("rest"), QStringLiteral("ws"), QStringLiteral("webhook")};
    for (int i = 0; i < 3; ++i) {
        m_ports[i] = new QSpinBox(listeners);
        m_ports[i]->setRange(0, 65535);
        m_ports[i]->setSpecialValueText(tr("any free"));
        m_ports[i]->setObjectName(objects[i] + QStringLiteral("Port"));
        m_buttons[i] = new QPushButton(tr("Start"), listeners);
        m_buttons[i]->setObjectName(objects[i] + QStringLiteral("Toggle"));
        m_states[i] = new QLabel(tr("stopped"), listeners);
        m_states[i]->setObjectName(objects[i] + QStringLiteral("State"));
        m_states[i]->setTextInteractionFlags(Qt::TextSelectableByMouse);
        grid->addWidget(new QLabel(names[i], listeners), i + 1, 0);
        grid->addWidget(m_ports[i], i + 1, 1);
        grid->addWidget(m_buttons[i], i + 1, 2);
        grid->addWidget(m_states[i], i + 1, 3);
        connect(m_buttons[i], &QPushButton::clicked, this, [this, i] { toggle(Listener(i)); });
    }
    grid->setColumnStretch(3, 1);
    layout->addWidget(listeners);

    auto *inbox = new QGroupBox(tr("Webhook inbox"), this);
    auto *form = new QFormLayout(inbox);
    m_webhookStatus = new QComboBox(inbox);
    m_webhookStatus->setObjectName(QStringLiteral("webhookStatus"));
    m_webhookStatus->addItem(tr("200 OK"), 200);
    m_webhookStatus->addItem(tr("500 Internal Server Error"), 500);
    m_webhookStatus->addItem(tr("503 Service Unavailable"), 503);
    m_webhookStatus->addItem(tr("No answer (the server times out)"), tap::WebhookInbox::kNoAnswer);
    m_forward = new QLineEdit(inbox);
    m_forward->setObjectName(QStringLiteral("webhookForward"));
    m_forward->setPlaceholderText(tr("https://your-app.test/pusher/webhooks (optional)"));
    form->addRow(tr("Answer"), m_webhookStatus);
    form->addRow(tr("Forward to"), m_forward);
    connect(m_webhookStatus, &QComboBox::currentIndexChanged, this, [this] {
        if (m_inbox)
            m_inbox->setAnswerStatus(m_webhookStatus->currentData().toInt());
        saveSettings();
    });
    connect(m_forward, &QLineEdit::editingFinished, this, [this] {
        if (m_inbox)
            m_inbox->setForwardUrl(QUrl(m_forward->text().trimmed(), QUrl::StrictMode));
        saveSettings();
    });
    layout->addWidget(inbox);

    auto *snippets = new QGroupBox(tr("Copy into your app"), this);
    auto *snippetLayout = new QVBoxLayout(snippets);
    m_snippets = new QTabWidget(snippets);
    m_snippets->setObjectName(QStringLiteral("tapSnippets"));
    const QString tabs[5] = {tr("Env"), tr("Laravel .env"), tr("Node SDK"), tr("pusher-js / Echo"), tr("Webhook URL")};
    for (const QString &tab : tabs) {
        auto *text = new QPlainTextEdit(m_snippets);
        text->setReadOnly(true);
        text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
        m_snippets->addTab(text, tab);
    }
    auto *copy = new QPushButton(tr("Copy"), snippets);
    copy->setObjectName(QStringLiteral("copySnippet"));
    connect(copy, &QPushButton::clicked, this, &TapPanel::copySnippet);
    snippetLayout->addWidget(m_snippets);
    snippetLayout->addWidget(copy, 0, Qt::AlignRight);
    layout->addWidget(snippets);

    auto *clients = new QGroupBox(tr("Tapped clients"), this);
    auto *clientLayout = new QVBoxLayout(clients);
    m_clients = new QTableWidget(0, 7, clients);
    m_clients->setObjectName(QStringLiteral("tapClients"));
    m_clients->setHorizontalHeaderLabels(
        {tr("Id"), tr("Socket id"), tr("User"), tr("Channels"), tr("In"), tr("Out"), tr("State")});
    m_clients->horizontalHeader()->setStretchLastSection(true);
    m_clients->verticalHeader()->hide();
    m_clients->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_clients->setSelectionMode(QAbstractItemView::SingleSelection);
    m_clients->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_onlyClient = new QPushButton(tr("Show only this client in the log"), clients);
    m_onlyClient->setObjectName(QStringLiteral("onlyClient"));
    connect(m_onlyClient, &QPushButton::clicked, this, [this] {
        const int row = m_clients->currentRow();
        if (row >= 0 && m_clients->item(row, 0))
            emit filterRequested(QStringLiteral("source:tap conn:tap:%1").arg(m_clients->item(row, 0)->text()));
    });
    clientLayout->addWidget(m_clients);
    clientLayout->addWidget(m_onlyClient, 0, Qt::AlignRight);
    layout->addWidget(clients, 1);
    refresh();
}

TapPanel::~TapPanel() = default;

void TapPanel::setProfile(const QString &profileId, const Credentials &credentials)
{
    for (int i = 0; i < 3; ++i)
        stop(Listener(i));
    m_profileId = profileId;
    m_credentials = credentials;
    m_hasProfile = true;
    loadSettings();
    refresh();
}

bool TapPanel::isRunning(Listener which) const { return port(which) != 0; }

quint16 TapPanel::port(Listener which) const
{
    switch (which) {
    case Rest: return m_rest && m_rest->isListening() ? m_rest->port() : 0;
    case WebSocket: return m_ws && m_ws->isListening() ? m_ws->port() : 0;
    case Webhook: return m_inbox && m_inbox->isListening() ? m_inbox->port() : 0;
    }
    return 0;
}

void TapPanel::toggle(Listener which) { isRunning(which) ? stop(which) : start(which); }

void TapPanel::start(Listener which)
{
    if (!m_hasProfile) {
        m_states[which]->setText(tr("connect a profile first: the taps forward to its server"));
        return;
    }
    const QHostAddress bind(m_bind->text().trimmed());
    if (bind.isNull()) {
        m_states[which]->setText(tr("the bind address is not an IP address"));
        return;
    }
    const auto port = quint16(m_ports[which]->value());
    Status status;
    switch (which) {
    case Rest:
        m_rest = std::make_unique<tap::RestTap>(m_credentials, m_log);
        m_rest->setTappedChannels([this] { return m_ws ? m_ws->subscribedChannels() : QStringList(); });
        status = m_rest->listen(bind, port);
        break;
    case WebSocket:
        m_ws = std::make_unique<tap::WsTap>(m_credentials, m_log);
        connect(m_ws.get(), &tap::WsTap::clientsChanged, this, &TapPanel::refreshClients);
        status = m_ws->listen(bind, port);
        break;
    case Webhook:
        m_inbox = std::make_unique<tap::WebhookInbox>(m_credentials, m_log);
        m_inbox->setAnswerStatus(m_webhookStatus->currentData().toInt());
        m_inbox->setForwardUrl(QUrl(m_forward->text().trimmed(), QUrl::StrictMode));
        status = m_inbox->listen(bind, port);
        break;
    }
    refresh();
    if (!status) {
        m_states[which]->setText(status.error().message);
        emit statusMessage(status.error().message);
        return;
    }
    saveSettings();
}

void TapPanel::stop(Listener which)
{
    switch (which) {
    case Rest: m_rest.reset(); break;
    case WebSocket: m_ws.reset(); break;
    case Webhook: m_inbox.reset(); break;
    }
    refresh();
}

void TapPanel::refresh()
{
    tap::TapAddresses addresses;
    addresses.host = m_bind->text().trimmed();
    addresses.appId = m_credentials.appId;
    addresses.key = m_credentials.key;
    addresses.restPort = port(Rest);
    addresses.wsPort = port(WebSocket);
    addresses.webhookPort = port(Webhook);
    for (int i = 0; i < 3; ++i) {
        const quint16 p = port(Listener(i));
        m_buttons[i]->setText(p ? tr("Stop") : tr("Start"));
        m_ports[i]->setEnabled(!p);
        if (p)
            m_ports[i]->setValue(p);  // the port a free-port start got: what the snippets say
        m_states[i]->setText(p ? tr("listening on %1:%2").arg(addresses.host).arg(p) : tr("stopped"));
    }
    const QString texts[5] = {
        addresses.restPort ? tap::envSnippet(addresses) : tr("Start the REST tap to get these lines."),
        addresses.restPort ? tap::laravelSnippet(addresses) : tr("Start the REST tap to get these lines."),
        addresses.restPort ? tap::nodeSdkSnippet(addresses) : tr("Start the REST tap to get these lines."),
        addresses.wsPort ? tap::pusherJsSnippet(addresses) : tr("Start the WebSocket tap to get these lines."),
        addresses.webhookPort ? tap::webhookSnippet(addresses) : tr("Start the webhook inbox to get its URL.")};
    for (int i = 0; i < 5; ++i)
        static_cast<QPlainTextEdit *>(m_snippets->widget(i))->setPlainText(texts[i]);
    refreshClients();
}

void TapPanel::refreshClients()
{
    const QList<tap::TappedClientInfo> clients = m_ws ? m_ws->clients() : QList<tap::TappedClientInfo>();
    m_clients->setRowCount(int(clients.size()));
    for (int row = 0; row < clients.size(); ++row) {
        const tap::TappedClientInfo &c = clients[row];
        const QString cells[7] = {c.id,
                                  c.socketId,
                                  c.userId,
                                  c.channels.join(QStringLiteral(", ")),
                                  QString::number(c.framesIn),
                                  QString::number(c.framesOut),
                                  c.open ? tr("open") : tr("closed")};
        for (int column = 0; column < 7; ++column) {
            auto *item = m_clients->item(row, column);
            if (!item) {
                item = new QTableWidgetItem;
                m_clients->setItem(row, column, item);
            }
            item->setText(cells[column]);
        }
    }
    m_onlyClient->setEnabled(!clients.isEmpty());
}

QString TapPanel::snippet(int index) const
{
    const auto *text = qobject_cast<QPlainTextEdit *>(m_snippets->widget(index));
    return text ? text->toPlainText() : QString();
}

void TapPanel::copySnippet()
{
    QApplication::clipboard()->setText(snippet(m_snippets->currentIndex()));
    emit statusMessage(tr("Copied the %1 lines").arg(m_snippets->tabText(m_snippets->currentIndex())));
}

void TapPanel::saveSettings()
{
    if (!m_settings || m_profileId.isEmpty())
        return;
    const QString group = QStringLiteral("tap/%1/").arg(m_profileId);
    for (int i = 0; i < 3; ++i) {
        // The port the user asked for, or the one a free-port start got, so the snippets stay valid.
        const quint16 p = port(Listener(i));
        m_settings->setValue(group + QLatin1String(kSettingNames[i]), p ? p : m_ports[i]->value());
    }
    m_settings->setValue(group + QStringLiteral("bind"), m_bind->text().trimmed());
    m_settings->setValue(group + QStringLiteral("webhookStatus"), m_webhookStatus->currentData());
    m_settings->setValue(group + QStringLiteral("webhookForward"), m_forward->text().trimmed());
}

void TapPanel::loadSettings()
{
    if (!m_settings || m_profileId.isEmpty())
        return;
    const QString group = QStringLiteral("tap/%1/").arg(m_profileId);
    for (int i = 0; i < 3; ++i)
        m_ports[i]->setValue(m_settings->value(group + QLatin1String(kSettingNames[i]), 0).toInt());
    m_bind->setText(m_settings->value(group + QStringLiteral("bind"), QStringLiteral("127.0.0.1")).toString());
    const int status = m_webhookStatus->findData(m_settings->value(group + QStringLiteral("webhookStatus"), 200));
    m_webhookStatus->setCurrentIndex(std::max(0, status));
    m_forward->setText(m_settings->value(group + QStringLiteral("webhookForward")).toString());
}

}  // namespace cs::ui
