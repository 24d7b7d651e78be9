#pragma once
// The profile editor's "Server limits" group: the event data limit, presence members, user info
// size and whether client events are on, for servers that differ from hosted Pusher (soketi
// sets them with SOKETI_EVENT_MAX_SIZE_IN_KB, SOKETI_PRESENCE_MAX_MEMBERS, …). Zero in a spin box
// means "hosted Pusher's": the value stays unset in the profile.

#include "serverlimits.h"

#include <QWidget>

class QComboBox;
class QSpinBox;

namespace cs::ui {

class ServerLimitsFields : public QWidget {
    Q_OBJECT
public:
    explicit ServerLimitsFields(QWidget *parent = nullptr);

    void setLimits(const ServerLimits &limits);
    ServerLimits limits() const;

Q_SIGNALS:
    // A value was changed by the user or by setLimits().
    void edited();

private:
    QSpinBox *m_payloadKb = nullptr;
    QSpinBox *m_members = nullptr;
    QSpinBox *m_userInfoKb = nullptr;
    QComboBox *m_clientEvents = nullptr;
};

}  // namespace cs::ui
