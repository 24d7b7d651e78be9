#pragma once
// The log panel's size limits: how many entries and how many bytes the store keeps, set by the
// user (from a dialog or the main window's settings), clamped, and reported once in the panel's
// message line. The panel owns it and forwards its signals.

#include <QObject>
#include <QPointer>

class QWidget;

namespace cs {
class LogStore;
}

namespace cs::ui {

class LogLimitsController : public QObject {
    Q_OBJECT
public:
    // The store's cap: the newest `cap` entries are kept, older ones evicted first (at once when
    // lowering it). The byte budget likewise (see LogStore).
    static constexpr qsizetype kMinCap = 1000;
    static constexpr qsizetype kMaxCap = 20'000'000;
    static constexpr qint64 kMinBytes = qint64(16) << 20;
    static constexpr qint64 kMaxBytes = qint64(64) << 30;

    LogLimitsController(LogStore *store, QWidget *dialogParent);

    // Clamp, apply, report; nothing happens when the store is gone or the value is unchanged.
    void setCap(qsizetype cap);
    void setByteBudget(qint64 bytes);
    void setWithDialog();  // both limits in one dialog; cancelling changes nothing

Q_SIGNALS:
    // A limit changed: what the log keeps now, and how many older entries that dropped. `error`
    // is always false; the signature matches the panel's other message sources.
    void message(const QString &text, bool error);
    // Emitted after message(), once per change actually made.
    void capChanged(qsizetype cap);
    void byteBudgetChanged(qint64 bytes);

private:
    QPointer<LogStore> m_store;
    QWidget *m_dialogParent;
};

}  // namespace cs::ui
