#pragma once
// Keepalive folding for the log model. Every activity timeout adds a timer line, a pusher:ping and
// a pusher:pong (docs/protocol.md, "Connection states and timers"), so an idle hour would bury the events under
// them. Consecutive keepalive entries of the filtered rows (no other row between them) become one
// row; this class keeps the bookkeeping: which row key (the seq of a run's first entry) stands for
// a run, how many entries it holds and its newest one, and the run that new entries may join.
// Placing an entry is O(1); nothing here walks the store.

#include "logentry.h"

#include <QStringView>

#include <unordered_map>
#include <vector>

namespace cs {

class LogStore;

class KeepaliveFolds {
public:
    struct Fold {
        quint64 last = 0;     // seq of the newest entry of the run
        qsizetype count = 0;  // entries in the run, at least 2
    };

    // pusher:ping and pusher:pong (the timer line that announces a ping carries the event too).
    static bool isKeepaliveEvent(QStringView event);
    static bool isKeepalive(EntryKind kind, QStringView event);
    // The same for a held row of the store, cached per interned event name.
    bool isKeepalive(const LogStore &store, qsizetype row) const;

    // Places the entry `seq` after every row placed so far. A keepalive joins the open run (the last
    // row, when it is a keepalive row); anything else, or a keepalive with no open run, starts a row.
    // Returns true when `seq` starts a row, false when it joined the row tailKey().
    bool place(quint64 seq, bool keepalive);
    bool hasOpenRun() const { return m_open; }
    quint64 tailKey() const { return m_tailKey; }
    void closeRun() { m_open = false; }  // the next keepalive starts a row (after an expand)
    void clear();                        // no runs; the cached event names stay valid

    bool isEmpty() const { return m_folds.empty(); }
    qsizetype hiddenCount() const { return m_hidden; }  // entries folded away: every run's count less one
    const Fold *find(quint64 key) const;
    // Takes the run `key` out (it is shown expanded, or it went).
    void erase(quint64 key);
    // The run's oldest entries went: it now starts at `newKey` and holds `fold`.
    void rekey(quint64 oldKey, quint64 newKey, Fold fold);

private:
    std::unordered_map<quint64, Fold> m_folds;  // by row key; only runs of two or more
    qsizetype m_hidden = 0;
    quint64 m_tailKey = 0;
    bool m_open = false;
    mutable std::vector<qint8> m_eventIsKeepalive;  // by event name id: 0 unknown, 1 yes, -1 no
    mutable quint64 m_namesToken = 0;
};

}  // namespace cs
