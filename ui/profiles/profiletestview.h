#pragma once
// The "Test" results under the profile editor: the doctor's diagnosis, one line per check with
// ✓/⚠/✗ and a palette-aware colour, filled as the Doctor reports. Under a failed or warning line
// its evidence (status lines, certificate, server answers) is shown indented; every line's tooltip
// holds its evidence too. When the TLS check met an untrusted (e.g. self-signed) certificate, a
// "Trust this certificate" button offers to pin it.

#include "doctor.h"

#include <QMap>
#include <QPointer>
#include <QWidget>

class QPushButton;

namespace cs::ui {

class MessageLabel;

class ProfileTestView : public QWidget {
    Q_OBJECT
public:
    explicit ProfileTestView(QWidget *parent = nullptr);

    void setTester(Doctor *tester);
    void clear();
    // "✓ Key: key accepted", or empty when the check has not reported.
    QString lineText(const QString &checkId) const;
    // The check's evidence as reported (shown under failed and warning lines), or empty.
    QString evidenceText(const QString &checkId) const;

Q_SIGNALS:
    // The user accepts the certificate the server presented (its SHA-256).
    void trustRequested(const QByteArray &sha256);

private:
    void onStarted(const QString &id);
    void onFinished(const DoctorCheck &check);

    QPointer<Doctor> m_tester;
    QMap<QString, MessageLabel *> m_lines;
    QMap<QString, MessageLabel *> m_evidence;
    QMap<QString, QString> m_tips;
    QPushButton *m_trust = nullptr;
    QByteArray m_untrusted;
};

}  // namespace cs::ui
