// PairFinder (pair_finder.h), the anchor pass of Scanner v2: every path this CPU runs (scalar,
// SSSE3, AVX2 on x86-64; scalar, NEON on ARM64 — scanner_tests also runs under wine and
// qemu-aarch64) returns the position a plain loop over every byte returns, for every start and
// end, at block boundaries, at the text's last byte, for large pair sets (many pairs share a
// bucket), and with an accept function that turns hits down.
#include <catch2/catch.hpp>

#include <algorithm>
#include <bitset>
#include <cctype>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "pair_finder.h"

using winerr::PairFinder;
using Pairs = std::vector<std::pair<unsigned char, unsigned char>>;

namespace {

using Patterns = std::vector<PairFinder::Pattern>;

// The definition: the first i in [from, to) with i + 1 < size whose two bytes are a pattern's
// pair, with a byte before that one of the pair's patterns allows and a byte after that one of
// them allows (the text's ends count as "\n").
std::size_t naive(const std::string& t, const Patterns& patterns, std::size_t from, std::size_t to) {
  for (std::size_t i = from; i < to && i + 1 < t.size(); ++i) {
    const auto before = static_cast<unsigned char>(i > 0 ? t[i - 1] : '\n');
    const auto after = static_cast<unsigned char>(i + 2 < t.size() ? t[i + 2] : '\n');
    bool pair = false, before_ok = false, after_ok = false;
    for (const PairFinder::Pattern& p : patterns)
      if (static_cast<unsigned char>(t[i]) == p.first && static_cast<unsigned char>(t[i + 1]) == p.second) {
        pair = true;
        before_ok = before_ok || p.before[before];
        after_ok = after_ok || p.after[after];
      }
    if (pair && before_ok && after_ok) return i;
  }
  return to;
}
Patterns any_neighbours(const Pairs& pairs) {
  Patterns out;
  for (auto [a, b] : pairs) out.push_back({a, b, std::bitset<256>().set(), std::bitset<256>().set()});
  return out;
}
std::size_t naive(const std::string& t, const Pairs& pairs, std::size_t from, std::size_t to) {
  return naive(t, any_neighbours(pairs), from, to);
}

const char* name(PairFinder::Path p) {
  switch (p) {
    case PairFinder::Path::Scalar: return "scalar";
    case PairFinder::Path::Ssse3: return "ssse3";
    case PairFinder::Path::Avx2: return "avx2";
    case PairFinder::Path::Neon: return "neon";
  }
  return "?";
}

// Every runnable path against the definition, for the given (from, to) ranges; and every hit
// walked one after another to the end, as the scanner will walk them.
void check_all_paths(const std::string& t, const Patterns& pairs, const std::vector<std::pair<std::size_t, std::size_t>>& ranges) {
  PairFinder f(pairs);
  for (PairFinder::Path path : PairFinder::runnable_paths()) {
    f.use_path(path);
    INFO("path " << name(path) << ", text of " << t.size() << " bytes, " << pairs.size() << " pairs");
    for (auto [from, to] : ranges) {
      INFO("from " << from << " to " << to);
      REQUIRE(f.find(t.data(), t.size(), from, to) == naive(t, pairs, from, to));
    }
    std::size_t walked = 0;
    for (std::size_t i = f.find(t.data(), t.size(), 0, t.size()); i < t.size(); i = f.find(t.data(), t.size(), i + 1, t.size())) {
      REQUIRE(i == naive(t, pairs, i, t.size()));
      ++walked;
    }
    std::size_t expected = 0;
    for (std::size_t i = naive(t, pairs, 0, t.size()); i < t.size(); i = naive(t, pairs, i + 1, t.size())) ++expected;
    REQUIRE(walked == expected);
  }
}
void check_all_paths(const std::string& t, const Pairs& pairs, const std::vector<std::pair<std::size_t, std::size_t>>& ranges) {
  check_all_paths(t, any_neighbours(pairs), ranges);
}

}  // namespace

TEST_CASE("pair finder: this CPU's best path is among the runnable ones, scalar always is") {
  const auto paths = PairFinder::runnable_paths();
  REQUIRE(!paths.empty());
  CHECK(paths.front() == PairFinder::Path::Scalar);
  CHECK(std::find(paths.begin(), paths.end(), PairFinder::best_path()) != paths.end());
#if defined(__x86_64__) || defined(_M_X64)
  CHECK(std::find(paths.begin(), paths.end(), PairFinder::Path::Ssse3) != paths.end());  // every CPU this runs on
#elif defined(__aarch64__)
  CHECK(std::find(paths.begin(), paths.end(), PairFinder::Path::Neon) != paths.end());
#endif
  // A new finder takes the best path, whatever the size of its set.
  CHECK(PairFinder(Pairs{{'1', '3'}, {'0', 'x'}}).path() == PairFinder::best_path());
  Pairs many;
  for (int c = 0; c < 200; ++c) many.push_back({static_cast<unsigned char>(c), static_cast<unsigned char>(255 - c)});
  CHECK(PairFinder(many).path() == PairFinder::best_path());
}

TEST_CASE("pair finder: a hit at every place of a block, the last pair of the text, none past `to`") {
  const Pairs pairs = {{'1', '3'}, {'0', 'x'}, {'E', 'R'}};
  for (std::size_t size = 0; size <= 80; ++size)
    for (std::size_t at = 0; at + 2 <= size; ++at) {
      std::string t(size, '.');
      t[at] = '1';
      t[at + 1] = '3';
      std::vector<std::pair<std::size_t, std::size_t>> ranges;
      for (std::size_t from = 0; from <= size; from += (from < 3 ? 1 : 7))
        for (std::size_t to : {from, at, at + 1, at + 2, size, size + 5}) ranges.push_back({from, to});
      check_all_paths(t, pairs, ranges);
    }
}

TEST_CASE("pair finder: a first byte without its second, or a pair split by the block edge") {
  // "1" at the end of one 16- or 32-byte block and "3" at the start of the next.
  for (std::size_t edge : {15u, 16u, 31u, 32u, 33u, 47u, 63u}) {
    std::string t(100, 'x');
    t[edge] = '1';
    t[edge + 1] = '3';
    check_all_paths(t, Pairs{{'1', '3'}}, {{0, 100}, {edge, 100}, {edge + 1, 100}, {0, edge}, {0, edge + 1}});
  }
  // Near misses everywhere: first bytes with other seconds, seconds after other firsts.
  std::string t;
  for (int k = 0; k < 40; ++k) t += "1x0E3R";
  t += "13";
  check_all_paths(t, Pairs{{'1', '3'}, {'0', 'x'}, {'E', 'R'}}, {{0, t.size()}, {1, t.size()}, {0, t.size() - 1}});
}

TEST_CASE("pair finder: random texts and pair sets, every path equals the definition") {
  std::mt19937 rnd(23);
  auto uniform = [&](std::size_t lo, std::size_t hi) { return std::uniform_int_distribution<std::size_t>(lo, hi)(rnd); };
  for (int round = 0; round < 400; ++round) {
    // A small alphabet makes hits and near misses common; every byte value shows up too.
    const bool wide = round % 4 == 0;
    const std::string alphabet = wide ? std::string() : "13x0ERWAF8 \n-_erXwa\r\x0d@`";
    std::string t(uniform(0, 300), ' ');
    for (char& c : t) c = wide ? static_cast<char>(uniform(0, 255)) : alphabet[uniform(0, alphabet.size() - 1)];
    Pairs pairs;
    const std::size_t n = round % 10 == 0 ? uniform(20, 200) : uniform(1, 12);  // many pairs per bucket
    for (std::size_t k = 0; k < n; ++k) {
      if (wide) pairs.push_back({static_cast<unsigned char>(uniform(0, 255)), static_cast<unsigned char>(uniform(0, 255))});
      else pairs.push_back({static_cast<unsigned char>(alphabet[uniform(0, alphabet.size() - 1)]),
                            static_cast<unsigned char>(alphabet[uniform(0, alphabet.size() - 1)])});
    }
    std::vector<std::pair<std::size_t, std::size_t>> ranges;
    for (int r = 0; r < 20; ++r) {
      const std::size_t from = uniform(0, t.size() + 2);
      ranges.push_back({from, uniform(from, t.size() + 2)});
    }
    check_all_paths(t, pairs, ranges);
  }
}

TEST_CASE("pair finder: an accept function that turns hits down is asked about each in order") {
  // Accept only every third pair: the search goes on past the others, in every path, without
  // skipping a pair of the same block.
  std::mt19937 rnd(29);
  std::string t(2000, ' ');
  const std::string alphabet = "1300xXER er";
  for (char& c : t) c = alphabet[std::uniform_int_distribution<std::size_t>(0, alphabet.size() - 1)(rnd)];
  const Pairs pairs = {{'1', '3'}, {'0', 'x'}, {'E', 'R'}};
  std::vector<std::size_t> all;
  for (std::size_t i = naive(t, pairs, 0, t.size()); i < t.size(); i = naive(t, pairs, i + 1, t.size())) all.push_back(i);
  REQUIRE(all.size() > 50);
  struct Ctx {
    std::vector<std::size_t> asked;
  };
  PairFinder f(pairs);
  for (PairFinder::Path path : PairFinder::runnable_paths()) {
    INFO("path " << name(path));
    f.use_path(path);
    Ctx ctx;
    std::vector<std::size_t> accepted;
    const PairFinder::Accept every_third = [](const void* c, std::size_t) {
      auto* x = static_cast<Ctx*>(const_cast<void*>(c));
      x->asked.push_back(0);
      return x->asked.size() % 3 == 0;
    };
    for (std::size_t i = f.find(t.data(), t.size(), 0, t.size(), every_third, &ctx); i < t.size();
         i = f.find(t.data(), t.size(), i + 1, t.size(), every_third, &ctx))
      accepted.push_back(i);
    std::vector<std::size_t> want;
    for (std::size_t k = 2; k < all.size(); k += 3) want.push_back(all[k]);
    CHECK(accepted == want);
    CHECK(ctx.asked.size() == all.size());
  }
}

TEST_CASE("pair finder: the bytes allowed before and after a pair, at block edges and the text's ends") {
  std::bitset<256> digits, not_word;
  for (int c = '0'; c <= '9'; ++c) digits.set(static_cast<std::size_t>(c));
  for (std::size_t c = 0; c < 256; ++c) not_word[c] = !std::isalnum(static_cast<int>(c)) && c != '_';
  // "13" starting a number with a digit after it; "er" followed by "r"; "0x" anywhere.
  const Patterns patterns = {{'1', '3', not_word, digits},
                             {'e', 'r', std::bitset<256>().set(), std::bitset<256>().set('r')},
                             {'0', 'x', std::bitset<256>().set(), std::bitset<256>().set()}};
  for (const std::string& t : std::vector<std::string>{"x13 213 a13 13", "13", "13 ", " 130", "worker[ error", "er", "err", "0x", std::string(31, ' ') + "130",
                              std::string(30, '7') + "13" + "5" + std::string(40, ' ') + "err"})
    check_all_paths(t, patterns, {{0, t.size()}, {1, t.size()}, {0, 0}});
  // The same pair twice: either pattern's neighbours let it count.
  check_all_paths("a13 b13x", Patterns{{'1', '3', std::bitset<256>().set('a'), std::bitset<256>().set()},
                                       {'1', '3', std::bitset<256>().set(), std::bitset<256>().set('x')}},
                  {{0, 8}, {2, 8}});
}

TEST_CASE("pair finder: random texts, pairs and neighbour sets, every path equals the definition") {
  std::mt19937 rnd(31);
  auto uniform = [&](std::size_t lo, std::size_t hi) { return std::uniform_int_distribution<std::size_t>(lo, hi)(rnd); };
  const std::string alphabet = "13x0ERer8 \n-_Xw[a";
  for (int round = 0; round < 300; ++round) {
    std::string t(uniform(0, 300), ' ');
    for (char& c : t) c = alphabet[uniform(0, alphabet.size() - 1)];
    Patterns patterns;
    const std::size_t n = round % 10 == 0 ? uniform(20, 100) : uniform(1, 12);
    for (std::size_t k = 0; k < n; ++k) {
      PairFinder::Pattern p;
      p.first = static_cast<unsigned char>(alphabet[uniform(0, alphabet.size() - 1)]);
      p.second = static_cast<unsigned char>(alphabet[uniform(0, alphabet.size() - 1)]);
      for (std::size_t c = 0; c < 256; ++c) {
        p.before[c] = uniform(0, 3) != 0;
        p.after[c] = uniform(0, 2) != 0;
      }
      if (k % 3 == 0) p.before.set();
      patterns.push_back(p);
    }
    std::vector<std::pair<std::size_t, std::size_t>> ranges;
    for (int r = 0; r < 20; ++r) {
      const std::size_t from = uniform(0, t.size() + 2);
      ranges.push_back({from, uniform(from, t.size() + 2)});
    }
    check_all_paths(t, patterns, ranges);
  }
}
