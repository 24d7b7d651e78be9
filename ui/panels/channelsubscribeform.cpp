#include "channelsubscribeform.h"

#include "channelkindtext.h"
#include "feedback.h"
#include "jsoneditor.h"
#include "settingsaccess.h"

#include <QAction>
#include <QCompleter>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QSettings>
#include <QStringListModel>
#include <QToolButton>
#include <QVBoxLayout>

namespace cs::ui {

namespace {

const QString kRecentKey = QStringLiteral("channels/recent");
constexpr int kFieldMinChars = 22;  // "presence-room-1234" and a little more, before eliding

}  // namespace

ChannelSubscribeForm::ChannelSubscribeForm(QWidget *parent) : QWidget(parent)
{
    buildUi();
    loadRecent();
    updateFeedback();
}

void ChannelSubscribeForm::buildUi()
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);

    // Subscribe row.
    auto *subscribeRow = new QHBoxLayout;
    auto *channelLabel = new QLabel(tr("&Channel:"), this);
    m_field = new QLineEdit(this);
    m_field->setObjectName(QStringLiteral("subscribeField"));
    m_field->setPlaceholderText(tr("channel name, e.g. presence-room"));
    m_field->setClearButtonEnabled(true);
    m_field->setToolTip(tr("Channel to subscribe to. The prefix sets the type: private-, presence-, "
                           "private-encrypted-, cache-…; anything else is public.\nPress Enter to subscribe."));
    channelLabel->setBuddy(m_field);
    m_recentModel = new QStringListModel(this);
    m_completer = new QCompleter(m_recentModel, this);
    m_completer->setCaseSensitivity(Qt::CaseInsensitive);
    m_completer->setFilterMode(Qt::MatchContains);
    m_field->setCompleter(m_completer);

    m_recentButton = new QToolButton(this);
    m_recentButton->setObjectName(QStringLiteral("recentChannelsButton"));
    m_recentButton->setText(tr("Recent"));
    m_recentButton->setPopupMode(QToolButton::InstantPopup);
    m_recentButton->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_recentButton->setToolTip(tr("Channels subscribed to recently: pick one to put it in the field"));
    m_recentButton->setMenu(new QMenu(m_recentButton));

    m_subscribeButton = new QPushButton(tr("&Subscribe"), this);
    m_subscribeButton->setObjectName(QStringLiteral("subscribeButton"));

    // The field has its own row so that a narrow dock still shows a whole channel name; the
    // buttons share the type's row below it.
    m_field->setMinimumWidth(m_field->fontMetrics().averageCharWidth() * kFieldMinChars);
    subscribeRow->addWidget(channelLabel);
    subscribeRow->addWidget(m_field, 1);
    layout->addLayout(subscribeRow);

    // Type (with the buttons) and warning.
    m_typeLabel = new QLabel(this);
    m_typeLabel->setObjectName(QStringLiteral("channelTypeLabel"));
    m_typeLabel->setToolTip(tr("The channel type the name's prefix selects"));
    m_typeLabel->setTextFormat(Qt::PlainText);
    auto *typeRow = new QHBoxLayout;
    typeRow->addWidget(m_typeLabel, 1);
    typeRow->addWidget(m_recentButton);
    typeRow->addWidget(m_subscribeButton);
    layout->addLayout(typeRow);
    m_warning = new QLabel(this);
    m_warning->setObjectName(QStringLiteral("channelWarning"));
    m_warning->setWordWrap(true);
    m_warning->setTextFormat(Qt::PlainText);
    m_warning->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_warning->setToolTip(tr("Why the name cannot be subscribed to, or what to watch out for"));
    m_warning->hide();
    layout->addWidget(m_warning);

    // Presence identity, for presence- channels only.
    m_presenceBox = new QWidget(this);
    m_presenceBox->setObjectName(QStringLiteral("presenceIdentityBox"));
    auto *presenceForm = new QFormLayout(m_presenceBox);
    presenceForm->setContentsMargins(0, 0, 0, 0);
    m_userId = new QLineEdit(m_presenceBox);
    m_userId->setObjectName(QStringLiteral("presenceUserId"));
    m_userId->setPlaceholderText(tr("user id, e.g. user-1"));
    m_userId->setToolTip(tr("The user id this connection joins the presence channel with (required)"));
    m_userInfo = new JsonEditor(m_presenceBox);
    m_userInfo->setObjectName(QStringLiteral("presenceUserInfo"));
    m_userInfo->setAllowEmpty(true);
    m_userInfo->setRequireObject(true);
    m_userInfo->setVisibleLines(3);
    m_userInfo->setPlaceholderText(tr("user info, a JSON object, e.g. {\"name\": \"Ada\"} (optional)"));
    m_userInfo->setToolTip(tr("The user_info other members see: a JSON object, or empty"));
    auto *identityNote = new QLabel(tr("Presence identity for this subscription:"), m_presenceBox);
    identityNote->setToolTip(
        tr("Prefilled from the profile's identity; what you change here only applies to this subscription"));
    presenceForm->addRow(identityNote);
    presenceForm->addRow(tr("User &id:"), m_userId);
    presenceForm->addRow(tr("User in&fo:"), m_userInfo);
    m_presenceBox->hide();
    layout->addWidget(m_presenceBox);

    connect(m_field, &QLineEdit::textChanged, this, &ChannelSubscribeForm::updateFeedback);
    connect(m_field, &QLineEdit::returnPressed, this, &ChannelSubscribeForm::subscribeFromField);
    connect(m_userId, &QLineEdit::textChanged, this, &ChannelSubscribeForm::updateFeedback);
    connect(m_userId, &QLineEdit::returnPressed, this, &ChannelSubscribeForm::subscribeFromField);
    connect(m_userInfo, &JsonEditor::validated, this, &ChannelSubscribeForm::updateFeedback);
    connect(m_userInfo, &JsonEditor::submitRequested, this, &ChannelSubscribeForm::subscribeFromField);
    connect(m_subscribeButton, &QPushButton::clicked, this, &ChannelSubscribeForm::subscribeFromField);
}

void ChannelSubscribeForm::setSettings(QSettings *settings)
{
    m_settings = settings;
    loadRecent();
}

void ChannelSubscribeForm::setSession(Session *session)
{
    m_session = session;
    updateFeedback();
}

void ChannelSubscribeForm::setIdentity(const PresenceIdentity &identity)
{
    m_userId->setText(identity.userId);
    m_userInfo->setPlainText(identity.userInfo.isEmpty()
                                 ? QString()
                                 : QString::fromUtf8(QJsonDocument(identity.userInfo).toJson(QJsonDocument::Compact)));
}

ServerLimits ChannelSubscribeForm::limits() const { return m_session ? m_session->limits() : ServerLimits{}; }

qsizetype ChannelSubscribeForm::userInfoBytes() const
{
    // As it goes out in channel_data: compact JSON.
    return QJsonDocument(m_userInfo->value().toObject()).toJson(QJsonDocument::Compact).size();
}

void ChannelSubscribeForm::updateFeedback()
{
    const QString name = m_field->text().trimmed();
    const ChannelKind kind = channelKindOf(name);
    const bool presence = !name.isEmpty() && kind.type == ChannelType::Presence;

    if (name.isEmpty()) {
        m_typeLabel->setText(tr("Type: —"));
        m_typeLabel->setToolTip(tr("The channel type the name's prefix selects"));
    } else {
        m_typeLabel->setText(tr("Type: %1").arg(channelKindLabel(kind)));
        m_typeLabel->setToolTip(channelKindDescription(kind));
    }
    m_presenceBox->setVisible(presence);

    QString message;
    feedback::Tone tone = feedback::Tone::Neutral;
    bool canSubscribe = !name.isEmpty() && m_session;
    if (!name.isEmpty()) {
        if (const Status valid = validateChannelName(name); !valid) {
            message = valid.error().message;
            tone = feedback::Tone::Error;
            canSubscribe = false;
        } else if (presence && m_userId->text().trimmed().isEmpty()) {
            message = tr("Presence channels need a user id");
            tone = feedback::Tone::Error;
            canSubscribe = false;
        } else if (presence && !m_userInfo->isValid()) {
            message = tr("User info: %1").arg(m_userInfo->errorMessage());
            tone = feedback::Tone::Error;
            canSubscribe = false;
        } else if (const QString warning = presence ? userInfoWarning(userInfoBytes(), limits()) : QString();
                   !warning.isEmpty()) {
            message = warning;  // the server may take more: subscribing stays possible
            tone = feedback::Tone::Warning;
        } else if (const QString warning = channelNameWarning(name); !warning.isEmpty()) {
            message = warning;
            tone = feedback::Tone::Warning;
        } else if (m_session) {
            if (const Subscription *sub = m_session->channels()->subscription(name);
                sub && sub->state != SubscriptionState::Failed) {
                message = tr("Already %1").arg(subscriptionStateName(sub->state));
                canSubscribe = false;
            }
        }
    }
    feedback::show(m_warning, message, tone);
    m_subscribeButton->setEnabled(canSubscribe);
    if (!m_session)
        m_subscribeButton->setToolTip(tr("No connection: open a profile to subscribe"));
    else if (!message.isEmpty() && !canSubscribe)
        m_subscribeButton->setToolTip(message);
    else
        m_subscribeButton->setToolTip(tr("Subscribe to the channel in the field (Enter)"));
}

bool ChannelSubscribeForm::subscribeFromField()
{
    const QString name = m_field->text().trimmed();
    auto refuse = [this](const QString &why) {
        feedback::show(m_warning, why, feedback::Tone::Error);
        Q_EMIT statusMessage(tr("Not subscribed: %1").arg(why));
        return false;
    };
    if (name.isEmpty())
        return refuse(tr("Type a channel name first"));
    if (const Status valid = validateChannelName(name); !valid)
        return refuse(valid.error().message);
    if (!m_session)
        return refuse(tr("No connection: open a profile first"));

    PresenceIdentity identity;
    if (channelKindOf(name).type == ChannelType::Presence) {
        identity.userId = m_userId->text().trimmed();
        if (identity.userId.isEmpty())
            return refuse(tr("Presence channels need a user id"));
        if (!m_userInfo->isValid())
            return refuse(tr("User info: %1").arg(m_userInfo->errorMessage()));
        identity.userInfo = m_userInfo->value().toObject();
    }
    if (const Status status = m_session->channels()->subscribe(name, identity); !status)
        return refuse(status.error().message);

    addRecent(name);
    Q_EMIT subscribed(name);
    m_field->clear();
    Q_EMIT statusMessage(tr("Subscribing to %1…").arg(name));
    return true;
}

void ChannelSubscribeForm::loadRecent()
{
    withSettings(m_settings, [this](QSettings &s) { m_recent = s.value(kRecentKey).toStringList(); });
    m_recentModel->setStringList(m_recent);
    rebuildRecentMenu();
}

void ChannelSubscribeForm::addRecent(const QString &channel)
{
    m_recent.removeAll(channel);
    m_recent.prepend(channel);
    while (m_recent.size() > kMaxRecent)
        m_recent.removeLast();
    withSettings(m_settings, [this](QSettings &s) { s.setValue(kRecentKey, m_recent); });
    m_recentModel->setStringList(m_recent);
    rebuildRecentMenu();
}

void ChannelSubscribeForm::rebuildRecentMenu()
{
    QMenu *menu = m_recentButton->menu();
    menu->clear();
    for (const QString &name : std::as_const(m_recent)) {
        QAction *action = menu->addAction(name);
        action->setToolTip(channelKindDescription(channelKindOf(name)));
        connect(action, &QAction::triggered, this, [this, name] {
            m_field->setText(name);
            m_field->setFocus();
        });
    }
    if (!m_recent.isEmpty()) {
        menu->addSeparator();
        connect(menu->addAction(tr("Clear recent channels")), &QAction::triggered, this, [this] {
            m_recent.clear();
            withSettings(m_settings, [](QSettings &s) { s.remove(kRecentKey); });
            m_recentModel->setStringList({});
            rebuildRecentMenu();
        });
    }
    m_recentButton->setEnabled(!m_recent.isEmpty());
}

}  // namespace cs::ui
