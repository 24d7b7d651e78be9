#include "watcher.h"

#include "httpforward.h"
#include "logstore.h"
#include "signer.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QUrl>

namespace cs::tap {

namespace {

QByteArray compact(const QJsonObject &object) { return QJsonDocument(object).toJson(QJsonDocument::Compact); }

void logWatch(LogStore *log, const QString &message, const QJsonObject &details, const QString &channel = {})
{
    log->append(
        LogEntry::local(EntryKind::Watch, QString(kWatchConnection), QString(), message, compact(details), channel));
}

}  // namespace

Watcher::Watcher(const Credentials &credentials, LogStore *log, QObject *parent)
    : QObject(parent),
      m_credentials(credentials),
      m_log(log),
      m_network(new QNetworkAccessManager(this))
{
    connect(&m_timer, &QTimer::timeout, this, &Watcher::poll);
}

Watcher::~Watcher() = default;

void Watcher::setPattern(const QString &glob)
{
    m_pattern = glob.isEmpty() ? QRegularExpression()
                               : QRegularExpression(QRegularExpression::wildcardToRegularExpression(
                                   glob, QRegularExpression::UnanchoredWildcardConversion));
    if (!glob.isEmpty())
        m_pattern.setPattern(QStringLiteral("\\A(?:%1)\\z").arg(m_pattern.pattern()));
}

void Watcher::start(int intervalMs)
{
    m_timer.start(intervalMs);
    QMetaObject::invokeMethod(this, &Watcher::poll, Qt::QueuedConnection);
}

void Watcher::stop() { m_timer.stop(); }

void Watcher::poll()
{
    if (m_inFlight)
        return;
    const QUrl base = m_credentials.restBaseUrl();
    const QString path = base.path() + QStringLiteral("/channels");
    const auto signedQuery = signer::signRestRequest({m_credentials.key, m_credentials.secret}, "GET", path,
                                                     {{QStringLiteral("info"), QStringLiteral("subscription_count")}},
                                                     {}, QDateTime::currentSecsSinceEpoch());
    if (!signedQuery) {
        logWatch(m_log, QStringLiteral("cannot watch: %1").arg(signedQuery.error().message), {});
        stop();
        return;
    }
    QByteArray target = QUrl::toPercentEncoding(path, "/") + '?';
    for (qsizetype i = 0; i < signedQuery->params.size(); ++i) {
        const auto &[k, v] = signedQuery->params[i];
        target += (i ? "&" : "") + QUrl::toPercentEncoding(k) + '=' + QUrl::toPercentEncoding(v, ",");
    }
    m_inFlight = true;
    forwardHttp(
        m_network, upstreamUrl(base, target), "GET", {}, {}, m_credentials.pinnedSha256,
        [this](const ForwardResult &result) {
            m_inFlight = false;
            const QJsonObject answer = QJsonDocument::fromJson(result.body).object();
            const bool ok = result.status == 200 && answer.value(QLatin1String("channels")).isObject();
            if (!ok) {
                const QString why =
                    result.status
                        ? QStringLiteral("HTTP %1: %2").arg(result.status).arg(QString::fromUtf8(result.body.left(200)))
                        : result.error;
                if (why != m_lastError)  // once per distinct failure, not every poll
                    logWatch(m_log, QStringLiteral("channel list failed: %1").arg(why),
                             {{QStringLiteral("error"), why}});
                m_lastError = why;
            } else {
                m_lastError.clear();
                take(result.body);
            }
            emit polled(ok);
        });
}

void Watcher::take(const QByteArray &body)
{
    const QJsonObject channels = QJsonDocument::fromJson(body).object().value(QLatin1String("channels")).toObject();
    QMap<QString, qint64> now;
    for (auto it = channels.begin(); it != channels.end(); ++it) {
        if (m_pattern.pattern().isEmpty() || m_pattern.match(it.key()).hasMatch()) {
            const QJsonValue count = it.value().toObject().value(QLatin1String("subscription_count"));
            now.insert(it.key(), count.isDouble() ? qint64(count.toDouble()) : -1);
        }
    }
    for (auto it = now.begin(); it != now.end(); ++it) {
        const auto before = m_counts.constFind(it.key());
        QJsonObject details{{QStringLiteral("channel"), it.key()}};
        if (it.value() >= 0)
            details.insert(QStringLiteral("subscription_count"), it.value());
        if (before == m_counts.constEnd()) {
            details.insert(QStringLiteral("change"), m_first ? QStringLiteral("present") : QStringLiteral("occupied"));
            logWatch(m_log,
                     QStringLiteral("%1 %2%3").arg(
                         m_first ? QStringLiteral("occupied at start:") : QStringLiteral("occupied:"), it.key(),
                         it.value() >= 0 ? QStringLiteral(" (%1 subscriptions)").arg(it.value()) : QString()),
                     details, it.key());
        } else if (*before != it.value()) {
            details.insert(QStringLiteral("change"), QStringLiteral("count"));
            details.insert(QStringLiteral("previous_count"), *before);
            logWatch(m_log, QStringLiteral("%1: %2 -> %3 subscriptions").arg(it.key()).arg(*before).arg(it.value()),
                     details, it.key());
        }
    }
    for (auto it = m_counts.begin(); it != m_counts.end(); ++it) {
        if (!now.contains(it.key())) {
            logWatch(m_log, QStringLiteral("vacated: %1").arg(it.key()),
                     {{QStringLiteral("channel"), it.key()}, {QStringLiteral("change"), QStringLiteral("vacated")}},
                     it.key());
        }
    }
    m_counts = now;
    m_first = false;
}

}  // namespace cs::tap
