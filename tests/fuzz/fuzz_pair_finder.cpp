// fuzz_pair_finder — PairFinder (pair_finder.h), the anchor pass of Scanner v2, against its
// definition: every path this CPU runs returns, for every hit walked from the start, the
// position a plain loop over every byte gives.
//
// Input: the first byte says how many pairs follow (at most 80; two bytes each, or, when the
// first byte is odd, four: the pair and a byte for each of its neighbour sets); the rest is the
// text. Any difference aborts with the path, the position and both answers.
#include <bitset>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <utility>
#include <vector>

#include "pair_finder.h"

namespace {
using Pattern = winerr::PairFinder::Pattern;
// The definition (pair_finder.h): a pattern's pair, a byte before that one of the pair's
// patterns allows, a byte after that one of them allows; the text's ends count as "\n".
std::size_t naive(const std::string& t, const std::vector<Pattern>& patterns, std::size_t from) {
  for (std::size_t i = from; i + 1 < t.size(); ++i) {
    const auto before = static_cast<unsigned char>(i > 0 ? t[i - 1] : '\n');
    const auto after = static_cast<unsigned char>(i + 2 < t.size() ? t[i + 2] : '\n');
    bool pair = false, before_ok = false, after_ok = false;
    for (const Pattern& p : patterns)
      if (static_cast<unsigned char>(t[i]) == p.first && static_cast<unsigned char>(t[i + 1]) == p.second) {
        pair = true;
        before_ok = before_ok || p.before[before];
        after_ok = after_ok || p.after[after];
      }
    if (pair && before_ok && after_ok) return i;
  }
  return t.size();
}
// Neighbour sets from one byte of the input: every byte, or those agreeing with it in the
// bits it selects (so a set may hold one byte, a nibble's worth, or half of them).
std::bitset<256> neighbours(std::uint8_t spec) {
  std::bitset<256> out;
  const unsigned mask = spec & 0xF0u, value = (spec & 0x0Fu) << 4;
  for (unsigned c = 0; c < 256; ++c) out[c] = spec == 0 || ((c ^ value) & mask) == 0;
  return out;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  std::size_t n = data[0] % 81, at = 1;
  // Odd first byte: each pair comes with two more bytes, its neighbour sets.
  const bool with_neighbours = data[0] & 1;
  std::vector<Pattern> pairs;
  for (; pairs.size() < n && at + (with_neighbours ? 3 : 1) < size; at += with_neighbours ? 4 : 2)
    pairs.push_back({data[at], data[at + 1], with_neighbours ? neighbours(data[at + 2]) : std::bitset<256>().set(),
                     with_neighbours ? neighbours(data[at + 3]) : std::bitset<256>().set()});
  const std::string text(reinterpret_cast<const char*>(data) + at, size - at);
  winerr::PairFinder finder(pairs);
  for (winerr::PairFinder::Path path : winerr::PairFinder::runnable_paths()) {
    finder.use_path(path);
    std::size_t from = 0;
    for (;;) {
      const std::size_t got = finder.find(text.data(), text.size(), from, text.size());
      const std::size_t want = naive(text, pairs, from);
      if (got != want) {
        std::fprintf(stderr, "fuzz_pair_finder: path %d, from %zu: found %zu, the definition says %zu (%zu pairs, %zu bytes)\n",
                     static_cast<int>(path), from, got, want, pairs.size(), text.size());
        std::abort();
      }
      if (got >= text.size()) break;
      from = got + 1;
    }
  }
  return 0;
}
