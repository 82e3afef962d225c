// v1_lexical.h — byte classes and word splitting shared by the finder and the judge. Std only.
// The scanner as it was on main 5184616, kept verbatim (namespace winerr::v1) as the oracle
// the next scanner is compared with (tests/oracle/README.md). Do not edit but to follow the
// types it shares with the product (scanner.h).
#pragma once

#include <array>
#include <cstddef>
#include <string_view>

namespace winerr::v1 {

constexpr bool is_word_char(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}
constexpr bool is_digit(unsigned char c) { return c >= '0' && c <= '9'; }
constexpr bool is_upper(unsigned char c) { return c >= 'A' && c <= 'Z'; }
constexpr bool is_lower(unsigned char c) { return c >= 'a' && c <= 'z'; }
constexpr int hex_value(unsigned char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Lower-cases a word into buf; words longer than the buffer are never context words.
inline std::string_view lower(std::string_view w, std::array<char, 32>& buf) {
  if (w.size() > buf.size()) return {};
  for (std::size_t i = 0; i < w.size(); ++i) {
    const char c = w[i];
    buf[i] = is_upper(static_cast<unsigned char>(c)) ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return {buf.data(), w.size()};
}

// Calls f(part) for each part of a compound identifier, in order: snake_case at '_',
// camelCase at a lower→upper step, and "QMNegotiation" before the last capital of a capital
// run that a lower-case letter follows. Digits stay with what they follow ("IKEv2" is split
// as "IK", "Ev2" — whole words are checked before parts, so lists hold "ikev2").
template <class F>
void for_each_part(std::string_view w, F&& f) {
  std::size_t s = 0;
  auto emit = [&](std::size_t e) {
    if (e > s) f(w.substr(s, e - s));
  };
  for (std::size_t i = 0; i < w.size(); ++i) {
    const auto c = static_cast<unsigned char>(w[i]);
    if (c == '_') {
      emit(i);
      s = i + 1;
      continue;
    }
    if (i > s && is_upper(c)) {
      const auto p = static_cast<unsigned char>(w[i - 1]);
      const bool next_lower = i + 1 < w.size() && is_lower(static_cast<unsigned char>(w[i + 1]));
      if (is_lower(p) || is_digit(p) || (is_upper(p) && next_lower)) {
        emit(i);
        s = i;
      }
    }
  }
  emit(w.size());
}

}  // namespace winerr::v1
