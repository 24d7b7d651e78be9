#pragma once
// simdjson (Debian libsimdjson-dev) behind Qt types, for the frame codec (frame.cpp reads frames
// with On Demand). What simdjson refuses goes to QJsonDocument (strictjson.h), which decides and
// explains: so what comes from here is what QJsonDocument gives for the same text.
//
// simdjson reads up to SIMDJSON_PADDING bytes past the end of its input. PaddedInput gives it
// the QByteArray's own spare capacity when there is enough, else a copy in a buffer of its own.

#include <QByteArray>
#include <QByteArrayView>

#include <optional>
#include <string>
#include <string_view>

namespace cs::json {

class PaddedInput {
public:
    // `bytes` must outlive this object and stay unchanged while it is in use.
    explicit PaddedInput(const QByteArray &bytes);
    explicit PaddedInput(std::string_view bytes);
    const char *data() const { return m_data; }
    std::size_t size() const { return m_size; }
    std::size_t capacity() const { return m_capacity; }  // readable bytes from data(): size + padding
    bool copied() const { return !m_copy.empty(); }

private:
    void copy(std::string_view bytes);
    std::string m_copy;
    const char *m_data = nullptr;
    std::size_t m_size = 0;
    std::size_t m_capacity = 0;
};

// The text of one JSON string token (`quoted`, quotes included, white space around allowed),
// unescaped to UTF-8; nullopt when simdjson refuses it, lone surrogates included (QJsonDocument
// keeps those as QString code units, which UTF-8 cannot hold).
std::optional<QByteArray> stringText(std::string_view quoted);

}  // namespace cs::json
