#include "restchecks.h"

#include "restclient.h"
#include "upgradecheck.h"

#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QTimeZone>

namespace cs::diagnose {

namespace {

const QString kQueryPrefix = QStringLiteral("channelscope-doctor-");

bool needsSecret(const DoctorRun &run, const QString &id, const CheckDone &done)
{
    const Credentials &c = run.profile.credentials;
    if (!c.appId.trimmed().isEmpty() && !c.secret.isEmpty())
        return false;
    done(DoctorCheck::skip(id, QStringLiteral("skipped: a signed REST call needs the app id and the secret")));
    return true;
}

RestClient *client(DoctorRun &run)
{
    auto *rest = new RestClient(run.profile.credentials, nullptr, QStringLiteral("doctor"), run.scope);
    rest->setTimeoutMs(run.timeoutMs);
    return rest;
}

// `query`: the parameters asked for besides the signature, shown after the path.
QString evidenceOf(const RestResponse &r, const QString &query = {})
{
    QString text = QStringLiteral("%1 %2%3: ").arg(r.method, r.path, query.isEmpty() ? QString() : u'?' + query);
    text += r.networkError.isEmpty() ? QStringLiteral("HTTP %1 in %2 ms").arg(r.httpStatus).arg(r.durationMs)
                                     : r.networkError;
    if (r.networkError.isEmpty() && r.status != r.httpStatus)
        text += QStringLiteral(" (the body says %1)").arg(r.status);
    if (!r.body.isEmpty())
        text += QStringLiteral("\nbody: ") + excerpt(r.body);
    return text;
}

// The cause of a refused plain signed GET, using what the WebSocket side proved about the secret.
QString restFailure(const RestResponse &r, const DoctorFacts &facts)
{
    if (!r.networkError.isEmpty())
        return r.errorMessage();
    HttpAnswer answer;
    answer.status = r.httpStatus;
    answer.statusLine = "HTTP/1.1 " + QByteArray::number(r.httpStatus);
    answer.body = r.body;
    if (!r.json.isObject() && r.body.trimmed().startsWith('<'))  // HTML where JSON belongs
        return classifyUpgradeAnswer(answer, r.path).replace(QStringLiteral("WebSocket"), QStringLiteral("REST"));
    if (r.status == 401 && QString::fromUtf8(r.body).contains(QStringLiteral("timestamp"), Qt::CaseInsensitive))
        return r.errorMessage() + QStringLiteral(" — check the system clock");
    if (r.status == 401 && facts.secretSignsChannels.value_or(false))
        return QStringLiteral("the REST signature is refused although the secret signs channels correctly: something "
                              "between here and the server changes the request — a proxy that drops the query string "
                              "(the signature travels in it) or rewrites the path");
    if (r.status == 401 && facts.secretSignsChannels.has_value())
        return r.errorMessage() + QStringLiteral(" — wrong secret (a private channel signed with it was refused too)");
    if (r.status == 401)
        return r.errorMessage() + QStringLiteral(" — wrong secret, or a proxy that drops the query string?");
    if (r.status == 404)
        return r.errorMessage() + QStringLiteral(" — wrong app id or path prefix?");
    return r.errorMessage();
}

}  // namespace

void checkRest(DoctorRun &run, const CheckDone &done)
{
    const QString id = QStringLiteral("rest");
    if (needsSecret(run, id, done))
        return;
    RestClient *rest = client(run);
    const qint64 startedMs = QDateTime::currentMSecsSinceEpoch();
    DoctorFacts *facts = run.facts;
    // RestResponse carries no headers: read the Date header off the client's own network
    // manager, whose finished() comes before the reply's callback.
    if (auto *nam = rest->findChild<QNetworkAccessManager *>()) {
        QObject::connect(nam, &QNetworkAccessManager::finished, run.scope, [facts, startedMs](QNetworkReply *reply) {
            facts->restMidpointMs = (startedMs + QDateTime::currentMSecsSinceEpoch()) / 2;
            facts->serverDate = parseHttpDate(reply->rawHeader("Date"));
        });
    }
    rest->channels({}, {}, [done, id, facts](const RestResponse &r) {
        facts->restStatus = r.httpStatus;
        facts->restOk = r.ok();
        if (r.ok()) {
            done(DoctorCheck::pass(id, QStringLiteral("signed REST call accepted"), evidenceOf(r)));
            return;
        }
        done(DoctorCheck::fail(id, restFailure(r, *facts), evidenceOf(r)));
    });
}

void checkQuery(DoctorRun &run, const CheckDone &done)
{
    const QString id = QStringLiteral("query");
    if (needsSecret(run, id, done))
        return;
    if (!run.facts->restOk) {
        done(DoctorCheck::skip(id, QStringLiteral("skipped: the signed GET without parameters failed already")));
        return;
    }
    client(run)->channels(kQueryPrefix, {}, [done, id](const RestResponse &r) {
        const auto evidenceOf = [](const RestResponse &answer) {
            return diagnose::evidenceOf(answer, QStringLiteral("filter_by_prefix=") + kQueryPrefix);
        };
        if (r.ok()) {
            // The filter matches nothing of ours: other channels listed means the parameter was lost.
            const QJsonObject channels = r.json.toObject().value(QStringLiteral("channels")).toObject();
            for (auto it = channels.begin(); it != channels.end(); ++it) {
                if (!it.key().startsWith(kQueryPrefix)) {
                    done(DoctorCheck::warn(
                        id, QStringLiteral("filter_by_prefix was ignored: the answer lists %1").arg(it.key()),
                        evidenceOf(r)));
                    return;
                }
            }
            done(DoctorCheck::pass(id,
                                   QStringLiteral("the query string survives: a signed GET with parameters is "
                                                  "accepted too"),
                                   evidenceOf(r)));
            return;
        }
        done(DoctorCheck::fail(id,
                               r.status == 401 ? QStringLiteral("a signed GET with parameters is refused while one "
                                                                "without is accepted: a proxy rewrites or drops query "
                                                                "parameters")
                                               : r.errorMessage(),
                               evidenceOf(r)));
    });
}

void checkInfo(DoctorRun &run, const CheckDone &done)
{
    const QString id = QStringLiteral("info");
    if (needsSecret(run, id, done))
        return;
    if (!run.facts->restOk) {
        done(DoctorCheck::skip(id, QStringLiteral("skipped: the signed REST call failed")));
        return;
    }
    const QStringList asked{QStringLiteral("user_count"), QStringLiteral("subscription_count")};
    client(run)->channel(
        QStringLiteral("presence-") + kQueryPrefix + QStringLiteral("info"), asked,
        [done, id, asked](const RestResponse &r) {
            const auto evidenceOf = [&asked](const RestResponse &answer) {
                return diagnose::evidenceOf(answer, QStringLiteral("info=") + asked.join(u','));
            };
            if (!r.ok()) {
                done(DoctorCheck::warn(id, QStringLiteral("info attributes unknown: %1").arg(r.errorMessage()),
                                       evidenceOf(r)));
                return;
            }
            const QJsonObject o = r.json.toObject();
            QStringList got, missing;
            for (const QString &name : asked)
                (o.contains(name) ? got : missing) << name;
            QString line = got.isEmpty()
                               ? QStringLiteral("the server returns none of the info attributes")
                               : QStringLiteral("info attributes supported: %1").arg(got.join(QStringLiteral(", ")));
            if (!missing.isEmpty())
                line += QStringLiteral("; not %1").arg(missing.join(QStringLiteral(", ")));
            done(DoctorCheck::pass(id, line, evidenceOf(r)));
        });
}

DoctorCheck clockCheck(qint64 skew)
{
    const QString id = QStringLiteral("clock");
    const qint64 off = std::abs(skew);
    const QString direction = skew > 0 ? QStringLiteral("behind the server") : QStringLiteral("ahead of the server");
    if (off <= kClockWarnSeconds)
        return DoctorCheck::pass(id, QStringLiteral("clock skew %1 s").arg(skew));
    if (off <= kClockRejectSeconds)
        return DoctorCheck::warn(id, QStringLiteral("clock skew %1 s: this machine is %2 s %3; Pusher still accepts up "
                                                    "to %4 s")
                                         .arg(skew)
                                         .arg(off)
                                         .arg(direction)
                                         .arg(kClockRejectSeconds));
    return DoctorCheck::fail(id, QStringLiteral("clock skew %1 s: this machine is %2 s %3; Pusher rejects signatures "
                                                "over %4 s — fix the system clock")
                                     .arg(skew)
                                     .arg(off)
                                     .arg(direction)
                                     .arg(kClockRejectSeconds));
}

void checkClock(DoctorRun &run, const CheckDone &done)
{
    const DoctorFacts &facts = *run.facts;
    const QString id = QStringLiteral("clock");
    if (facts.restStatus == 0) {
        done(DoctorCheck::skip(id, QStringLiteral("skipped: no HTTP answer to read the server's clock from")));
        return;
    }
    if (!facts.serverDate) {
        done(DoctorCheck::warn(id, QStringLiteral("clock skew unknown: the server sent no Date header")));
        return;
    }
    // The Date header counts whole seconds: compare with the middle of that second.
    const qint64 skewMs = facts.serverDate->toMSecsSinceEpoch() + 500 - facts.restMidpointMs;
    DoctorCheck check = clockCheck(qRound64(skewMs / 1000.0));
    check.evidence =
        QStringLiteral("server Date %1, local %2")
            .arg(facts.serverDate->toString(Qt::ISODate),
                 QDateTime::fromMSecsSinceEpoch(facts.restMidpointMs, QTimeZone::utc()).toString(Qt::ISODate));
    done(check);
}

std::optional<QDateTime> parseHttpDate(const QByteArray &value)
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

}  // namespace cs::diagnose
