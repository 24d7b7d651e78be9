#pragma once
// Errors are values: an error has a stable code (for scripts and tests) and a message a user
// understands. Result<T> carries either a value or an Error; no exceptions cross the event loop.

#include <QString>

#include <optional>
#include <utility>
#include <variant>

namespace cs {

struct Error {
    QString code;     // stable, machine-readable, e.g. "invalid-socket-id", "http-401"
    QString message;  // one line for a human

    bool operator==(const Error &) const = default;
};

template <typename T>
class Result {
public:
    Result(T value) : m_v(std::move(value)) {}
    Result(Error error) : m_v(std::move(error)) {}

    bool ok() const { return m_v.index() == 0; }
    explicit operator bool() const { return ok(); }
    const T &value() const { return std::get<0>(m_v); }
    T &value() { return std::get<0>(m_v); }
    const T *operator->() const { return &value(); }
    const T &operator*() const { return value(); }
    const Error &error() const { return std::get<1>(m_v); }

private:
    std::variant<T, Error> m_v;
};

// For operations that produce nothing but may fail.
class Status {
public:
    Status() = default;
    Status(Error error) : m_error(std::move(error)) {}
    bool ok() const { return !m_error.has_value(); }
    explicit operator bool() const { return ok(); }
    const Error &error() const { return *m_error; }

private:
    std::optional<Error> m_error;
};

} // namespace cs
