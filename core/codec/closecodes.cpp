#include "closecodes.h"

namespace cs::protocol {

CloseAction closeActionFor(int closeCode)
{
    if (closeCode < 4000)
        return closeCode >= 1002 && closeCode <= 1004 ? CloseAction::Backoff : CloseAction::None;
    if (closeCode == 4000)
        return CloseAction::TlsOnly;
    if (closeCode < 4100)
        return CloseAction::Refused;
    if (closeCode < 4200)
        return CloseAction::Backoff;
    if (closeCode < 4300)
        return CloseAction::Retry;
    return CloseAction::Refused;
}

QString closeActionName(CloseAction action)
{
    switch (action) {
    case CloseAction::None: return QStringLiteral("none");
    case CloseAction::Backoff: return QStringLiteral("backoff");
    case CloseAction::TlsOnly: return QStringLiteral("tls_only");
    case CloseAction::Refused: return QStringLiteral("refused");
    case CloseAction::Retry: return QStringLiteral("retry");
    }
    return QStringLiteral("none");
}

namespace {

const char *knownCloseCodeText(int code)
{
    switch (code) {
    case 1000: return "normal closure";
    case 1001: return "going away";
    case 1002: return "protocol error";
    case 1003: return "unsupported data";
    case 1005: return "no status code received";
    case 1006: return "abnormal closure (no close frame)";
    case 1007: return "invalid frame payload data";
    case 1008: return "policy violation";
    case 1009: return "message too big";
    case 1010: return "missing extension";
    case 1011: return "internal server error";
    case 1012: return "service restart";
    case 1013: return "try again later";
    case 1014: return "bad gateway";
    case 1015: return "TLS handshake failed";
    case 4000: return "app accepts TLS connections only";
    case 4001: return "app key does not exist (wrong cluster?)";
    case 4003: return "app disabled";
    case 4004: return "app over connection quota";
    case 4005: return "path not found";
    case 4006: return "invalid version string format";
    case 4007: return "protocol version not supported";
    case 4008: return "no protocol version supplied";
    case 4009: return "connection unauthorized";
    case 4100: return "over capacity / connection quota";
    case 4200: return "server asked to reconnect";
    case 4201: return "pong not received";
    case 4202: return "closed after inactivity";
    case 4301: return "client event rejected";
    case 4302: return "watchlist over limit";
    default: return nullptr;
    }
}

// The range meaning (docs/protocol.md, "Close codes") for codes without a specific entry.
const char *rangeCloseCodeText(int code)
{
    if (code >= 4000 && code < 4100)
        return "fatal error, do not reconnect unchanged";
    if (code >= 4100 && code < 4200)
        return "temporary error, reconnect after back-off";
    if (code >= 4200 && code < 4300)
        return "reconnect now";
    if (code >= 4300 && code < 4400)
        return "other error";
    if (code >= 3000 && code < 5000)
        return "application-defined close code";
    return "unknown close code";
}

}  // namespace

QString describeCloseCode(int closeCode)
{
    const char *text = knownCloseCodeText(closeCode);
    return QStringLiteral("%1 %2").arg(closeCode).arg(QLatin1String(text ? text : rangeCloseCodeText(closeCode)));
}

}  // namespace cs::protocol
