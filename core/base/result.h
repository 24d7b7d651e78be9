#pragma once
// Errors are values: an error has a code from one enum (for code and tests), a stable spelling
// of it (for scripts, the log and exports: "invalid-json", "close-4001", "http-401") and a
// message a user understands. Result<T> carries either a value or an Error; Status is a Result
// without a value. No exceptions cross the event loop.

#include <QString>

#include <optional>
#include <utility>
#include <variant>

namespace cs {

// X(Enumerator, "stable-spelling"). Codes with a number behind them (Close, Pusher, Http, …) spell
// it after a dash: see Error::id().
#define CS_ERROR_CODES(X)                                                                                              \
    /* input a user typed or a file gave */                                                                            \
    X(Usage, "usage")                                                                                                  \
    X(InvalidUrl, "invalid-url")                                                                                       \
    X(InvalidPort, "invalid-port")                                                                                     \
    X(InvalidProfile, "invalid-profile")                                                                               \
    X(InvalidCredentials, "invalid-credentials")                                                                       \
    X(InvalidJson, "invalid-json")                                                                                     \
    X(InvalidHeader, "invalid-header")                                                                                 \
    X(InvalidParam, "invalid-param")                                                                                   \
    X(ReservedQueryParam, "reserved-query-param")                                                                      \
    X(InvalidChannelName, "invalid-channel-name")                                                                      \
    X(InvalidEventName, "invalid-event-name")                                                                          \
    X(InvalidSocketId, "invalid-socket-id")                                                                            \
    X(InvalidChannelData, "invalid-channel-data")                                                                      \
    X(InvalidUserData, "invalid-user-data")                                                                            \
    X(InvalidUserId, "invalid-user-id")                                                                                \
    X(InvalidMasterKey, "invalid-master-key")                                                                          \
    X(MissingAppKeys, "missing-app-keys")                                                                              \
    X(MissingMasterKey, "missing-master-key")                                                                          \
    X(NoMasterKey, "no-master-key")                                                                                    \
    X(NoSecret, "no-secret")                                                                                           \
    X(NoAppInEnv, "no-app-in-env")                                                                                     \
    X(ImportJson, "import-json")                                                                                       \
    X(ImportRead, "import-read")                                                                                       \
    X(ImportSize, "import-size")                                                                                       \
    X(InvalidContract, "invalid-contract") /* a contract file: bad JSON (with its line) or not a draft-7 schema */     \
    X(ContractFolder, "contract-folder")   /* the contracts folder is missing or unreadable */                         \
    X(FilterSyntax, "filter-syntax")       /* a log filter that does not parse: FilterError */                         \
    /* what the current state does not allow */                                                                        \
    X(NoLog, "no-log")                                                                                                 \
    X(NoSession, "no-session")                                                                                         \
    X(NoTls, "no-tls")                                                                                                 \
    X(NotConnected, "not-connected")                                                                                   \
    X(NotSubscribed, "not-subscribed")                                                                                 \
    X(ClientEventPublic, "client-event-public")                                                                        \
    X(ClientEventEncrypted, "client-event-encrypted")                                                                  \
    X(PresenceNoUser, "presence-no-user")                                                                              \
    X(SigninNoUser, "signin-no-user")                                                                                  \
    X(SigninNoEndpoint, "signin-no-endpoint")                                                                          \
    X(NoAuthorizer, "no-authorizer")                                                                                   \
    /* the connection */                                                                                               \
    X(Socket, "socket")                                                                                                \
    X(Tls, "tls")                                                                                                      \
    X(InvalidFrame, "invalid-frame") /* a text frame that is not a Pusher message */                                   \
    X(Handshake, "handshake")                                                                                          \
    X(HandshakeTimeout, "handshake-timeout")                                                                           \
    X(PongTimeout, "pong-timeout")                                                                                     \
    X(Close, "close")   /* detail: the WebSocket close code */                                                         \
    X(Pusher, "pusher") /* detail: the pusher:error code; 0: the server gave none ("pusher-error") */                  \
    /* HTTP: the REST API and the user's auth endpoint */                                                              \
    X(Http, "http")          /* detail: the HTTP status */                                                             \
    X(AuthHttp, "auth-http") /* detail: the HTTP status */                                                             \
    X(AuthNotJson, "auth-not-json")                                                                                    \
    X(AuthNoAuthMember, "auth-no-auth-member")                                                                         \
    X(AuthWrongKey, "auth-wrong-key")                                                                                  \
    X(AuthBadChannelData, "auth-bad-channel-data")                                                                     \
    X(AuthNoChannelData, "auth-no-channel-data")                                                                       \
    X(AuthNoSharedSecret, "auth-no-shared-secret")                                                                     \
    X(AuthNoUserData, "auth-no-user-data")                                                                             \
    X(AuthRedirectRefused, "auth-redirect-refused")                                                                    \
    X(AuthTooLarge, "auth-too-large")                                                                                  \
    X(AuthTimeout, "auth-timeout")                                                                                     \
    X(AuthRefused, "auth-refused")                                                                                     \
    X(AuthHostNotFound, "auth-host-not-found")                                                                         \
    X(AuthClosed, "auth-closed")                                                                                       \
    X(AuthNetwork, "auth-network")                                                                                     \
    /* the server about a subscription or a sign-in */                                                                 \
    X(SubscriptionRefused, "subscription-refused") /* detail: the pusher:subscription_error status, 0 if none */       \
    X(SignatureRejected, "signature-rejected")                                                                         \
    X(SigninRefused, "signin-refused")                                                                                 \
    X(SigninTimeout, "signin-timeout")                                                                                 \
    X(SigninNoUserId, "signin-no-user-id")                                                                             \
    X(E2eInit, "e2e-init")                                                                                             \
    X(E2eFormat, "e2e-format")                                                                                         \
    X(E2eKey, "e2e-key")                                                                                               \
    X(E2eLength, "e2e-length")                                                                                         \
    X(E2eDecrypt, "e2e-decrypt")                                                                                       \
    X(E2eEncrypt, "e2e-encrypt")                                                                                       \
    X(BatchTooLarge, "batch-too-large")                                                                                \
    X(EmptyBatch, "empty-batch")                                                                                       \
    X(EncryptedChannelNotAlone, "encrypted-channel-not-alone")                                                         \
    X(NoChannel, "no-channel")                                                                                         \
    X(TooManyChannels, "too-many-channels")                                                                            \
    X(Timeout, "timeout")                                                                                              \
    X(NoEvent, "no-event")                                                                                             \
    X(InvalidData, "invalid-data")                                                                                     \
    X(NoUserId, "no-user-id")                                                                                          \
    X(NoSocketId, "no-socket-id")                                                                                      \
    X(InvalidBatchRow, "invalid-batch-row")                                                                            \
    /* the machine: keychain, files */                                                                                 \
    X(Keychain, "keychain")                                                                                            \
    X(KeychainUnavailable, "keychain-unavailable")                                                                     \
    X(ExportCancelled, "export-cancelled")                                                                             \
    X(ExportNoDevice, "export-no-device")                                                                              \
    X(ExportNoLog, "export-no-log")                                                                                    \
    X(ExportNotWritable, "export-not-writable")                                                                        \
    X(ExportOpen, "export-open")                                                                                       \
    X(ExportPermissions, "export-permissions")                                                                         \
    X(ExportWrite, "export-write")                                                                                     \
    X(ExportWriteFailed, "export-write-failed")

enum class ErrorCode {
#define CS_ERROR_ENUMERATOR(name, spelling) name,
    CS_ERROR_CODES(CS_ERROR_ENUMERATOR)
#undef CS_ERROR_ENUMERATOR
};

// The stable spelling of a code without its number: "invalid-json", "close".
QString errorCodeName(ErrorCode code);

struct Error {
    ErrorCode code = ErrorCode::Usage;
    QString message;  // one line for a human
    int detail = 0;   // the number behind Close, Pusher, Http, AuthHttp and SubscriptionRefused; for
                      // InvalidJson the position of the problem (json/strictjson.h, json/jsoncheck.h say in
                      // what); 0 otherwise

    // The stable spelling, number included: "invalid-json", "close-4001", "http-401", "pusher-4009".
    QString id() const;

    bool operator==(const Error &) const = default;
};

// `E` is Error or a struct derived from it that adds what one caller needs beyond the code and
// message (FilterError: where in the filter text).
template <typename T, typename E = Error>
class Result {
public:
    Result(T value) : m_v(std::move(value)) {}
    Result(E error) : m_v(std::move(error)) {}

    bool ok() const { return m_v.index() == 0; }
    explicit operator bool() const { return ok(); }
    const T &value() const { return std::get<0>(m_v); }
    T &value() { return std::get<0>(m_v); }
    const T *operator->() const { return &value(); }
    const T &operator*() const { return value(); }
    const E &error() const { return std::get<1>(m_v); }

private:
    std::variant<T, E> m_v;
};

// For operations that produce nothing but may fail.
class Status {
public:
    Status() = default;
    Status(Error error) : m_error(std::move(error)) {}
    bool ok() const { return !m_error.has_value(); }
    explicit operator bool() const { return ok(); }
    const Error &error() const { return *m_error; }

private:
    std::optional<Error> m_error;
};

}  // namespace cs
