#include "inspectpanel.h"
#include "emptystate.h"
#include "feedback.h"

#include "inspectrules.h"
#include "inspecttables.h"
#include "names.h"
#include "restclient.h"
#include "session.h"

#include <QCheckBox>
#include <QEvent>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

namespace cs::ui {

using inspecttables::makeTable;

InspectPanel::InspectPanel(QWidget *parent) : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    auto *splitter = new QSplitter(Qt::Vertical, this);  // stacked: the dock stays narrow
    splitter->setChildrenCollapsible(false);

    // Channels.
    auto *channelsBox = new QGroupBox(tr("Occupied channels"), splitter);
    channelsBox->setToolTip(tr("GET /channels: the channels that have subscribers"));
    auto *channelsLayout = new QVBoxLayout(channelsBox);
    auto *prefixRow = new QHBoxLayout;
    m_prefix = new QLineEdit(channelsBox);
    m_prefix->setObjectName(QStringLiteral("inspectPrefix"));
    m_prefix->setPlaceholderText(tr("prefix filter, e.g. presence-"));
    m_prefix->setClearButtonEnabled(true);
    m_prefix->setToolTip(tr("filter_by_prefix: only channels whose name starts with this.\n"
                            "With presence- the user counts are asked for too. Enter lists."));
    m_channelsButton = new QPushButton(tr("&List"), channelsBox);
    m_channelsButton->setObjectName(QStringLiteral("inspectChannelsButton"));
    prefixRow->addWidget(m_prefix, 1);
    prefixRow->addWidget(m_channelsButton);
    channelsLayout->addLayout(prefixRow);
    m_channelsTable =
        makeTable(QStringLiteral("inspectChannelsTable"), {tr("Channel")},
                  tr("Occupied channels and what the server says about each. Double-click one to inspect it."),
                  channelsBox);
    m_channelsTable->setSortingEnabled(true);
    m_channelsEmpty = new EmptyState(m_channelsTable);
    channelsLayout->addWidget(m_channelsTable, 1);
    m_channelsCount = new QLabel(channelsBox);
    m_channelsCount->setTextFormat(Qt::PlainText);  // may show server text
    m_channelsCount->setObjectName(QStringLiteral("inspectChannelsCount"));
    m_channelsCount->setToolTip(tr("How many channels the last listing returned"));
    channelsLayout->addWidget(m_channelsCount);
    splitter->addWidget(channelsBox);

    // One channel, its users, and terminating a user.
    auto *right = new QWidget(splitter);
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);

    auto *channelBox = new QGroupBox(tr("Channel"), right);
    channelBox->setToolTip(tr("GET /channels/NAME and, for presence channels, GET /channels/NAME/users"));
    auto *channelLayout = new QVBoxLayout(channelBox);
    auto *nameRow = new QHBoxLayout;
    m_channelName = new QLineEdit(channelBox);
    m_channelName->setObjectName(QStringLiteral("inspectChannelName"));
    m_channelName->setPlaceholderText(tr("channel name"));
    m_channelName->setToolTip(tr("The channel to ask about. Enter shows its info."));
    m_channelButton = new QPushButton(tr("&Info"), channelBox);
    m_channelButton->setObjectName(QStringLiteral("inspectChannelButton"));
    m_usersButton = new QPushButton(tr("&Users"), channelBox);
    m_usersButton->setObjectName(QStringLiteral("inspectUsersButton"));
    nameRow->addWidget(m_channelName, 1);
    nameRow->addWidget(m_channelButton);
    nameRow->addWidget(m_usersButton);
    channelLayout->addLayout(nameRow);
    m_subscriptionCount = new QCheckBox(tr("Ask for subscription_count"), channelBox);
    m_subscriptionCount->setObjectName(QStringLiteral("inspectSubscriptionCount"));
    m_subscriptionCount->setToolTip(tr("info=subscription_count: not for presence channels, and hosted Pusher needs it "
                                       "enabled for the app (an error otherwise). user_count is asked for presence "
                                       "channels and cache for cache channels."));
    channelLayout->addWidget(m_subscriptionCount);
    m_infoTitle = new QLabel(tr("Info: ask with the Info button"), channelBox);
    m_infoTitle->setObjectName(QStringLiteral("inspectChannelInfoTitle"));
    m_infoTitle->setTextFormat(Qt::PlainText);
    m_infoTitle->setToolTip(tr("The channel the info below belongs to"));
    channelLayout->addWidget(m_infoTitle);
    m_channelInfo = makeTable(QStringLiteral("inspectChannelInfo"), {tr("Attribute"), tr("Value")},
                              tr("The channel's attributes as the server answered"), channelBox);
    m_channelInfo->horizontalHeader()->resizeSection(0, m_channelInfo->fontMetrics().averageCharWidth() * 22);
    channelLayout->addWidget(m_channelInfo, 1);
    m_usersTitle = new QLabel(tr("Users: ask with the Users button (presence channels)"), channelBox);
    m_usersTitle->setObjectName(QStringLiteral("inspectUsersTitle"));
    m_usersTitle->setTextFormat(Qt::PlainText);
    m_usersTitle->setToolTip(tr("The channel the users below belong to"));
    channelLayout->addWidget(m_usersTitle);
    m_usersTable =
        makeTable(QStringLiteral("inspectUsersTable"), {tr("User id"), tr("User info")},
                  tr("The presence channel's users. Click one to put its id in the terminate field."), channelBox);
    m_usersTable->horizontalHeader()->resizeSection(0, m_usersTable->fontMetrics().averageCharWidth() * 22);
    m_usersEmpty = new EmptyState(m_usersTable);
    channelLayout->addWidget(m_usersTable, 1);
    m_usersCount = new QLabel(channelBox);
    m_usersCount->setTextFormat(Qt::PlainText);  // may show server text
    m_usersCount->setObjectName(QStringLiteral("inspectUsersCount"));
    m_usersCount->setToolTip(tr("How many users the last listing returned"));
    channelLayout->addWidget(m_usersCount);
    rightLayout->addWidget(channelBox, 1);

    auto *terminateBox = new QGroupBox(tr("Terminate a user's connections"), right);
    terminateBox->setToolTip(
        tr("POST /users/ID/terminate_connections: closes every connection that signed in as the user"));
    auto *terminateLayout = new QVBoxLayout(terminateBox);
    auto *terminateRow = new QHBoxLayout;
    m_terminateUserId = new QLineEdit(terminateBox);
    m_terminateUserId->setObjectName(QStringLiteral("terminateUserId"));
    m_terminateUserId->setPlaceholderText(tr("user id"));
    m_terminateUserId->setToolTip(
        tr("The user whose connections to close (only connections that signed in as this user)"));
    m_terminateButton = new QPushButton(tr("&Terminate…"), terminateBox);
    m_terminateButton->setObjectName(QStringLiteral("terminateButton"));
    m_terminateButton->setToolTip(tr("Close the user's connections; asks for confirmation here first"));
    terminateRow->addWidget(m_terminateUserId, 1);
    terminateRow->addWidget(m_terminateButton);
    terminateLayout->addLayout(terminateRow);

    m_confirmBar = new QWidget(terminateBox);
    m_confirmBar->setObjectName(QStringLiteral("terminateConfirmBar"));
    auto *confirmLayout = new QHBoxLayout(m_confirmBar);
    confirmLayout->setContentsMargins(0, 0, 0, 0);
    m_confirmText = new QLabel(m_confirmBar);
    m_confirmText->setWordWrap(true);
    m_confirmText->setTextFormat(Qt::PlainText);
    m_confirmText->setToolTip(tr("The user may connect again afterwards"));
    m_confirmButton = new QPushButton(tr("Yes, terminate"), m_confirmBar);
    m_confirmButton->setObjectName(QStringLiteral("terminateConfirmButton"));
    m_confirmButton->setToolTip(tr("Send the request now"));
    m_cancelButton = new QPushButton(tr("Cancel"), m_confirmBar);
    m_cancelButton->setObjectName(QStringLiteral("terminateCancelButton"));
    m_cancelButton->setToolTip(tr("Do not terminate anything"));
    confirmLayout->addWidget(m_confirmText, 1);
    confirmLayout->addWidget(m_confirmButton);
    confirmLayout->addWidget(m_cancelButton);
    m_confirmBar->hide();
    terminateLayout->addWidget(m_confirmBar);
    rightLayout->addWidget(terminateBox);
    splitter->addWidget(right);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 1);
    layout->addWidget(splitter, 1);

    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("inspectError"));
    m_error->setWordWrap(true);
    m_error->setTextFormat(Qt::PlainText);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->setToolTip(tr("The last request's error"));
    m_error->hide();
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("inspectStatus"));
    m_status->setWordWrap(true);
    m_status->setTextFormat(Qt::PlainText);
    m_status->setToolTip(tr("The last answer"));
    layout->addWidget(m_error);
    layout->addWidget(m_status);

    connect(m_prefix, &QLineEdit::returnPressed, this, &InspectPanel::listChannels);
    connect(m_channelsButton, &QPushButton::clicked, this, &InspectPanel::listChannels);
    connect(m_channelName, &QLineEdit::returnPressed, this, &InspectPanel::showChannel);
    connect(m_channelName, &QLineEdit::textChanged, this, &InspectPanel::updateButtons);
    connect(m_channelButton, &QPushButton::clicked, this, &InspectPanel::showChannel);
    connect(m_usersButton, &QPushButton::clicked, this, &InspectPanel::listUsers);
    connect(m_terminateUserId, &QLineEdit::returnPressed, this, &InspectPanel::requestTerminate);
    connect(m_terminateUserId, &QLineEdit::textChanged, this, [this] {
        cancelTerminate();
        updateButtons();
    });
    connect(m_terminateButton, &QPushButton::clicked, this, &InspectPanel::requestTerminate);
    connect(m_confirmButton, &QPushButton::clicked, this, &InspectPanel::confirmTerminate);
    connect(m_cancelButton, &QPushButton::clicked, this, &InspectPanel::cancelTerminate);
    connect(m_channelsTable, &QTableWidget::cellDoubleClicked, this, [this](int row) {
        const QTableWidgetItem *item = m_channelsTable->item(row, 0);
        if (!item)
            return;
        m_channelName->setText(item->text());
        showChannel();
        if (channelKindOf(item->text()).type == ChannelType::Presence)
            listUsers();
    });
    connect(m_usersTable, &QTableWidget::cellClicked, this, [this](int row) {
        if (const QTableWidgetItem *item = m_usersTable->item(row, 0))
            m_terminateUserId->setText(item->text());
    });
    setSession(nullptr);
}

InspectPanel::~InspectPanel() = default;

void InspectPanel::setSession(Session *session)
{
    if (m_session && m_session != session)
        disconnect(m_session, nullptr, this, nullptr);
    m_session = session;
    // Answers to the old session's requests are no longer wanted.
    ++m_channelsRequest;
    ++m_channelRequest;
    ++m_usersRequest;
    if (session)
        connect(session, &QObject::destroyed, this, &InspectPanel::updateButtons, Qt::QueuedConnection);
    cancelTerminate();
    m_channelsEmpty->setText(session ? tr("Press List to see the channels occupied on the server now.")
                                     : tr("Not connected.\nConnect with a profile (Ctrl+K) to ask the server "
                                          "which channels are occupied."));
    m_usersEmpty->setText(session ? tr("Name a presence- channel above and press Users to list its members.")
                                  : QString());
    updateButtons();
}

void InspectPanel::updateButtons()
{
    // Enabled state and the reason when not, from the same rules the requests check.
    const auto apply = [](QPushButton *button, const Status &allowed, const QString &whatItDoes) {
        button->setEnabled(allowed.ok());
        button->setToolTip(allowed ? whatItDoes : allowed.error().message);
    };
    const bool session = m_session;
    const QString name = m_channelName->text();
    apply(m_channelsButton, canListChannels(session), tr("List the occupied channels (GET /channels)"));
    apply(m_channelButton, canQueryChannel(session, name), tr("Show the channel's info (GET /channels/NAME)"));
    apply(m_usersButton, canQueryChannel(session, name),
          tr("List a presence channel's users (GET /channels/NAME/users)"));
    m_subscriptionCount->setEnabled(mayAskSubscriptionCount(name));
    m_terminateButton->setEnabled(canTerminateUser(session, m_terminateUserId->text()).ok());
    m_confirmButton->setEnabled(canListChannels(session).ok());  // the user id was checked when asked
}

bool InspectPanel::report(const QString &what, const QString &title, const RestResponse &response)
{
    const bool ok = response.ok();
    if (ok) {
        feedback::show(m_error, {}, feedback::Tone::Neutral);
        m_status->setText(tr("%1: %2 in %3 ms").arg(title).arg(response.status).arg(response.durationMs));
        Q_EMIT statusMessage(m_status->text());
    } else {
        const QString message = tr("%1 failed: %2").arg(title, response.errorMessage());
        feedback::show(m_error, message, feedback::Tone::Error);
        m_status->clear();
        Q_EMIT statusMessage(message);
    }
    Q_EMIT answerShown(what, ok);
    return ok;
}

void InspectPanel::listChannels()
{
    if (!canListChannels(m_session))
        return;
    const QString prefix = m_prefix->text().trimmed();
    const QStringList info = channelListInfo(prefix);
    const quint64 request = ++m_channelsRequest;
    const QString title = prefix.isEmpty() ? tr("Channels") : tr("Channels starting with %1").arg(prefix);
    m_status->setText(tr("%1: asking…").arg(title));
    const QPointer<InspectPanel> guard(this);
    m_session->rest()->channels(prefix, info, [guard, request, title](const RestResponse &response) {
        if (!guard || request != guard->m_channelsRequest)
            return;
        if (guard->report(QStringLiteral("channels"), title, response))
            guard->fillChannels(response);
        else
            guard->m_channelsTable->setRowCount(0);
    });
}

void InspectPanel::fillChannels(const RestResponse &response)
{
    const QJsonObject channels = response.json.toObject().value(QStringLiteral("channels")).toObject();
    if (!inspecttables::fillChannels(m_channelsTable, channels))
        Q_EMIT statusMessage(tr("The channel listing has more than %1 different attributes; showing %1")
                                 .arg(inspecttables::kMaxAttributeColumns));
    m_channelsEmpty->setText(tr("No channel is occupied right now."));
    m_channelsCount->setText(channels.size() == 1 ? tr("1 channel") : tr("%1 channels").arg(channels.size()));
}

void InspectPanel::showChannel()
{
    const QString name = m_channelName->text().trimmed();
    if (!canQueryChannel(m_session, name))
        return;
    const QStringList info = channelInfoFields(name, m_subscriptionCount->isChecked());
    const quint64 request = ++m_channelRequest;
    const QString title = tr("Info of %1").arg(name);
    m_status->setText(tr("%1: asking…").arg(title));
    const QPointer<InspectPanel> guard(this);
    m_session->rest()->channel(name, info, [guard, request, title, name](const RestResponse &response) {
        if (!guard || request != guard->m_channelRequest)
            return;
        if (guard->report(QStringLiteral("channel"), title, response)) {
            guard->fillChannelInfo(name, response);
        } else {
            guard->m_channelInfo->setRowCount(0);
            guard->m_infoTitle->setText(tr("Info of %1: the request failed").arg(name));
        }
    });
}

void InspectPanel::fillChannelInfo(const QString &channel, const RestResponse &response)
{
    m_infoTitle->setText(tr("Info of %1").arg(channel));
    inspecttables::fillAttributes(m_channelInfo, response.json.toObject());
}

void InspectPanel::listUsers()
{
    const QString name = m_channelName->text().trimmed();
    if (!canQueryChannel(m_session, name))
        return;
    const quint64 request = ++m_usersRequest;
    const QString title = tr("Users of %1").arg(name);
    m_status->setText(tr("%1: asking…").arg(title));
    const QPointer<InspectPanel> guard(this);
    m_session->rest()->users(name, [guard, request, title, name](const RestResponse &response) {
        if (!guard || request != guard->m_usersRequest)
            return;
        if (guard->report(QStringLiteral("users"), title, response)) {
            guard->fillUsers(name, response);
        } else {
            guard->m_usersTable->setRowCount(0);
            guard->m_usersCount->clear();
            guard->m_usersTitle->setText(tr("Users of %1: the request failed").arg(name));
        }
    });
}

void InspectPanel::fillUsers(const QString &channel, const RestResponse &response)
{
    m_usersTitle->setText(tr("Users of %1").arg(channel));
    const QJsonArray users = response.json.toObject().value(QStringLiteral("users")).toArray();
    m_usersEmpty->setText(tr("Nobody is in %1 right now.").arg(channel));
    inspecttables::fillUsers(m_usersTable, users);
    m_usersCount->setText(users.size() == 1 ? tr("1 user") : tr("%1 users").arg(users.size()));
}

void InspectPanel::requestTerminate()
{
    const QString userId = m_terminateUserId->text().trimmed();
    if (!canTerminateUser(m_session, userId))
        return;
    m_confirmText->setText(tr("Close every connection of user %1? They may connect again.").arg(userId));
    feedback::setTone(m_confirmText, feedback::Tone::Warning);
    m_confirmBar->show();
    m_terminateButton->hide();
    m_confirmButton->setFocus();
}

void InspectPanel::cancelTerminate()
{
    if (m_confirmBar->isHidden())
        return;
    m_confirmBar->hide();
    m_terminateButton->show();
}

void InspectPanel::confirmTerminate()
{
    const QString userId = m_terminateUserId->text().trimmed();
    cancelTerminate();
    if (!canTerminateUser(m_session, userId))
        return;
    const QString title = tr("Terminating %1's connections").arg(userId);
    m_status->setText(tr("%1: asking…").arg(title));
    const QPointer<InspectPanel> guard(this);
    m_session->rest()->terminateUserConnections(userId, [guard, title](const RestResponse &response) {
        if (guard)
            guard->report(QStringLiteral("terminate"), title, response);
    });
}

void InspectPanel::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    feedback::followPalette(this, event);
}

}  // namespace cs::ui
