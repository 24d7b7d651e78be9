#pragma once

#include <QPointer>
#include <QTimer>
#include <QWidget>

class QLabel;

namespace cs {
class Connection;
}

namespace cs::ui {

// The toolbar's connection badge: a coloured dot and the state, the socket id when connected,
// the reconnect countdown while a retry is pending, and the last error in the tooltip.
class StateBadge : public QWidget {
    Q_OBJECT
public:
    explicit StateBadge(QWidget *parent = nullptr);

    void setConnection(Connection *connection);  // may be null
    QString text() const;                        // what the badge shows, for tests

private:
    void refresh();

    QPointer<Connection> m_connection;
    QLabel *m_dot;
    QLabel *m_label;
    QTimer m_countdown;
};

}  // namespace cs::ui
