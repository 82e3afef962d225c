// v1_line_breaks.h — where lines end, in one place for the scanner and the line index (they must
// The scanner as it was on main 5184616, kept verbatim (namespace winerr::v1) as the oracle
// the next scanner is compared with (tests/oracle/README.md). Do not edit but to follow the
// types it shares with the product (scanner.h).
// agree, or an incremental rescan would start mid-line): at "\n", at "\r\n" (one ending), and
// at a lone "\r" — the three line endings of the LSP spec. Std only.
#pragma once

#include <cstddef>
#include <string_view>

namespace winerr::v1 {

// Does the byte at i end a line? ("\r" only when no "\n" follows it.)
inline bool ends_line(std::string_view t, std::size_t i) {
  return t[i] == '\n' || (t[i] == '\r' && (i + 1 >= t.size() || t[i + 1] != '\n'));
}
// Does a line start at offset p (0 < p <= size)?
inline bool line_starts_at(std::string_view t, std::size_t p) { return ends_line(t, p - 1); }

}  // namespace winerr::v1
