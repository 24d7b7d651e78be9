#include "channelspanel.h"

#include "emptystate.h"
#include "channelsubscribeform.h"
#include "feedback.h"
#include "session.h"
#include "signinbar.h"
#include "subscriptionstyleproxy.h"

#include <QAction>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace cs::ui {

ChannelsPanel::ChannelsPanel(QWidget *parent)
    : QWidget(parent),
      m_model(new SubscriptionTableModel(this)),
      m_proxy(new SubscriptionStyleProxy(this))
{
    m_proxy->setSourceModel(m_model);
    buildUi();
    connect(m_model, &SubscriptionTableModel::refreshed, this, &ChannelsPanel::onRefreshed);
    setSession(nullptr);
    Q_EMIT m_model->refreshed();
}

ChannelsPanel::~ChannelsPanel() = default;

void ChannelsPanel::buildUi()
{
    auto *layout = new QVBoxLayout(this);
    m_form = new ChannelSubscribeForm(this);
    layout->addWidget(m_form);
    connect(m_form, &ChannelSubscribeForm::statusMessage, this, &ChannelsPanel::statusMessage);
    // The new row shows on the model's next refresh: select it then.
    connect(m_form, &ChannelSubscribeForm::subscribed, this,
            [this](const QString &channel) { m_selectAfterRefresh = channel; });

    buildTable();
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
    connect(m_unsubscribeButton, &QPushButton::clicked, this, &ChannelsPanel::unsubscribeSelected);

    m_signin = new SigninBar(this);
    layout->addWidget(m_signin);
    connect(m_signin, &SigninBar::statusMessage, this, &ChannelsPanel::statusMessage);
}

void ChannelsPanel::buildTable()
{
    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("subscriptionsTable"));
    m_table->setModel(m_proxy);
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
    m_proxy->setPalette(m_table->palette());
    m_empty = new EmptyState(m_table);

    auto *deleteAction = new QAction(tr("Unsubscribe"), m_table);
    deleteAction->setShortcut(QKeySequence::Delete);
    deleteAction->setShortcutContext(Qt::WidgetShortcut);
    m_table->addAction(deleteAction);
    connect(deleteAction, &QAction::triggered, this, &ChannelsPanel::unsubscribeSelected);

    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        updateButtons();
        onCurrentRowChanged();
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &ChannelsPanel::onCurrentRowChanged);
}

void ChannelsPanel::onRefreshed()
{
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
    m_summary->setText(m_model->rowCount() == 0 ? (m_session ? tr("No subscriptions yet") : tr("No session"))
                                                : tr("%1 %2: %3 subscribed, %4 failed")
                                                      .arg(m_model->rowCount())
                                                      .arg(m_model->rowCount() == 1 ? tr("channel") : tr("channels"))
                                                      .arg(subscribed)
                                                      .arg(failed));
    m_empty->setText(m_session
                         ? tr("No channels yet.\nType a name above and press Enter. The prefix picks the type: "
                              "private-, presence-, private-encrypted-, cache-; anything else is public.")
                         : tr("Not connected.\nConnect with a profile (Ctrl+K), then subscribe to channels here."));
    updateButtons();
    m_form->updateFeedback();
    onCurrentRowChanged();
    m_signin->refresh();  // the count of events to the signed-in user
}

void ChannelsPanel::setSettings(QSettings *settings) { m_form->setSettings(settings); }

void ChannelsPanel::setSession(Session *session)
{
    if (session && m_session == session)
        return;
    if (m_session) {
        disconnect(m_session, nullptr, this, nullptr);
        disconnect(m_session->channels(), nullptr, this, nullptr);
    }
    m_session = session;
    m_model->setRegistry(session ? session->channels() : nullptr);
    m_form->setSession(session);
    m_signin->setSession(session);
    if (session) {
        ChannelRegistry *registry = session->channels();
        connect(registry, &ChannelRegistry::subscriptionSucceeded, this,
                [this](const QString &channel) { Q_EMIT statusMessage(tr("Subscribed to %1").arg(channel)); });
        connect(registry, &ChannelRegistry::subscriptionFailed, this,
                [this](const QString &channel, const cs::Error &error) {
                    Q_EMIT statusMessage(tr("Subscription to %1 failed: %2").arg(channel, error.message));
                });
        connect(session, &QObject::destroyed, this, [this] {
            updateButtons();
            m_form->updateFeedback();
        });
    }
    updateButtons();
}

bool ChannelsPanel::subscribeFromField() { return m_form->subscribeFromField(); }

QStringList ChannelsPanel::recentChannels() const { return m_form->recentChannels(); }

bool ChannelsPanel::signIn() { return m_signin->signIn(); }

QString ChannelsPanel::signinText() const { return m_signin->text(); }

void ChannelsPanel::setDefaultIdentity(const PresenceIdentity &identity)
{
    m_signin->setIdentity(identity);
    m_form->setIdentity(identity);
}

QString ChannelsPanel::selectedChannel() const
{
    const QModelIndex current = m_table->selectionModel()->currentIndex();
    if (!current.isValid() || !m_table->selectionModel()->isRowSelected(current.row(), {}))
        return {};
    return m_model->channelAt(m_proxy->mapToSource(current).row());
}

void ChannelsPanel::updateButtons()
{
    const bool any = m_table->selectionModel()->hasSelection();
    m_unsubscribeButton->setEnabled(any && m_session);
}

void ChannelsPanel::unsubscribeSelected()
{
    if (!m_session)
        return;
    QStringList names;
    for (const QModelIndex &index : m_table->selectionModel()->selectedRows())
        names << m_model->channelAt(m_proxy->mapToSource(index).row());
    for (const QString &name : std::as_const(names))
        m_session->channels()->unsubscribe(name);
    if (!names.isEmpty())
        Q_EMIT statusMessage(tr("Unsubscribed from %1").arg(names.join(QStringLiteral(", "))));
}

void ChannelsPanel::selectChannel(const QString &channel)
{
    const int row = m_model->rowOf(channel);
    if (row < 0)
        return;
    m_table->selectionModel()->setCurrentIndex(m_proxy->mapFromSource(m_model->index(row, 0)),
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
    feedback::followPalette(this, event, [this] {
        m_proxy->setPalette(m_table->palette());
        m_form->updateFeedback();
    });
}

}  // namespace cs::ui
