#include "publishpanel.h"
#include "feedback.h"

#include "jsoneditor.h"
#include "names.h"
#include "restclient.h"
#include "session.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QEvent>
#include <QFontDatabase>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QShortcut>
#include <QSplitter>
#include <QTabWidget>
#include <QTableWidget>
#include <QTextBlock>
#include <QTextCursor>
#include <QTime>
#include <QToolButton>
#include <QVBoxLayout>

namespace cs::ui {

namespace {

const QString kClientPrefix = QStringLiteral("client-");
enum BatchColumn { ColChannel, ColEvent, ColData, ColCount };
enum HistoryRole { KindRole = Qt::UserRole + 1, KeyRole };

QLabel *errorLabel(const QString &objectName, const QString &tooltip, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setToolTip(tooltip);
    label->hide();
    return label;
}

QLabel *buddyLabel(const QString &text, QWidget *buddy, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setBuddy(buddy);
    return label;
}

// The send button on the right, with the shortcut spelled out next to it.
QHBoxLayout *sendButtonRow(QPushButton *button)
{
    auto *row = new QHBoxLayout;
    auto *hint = new QLabel(PublishPanel::tr("Ctrl+Enter"), button->parentWidget());
    hint->setToolTip(PublishPanel::tr("Ctrl+Enter sends this form from any of its fields"));
    hint->setEnabled(false);  // drawn in the palette's disabled (muted) colour
    row->addStretch(1);
    row->addWidget(hint);
    row->addWidget(button);
    return row;
}

QString prettyBody(const RestResponse &response)
{
    if (response.json.isObject())
        return QString::fromUtf8(QJsonDocument(response.json.toObject()).toJson(QJsonDocument::Indented)).trimmed();
    if (response.json.isArray())
        return QString::fromUtf8(QJsonDocument(response.json.toArray()).toJson(QJsonDocument::Indented)).trimmed();
    return QString::fromUtf8(response.body);
}

QString elided(const QString &text, int max)
{
    const QString simple = text.simplified();
    return simple.size() > max ? simple.left(max - 1) + QStringLiteral("…") : simple;
}

} // namespace

PublishPanel::PublishPanel(QWidget *parent) : QWidget(parent)
{
    auto *layout = new QHBoxLayout(this);
    auto *splitter = new QSplitter(Qt::Vertical, this);  // stacked: the dock stays narrow
    splitter->setObjectName(QStringLiteral("publishSplitter"));
    splitter->setChildrenCollapsible(false);

    m_tabs = new QTabWidget(splitter);
    m_tabs->setObjectName(QStringLiteral("publishTabs"));
    m_tabs->setToolTip(tr("REST trigger, REST batch, or a client event over this connection"));
    m_tabs->addTab(buildTriggerForm(), tr("&Trigger"));
    m_tabs->setTabToolTip(0, tr("POST /events: one event to one or more channels"));
    m_tabs->addTab(buildBatchForm(), tr("&Batch"));
    m_tabs->setTabToolTip(1, tr("POST /batch_events: up to %1 events in one request").arg(kMaxBatchRows));
    m_tabs->addTab(buildClientForm(), tr("C&lient event"));
    m_tabs->setTabToolTip(2, tr("A client- event sent over this connection's WebSocket"));
    splitter->addWidget(m_tabs);
    splitter->addWidget(buildAnswerArea());
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    layout->addWidget(splitter);

    m_clientRefresh.setSingleShot(true);
    m_clientRefresh.setInterval(0);
    connect(&m_clientRefresh, &QTimer::timeout, this, &PublishPanel::refreshClientChannels);

    rebuildHistoryList();
    setSession(nullptr);
}

PublishPanel::~PublishPanel() = default;

// --- Building -------------------------------------------------------------------------------------

QWidget *PublishPanel::buildTriggerForm()
{
    auto *form = new QWidget;
    form->setObjectName(QStringLiteral("triggerForm"));
    auto *layout = new QFormLayout(form);
    layout->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);

    auto *channelsRow = new QHBoxLayout;
    m_channels = new QLineEdit(form);
    m_channels->setObjectName(QStringLiteral("triggerChannels"));
    m_channels->setPlaceholderText(tr("one or more channels, separated by spaces"));
    m_channels->setToolTip(tr("Channels to trigger on (1 to 100), separated by spaces or new lines.\n"
                              "Commas belong to channel names, so they do not separate.\n"
                              "#server-to-user-<user id> sends to every connection signed in as that user."));
    m_channelsPick = new QToolButton(form);
    m_channelsPick->setObjectName(QStringLiteral("triggerChannelsPick"));
    m_channelsPick->setText(tr("Add…"));
    m_channelsPick->setPopupMode(QToolButton::InstantPopup);
    m_channelsPick->setToolTip(tr("Add one of this connection's channels to the list"));
    auto *pickMenu = new QMenu(m_channelsPick);
    m_channelsPick->setMenu(pickMenu);
    connect(pickMenu, &QMenu::aboutToShow, this, [this, pickMenu] {
        pickMenu->clear();
        const QStringList names = m_session ? m_session->channels()->channelNames() : QStringList();
        for (const QString &name : names) {
            connect(pickMenu->addAction(name), &QAction::triggered, this, [this, name] {
                QStringList list = triggerChannelList();
                if (!list.contains(name))
                    list << name;
                m_channels->setText(list.join(u' '));
            });
        }
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
            QStringList list = triggerChannelList();
            list.removeAll(channel);
            list << channel;  // last, so that the user id can be typed after it
            m_channels->setText(list.join(u' '));
            m_channels->setFocus();
            m_channels->end(false);  // type the user id next
        });
    });
    channelsRow->addWidget(m_channels, 1);
    channelsRow->addWidget(m_channelsPick);
    layout->addRow(buddyLabel(tr("C&hannels:"), m_channels, form), channelsRow);

    m_event = new QLineEdit(form);
    m_event->setObjectName(QStringLiteral("triggerEvent"));
    m_event->setPlaceholderText(tr("event name, e.g. my-event"));
    m_event->setToolTip(tr("The event name (up to %1 characters)").arg(kEventNameMaxLength));
    layout->addRow(tr("&Event:"), m_event);

    m_data = new JsonEditor(form);
    m_data->setObjectName(QStringLiteral("triggerData"));
    m_data->setToolTip(tr("The event data. It is checked as JSON while you type; the first error is underlined.\n"
                          "Ctrl+Enter sends."));
    m_dataError = errorLabel(QStringLiteral("triggerDataError"), tr("Where the data stops being valid JSON"), form);
    m_plainString = new QCheckBox(tr("Send as a &plain string (not JSON)"), form);
    m_plainString->setObjectName(QStringLiteral("plainStringCheck"));
    m_plainString->setToolTip(tr("Send the text as it is, without the JSON check: for data that is not JSON"));
    layout->addRow(buddyLabel(tr("&Data:"), m_data, form), m_data);
    layout->addRow(QString(), m_dataError);
    layout->addRow(QString(), m_plainString);

    m_excludeMe = new QCheckBox(tr("E&xclude my connection"), form);
    m_excludeMe->setObjectName(QStringLiteral("excludeMeCheck"));
    layout->addRow(tr("Options:"), m_excludeMe);

    auto *infoRow = new QHBoxLayout;
    m_infoUserCount = new QCheckBox(QStringLiteral("user_count"), form);
    m_infoUserCount->setObjectName(QStringLiteral("infoUserCount"));
    m_infoUserCount->setToolTip(tr("Ask for each presence channel's user count in the answer (info=user_count).\n"
                                   "soketi ignores info."));
    m_infoSubscriptionCount = new QCheckBox(QStringLiteral("subscription_count"), form);
    m_infoSubscriptionCount->setObjectName(QStringLiteral("infoSubscriptionCount"));
    m_infoSubscriptionCount->setToolTip(tr("Ask for each channel's subscription count in the answer "
                                           "(info=subscription_count; must be enabled for the app).\nsoketi ignores info."));
    infoRow->addWidget(m_infoUserCount);
    infoRow->addWidget(m_infoSubscriptionCount);
    infoRow->addStretch(1);
    layout->addRow(tr("Info:"), infoRow);

    m_formError = errorLabel(QStringLiteral("triggerFormError"), tr("What keeps the form from being sent"), form);
    layout->addRow(m_formError);
    m_sendButton = new QPushButton(tr("&Send"), form);
    m_sendButton->setObjectName(QStringLiteral("sendButton"));
    layout->addRow(sendButtonRow(m_sendButton));

    connect(m_channels, &QLineEdit::textChanged, this, &PublishPanel::validateTrigger);
    connect(m_event, &QLineEdit::textChanged, this, &PublishPanel::validateTrigger);
    connect(m_data, &JsonEditor::validated, this, &PublishPanel::validateTrigger);
    connect(m_data, &JsonEditor::submitRequested, this, &PublishPanel::sendTrigger);
    connect(m_plainString, &QCheckBox::toggled, this, [this](bool on) { m_data->setPlainStringMode(on); });
    connect(m_sendButton, &QPushButton::clicked, this, &PublishPanel::sendTrigger);
    connect(m_channels, &QLineEdit::returnPressed, this, [this] { m_event->setFocus(); });
    connect(m_event, &QLineEdit::returnPressed, this, [this] { m_data->setFocus(); });
    addSendShortcut(form, &PublishPanel::sendTrigger);
    return form;
}

QWidget *PublishPanel::buildBatchForm()
{
    auto *form = new QWidget;
    form->setObjectName(QStringLiteral("batchForm"));
    auto *layout = new QVBoxLayout(form);

    m_batchTable = new QTableWidget(0, ColCount, form);
    m_batchTable->setObjectName(QStringLiteral("batchTable"));
    m_batchTable->setHorizontalHeaderLabels({tr("Channel"), tr("Event"), tr("Data")});
    m_batchTable->horizontalHeader()->setSectionResizeMode(ColChannel, QHeaderView::Interactive);
    m_batchTable->horizontalHeader()->setSectionResizeMode(ColEvent, QHeaderView::Interactive);
    m_batchTable->horizontalHeader()->setSectionResizeMode(ColData, QHeaderView::Stretch);
    m_batchTable->horizontalHeader()->resizeSection(ColChannel, m_batchTable->fontMetrics().averageCharWidth() * 22);
    m_batchTable->horizontalHeader()->resizeSection(ColEvent, m_batchTable->fontMetrics().averageCharWidth() * 16);
    m_batchTable->verticalHeader()->setDefaultSectionSize(m_batchTable->fontMetrics().height() + 10);
    m_batchTable->setToolTip(tr("Up to %1 events, one channel each. Rows with neither channel nor event are skipped.\n"
                                "Invalid cells are marked; hover them for the reason.").arg(kMaxBatchRows));
    layout->addWidget(m_batchTable, 1);

    auto *buttons = new QHBoxLayout;
    m_batchAdd = new QPushButton(tr("&Add row"), form);
    m_batchAdd->setObjectName(QStringLiteral("batchAddButton"));
    m_batchAdd->setToolTip(tr("Add an event to the batch (at most %1)").arg(kMaxBatchRows));
    m_batchRemove = new QPushButton(tr("&Remove row"), form);
    m_batchRemove->setObjectName(QStringLiteral("batchRemoveButton"));
    m_batchRemove->setToolTip(tr("Remove the selected rows"));
    m_batchPlainString = new QCheckBox(tr("Data as plain strings"), form);
    m_batchPlainString->setObjectName(QStringLiteral("batchPlainStringCheck"));
    m_batchPlainString->setToolTip(tr("Send every row's data as it is, without the JSON check"));
    buttons->addWidget(m_batchAdd);
    buttons->addWidget(m_batchRemove);
    buttons->addWidget(m_batchPlainString);
    buttons->addStretch(1);
    layout->addLayout(buttons);

    m_batchError = errorLabel(QStringLiteral("batchError"), tr("The first problem in the batch"), form);
    layout->addWidget(m_batchError);
    m_batchSendButton = new QPushButton(tr("Send &batch"), form);
    m_batchSendButton->setObjectName(QStringLiteral("batchSendButton"));
    layout->addLayout(sendButtonRow(m_batchSendButton));

    connect(m_batchAdd, &QPushButton::clicked, this, [this] {
        addBatchRow();
        m_batchTable->setCurrentCell(m_batchTable->rowCount() - 1, ColChannel);
        m_batchTable->setFocus();
    });
    connect(m_batchRemove, &QPushButton::clicked, this, [this] {
        QList<int> rows;
        for (const QModelIndex &index : m_batchTable->selectionModel()->selectedIndexes())
            if (!rows.contains(index.row()))
                rows << index.row();
        std::sort(rows.begin(), rows.end(), std::greater<>());
        for (int row : std::as_const(rows))
            m_batchTable->removeRow(row);
        if (m_batchTable->rowCount() == 0)
            addBatchRow();
        validateBatch();
    });
    connect(m_batchTable, &QTableWidget::itemChanged, this, [this] {
        if (!m_validatingBatch)
            validateBatch();
    });
    connect(m_batchTable, &QTableWidget::itemSelectionChanged, this, &PublishPanel::validateBatch);
    connect(m_batchPlainString, &QCheckBox::toggled, this, &PublishPanel::validateBatch);
    connect(m_batchSendButton, &QPushButton::clicked, this, &PublishPanel::sendBatch);
    addSendShortcut(form, &PublishPanel::sendBatch);
    addBatchRow();
    return form;
}

QWidget *PublishPanel::buildClientForm()
{
    auto *form = new QWidget;
    form->setObjectName(QStringLiteral("clientForm"));
    auto *layout = new QFormLayout(form);
    layout->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);

    auto *note = new QLabel(tr("Sent over this connection's WebSocket to a subscribed private or presence channel. "
                               "Client events must be enabled for the app; the sender does not receive its own event."),
                            form);
    note->setWordWrap(true);
    note->setToolTip(tr("Protocol rules for client events"));
    layout->addRow(note);

    m_clientChannel = new QComboBox(form);
    m_clientChannel->setObjectName(QStringLiteral("clientChannel"));
    m_clientChannel->setToolTip(tr("Subscribed private and presence channels (encrypted channels take no client events)"));
    m_clientChannel->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_clientChannel->setMinimumContentsLength(16);
    layout->addRow(tr("C&hannel:"), m_clientChannel);

    auto *eventRow = new QHBoxLayout;
    eventRow->setSpacing(0);
    auto *prefix = new QLabel(kClientPrefix, form);
    prefix->setObjectName(QStringLiteral("clientEventPrefix"));
    prefix->setToolTip(tr("Client event names always start with client-"));
    prefix->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    prefix->setContentsMargins(0, 0, 4, 0);
    m_clientEvent = new QLineEdit(form);
    m_clientEvent->setObjectName(QStringLiteral("clientEventName"));
    m_clientEvent->setPlaceholderText(tr("rest of the name, e.g. typing"));
    m_clientEvent->setToolTip(tr("The event name after the fixed client- prefix"));
    m_clientEvent->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    eventRow->addWidget(prefix);
    eventRow->addWidget(m_clientEvent, 1);
    layout->addRow(buddyLabel(tr("&Event:"), m_clientEvent, form), eventRow);

    m_clientData = new JsonEditor(form);
    m_clientData->setObjectName(QStringLiteral("clientData"));
    m_clientData->setToolTip(tr("The event data, checked as JSON while you type. Ctrl+Enter sends."));
    m_clientPlainString = new QCheckBox(tr("Send as a plain string (not JSON)"), form);
    m_clientPlainString->setObjectName(QStringLiteral("clientPlainStringCheck"));
    m_clientPlainString->setToolTip(tr("Send the text as a JSON string, without the JSON check"));
    layout->addRow(buddyLabel(tr("&Data:"), m_clientData, form), m_clientData);
    layout->addRow(QString(), m_clientPlainString);

    m_clientError = errorLabel(QStringLiteral("clientError"), tr("Why the client event cannot be or was not sent"), form);
    m_clientStatus = errorLabel(QStringLiteral("clientStatus"), tr("The last client event sent"), form);
    layout->addRow(m_clientError);
    layout->addRow(m_clientStatus);
    m_clientSendButton = new QPushButton(tr("&Send"), form);
    m_clientSendButton->setObjectName(QStringLiteral("clientSendButton"));
    layout->addRow(sendButtonRow(m_clientSendButton));

    connect(m_clientChannel, &QComboBox::currentIndexChanged, this, &PublishPanel::validateClient);
    connect(m_clientEvent, &QLineEdit::textEdited, this, [this](const QString &text) {
        // The prefix is fixed: typing or pasting it again does not double it.
        if (text.startsWith(kClientPrefix)) {
            const int cursor = m_clientEvent->cursorPosition();
            m_clientEvent->setText(text.mid(kClientPrefix.size()));
            m_clientEvent->setCursorPosition(qMax(0, cursor - int(kClientPrefix.size())));
        }
    });
    connect(m_clientEvent, &QLineEdit::textChanged, this, &PublishPanel::validateClient);
    connect(m_clientEvent, &QLineEdit::returnPressed, this, [this] { m_clientData->setFocus(); });
    connect(m_clientData, &JsonEditor::validated, this, &PublishPanel::validateClient);
    connect(m_clientData, &JsonEditor::submitRequested, this, &PublishPanel::sendClientEvent);
    connect(m_clientPlainString, &QCheckBox::toggled, this, [this](bool on) { m_clientData->setPlainStringMode(on); });
    connect(m_clientSendButton, &QPushButton::clicked, this, &PublishPanel::sendClientEvent);
    addSendShortcut(form, &PublishPanel::sendClientEvent);
    return form;
}

QWidget *PublishPanel::buildAnswerArea()
{
    auto *area = new QWidget;
    area->setObjectName(QStringLiteral("publishSide"));
    auto *layout = new QVBoxLayout(area);
    layout->setContentsMargins(0, 0, 0, 0);

    auto *answerBox = new QGroupBox(tr("Server answer"), area);
    answerBox->setToolTip(tr("The answer to the last REST trigger or batch"));
    auto *answerLayout = new QVBoxLayout(answerBox);
    m_answerStatus = new QLabel(tr("Nothing sent yet"), answerBox);
    m_answerStatus->setObjectName(QStringLiteral("triggerAnswerTitle"));
    m_answerStatus->setWordWrap(true);
    m_answerStatus->setTextFormat(Qt::PlainText);
    m_answerStatus->setToolTip(tr("The request the answer belongs to"));
    m_answer = new QPlainTextEdit(answerBox);
    m_answer->setObjectName(QStringLiteral("triggerAnswer"));
    m_answer->setReadOnly(true);
    m_answer->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_answer->setToolTip(tr("Status, time and the answer's body (JSON pretty-printed); errors in red"));
    m_answer->setPlaceholderText(tr("The server's answer appears here"));
    answerLayout->addWidget(m_answerStatus);
    answerLayout->addWidget(m_answer, 1);
    layout->addWidget(answerBox, 2);

    auto *historyBox = new QGroupBox(tr("History and templates"), area);
    historyBox->setToolTip(tr("Templates (★) and what was sent, newest first: edit or send again"));
    auto *historyLayout = new QVBoxLayout(historyBox);
    m_historyList = new QListWidget(historyBox);
    m_historyList->setObjectName(QStringLiteral("historyList"));
    m_historyList->setToolTip(tr("Double-click to load into the form; ★ marks templates"));
    m_historyList->setUniformItemSizes(true);
    m_historyList->setTextElideMode(Qt::ElideRight);
    m_historyList->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    historyLayout->addWidget(m_historyList, 1);

    auto *historyButtons = new QHBoxLayout;
    m_historyLoad = new QPushButton(tr("Edit"), historyBox);
    m_historyLoad->setObjectName(QStringLiteral("historyLoadButton"));
    m_historyLoad->setToolTip(tr("Load the selected entry into its form to edit it"));
    m_historyResend = new QPushButton(tr("Send again"), historyBox);
    m_historyResend->setObjectName(QStringLiteral("historyResendButton"));
    m_historyResend->setToolTip(tr("Load the selected entry and send it right away"));
    m_historyDelete = new QPushButton(tr("Delete"), historyBox);
    m_historyDelete->setObjectName(QStringLiteral("historyDeleteButton"));
    m_historyDelete->setToolTip(tr("Delete the selected history entry or template"));
    historyButtons->addWidget(m_historyLoad);
    historyButtons->addWidget(m_historyResend);
    historyButtons->addWidget(m_historyDelete);
    historyButtons->addStretch(1);
    historyLayout->addLayout(historyButtons);

    auto *templateRow = new QHBoxLayout;
    m_templateName = new QLineEdit(historyBox);
    m_templateName->setObjectName(QStringLiteral("templateName"));
    m_templateName->setPlaceholderText(tr("template name"));
    m_templateName->setToolTip(tr("Name to keep the current trigger or batch form under (same name replaces)"));
    m_saveTemplate = new QPushButton(tr("Save as template"), historyBox);
    m_saveTemplate->setObjectName(QStringLiteral("saveTemplateButton"));
    m_saveTemplate->setToolTip(tr("Keep the current trigger or batch form as a named template"));
    templateRow->addWidget(m_templateName, 1);
    templateRow->addWidget(m_saveTemplate);
    historyLayout->addLayout(templateRow);
    layout->addWidget(historyBox, 3);

    connect(m_historyList, &QListWidget::itemSelectionChanged, this, &PublishPanel::updateHistoryButtons);
    connect(m_historyList, &QListWidget::itemDoubleClicked, this, [this] { loadSelected(false); });
    connect(m_historyLoad, &QPushButton::clicked, this, [this] { loadSelected(false); });
    connect(m_historyResend, &QPushButton::clicked, this, [this] { loadSelected(true); });
    connect(m_historyDelete, &QPushButton::clicked, this, &PublishPanel::deleteSelected);
    connect(m_saveTemplate, &QPushButton::clicked, this, &PublishPanel::saveTemplate);
    connect(m_templateName, &QLineEdit::returnPressed, this, &PublishPanel::saveTemplate);
    connect(m_templateName, &QLineEdit::textChanged, this,
            [this](const QString &text) { m_saveTemplate->setEnabled(!text.trimmed().isEmpty()); });
    m_saveTemplate->setEnabled(false);
    updateHistoryButtons();
    return area;
}

void PublishPanel::updateHistoryButtons()
{
    const bool any = m_historyList->currentItem() && m_historyList->currentItem()->isSelected();
    m_historyLoad->setEnabled(any);
    m_historyResend->setEnabled(any && m_session);
    m_historyDelete->setEnabled(any);
}

void PublishPanel::addSendShortcut(QWidget *form, bool (PublishPanel::*send)())
{
    for (const QKeySequence &keys : {QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter)}) {
        auto *shortcut = new QShortcut(keys, form);
        shortcut->setContext(Qt::WidgetWithChildrenShortcut);
        connect(shortcut, &QShortcut::activated, this, [this, send] { (this->*send)(); });
    }
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
        connect(session->connection(), &Connection::stateChanged, this, &PublishPanel::updateExcludeMe);
        connect(session, &QObject::destroyed, this, [this] {
            // The QPointer is already null: refresh everything that depends on a session.
            QTimer::singleShot(0, this, [this] {
                updateExcludeMe();
                refreshClientChannels();
                validateTrigger();
                validateBatch();
            });
        });
    }
    updateExcludeMe();
    refreshClientChannels();
    validateTrigger();
    validateBatch();
    updateHistoryButtons();
}

void PublishPanel::updateExcludeMe()
{
    const QString socketId = m_session ? m_session->connection()->socketId() : QString();
    m_excludeMe->setEnabled(!socketId.isEmpty());
    if (socketId.isEmpty()) {
        m_excludeMe->setText(tr("E&xclude my connection"));
        m_excludeMe->setToolTip(tr("Leave this connection out of the recipients (socket_id). Needs a connection."));
    } else {
        m_excludeMe->setText(tr("E&xclude my connection (socket %1)").arg(socketId));
        m_excludeMe->setToolTip(tr("Send socket_id %1 so that this connection does not receive the event").arg(socketId));
    }
}

// --- Trigger --------------------------------------------------------------------------------------

QStringList PublishPanel::triggerChannelList() const
{
    static const QRegularExpression separators(QStringLiteral("\\s+"));
    QStringList list = m_channels->text().split(separators, Qt::SkipEmptyParts);
    list.removeDuplicates();
    return list;
}

void PublishPanel::validateTrigger()
{
    // Data: message under the editor; an untouched, empty editor is not an error yet (the
    // placeholder says what to type and Send stays disabled).
    const bool untouched = m_data->toPlainText().trimmed().isEmpty();
    feedback::show(m_dataError, m_data->isValid() || untouched ? QString() : m_data->errorMessage(), feedback::Tone::Error);

    const QStringList channels = triggerChannelList();
    const QString event = m_event->text();
    QString blocker;   // why Send is disabled
    QString problem;   // shown in red (only for something typed)
    QString warning;   // shown, not blocking
    if (!m_session)
        blocker = tr("No connection: open a profile first");
    if (channels.isEmpty()) {
        if (blocker.isEmpty())
            blocker = tr("Enter at least one channel");
    } else if (const Status valid = RestClient::validate(TriggerRequest{channels, QStringLiteral("x"), {}, {}, {}}); !valid) {
        problem = valid.error().message;
    }
    if (problem.isEmpty()) {
        if (event.isEmpty()) {
            if (blocker.isEmpty())
                blocker = tr("Enter an event name");
        } else if (const Status valid = validateEventName(event); !valid) {
            problem = valid.error().message;
        }
    }
    if (problem.isEmpty() && !m_data->isValid() && blocker.isEmpty())
        blocker = tr("The data is not valid JSON: fix it or tick \"Send as a plain string\"");
    if (problem.isEmpty() && !channels.isEmpty()) {
        const QStringList warnings = RestClient::warnings(TriggerRequest{channels, event, m_data->toPlainText(), {}, {}});
        warning = warnings.join(u'\n');
    }
    if (!problem.isEmpty())
        feedback::show(m_formError, problem, feedback::Tone::Error);
    else
        feedback::show(m_formError, warning, feedback::Tone::Warning);

    const bool ok = problem.isEmpty() && blocker.isEmpty();
    m_sendButton->setEnabled(ok);
    m_sendButton->setToolTip(ok ? tr("Send the event (Ctrl+Enter)") : (problem.isEmpty() ? blocker : problem));
}

PublishRecord PublishPanel::currentTriggerRecord() const
{
    PublishRecord r;
    r.kind = PublishRecord::Kind::Trigger;
    r.channels = triggerChannelList();
    r.event = m_event->text();
    r.data = m_data->toPlainText();
    r.plainString = m_plainString->isChecked();
    r.excludeMe = m_excludeMe->isChecked() && m_excludeMe->isEnabled();
    if (m_infoUserCount->isChecked())
        r.info << QStringLiteral("user_count");
    if (m_infoSubscriptionCount->isChecked())
        r.info << QStringLiteral("subscription_count");
    return r;
}

bool PublishPanel::sendTrigger()
{
    validateTrigger();
    if (!m_sendButton->isEnabled()) {
        const QString why = m_sendButton->toolTip();
        if (!m_data->isValid())
            m_data->setFocus();
        Q_EMIT statusMessage(tr("Not sent: %1").arg(why));
        return false;
    }
    const PublishRecord record = currentTriggerRecord();
    TriggerRequest request{record.channels, record.event, record.data, {}, record.info};
    if (record.excludeMe) {
        request.socketId = m_session->connection()->socketId();
        if (request.socketId.isEmpty()) {
            feedback::show(m_formError, tr("\"Exclude my connection\" needs a connected socket"), feedback::Tone::Error);
            return false;
        }
    }
    sendRecorded(record, tr("Trigger %1").arg(record.summary()),
                 [request](RestClient *rest, RestClient::Callback done) { rest->trigger(request, std::move(done)); });
    return true;
}

void PublishPanel::sendRecorded(const PublishRecord &record, const QString &what,
                                const std::function<void(RestClient *, RestClient::Callback)> &call)
{
    // History first, so that a send is remembered even when no answer ever comes.
    const quint64 id = m_history.addHistory(record);
    rebuildHistoryList();
    showPending(what);
    const QPointer<PublishPanel> guard(this);
    call(m_session->rest(), [guard, id, what](const RestResponse &response) {
        if (!guard)
            return;
        guard->m_history.setStatus(id, response.status ? response.status : -1);
        guard->rebuildHistoryList();
        guard->showAnswer(what, response);
    });
}

// --- Batch ----------------------------------------------------------------------------------------

void PublishPanel::addBatchRow(const PublishBatchRow &row)
{
    if (m_batchTable->rowCount() >= kMaxBatchRows)
        return;
    m_validatingBatch = true;
    const int at = m_batchTable->rowCount();
    m_batchTable->insertRow(at);
    m_batchTable->setItem(at, ColChannel, new QTableWidgetItem(row.channel));
    m_batchTable->setItem(at, ColEvent, new QTableWidgetItem(row.event));
    auto *data = new QTableWidgetItem(row.data.isEmpty() && row.channel.isEmpty() ? QStringLiteral("{}") : row.data);
    data->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_batchTable->setItem(at, ColData, data);
    m_validatingBatch = false;
    validateBatch();
}

void PublishPanel::validateBatch()
{
    if (m_validatingBatch)
        return;
    m_validatingBatch = true;
    QString first;
    int events = 0;
    const QColor errorTint = feedback::tint(m_batchTable->palette(), feedback::Tone::Error, 70);
    auto text = [this](int row, int column) {
        const QTableWidgetItem *item = m_batchTable->item(row, column);
        return item ? item->text() : QString();
    };
    for (int row = 0; row < m_batchTable->rowCount(); ++row) {
        const QString channel = text(row, ColChannel).trimmed();
        const QString event = text(row, ColEvent);
        const QString data = text(row, ColData);
        const bool skipped = channel.isEmpty() && event.isEmpty();
        QString problems[ColCount];
        if (!skipped) {
            ++events;
            if (const Status s = validateChannelName(channel, channel.startsWith(QLatin1String("#server-to-user-"))); !s)
                problems[ColChannel] = s.error().message;
            if (const Status s = validateEventName(event); !s)
                problems[ColEvent] = s.error().message;
            if (!m_batchPlainString->isChecked()) {
                if (const JsonCheck check = checkJson(data); !check.ok)
                    problems[ColData] = check.message;
            }
        }
        for (int column = 0; column < ColCount; ++column) {
            QTableWidgetItem *item = m_batchTable->item(row, column);
            if (!item) {
                item = new QTableWidgetItem;
                m_batchTable->setItem(row, column, item);
            }
            const QString &problem = problems[column];
            item->setBackground(problem.isEmpty() ? QBrush() : QBrush(errorTint));
            item->setToolTip(problem.isEmpty() ? (skipped ? tr("Empty row: skipped") : QString()) : problem);
            if (!problem.isEmpty() && first.isEmpty()) {
                static const char *const names[] = {QT_TR_NOOP("channel"), QT_TR_NOOP("event"), QT_TR_NOOP("data")};
                first = tr("Row %1, %2: %3").arg(row + 1).arg(tr(names[column]), problem);
            }
        }
    }
    m_validatingBatch = false;

    QString blocker;
    if (!m_session)
        blocker = tr("No connection: open a profile first");
    else if (events == 0)
        blocker = tr("Fill in at least one row (channel and event)");
    feedback::show(m_batchError, first, feedback::Tone::Error);
    const bool ok = first.isEmpty() && blocker.isEmpty();
    m_batchSendButton->setEnabled(ok);
    m_batchSendButton->setToolTip(ok ? tr("Send %1 event(s) in one request (Ctrl+Enter)").arg(events)
                                     : (first.isEmpty() ? blocker : first));
    m_batchAdd->setEnabled(m_batchTable->rowCount() < kMaxBatchRows);
    m_batchRemove->setEnabled(m_batchTable->selectionModel() && m_batchTable->selectionModel()->hasSelection());
}

PublishRecord PublishPanel::currentBatchRecord() const
{
    PublishRecord r;
    r.kind = PublishRecord::Kind::Batch;
    r.plainString = m_batchPlainString->isChecked();
    for (int row = 0; row < m_batchTable->rowCount(); ++row) {
        auto text = [&](int column) {
            const QTableWidgetItem *item = m_batchTable->item(row, column);
            return item ? item->text() : QString();
        };
        const QString channel = text(ColChannel).trimmed();
        const QString event = text(ColEvent);
        if (channel.isEmpty() && event.isEmpty())
            continue;
        r.batch.append({channel, event, text(ColData)});
    }
    return r;
}

bool PublishPanel::sendBatch()
{
    // A cell being edited holds text the table does not have yet: commit it first.
    if (QWidget *focus = QApplication::focusWidget(); focus && focus != m_batchTable && m_batchTable->isAncestorOf(focus))
        m_batchTable->setFocus();
    validateBatch();
    if (!m_batchSendButton->isEnabled()) {
        Q_EMIT statusMessage(tr("Batch not sent: %1").arg(m_batchSendButton->toolTip()));
        return false;
    }
    const PublishRecord record = currentBatchRecord();
    QList<BatchEvent> events;
    for (const PublishBatchRow &row : record.batch)
        events.append(BatchEvent{row.channel, row.event, row.data, {}, {}});
    sendRecorded(record, tr("Batch of %1 event(s)").arg(events.size()),
                 [events](RestClient *rest, RestClient::Callback done) { rest->batch(events, std::move(done)); });
    return true;
}

// --- Client events --------------------------------------------------------------------------------

QStringList PublishPanel::clientEventChannels() const
{
    QStringList out;
    if (!m_session)
        return out;
    const ChannelRegistry *registry = m_session->channels();
    for (const QString &name : registry->channelNames()) {
        const Subscription *sub = registry->subscription(name);
        if (sub && sub->state == SubscriptionState::Subscribed
            && (sub->kind.type == ChannelType::Private || sub->kind.type == ChannelType::Presence))
            out << name;
    }
    return out;
}

void PublishPanel::refreshClientChannels()
{
    const QStringList channels = clientEventChannels();
    QStringList current;
    for (int i = 0; i < m_clientChannel->count(); ++i)
        current << m_clientChannel->itemText(i);
    if (current != channels) {
        const QString selected = m_clientChannel->currentText();
        const QSignalBlocker blocker(m_clientChannel);
        m_clientChannel->clear();
        m_clientChannel->addItems(channels);
        const int index = m_clientChannel->findText(selected);
        m_clientChannel->setCurrentIndex(index >= 0 ? index : (channels.isEmpty() ? -1 : 0));
        m_clientChannel->setPlaceholderText(m_session ? tr("no subscribed private or presence channel")
                                                      : tr("no connection"));
    }
    validateClient();
}

void PublishPanel::validateClient()
{
    const QString fullName = kClientPrefix + m_clientEvent->text();
    QString problem;
    QString blocker;
    if (!m_session)
        blocker = tr("No connection: open a profile first");
    else if (m_clientChannel->currentIndex() < 0)
        blocker = tr("Subscribe to a private or presence channel first");
    if (!m_clientEvent->text().isEmpty()) {
        if (const Status s = validateClientEventName(fullName); !s)
            problem = s.error().message;
    } else if (blocker.isEmpty()) {
        blocker = tr("Enter the event name after client-");
    }
    if (problem.isEmpty() && !m_clientData->isValid())
        problem = m_clientData->errorMessage();
    feedback::show(m_clientError, problem, feedback::Tone::Error);
    const bool ok = problem.isEmpty() && blocker.isEmpty();
    m_clientSendButton->setEnabled(ok);
    m_clientSendButton->setToolTip(ok ? tr("Send %1 on %2 (Ctrl+Enter)").arg(fullName, m_clientChannel->currentText())
                                      : (problem.isEmpty() ? blocker : problem));
}

bool PublishPanel::sendClientEvent()
{
    validateClient();
    if (!m_clientSendButton->isEnabled()) {
        Q_EMIT statusMessage(tr("Client event not sent: %1").arg(m_clientSendButton->toolTip()));
        return false;
    }
    const QString channel = m_clientChannel->currentText();
    const QString event = kClientPrefix + m_clientEvent->text();
    const Status status = m_session->channels()->sendClientEvent(channel, event, m_clientData->value());
    if (!status) {
        feedback::show(m_clientError, status.error().message, feedback::Tone::Error);
        feedback::show(m_clientStatus, {}, feedback::Tone::Neutral);
        Q_EMIT statusMessage(tr("Client event not sent: %1").arg(status.error().message));
        return false;
    }
    const QString message = tr("Sent %1 on %2 at %3").arg(event, channel, QTime::currentTime().toString(QStringLiteral("HH:mm:ss")));
    feedback::show(m_clientStatus, message, feedback::Tone::Success);
    Q_EMIT statusMessage(message);
    return true;
}

// --- History and templates ------------------------------------------------------------------------

void PublishPanel::rebuildHistoryList()
{
    QString selectedKind, selectedKey;
    if (const QListWidgetItem *item = m_historyList->currentItem()) {
        selectedKind = item->data(KindRole).toString();
        selectedKey = item->data(KeyRole).toString();
    }
    const QSignalBlocker blocker(m_historyList);
    m_historyList->clear();
    auto tooltipOf = [](const PublishRecord &r) {
        QString tip;
        if (r.kind == PublishRecord::Kind::Batch) {
            QStringList rows;
            for (const PublishBatchRow &row : r.batch)
                rows << QStringLiteral("%1 → %2: %3").arg(row.event, row.channel, elided(row.data, 80));
            tip = rows.join(u'\n');
        } else {
            tip = tr("Channels: %1\nEvent: %2\nData: %3").arg(r.channels.join(u' '), r.event, elided(r.data, 200));
            if (r.excludeMe)
                tip += tr("\nExcluding this connection");
            if (!r.info.isEmpty())
                tip += tr("\nInfo: %1").arg(r.info.join(u','));
        }
        if (r.plainString)
            tip += tr("\n(data sent as plain string)");
        return tip;
    };
    for (const PublishRecord &r : m_history.templates()) {
        auto *item = new QListWidgetItem(QStringLiteral("★ %1 — %2").arg(r.name, r.summary()), m_historyList);
        item->setData(KindRole, QStringLiteral("template"));
        item->setData(KeyRole, r.name);
        QFont font = item->font();
        font.setBold(true);
        item->setFont(font);
        item->setToolTip(tr("Template \"%1\"\n%2").arg(r.name, tooltipOf(r)));
    }
    for (const PublishRecord &r : m_history.history()) {
        QString status;
        feedback::Tone tone = feedback::Tone::Neutral;
        if (r.status == 0) {
            status = QStringLiteral("…");
        } else if (r.status >= 200 && r.status < 300) {
            status = QStringLiteral("✓ %1").arg(r.status);
            tone = feedback::Tone::Success;
        } else {
            status = r.status < 0 ? QStringLiteral("✗") : QStringLiteral("✗ %1").arg(r.status);
            tone = feedback::Tone::Error;
        }
        auto *item = new QListWidgetItem(
            QStringLiteral("%1  %2  %3").arg(r.time.toString(QStringLiteral("HH:mm:ss")), status, r.summary()), m_historyList);
        item->setData(KindRole, QStringLiteral("history"));
        item->setData(KeyRole, QString::number(r.id));
        if (tone != feedback::Tone::Neutral)
            item->setForeground(feedback::color(m_historyList->palette(), tone));
        item->setToolTip(tr("Sent %1\n%2").arg(r.time.toString(Qt::TextDate), tooltipOf(r)));
    }
    for (int i = 0; i < m_historyList->count(); ++i) {
        QListWidgetItem *item = m_historyList->item(i);
        if (item->data(KindRole).toString() == selectedKind && item->data(KeyRole).toString() == selectedKey) {
            m_historyList->setCurrentItem(item);
            break;
        }
    }
    updateHistoryButtons();
}

const PublishRecord *PublishPanel::recordOf(const QListWidgetItem *item) const
{
    if (!item)
        return nullptr;
    const QString key = item->data(KeyRole).toString();
    if (item->data(KindRole).toString() == QLatin1String("template"))
        return m_history.templateEntry(key);
    return m_history.historyEntry(key.toULongLong());
}

void PublishPanel::loadRecord(const PublishRecord &record)
{
    if (record.kind == PublishRecord::Kind::Batch) {
        m_validatingBatch = true;
        m_batchTable->setRowCount(0);
        m_validatingBatch = false;
        for (const PublishBatchRow &row : record.batch)
            addBatchRow(row);
        if (m_batchTable->rowCount() == 0)
            addBatchRow();
        m_batchPlainString->setChecked(record.plainString);
        validateBatch();
        m_tabs->setCurrentIndex(1);
        return;
    }
    m_channels->setText(record.channels.join(u' '));
    m_event->setText(record.event);
    m_plainString->setChecked(record.plainString);
    m_data->setPlainText(record.data);
    m_excludeMe->setChecked(record.excludeMe && m_excludeMe->isEnabled());
    m_infoUserCount->setChecked(record.info.contains(QStringLiteral("user_count")));
    m_infoSubscriptionCount->setChecked(record.info.contains(QStringLiteral("subscription_count")));
    validateTrigger();
    m_tabs->setCurrentIndex(0);
}

void PublishPanel::loadSelected(bool send)
{
    const PublishRecord *record = recordOf(m_historyList->currentItem());
    if (!record)
        return;
    const PublishRecord copy = *record;  // sending adds to the history, which may move it
    loadRecord(copy);
    if (!copy.name.isEmpty())
        m_templateName->setText(copy.name);
    if (send) {
        if (copy.kind == PublishRecord::Kind::Batch)
            sendBatch();
        else
            sendTrigger();
    } else {
        Q_EMIT statusMessage(tr("Loaded %1 into the form").arg(copy.name.isEmpty() ? copy.summary() : copy.name));
    }
}

void PublishPanel::deleteSelected()
{
    const QListWidgetItem *item = m_historyList->currentItem();
    if (!item)
        return;
    const QString key = item->data(KeyRole).toString();
    if (item->data(KindRole).toString() == QLatin1String("template")) {
        m_history.removeTemplate(key);
        Q_EMIT statusMessage(tr("Deleted template %1").arg(key));
    } else {
        m_history.removeHistory(key.toULongLong());
    }
    rebuildHistoryList();
}

void PublishPanel::saveTemplate()
{
    const QString name = m_templateName->text().trimmed();
    if (name.isEmpty())
        return;
    PublishRecord record;
    if (m_tabs->currentIndex() == 1) {
        record = currentBatchRecord();
    } else if (m_tabs->currentIndex() == 0) {
        record = currentTriggerRecord();
    } else {
        Q_EMIT statusMessage(tr("Templates keep trigger and batch forms; client events are not kept"));
        return;
    }
    const bool replaced = m_history.templateEntry(name) != nullptr;
    m_history.saveTemplate(name, record);
    rebuildHistoryList();
    Q_EMIT statusMessage(replaced ? tr("Template %1 replaced").arg(name) : tr("Template %1 saved").arg(name));
}

// --- Answer ---------------------------------------------------------------------------------------

void PublishPanel::showPending(const QString &what)
{
    m_answerStatus->setText(what);
    m_answer->setProperty("ok", QVariant());
    m_answer->setPlainText(tr("Sending…"));
}

void PublishPanel::showAnswer(const QString &what, const RestResponse &response)
{
    m_answerStatus->setText(tr("%1 · %2 %3").arg(what, response.method, response.path));
    const bool ok = response.ok();
    m_answer->clear();
    QTextCursor cursor(m_answer->document());
    QTextCharFormat statusFormat;
    statusFormat.setFontWeight(QFont::Bold);
    statusFormat.setForeground(feedback::color(m_answer->palette(), ok ? feedback::Tone::Success : feedback::Tone::Error));
    QString status;
    if (ok)
        status = tr("✓ %1 OK in %2 ms").arg(response.status).arg(response.durationMs);
    else if (response.status == 0 && response.durationMs == 0 && !response.networkError.isEmpty())
        status = tr("✗ Not sent: %1").arg(response.errorMessage());
    else
        status = tr("✗ %1 (after %2 ms)").arg(response.errorMessage()).arg(response.durationMs);
    cursor.insertText(status, statusFormat);
    const QString body = prettyBody(response);
    if (!body.isEmpty()) {
        QTextCharFormat bodyFormat;
        if (!ok)
            bodyFormat.setForeground(feedback::color(m_answer->palette(), feedback::Tone::Error));
        cursor.insertText(QStringLiteral("\n\n"), bodyFormat);
        cursor.insertText(body, bodyFormat);
    }
    m_answer->setProperty("ok", ok);
    Q_EMIT statusMessage(ok ? tr("%1: %2").arg(what, status) : tr("%1 failed: %2").arg(what, response.errorMessage()));
    Q_EMIT answerShown(ok);
}

void PublishPanel::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() != QEvent::PaletteChange)
        return;
    // Children get the new palette after this widget: recolour once they all have it.
    QMetaObject::invokeMethod(this, [this] {
        feedback::refresh(this);
        rebuildHistoryList();
        validateBatch();
        validateTrigger();
        validateClient();
    }, Qt::QueuedConnection);
}

} // namespace cs::ui
