#pragma once
// The presence panel: the live roster of one presence channel (see presencerostermodel.h,
// coloured by PresenceStyleProxy) with its title and member count. (The core logs joins and
// leaves.)

#include "presencerostermodel.h"
#include "session.h"

#include <QPointer>
#include <QTimer>
#include <QWidget>

class QLabel;
class QTableView;

namespace cs::ui {

class PresenceStyleProxy;
class EmptyState;

class PresencePanel : public QWidget {
    Q_OBJECT
public:
    explicit PresencePanel(QWidget *parent = nullptr);
    ~PresencePanel() override;

    void setSession(Session *session);  // null for none
    Session *session() const { return m_session; }
    // The presence channel to show; anything else shows an explanation instead of a roster.
    void setChannel(const QString &channel);
    QString channel() const { return m_channel; }
    PresenceRosterModel *model() const { return m_model; }      // what the rows hold
    PresenceStyleProxy *styleProxy() const { return m_proxy; }  // what the table shows

Q_SIGNALS:
    void statusMessage(const QString &message);

protected:
    void changeEvent(QEvent *event) override;

private:
    void rebuild();
    void scheduleSync();
    void sync();
    void noteIncrementalChange();
    void updateHeader();
    QString emptyText(bool subscribed, bool presence) const;  // what the empty roster says to do

    QPointer<Session> m_session;
    QPointer<ChannelRegistry> m_registry;
    QString m_channel;
    PresenceRosterModel *m_model;
    PresenceStyleProxy *m_proxy;
    QTimer m_syncTimer;
    quint64 m_syncedRevision = 0;  // the roster revision the model shows

    QLabel *m_title = nullptr;
    QLabel *m_count = nullptr;
    QTableView *m_table = nullptr;
    EmptyState *m_empty = nullptr;
};

}  // namespace cs::ui
