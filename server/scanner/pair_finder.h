// pair_finder.h — where any of a few byte pairs ("13", "0x", "ER") occurs in a text, 16 or 32
// bytes at a time. The candidate finder's first stage (Scanner v2, issue 23): it touches every byte once
// and lets the rest of the scanner look only where a code could start. Std only (plus the
// CPU's vector intrinsics inside the .cpp).
//
// How: a block of bytes is compared with every distinct first byte of the pairs, the next
// block (shifted by one) with every distinct second byte; a lane where both match is a
// possible pair, and only those lanes are checked against the exact pair table. The blocks are
// compared with bit 0x20 set in every byte (ASCII letters folded to lower case), so "ER",
// "Er", "eR" and "er" cost one comparison: a superset, which the exact table settles. Paths: SSE2
// (every x86-64 CPU), AVX2 (chosen at run time where the CPU has it), NEON (every ARM64 CPU),
// and a portable scalar loop; all return the same positions (tests/unit/scanner).
#pragma once

#include <bitset>
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace winerr {

class PairFinder {
 public:
  enum class Path : std::uint8_t { Scalar, Sse2, Avx2, Neon };
  // At most kMaxBytes distinct first bytes and as many distinct second bytes go to the vector
  // paths; a larger set is searched by the scalar loop.
  static constexpr std::size_t kMaxBytes = 32;

  explicit PairFinder(const std::vector<std::pair<unsigned char, unsigned char>>& pairs);

  // The first i in [from, to) where (p[i], p[i + 1]) is one of the pairs (i + 1 < size);
  // `to` when there is none.
  std::size_t find(const char* p, std::size_t size, std::size_t from, std::size_t to) const;
  bool is_pair(unsigned char a, unsigned char b) const { return table_[(std::size_t{a} << 8) | b]; }

  // The fastest path this CPU runs (what a new PairFinder uses), and the paths it can run.
  static Path best_path();
  static std::vector<Path> runnable_paths();
  // For tests: search with this path (must be runnable; falls back to Scalar otherwise).
  void use_path(Path p);
  Path path() const { return path_; }

 private:
  std::size_t find_scalar(const char* p, std::size_t stop, std::size_t from) const;
  std::size_t find_sse2(const char* p, std::size_t size, std::size_t stop, std::size_t from) const;
  std::size_t find_avx2(const char* p, std::size_t size, std::size_t stop, std::size_t from) const;
  std::size_t find_neon(const char* p, std::size_t size, std::size_t stop, std::size_t from) const;

  std::bitset<65536> table_;
  unsigned char first_[kMaxBytes] = {}, second_[kMaxBytes] = {};
  std::size_t firsts_ = 0, seconds_ = 0;
  bool vector_ok_ = true;
  Path path_ = Path::Scalar;
};

}  // namespace winerr
