#pragma once
// The "Test" results under the profile editor: one line per check (host, key, REST, clock) with
// ✓/⚠/✗ and a palette-aware colour, filled as the ProfileTester reports. When the host check
// met an untrusted (e.g. self-signed) certificate, a "Trust this certificate" button offers to pin it.

#include "profiletester.h"

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

    void setTester(ProfileTester *tester);
    void clear();
    // "✓ Host: 127.0.0.1:6001 answers in 3 ms", or empty when the check has not reported.
    QString lineText(const QString &checkId) const;

Q_SIGNALS:
    // The user accepts the certificate the server presented (its SHA-256).
    void trustRequested(const QByteArray &sha256);

private:
    void onStarted(const QString &id);
    void onFinished(const ProfileCheck &check);

    QPointer<ProfileTester> m_tester;
    QMap<QString, MessageLabel *> m_lines;
    QPushButton *m_trust = nullptr;
    QByteArray m_untrusted;
};

}  // namespace cs::ui
