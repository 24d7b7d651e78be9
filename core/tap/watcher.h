#pragma once
// Watching an app without changing it (issue 11, item 4): polls the channel list (with
// subscription_count and, for presence, user_count when the server gives them) and logs every
// change as a Watch entry (connection "watch"): a channel occupied or vacated, a count that moved.
// For when the backend or the frontends cannot be pointed at the taps.

#include "credentials.h"

#include <QMap>
#include <QObject>
#include <QRegularExpression>
#include <QTimer>

class QNetworkAccessManager;

namespace cs {
class LogStore;
}

namespace cs::tap {

inline const QLatin1StringView kWatchConnection("watch");

class Watcher : public QObject {
    Q_OBJECT

public:
    Watcher(const Credentials &credentials, LogStore *log, QObject *parent = nullptr);
    ~Watcher() override;

    // Only channels whose name matches this glob (* and ?); empty: all.
    void setPattern(const QString &glob);
    void start(int intervalMs = 2000);  // polls now, then every intervalMs
    void stop();
    bool isRunning() const { return m_timer.isActive(); }
    QStringList occupied() const { return m_counts.keys(); }

signals:
    void polled(bool ok);  // after each answer (or failure) was looked at

private:
    void poll();
    void take(const QByteArray &body);

    Credentials m_credentials;
    LogStore *m_log;
    QNetworkAccessManager *m_network;
    QTimer m_timer;
    QRegularExpression m_pattern;
    QMap<QString, qint64> m_counts;  // channel -> subscription_count (-1 when not given)
    bool m_first = true;
    bool m_inFlight = false;
    QString m_lastError;
};

}  // namespace cs::tap
