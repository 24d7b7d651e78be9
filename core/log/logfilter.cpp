#include "logfilter.h"

#include "filtermatcher.h"
#include "filterparser.h"

namespace cs {

LogFilter::LogFilter() = default;
LogFilter::~LogFilter() = default;

LogFilter::LogFilter(const LogFilter &other) : d(other.d) {}

LogFilter &LogFilter::operator=(const LogFilter &other)
{
    if (this != &other) {
        d = other.d;
        m_cache.reset();
    }
    return *this;
}

LogFilter::LogFilter(LogFilter &&other) noexcept = default;

LogFilter &LogFilter::operator=(LogFilter &&other) noexcept
{
    d = std::move(other.d);
    m_cache = std::move(other.m_cache);
    return *this;
}

Result<LogFilter, FilterError> LogFilter::parse(const QString &text)
{
    Result<filter::ParsedFilter, FilterError> parsed = filter::parseFilter(text);
    if (!parsed)
        return parsed.error();
    LogFilter result;
    result.d = std::make_shared<const filter::ParsedFilter>(std::move(parsed.value()));
    return result;
}

bool LogFilter::isEmpty() const { return !d || d->terms.empty(); }
QString LogFilter::text() const { return d ? d->text : QString(); }

bool LogFilter::matches(const LogStore &store, qsizetype row) const
{
    if (!d || d->terms.empty())
        return true;
    if (!m_cache)
        m_cache = std::make_unique<filter::MatchCache>();
    return filter::matchesRow(*d, *m_cache, store, row);
}

bool LogFilter::matches(const LogEntry &entry) const { return !d || filter::matchesEntry(*d, entry); }

namespace {
constexpr quint32 kAllKinds = (1u << kEntryKindCount) - 1;
}

quint32 LogFilter::kindMask() const
{
    quint32 mask = kAllKinds;
    if (!d)
        return mask;
    for (const filter::Term &term : d->terms) {
        if (term.type == filter::TermType::Kind)
            mask &= term.negate ? ~term.kindMask : term.kindMask;
    }
    return mask & kAllKinds;
}

bool LogFilter::asksForKeepalives() const
{
    if (!d)
        return false;
    const quint32 keepaliveKinds = (1u << unsigned(EntryKind::Connection)) | (1u << unsigned(EntryKind::Timer));
    const QString ping = QStringLiteral("pusher:ping");
    const QString pong = QStringLiteral("pusher:pong");
    for (const filter::Term &term : d->terms) {
        if (term.negate)
            continue;
        switch (term.type) {
        case filter::TermType::Kind:
            if ((term.kindMask & keepaliveKinds) && (term.kindMask & kAllKinds) != kAllKinds)
                return true;
            break;
        case filter::TermType::Name:
            if (term.field != LogStore::NameField::Event)
                break;
            for (const filter::Pattern &pattern : term.patterns) {
                if (pattern.mode() != filter::Pattern::Mode::Any && (pattern.matches(ping) || pattern.matches(pong)))
                    return true;
            }
            break;
        case filter::TermType::Text:
            if (term.text.contains(QLatin1String("ping"), Qt::CaseInsensitive)
                || term.text.contains(QLatin1String("pong"), Qt::CaseInsensitive))
                return true;
            break;
        case filter::TermType::Dir:
        case filter::TermType::Source:
        case filter::TermType::Sig:
        case filter::TermType::Violates: break;
        }
    }
    return false;
}

}  // namespace cs
