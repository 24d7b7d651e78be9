#pragma once
// The network checks under the WebSocket: the name resolves (DNS), the port answers (TCP), and
// with TLS, the certificate chain and name, with the certificate's subject and dates.

#include "doctorcheck.h"

class QSslCertificate;

namespace cs::diagnose {

void checkDns(DoctorRun &run, const CheckDone &done);
void checkTcp(DoctorRun &run, const CheckDone &done);
void checkTls(DoctorRun &run, const CheckDone &done);

// "subject CN=…, issuer CN=…, valid 2020-01-01 to 2120-01-01, names localhost, 127.0.0.1"
QString describeCertificate(const QSslCertificate &certificate);

}  // namespace cs::diagnose
