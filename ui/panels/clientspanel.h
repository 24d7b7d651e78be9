#pragma once
// The Clients dock (issue 13): several clients side by side on the window's log. Add, connect,
// disconnect and remove clients (named A, B, C…, each with its colour), one click for "three
// presence users on this channel", each client's presence roster side by side with the members
// one client sees and another does not highlighted, and the delivery matrix of the last trigger
// sent from here (a REST trigger or a client event from the selected client).

#include "clientset.h"
#include "deliverytracker.h"

#include <QTimer>
#include <QWidget>

#include <functional>
#include <optional>

class QLabel;
class QLineEdit;
class QPushButton;
class QTableWidget;

namespace cs::ui {

class ClientsPanel : public QWidget {
    Q_OBJECT
public:
    // The credentials new clients use: the main window's current profile (none: nothing to add).
    using CredentialsSource = std::function<std::optional<Credentials>()>;

    explicit ClientsPanel(LogStore *log, QWidget *parent = nullptr);
    ~ClientsPanel() override;

    void setCredentialsSource(CredentialsSource source) { m_credentials = std::move(source); }
    ClientSet *clients() { return &m_clients; }
    DeliveryTracker *tracker() { return &m_tracker; }
    // A client's colour, the same in every view (the log's connection column uses it too).
    static QColor colorFor(int colorIndex);

    QTableWidget *clientTable() const { return m_clientTable; }
    QTableWidget *rosterTable() const { return m_rosterTable; }
    QTableWidget *matrixTable() const { return m_matrixTable; }

Q_SIGNALS:
    void statusMessage(const QString &message);

private:
    void buildUi();
    void addClient();
    void addPresenceUsers();
    void removeSelected();
    void openSelected(bool open);
    void triggerRest();
    void sendClientEvent();
    Client *selectedClient() const;
    void scheduleRefresh() { m_refresh.start(); }
    void refresh();
    void refreshClients();
    void refreshRosters();
    void refreshMatrix();

    ClientSet m_clients;
    DeliveryTracker m_tracker;
    CredentialsSource m_credentials;
    QTimer m_refresh;

    QLineEdit *m_channel = nullptr;
    QLineEdit *m_event = nullptr;
    QLineEdit *m_data = nullptr;
    QPushButton *m_addButton = nullptr;
    QPushButton *m_threeButton = nullptr;
    QTableWidget *m_clientTable = nullptr;
    QTableWidget *m_rosterTable = nullptr;
    QTableWidget *m_matrixTable = nullptr;
    QLabel *m_matrixSummary = nullptr;
};

}  // namespace cs::ui
