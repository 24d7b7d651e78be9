#include "replaydialog.h"

#include "profilestore.h"
#include "restclient.h"
#include "session.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

namespace cs::ui {

ReplayDialog::ReplayDialog(const QList<LogEntry> &entries, ProfileStore *profiles, Session *live, LogStore *log,
                           QWidget *parent)
    : QDialog(parent),
      m_entries(entries),
      m_profiles(profiles),
      m_live(live),
      m_log(log)
{
    setObjectName(QStringLiteral("replayDialog"));
    setWindowTitle(tr("Replay events"));
    m_profile = new QComboBox(this);
    m_profile->setObjectName(QStringLiteral("replayProfile"));
    for (const Profile &p : m_profiles->profiles())
        m_profile->addItem(p.name, p.id);
    if (const int current = m_profile->findData(m_profiles->currentProfileId()); current >= 0)
        m_profile->setCurrentIndex(current);
    m_timing = new QComboBox(this);
    m_timing->setObjectName(QStringLiteral("replayTiming"));
    m_timing->addItem(tr("One after the other"), int(replay::Timing::Fast));
    m_timing->addItem(tr("With the original spacing in time"), int(replay::Timing::Original));
    m_clientEvents = new QCheckBox(tr("Send client events through the live connection"), this);
    const bool connected = m_live && m_live->connection()->state() == ConnectionState::Connected;
    m_clientEvents->setChecked(connected);
    m_clientEvents->setEnabled(connected);
    if (!connected)
        m_clientEvents->setToolTip(tr("Connect first: client events are sent by a subscribed client"));
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("replaySummary"));
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::PlainText);
    m_progress = new QProgressBar(this);
    m_progress->setVisible(false);

    auto *form = new QFormLayout;
    form->addRow(tr("Send to profile"), m_profile);
    form->addRow(tr("Timing"), m_timing);
    form->addRow(QString(), m_clientEvents);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    QPushButton *go = m_buttons->addButton(tr("Replay"), QDialogButtonBox::AcceptRole);
    go->setObjectName(QStringLiteral("replayStart"));
    connect(go, &QPushButton::clicked, this, [this] { start(); });
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_summary);
    layout->addWidget(m_progress);
    layout->addWidget(m_buttons);
    connect(m_clientEvents, &QCheckBox::toggled, this, &ReplayDialog::updateSummary);
    updateSummary();
}

ReplayDialog::~ReplayDialog() = default;

replay::Plan ReplayDialog::currentPlan() const
{
    return replay::plan(m_entries, {.clientEvents = m_clientEvents->isChecked()});
}

void ReplayDialog::updateSummary()
{
    const replay::Plan plan = currentPlan();
    QString text = tr("%n event(s) to send again, in log order.", nullptr, int(plan.items.size()));
    if (plan.skipped > 0)
        text += QLatin1Char(' ')
                + tr("%n selected entry(s) left out: only channel events, client events and REST triggers are "
                     "sent again, never events of encrypted channels.",
                     nullptr, plan.skipped);
    m_summary->setText(text);
}

bool ReplayDialog::isRunning() const { return m_replayer && m_replayer->isRunning(); }

bool ReplayDialog::start()
{
    if (isRunning())
        return false;
    const replay::Plan plan = currentPlan();
    const std::optional<Profile> profile = m_profiles->profile(m_profile->currentData().toString());
    if (!profile) {
        m_summary->setText(tr("Choose a profile to send to (create one in the Profile panel)."));
        return false;
    }
    if (plan.items.isEmpty()) {
        m_summary->setText(tr("Nothing to replay: select channel events, client events or REST triggers."));
        return false;
    }
    m_rest = std::make_unique<RestClient>(profile->credentials, m_log, tr("replay"));
    ChannelRegistry *clientEvents = m_clientEvents->isChecked() && m_live ? m_live->channels() : nullptr;
    m_replayer = std::make_unique<replay::Replayer>(m_rest.get(), clientEvents);
    m_sent = m_failed = 0;
    m_progress->setRange(0, int(plan.items.size()));
    m_progress->setValue(0);
    m_progress->setVisible(true);
    connect(m_replayer.get(), &replay::Replayer::itemSent, this, [this](int index, const Status &result) {
        m_progress->setValue(index + 1);
        if (!result)
            m_summary->setText(tr("Event %1 was refused: %2").arg(index + 1).arg(result.error().message));
    });
    connect(m_replayer.get(), &replay::Replayer::finished, this, [this](int sent, int failed) {
        m_sent = sent;
        m_failed = failed;
        const QString done = tr("Sent %n event(s) to %1", nullptr, sent).arg(m_profile->currentText());
        m_summary->setText(failed == 0 ? done : done + tr("; %n failed (see the log)", nullptr, failed));
        Q_EMIT replayFinished(sent, failed);
    });
    m_summary->setText(tr("Sending %n event(s) to %1…", nullptr, int(plan.items.size())).arg(m_profile->currentText()));
    m_replayer->start(plan.items, replay::Timing(m_timing->currentData().toInt()));
    return true;
}

}  // namespace cs::ui
