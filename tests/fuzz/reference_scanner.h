// reference_scanner.h — a slow, second reading of the candidate finder's rules (finder.h),
// for the differential fuzzer. Written from the rules, not from finder.cpp's code, and by
// another method: the text is first cut into lines and each line into a list of tokens, and
// every token is then looked at on its own. Numbers are parsed with std::from_chars. The
// judge (judge.h) is not re-implemented here: its rules are tested one by one in
// tests/unit/scanner/test_scanner.cpp and against the corpus, and fuzz_document_edits checks
// that edited documents keep the verdicts of a full scan.
//
// The rules, as this file reads them (T is a token, a maximal run of [A-Za-z0-9_]):
//  0. Lines end at "\n" and at a lone "\r" (scanner.h); everything below is per line.
//  1. T starting with a digit is a number; T starting with anything else is a word. A number
//     is negative when a '-' is right before it and the byte before that '-' is not glue.
//     Glue (a number after it is part of something longer): a word byte . \ # @ $ % & + -,
//     except a '-' whose word before it has no digit ("error-13801", a slug).
//  2. A word that is a whole known name (Catalog::find_name) is a Name candidate. A word that
//     is not, but ends in digits whose digit-less head is a known name
//     ("ERROR_IPSEC_IKE_INVALID_PAYLOAD13843"), is that Name and then a number never glued
//     before.
//  3. A number is no candidate when: glued before (not negative, byte before is glue); right
//     after ':' that follows a digit ("12:13801"); followed by . : - and then a word byte;
//     followed by % @ \.
//  4. Suffixes: a Rust suffix (i8…usize) after a hex digit, else up to three of LlUu; not part
//     of the candidate's range.
//  5. 0x/0X + 1..16 hex digits (after the suffix), value ≤ 0xFFFFFFFF: > 0xFFFF a known
//     status (find_status32) → Hex (NTSTATUS) or Hresult; else a Win32 code → Hex.
//  6. Not all digits: 8 hex digits starting 8007/8032 (no sign), a known status → Hresult
//     over the whole token.
//  7. All digits (after the suffix), at most 10: negative or > 0xFFFF → the 32-bit value
//     (2^32 - v for negatives, 0 < v ≤ 2^31) as a known status → HresultDecimal; else a
//     Win32 code → Decimal.
#pragma once

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "catalog.h"
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

inline const std::string_view kRustSuffixes[] = {"i8", "i16", "i32", "i64", "i128", "isize",
                                                  "u8", "u16", "u32", "u64", "u128", "usize"};

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
  bool number = false, negative = false, after_name = false;
};

// Rule 1's glue, for the byte at p (the one right before a number or its '-').
inline bool glue_at(std::string_view t, std::size_t p) {
  if (t[p] != '-') return glue(t[p]);
  std::size_t b = p;
  while (b > 0 && word_byte(t[b - 1])) --b;
  if (b == p) return true;  // "--13801", " -13801" is handled as a sign by the caller
  return std::any_of(t.begin() + static_cast<std::ptrdiff_t>(b), t.begin() + static_cast<std::ptrdiff_t>(p), digit);
}

// Every candidate of the text, in order (names and numbers), as Findings with no verdict.
inline std::vector<Finding> candidates(std::string_view t, const Catalog& cat) {
  std::vector<Finding> out;
  std::vector<std::pair<std::size_t, std::size_t>> lines;
  std::size_t line_begin = 0;
  for (std::size_t i = 0; i < t.size(); ++i) {
    const bool ends = t[i] == '\n' || (t[i] == '\r' && (i + 1 == t.size() || t[i + 1] != '\n'));
    if (ends) { lines.emplace_back(line_begin, i); line_begin = i + 1; }
  }
  if (line_begin < t.size() || lines.empty()) lines.emplace_back(line_begin, t.size());
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
      if (!k.number && digit(t[k.end - 1]) && !cat.find_name(t.substr(k.begin, k.end - k.begin))) {
        std::size_t d = k.end;
        while (digit(t[d - 1])) --d;
        if (cat.find_name(t.substr(k.begin, d - k.begin))) {  // rule 2, the glued name
          Token num;
          num.begin = d;
          num.end = k.end;
          num.number = num.after_name = true;
          k.end = d;
          toks.push_back(k);
          toks.push_back(num);
          continue;
        }
      }
      toks.push_back(k);
    }
    for (const Token& k : toks) {
      const std::string_view tok = t.substr(k.begin, k.end - k.begin);
      auto add = [&](std::size_t b, std::size_t e, const Entry* en, Form f) {
        out.push_back(Finding{b, e, en, f, Confidence::Certain});
      };
      if (!k.number) {
        if (const Entry* e = cat.find_name(tok)) add(k.begin, k.end, e, Form::Name);
        continue;
      }
      const std::size_t start = k.negative ? k.begin - 1 : k.begin;
      // Rule 3.
      if (!k.negative && !k.after_name && k.begin > 0 && glue_at(t, k.begin - 1)) continue;
      if (!k.negative && k.begin > 1 && t[k.begin - 1] == ':' && digit(t[k.begin - 2])) continue;
      if (k.end < t.size()) {
        const char a = t[k.end];
        const char b = k.end + 1 < t.size() ? t[k.end + 1] : '\0';
        if ((a == '.' || a == ':' || a == '-') && word_byte(b)) continue;
        if (a == '%' || a == '@' || a == '\\') continue;
      }
      const bool hexish = tok.size() > 1 && (tok[1] == 'x' || tok[1] == 'X');
      // Rule 5.
      if (!k.negative && tok.size() > 2 && tok[0] == '0' && hexish) {
        const std::string_view body = tok.substr(2, without_suffix(tok.substr(2)));
        if (body.empty() || body.size() > 16) continue;
        std::uint64_t v = 0;
        auto r = std::from_chars(body.data(), body.data() + body.size(), v, 16);
        if (r.ptr != body.data() + body.size() || r.ec != std::errc{}) continue;
        if (v > 0xFFFFFFFFull) continue;
        const std::size_t end = k.begin + 2 + body.size();
        if (v > 0xFFFF) {
          if (const Entry* e = cat.find_status32(static_cast<std::uint32_t>(v)))
            add(start, end, e, e->family == Family::NtStatus ? Form::Hex : Form::Hresult);
          continue;
        }
        if (const Entry* e = cat.find(Family::Win32, static_cast<std::uint32_t>(v))) add(start, end, e, Form::Hex);
        continue;
      }
      const std::string_view digits = tok.substr(0, without_suffix(tok));
      const bool all_digits = !digits.empty() && std::all_of(digits.begin(), digits.end(), digit);
      if (!all_digits) {
        // Rule 6.
        if (!k.negative && tok.size() == 8 && (tok.substr(0, 4) == "8007" || tok.substr(0, 4) == "8032") &&
            std::all_of(tok.begin(), tok.end(), hexdigit)) {
          std::uint32_t v = 0;
          std::from_chars(tok.data(), tok.data() + 8, v, 16);
          if (const Entry* e = cat.find_status32(v)) add(start, k.end, e, Form::Hresult);
        }
        continue;
      }
      // Rule 7.
      if (digits.size() > 10) continue;
      std::uint64_t v = 0;
      std::from_chars(digits.data(), digits.data() + digits.size(), v, 10);
      const std::size_t end = k.begin + digits.size();
      if (k.negative || v > 0xFFFF) {
        std::uint64_t u = v;
        if (k.negative) u = (v >= 1 && v <= 0x80000000ull) ? (1ull << 32) - v : 0;
        if (u > 0xFFFF && u <= 0xFFFFFFFFull)
          if (const Entry* e = cat.find_status32(static_cast<std::uint32_t>(u))) add(start, end, e, Form::HresultDecimal);
        continue;
      }
      if (const Entry* e = cat.find(Family::Win32, static_cast<std::uint32_t>(v))) add(start, end, e, Form::Decimal);
    }
  }
  return out;
}

}  // namespace reference
