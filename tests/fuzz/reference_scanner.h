// reference_scanner.h — a slow, second reading of the scanner's rules (scanner.h), for the
// differential fuzzer. Written from the rules, not from scanner.cpp's code, and by another
// method: the text is first cut into lines and each line into a list of tokens; then every
// token is judged by looking at its neighbours in that list (the three words before it, the
// token right before it and right after it). No state machine, no ring buffer, numbers
// parsed with std::from_chars, word lists searched with std::find.
//
// The rules, as this file reads them (T is a token, a maximal run of [A-Za-z0-9_]):
//  0. Lines end at "\n" and at a lone "\r" (scanner.h); everything below is per line.
//  1. T starting with a digit is a number; T starting with anything else is a word. A number
//     is negative when a '-' is right before it and the byte before that '-' is not glue.
//     Glue (a number after it is part of something longer): a word byte . \ # @ $ % & + -
//  2. A word that is a whole known name (Catalog::find_name) is a Name finding, certain.
//     Other words are context words; names are not.
//  3. Context of a number: the nearest of the (at most) three context words before it on its
//     line that is positive or negative (lists below; also: containing error/status/hresult
//     is positive, longer than 4 and ending in address/addr/offset is negative). Case-insensitive,
//     words longer than 32 bytes are neutral.
//  4. A number is no mention at all when: glued before (not negative, byte before is glue);
//     after ':' (not hex-looking: 2nd byte x/X) unless the context word ends right at that ':'
//     and the context is positive; followed by . : - and then a word byte; followed by % @ \.
//  5. Suffixes: a Rust suffix (i8…usize) after a hex digit, else up to three of LlUu; not part
//     of the finding's range (a Rust suffix is not either).
//  6. 0x/0X + 1..16 hex digits (after the suffix), value ≤ 0xFFFFFFFF, context not negative:
//     > 0xFFFF: a known status (find_status32) → Hex (NTSTATUS) or Hresult, certain;
//     else a Win32 code → Hex, certain with positive context or when it follows, after
//     spaces and "(", a finding of the same code (which becomes certain too); else possible.
//  7. Not all digits: 8 hex digits starting 8007/8032 (no sign) with positive context and a
//     known status → Hresult over the whole token, certain.
//  8. All digits (after the suffix), at most 10, context not negative: negative or > 0xFFFF →
//     the 32-bit value (2^32 - v for negatives, 0 < v ≤ 2^31) as a known status →
//     HresultDecimal, certain. Else a Win32 code → Decimal, certain with positive context or
//     when the previous token is a certain Decimal finding and only " ,/;|" (1..6 bytes)
//     separate them; a decimal that is not certain is dropped at the end of the line.
//  9. A word right after a finding's token, with only spaces/tabs between: a unit (list below)
//     drops that finding; exactly error/Error/ERROR makes it certain.
// 10. At the end of a line: a name on this line or on the previous line makes every finding of
//     the line certain (and keeps the decimals); the rest are possible, decimals dropped.
#pragma once

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "catalog.h"
#include "context_words.h"
#include "scanner.h"

namespace reference {

using winerr::Catalog;
using winerr::Confidence;
using winerr::Entry;
using winerr::Family;
using winerr::Finding;
using winerr::Form;

inline bool word_byte(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}
inline bool digit(char c) { return c >= '0' && c <= '9'; }
inline bool hexdigit(char c) { return digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
inline bool glue(char c) { return word_byte(c) || std::string_view(".\\#@$%&+-").find(c) != std::string_view::npos; }

inline std::string lowercase(std::string_view w) {
  std::string s(w);
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  return s;
}
template <class List>
bool in(const List& list, std::string_view w) {
  return std::find(std::begin(list), std::end(list), w) != std::end(list);
}

// The word lists are the scanner's own data (context_words.h); only the method differs.
using winerr::context_words::kNegative;
using winerr::context_words::kPositive;
inline constexpr const auto& kUnits = winerr::context_words::kNegativeAfter;
inline const std::string_view kRustSuffixes[] = {"i8", "i16", "i32", "i64", "i128", "isize",
                                                  "u8", "u16", "u32", "u64", "u128", "usize"};

enum class Ctx { Neutral, Positive, Negative };

inline Ctx word_class(std::string_view word) {
  if (word.empty() || word.size() > 32) return Ctx::Neutral;
  const std::string w = lowercase(word);
  if (in(kPositive, w)) return Ctx::Positive;
  if (in(kNegative, w)) return Ctx::Negative;
  for (std::string_view part : {"error", "status", "hresult"})
    if (w.find(part) != std::string::npos) return Ctx::Positive;
  if (w.size() > 4)
    for (std::string_view tail : {"address", "addr", "offset"})
      if (w.size() >= tail.size() && w.compare(w.size() - tail.size(), tail.size(), tail) == 0) return Ctx::Negative;
  return Ctx::Neutral;
}

inline bool is_unit(std::string_view word) { return word.size() <= 32 && in(kUnits, lowercase(word)); }

// Length of `body` without its literal suffix.
inline std::size_t without_suffix(std::string_view body) {
  for (std::string_view s : kRustSuffixes)
    if (body.size() > s.size() && body.substr(body.size() - s.size()) == s && hexdigit(body[body.size() - s.size() - 1]))
      return body.size() - s.size();
  std::size_t n = body.size();
  for (int k = 0; k < 3 && n > 0 && std::string_view("LlUu").find(body[n - 1]) != std::string_view::npos; ++k) --n;
  return n;
}

struct Token {
  std::size_t begin = 0, end = 0;  // the run of word bytes
  bool number = false, negative = false;
  const Entry* name = nullptr;     // a word that is a known name
  // Filled when judged:
  std::optional<Finding> finding;  // this token is a candidate
  bool certain = false, killed = false;
};

inline std::vector<Finding> scan(std::string_view t, const Catalog& cat) {
  std::vector<Finding> out;
  // Cut into lines: a line ends at "\n" or at a lone "\r" (a "\r" before "\n" is a byte of
  // the line, a non-word one); a final line ending has no empty line after it.
  std::vector<std::pair<std::size_t, std::size_t>> lines;
  std::size_t line_begin = 0;
  for (std::size_t i = 0; i < t.size(); ++i) {
    const bool ends = t[i] == '\n' || (t[i] == '\r' && (i + 1 == t.size() || t[i + 1] != '\n'));
    if (ends) { lines.emplace_back(line_begin, i); line_begin = i + 1; }
  }
  if (line_begin < t.size() || lines.empty()) lines.emplace_back(line_begin, t.size());
  bool previous_line_has_name = false;
  for (auto [lb, le] : lines) {
    std::vector<Token> toks;
    for (std::size_t i = lb; i < le;) {
      if (!word_byte(t[i])) { ++i; continue; }
      Token k;
      k.begin = i;
      while (i < le && word_byte(t[i])) ++i;
      k.end = i;
      k.number = digit(t[k.begin]);
      k.negative = k.number && k.begin >= 1 && t[k.begin - 1] == '-' && (k.begin < 2 || !glue(t[k.begin - 2]));
      if (!k.number) k.name = cat.find_name(t.substr(k.begin, k.end - k.begin));
      toks.push_back(k);
    }
    auto context_of = [&](std::size_t idx) {
      int seen = 0;
      for (std::size_t q = idx; q-- > 0 && seen < 3;) {
        if (toks[q].number || toks[q].name) continue;
        ++seen;
        Ctx c = word_class(t.substr(toks[q].begin, toks[q].end - toks[q].begin));
        if (c != Ctx::Neutral) return c;
      }
      return Ctx::Neutral;
    };
    auto last_context_word = [&](std::size_t idx) -> const Token* {
      for (std::size_t q = idx; q-- > 0;)
        if (!toks[q].number && !toks[q].name) return &toks[q];
      return nullptr;
    };
    bool line_has_name = false;
    for (std::size_t idx = 0; idx < toks.size(); ++idx) {
      Token& k = toks[idx];
      Token* prev = idx > 0 ? &toks[idx - 1] : nullptr;
      const bool prev_found = prev && prev->finding;
      const std::string_view tok = t.substr(k.begin, k.end - k.begin);
      if (!k.number) {
        // Rule 9, then rule 2.
        if (prev_found) {
          std::string_view gap = t.substr(prev->end, k.begin - prev->end);
          if (gap.find_first_not_of(" \t") == std::string_view::npos) {
            if (is_unit(tok)) prev->killed = true;
            else if (tok == "error" || tok == "Error" || tok == "ERROR") prev->certain = true;
          }
        }
        if (k.name) {
          k.finding = Finding{k.begin, k.end, k.name, Form::Name, Confidence::Certain};
          k.certain = true;
          line_has_name = true;
        }
        continue;
      }
      const std::size_t start = k.negative ? k.begin - 1 : k.begin;
      // Rule 4.
      if (!k.negative && k.begin > 0 && glue(t[k.begin - 1])) continue;
      const bool hexish = tok.size() > 1 && (tok[1] == 'x' || tok[1] == 'X');
      if (!k.negative && k.begin > 0 && t[k.begin - 1] == ':' && !hexish) {
        const Token* w = last_context_word(idx);
        if (!(w && w->end == k.begin - 1 && context_of(idx) == Ctx::Positive)) continue;
      }
      if (k.end < t.size()) {
        const char a = t[k.end];
        const char b = k.end + 1 < t.size() ? t[k.end + 1] : '\0';
        if ((a == '.' || a == ':' || a == '-') && word_byte(b)) continue;
        if (a == '%' || a == '@' || a == '\\') continue;
      }
      const Ctx ctx = context_of(idx);
      auto make = [&](std::size_t end, const Entry* e, Form f, bool certain) {
        k.finding = Finding{start, end, e, f, Confidence::Certain};
        k.certain = certain;
      };
      // Rule 6.
      if (!k.negative && tok.size() > 2 && tok[0] == '0' && hexish) {
        const std::string_view body = tok.substr(2, without_suffix(tok.substr(2)));
        if (body.empty() || body.size() > 16) continue;
        std::uint64_t v = 0;
        auto r = std::from_chars(body.data(), body.data() + body.size(), v, 16);
        if (r.ptr != body.data() + body.size() || r.ec != std::errc{}) continue;
        if (v > 0xFFFFFFFFull || ctx == Ctx::Negative) continue;
        const std::size_t end = k.begin + 2 + body.size();
        if (v > 0xFFFF) {
          if (const Entry* e = cat.find_status32(static_cast<std::uint32_t>(v)))
            make(end, e, e->family == Family::NtStatus ? Form::Hex : Form::Hresult, true);
          continue;
        }
        const Entry* e = cat.find(Family::Win32, static_cast<std::uint32_t>(v));
        if (!e) continue;
        bool certain = ctx == Ctx::Positive;
        if (prev_found && prev->finding->entry == e) {
          std::string_view gap = t.substr(prev->end, k.begin - prev->end);
          gap.remove_prefix(std::min(gap.find_first_not_of(' '), gap.size()));
          if (gap == "(") prev->certain = certain = true;
        }
        make(end, e, Form::Hex, certain);
        continue;
      }
      const std::string_view digits = tok.substr(0, without_suffix(tok));
      const bool all_digits = !digits.empty() && std::all_of(digits.begin(), digits.end(), digit);
      if (!all_digits) {
        // Rule 7.
        if (!k.negative && tok.size() == 8 && (tok.substr(0, 4) == "8007" || tok.substr(0, 4) == "8032") &&
            std::all_of(tok.begin(), tok.end(), hexdigit) && ctx == Ctx::Positive) {
          std::uint32_t v = 0;
          std::from_chars(tok.data(), tok.data() + 8, v, 16);
          if (const Entry* e = cat.find_status32(v)) make(k.end, e, Form::Hresult, true);
        }
        continue;
      }
      // Rule 8.
      if (digits.size() > 10 || ctx == Ctx::Negative) continue;
      std::uint64_t v = 0;
      std::from_chars(digits.data(), digits.data() + digits.size(), v, 10);
      const std::size_t end = k.begin + digits.size();
      if (k.negative || v > 0xFFFF) {
        std::uint64_t u = v;
        if (k.negative) u = (v >= 1 && v <= 0x80000000ull) ? (1ull << 32) - v : 0;
        if (u > 0xFFFF && u <= 0xFFFFFFFFull)
          if (const Entry* e = cat.find_status32(static_cast<std::uint32_t>(u))) make(end, e, Form::HresultDecimal, true);
        continue;
      }
      const Entry* e = cat.find(Family::Win32, static_cast<std::uint32_t>(v));
      if (!e) continue;
      bool certain = ctx == Ctx::Positive;
      if (!certain && prev_found && prev->finding->form == Form::Decimal && prev->certain) {
        std::string_view gap = t.substr(prev->end, k.begin - prev->end);
        if (!gap.empty() && gap.size() <= 6 && gap.find_first_not_of(" ,/;|") == std::string_view::npos) certain = true;
      }
      make(end, e, Form::Decimal, certain);
    }
    // Rule 10.
    const bool name_near = line_has_name || previous_line_has_name;
    for (const Token& k : toks) {
      if (!k.finding || k.killed) continue;
      Finding f = *k.finding;
      if (k.certain || name_near) f.confidence = Confidence::Certain;
      else if (f.form == Form::Decimal) continue;
      else f.confidence = Confidence::Possible;
      out.push_back(f);
    }
    previous_line_has_name = line_has_name;
  }
  return out;
}

}  // namespace reference
