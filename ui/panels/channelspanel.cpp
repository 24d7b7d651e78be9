#include "channelspanel.h"
#include "feedback.h"

#include "jsoneditor.h"
#include "session.h"

#include <QAction>
#include <QCompleter>
#include <QEvent>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QSettings>
#include <QStringListModel>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

#include <limits>

namespace cs::ui {

namespace {

const QString kRecentKey = QStringLiteral("channels/recent");

QString kindLabel(const ChannelKind &kind)
{
    QString text = channelTypeName(kind.type);
    if (kind.cache)
        text += QStringLiteral(" · cache");
    return text;
}

QString kindDescription(const ChannelKind &kind)
{
    QString text;
    switch (kind.type) {
    case ChannelType::Public: text = ChannelsPanel::tr("public: anyone with the key may subscribe; no authorization"); break;
    case ChannelType::Private: text = ChannelsPanel::tr("private: the subscription is signed by the authorizer"); break;
    case ChannelType::Presence:
        text = ChannelsPanel::tr("presence: signed, with a user id and user info; members see each other");
        break;
    case ChannelType::PrivateEncrypted:
        text = ChannelsPanel::tr("private-encrypted: signed; events are end-to-end encrypted with the master key");
        break;
    case ChannelType::ServerToUser:
        text = ChannelsPanel::tr("server-to-user: internal channel used after sign-in");
        break;
    }
    if (kind.cache)
        text += ChannelsPanel::tr("\ncache: the last event is kept and replayed to new subscribers");
    return text;
}

} // namespace

// --- SubscriptionTableModel -----------------------------------------------------------------------

SubscriptionTableModel::SubscriptionTableModel(QObject *parent) : QAbstractTableModel(parent)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &SubscriptionTableModel::refresh);
}

void SubscriptionTableModel::setRegistry(ChannelRegistry *registry)
{
    if (m_registry == registry)
        return;
    if (m_registry)
        disconnect(m_registry, nullptr, this, nullptr);
    m_timer.stop();
    beginResetModel();
    m_registry = registry;
    m_rows.clear();
    if (registry) {
        for (const QString &name : registry->channelNames()) {
            if (const Subscription *sub = registry->subscription(name))
                m_rows.append(snapshot(*sub));
        }
    }
    endResetModel();
    if (registry) {
        connect(registry, &ChannelRegistry::subscriptionChanged, this, &SubscriptionTableModel::scheduleRefresh);
        // The registry goes with its session: drop the rows without touching it again.
        connect(registry, &QObject::destroyed, this, [this] {
            m_timer.stop();
            beginResetModel();
            m_rows.clear();
            endResetModel();
            Q_EMIT refreshed();
        });
    }
    Q_EMIT refreshed();
}

void SubscriptionTableModel::scheduleRefresh()
{
    if (m_timer.isActive())
        return;
    const qint64 since = m_sinceRefresh.isValid() ? m_sinceRefresh.elapsed() : std::numeric_limits<qint64>::max();
    m_timer.start(since >= m_intervalMs ? 0 : int(m_intervalMs - since));
}

SubscriptionTableModel::Row SubscriptionTableModel::snapshot(const Subscription &sub) const
{
    Row row;
    row.name = sub.name;
    row.kind = sub.kind;
    row.state = sub.state;
    row.error = sub.error;
    row.events = sub.eventCount;
    row.members = int(sub.members.size());
    row.myUserId = sub.myUserId;
    row.cacheMiss = sub.cacheMiss;
    return row;
}

void SubscriptionTableModel::refresh()
{
    m_timer.stop();
    m_sinceRefresh.restart();
    if (!m_registry) {
        if (!m_rows.isEmpty()) {
            beginResetModel();
            m_rows.clear();
            endResetModel();
        }
        Q_EMIT refreshed();
        return;
    }
    const QStringList names = m_registry->channelNames();

    // Gone channels first, bottom up.
    for (int i = int(m_rows.size()) - 1; i >= 0; --i) {
        if (!names.contains(m_rows.at(i).name)) {
            beginRemoveRows({}, i, i);
            m_rows.removeAt(i);
            endRemoveRows();
        }
    }
    // The rows left are in registry order (it only appends and removes): insert the new ones
    // where they belong. Anything else means the order changed; then reset.
    for (int j = 0; j < names.size(); ++j) {
        if (j < m_rows.size() && m_rows.at(j).name == names.at(j))
            continue;
        const bool knownLater = std::any_of(m_rows.cbegin() + qMin<qsizetype>(j, m_rows.size()), m_rows.cend(),
                                            [&](const Row &r) { return r.name == names.at(j); });
        if (knownLater) {
            beginResetModel();
            m_rows.clear();
            for (const QString &name : names) {
                if (const Subscription *sub = m_registry->subscription(name))
                    m_rows.append(snapshot(*sub));
            }
            endResetModel();
            Q_EMIT refreshed();
            return;
        }
        const Subscription *sub = m_registry->subscription(names.at(j));
        if (!sub)
            continue;
        beginInsertRows({}, j, j);
        m_rows.insert(j, snapshot(*sub));
        endInsertRows();
    }
    // Then the values.
    for (int i = 0; i < m_rows.size(); ++i) {
        const Subscription *sub = m_registry->subscription(m_rows.at(i).name);
        if (!sub)
            continue;
        const Row fresh = snapshot(*sub);
        if (!fresh.sameAs(m_rows.at(i))) {
            m_rows[i] = fresh;
            Q_EMIT dataChanged(index(i, 0), index(i, ColumnCount - 1));
        }
    }
    Q_EMIT refreshed();
}

QString SubscriptionTableModel::channelAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).name : QString();
}

int SubscriptionTableModel::rowOf(const QString &channel) const
{
    for (int i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).name == channel)
            return i;
    }
    return -1;
}

int SubscriptionTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int SubscriptionTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

void SubscriptionTableModel::setPalette(const QPalette &palette)
{
    m_palette = palette;
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(int(m_rows.size()) - 1, ColumnCount - 1), {Qt::ForegroundRole});
}

QVariant SubscriptionTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows.at(index.row());
    const bool presence = row.kind.type == ChannelType::Presence;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case ChannelColumn: return row.name;
        case TypeColumn: return kindLabel(row.kind);
        case StateColumn:
            if (row.state == SubscriptionState::Failed)
                return tr("failed: %1").arg(row.error);
            if (row.state == SubscriptionState::Subscribed && row.cacheMiss)
                return tr("subscribed (cache miss)");
            return subscriptionStateName(row.state);
        case EventsColumn: return QVariant::fromValue(row.events);
        case MembersColumn: return presence && row.state == SubscriptionState::Subscribed ? QVariant(row.members) : QVariant();
        }
        break;
    case Qt::ToolTipRole:
        switch (index.column()) {
        case ChannelColumn: return QStringLiteral("%1\n%2").arg(row.name, kindDescription(row.kind));
        case TypeColumn: return kindDescription(row.kind);
        case StateColumn:
            switch (row.state) {
            case SubscriptionState::Failed: return tr("Subscription failed: %1").arg(row.error);
            case SubscriptionState::Pending: return tr("Waiting for the connection or for the server's confirmation");
            case SubscriptionState::Subscribed:
                return row.cacheMiss ? tr("Subscribed; the server had nothing cached for this channel")
                                     : tr("Subscribed: the server confirmed the subscription");
            case SubscriptionState::Unsubscribed: return tr("Not subscribed");
            }
            break;
        case EventsColumn: return tr("Events received on this channel since it was subscribed");
        case MembersColumn:
            return presence ? tr("Members in the roster; you joined as %1").arg(row.myUserId.isEmpty() ? tr("(unknown)") : row.myUserId)
                            : tr("Only presence channels have members");
        }
        break;
    case Qt::ForegroundRole:
        if (row.state == SubscriptionState::Failed)
            return feedback::color(m_palette, feedback::Tone::Error);
        if (index.column() == StateColumn) {
            if (row.state == SubscriptionState::Subscribed)
                return feedback::color(m_palette, feedback::Tone::Success);
            if (row.state == SubscriptionState::Pending)
                return m_palette.color(QPalette::PlaceholderText);
        }
        break;
    case Qt::TextAlignmentRole:
        if (index.column() == EventsColumn || index.column() == MembersColumn)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        break;
    case ChannelNameRole: return row.name;
    case StateRole: return int(row.state);
    case ErrorRole: return row.error;
    default: break;
    }
    return {};
}

QVariant SubscriptionTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::DisplayRole) {
        switch (section) {
        case ChannelColumn: return tr("Channel");
        case TypeColumn: return tr("Type");
        case StateColumn: return tr("State");
        case EventsColumn: return tr("Events");
        case MembersColumn: return tr("Members");
        }
    } else if (role == Qt::ToolTipRole) {
        switch (section) {
        case ChannelColumn: return tr("Channel name");
        case TypeColumn: return tr("Channel type, from the name's prefix");
        case StateColumn: return tr("pending, subscribed, or failed with the reason");
        case EventsColumn: return tr("Events received on the channel");
        case MembersColumn: return tr("Presence channels: members in the roster");
        }
    }
    return {};
}

// --- ChannelsPanel --------------------------------------------------------------------------------

ChannelsPanel::ChannelsPanel(QWidget *parent) : QWidget(parent), m_model(new SubscriptionTableModel(this))
{
    buildUi();
    loadRecent();
    connect(m_model, &SubscriptionTableModel::refreshed, this, [this] {
        if (!m_selectAfterRefresh.isEmpty() && m_model->rowOf(m_selectAfterRefresh) >= 0) {
            selectChannel(m_selectAfterRefresh);
            m_selectAfterRefresh.clear();
        }
        int subscribed = 0, failed = 0;
        for (int i = 0; i < m_model->rowCount(); ++i) {
            const auto state = SubscriptionState(m_model->index(i, 0).data(SubscriptionTableModel::StateRole).toInt());
            subscribed += state == SubscriptionState::Subscribed;
            failed += state == SubscriptionState::Failed;
        }
        m_summary->setText(m_model->rowCount() == 0
                               ? (m_session ? tr("No subscriptions yet") : tr("No session"))
                               : tr("%1 %2: %3 subscribed, %4 failed")
                                     .arg(m_model->rowCount())
                                     .arg(m_model->rowCount() == 1 ? tr("channel") : tr("channels"))
                                     .arg(subscribed)
                                     .arg(failed));
        updateButtons();
        updateFieldFeedback();
        onCurrentRowChanged();
        updateSignin();  // the count of events to the signed-in user
    });
    setSession(nullptr);
    Q_EMIT m_model->refreshed();
}

ChannelsPanel::~ChannelsPanel() = default;

void ChannelsPanel::buildUi()
{
    auto *layout = new QVBoxLayout(this);

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

    subscribeRow->addWidget(channelLabel);
    subscribeRow->addWidget(m_field, 1);
    subscribeRow->addWidget(m_recentButton);
    subscribeRow->addWidget(m_subscribeButton);
    layout->addLayout(subscribeRow);

    // Type and warning.
    m_typeLabel = new QLabel(this);
    m_typeLabel->setObjectName(QStringLiteral("channelTypeLabel"));
    m_typeLabel->setToolTip(tr("The channel type the name's prefix selects"));
    m_typeLabel->setTextFormat(Qt::PlainText);
    m_warning = new QLabel(this);
    m_warning->setObjectName(QStringLiteral("channelWarning"));
    m_warning->setWordWrap(true);
    m_warning->setTextFormat(Qt::PlainText);
    m_warning->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_warning->setToolTip(tr("Why the name cannot be subscribed to, or what to watch out for"));
    m_warning->hide();
    layout->addWidget(m_typeLabel);
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
    identityNote->setToolTip(tr("Prefilled from the profile's identity; what you change here only applies to this subscription"));
    presenceForm->addRow(identityNote);
    presenceForm->addRow(tr("User &id:"), m_userId);
    presenceForm->addRow(tr("User in&fo:"), m_userInfo);
    m_presenceBox->hide();
    layout->addWidget(m_presenceBox);

    // Subscriptions.
    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("subscriptionsTable"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->setTextElideMode(Qt::ElideRight);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    QHeaderView *header = m_table->horizontalHeader();
    header->setSectionResizeMode(SubscriptionTableModel::ChannelColumn, QHeaderView::Interactive);
    header->setSectionResizeMode(SubscriptionTableModel::TypeColumn, QHeaderView::ResizeToContents);
    header->setSectionResizeMode(SubscriptionTableModel::EventsColumn, QHeaderView::ResizeToContents);
    header->setSectionResizeMode(SubscriptionTableModel::MembersColumn, QHeaderView::ResizeToContents);
    header->setSectionResizeMode(SubscriptionTableModel::StateColumn, QHeaderView::Stretch);
    header->resizeSection(SubscriptionTableModel::ChannelColumn, m_table->fontMetrics().averageCharWidth() * 26);
    m_table->setToolTip(tr("This connection's subscriptions. Select one to follow it in the presence panel; "
                           "hover a failed row for the reason."));
    m_model->setPalette(m_table->palette());
    layout->addWidget(m_table, 1);

    auto *bottomRow = new QHBoxLayout;
    m_summary = new QLabel(this);
    m_summary->setTextFormat(Qt::PlainText);  // may show server text
    m_summary->setObjectName(QStringLiteral("subscriptionsSummary"));
    m_summary->setToolTip(tr("How many subscriptions there are, and how they stand"));
    m_unsubscribeButton = new QPushButton(tr("&Unsubscribe"), this);
    m_unsubscribeButton->setObjectName(QStringLiteral("unsubscribeButton"));
    m_unsubscribeButton->setToolTip(tr("Unsubscribe from the selected channels (Delete)"));
    bottomRow->addWidget(m_summary, 1);
    bottomRow->addWidget(m_unsubscribeButton);
    layout->addLayout(bottomRow);

    // User sign-in.
    auto *signinRow = new QHBoxLayout;
    m_signinStatus = new QLabel(this);
    m_signinStatus->setObjectName(QStringLiteral("signinStatus"));
    m_signinStatus->setWordWrap(true);
    m_signinStatus->setTextFormat(Qt::PlainText);
    m_signinStatus->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_signinButton = new QPushButton(tr("Sign &in"), this);
    m_signinButton->setObjectName(QStringLiteral("signinButton"));
    signinRow->addWidget(m_signinStatus, 1);
    signinRow->addWidget(m_signinButton, 0, Qt::AlignTop);
    layout->addLayout(signinRow);
    connect(m_signinButton, &QPushButton::clicked, this, &ChannelsPanel::signIn);

    auto *deleteAction = new QAction(tr("Unsubscribe"), m_table);
    deleteAction->setShortcut(QKeySequence::Delete);
    deleteAction->setShortcutContext(Qt::WidgetShortcut);
    m_table->addAction(deleteAction);
    connect(deleteAction, &QAction::triggered, this, &ChannelsPanel::unsubscribeSelected);

    connect(m_field, &QLineEdit::textChanged, this, &ChannelsPanel::updateFieldFeedback);
    connect(m_field, &QLineEdit::returnPressed, this, &ChannelsPanel::subscribeFromField);
    connect(m_userId, &QLineEdit::textChanged, this, &ChannelsPanel::updateFieldFeedback);
    connect(m_userId, &QLineEdit::returnPressed, this, &ChannelsPanel::subscribeFromField);
    connect(m_userInfo, &JsonEditor::validated, this, &ChannelsPanel::updateFieldFeedback);
    connect(m_userInfo, &JsonEditor::submitRequested, this, &ChannelsPanel::subscribeFromField);
    connect(m_subscribeButton, &QPushButton::clicked, this, &ChannelsPanel::subscribeFromField);
    connect(m_unsubscribeButton, &QPushButton::clicked, this, &ChannelsPanel::unsubscribeSelected);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        updateButtons();
        onCurrentRowChanged();
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &ChannelsPanel::onCurrentRowChanged);
}

void ChannelsPanel::setSession(Session *session)
{
    if (session && m_session == session)
        return;
    // A sign-in asked for on the previous session comes back with the next, as channels do.
    std::optional<PresenceIdentity> signin;
    if (m_session) {
        signin = m_session->channels()->signinIdentity();
        disconnect(m_session, nullptr, this, nullptr);
        disconnect(m_session->channels(), nullptr, this, nullptr);
        disconnect(m_session->connection(), nullptr, this, nullptr);
    }
    m_session = session;
    m_model->setRegistry(session ? session->channels() : nullptr);
    if (session) {
        ChannelRegistry *registry = session->channels();
        connect(registry, &ChannelRegistry::subscriptionSucceeded, this,
                [this](const QString &channel) { Q_EMIT statusMessage(tr("Subscribed to %1").arg(channel)); });
        connect(registry, &ChannelRegistry::subscriptionFailed, this, [this](const QString &channel, const QString &reason) {
            Q_EMIT statusMessage(tr("Subscription to %1 failed: %2").arg(channel, reason));
        });
        connect(registry, &ChannelRegistry::signinChanged, this, &ChannelsPanel::updateSignin);
        connect(session->connection(), &Connection::stateChanged, this, &ChannelsPanel::updateSignin);
        connect(registry, &ChannelRegistry::signedIn, this,
                [this](const QString &userId) { Q_EMIT statusMessage(tr("Signed in as %1").arg(userId)); });
        // The status bar repeats the sign-in line (with its one prefix).
        connect(registry, &ChannelRegistry::signinFailed, this, [this] { Q_EMIT statusMessage(signinText()); });
        connect(registry, &ChannelRegistry::signedOut, this,
                [this](const QString &reason) { Q_EMIT statusMessage(tr("Signed out: %1").arg(reason)); });
        connect(session, &QObject::destroyed, this, [this] {
            updateButtons();
            updateFieldFeedback();
            updateSignin();
        });
        if (signin && !registry->signinIdentity())
            registry->signin(*signin);
    }
    updateButtons();
    updateFieldFeedback();
    updateSignin();
}

bool ChannelsPanel::signIn()
{
    if (!m_session) {
        Q_EMIT statusMessage(tr("Not signed in: no connection, open a profile first"));
        return false;
    }
    if (m_defaultIdentity.userId.isEmpty()) {
        Q_EMIT statusMessage(tr("Not signed in: the profile has no presence user id"));
        return false;
    }
    m_session->channels()->signin(m_defaultIdentity);
    Q_EMIT statusMessage(tr("Signing in as %1\u2026").arg(m_defaultIdentity.userId));
    return true;
}

QString ChannelsPanel::signinText() const
{
    return m_signinStatus->text();
}

void ChannelsPanel::updateSignin()
{
    const QString userId = m_defaultIdentity.userId;
    QString text;
    QString tip;
    feedback::Tone tone = feedback::Tone::Neutral;
    bool canSignIn = m_session && !userId.isEmpty();
    if (!m_session) {
        text = tr("Not signed in");
        tip = tr("No connection: open a profile first");
    } else {
        const ChannelRegistry *registry = m_session->channels();
        const bool connected = m_session->connection()->state() == ConnectionState::Connected;
        switch (registry->signinState()) {
        case SigninState::None:
            text = tr("Not signed in");
            break;
        case SigninState::Pending:
            text = connected ? tr("Signing in\u2026") : tr("Signs in once connected");
            canSignIn = false;
            break;
        case SigninState::SignedIn: {
            const QString channel = registry->serverToUserChannel();
            const Subscription *sub = registry->subscription(channel);
            const quint64 events = sub ? sub->eventCount : 0;
            text = events == 1 ? tr("Signed in as %1 \u00b7 1 event sent to this user").arg(registry->signedInUserId())
                               : tr("Signed in as %1 \u00b7 %2 events sent to this user")
                                     .arg(registry->signedInUserId(), QString::number(events));
            tip = tr("Events the server sends to this user arrive on %1 and appear in the log").arg(channel);
            tone = feedback::Tone::Success;
            canSignIn = false;
            break;
        }
        case SigninState::Failed: {
            QString reason = registry->signinError();
            if (reason.startsWith(QLatin1String("sign-in failed: ")))  // the authorizer's errors say it already
                reason = reason.mid(16);
            text = tr("Sign-in failed: %1").arg(reason);
            tone = feedback::Tone::Error;
            break;
        }
        case SigninState::SignedOut:
            text = tr("Signed out: %1").arg(registry->signinError());
            tone = feedback::Tone::Warning;
            break;
        }
    }
    feedback::show(m_signinStatus, text, tone);
    m_signinStatus->setToolTip(tip.isEmpty() ? tr("User sign-in (pusher:signin): who this connection is signed in as") : tip);
    m_signinButton->setEnabled(canSignIn);
    m_signinButton->setToolTip(userId.isEmpty()
                                   ? tr("Sign-in needs a user id: set the presence identity in the profile")
                                   : tr("Sign this connection in as %1 (the profile's presence identity) with pusher:signin; "
                                        "an auth endpoint decides the user itself")
                                         .arg(userId));
}

void ChannelsPanel::setDefaultIdentity(const PresenceIdentity &identity)
{
    m_defaultIdentity = identity;
    updateSignin();
    m_userId->setText(identity.userId);
    m_userInfo->setPlainText(identity.userInfo.isEmpty()
                                 ? QString()
                                 : QString::fromUtf8(QJsonDocument(identity.userInfo).toJson(QJsonDocument::Compact)));
}

QString ChannelsPanel::selectedChannel() const
{
    const QModelIndex current = m_table->selectionModel()->currentIndex();
    if (!current.isValid() || !m_table->selectionModel()->isRowSelected(current.row(), {}))
        return {};
    return m_model->channelAt(current.row());
}

void ChannelsPanel::updateFieldFeedback()
{
    const QString name = m_field->text().trimmed();
    const ChannelKind kind = channelKindOf(name);
    const bool presence = !name.isEmpty() && kind.type == ChannelType::Presence;

    if (name.isEmpty()) {
        m_typeLabel->setText(tr("Type: —"));
        m_typeLabel->setToolTip(tr("The channel type the name's prefix selects"));
    } else {
        m_typeLabel->setText(tr("Type: %1").arg(kindLabel(kind)));
        m_typeLabel->setToolTip(kindDescription(kind));
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

void ChannelsPanel::updateButtons()
{
    const bool any = m_table->selectionModel()->hasSelection();
    m_unsubscribeButton->setEnabled(any && m_session);
}

bool ChannelsPanel::subscribeFromField()
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
    m_selectAfterRefresh = name;
    m_field->clear();
    Q_EMIT statusMessage(tr("Subscribing to %1…").arg(name));
    return true;
}

void ChannelsPanel::unsubscribeSelected()
{
    if (!m_session)
        return;
    QStringList names;
    for (const QModelIndex &index : m_table->selectionModel()->selectedRows())
        names << m_model->channelAt(index.row());
    for (const QString &name : std::as_const(names))
        m_session->channels()->unsubscribe(name);
    if (!names.isEmpty())
        Q_EMIT statusMessage(tr("Unsubscribed from %1").arg(names.join(QStringLiteral(", "))));
}

void ChannelsPanel::loadRecent()
{
    m_recent = QSettings().value(kRecentKey).toStringList();
    m_recentModel->setStringList(m_recent);
    rebuildRecentMenu();
}

void ChannelsPanel::addRecent(const QString &channel)
{
    m_recent.removeAll(channel);
    m_recent.prepend(channel);
    while (m_recent.size() > kMaxRecent)
        m_recent.removeLast();
    QSettings().setValue(kRecentKey, m_recent);
    m_recentModel->setStringList(m_recent);
    rebuildRecentMenu();
}

void ChannelsPanel::rebuildRecentMenu()
{
    QMenu *menu = m_recentButton->menu();
    menu->clear();
    for (const QString &name : std::as_const(m_recent)) {
        QAction *action = menu->addAction(name);
        action->setToolTip(kindDescription(channelKindOf(name)));
        connect(action, &QAction::triggered, this, [this, name] {
            m_field->setText(name);
            m_field->setFocus();
        });
    }
    if (!m_recent.isEmpty()) {
        menu->addSeparator();
        connect(menu->addAction(tr("Clear recent channels")), &QAction::triggered, this, [this] {
            m_recent.clear();
            QSettings().remove(kRecentKey);
            m_recentModel->setStringList({});
            rebuildRecentMenu();
        });
    }
    m_recentButton->setEnabled(!m_recent.isEmpty());
}

void ChannelsPanel::selectChannel(const QString &channel)
{
    const int row = m_model->rowOf(channel);
    if (row < 0)
        return;
    m_table->selectionModel()->setCurrentIndex(m_model->index(row, 0),
                                               QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
}

void ChannelsPanel::onCurrentRowChanged()
{
    const QString channel = selectedChannel();
    if (channel == m_lastSelected)
        return;
    m_lastSelected = channel;
    Q_EMIT channelSelected(channel);
}

void ChannelsPanel::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() != QEvent::PaletteChange)
        return;
    // Children get the new palette after this widget: recolour once they all have it.
    QMetaObject::invokeMethod(this, [this] {
        feedback::refresh(this);
        m_model->setPalette(m_table->palette());
        updateFieldFeedback();
    }, Qt::QueuedConnection);
}

} // namespace cs::ui
