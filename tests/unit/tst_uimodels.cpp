// The channels and presence table models and their style proxies, without a widget: the models
// give text and state roles only, the proxies turn those states into colours and fonts that
// follow a light or a dark palette. Links only the models layer (QtGui), as the proxies must.

#include "channels.h"
#include "connection.h"
#include "presencerostermodel.h"
#include "presencestyleproxy.h"
#include "subscriptionstyleproxy.h"
#include "subscriptiontablemodel.h"
#include "tone.h"

#include <QAbstractItemModelTester>
#include <QFont>
#include <QJsonObject>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QTest>

using namespace cs;
using namespace cs::ui;

namespace {

QPalette lightPalette()
{
    QPalette p;
    p.setColor(QPalette::Base, Qt::white);
    p.setColor(QPalette::Window, QColor(0xef, 0xef, 0xef));
    p.setColor(QPalette::Text, Qt::black);
    p.setColor(QPalette::WindowText, Qt::black);
    p.setColor(QPalette::PlaceholderText, QColor(0x90, 0x90, 0x90));
    return p;
}

QPalette darkPalette()
{
    QPalette p;
    p.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
    p.setColor(QPalette::Window, QColor(0x2b, 0x2b, 0x2b));
    p.setColor(QPalette::Text, QColor(0xe6, 0xe6, 0xe6));
    p.setColor(QPalette::WindowText, QColor(0xe6, 0xe6, 0xe6));
    p.setColor(QPalette::PlaceholderText, QColor(0x70, 0x70, 0x70));
    return p;
}

SubscriptionRow row(const QString &name, SubscriptionState state, const QString &error = {})
{
    SubscriptionRow r;
    r.name = name;
    r.kind = channelKindOf(name);
    r.state = state;
    r.error = error;
    return r;
}

QString cell(const SubscriptionRow &r, int column, int role = Qt::DisplayRole)
{
    return SubscriptionTableModel::rowData(r, column, role).toString();
}

QRgb rgb(const QVariant &color) { return color.value<QColor>().rgb(); }

// One row per subscription state, as the style proxy reads it: StateRole on every cell.
void fillStates(QStandardItemModel &model, const QList<SubscriptionState> &states)
{
    model.setColumnCount(SubscriptionTableModel::ColumnCount);
    for (const SubscriptionState state : states) {
        QList<QStandardItem *> items;
        for (int c = 0; c < SubscriptionTableModel::ColumnCount; ++c) {
            auto *item = new QStandardItem(QStringLiteral("x"));
            item->setData(int(state), SubscriptionTableModel::StateRole);
            items << item;
        }
        model.appendRow(items);
    }
}

}  // namespace

class TestUiModels : public QObject {
    Q_OBJECT

private Q_SLOTS:
    // --- SubscriptionTableModel ---------------------------------------------------------------

    void subscriptionRowShowsEachState()
    {
        using M = SubscriptionTableModel;
        const SubscriptionRow pending = row(QStringLiteral("private-a"), SubscriptionState::Pending);
        QCOMPARE(cell(pending, M::ChannelColumn), QStringLiteral("private-a"));
        QCOMPARE(cell(pending, M::TypeColumn), QStringLiteral("private"));
        QCOMPARE(cell(pending, M::StateColumn), QStringLiteral("pending"));
        QCOMPARE(M::rowData(pending, 0, M::StateRole).toInt(), int(SubscriptionState::Pending));
        QVERIFY(cell(pending, M::StateColumn, Qt::ToolTipRole).contains(QStringLiteral("Waiting")));

        SubscriptionRow subscribed = row(QStringLiteral("presence-room"), SubscriptionState::Subscribed);
        subscribed.members = 3;
        subscribed.myUserId = QStringLiteral("ada");
        subscribed.events = 7;
        QCOMPARE(cell(subscribed, M::StateColumn), QStringLiteral("subscribed"));
        QCOMPARE(cell(subscribed, M::MembersColumn), QStringLiteral("3"));
        QCOMPARE(cell(subscribed, M::EventsColumn), QStringLiteral("7"));
        QVERIFY(cell(subscribed, M::MembersColumn, Qt::ToolTipRole).contains(QStringLiteral("ada")));
        // Members only while a presence channel is subscribed.
        subscribed.state = SubscriptionState::Pending;
        QVERIFY(!M::rowData(subscribed, M::MembersColumn, Qt::DisplayRole).isValid());
        QVERIFY(!M::rowData(row(QStringLiteral("public-a"), SubscriptionState::Subscribed), M::MembersColumn,
                            Qt::DisplayRole)
                     .isValid());

        SubscriptionRow cached = row(QStringLiteral("cache-a"), SubscriptionState::Subscribed);
        cached.cacheMiss = true;
        QCOMPARE(cell(cached, M::TypeColumn), QStringLiteral("public · cache"));
        QCOMPARE(cell(cached, M::StateColumn), QStringLiteral("subscribed (cache miss)"));
        QVERIFY(M::rowData(cached, 0, M::CacheMissRole).toBool());

        const SubscriptionRow failed =
            row(QStringLiteral("private-b"), SubscriptionState::Failed, QStringLiteral("401 denied"));
        QCOMPARE(cell(failed, M::StateColumn), QStringLiteral("failed: 401 denied"));
        QVERIFY(cell(failed, M::StateColumn, Qt::ToolTipRole).contains(QStringLiteral("401 denied")));
        QCOMPARE(M::rowData(failed, 0, M::ErrorRole).toString(), QStringLiteral("401 denied"));
        QCOMPARE(M::rowData(failed, 0, M::StateRole).toInt(), int(SubscriptionState::Failed));
    }

    void subscriptionModelHoldsNoLooks()
    {
        for (const auto state :
             {SubscriptionState::Pending, SubscriptionState::Subscribed, SubscriptionState::Failed}) {
            const SubscriptionRow r = row(QStringLiteral("private-a"), state, QStringLiteral("why"));
            for (int c = 0; c < SubscriptionTableModel::ColumnCount; ++c) {
                for (const int role : {Qt::ForegroundRole, Qt::BackgroundRole, Qt::DecorationRole, Qt::FontRole})
                    QVERIFY(!SubscriptionTableModel::rowData(r, c, role).isValid());
            }
        }
    }

    void subscriptionModelFollowsTheRegistry()
    {
        Connection connection(nullptr, QStringLiteral("models"));  // never opened: rows stay pending
        ChannelRegistry registry(&connection, nullptr, {});
        SubscriptionTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setRefreshIntervalMs(0);
        QCOMPARE(model.columnCount(), int(SubscriptionTableModel::ColumnCount));
        QCOMPARE(model.headerData(SubscriptionTableModel::StateColumn, Qt::Horizontal).toString(),
                 QStringLiteral("State"));

        QVERIFY(registry.subscribe(QStringLiteral("public-a")).ok());
        model.setRegistry(&registry);
        QCOMPARE(model.rowCount(), 1);
        QVERIFY(registry.subscribe(QStringLiteral("presence-b"), {QStringLiteral("ada"), {}}).ok());
        QSignalSpy refreshed(&model, &SubscriptionTableModel::refreshed);
        QTRY_COMPARE(model.rowCount(), 2);  // coalesced: on the next event-loop turn
        QVERIFY(!refreshed.isEmpty());
        QCOMPARE(model.channelAt(1), QStringLiteral("presence-b"));
        QCOMPARE(model.rowOf(QStringLiteral("presence-b")), 1);
        QCOMPARE(model.index(1, SubscriptionTableModel::TypeColumn).data().toString(), QStringLiteral("presence"));
        QCOMPARE(model.index(1, 0).data(SubscriptionTableModel::StateRole).toInt(), int(SubscriptionState::Pending));
        QCOMPARE(model.index(1, 0).data(SubscriptionTableModel::ChannelNameRole).toString(),
                 QStringLiteral("presence-b"));

        registry.unsubscribe(QStringLiteral("public-a"));
        model.refresh();
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.rowOf(QStringLiteral("public-a")), -1);
        QCOMPARE(model.channelAt(0), QStringLiteral("presence-b"));

        model.setRegistry(nullptr);
        QCOMPARE(model.rowCount(), 0);
    }

    // --- SubscriptionStyleProxy ---------------------------------------------------------------

    void subscriptionProxyColoursEachState()
    {
        using M = SubscriptionTableModel;
        QStandardItemModel source;
        fillStates(source, {SubscriptionState::Pending, SubscriptionState::Subscribed, SubscriptionState::Failed});
        SubscriptionStyleProxy proxy;
        proxy.setSourceModel(&source);
        const QPalette light = lightPalette();
        proxy.setPalette(light);
        auto fg = [&](int r, int c) { return proxy.index(r, c).data(Qt::ForegroundRole); };

        // Pending: muted state; subscribed: success; failed: the whole row in the error tone.
        QCOMPARE(rgb(fg(0, M::StateColumn)), light.color(QPalette::PlaceholderText).rgb());
        QCOMPARE(rgb(fg(1, M::StateColumn)), feedback::color(light, feedback::Tone::Success).rgb());
        for (int c = 0; c < M::ColumnCount; ++c)
            QCOMPARE(rgb(fg(2, c)), feedback::color(light, feedback::Tone::Error).rgb());
        QVERIFY(rgb(fg(0, M::StateColumn)) != rgb(fg(1, M::StateColumn)));
        QVERIFY(rgb(fg(1, M::StateColumn)) != rgb(fg(2, M::StateColumn)));
        // Other cells of a healthy row keep the view's own colour.
        QVERIFY(!fg(0, M::ChannelColumn).isValid());
        QVERIFY(!fg(1, M::EventsColumn).isValid());
        // Text passes through untouched.
        QCOMPARE(proxy.index(1, M::ChannelColumn).data().toString(), QStringLiteral("x"));
    }

    void subscriptionProxyFollowsThePalette()
    {
        using M = SubscriptionTableModel;
        QStandardItemModel source;
        fillStates(source, {SubscriptionState::Subscribed, SubscriptionState::Failed});
        SubscriptionStyleProxy proxy;
        proxy.setSourceModel(&source);
        proxy.setPalette(lightPalette());
        const QRgb lightSuccess = rgb(proxy.index(0, M::StateColumn).data(Qt::ForegroundRole));
        const QRgb lightError = rgb(proxy.index(1, M::ChannelColumn).data(Qt::ForegroundRole));

        QSignalSpy changed(&proxy, &QAbstractItemModel::dataChanged);
        const QPalette dark = darkPalette();
        proxy.setPalette(dark);
        QCOMPARE(changed.size(), 1);  // the view repaints
        QVERIFY(changed.first().at(2).value<QList<int>>().contains(Qt::ForegroundRole));
        const QRgb darkSuccess = rgb(proxy.index(0, M::StateColumn).data(Qt::ForegroundRole));
        const QRgb darkError = rgb(proxy.index(1, M::ChannelColumn).data(Qt::ForegroundRole));
        QCOMPARE(darkSuccess, feedback::color(dark, feedback::Tone::Success).rgb());
        QCOMPARE(darkError, feedback::color(dark, feedback::Tone::Error).rgb());
        QVERIFY(darkSuccess != lightSuccess);
        QVERIFY(darkError != lightError);
        // Readable on each base: dark text on light, light text on dark.
        QVERIFY(QColor(lightError).lightnessF() < 0.5);
        QVERIFY(QColor(darkError).lightnessF() > 0.5);
    }

    void subscriptionProxyOverTheModel()
    {
        Connection connection(nullptr, QStringLiteral("models"));
        ChannelRegistry registry(&connection, nullptr, {});
        QVERIFY(registry.subscribe(QStringLiteral("public-a")).ok());
        SubscriptionTableModel model;
        model.setRegistry(&registry);
        SubscriptionStyleProxy proxy;
        QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        proxy.setSourceModel(&model);
        proxy.setPalette(lightPalette());
        QCOMPARE(proxy.rowCount(), 1);
        QCOMPARE(proxy.index(0, SubscriptionTableModel::StateColumn).data().toString(), QStringLiteral("pending"));
        QCOMPARE(rgb(proxy.index(0, SubscriptionTableModel::StateColumn).data(Qt::ForegroundRole)),
                 lightPalette().color(QPalette::PlaceholderText).rgb());
    }

    // --- PresenceRosterModel ------------------------------------------------------------------

    void rosterRowsAndStateRoles()
    {
        PresenceRosterModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const QMap<QString, QJsonValue> members{{QStringLiteral("b"),
                                                 QJsonObject{{QStringLiteral("name"), QStringLiteral("Bo")}}},
                                                {QStringLiteral("a"), QJsonValue()}};
        model.reset(members, QStringLiteral("b"));
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.columnCount(), int(PresenceRosterModel::ColumnCount));
        QCOMPARE(model.index(0, PresenceRosterModel::IdColumn).data().toString(), QStringLiteral("a"));  // id order
        QCOMPARE(model.index(1, PresenceRosterModel::InfoColumn).data().toString(),
                 QStringLiteral("{\"name\":\"Bo\"}"));
        QCOMPARE(model.index(1, PresenceRosterModel::MeColumn).data().toString(), QStringLiteral("me"));
        QVERIFY(model.index(1, 0).data(PresenceRosterModel::IsMeRole).toBool());
        QVERIFY(!model.index(0, 0).data(PresenceRosterModel::IsMeRole).toBool());
        QCOMPARE(model.index(0, 0).data(PresenceRosterModel::HighlightRole).toReal(), 0.0);

        model.memberJoined(QStringLiteral("c"), QJsonValue(QStringLiteral("x")));
        const int c = model.rowOf(QStringLiteral("c"));
        QCOMPARE(c, 2);
        QVERIFY(model.index(c, 0).data(PresenceRosterModel::HighlightRole).toReal() > 0);
        QVERIFY(!model.index(c, 0).data(PresenceRosterModel::LeavingRole).toBool());
        QCOMPARE(model.memberCount(), 3);

        model.memberLeft(QStringLiteral("a"));
        QVERIFY(model.index(0, 0).data(PresenceRosterModel::LeavingRole).toBool());
        QCOMPARE(model.memberCount(), 2);
        QCOMPARE(model.rowCount(), 3);  // shown a moment longer
        QVERIFY(model.index(0, 0).data(Qt::ToolTipRole).toString().contains(QStringLiteral("left")));

        // No looks in the model, whatever the state.
        for (int r = 0; r < model.rowCount(); ++r) {
            for (const int role : {Qt::ForegroundRole, Qt::BackgroundRole, Qt::DecorationRole, Qt::FontRole})
                QVERIFY(!model.index(r, 0).data(role).isValid());
        }
        // The leave goes, the join's highlight fades.
        QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 2, PresenceRosterModel::kHighlightMs * 3);
        QTRY_COMPARE_WITH_TIMEOUT(
            model.index(model.rowOf(QStringLiteral("c")), 0).data(PresenceRosterModel::HighlightRole).toReal(), 0.0,
            PresenceRosterModel::kHighlightMs * 3);
    }

    // --- PresenceStyleProxy -------------------------------------------------------------------

    void presenceProxyStylesEachState()
    {
        PresenceRosterModel model;
        PresenceStyleProxy proxy;
        QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        proxy.setSourceModel(&model);
        const QPalette light = lightPalette();
        proxy.setPalette(light);
        model.reset({{QStringLiteral("a"), QJsonValue()},
                     {QStringLiteral("me"), QJsonValue()},
                     {QStringLiteral("z"), QJsonValue()}},
                    QStringLiteral("me"));
        auto data = [&](const QString &id, int role) { return proxy.index(model.rowOf(id), 0).data(role); };

        // A member at rest: the view's own looks.
        QVERIFY(!data(QStringLiteral("a"), Qt::BackgroundRole).isValid());
        QVERIFY(!data(QStringLiteral("a"), Qt::ForegroundRole).isValid());
        QVERIFY(!data(QStringLiteral("a"), Qt::FontRole).isValid());
        // This connection: bold, not struck out.
        QVERIFY(data(QStringLiteral("me"), Qt::FontRole).value<QFont>().bold());
        QVERIFY(!data(QStringLiteral("me"), Qt::FontRole).value<QFont>().strikeOut());

        // A join: a success-tinted background.
        model.memberJoined(QStringLiteral("j"), QJsonValue());
        const QColor joined = data(QStringLiteral("j"), Qt::BackgroundRole).value<QColor>();
        QVERIFY(joined.alpha() > 0);
        QCOMPARE(QColor(joined.rgb()), QColor(feedback::color(light, feedback::Tone::Success).rgb()));
        QVERIFY(!data(QStringLiteral("j"), Qt::FontRole).isValid());

        // A leave: muted, struck through, an error tint.
        model.memberLeft(QStringLiteral("z"));
        QVERIFY(data(QStringLiteral("z"), Qt::FontRole).value<QFont>().strikeOut());
        QCOMPARE(rgb(data(QStringLiteral("z"), Qt::ForegroundRole)), light.color(QPalette::PlaceholderText).rgb());
        const QColor left = data(QStringLiteral("z"), Qt::BackgroundRole).value<QColor>();
        QVERIFY(left.alpha() > 0);
        QCOMPARE(QColor(left.rgb()), QColor(feedback::color(light, feedback::Tone::Error).rgb()));
        QVERIFY(left.rgb() != joined.rgb());

        // Text and state pass through.
        QCOMPARE(data(QStringLiteral("me"), Qt::DisplayRole).toString(), QStringLiteral("me"));
        QVERIFY(data(QStringLiteral("z"), PresenceRosterModel::LeavingRole).toBool());
    }

    void presenceProxyRepaintsAsTheHighlightFades()
    {
        PresenceRosterModel model;
        PresenceStyleProxy proxy;
        proxy.setSourceModel(&model);
        model.reset({}, {});
        model.memberJoined(QStringLiteral("j"), QJsonValue());
        QSignalSpy changed(&proxy, &QAbstractItemModel::dataChanged);
        // The model's animation only names HighlightRole: the proxy adds the background.
        QTRY_VERIFY(std::any_of(changed.cbegin(), changed.cend(), [](const QList<QVariant> &args) {
            return args.at(2).value<QList<int>>().contains(Qt::BackgroundRole);
        }));
    }

    void presenceProxyFollowsThePalette()
    {
        PresenceStyleProxy proxy;
        const QPalette light = lightPalette();
        const QPalette dark = darkPalette();
        proxy.setPalette(light);
        const QColor lightJoin = proxy.background(false, 1);
        const QColor lightLeave = proxy.background(true, 1);
        const QColor lightMuted = proxy.leavingForeground();
        proxy.setPalette(dark);
        QVERIFY(proxy.background(false, 1).rgb() != lightJoin.rgb());
        QVERIFY(proxy.background(true, 1).rgb() != lightLeave.rgb());
        QVERIFY(proxy.leavingForeground() != lightMuted);
        QCOMPARE(proxy.background(false, 1), feedback::tint(dark, feedback::Tone::Success, 120));
        QCOMPARE(proxy.background(true, 1), feedback::tint(dark, feedback::Tone::Error, 70));
        // The tint fades with the highlight and is gone at zero.
        QVERIFY(proxy.background(false, 0.5).alpha() < proxy.background(false, 1).alpha());
        QVERIFY(!proxy.background(false, 0).isValid());

        PresenceRosterModel model;
        proxy.setSourceModel(&model);
        model.reset({{QStringLiteral("a"), QJsonValue()}}, {});
        QSignalSpy changed(&proxy, &QAbstractItemModel::dataChanged);
        proxy.setPalette(light);
        QCOMPARE(changed.size(), 1);
        QVERIFY(changed.first().at(2).value<QList<int>>().contains(Qt::BackgroundRole));
    }
};

QTEST_MAIN(TestUiModels)
#include "tst_uimodels.moc"
