#include "loglimitscontroller.h"

#include "loglimitsdialog.h"
#include "logstore.h"

#include <QLocale>
#include <QWidget>

#include <algorithm>

namespace cs::ui {

LogLimitsController::LogLimitsController(LogStore *store, QWidget *dialogParent)
    : QObject(dialogParent),
      m_store(store),
      m_dialogParent(dialogParent)
{}

void LogLimitsController::setCap(qsizetype cap)
{
    if (!m_store)
        return;
    cap = std::clamp(cap, kMinCap, kMaxCap);
    if (cap == m_store->cap())
        return;
    const quint64 evictedBefore = m_store->evictedCount();
    m_store->setCap(cap);
    const quint64 dropped = m_store->evictedCount() - evictedBefore;
    const QLocale locale;
    QString text = tr("The log keeps the newest %1 entries").arg(locale.toString(qlonglong(cap)));
    if (dropped > 0)
        text += tr("; %1 older entries were dropped").arg(locale.toString(qulonglong(dropped)));
    Q_EMIT message(text, false);
    Q_EMIT capChanged(cap);
}

void LogLimitsController::setByteBudget(qint64 bytes)
{
    if (!m_store)
        return;
    bytes = std::clamp(bytes, kMinBytes, kMaxBytes);
    if (bytes == m_store->byteBudget())
        return;
    const quint64 evictedBefore = m_store->evictedCount();
    m_store->setByteBudget(bytes);
    const quint64 dropped = m_store->evictedCount() - evictedBefore;
    const QLocale locale;
    QString text = tr("The log keeps at most %1 of entries").arg(locale.formattedDataSize(bytes, 0));
    if (dropped > 0)
        text += tr("; %1 older entries were dropped").arg(locale.toString(qulonglong(dropped)));
    Q_EMIT message(text, false);
    Q_EMIT byteBudgetChanged(bytes);
}

void LogLimitsController::setWithDialog()
{
    if (!m_store)
        return;
    const auto limits = askLogLimits(m_dialogParent, {m_store->cap(), m_store->byteBudget()}, {kMinCap, kMinBytes},
                                     {kMaxCap, kMaxBytes});
    if (!limits)
        return;
    setCap(limits->entries);
    setByteBudget(limits->bytes);
}

}  // namespace cs::ui
