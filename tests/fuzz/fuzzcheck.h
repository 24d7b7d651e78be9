#pragma once
// What every harness shares: a property check that stops the run with a readable message
// (libFuzzer then saves the input as a crash artifact), and helpers to cut the input in pieces.

#include <QByteArray>
#include <QByteArrayList>

#include <cstdio>
#include <cstdlib>

#define FUZZ_CHECK(cond, what)                                                                                         \
    do {                                                                                                               \
        if (!(cond)) {                                                                                                 \
            std::fprintf(stderr, "\nproperty violated at %s:%d: %s\n  (%s)\n", __FILE__, __LINE__, what, #cond);       \
            std::abort();                                                                                              \
        }                                                                                                              \
    } while (false)

namespace csfuzz {

// The input as a QByteArray without copying (valid during the call only).
inline QByteArray bytes(const uint8_t *data, size_t size)
{
    return QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
}

// The input split at NUL bytes into exactly `count` parts (missing ones are empty), so that
// seeds stay readable text files with a few NULs.
inline QByteArrayList parts(const uint8_t *data, size_t size, int count)
{
    QByteArrayList out = bytes(data, size).split('\0');
    while (out.size() > count) {
        out[count - 1] += '\0' + out.takeAt(count);
    }
    while (out.size() < count)
        out << QByteArray();
    for (QByteArray &part : out)
        part.detach();  // owned copies: fromRawData parts must not outlive the call
    return out;
}

}  // namespace csfuzz
