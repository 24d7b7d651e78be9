#pragma once
// The user's own HTTP auth endpoint as an Authorizer, like pusher-js channelAuthorization and
// userAuthentication: POST socket_id=…&channel_name=… (form-urlencoded, or JSON), extra params
// and headers, answer {"auth":…,"channel_data"?:…,"shared_secret"?:…}. Every call is logged as
// one outbound entry (url without user info and with its query values masked, method, headers with
// credentials masked, body with the extra params' values masked) and one inbound entry
// (status, headers, body, duration, error, and the signature explanation when the secret is known).

#include "authorizer.h"
#include "explainer.h"
#include "logentry.h"

#include <QHash>
#include <QList>
#include <QPair>
#include <QPointer>
#include <QUrl>

#include <optional>

class QNetworkAccessManager;
class QNetworkReply;

namespace cs {

struct EndpointConfig {
    QUrl url;
    QByteArray method = "POST";
    enum class BodyFormat { Form, Json } format = BodyFormat::Form;
    QList<QPair<QString, QString>> params;         // extra body parameters, in order; values are secrets
    QList<QPair<QByteArray, QByteArray>> headers;  // extra headers (Authorization, Cookie, CSRF…)
    int timeoutMs = 10000;

    bool isSet() const { return url.isValid() && !url.isEmpty(); }
};

class EndpointAuthorizer : public Authorizer {
    Q_OBJECT
public:
    // An answer larger than this is refused: an auth answer is a few hundred bytes.
    static constexpr qint64 kMaxAnswerBytes = 64 * 1024;
    // appKey: the auth must start with "<appKey>:". appSecret may be empty; when set, every answer
    // is checked by the signature explainer.
    EndpointAuthorizer(EndpointConfig channelConfig, std::optional<EndpointConfig> userConfig, QString appKey,
                       QString appSecret, QObject *parent = nullptr);

    void authorizeChannel(const ChannelAuthRequest &request, ChannelCallback callback) override;
    void authenticateUser(const QString &socketId, const PresenceIdentity &identity, UserCallback callback) override;
    QString describe() const override;  // "auth endpoint POST http://…"

    const EndpointConfig &channelConfig() const { return m_channelConfig; }
    const std::optional<EndpointConfig> &userConfig() const { return m_userConfig; }

    // The last explanation made for a channel's answer ("" for the user sign-in), if any.
    std::optional<SignatureExplanation> explanationFor(const QString &channel) const;

    // The request body exactly as sent: "socket_id=…&channel_name=…&k=v" (form, values
    // URI-encoded as encodeURIComponent does) or a JSON object with the same members in that order.
    static QByteArray requestBody(const EndpointConfig &config, const QList<QPair<QString, QString>> &fixedParams);
    // The same with the values of the extra params masked, for the log: they are secrets like the
    // header values (the fixed socket_id and channel_name stay readable).
    static QByteArray loggedRequestBody(const EndpointConfig &config,
                                        const QList<QPair<QString, QString>> &fixedParams);

private:
    struct Answer {
        int status = 0;
        QByteArray body;
        QList<QPair<QByteArray, QByteArray>> headers;
        qint64 durationMs = 0;
        QString networkError;                          // empty when an HTTP answer came
        ErrorCode errorCode = ErrorCode::AuthNetwork;  // when networkError is set
    };
    using AnswerHandler = std::function<void(const Answer &)>;

    void send(const EndpointConfig &config, const QList<QPair<QString, QString>> &fixedParams, const QString &channel,
              const QString &purpose, AnswerHandler handler);
    void logOut(const EndpointConfig &config, const QByteArray &loggedBody, const QString &channel,
                const QString &purpose);
    void logIn(const Answer &answer, const QString &channel, const QString &message, const std::optional<Error> &error,
               const std::optional<SignatureExplanation> &explanation);
    void logEntry(Direction direction, const QString &channel, const QString &message, const QJsonObject &details);
    QString endpointName(const EndpointConfig &config) const;

    EndpointConfig m_channelConfig;
    std::optional<EndpointConfig> m_userConfig;
    QString m_appKey;
    QString m_appSecret;
    QNetworkAccessManager *m_network;
    QHash<QString, SignatureExplanation> m_explanations;
};

}  // namespace cs
