#include "clienteventform.h"

#include "feedback.h"
#include "jsoneditor.h"
#include "publishformparts.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTime>

namespace cs::ui {

using publishparts::buddyLabel;
using publishparts::errorLabel;

ClientEventForm::ClientEventForm(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("clientForm"));
    auto *layout = new QFormLayout(this);
    layout->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);

    auto *note = new QLabel(tr("Sent over this connection's WebSocket to a subscribed private or presence channel. "
                               "Client events must be enabled for the app; the sender does not receive its own event."),
                            this);
    note->setWordWrap(true);
    note->setToolTip(tr("Protocol rules for client events"));
    layout->addRow(note);
    m_empty = feedback::emptyStateLabel(
        QStringLiteral("clientEmptyState"),
        tr("Subscribe to a private or presence channel (Channels panel) to send client events on it"), this);
    m_empty->hide();
    layout->addRow(m_empty);

    m_channel = new QComboBox(this);
    m_channel->setObjectName(QStringLiteral("clientChannel"));
    m_channel->setToolTip(tr("Subscribed private and presence channels (encrypted channels take no client events)"));
    m_channel->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_channel->setMinimumContentsLength(16);
    layout->addRow(tr("C&hannel:"), m_channel);

    auto *eventRow = new QHBoxLayout;
    eventRow->setSpacing(0);
    auto *prefix = new QLabel(kClientEventPrefix, this);
    prefix->setObjectName(QStringLiteral("clientEventPrefix"));
    prefix->setToolTip(tr("Client event names always start with client-"));
    prefix->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    prefix->setContentsMargins(0, 0, 4, 0);
    m_event = new QLineEdit(this);
    m_event->setObjectName(QStringLiteral("clientEventName"));
    m_event->setPlaceholderText(tr("rest of the name, e.g. typing"));
    m_event->setToolTip(tr("The event name after the fixed client- prefix"));
    m_event->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    eventRow->addWidget(prefix);
    eventRow->addWidget(m_event, 1);
    layout->addRow(buddyLabel(tr("&Event:"), m_event, this), eventRow);

    m_data = new JsonEditor(this);
    m_data->setObjectName(QStringLiteral("clientData"));
    m_data->setToolTip(tr("The event data, checked as JSON while you type. Ctrl+Enter sends."));
    m_plainString = new QCheckBox(tr("Send as a plain string (not JSON)"), this);
    m_plainString->setObjectName(QStringLiteral("clientPlainStringCheck"));
    m_plainString->setToolTip(tr("Send the text as a JSON string, without the JSON check"));
    layout->addRow(buddyLabel(tr("&Data:"), m_data, this), m_data);
    layout->addRow(QString(), m_plainString);

    m_error = errorLabel(QStringLiteral("clientError"), tr("Why the client event cannot be or was not sent"), this);
    m_status = errorLabel(QStringLiteral("clientStatus"), tr("The last client event sent"), this);
    layout->addRow(m_error);
    layout->addRow(m_status);
    m_sendButton = new QPushButton(tr("&Send"), this);
    m_sendButton->setObjectName(QStringLiteral("clientSendButton"));
    layout->addRow(publishparts::sendButtonRow(m_sendButton));

    connect(m_channel, &QComboBox::currentIndexChanged, this, &ClientEventForm::validate);
    connect(m_event, &QLineEdit::textEdited, this, [this](const QString &text) {
        // The prefix is fixed: typing or pasting it again does not double it.
        if (text.startsWith(kClientEventPrefix)) {
            const int cursor = m_event->cursorPosition();
            m_event->setText(text.mid(kClientEventPrefix.size()));
            m_event->setCursorPosition(qMax(0, cursor - int(kClientEventPrefix.size())));
        }
    });
    connect(m_event, &QLineEdit::textChanged, this, &ClientEventForm::validate);
    connect(m_event, &QLineEdit::returnPressed, this, [this] { m_data->setFocus(); });
    connect(m_data, &JsonEditor::validated, this, &ClientEventForm::validate);
    connect(m_data, &JsonEditor::submitRequested, this, &ClientEventForm::send);
    connect(m_plainString, &QCheckBox::toggled, this, [this](bool on) { m_data->setPlainStringMode(on); });
    connect(m_sendButton, &QPushButton::clicked, this, &ClientEventForm::send);
    publishparts::addSendShortcut(this, [this] { send(); });
}

void ClientEventForm::setSession(Session *session)
{
    m_session = session;
    refreshChannels();
}

QStringList ClientEventForm::offeredChannels() const
{
    QStringList out;
    if (!m_session)
        return out;
    const ChannelRegistry *registry = m_session->channels();
    for (const QString &name : registry->channelNames()) {
        if (const Subscription *sub = registry->subscription(name); sub && acceptsClientEvents(*sub))
            out << name;
    }
    return out;
}

void ClientEventForm::refreshChannels()
{
    const QStringList channels = offeredChannels();
    QStringList current;
    for (int i = 0; i < m_channel->count(); ++i)
        current << m_channel->itemText(i);
    if (current != channels) {
        const QString selected = m_channel->currentText();
        const QSignalBlocker blocker(m_channel);
        m_channel->clear();
        m_channel->addItems(channels);
        const int index = m_channel->findText(selected);
        m_channel->setCurrentIndex(index >= 0 ? index : (channels.isEmpty() ? -1 : 0));
        m_channel->setPlaceholderText(m_session ? tr("no subscribed private or presence channel")
                                                : tr("no connection"));
    }
    validate();
}

ClientEventDraft ClientEventForm::draft() const
{
    ClientEventDraft d;
    d.hasSession = m_session;
    d.connected = m_session && m_session->connection()->state() == ConnectionState::Connected;
    d.channel = m_channel->currentIndex() >= 0 ? m_channel->currentText() : QString();
    if (m_session && !d.channel.isEmpty())
        if (const Subscription *sub = m_session->channels()->subscription(d.channel))
            d.subscription = sub->state;
    d.eventSuffix = m_event->text();
    d.dataProblem = m_data->isValid() ? QString() : m_data->errorMessage();
    d.data = m_data->toPlainText();
    if (m_session)
        d.limits = m_session->limits();
    return d;
}

Status ClientEventForm::validate()
{
    const ClientEventDraft d = draft();
    const Status input = checkClientEventInput(d);
    if (!input)
        feedback::show(m_error, input.error().message, feedback::Tone::Error);
    else  // what the server may refuse: shown, never blocking
        feedback::show(m_error, clientEventWarnings(d).join(u'\n'), feedback::Tone::Warning);
    m_empty->setVisible(m_session && m_channel->count() == 0);
    const Status allowed = canSendClientEvent(d);
    m_sendButton->setEnabled(allowed.ok());
    m_sendButton->setToolTip(allowed ? tr("Send %1 on %2 (Ctrl+Enter)").arg(d.eventName(), d.channel)
                                     : allowed.error().message);
    return allowed;
}

bool ClientEventForm::send()
{
    if (const Status allowed = validate(); !allowed) {
        Q_EMIT statusMessage(tr("Client event not sent: %1").arg(allowed.error().message));
        return false;
    }
    const ClientEventDraft d = draft();
    const Status status = m_session->channels()->sendClientEvent(d.channel, d.eventName(), m_data->value());
    if (!status) {
        feedback::show(m_error, status.error().message, feedback::Tone::Error);
        feedback::show(m_status, {}, feedback::Tone::Neutral);
        Q_EMIT statusMessage(tr("Client event not sent: %1").arg(status.error().message));
        return false;
    }
    const QString message =
        tr("Sent %1 on %2 at %3")
            .arg(d.eventName(), d.channel, QTime::currentTime().toString(QStringLiteral("HH:mm:ss")));
    feedback::show(m_status, message, feedback::Tone::Success);
    Q_EMIT statusMessage(message);
    return true;
}

}  // namespace cs::ui
