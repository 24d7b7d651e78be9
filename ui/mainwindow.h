#pragma once

#include <QMainWindow>

namespace cs {
class LogStore;
}

namespace cs::ui {

// The console's main window. The full set of panels arrives with the desktop-console issue.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

private:
    LogStore *m_log;
};

} // namespace cs::ui
