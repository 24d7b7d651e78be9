#include "profiletestview.h"

#include "profilefields.h"

#include "tlspolicy.h"

#include <QPushButton>
#include <QVBoxLayout>

namespace cs::ui {

ProfileTestView::ProfileTestView(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("testResults"));
    setToolTip(tr("What the last test found, one line per check; hover a line for its evidence"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    m_tips = {
        {QStringLiteral("dns"), tr("Does the host name resolve?")},
        {QStringLiteral("tcp"), tr("Does the WebSocket port accept connections?")},
        {QStringLiteral("tls"), tr("Is the certificate chain trusted and issued for this name?")},
        {QStringLiteral("upgrade"), tr("Does the WebSocket upgrade get 101, or a proxy's page?")},
        {QStringLiteral("key"), tr("Does the server accept the app key and send pusher:connection_established?")},
        {QStringLiteral("client-events"), tr("Does the server accept a client event on a private channel?")},
        {QStringLiteral("user-auth"), tr("Does the server answer pusher:signin (user authentication)?")},
        {QStringLiteral("cache"), tr("Does an empty cache channel send pusher:cache_miss?")},
        {QStringLiteral("rest"), tr("Is a signed REST call (GET /channels) accepted? Needs the app id and secret.")},
        {QStringLiteral("query"), tr("Is a signed GET with query parameters accepted too (does a proxy keep them)?")},
        {QStringLiteral("info"), tr("Which info attributes (user_count, subscription_count) does the server return?")},
        {QStringLiteral("clock"),
         tr("How far this machine's clock is from the server's: signatures carry a timestamp")},
        {QStringLiteral("unauthorized"), tr("How soon the server closes a connection that never signs in")},
    };
    for (const QString &id : Doctor::checkIds()) {
        auto *line = new MessageLabel(QStringLiteral("testLine_%1").arg(id), this);
        line->setToolTip(m_tips.value(id));
        layout->addWidget(line);
        m_lines.insert(id, line);
        auto *evidence = new MessageLabel(QStringLiteral("testEvidence_%1").arg(id), this);
        evidence->setContentsMargins(fontMetrics().horizontalAdvance(QStringLiteral("✓ ")) * 2, 0, 0, 0);
        QFont small = evidence->font();
        small.setPointSizeF(small.pointSizeF() * 0.9);
        evidence->setFont(small);
        layout->addWidget(evidence);
        m_evidence.insert(id, evidence);
        if (id == QLatin1String("tls")) {
            m_trust = new QPushButton(tr("Trust this certificate"), this);
            m_trust->setObjectName(QStringLiteral("trustCertificateButton"));
            m_trust->setToolTip(tr("Accept the certificate the server presented for this profile (only that one)"));
            m_trust->hide();
            layout->addWidget(m_trust, 0, Qt::AlignLeft);
            connect(m_trust, &QPushButton::clicked, this, [this] { Q_EMIT trustRequested(m_untrusted); });
        }
    }
}

void ProfileTestView::setTester(Doctor *tester)
{
    if (m_tester)
        m_tester->disconnect(this);
    m_tester = tester;
    if (!tester)
        return;
    connect(tester, &Doctor::checkStarted, this, &ProfileTestView::onStarted);
    connect(tester, &Doctor::checkFinished, this, &ProfileTestView::onFinished);
}

void ProfileTestView::clear()
{
    for (auto it = m_lines.begin(); it != m_lines.end(); ++it) {
        it.value()->clearMessage();
        it.value()->setToolTip(m_tips.value(it.key()));
    }
    for (MessageLabel *evidence : std::as_const(m_evidence))
        evidence->clearMessage();
    m_untrusted.clear();
    m_trust->hide();
}

QString ProfileTestView::lineText(const QString &checkId) const
{
    const MessageLabel *line = m_lines.value(checkId);
    return line ? line->text() : QString();
}

QString ProfileTestView::evidenceText(const QString &checkId) const
{
    const MessageLabel *evidence = m_evidence.value(checkId);
    return evidence ? evidence->property("evidence").toString() : QString();
}

void ProfileTestView::onStarted(const QString &id)
{
    if (MessageLabel *line = m_lines.value(id))
        line->setMessage(tr("… %1: checking").arg(Doctor::checkLabel(id)), Tone::Neutral);
}

void ProfileTestView::onFinished(const DoctorCheck &check)
{
    MessageLabel *line = m_lines.value(check.id);
    MessageLabel *evidence = m_evidence.value(check.id);
    if (!line || !evidence)
        return;
    const Verdict verdict = check.verdict();
    const Tone tone = verdict == Verdict::Skipped   ? Tone::Neutral
                      : verdict == Verdict::Failed  ? Tone::Error
                      : verdict == Verdict::Warning ? Tone::Warning
                                                    : Tone::Ok;
    line->setMessage(QStringLiteral("%1 %2: %3").arg(toneSymbol(tone), Doctor::checkLabel(check.id), check.line), tone);
    line->setToolTip(check.evidence.isEmpty() ? m_tips.value(check.id)
                                              : m_tips.value(check.id) + u'\n' + check.evidence);
    // The evidence is what a person needs to act on a failure or a warning; for the rest, the tooltip.
    evidence->setProperty("evidence", check.evidence);
    const bool show = verdict == Verdict::Failed || verdict == Verdict::Warning;
    evidence->setMessage(show ? check.evidence : QString(), Tone::Neutral);
    if (check.id == QLatin1String("tls")) {
        m_untrusted = check.untrustedSha256;
        m_trust->setVisible(!m_untrusted.isEmpty());
        m_trust->setToolTip(
            tr("Accept the certificate SHA256 %1 for this profile (only this one)").arg(formatSha256(m_untrusted)));
    }
}

}  // namespace cs::ui
