#include "triggerform.h"

#include "feedback.h"
#include "jsoneditor.h"
#include "names.h"
#include "publishformparts.h"

#include <QCheckBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QToolButton>

namespace cs::ui {

using publishparts::buddyLabel;
using publishparts::errorLabel;

TriggerForm::TriggerForm(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("triggerForm"));
    auto *layout = new QFormLayout(this);
    layout->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);

    auto *channelsRow = new QHBoxLayout;
    m_channels = new QLineEdit(this);
    m_channels->setObjectName(QStringLiteral("triggerChannels"));
    m_channels->setPlaceholderText(tr("one or more channels, separated by spaces"));
    m_channels->setToolTip(tr("Channels to trigger on (1 to 100), separated by spaces or new lines.\n"
                              "Commas belong to channel names, so they do not separate.\n"
                              "#server-to-user-<user id> sends to every connection signed in as that user."));
    m_channelsPick = new QToolButton(this);
    m_channelsPick->setObjectName(QStringLiteral("triggerChannelsPick"));
    m_channelsPick->setText(tr("Add…"));
    m_channelsPick->setPopupMode(QToolButton::InstantPopup);
    m_channelsPick->setToolTip(tr("Add one of this connection's channels to the list"));
    buildChannelsPicker();
    channelsRow->addWidget(m_channels, 1);
    channelsRow->addWidget(m_channelsPick);
    layout->addRow(buddyLabel(tr("C&hannels:"), m_channels, this), channelsRow);

    m_event = new QLineEdit(this);
    m_event->setObjectName(QStringLiteral("triggerEvent"));
    m_event->setPlaceholderText(tr("event name, e.g. my-event"));
    m_event->setToolTip(tr("The event name (up to %1 characters)").arg(kEventNameMaxLength));
    layout->addRow(tr("&Event:"), m_event);

    m_data = new JsonEditor(this);
    m_data->setObjectName(QStringLiteral("triggerData"));
    m_data->setToolTip(tr("The event data. It is checked as JSON while you type; the first error is underlined.\n"
                          "Ctrl+Enter sends."));
    m_dataError = errorLabel(QStringLiteral("triggerDataError"), tr("Where the data stops being valid JSON"), this);
    m_plainString = new QCheckBox(tr("Send as a &plain string (not JSON)"), this);
    m_plainString->setObjectName(QStringLiteral("plainStringCheck"));
    m_plainString->setToolTip(tr("Send the text as it is, without the JSON check: for data that is not JSON"));
    layout->addRow(buddyLabel(tr("&Data:"), m_data, this), m_data);
    layout->addRow(QString(), m_dataError);
    layout->addRow(QString(), m_plainString);

    m_excludeMe = new QCheckBox(tr("E&xclude my connection"), this);
    m_excludeMe->setObjectName(QStringLiteral("excludeMeCheck"));
    layout->addRow(tr("Options:"), m_excludeMe);

    auto *infoRow = new QHBoxLayout;
    m_infoUserCount = new QCheckBox(QStringLiteral("user_count"), this);
    m_infoUserCount->setObjectName(QStringLiteral("infoUserCount"));
    m_infoUserCount->setToolTip(tr("Ask for each presence channel's user count in the answer (info=user_count).\n"
                                   "soketi ignores info."));
    m_infoSubscriptionCount = new QCheckBox(QStringLiteral("subscription_count"), this);
    m_infoSubscriptionCount->setObjectName(QStringLiteral("infoSubscriptionCount"));
    m_infoSubscriptionCount->setToolTip(
        tr("Ask for each channel's subscription count in the answer "
           "(info=subscription_count; must be enabled for the app).\nsoketi ignores info."));
    infoRow->addWidget(m_infoUserCount);
    infoRow->addWidget(m_infoSubscriptionCount);
    infoRow->addStretch(1);
    layout->addRow(tr("Info:"), infoRow);

    m_formError = errorLabel(QStringLiteral("triggerFormError"), tr("What keeps the form from being sent"), this);
    layout->addRow(m_formError);
    m_sendButton = new QPushButton(tr("&Send"), this);
    m_sendButton->setObjectName(QStringLiteral("sendButton"));
    layout->addRow(publishparts::sendButtonRow(m_sendButton));

    connect(m_channels, &QLineEdit::textChanged, this, &TriggerForm::validate);
    connect(m_event, &QLineEdit::textChanged, this, &TriggerForm::validate);
    connect(m_data, &JsonEditor::validated, this, &TriggerForm::validate);
    connect(m_data, &JsonEditor::submitRequested, this, &TriggerForm::sendRequested);
    connect(m_plainString, &QCheckBox::toggled, this, [this](bool on) { m_data->setPlainStringMode(on); });
    connect(m_sendButton, &QPushButton::clicked, this, &TriggerForm::sendRequested);
    connect(m_channels, &QLineEdit::returnPressed, this, [this] { m_event->setFocus(); });
    connect(m_event, &QLineEdit::returnPressed, this, [this] { m_data->setFocus(); });
    publishparts::addSendShortcut(this, [this] { Q_EMIT sendRequested(); });
    updateExcludeMe();
}

void TriggerForm::buildChannelsPicker()
{
    auto *pickMenu = new QMenu(m_channelsPick);
    m_channelsPick->setMenu(pickMenu);
    connect(pickMenu, &QMenu::aboutToShow, this, [this, pickMenu] {
        pickMenu->clear();
        const QStringList names = m_session ? m_session->channels()->channelNames() : QStringList();
        for (const QString &name : names)
            connect(pickMenu->addAction(name), &QAction::triggered, this, [this, name] { appendChannel(name); });
        if (names.isEmpty())
            pickMenu->addAction(tr("(no subscriptions)"))->setEnabled(false);
        // REST "send to user": an event on #server-to-user-<id> reaches every connection
        // signed in as that user.
        pickMenu->addSeparator();
        const QString signedIn = m_session ? m_session->channels()->signedInUserId() : QString();
        QAction *toUser = pickMenu->addAction(signedIn.isEmpty() ? tr("A user (#server-to-user-\u2026)")
                                                                 : tr("A user (#server-to-user-%1)").arg(signedIn));
        toUser->setObjectName(QStringLiteral("sendToUserAction"));
        connect(toUser, &QAction::triggered, this, [this, signedIn] {
            const QString channel = QStringLiteral("#server-to-user-") + signedIn;
            QStringList list = triggerChannels(m_channels->text());
            list.removeAll(channel);
            list << channel;  // last, so that the user id can be typed after it
            m_channels->setText(list.join(u' '));
            m_channels->setFocus();
            m_channels->end(false);  // type the user id next
        });
    });
}

void TriggerForm::appendChannel(const QString &channel)
{
    QStringList list = triggerChannels(m_channels->text());
    if (!list.contains(channel))
        list << channel;
    m_channels->setText(list.join(u' '));
}

void TriggerForm::setSession(Session *session)
{
    m_session = session;
    updateExcludeMe();
}

void TriggerForm::updateExcludeMe()
{
    const QString socketId = m_session ? m_session->connection()->socketId() : QString();
    m_excludeMe->setEnabled(!socketId.isEmpty());
    if (socketId.isEmpty()) {
        m_excludeMe->setText(tr("E&xclude my connection"));
        m_excludeMe->setToolTip(tr("Leave this connection out of the recipients (socket_id). Needs a connection."));
    } else {
        m_excludeMe->setText(tr("E&xclude my connection (socket %1)").arg(socketId));
        m_excludeMe->setToolTip(
            tr("Send socket_id %1 so that this connection does not receive the event").arg(socketId));
    }
    validate();
}

TriggerDraft TriggerForm::draft() const
{
    TriggerDraft d;
    d.hasSession = m_session;
    d.channels = triggerChannels(m_channels->text());
    d.event = m_event->text();
    d.data = m_data->toPlainText();
    d.dataProblem = m_data->isValid() ? QString() : m_data->errorMessage();
    d.excludeMe = m_excludeMe->isChecked() && m_excludeMe->isEnabled();
    d.socketId = m_session ? m_session->connection()->socketId() : QString();
    if (m_session)
        d.limits = m_session->limits();
    return d;
}

Status TriggerForm::validate()
{
    // Data: message under the editor; an untouched, empty editor is not an error yet (the
    // placeholder says what to type and Send stays disabled).
    const bool untouched = m_data->toPlainText().trimmed().isEmpty();
    feedback::show(m_dataError, m_data->isValid() || untouched ? QString() : m_data->errorMessage(),
                   feedback::Tone::Error);

    const TriggerDraft d = draft();
    // Red for something typed wrong (Send disabled); otherwise what the server may refuse, in
    // amber: Send stays enabled, the user may know the server allows more.
    QStringList warnings;
    if (const Status input = checkTriggerInput(d); !input) {
        feedback::show(m_formError, input.error().message, feedback::Tone::Error);
    } else {
        warnings = triggerWarnings(d);
        feedback::show(m_formError, warnings.join(u'\n'), feedback::Tone::Warning);
    }

    const Status allowed = canSendTrigger(d);
    m_sendButton->setEnabled(allowed.ok());
    m_sendButton->setToolTip(!allowed             ? allowed.error().message
                             : warnings.isEmpty() ? tr("Send the event (Ctrl+Enter)")
                                                  : tr("Send anyway: the server may refuse it (Ctrl+Enter)"));
    return allowed;
}

PublishRecord TriggerForm::record() const
{
    const TriggerDraft d = draft();
    PublishRecord r;
    r.kind = PublishRecord::Kind::Trigger;
    r.channels = d.channels;
    r.event = d.event;
    r.data = d.data;
    r.plainString = m_plainString->isChecked();
    r.excludeMe = d.excludeMe;
    if (m_infoUserCount->isChecked())
        r.info << QStringLiteral("user_count");
    if (m_infoSubscriptionCount->isChecked())
        r.info << QStringLiteral("subscription_count");
    return r;
}

void TriggerForm::load(const PublishRecord &record)
{
    m_channels->setText(record.channels.join(u' '));
    m_event->setText(record.event);
    m_plainString->setChecked(record.plainString);
    m_data->setPlainText(record.data);
    m_excludeMe->setChecked(record.excludeMe && m_excludeMe->isEnabled());
    m_infoUserCount->setChecked(record.info.contains(QStringLiteral("user_count")));
    m_infoSubscriptionCount->setChecked(record.info.contains(QStringLiteral("subscription_count")));
    validate();
}

void TriggerForm::focusProblem()
{
    if (!m_data->isValid())
        m_data->setFocus();
}

}  // namespace cs::ui
