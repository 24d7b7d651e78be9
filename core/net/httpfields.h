#pragma once
// What a user types to describe an auth endpoint request: "Name: value" header lines, "k=v"
// parameters and the endpoint's URL. Shared by the CLI options (--auth-header, --auth-param,
// --auth-endpoint) and the profile editor, so both accept and refuse the same things.

#include "result.h"

#include <QByteArray>
#include <QPair>
#include <QString>
#include <QUrl>

namespace cs {

// An RFC 9110 token: letters, digits and !#$%&'*+-.^_`|~ — what a header name may hold.
bool isValidHeaderName(const QByteArray &name);

// Empty when the header can be sent; otherwise one line saying why not (bad name, line break
// in the value: a value must never smuggle in a second header).
QString headerProblem(const QByteArray &name, const QByteArray &value);

// "Authorization: Bearer abc" -> {"Authorization", "Bearer abc"}; name and value trimmed.
Result<QPair<QByteArray, QByteArray>> parseHeaderLine(const QString &line);

// "team=blue" -> {"team", "blue"}; the value may itself contain '='.
Result<QPair<QString, QString>> parseParamLine(const QString &line);

// Empty when `url` can be an auth endpoint (http or https, with a host); otherwise why not.
QString endpointUrlProblem(const QUrl &url);

}  // namespace cs
