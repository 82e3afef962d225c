// anchors.h — Scanner v2's first stage: the places in a text where the judge could find
// something, so that a line without one is never cut into tokens. Std only.
//
// What a line can give the judge, and the anchor that finds it (PairFinder, one pass):
//  - a candidate or a catalog name: the first two bytes of each spelling of each catalog code
//    (13801 -> "13", 0x800735E9 and 0x35E9 -> "0x"/"0X", 800735E9 -> "80", -2147011095 ->
//    "21", 3224764417 -> "32") and of each name (ERROR_… -> "ER"); each hit is confirmed by
//    reading the number or word that starts there and asking the catalog;
//  - IPsec evidence (a word, or part of a word, of context_words::kIpsecEvidence), an error
//    word (kPositive; also "…error…", "…status…", "…hresult…" inside a word) that could make
//    "error 1603" an other error number, and a table keyword ("case", "when"): each as a
//    case-insensitive substring anywhere, confirmed by comparing the whole word there.
// Before any of that, PairFinder drops a pair whose neighbours rule it out: a number, hex
// number or name must start a run of word bytes (a number may follow leading zeros), and the
// byte after the pair must be one some spelling or word has there.
// Each test is a superset of the judge's, so a line where next() finds nothing adds no verdict
// and nothing to the profile but one thing, which needs no anchor: a number leading its line
// (a table key). scan_lines reads that from the line's first token (scanner.cpp).
#pragma once

#include <bitset>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "catalog.h"
#include "pair_finder.h"

namespace winerr {

class Anchors {
 public:
  explicit Anchors(const Catalog& catalog);

  // False when a code of the catalog has a spelling no pair anchors (a one-digit decimal of a
  // user catalog): then every line is read.
  bool usable() const { return usable_; }
  // The first offset in [from, to) where an anchor starts; `to` if there is none.
  std::size_t next(std::string_view text, std::size_t from, std::size_t to) const;

  // The words anchored case-insensitively (after dropping those that hold another one).
  const std::vector<std::string_view>& words() const { return words_; }

 private:
  enum Kind : std::uint8_t { kDecimal = 1, kHex = 2, kBareHresult = 4, kName = 8, kWord = 16 };
  bool confirm(std::string_view t, std::size_t i) const;
  bool decimal_at(std::string_view t, std::size_t i) const;
  bool hex_at(std::string_view t, std::size_t i) const;
  bool bare_hresult_at(std::string_view t, std::size_t i) const;
  bool word_at(std::string_view t, std::size_t i) const;
  bool win32(std::uint64_t v) const { return v <= 0xFFFF && win32_[v]; }
  bool status32(std::uint64_t v) const;
  // A pair to find and confirm as `kind`, when one of `after` follows it.
  void add(unsigned char a, unsigned char b, Kind kind, const std::bitset<256>& after);

  const Catalog& catalog_;
  std::vector<std::uint8_t> kinds_;  // per pair (a << 8 | b): the Kinds to confirm
  std::vector<PairFinder::Pattern> patterns_;  // what pairs_ looks for, until it is built
  std::vector<std::string_view> words_;  // sorted: those with the same first two letters together
  std::vector<std::uint8_t> word_slot_;  // per lower-case pair: 1 + index of its first word; 0: none
  std::bitset<65536> win32_;        // Win32 values of the catalog
  std::bitset<65536> status_high_;  // high halves of its 32-bit spellings (0x8007, 0xC036, …)
  PairFinder pairs_;
  bool usable_ = true;
};

}  // namespace winerr
