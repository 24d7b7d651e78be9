#include "keepalivefolds.h"

#include "logstore.h"

namespace cs {

bool KeepaliveFolds::isKeepaliveEvent(QStringView event)
{
    return event == QLatin1String("pusher:ping") || event == QLatin1String("pusher:pong");
}

bool KeepaliveFolds::isKeepalive(EntryKind kind, QStringView event)
{
    return (kind == EntryKind::Connection || kind == EntryKind::Timer) && isKeepaliveEvent(event);
}

bool KeepaliveFolds::isKeepalive(const LogStore &store, qsizetype row) const
{
    const EntryKind kind = store.kindAt(row);
    if (kind != EntryKind::Connection && kind != EntryKind::Timer)
        return false;
    const quint32 id = store.nameIdAt(row, LogStore::NameField::Event);
    if (id == 0)
        return false;
    if (store.namesToken() != m_namesToken) {  // another store, or its names were dropped
        m_eventIsKeepalive.clear();
        m_namesToken = store.namesToken();
    }
    if (id >= m_eventIsKeepalive.size())
        m_eventIsKeepalive.resize(std::size_t(id) + 1 + m_eventIsKeepalive.size() / 2, 0);
    qint8 &known = m_eventIsKeepalive[id];
    if (known == 0)
        known = isKeepaliveEvent(store.nameForId(id)) ? 1 : -1;
    return known > 0;
}

bool KeepaliveFolds::place(quint64 seq, bool keepalive)
{
    if (keepalive && m_open) {
        const auto [it, added] = m_folds.try_emplace(m_tailKey, Fold{seq, 2});
        if (!added) {
            it->second.last = seq;
            ++it->second.count;
        }
        ++m_hidden;
        return false;
    }
    m_open = keepalive;
    m_tailKey = seq;
    return true;
}

void KeepaliveFolds::clear()
{
    m_folds.clear();
    m_hidden = 0;
    m_open = false;
    m_tailKey = 0;
}

const KeepaliveFolds::Fold *KeepaliveFolds::find(quint64 key) const
{
    if (m_folds.empty())
        return nullptr;
    const auto it = m_folds.find(key);
    return it == m_folds.end() ? nullptr : &it->second;
}

void KeepaliveFolds::erase(quint64 key)
{
    const auto it = m_folds.find(key);
    if (it == m_folds.end())
        return;
    m_hidden -= it->second.count - 1;
    m_folds.erase(it);
}

void KeepaliveFolds::rekey(quint64 oldKey, quint64 newKey, Fold fold)
{
    erase(oldKey);
    if (fold.count >= 2) {
        m_folds[newKey] = fold;
        m_hidden += fold.count - 1;
    }
    if (m_tailKey == oldKey)
        m_tailKey = newKey;
}

}  // namespace cs
