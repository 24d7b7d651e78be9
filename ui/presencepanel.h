#pragma once
// The live roster of one presence channel: member ids, their user info, which one is this
// connection, and the count. A join is highlighted with a background that fades out; a leave
// stays as a struck-through row for a moment before it goes. (The core logs both.)

#include "session.h"

#include <QAbstractTableModel>
#include <QElapsedTimer>
#include <QJsonValue>
#include <QMap>
#include <QPointer>
#include <QTimer>
#include <QWidget>

class QLabel;
class QTableView;

namespace cs::ui {

class PresenceRosterModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { IdColumn, InfoColumn, MeColumn, ColumnCount };
    enum Role {
        UserIdRole = Qt::UserRole + 1,  // QString
        LeavingRole,                    // bool: left, shown struck through until it goes
        HighlightRole,                  // qreal 0..1: how strongly the row is highlighted now
    };
    static constexpr int kHighlightMs = 1500;

    explicit PresenceRosterModel(QObject *parent = nullptr);

    // Replaces every row (no highlight): the roster as it is now.
    void reset(const QMap<QString, QJsonValue> &members, const QString &myUserId);
    // Brings the rows in line with `members` without highlights; rows on their way out stay.
    void sync(const QMap<QString, QJsonValue> &members, const QString &myUserId);
    void memberJoined(const QString &userId, const QJsonValue &info);
    void memberLeft(const QString &userId);
    void clear();

    int memberCount() const;  // rows not leaving
    int rowOf(const QString &userId) const;
    void setPalette(const QPalette &palette);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Member {
        QString id;
        QJsonValue info;
        QString infoText;
        bool leaving = false;
        qint64 since = -1;  // clock ms of the join/leave being animated; -1 = none
    };
    Member makeMember(const QString &id, const QJsonValue &info) const;
    qreal highlightOf(const Member &m) const;
    void tick();
    void startAnimation();

    QList<Member> m_members;
    QString m_me;
    QElapsedTimer m_clock;
    QTimer m_animation;
    QPalette m_palette;
};

class PresencePanel : public QWidget {
    Q_OBJECT
public:
    explicit PresencePanel(QWidget *parent = nullptr);
    ~PresencePanel() override;

    void setSession(Session *session);   // null for none
    Session *session() const { return m_session; }
    // The presence channel to show; anything else shows an explanation instead of a roster.
    void setChannel(const QString &channel);
    QString channel() const { return m_channel; }
    PresenceRosterModel *model() const { return m_model; }

Q_SIGNALS:
    void statusMessage(const QString &message);

protected:
    void changeEvent(QEvent *event) override;

private:
    void rebuild();
    void scheduleSync();
    void sync();
    void updateHeader();

    QPointer<Session> m_session;
    QPointer<ChannelRegistry> m_registry;
    QString m_channel;
    PresenceRosterModel *m_model;
    QTimer m_syncTimer;

    QLabel *m_title = nullptr;
    QLabel *m_count = nullptr;
    QTableView *m_table = nullptr;
};

} // namespace cs::ui
