// A profile that authorizes through the user's own auth endpoint, driven through the main window:
// tests/node/auth-endpoint.js (the official pusher SDK behind a bearer token) in front of a real
// soketi. With the token, a private and a presence channel subscribe and the presence identity is
// the endpoint's; without it, the channels panel shows the endpoint's refusal in one line. The
// profile also has the app secret, so a success or a refusal by the built-in signer instead of
// the endpoint would show.

#include "channelspanel.h"
#include "mainwindow.h"
#include "authendpoint.h"
#include "nodepeer.h"
#include "profile.h"
#include "profileeditor.h"
#include "profilemanager.h"
#include "session.h"
#include "soketi.h"

#include <QJsonDocument>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QToolButton>
#include <QtTest>

using namespace cs;
using namespace cs::ui;
using cs::test::NodePeer;

namespace {
constexpr int kWait = 15000;
const QByteArray kToken = "test-token";
}  // namespace

class TestGuiAuthEndpoint : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        // Panels that keep their own history (publish) must not write to the user's settings.
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY2(m_soketi.start(), qPrintable(m_soketi.output()));
        QVERIFY(m_dir.isValid());
        const std::optional<quint16> port =
            cs::test::startAuthEndpoint(m_endpoint, NodePeer::envFor(m_soketi.credentials()));
        QVERIFY2(port, qPrintable(m_endpoint.stderrText()));
        m_port = *port;
    }

    void init()
    {
        m_settings = std::make_unique<QSettings>(m_dir.filePath(QStringLiteral("settings-%1.ini").arg(++m_run)),
                                                 QSettings::IniFormat);
        m_keychain = std::make_unique<MemorySecretStore>();
        m_window = std::make_unique<MainWindow>(MainWindowOptions{m_settings.get(), m_keychain.get()});
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    }

    void cleanup()
    {
        m_window.reset();
        m_settings.reset();
    }

    void cleanupTestCase() { m_endpoint.finish(); }

    void privateAndPresenceThroughTheEndpoint()
    {
        const Profile profile = saveAndSelect(endpointProfile());
        QVERIFY(m_window->connectProfile());
        QTRY_COMPARE_WITH_TIMEOUT(m_window->session()->connection()->state(), ConnectionState::Connected, kWait);

        for (const QString &channel :
             {QStringLiteral("private-gui-endpoint"), QStringLiteral("presence-gui-endpoint")}) {
            subscribeFromPanel(channel);
            QTRY_COMPARE_WITH_TIMEOUT(stateText(channel), QStringLiteral("subscribed"), kWait);
        }

        // The endpoint was asked, with the profile's token, body as pusher-js sends it.
        const auto request = m_endpoint.waitForLine([](const QJsonObject &l) {
            return l.value(QStringLiteral("type")) == QLatin1String("request")
                   && l.value(QStringLiteral("params")).toObject().value(QStringLiteral("channel_name"))
                          == QLatin1String("private-gui-endpoint");
        });
        QVERIFY(request);
        QCOMPARE(request->value(QStringLiteral("authorization")).toString(), QStringLiteral("Bearer test-token"));
        QVERIFY(request->value(QStringLiteral("body"))
                    .toString()
                    .endsWith(QStringLiteral("&channel_name=private-gui-endpoint")));

        // On the presence channel we are who the endpoint says (X-User), not the profile's user id.
        const Subscription *presence =
            m_window->session()->channels()->subscription(QStringLiteral("presence-gui-endpoint"));
        QCOMPARE(presence->myUserId, QStringLiteral("alice"));
        QVERIFY(presence->members.contains(QStringLiteral("alice")));
        QVERIFY(!presence->members.contains(profile.identity.userId));

        // The token never reaches the log.
        m_window->log()->flush();
        bool sawAuth = false;
        for (qsizetype i = 0; i < m_window->log()->size(); ++i) {
            const LogEntry e = m_window->log()->at(i);
            sawAuth = sawAuth || e.kind == EntryKind::Auth;
            QVERIFY2(!e.raw.contains(kToken), e.raw.constData());
            QVERIFY(!e.message.contains(QString::fromLatin1(kToken)));
        }
        QVERIFY(sawAuth);
    }

    void missingBearerTokenShowsTheEndpointsRefusal()
    {
        // The user removes the Authorization header in the Profile panel and saves & connects.
        const Profile profile = saveAndSelect(endpointProfile());
        auto *manager = m_window->findChild<ProfileManagerWidget *>(QStringLiteral("profileManager"));
        QVERIFY(manager);
        manager->selectProfile(profile.id);
        ProfileEditor *editor = manager->editor();
        QCOMPARE(editor->profileId(), profile.id);
        auto *headerName = editor->findChild<QLineEdit *>(QStringLiteral("channelAuthHeaderName0"));
        QVERIFY(headerName);
        QCOMPARE(headerName->text(), QStringLiteral("Authorization"));
        editor->findChild<QToolButton *>(QStringLiteral("channelAuthRemoveHeader0"))->click();
        editor->findChild<QPushButton *>(QStringLiteral("saveConnectButton"))->click();
        QTRY_VERIFY_WITH_TIMEOUT(m_window->session(), kWait);
        QTRY_COMPARE_WITH_TIMEOUT(m_window->session()->connection()->state(), ConnectionState::Connected, kWait);
        QCOMPARE(m_window->profiles()->profile(profile.id)->auth.channelEndpoint.headers.size(),
                 1);  // only X-User left

        const QString channel = QStringLiteral("private-gui-denied");
        subscribeFromPanel(channel);
        QTRY_VERIFY_WITH_TIMEOUT(stateText(channel).startsWith(QStringLiteral("failed")), kWait);
        const QString shown = stateText(channel);
        QVERIFY2(shown.contains(QStringLiteral("HTTP 403")) && shown.contains(QStringLiteral("missing token")),
                 qPrintable(shown));
        QVERIFY2(!shown.contains(u'\n'), qPrintable(shown));
    }

private:
    Profile endpointProfile() const
    {
        Profile p = Profile::create(QStringLiteral("GUI endpoint"), ServerPreset::Soketi);
        p.credentials = m_soketi.credentials();
        p.identity = {QStringLiteral("gui-user"), {}};
        p.auth.channelMode = AuthSettings::Mode::Endpoint;
        p.auth.channelEndpoint.url = QUrl(QStringLiteral("http://127.0.0.1:%1/pusher/auth").arg(m_port));
        p.auth.channelEndpoint.headers = {{"Authorization", "Bearer " + kToken}, {"X-User", "alice"}};
        p.auth.channelEndpoint.timeoutMs = 5000;
        return p;
    }

    Profile saveAndSelect(const Profile &profile)
    {
        bool saved = false;
        m_window->profiles()->save(profile, [&saved](const Status &s) { saved = s.ok(); });
        if (!QTest::qWaitFor([&saved] { return saved; }, kWait) || !m_window->selectProfile(profile.id))
            qFatal("could not save and select the test profile");
        return profile;
    }

    // Typed into the channels panel and Enter, as a user subscribes.
    void subscribeFromPanel(const QString &channel)
    {
        auto *field = m_window->channelsPanel()->findChild<QLineEdit *>(QStringLiteral("subscribeField"));
        QVERIFY(field);
        field->clear();
        QTest::keyClicks(field, channel);
        QTest::keyClick(field, Qt::Key_Return);
    }

    // The State column of the channels panel, as the user reads it.
    QString stateText(const QString &channel) const
    {
        SubscriptionTableModel *model = m_window->channelsPanel()->model();
        const int row = model->rowOf(channel);
        return row < 0 ? QString() : model->index(row, SubscriptionTableModel::StateColumn).data().toString();
    }

    cs::test::SoketiServer m_soketi;
    NodePeer m_endpoint;
    quint16 m_port = 0;
    QTemporaryDir m_dir;
    int m_run = 0;
    std::unique_ptr<QSettings> m_settings;
    std::unique_ptr<MemorySecretStore> m_keychain;
    std::unique_ptr<MainWindow> m_window;
};

QTEST_MAIN(TestGuiAuthEndpoint)
#include "tst_gui_authendpoint.moc"
