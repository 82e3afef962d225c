// line_breaks.h — where lines end, in one place for the scanner and the line index (they must
// agree, or an incremental rescan would start mid-line): at "\n", at "\r\n" (one ending), and
// at a lone "\r" — the three line endings of the LSP spec. Std only.
#pragma once

#include <cstddef>
#include <cstring>
#include <string_view>

namespace winerr {

// Does the byte at i end a line? ("\r" only when no "\n" follows it.)
inline bool ends_line(std::string_view t, std::size_t i) {
  return t[i] == '\n' || (t[i] == '\r' && (i + 1 >= t.size() || t[i + 1] != '\n'));
}
// Does a line start at offset p (0 < p <= size)?
inline bool line_starts_at(std::string_view t, std::size_t p) { return ends_line(t, p - 1); }

// The byte that ends the line holding `at` (its "\n", the "\n" of a "\r\n", or a lone "\r"),
// or t.size() when the text ends first. memchr is the C library's vector search: a line costs
// two calls, not a test per byte.
inline std::size_t line_end_from(std::string_view t, std::size_t at) {
  const char* base = t.data();
  const void* nl = std::memchr(base + at, '\n', t.size() - at);
  const std::size_t e = nl ? static_cast<std::size_t>(static_cast<const char*>(nl) - base) : t.size();
  const void* cr = std::memchr(base + at, '\r', e - at);
  if (!cr) return e;
  const std::size_t c = static_cast<std::size_t>(static_cast<const char*>(cr) - base);
  return c + 1 < t.size() && t[c + 1] == '\n' ? c + 1 : c;
}

}  // namespace winerr
