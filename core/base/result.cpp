#include "result.h"

namespace cs {

QString errorCodeName(ErrorCode code)
{
    switch (code) {
#define CS_ERROR_SPELLING(name, spelling)                                                                              \
    case ErrorCode::name: return QStringLiteral(spelling);
        CS_ERROR_CODES(CS_ERROR_SPELLING)
#undef CS_ERROR_SPELLING
    }
    return QStringLiteral("unknown");
}

QString Error::id() const
{
    const QString name = errorCodeName(code);
    switch (code) {
    case ErrorCode::Close:
    case ErrorCode::Http:
    case ErrorCode::AuthHttp: return name + u'-' + QString::number(detail);
    case ErrorCode::SubscriptionRefused: return detail != 0 ? name + u'-' + QString::number(detail) : name;
    case ErrorCode::Pusher: return detail != 0 ? name + u'-' + QString::number(detail) : QStringLiteral("pusher-error");
    default: return name;
    }
}

}  // namespace cs
