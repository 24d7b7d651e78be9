#include "profiletester.h"

#include "connection.h"
#include "deliverlater.h"
#include "restclient.h"
#include "tlspolicy.h"

#include <QElapsedTimer>
#include <QRegularExpression>
#include <QTimeZone>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSslSocket>

#include <algorithm>

namespace cs {

namespace {

QString endpoint(const QString &host, quint16 port) { return QStringLiteral("%1:%2").arg(host).arg(port); }

QString seconds(qint64 ms)
{
    return ms % 1000 == 0 ? QStringLiteral("%1 s").arg(ms / 1000) : QStringLiteral("%1 s").arg(ms / 1000.0, 0, 'f', 1);
}

QString socketErrorText(QAbstractSocket::SocketError error, const QString &fallback)
{
    switch (error) {
    case QAbstractSocket::ConnectionRefusedError: return QStringLiteral("connection refused");
    case QAbstractSocket::HostNotFoundError: return QStringLiteral("host not found");
    case QAbstractSocket::NetworkError: return QStringLiteral("network unreachable");
    case QAbstractSocket::RemoteHostClosedError: return QStringLiteral("closed by the server at once");
    default: return fallback;
    }
}

// "connection closed: 4001 app key does not exist (wrong cluster?), server says …" -> the part a
// user needs, with the cluster hint once, at the end.
QString keyFailureLine(const Error &error, ServerPreset preset)
{
    if (error.code != ErrorCode::Close)
        return error.message;
    QString text = error.message;
    text.remove(QStringLiteral("connection closed: "));
    const bool unknownKey = error.detail == 4001;
    if (unknownKey)
        text.remove(QStringLiteral(" (wrong cluster?)"));
    text = QStringLiteral("key refused: ") + text;
    if (unknownKey)
        text += preset == ServerPreset::Pusher ? QStringLiteral(" — wrong cluster?")
                                               : QStringLiteral(" — wrong key, or wrong cluster?");
    return text;
}

}  // namespace

ProfileTester::ProfileTester(QObject *parent) : QObject(parent) { m_timeout.setSingleShot(true); }

ProfileTester::~ProfileTester() { cleanup(); }

void ProfileTester::setTimeoutMs(int ms) { m_timeoutMs = std::max(100, ms); }

QStringList ProfileTester::checkIds()
{
    return {QStringLiteral("host"), QStringLiteral("key"), QStringLiteral("rest"), QStringLiteral("clock")};
}

QString ProfileTester::checkLabel(const QString &id)
{
    if (id == u"host")
        return QStringLiteral("Host");
    if (id == u"key")
        return QStringLiteral("Key");
    if (id == u"rest")
        return QStringLiteral("REST");
    if (id == u"clock")
        return QStringLiteral("Clock");
    return id;
}

void ProfileTester::start(const Profile &profile)
{
    cancel();
    m_profile = profile;
    m_results.clear();
    m_restAnswered = false;
    m_serverDate.reset();
    // The first check may end at once (no host): nothing is emitted before start() returns.
    m_step = Step::Host;
    deliverLater(this, [this, run = m_run] {
        if (run == m_run)  // not cancelled or restarted meanwhile
            startHost();
    });
}

void ProfileTester::cancel()
{
    cleanup();
    m_step = Step::Idle;
}

void ProfileTester::cleanup()
{
    ++m_run;
    m_timeout.stop();
    m_timeout.disconnect(this);
    if (m_probe) {
        m_probe->disconnect(this);
        if (auto *connection = qobject_cast<Connection *>(m_probe.data()))
            connection->close();
        m_probe->deleteLater();
    }
    m_probe = nullptr;
}

void ProfileTester::finishCheck(Check check)
{
    cleanup();
    m_results << check;
    Q_EMIT checkFinished(check);
    switch (m_step) {
    case Step::Host:
        if (check.ok)
            startKey();
        else
            skip(QStringLiteral("key"), QStringLiteral("skipped: the host did not answer"));
        break;
    case Step::Key: startRest(); break;
    case Step::Rest: runClock(); break;
    case Step::Clock:
    case Step::Idle: {
        m_step = Step::Idle;
        const bool allOk = std::all_of(m_results.begin(), m_results.end(), [](const Check &c) { return c.ok; });
        Q_EMIT finished(allOk);
        break;
    }
    }
}

void ProfileTester::skip(const QString &id, const QString &why)
{
    if (id == u"key")
        m_step = Step::Key;
    else if (id == u"rest")
        m_step = Step::Rest;
    else if (id == u"clock")
        m_step = Step::Clock;
    finishCheck(Check{id, false, why, true, false});
}

// --- host ------------------------------------------------------------------------------------

void ProfileTester::startHost()
{
    m_step = Step::Host;
    Q_EMIT checkStarted(QStringLiteral("host"));
    const Credentials &c = m_profile.credentials;
    const QString host = c.wsHost();
    const quint16 port = c.wsPort();
    if (host.isEmpty()) {
        finishCheck(Check{QStringLiteral("host"), false, QStringLiteral("no host: set a host or a cluster")});
        return;
    }
    const QString where = endpoint(host, port);
    auto *socket = new QSslSocket(this);
    m_probe = socket;
    const quint64 run = m_run;
    auto elapsed = std::make_shared<QElapsedTimer>();
    elapsed->start();

    const auto succeed = [this, run, where, elapsed, tls = c.tls] {
        if (run != m_run)
            return;
        finishCheck(Check{QStringLiteral("host"), true,
                          QStringLiteral("%1 answers in %2 ms%3")
                              .arg(where)
                              .arg(elapsed->elapsed())
                              .arg(tls ? QStringLiteral(" (TLS)") : QString())});
    };
    const auto fail = [this, run, where](const QString &why) {
        if (run != m_run)
            return;
        finishCheck(Check{QStringLiteral("host"), false, QStringLiteral("%1: %2").arg(where, why)});
    };

    connect(socket, &QAbstractSocket::errorOccurred, this, [socket, fail](QAbstractSocket::SocketError error) {
        fail(socketErrorText(error, socket->errorString()));
    });
    if (c.tls) {
        connect(socket, &QSslSocket::encrypted, this, succeed);
        connect(socket, &QSslSocket::sslErrors, this,
                [this, run, where, socket, pinned = c.pinnedSha256](const QList<QSslError> &errors) {
                    const PinVerdict pin = checkPin(errors, pinned);
                    if (pin.accept) {
                        socket->ignoreSslErrors(errors);
                        return;
                    }
                    if (run != m_run)
                        return;
                    QStringList texts;
                    for (const QSslError &e : errors)
                        texts << e.errorString();
                    Check check{QStringLiteral("host"), false,
                                QStringLiteral("%1: TLS certificate rejected: %2")
                                    .arg(where, texts.join(QStringLiteral("; ")))};
                    // A self-signed certificate is the usual cause on a local server: name it, offer to trust it.
                    if (pin.untrusted) {
                        check.line += QStringLiteral("; ") + pin.message;
                        check.untrustedSha256 = pin.presented;
                    }
                    finishCheck(check);
                });
        socket->connectToHostEncrypted(host, port);
    } else {
        connect(socket, &QAbstractSocket::connected, this, succeed);
        socket->connectToHost(host, port);
    }
    connect(&m_timeout, &QTimer::timeout, this,
            [fail, this] { fail(QStringLiteral("no answer within %1").arg(seconds(m_timeoutMs))); });
    m_timeout.start(m_timeoutMs);
}

// --- key -------------------------------------------------------------------------------------

void ProfileTester::startKey()
{
    m_step = Step::Key;
    Q_EMIT checkStarted(QStringLiteral("key"));
    if (m_profile.credentials.key.trimmed().isEmpty()) {
        finishCheck(Check{QStringLiteral("key"), false, QStringLiteral("no app key to try")});
        return;
    }
    auto *connection = new Connection(nullptr, QStringLiteral("profile-test"), this);
    m_probe = connection;
    ConnectionOptions options;
    options.handshakeTimeoutMs = m_timeoutMs;
    options.unavailableTimeoutMs = m_timeoutMs;
    options.activityTimeoutMs = 24 * 3600 * 1000;  // so the server's activity_timeout shows through
    connection->setOptions(options);
    connection->setEndpoint(m_profile.credentials.endpoint());
    const quint64 run = m_run;

    connect(connection, &Connection::connected, this, [this, run, connection](const QString &socketId) {
        if (run != m_run)
            return;
        finishCheck(Check{QStringLiteral("key"), true,
                          QStringLiteral("key accepted, socket id %1, activity timeout %2")
                              .arg(socketId, seconds(connection->effectiveActivityTimeoutMs()))});
    });
    // The first error decides: the connection would otherwise retry with back-off.
    connect(connection, &Connection::errorOccurred, this, [this, run](const Error &error) {
        if (run != m_run)
            return;
        finishCheck(Check{QStringLiteral("key"), false, keyFailureLine(error, m_profile.preset)});
    });
    connect(&m_timeout, &QTimer::timeout, this, [this, run] {
        if (run != m_run)
            return;
        finishCheck(Check{QStringLiteral("key"), false,
                          QStringLiteral("no pusher:connection_established within %1").arg(seconds(m_timeoutMs))});
    });
    m_timeout.start(m_timeoutMs);
    connection->open();
}

// --- rest ------------------------------------------------------------------------------------

void ProfileTester::startRest()
{
    m_step = Step::Rest;
    Q_EMIT checkStarted(QStringLiteral("rest"));
    const Credentials &c = m_profile.credentials;
    if (c.appId.trimmed().isEmpty() || c.secret.isEmpty()) {
        skip(QStringLiteral("rest"), QStringLiteral("skipped: a signed REST call needs the app id and the secret"));
        return;
    }
    auto *rest = new RestClient(c, nullptr, QStringLiteral("profile-test"), this);
    m_probe = rest;
    rest->setTimeoutMs(m_timeoutMs);
    const quint64 run = m_run;
    const qint64 startedMs = QDateTime::currentMSecsSinceEpoch();

    // RestResponse carries no headers: read the Date header off the client's own network
    // manager, whose finished() comes before the reply's callback.
    if (auto *nam = rest->findChild<QNetworkAccessManager *>()) {
        connect(nam, &QNetworkAccessManager::finished, this, [this, run, startedMs](QNetworkReply *reply) {
            if (run != m_run)
                return;
            m_restMidpointMs = (startedMs + QDateTime::currentMSecsSinceEpoch()) / 2;
            m_serverDate = parseHttpDate(reply->rawHeader("Date"));
        });
    }
    rest->channels({}, {}, [this, run](const RestResponse &response) {
        if (run != m_run)
            return;
        m_restAnswered = response.httpStatus != 0;
        finishCheck(restCheck(response));
    });
    // RestClient has its own transfer timeout; this one also covers a stuck DNS lookup.
    connect(&m_timeout, &QTimer::timeout, this, [this, run] {
        if (run != m_run)
            return;
        finishCheck(
            Check{QStringLiteral("rest"), false, QStringLiteral("no answer within %1").arg(seconds(m_timeoutMs))});
    });
    m_timeout.start(m_timeoutMs + 1000);
}

ProfileTester::Check ProfileTester::restCheck(const RestResponse &response) const
{
    if (response.ok())
        return Check{
            QStringLiteral("rest"), true,
            QStringLiteral("signed REST call accepted (HTTP %1, %2 ms)").arg(response.status).arg(response.durationMs)};
    QString line = response.errorMessage();
    // Pusher signs with a timestamp: a 401 that mentions it is the clock, not the secret.
    if (response.status == 401
        && QString::fromUtf8(response.body).contains(QStringLiteral("timestamp"), Qt::CaseInsensitive))
        line += QStringLiteral(" — check the system clock");
    else if (response.status == 401)
        line += QStringLiteral(" — wrong secret?");
    return Check{QStringLiteral("rest"), false, line};
}

// --- clock -----------------------------------------------------------------------------------

ProfileTester::Check ProfileTester::clockCheck(qint64 skew)
{
    const qint64 off = std::abs(skew);
    const QString direction = skew > 0 ? QStringLiteral("behind the server") : QStringLiteral("ahead of the server");
    if (off <= ClockWarnSeconds)
        return Check{QStringLiteral("clock"), true, QStringLiteral("clock skew %1 s").arg(skew)};
    if (off <= ClockRejectSeconds)
        return Check{QStringLiteral("clock"), true,
                     QStringLiteral("clock skew %1 s: this machine is %2 s %3; Pusher still accepts up to %4 s")
                         .arg(skew)
                         .arg(off)
                         .arg(direction)
                         .arg(ClockRejectSeconds),
                     false, true};
    return Check{
        QStringLiteral("clock"), false,
        QStringLiteral(
            "clock skew %1 s: this machine is %2 s %3; Pusher rejects signatures over %4 s — fix the system clock")
            .arg(skew)
            .arg(off)
            .arg(direction)
            .arg(ClockRejectSeconds)};
}

void ProfileTester::runClock()
{
    m_step = Step::Clock;
    Q_EMIT checkStarted(QStringLiteral("clock"));
    if (!m_restAnswered) {
        const bool restSkipped = !m_results.isEmpty() && m_results.last().skipped;
        finishCheck(Check{QStringLiteral("clock"), false,
                          restSkipped ? QStringLiteral("skipped: the server's clock is read from the REST answer")
                                      : QStringLiteral("skipped: no HTTP answer to read the server's clock from"),
                          true});
        return;
    }
    if (!m_serverDate) {
        finishCheck(Check{QStringLiteral("clock"), true,
                          QStringLiteral("clock skew unknown: the server sent no Date header"), false, true});
        return;
    }
    // The Date header counts whole seconds: compare with the middle of that second.
    const qint64 skewMs = m_serverDate->toMSecsSinceEpoch() + 500 - m_restMidpointMs;
    finishCheck(clockCheck(qRound64(skewMs / 1000.0)));
}

std::optional<QDateTime> ProfileTester::parseHttpDate(const QByteArray &value)
{
    // "Sun, 06 Nov 1994 08:49:37 GMT"; the weekday is redundant and not checked.
    static const QRegularExpression re(
        QStringLiteral("(\\d{1,2}) ([A-Za-z]{3}) (\\d{4}) (\\d{2}):(\\d{2}):(\\d{2}) GMT"));
    static const QStringList months{QStringLiteral("jan"), QStringLiteral("feb"), QStringLiteral("mar"),
                                    QStringLiteral("apr"), QStringLiteral("may"), QStringLiteral("jun"),
                                    QStringLiteral("jul"), QStringLiteral("aug"), QStringLiteral("sep"),
                                    QStringLiteral("oct"), QStringLiteral("nov"), QStringLiteral("dec")};
    const auto m = re.match(QString::fromLatin1(value));
    if (!m.hasMatch())
        return std::nullopt;
    const int month = int(months.indexOf(m.captured(2).toLower())) + 1;
    const QDate date(m.captured(3).toInt(), month, m.captured(1).toInt());
    const QTime time(m.captured(4).toInt(), m.captured(5).toInt(), m.captured(6).toInt());
    if (month == 0 || !date.isValid() || !time.isValid())
        return std::nullopt;
    return QDateTime(date, time, QTimeZone::utc());
}

}  // namespace cs
