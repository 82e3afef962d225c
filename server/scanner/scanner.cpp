// scanner.cpp — the single-pass tokenizer behind scan(); see scanner.h for the rules.
#include "scanner.h"

#include "context_words.h"
#include "line_breaks.h"

#include <array>
#include <cstring>

namespace winerr {

std::string_view to_string(Form f) {
  switch (f) {
    case Form::Name: return "name";
    case Form::Hex: return "hex";
    case Form::Hresult: return "hresult";
    case Form::HresultDecimal: return "hresult_decimal";
    case Form::Decimal: return "decimal";
  }
  return "";
}
std::string_view to_string(Confidence c) { return c == Confidence::Certain ? "certain" : "possible"; }

namespace {

constexpr bool is_word_char(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}
constexpr bool is_digit(unsigned char c) { return c >= '0' && c <= '9'; }
constexpr int hex_value(unsigned char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

enum class WordClass : std::uint8_t { Neutral, Positive, Negative };

template <std::size_t N>
bool contains(const std::string_view (&set)[N], std::string_view w) {
  for (auto s : set)
    if (s == w) return true;
  return false;
}

// Lower-cases a word into buf; words longer than the buffer are never context words.
std::string_view lower(std::string_view w, std::array<char, 32>& buf) {
  if (w.size() > buf.size()) return {};
  for (std::size_t i = 0; i < w.size(); ++i) {
    char c = w[i];
    buf[i] = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return {buf.data(), w.size()};
}

WordClass classify(std::string_view word) {
  std::array<char, 32> buf{};
  auto w = lower(word, buf);
  if (w.empty()) return WordClass::Neutral;
  if (contains(context_words::kPositive, w)) return WordClass::Positive;
  if (contains(context_words::kNegative, w)) return WordClass::Negative;
  // dwError, lastErrorCode, IkeErrorCode, hrStatus: compound identifiers that carry the word.
  if (w.find("error") != std::string_view::npos || w.find("status") != std::string_view::npos ||
      w.find("hresult") != std::string_view::npos)
    return WordClass::Positive;
  if (w.size() > 4 && (w.ends_with("address") || w.ends_with("addr") || w.ends_with("offset")))
    return WordClass::Negative;
  return WordClass::Neutral;
}

bool is_unit_after(std::string_view word) {
  std::array<char, 32> buf{};
  auto w = lower(word, buf);
  return !w.empty() && contains(context_words::kNegativeAfter, w);
}

// A candidate on the current line, decided when the line ends.
struct Candidate {
  Finding f;
  bool certain = false;        // context already decided it
  bool needs_context = false;  // a plain decimal: dropped at end of line unless certain
  bool killed = false;
};

class LineScanner {
 public:
  LineScanner(std::string_view text, const Catalog& catalog, std::vector<Finding>& out)
      : t_(text), cat_(catalog), out_(out) {}

  // Scans [begin, end) where begin is a line start; end is extended to its line's end.
  void run(std::size_t begin, std::size_t end) {
    prev_line_has_name_ = begin > 0 && line_has_name(previous_line_start(begin), begin - 1);
    std::size_t i = begin;
    const std::size_t n = t_.size();
    while (i < n) {
      const unsigned char c = static_cast<unsigned char>(t_[i]);
      // A line ends at "\n" and at a lone "\r" (LSP's line endings; old Mac files).
      if (ends_line(t_, i)) {
        end_line();
        ++i;
        if (i >= end) return;
        continue;
      }
      if (is_digit(c)) { i = number(i, false); continue; }
      if (c == '-' && i + 1 < n && is_digit(static_cast<unsigned char>(t_[i + 1])) && (i == 0 || !glued_before(i))) {
        i = number(i + 1, true);
        continue;
      }
      if (is_word_char(c)) { i = word(i); continue; }
      ++i;
    }
    end_line();
  }

 private:
  struct WordRef { std::size_t begin, end; };

  std::size_t previous_line_start(std::size_t line_start) const {
    std::size_t p = line_start - 1;  // the "\n" or lone "\r" ending the previous line
    while (p > 0 && !line_starts_at(t_, p)) --p;
    return p;
  }
  // Does [b, e) contain a whole known name? Used only for the one line before a rescan.
  bool line_has_name(std::size_t b, std::size_t e) const {
    std::size_t i = b;
    while (i < e) {
      if (is_word_char(static_cast<unsigned char>(t_[i])) && !is_digit(static_cast<unsigned char>(t_[i]))) {
        std::size_t s = i;
        while (i < e && is_word_char(static_cast<unsigned char>(t_[i]))) ++i;
        if (cat_.find_name(t_.substr(s, i - s))) return true;
      } else if (is_word_char(static_cast<unsigned char>(t_[i]))) {
        while (i < e && is_word_char(static_cast<unsigned char>(t_[i]))) ++i;
      } else {
        ++i;
      }
    }
    return false;
  }

  // True when the byte before i makes a token at i part of something longer (a version, path,
  // port, GUID, identifier…).
  bool glued_before(std::size_t i) const {
    const unsigned char p = static_cast<unsigned char>(t_[i - 1]);
    return is_word_char(p) || p == '.' || p == '\\' || p == '#' || p == '@' || p == '$' || p == '%' || p == '&' ||
           p == '+' || p == '-';
  }

  std::size_t word(std::size_t i) {
    std::size_t s = i;
    while (i < t_.size() && is_word_char(static_cast<unsigned char>(t_[i]))) ++i;
    std::string_view w = t_.substr(s, i - s);
    // A unit right after a number ("13801 bytes") cancels it.
    if (last_candidate_open_ && only_spaces(last_token_end_, s)) {
      if (is_unit_after(w)) cands_.back().killed = true;
      // "the 13806 error": the word right after says it too ("errors" would be a count).
      else if (w == "error" || w == "Error" || w == "ERROR") cands_.back().certain = true;
    }
    last_candidate_open_ = false;
    last_token_was_candidate_ = false;
    last_token_end_ = i;
    // Names start with a capital letter; only those are looked up.
    if ((w[0] == 'E' || w[0] == 'W' || w[0] == 'S' || w[0] == 'F') && w.size() >= 10) {
      if (const Entry* e = cat_.find_name(w)) {
        add({s, i, e, Form::Name, Confidence::Certain}, true, false);
        has_name_ = true;
        return i;
      }
    }
    words_[word_count_ % 3] = {s, i};
    ++word_count_;
    return i;
  }

  bool only_spaces(std::size_t b, std::size_t e) const {
    for (std::size_t k = b; k < e; ++k)
      if (t_[k] != ' ' && t_[k] != '\t') return false;
    return true;
  }

  // The nearest of the last three words on this line that is positive or negative.
  WordClass decisive_word() const {
    for (std::size_t k = 0; k < 3 && k < word_count_; ++k) {
      const WordRef& r = words_[(word_count_ - 1 - k) % 3];
      WordClass wc = classify(t_.substr(r.begin, r.end - r.begin));
      if (wc != WordClass::Neutral) return wc;
    }
    return WordClass::Neutral;
  }

  // After a number token ending at e (suffix included): does what follows glue it to
  // something longer? "13801.log", "10.13.80.1", "08:14", "13801-", "13801%".
  bool glued_after(std::size_t e) const {
    if (e >= t_.size()) return false;
    const unsigned char c = static_cast<unsigned char>(t_[e]);
    const unsigned char d = e + 1 < t_.size() ? static_cast<unsigned char>(t_[e + 1]) : 0;
    if (c == '.' || c == ':' || c == '-') return is_word_char(d);
    return c == '%' || c == '@' || c == '\\';
  }

  // Reads the number token starting at digit i (after a '-' when negative).
  std::size_t number(std::size_t i, bool negative) {
    const std::size_t n = t_.size();
    const std::size_t start = negative ? i - 1 : i;
    bool glued = !negative && i > 0 && glued_before(i);
    std::size_t j = i;
    while (j < n && is_word_char(static_cast<unsigned char>(t_[j]))) ++j;
    std::string_view tok = t_.substr(i, j - i);
    std::size_t digits_end = j;
    // C literal suffixes (13801L, 0x35E9UL) belong to the number but not to the range.
    auto strip_suffix = [&](std::string_view body) {
      // Rust literals: -2144206839i32, 13801u32.
      for (std::string_view sfx : {"i8", "i16", "i32", "i64", "i128", "isize", "u8", "u16", "u32", "u64", "u128", "usize"})
        if (body.size() > sfx.size() && body.ends_with(sfx) && hex_value(static_cast<unsigned char>(body[body.size() - sfx.size() - 1])) >= 0)
          return body.size() - sfx.size();
      std::size_t k = body.size();
      int s = 0;
      while (k > 0 && s < 3 && (body[k - 1] == 'L' || body[k - 1] == 'l' || body[k - 1] == 'U' || body[k - 1] == 'u')) { --k; ++s; }
      return k;
    };
    const bool prev_candidate = last_token_was_candidate_;
    const std::size_t prev_end = last_token_end_;
    last_candidate_open_ = false;
    last_token_was_candidate_ = false;
    last_token_end_ = j;
    // "host:13801" is a port; "error:13801" is a code. Hex after ':' ("code:0x35E9") is fine.
    if (!glued && !negative && i > 0 && t_[i - 1] == ':' && !(tok.size() > 1 && (tok[1] == 'x' || tok[1] == 'X'))) {
      const bool word_glued_to_colon = word_count_ > 0 && words_[(word_count_ - 1) % 3].end == i - 1;
      glued = !(word_glued_to_colon && decisive_word() == WordClass::Positive);
    }
    if (glued || glued_after(j)) return j;

    WordClass ctx = WordClass::Neutral;
    bool ctx_done = false;
    auto context = [&] {
      if (!ctx_done) { ctx = decisive_word(); ctx_done = true; }
      return ctx;
    };

    if (!negative && tok.size() > 2 && tok[0] == '0' && (tok[1] == 'x' || tok[1] == 'X')) {
      std::size_t k = strip_suffix(tok.substr(2)) + 2;
      if (k == 2 || k - 2 > 16) return j;
      std::uint64_t v = 0;
      for (std::size_t p = 2; p < k; ++p) {
        int h = hex_value(static_cast<unsigned char>(tok[p]));
        if (h < 0) return j;  // 0x35E9G: not a hex number
        v = (v << 4) | static_cast<std::uint64_t>(h);
      }
      digits_end = i + k;
      if (v > 0xFFFFFFFFull) return j;  // 0x1800735E9, hashes
      if (context() == WordClass::Negative) return j;
      const auto v32 = static_cast<std::uint32_t>(v);
      if (v32 > 0xFFFF) {
        if (const Entry* e = cat_.find_status32(v32))
          add({start, digits_end, e, e->family == Family::NtStatus ? Form::Hex : Form::Hresult, Confidence::Certain}, true, false);
        return j;
      }
      if (const Entry* e = cat_.find(Family::Win32, v32)) {
        bool certain = ctx == WordClass::Positive;
        // "13909 (0x3655)": a decimal right before, same value, makes both certain.
        if (prev_candidate && !cands_.empty() && cands_.back().f.entry == e && between_is(prev_end, i, "(")) {
          cands_.back().certain = true;
          certain = true;
        }
        add({start, digits_end, e, Form::Hex, certain ? Confidence::Certain : Confidence::Possible}, certain, false);
      }
      return j;
    }

    // Decimal (with optional C suffix), or a bare 8-digit HRESULT after hr=/status words.
    std::size_t k = strip_suffix(tok);
    bool all_digits = k > 0;
    for (std::size_t p = 0; p < k; ++p) all_digits = all_digits && is_digit(static_cast<unsigned char>(tok[p]));
    if (!all_digits) {
      if (!negative && tok.size() == 8 && (tok.starts_with("8007") || tok.starts_with("8032"))) {
        std::uint32_t v = 0;
        for (char ch : tok) {
          int h = hex_value(static_cast<unsigned char>(ch));
          if (h < 0) return j;
          v = (v << 4) | static_cast<std::uint32_t>(h);
        }
        if (context() == WordClass::Positive)
          if (const Entry* e = cat_.find_status32(v)) add({start, j, e, Form::Hresult, Confidence::Certain}, true, false);
      }
      return j;
    }
    if (k > 10) return j;
    digits_end = i + k;
    std::uint64_t v = 0;
    for (std::size_t p = 0; p < k; ++p) v = v * 10 + static_cast<std::uint64_t>(tok[p] - '0');
    if (context() == WordClass::Negative) return j;

    if (negative || v > 0xFFFF) {
      // HRESULT/NTSTATUS as decimal: signed -2147011095 or unsigned 2147956201.
      std::uint64_t u = negative ? (v == 0 || v > 0x80000000ull ? 0 : 0x100000000ull - v) : v;
      if (u > 0xFFFF && u <= 0xFFFFFFFFull)
        if (const Entry* e = cat_.find_status32(static_cast<std::uint32_t>(u)))
          add({start, digits_end, e, Form::HresultDecimal, Confidence::Certain}, true, false);
      return j;
    }
    const Entry* e = cat_.find(Family::Win32, static_cast<std::uint32_t>(v));
    if (!e) return j;
    bool certain = ctx == WordClass::Positive;
    // "error 13868/13825", "errors 13801, 13806": a list continues the previous code's verdict.
    if (!certain && prev_candidate && !cands_.empty() && cands_.back().f.form == Form::Decimal && cands_.back().certain &&
        between_is_list(prev_end, i))
      certain = true;
    add({start, digits_end, e, Form::Decimal, Confidence::Certain}, certain, true);
    return j;
  }

  bool between_is(std::size_t b, std::size_t e, std::string_view sep) const {
    std::string_view s = t_.substr(b, e - b);
    while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
    return s == sep;
  }
  bool between_is_list(std::size_t b, std::size_t e) const {
    if (e - b > 6) return false;
    for (std::size_t k = b; k < e; ++k)
      if (t_[k] != ' ' && t_[k] != ',' && t_[k] != '/' && t_[k] != ';' && t_[k] != '|') return false;
    return e > b;
  }

  void add(const Finding& f, bool certain, bool needs_context) {
    cands_.push_back({f, certain, needs_context, false});
    last_candidate_open_ = true;
    last_token_was_candidate_ = true;
  }

  void end_line() {
    const bool name_near = has_name_ || prev_line_has_name_;
    for (auto& c : cands_) {
      if (c.killed) continue;
      if (c.certain || name_near) {
        c.f.confidence = Confidence::Certain;
      } else if (c.needs_context) {
        continue;  // a decimal with no error context is no finding
      } else {
        c.f.confidence = Confidence::Possible;
      }
      out_.push_back(c.f);
    }
    cands_.clear();
    prev_line_has_name_ = has_name_;
    has_name_ = false;
    word_count_ = 0;
    last_candidate_open_ = false;
    last_token_was_candidate_ = false;
  }

  std::string_view t_;
  const Catalog& cat_;
  std::vector<Finding>& out_;
  std::vector<Candidate> cands_;
  std::array<WordRef, 3> words_{};
  std::size_t word_count_ = 0;
  std::size_t last_token_end_ = 0;
  bool last_candidate_open_ = false;
  bool last_token_was_candidate_ = false;
  bool has_name_ = false;
  bool prev_line_has_name_ = false;
};

}  // namespace

std::vector<Finding> scan(std::string_view text, const Catalog& catalog) {
  std::vector<Finding> out;
  scan_lines(text, 0, text.size(), catalog, out);
  return out;
}

void scan_lines(std::string_view text, std::size_t begin, std::size_t end, const Catalog& catalog,
                std::vector<Finding>& out) {
  // No line starts in an empty range: scanning line 0 for scan_lines(t, 0, 0) would report
  // that line's findings twice to a caller that splits a rescan at offset 0.
  if (begin >= end || begin > text.size()) return;
  LineScanner(text, catalog, out).run(begin, end);
}

}  // namespace winerr
