#pragma once
// The WebSocket upgrade as a raw HTTP request: when the answer is not 101, its status, headers and
// body name the cause (a proxy's 404/400, a Cloudflare page, a web app's HTML) far better than the
// WebSocket library's "connection closed".

#include "doctorcheck.h"

#include <QList>
#include <QPair>

namespace cs::diagnose {

struct HttpAnswer {
    int status = 0;
    QByteArray statusLine;
    QList<QPair<QByteArray, QByteArray>> headers;  // names lowercased
    QByteArray body;
    QByteArray header(const QByteArray &name) const;
};

// Parses what arrived so far; nullopt while the header block is incomplete.
std::optional<HttpAnswer> parseHttpAnswer(const QByteArray &bytes);
// The one-line cause for an answer that is not 101 Switching Protocols. `path` is the path asked for.
QString classifyUpgradeAnswer(const HttpAnswer &answer, const QString &path);
// "HTTP/1.1 404 Not Found", server, cf-ray, title, body excerpt: the evidence lines.
QString describeAnswer(const HttpAnswer &answer);

void checkUpgrade(DoctorRun &run, const CheckDone &done);

}  // namespace cs::diagnose
