// pair_finder.h — where any of a set of byte pairs ("13", "0x", "ER", "er"…) occurs in a text,
// 16 or 32 bytes at a time. The anchor pass of Scanner v2 (anchors.h): it touches every byte
// once and lets the rest of the scanner look only where something could start. Std only (plus
// the CPU's vector intrinsics inside the .cpp).
//
// How (the vector paths): every pair is put in one of 8 buckets (assign_buckets: the one it
// adds the fewest false matches to). Two 16-entry tables per place give, for a byte's low and
// its high nibble, the buckets that have a pair whose first byte (second byte, byte after) has
// that nibble; a byte's buckets are the AND of the two lookups (one shuffle instruction each,
// for 16 or 32 bytes at once). A lane whose byte, the next and the one after share a bucket
// may start a pair, and only those lanes are checked against the exact pair table and the
// pair's neighbour sets (hit()). Bytes are looked up with bit 0x20 set, so "ER", "Er" and "er"
// land in the same buckets; the checks after are exact. This is the technique of Teddy
// (Rust's aho-corasick crate), cut down to pairs and a third byte.
// Paths: SSSE3 (pshufb; chosen at run time, as every x86-64 CPU since 2006 has it), AVX2
// (vpshufb on 32 bytes; chosen at run time, not on mingw-w64, whose GCC does not align the stack
// for 32-byte vectors), NEON (tbl; every ARM64 CPU), and a portable scalar loop. All return the
// same positions (tests/unit/scanner/test_pair_finder.cpp, fuzz_pair_finder).
#pragma once

#include <bitset>
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace winerr {

class PairFinder {
 public:
  enum class Path : std::uint8_t { Scalar, Ssse3, Avx2, Neon };
  // Called for each pair found, in order: true ends the search there. (A plain function and a
  // context, so that the vector loops in the .cpp need no template.)
  using Accept = bool (*)(const void* context, std::size_t at);

  // A pair, and the bytes that may stand just before and just after it for it to count (the
  // text's start and end count as "\n"). The anchors use them to pass over "13" inside a longer
  // number or "er" in "worker[" without asking their own (slower) test: on a log line those
  // were 5 of every 6 pairs found.
  struct Pattern {
    unsigned char first = 0, second = 0;
    std::bitset<256> before, after;
  };
  // Patterns with the same two bytes are merged: their `before` sets joined, and their
  // `after` sets (a superset of either, which is all the anchors need).
  explicit PairFinder(const std::vector<Pattern>& patterns);
  // Pairs with any neighbours.
  explicit PairFinder(const std::vector<std::pair<unsigned char, unsigned char>>& pairs);

  // The first i in [from, to) where (p[i], p[i + 1]) is one of the pairs (i + 1 < size) with
  // its neighbours allowed and accept(context, i) says yes (no accept: every pair); `to` when
  // there is none.
  std::size_t find(const char* p, std::size_t size, std::size_t from, std::size_t to, Accept accept = nullptr,
                   const void* context = nullptr) const;
  bool is_pair(unsigned char a, unsigned char b) const { return has(table_, (std::size_t{a} << 8) | b); }

  // The fastest path this CPU runs (what a new PairFinder uses), and the paths it can run.
  static Path best_path();
  static std::vector<Path> runnable_paths();
  // For tests: search with this path (must be runnable; falls back to Scalar otherwise).
  void use_path(Path p);
  Path path() const { return path_; }

 private:
  struct Search;  // one call's arguments, for the paths
  std::size_t find_scalar(const Search& s, std::size_t from) const;
  std::size_t find_ssse3(const Search& s, std::size_t from) const;
  std::size_t find_avx2(const Search& s, std::size_t from) const;
  std::size_t find_neon(const Search& s, std::size_t from) const;
  inline bool hit(const Search& s, std::size_t j) const;
  void assign_buckets(const std::vector<Pattern>& patterns);

  // Plain words, not std::bitset: hit() runs for every lane the nibble tables let through,
  // and std::bitset's look-ups cost several times the shift and mask below at -O2.
  template <std::size_t N>
  static bool has(const std::uint64_t (&bits)[N], std::size_t k) {
    return (bits[k >> 6] >> (k & 63)) & 1;
  }
  std::uint64_t table_[65536 / 64] = {};
  // For each pair of table_, an index into neighbours_ (a pair's own; unused entries 0).
  struct Neighbours {
    std::uint64_t before[4] = {}, after[4] = {};
  };
  std::vector<std::uint16_t> slot_;
  std::vector<Neighbours> neighbours_;
  bool any_neighbours_ = true;  // no pattern restricts them: hit() skips the look
  // Bucket bits per nibble: [0] low nibble of the first byte, [1] its high nibble, [2] and [3]
  // the same for the second byte, [4] and [5] for the byte after the pair.
  std::uint8_t nibbles_[6][16] = {};
  Path path_ = Path::Scalar;
};

}  // namespace winerr
