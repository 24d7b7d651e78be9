#pragma once
// The live roster of one presence channel as a table: member ids in id order, their user info,
// which one is this connection. A join is highlighted for a moment (HighlightRole fades from 1 to
// 0); a leave stays as a leaving row for a moment before it goes. State roles only:
// PresenceStyleProxy turns them into colours and fonts.
//
// Rosters come from the server and may hold hundreds of thousands of members: rows stay sorted
// by id, so a member is found by binary search, a sync is one merge of two sorted sequences, and
// the animation only visits the rows it animates.

#include <QAbstractTableModel>
#include <QElapsedTimer>
#include <QJsonValue>
#include <QMap>
#include <QSet>
#include <QTimer>

namespace cs::ui {

class PresenceRosterModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { IdColumn, InfoColumn, MeColumn, ColumnCount };
    enum Role {
        UserIdRole = Qt::UserRole + 1,  // QString
        LeavingRole,                    // bool: left, shown struck through until it goes
        HighlightRole,                  // qreal 0..1: how strongly the row is highlighted now
        IsMeRole,                       // bool: the member this connection joined as
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

    int memberCount() const;                 // rows not leaving
    int rowOf(const QString &userId) const;  // -1 when absent; O(log n)

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Member {
        QString id;
        QJsonValue info;
        bool leaving = false;
        qint64 since = -1;  // clock ms of the join/leave being animated; -1 = none
    };
    // Where `userId` is, or would be inserted, in id order.
    qsizetype lowerBound(const QString &userId) const;
    void insertRow(qsizetype row, Member member);
    void removeRow(qsizetype row);
    void animate(const QString &userId);
    qreal highlightOf(const Member &m) const;
    void tick();

    QList<Member> m_members;   // sorted by id
    int m_leaving = 0;         // rows with leaving set
    QSet<QString> m_animated;  // ids whose row is highlighted or on its way out
    QString m_me;
    QElapsedTimer m_clock;
    QTimer m_animation;
};

}  // namespace cs::ui
