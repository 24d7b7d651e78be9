// The log panel's size limits: how many entries and how many bytes the store keeps, set by the
// user (from a dialog) and reported once in the message line.

#include "logpanel.h"

#include "loglimitsdialog.h"
#include "logstore.h"

#include <QLocale>

#include <algorithm>

namespace cs::ui {

void LogPanel::setLogCap(qsizetype cap)
{
    if (!m_store)
        return;
    cap = std::clamp(cap, kMinLogCap, kMaxLogCap);
    if (cap == m_store->cap())
        return;
    const quint64 evictedBefore = m_store->evictedCount();
    m_store->setCap(cap);
    const quint64 dropped = m_store->evictedCount() - evictedBefore;
    const QLocale locale;
    QString text = tr("The log keeps the newest %1 entries").arg(locale.toString(qlonglong(cap)));
    if (dropped > 0)
        text += tr("; %1 older entries were dropped").arg(locale.toString(qulonglong(dropped)));
    showMessage(text);
    updateStatus();
    Q_EMIT logCapChanged(cap);
}

void LogPanel::setLogByteBudget(qint64 bytes)
{
    if (!m_store)
        return;
    bytes = std::clamp(bytes, kMinLogBytes, kMaxLogBytes);
    if (bytes == m_store->byteBudget())
        return;
    const quint64 evictedBefore = m_store->evictedCount();
    m_store->setByteBudget(bytes);
    const quint64 dropped = m_store->evictedCount() - evictedBefore;
    const QLocale locale;
    QString text = tr("The log keeps at most %1 of entries").arg(locale.formattedDataSize(bytes, 0));
    if (dropped > 0)
        text += tr("; %1 older entries were dropped").arg(locale.toString(qulonglong(dropped)));
    showMessage(text);
    updateStatus();
    Q_EMIT logByteBudgetChanged(bytes);
}

void LogPanel::setLogCapWithDialog()
{
    if (!m_store)
        return;
    const auto limits = askLogLimits(this, {m_store->cap(), m_store->byteBudget()}, {kMinLogCap, kMinLogBytes},
                                     {kMaxLogCap, kMaxLogBytes});
    if (!limits)
        return;
    setLogCap(limits->entries);
    setLogByteBudget(limits->bytes);
}

} // namespace cs::ui
