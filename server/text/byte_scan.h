// byte_scan.h — skipping runs of ordinary bytes eight at a time (SWAR: plain 64-bit integer
// arithmetic, so every platform and compiler gets it, no intrinsics). Std only.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>

namespace winerr::bytes {

// Bytes of a JSON string body that need no attention: printable ASCII other than '"' and '\\'.
// Returns how many of the n bytes at p lead without a '"', '\\', control byte (< 0x20) or
// non-ASCII byte (>= 0x80).
inline std::size_t plain_json_string_run(const char* p, std::size_t n) {
  constexpr std::uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
  auto has_zero = [&](std::uint64_t v) { return (v - ones) & ~v & highs; };
  std::size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    std::uint64_t x;
    std::memcpy(&x, p + i, 8);
    // A byte < 0x20 or >= 0x80: x - 0x20 per byte borrows, or the high bit is set already.
    const std::uint64_t special = has_zero(x ^ (ones * '"')) | has_zero(x ^ (ones * '\\')) | ((x - ones * 0x20) & ~x & highs) | (x & highs);
    if (special) break;
  }
  while (i < n) {
    const unsigned char c = static_cast<unsigned char>(p[i]);
    if (c == '"' || c == '\\' || c < 0x20 || c >= 0x80) break;
    ++i;
  }
  return i;
}

}  // namespace winerr::bytes
