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

}  // namespace cs
