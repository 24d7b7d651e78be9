#include "profiletestview.h"

#include "profilefields.h"

#include "tlspolicy.h"

#include <QPushButton>
#include <QVBoxLayout>

namespace cs::ui {

ProfileTestView::ProfileTestView(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("testResults"));
    setToolTip(tr("What the last test found, one line per check"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    for (const QString &id : ProfileTester::checkIds()) {
        auto *line = new MessageLabel(QStringLiteral("testLine_%1").arg(id), this);
        layout->addWidget(line);
        m_lines.insert(id, line);
        if (id == QLatin1String("host")) {
            m_trust = new QPushButton(tr("Trust this certificate"), this);
            m_trust->setObjectName(QStringLiteral("trustCertificateButton"));
            m_trust->setToolTip(tr("Accept the certificate the server presented for this profile (only that one)"));
            m_trust->hide();
            layout->addWidget(m_trust, 0, Qt::AlignLeft);
            connect(m_trust, &QPushButton::clicked, this, [this] { Q_EMIT trustRequested(m_untrusted); });
        }
    }
    const QMap<QString, QString> tips{
        {QStringLiteral("host"), tr("Does the WebSocket host answer on its port (and complete TLS when used)?")},
        {QStringLiteral("key"), tr("Does the server accept the app key and send pusher:connection_established?")},
        {QStringLiteral("rest"), tr("Is a signed REST call (GET /channels) accepted? Needs the app id and secret.")},
        {QStringLiteral("clock"),
         tr("How far this machine's clock is from the server's: signatures carry a timestamp")},
    };
    for (auto it = tips.begin(); it != tips.end(); ++it)
        m_lines.value(it.key())->setToolTip(it.value());
}

void ProfileTestView::setTester(ProfileTester *tester)
{
    if (m_tester)
        m_tester->disconnect(this);
    m_tester = tester;
    if (!tester)
        return;
    connect(tester, &ProfileTester::checkStarted, this, &ProfileTestView::onStarted);
    connect(tester, &ProfileTester::checkFinished, this, &ProfileTestView::onFinished);
}

void ProfileTestView::clear()
{
    for (MessageLabel *line : std::as_const(m_lines))
        line->clearMessage();
    m_untrusted.clear();
    m_trust->hide();
}

QString ProfileTestView::lineText(const QString &checkId) const
{
    const MessageLabel *line = m_lines.value(checkId);
    return line ? line->text() : QString();
}

void ProfileTestView::onStarted(const QString &id)
{
    if (MessageLabel *line = m_lines.value(id))
        line->setMessage(tr("… %1: checking").arg(ProfileTester::checkLabel(id)), Tone::Neutral);
}

void ProfileTestView::onFinished(const ProfileCheck &check)
{
    MessageLabel *line = m_lines.value(check.id);
    if (!line)
        return;
    const Tone tone = check.skipped   ? Tone::Neutral
                      : !check.ok     ? Tone::Error
                      : check.warning ? Tone::Warning
                                      : Tone::Ok;
    line->setMessage(QStringLiteral("%1 %2: %3").arg(toneSymbol(tone), ProfileTester::checkLabel(check.id), check.line),
                     tone);
    if (check.id == QLatin1String("host")) {
        m_untrusted = check.untrustedSha256;
        m_trust->setVisible(!m_untrusted.isEmpty());
        m_trust->setToolTip(
            tr("Accept the certificate SHA256 %1 for this profile (only this one)").arg(formatSha256(m_untrusted)));
    }
}

}  // namespace cs::ui
