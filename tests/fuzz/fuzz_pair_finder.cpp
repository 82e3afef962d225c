// fuzz_pair_finder — PairFinder (pair_finder.h), the anchor pass of Scanner v2, against its
// definition: every path this CPU runs returns, for every hit walked from the start, the
// position a plain loop over every byte gives.
//
// Input: the first byte says how many pairs follow (two bytes each, at most 80: above 32
// distinct bytes the vector paths hand over to the scalar loop); the rest is the text. Any
// difference aborts with the path, the position and both answers.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <utility>
#include <vector>

#include "pair_finder.h"

namespace {
std::size_t naive(const std::string& t, const std::vector<std::pair<unsigned char, unsigned char>>& pairs, std::size_t from) {
  for (std::size_t i = from; i + 1 < t.size(); ++i)
    for (auto [a, b] : pairs)
      if (static_cast<unsigned char>(t[i]) == a && static_cast<unsigned char>(t[i + 1]) == b) return i;
  return t.size();
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  std::size_t n = data[0] % 81, at = 1;
  std::vector<std::pair<unsigned char, unsigned char>> pairs;
  for (; pairs.size() < n && at + 1 < size; at += 2) pairs.push_back({data[at], data[at + 1]});
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
