// anchors.cpp — see anchors.h.
#include "anchors.h"

#include <algorithm>
#include <string>

#include "context_words.h"
#include "lexical.h"

namespace winerr {

namespace {

constexpr unsigned char lower_ascii(unsigned char c) { return is_upper(c) ? static_cast<unsigned char>(c - 'A' + 'a') : c; }
constexpr unsigned char upper_ascii(unsigned char c) { return is_lower(c) ? static_cast<unsigned char>(c - 'a' + 'A') : c; }

// The words whose presence anywhere (case-insensitive, inside longer words too) can change
// what the judge makes of a line, minus those that hold a shorter one ("errorcode" holds
// "err"): every such word is then found through the shorter one.
std::vector<std::string_view> anchor_words() {
  std::vector<std::string_view> all;
  for (std::string_view w : context_words::kIpsecEvidence) all.push_back(w);
  for (std::string_view w : context_words::kPositive) all.push_back(w);
  // classify(): a word with "error", "status" or "hresult" inside it is an error word.
  for (std::string_view w : {"error", "status", "hresult"}) all.push_back(w);
  for (std::string_view w : context_words::kTableKeywords) all.push_back(w);
  std::vector<std::string_view> kept;
  for (std::string_view w : all) {
    bool covered = false;
    for (std::string_view o : all)
      if (o.size() < w.size() && w.find(o) != std::string_view::npos) covered = true;
    if (!covered && std::find(kept.begin(), kept.end(), w) == kept.end()) kept.push_back(w);
  }
  std::sort(kept.begin(), kept.end());  // word_at looks them up by their first two letters
  return kept;
}

}  // namespace

namespace {
std::bitset<256> bytes_where(bool (*test)(unsigned char)) {
  std::bitset<256> out;
  for (std::size_t c = 0; c < 256; ++c) out[c] = test(static_cast<unsigned char>(c));
  return out;
}
std::bitset<256> one_byte(unsigned char c) { return std::bitset<256>().set(c); }
std::bitset<256> any_byte() { return std::bitset<256>().set(); }
}  // namespace

void Anchors::add(unsigned char a, unsigned char b, Kind kind, const std::bitset<256>& after) {
  kinds_[(std::size_t{a} << 8) | b] |= kind;
  // Words count inside longer words ("IkeCleanup", "lastErrorCode"); a number, a hex number
  // or a name starts its run (decimal_at, hex_at, bare_hresult_at, the name test), a number
  // possibly after leading zeros ("013801").
  static const std::bitset<256> starts_run = bytes_where([](unsigned char c) { return !is_word_char(c); }) | one_byte('0');
  patterns_.push_back({a, b, kind == kWord ? any_byte() : starts_run, after});
}

Anchors::Anchors(const Catalog& catalog)
    : catalog_(catalog), kinds_(65536, 0), words_(anchor_words()), word_slot_(65536, 0), pairs_(std::vector<PairFinder::Pattern>{}) {
  static const std::bitset<256> hex_digit = bytes_where([](unsigned char c) { return hex_value(c) >= 0; });
  static const std::bitset<256> word_byte = bytes_where([](unsigned char c) { return is_word_char(c); });
  auto add_decimal = [&](std::uint64_t v) {
    const std::string s = std::to_string(v);
    if (s.size() < 2) usable_ = false;  // one digit: no pair starts it
    else
      add(static_cast<unsigned char>(s[0]), static_cast<unsigned char>(s[1]), kDecimal,
          s.size() > 2 ? one_byte(static_cast<unsigned char>(s[2])) : any_byte());
  };
  // A 32-bit spelling: unsigned and negative decimal, 0x…, and 8 bare hex digits (8007/8032).
  auto add_status32 = [&](std::uint32_t u) {
    status_high_.set(u >> 16);
    add_decimal(u);
    if (u >= 0x80000000u) add_decimal(0x100000000ull - u);
    if ((u >> 16) == 0x8007u || (u >> 16) == 0x8032u) add('8', '0', kBareHresult, one_byte('0'));
  };
  add('0', 'x', kHex, hex_digit);
  add('0', 'X', kHex, hex_digit);
  for (const Entry& e : catalog.entries()) {
    if (e.family == Family::Win32) {
      if (e.value <= 0xFFFF) {
        win32_.set(e.value);
        add_decimal(e.value);
        add_status32(0x80070000u | e.value);
      }
    } else {
      add_status32(e.value);
    }
  }
  // Names the finder looks up: those starting E, W, S or F (finder.cpp), aliases included.
  auto add_name = [&](std::string_view n) {
    if (n.size() >= 2 && (n[0] == 'E' || n[0] == 'W' || n[0] == 'S' || n[0] == 'F'))
      add(static_cast<unsigned char>(n[0]), static_cast<unsigned char>(n[1]), kName, word_byte);
  };
  for (std::string_view n : catalog.names()) add_name(n);
  // Words: every case of their first two bytes.
  for (std::size_t k = words_.size(); k-- > 0;)  // backwards: the slot ends at the first
    word_slot_[(std::size_t{static_cast<unsigned char>(words_[k][0])} << 8) | static_cast<unsigned char>(words_[k][1])] =
        static_cast<std::uint8_t>(k + 1);
  for (std::string_view w : words_) {
    const auto a = static_cast<unsigned char>(w[0]), b = static_cast<unsigned char>(w[1]);
    const std::bitset<256> third =
        w.size() > 2 ? one_byte(lower_ascii(static_cast<unsigned char>(w[2]))) | one_byte(upper_ascii(static_cast<unsigned char>(w[2])))
                     : any_byte();
    for (unsigned char x : {lower_ascii(a), upper_ascii(a)})
      for (unsigned char y : {lower_ascii(b), upper_ascii(b)}) add(x, y, kWord, third);
  }
  pairs_ = PairFinder(patterns_);
  patterns_ = {};
}

std::size_t Anchors::next(std::string_view text, std::size_t from, std::size_t to) const {
  // Each pair found is confirmed inside the vector loop, which goes on with its block when the
  // confirmation fails (a restart per pair cost more than the whole pass).
  struct Context {
    const Anchors* self;
    std::string_view text;
  };
  const Context c{this, text};
  const PairFinder::Accept confirmed = [](const void* p, std::size_t at) {
    const auto* ctx = static_cast<const Context*>(p);
    return ctx->self->confirm(ctx->text, at);
  };
  return pairs_.find(text.data(), text.size(), from, std::min(to, text.size()), confirmed, &c);
}

bool Anchors::confirm(std::string_view t, std::size_t i) const {
  const std::uint8_t k = kinds_[(std::size_t{static_cast<unsigned char>(t[i])} << 8) | static_cast<unsigned char>(t[i + 1])];
  return ((k & kWord) && word_at(t, i)) || ((k & kDecimal) && decimal_at(t, i)) || ((k & kHex) && hex_at(t, i)) ||
         ((k & kBareHresult) && bare_hresult_at(t, i)) ||
         // A name: a run of word bytes starting here, as long as the finder looks up (>= 10).
         ((k & kName) && (i == 0 || !is_word_char(static_cast<unsigned char>(t[i - 1]))) && i + 10 <= t.size() &&
          std::all_of(t.begin() + static_cast<std::ptrdiff_t>(i), t.begin() + static_cast<std::ptrdiff_t>(i + 10),
                      [](char c) { return is_word_char(static_cast<unsigned char>(c)); }));
}

bool Anchors::status32(std::uint64_t v) const {
  // The bitset first: most 8-hex-digit numbers in a log (addresses, SPIs) are no status.
  return v > 0xFFFF && v <= 0xFFFFFFFFull && status_high_[v >> 16] && catalog_.find_status32(static_cast<std::uint32_t>(v));
}

// A number whose digits start here: its run starts here or after leading zeros ("013801"),
// and its value (or, after a '-', 2^32 minus it) is a code of the catalog in some spelling.
bool Anchors::decimal_at(std::string_view t, std::size_t i) const {
  std::size_t s = i;
  while (s > 0 && t[s - 1] == '0') --s;
  if (s > 0 && is_word_char(static_cast<unsigned char>(t[s - 1]))) return false;  // inside a longer run
  std::uint64_t v = 0;
  std::size_t n = 0;
  for (std::size_t p = i; p < t.size() && is_digit(static_cast<unsigned char>(t[p])); ++p, ++n) {
    if (n == 10) return false;  // more digits than the finder reads
    v = v * 10 + static_cast<std::uint64_t>(t[p] - '0');
  }
  return win32(v) || status32(v) || (v > 0 && v <= 0x80000000ull && status32(0x100000000ull - v));
}

namespace {
// hex_value as a table: hex_at runs on every "0x" of a log, most of them no code at all.
struct HexDigits {
  std::int8_t value[256];
  constexpr HexDigits() : value() {
    for (int c = 0; c < 256; ++c) value[c] = static_cast<std::int8_t>(hex_value(static_cast<unsigned char>(c)));
  }
};
constexpr HexDigits kHexDigits;
}  // namespace

// 0x/0X and hex digits at the start of a run, a Win32 code or a known 32-bit status.
bool Anchors::hex_at(std::string_view t, std::size_t i) const {
  if (i > 0 && is_word_char(static_cast<unsigned char>(t[i - 1]))) return false;
  // At most 17 digits are read: 17 are more than the finder reads (then no code).
  const std::size_t first = i + 2, end = std::min(t.size(), first + 17);
  std::uint64_t v = 0;
  std::size_t p = first;
  for (; p < end; ++p) {
    const int h = kHexDigits.value[static_cast<unsigned char>(t[p])];
    if (h < 0) break;
    v = (v << 4) | static_cast<std::uint64_t>(h);
  }
  const std::size_t n = p - first;
  return n > 0 && n <= 16 && v <= 0xFFFFFFFFull && (win32(v) || status32(v));
}

// Eight hex digits starting a run, 8007…/8032…, a known status: "hr 800735E9".
bool Anchors::bare_hresult_at(std::string_view t, std::size_t i) const {
  if ((i > 0 && is_word_char(static_cast<unsigned char>(t[i - 1]))) || i + 8 > t.size()) return false;
  std::uint64_t v = 0;
  for (std::size_t p = i; p < i + 8; ++p) {
    const int h = hex_value(static_cast<unsigned char>(t[p]));
    if (h < 0) return false;
    v = (v << 4) | static_cast<std::uint64_t>(h);
  }
  return status32(v);
}

// One of the anchor words, in any case, starting here (only those with its first two letters).
bool Anchors::word_at(std::string_view t, std::size_t i) const {
  const unsigned char a = lower_ascii(static_cast<unsigned char>(t[i])), b = lower_ascii(static_cast<unsigned char>(t[i + 1]));
  const std::size_t slot = word_slot_[(std::size_t{a} << 8) | b];
  if (slot == 0) return false;
  for (std::size_t k = slot - 1; k < words_.size() && static_cast<unsigned char>(words_[k][0]) == a &&
                                 static_cast<unsigned char>(words_[k][1]) == b;
       ++k) {
    const std::string_view w = words_[k];
    if (i + w.size() > t.size()) continue;
    std::size_t p = 2;
    while (p < w.size() && lower_ascii(static_cast<unsigned char>(t[i + p])) == static_cast<unsigned char>(w[p])) ++p;
    if (p == w.size()) return true;
  }
  return false;
}

}  // namespace winerr
