// line_breaks.h — where lines end, in one place for the scanner and the line index (they must
// agree, or an incremental rescan would start mid-line): at "\n", at "\r\n" (one ending), and
// at a lone "\r" — the three line endings of the LSP spec. Std only.
#pragma once

#include <algorithm>
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

// line_end_from for line after line, with positions that only grow: the "\r" search is
// shared by the lines it covers (a text with "\n" endings has none: about one memchr per
// line instead of two). It looks at most 64 KiB past a line for "\r", so that rescanning a
// few lines of a big document stays local.
class LineEnds {
 public:
  explicit LineEnds(std::string_view t) : t_(t) {}
  std::size_t from(std::size_t at) {
    const char* base = t_.data();
    const void* nl = std::memchr(base + at, '\n', t_.size() - at);
    const std::size_t e = nl ? static_cast<std::size_t>(static_cast<const char*>(nl) - base) : t_.size();
    // Known: the first "\r" in [searched_, upto_) is at cr_ (cr_ == upto_: none there).
    if (at < searched_ || (cr_ < upto_ ? cr_ < at : e > upto_)) {
      searched_ = at;
      upto_ = std::min(t_.size(), std::max(e, at + kWindow));
      const void* cr = std::memchr(base + at, '\r', upto_ - at);
      cr_ = cr ? static_cast<std::size_t>(static_cast<const char*>(cr) - base) : upto_;
    }
    if (cr_ >= e) return e;  // no "\r" before the "\n"
    return cr_ + 1 < t_.size() && t_[cr_ + 1] == '\n' ? cr_ + 1 : cr_;
  }

 private:
  static constexpr std::size_t kWindow = std::size_t{1} << 16;
  std::string_view t_;
  std::size_t searched_ = 0, upto_ = 0, cr_ = 0;
};

}  // namespace winerr
