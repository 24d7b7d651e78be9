#include "fastjson.h"

#include <simdjson.h>

#include <memory>

namespace cs::json {

namespace {

// Deeper text goes to QJsonDocument (nesting limit 1024).
constexpr std::size_t kMaxDepth = 512;
// A parser keeps buffers of about ten times the largest text it read; bigger texts get a parser
// of their own, freed at once, so that one huge frame does not stay in memory.
constexpr std::size_t kKeptParserBytes = 64 * 1024;

// A parser keeps its max depth when it grows (simdjson's allocate()); a failed allocation leaves
// it unusable, and parse() then fails: the caller falls back to QJsonDocument.
std::unique_ptr<simdjson::dom::parser> newParser(std::size_t capacity)
{
    auto parser = std::make_unique<simdjson::dom::parser>();
    if (parser->allocate(capacity, kMaxDepth) != simdjson::SUCCESS)
        return std::make_unique<simdjson::dom::parser>(0);  // refuses everything
    return parser;
}

class Parsers {
public:
    simdjson::dom::parser &forSize(std::size_t bytes, std::unique_ptr<simdjson::dom::parser> *big)
    {
        if (bytes <= kKeptParserBytes)
            return *m_kept;
        *big = newParser(bytes);
        return **big;
    }

private:
    std::unique_ptr<simdjson::dom::parser> m_kept = newParser(4096);
};

}  // namespace

PaddedInput::PaddedInput(const QByteArray &bytes)
{
    // QByteArray::capacity() bytes from data() are allocated (and one more for the '\0'). Raw
    // data (QByteArray::fromRawData) says capacity 0: copied.
    if (bytes.capacity() - bytes.size() >= qsizetype(simdjson::SIMDJSON_PADDING)) {
        m_data = bytes.constData();
        m_size = std::size_t(bytes.size());
        m_capacity = std::size_t(bytes.capacity());
    } else {
        copy(std::string_view(bytes.constData(), std::size_t(bytes.size())));
    }
}

PaddedInput::PaddedInput(std::string_view bytes) { copy(bytes); }

void PaddedInput::copy(std::string_view bytes)
{
    m_copy.reserve(bytes.size() + simdjson::SIMDJSON_PADDING);
    m_copy.assign(bytes);
    m_copy.append(simdjson::SIMDJSON_PADDING, ' ');
    m_data = m_copy.data();
    m_size = bytes.size();
    m_capacity = m_copy.size();
}

std::optional<QByteArray> stringText(std::string_view quoted)
{
    thread_local Parsers parsers;
    std::unique_ptr<simdjson::dom::parser> big;
    simdjson::dom::parser &parser = parsers.forSize(quoted.size(), &big);
    std::string_view text;
    // realloc_if_needed: simdjson copies the text into a padded buffer the parser keeps.
    if (parser.parse(quoted.data(), quoted.size(), true).get_string().get(text))
        return std::nullopt;
    return QByteArray(text.data(), qsizetype(text.size()));
}

}  // namespace cs::json
