// pair_finder.cpp — see pair_finder.h.
#include "pair_finder.h"

#include <algorithm>
#include <array>

#if defined(__x86_64__) || defined(_M_X64)
#define WINERR_X86 1
#include <immintrin.h>
#elif defined(__aarch64__) || defined(_M_ARM64)
#define WINERR_NEON 1
#include <arm_neon.h>
#endif

// GCC does not align the Win64 stack to 32 bytes, and a 32-byte vector it spills there is
// moved with aligned instructions: a crash (GCC bug 54412). No AVX2 path on mingw-w64.
#if defined(WINERR_X86) && !(defined(_WIN32) && defined(__GNUC__) && !defined(__clang__))
#define WINERR_AVX2 1
#endif

namespace winerr {

struct PairFinder::Search {
  const char* p;
  std::size_t size;
  std::size_t stop;  // pairs start before it
  Accept accept;
  const void* context;
};

namespace {
constexpr unsigned char fold(unsigned char c) { return static_cast<unsigned char>(c | 0x20); }
}  // namespace

namespace {
std::vector<PairFinder::Pattern> with_any_neighbours(const std::vector<std::pair<unsigned char, unsigned char>>& pairs) {
  std::vector<PairFinder::Pattern> out;
  for (auto [a, b] : pairs) out.push_back({a, b, std::bitset<256>().set(), std::bitset<256>().set()});
  return out;
}
}  // namespace

PairFinder::PairFinder(const std::vector<std::pair<unsigned char, unsigned char>>& pairs) : PairFinder(with_any_neighbours(pairs)) {}

PairFinder::PairFinder(const std::vector<Pattern>& patterns) : slot_(65536, 0), neighbours_(1) {
  for (const Pattern& p : patterns) {
    const std::size_t k = (std::size_t{p.first} << 8) | p.second;
    if (slot_[k] == 0) {
      slot_[k] = static_cast<std::uint16_t>(neighbours_.size());
      neighbours_.emplace_back();
    }
    // bitset<256> to four words: by 64-bit slices (to_ullong of a shifted copy).
    for (std::size_t w = 0; w < 4; ++w) {
      neighbours_[slot_[k]].before[w] |= ((p.before >> (64 * w)) & std::bitset<256>(~0ull)).to_ullong();
      neighbours_[slot_[k]].after[w] |= ((p.after >> (64 * w)) & std::bitset<256>(~0ull)).to_ullong();
    }
  }
  for (std::size_t n = 1; n < neighbours_.size(); ++n)
    for (std::size_t w = 0; w < 4; ++w)
      if (~neighbours_[n].before[w] || ~neighbours_[n].after[w]) any_neighbours_ = false;
  for (const Pattern& p : patterns) {
    const std::size_t k = (std::size_t{p.first} << 8) | p.second;
    table_[k >> 6] |= std::uint64_t{1} << (k & 63);
  }
  assign_buckets(patterns);
  path_ = best_path();
}

namespace {
// How often a byte is met in the texts searched (logs: digits and lower-case letters most),
// for weighing what a bucket lets through. Only the buckets depend on it, never the answers.
double weight(unsigned c) {
  // Per mille in English text (letters, either case) and a log's digits and spaces.
  static constexpr double kLetters[26] = {82, 15, 28, 43, 127, 22, 20, 61, 70, 2, 8, 40, 24,
                                          67, 75, 19, 1, 60, 63, 91, 28, 10, 24, 2, 20, 1};
  if (c >= 'a' && c <= 'z') return kLetters[c - 'a'];
  if (c >= 'A' && c <= 'Z') return kLetters[c - 'A'] / 4;
  if (c >= '0' && c <= '9') return 60;
  if (c == ' ') return 150;
  return 5;
}
// One bucket's nibble tables, as 16-bit sets: [0, 1] the first byte's low and high nibbles,
// [2, 3] the second byte's, [4, 5] the byte after's.
using BucketTables = std::array<std::uint16_t, 6>;
// The weight of the bytes whose folded value has each (low, high) nibble pair.
using NibbleWeights = std::array<std::array<double, 16>, 16>;
NibbleWeights nibble_weights() {
  NibbleWeights w{};
  for (unsigned c = 0; c < 256; ++c) {
    const unsigned char f = fold(static_cast<unsigned char>(c));
    w[f & 0xF][f >> 4] += weight(c);
  }
  return w;
}
// What a bucket lets through on a text of weighted bytes: the product, over the three places,
// of the weight of the bytes whose folded nibbles are both in the tables.
double let_through(const BucketTables& t, const NibbleWeights& w) {
  double product = 1;
  for (std::size_t place = 0; place < 3; ++place) {
    double sum = 0;
    for (unsigned lo = 0; lo < 16; ++lo)
      if ((t[2 * place] >> lo) & 1)
        for (unsigned hi = 0; hi < 16; ++hi)
          if ((t[2 * place + 1] >> hi) & 1) sum += w[lo][hi];
    product *= sum;
  }
  return product;
}
}  // namespace

void PairFinder::assign_buckets(const std::vector<Pattern>& patterns) {
  // A group: the patterns of one folded pair ("ER", "Er", "er"), with the nibbles of every
  // byte allowed after any of them, folded. Each group goes, largest first, to the bucket it
  // adds least to: a bucket's tables match every combination of the nibbles they hold, so
  // "13" beside "20" would also let "10" and "23" through, and digits fill a log.
  std::vector<BucketTables> groups;
  std::vector<std::uint16_t> keys;  // folded pair of each group
  for (const Pattern& p : patterns) {
    const unsigned char x = fold(p.first), y = fold(p.second);
    const auto key = static_cast<std::uint16_t>((x << 8) | y);
    auto at = std::find(keys.begin(), keys.end(), key);
    if (at == keys.end()) {
      keys.push_back(key);
      BucketTables t{};
      t[0] = static_cast<std::uint16_t>(1u << (x & 0xF));
      t[1] = static_cast<std::uint16_t>(1u << (x >> 4));
      t[2] = static_cast<std::uint16_t>(1u << (y & 0xF));
      t[3] = static_cast<std::uint16_t>(1u << (y >> 4));
      groups.push_back(t);
      at = keys.end() - 1;
    }
    BucketTables& g = groups[static_cast<std::size_t>(at - keys.begin())];
    for (unsigned c = 0; c < 256; ++c)
      if (p.after[c]) {
        const unsigned char z = fold(static_cast<unsigned char>(c));
        g[4] = static_cast<std::uint16_t>(g[4] | (1u << (z & 0xF)));
        g[5] = static_cast<std::uint16_t>(g[5] | (1u << (z >> 4)));
      }
  }
  const NibbleWeights w = nibble_weights();
  auto with = [](BucketTables t, const BucketTables& g) {
    for (std::size_t k = 0; k < t.size(); ++k) t[k] = static_cast<std::uint16_t>(t[k] | g[k]);
    return t;
  };
  std::vector<double> alone(groups.size());
  for (std::size_t k = 0; k < groups.size(); ++k) alone[k] = let_through(groups[k], w);
  std::vector<std::size_t> order(groups.size());
  for (std::size_t k = 0; k < order.size(); ++k) order[k] = k;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return alone[a] > alone[b]; });
  std::array<BucketTables, 8> buckets{};
  std::array<double, 8> through{};
  for (std::size_t k : order) {
    std::size_t best = 0;
    double best_added = 0;
    for (std::size_t b = 0; b < buckets.size(); ++b) {
      const double added = let_through(with(buckets[b], groups[k]), w) - through[b];
      if (b == 0 || added < best_added) {
        best = b;
        best_added = added;
      }
    }
    buckets[best] = with(buckets[best], groups[k]);
    through[best] += best_added;
  }
  for (std::size_t b = 0; b < buckets.size(); ++b)
    for (std::size_t t = 0; t < 6; ++t)
      for (std::size_t n = 0; n < 16; ++n)
        if ((buckets[b][t] >> n) & 1) nibbles_[t][n] |= static_cast<std::uint8_t>(1u << b);
}

PairFinder::Path PairFinder::best_path() {
#if defined(WINERR_X86)
#if defined(WINERR_AVX2)
  static const bool avx2 = __builtin_cpu_supports("avx2");
  if (avx2) return Path::Avx2;
#endif
  static const bool ssse3 = __builtin_cpu_supports("ssse3");
  return ssse3 ? Path::Ssse3 : Path::Scalar;
#elif defined(WINERR_NEON)
  return Path::Neon;
#else
  return Path::Scalar;
#endif
}

std::vector<PairFinder::Path> PairFinder::runnable_paths() {
  std::vector<Path> out{Path::Scalar};
#if defined(WINERR_X86)
  if (__builtin_cpu_supports("ssse3")) out.push_back(Path::Ssse3);
#if defined(WINERR_AVX2)
  if (__builtin_cpu_supports("avx2")) out.push_back(Path::Avx2);
#endif
#elif defined(WINERR_NEON)
  out.push_back(Path::Neon);
#endif
  return out;
}

void PairFinder::use_path(Path p) {
  const auto ok = runnable_paths();
  path_ = std::find(ok.begin(), ok.end(), p) != ok.end() ? p : Path::Scalar;
}

inline bool PairFinder::hit(const Search& s, std::size_t j) const {
  const std::size_t k = (std::size_t{static_cast<unsigned char>(s.p[j])} << 8) | static_cast<unsigned char>(s.p[j + 1]);
  if (!has(table_, k)) return false;
  if (!any_neighbours_) {
    const Neighbours& n = neighbours_[slot_[k]];
    if (!has(n.before, j > 0 ? static_cast<unsigned char>(s.p[j - 1]) : '\n') ||
        !has(n.after, j + 2 < s.size ? static_cast<unsigned char>(s.p[j + 2]) : '\n'))
      return false;
  }
  return !s.accept || s.accept(s.context, j);
}

std::size_t PairFinder::find(const char* p, std::size_t size, std::size_t from, std::size_t to, Accept accept,
                             const void* context) const {
  // A pair starts at most at size - 2.
  const Search s{p, size, std::min(to, size == 0 ? 0 : size - 1), accept, context};
  if (from >= s.stop) return to;
  std::size_t at = s.stop;
  switch (path_) {
    case Path::Scalar: at = find_scalar(s, from); break;
    case Path::Ssse3: at = find_ssse3(s, from); break;
    case Path::Avx2: at = find_avx2(s, from); break;
    case Path::Neon: at = find_neon(s, from); break;
  }
  return at >= s.stop ? to : at;
}

std::size_t PairFinder::find_scalar(const Search& s, std::size_t from) const {
  for (std::size_t i = from; i < s.stop; ++i)
    if (hit(s, i)) return i;
  return s.stop;
}

#if defined(WINERR_X86)
__attribute__((target("ssse3"))) std::size_t PairFinder::find_ssse3(const Search& s, std::size_t from) const {
  const __m128i t0 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(nibbles_[0]));
  const __m128i t1 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(nibbles_[1]));
  const __m128i t2 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(nibbles_[2]));
  const __m128i t3 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(nibbles_[3]));
  const __m128i t4 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(nibbles_[4]));
  const __m128i t5 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(nibbles_[5]));
  const __m128i low = _mm_set1_epi8(0x20), nib = _mm_set1_epi8(0x0F), zero = _mm_setzero_si128();
  std::size_t i = from;
  // Each block reads p[i, i + 18): the pair of its last lane and the byte after it.
  for (; i + 18 <= s.size && i < s.stop; i += 16) {
    const __m128i v0 = _mm_or_si128(_mm_loadu_si128(reinterpret_cast<const __m128i*>(s.p + i)), low);
    const __m128i v1 = _mm_or_si128(_mm_loadu_si128(reinterpret_cast<const __m128i*>(s.p + i + 1)), low);
    const __m128i v2 = _mm_or_si128(_mm_loadu_si128(reinterpret_cast<const __m128i*>(s.p + i + 2)), low);
    const __m128i a = _mm_and_si128(_mm_shuffle_epi8(t0, _mm_and_si128(v0, nib)),
                                    _mm_shuffle_epi8(t1, _mm_and_si128(_mm_srli_epi16(v0, 4), nib)));
    const __m128i b = _mm_and_si128(_mm_shuffle_epi8(t2, _mm_and_si128(v1, nib)),
                                    _mm_shuffle_epi8(t3, _mm_and_si128(_mm_srli_epi16(v1, 4), nib)));
    const __m128i c = _mm_and_si128(_mm_shuffle_epi8(t4, _mm_and_si128(v2, nib)),
                                    _mm_shuffle_epi8(t5, _mm_and_si128(_mm_srli_epi16(v2, 4), nib)));
    auto m = static_cast<unsigned>(~_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_and_si128(_mm_and_si128(a, b), c), zero))) & 0xFFFFu;
    for (; m != 0; m &= m - 1) {
      const std::size_t j = i + static_cast<std::size_t>(__builtin_ctz(m));
      if (j >= s.stop) return s.stop;
      if (hit(s, j)) return j;
    }
  }
  return i < s.stop ? find_scalar(s, i) : s.stop;
}
#else
std::size_t PairFinder::find_ssse3(const Search& s, std::size_t from) const { return find_scalar(s, from); }
#endif

#if defined(WINERR_AVX2)
__attribute__((target("avx2"))) std::size_t PairFinder::find_avx2(const Search& s, std::size_t from) const {
  // vpshufb looks up within each 16-byte half: the same table in both halves.
  // (No lambda for the four: it would not be compiled for AVX2.)
  const __m256i t0 = _mm256_broadcastsi128_si256(_mm_loadu_si128(reinterpret_cast<const __m128i*>(nibbles_[0])));
  const __m256i t1 = _mm256_broadcastsi128_si256(_mm_loadu_si128(reinterpret_cast<const __m128i*>(nibbles_[1])));
  const __m256i t2 = _mm256_broadcastsi128_si256(_mm_loadu_si128(reinterpret_cast<const __m128i*>(nibbles_[2])));
  const __m256i t3 = _mm256_broadcastsi128_si256(_mm_loadu_si128(reinterpret_cast<const __m128i*>(nibbles_[3])));
  const __m256i t4 = _mm256_broadcastsi128_si256(_mm_loadu_si128(reinterpret_cast<const __m128i*>(nibbles_[4])));
  const __m256i t5 = _mm256_broadcastsi128_si256(_mm_loadu_si128(reinterpret_cast<const __m128i*>(nibbles_[5])));
  const __m256i low = _mm256_set1_epi8(0x20), nib = _mm256_set1_epi8(0x0F), zero = _mm256_setzero_si256();
  std::size_t i = from;
  for (; i + 34 <= s.size && i < s.stop; i += 32) {
    const __m256i v0 = _mm256_or_si256(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(s.p + i)), low);
    const __m256i v1 = _mm256_or_si256(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(s.p + i + 1)), low);
    const __m256i v2 = _mm256_or_si256(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(s.p + i + 2)), low);
    const __m256i a = _mm256_and_si256(_mm256_shuffle_epi8(t0, _mm256_and_si256(v0, nib)),
                                       _mm256_shuffle_epi8(t1, _mm256_and_si256(_mm256_srli_epi16(v0, 4), nib)));
    const __m256i b = _mm256_and_si256(_mm256_shuffle_epi8(t2, _mm256_and_si256(v1, nib)),
                                       _mm256_shuffle_epi8(t3, _mm256_and_si256(_mm256_srli_epi16(v1, 4), nib)));
    const __m256i c = _mm256_and_si256(_mm256_shuffle_epi8(t4, _mm256_and_si256(v2, nib)),
                                       _mm256_shuffle_epi8(t5, _mm256_and_si256(_mm256_srli_epi16(v2, 4), nib)));
    auto m = ~static_cast<unsigned>(_mm256_movemask_epi8(_mm256_cmpeq_epi8(_mm256_and_si256(_mm256_and_si256(a, b), c), zero)));
    for (; m != 0; m &= m - 1) {
      const std::size_t j = i + static_cast<std::size_t>(__builtin_ctz(m));
      if (j >= s.stop) return s.stop;
      if (hit(s, j)) return j;
    }
  }
  return i < s.stop ? find_ssse3(s, i) : s.stop;
}
#else
std::size_t PairFinder::find_avx2(const Search& s, std::size_t from) const { return find_ssse3(s, from); }
#endif

#if defined(WINERR_NEON)
std::size_t PairFinder::find_neon(const Search& s, std::size_t from) const {
  const uint8x16_t t0 = vld1q_u8(nibbles_[0]), t1 = vld1q_u8(nibbles_[1]), t2 = vld1q_u8(nibbles_[2]), t3 = vld1q_u8(nibbles_[3]);
  const uint8x16_t t4 = vld1q_u8(nibbles_[4]), t5 = vld1q_u8(nibbles_[5]);
  const uint8x16_t low = vdupq_n_u8(0x20), nib = vdupq_n_u8(0x0F);
  const auto* u = reinterpret_cast<const std::uint8_t*>(s.p);
  std::size_t i = from;
  for (; i + 18 <= s.size && i < s.stop; i += 16) {
    const uint8x16_t v0 = vorrq_u8(vld1q_u8(u + i), low), v1 = vorrq_u8(vld1q_u8(u + i + 1), low);
    const uint8x16_t v2 = vorrq_u8(vld1q_u8(u + i + 2), low);
    const uint8x16_t a = vandq_u8(vqtbl1q_u8(t0, vandq_u8(v0, nib)), vqtbl1q_u8(t1, vshrq_n_u8(v0, 4)));
    const uint8x16_t b = vandq_u8(vqtbl1q_u8(t2, vandq_u8(v1, nib)), vqtbl1q_u8(t3, vshrq_n_u8(v1, 4)));
    const uint8x16_t d = vandq_u8(vqtbl1q_u8(t4, vandq_u8(v2, nib)), vqtbl1q_u8(t5, vshrq_n_u8(v2, 4)));
    const uint8x16_t c = vtstq_u8(vandq_u8(a, b), d);  // 0xFF where a lane's buckets meet
    // Four bits per lane (the usual NEON stand-in for movemask).
    std::uint64_t m = vget_lane_u64(vreinterpret_u64_u8(vshrn_n_u16(vreinterpretq_u16_u8(c), 4)), 0);
    for (; m != 0; m &= ~(std::uint64_t{0xF} << (static_cast<unsigned>(__builtin_ctzll(m)) & ~3u))) {
      const std::size_t j = i + (static_cast<std::size_t>(__builtin_ctzll(m)) >> 2);
      if (j >= s.stop) return s.stop;
      if (hit(s, j)) return j;
    }
  }
  return i < s.stop ? find_scalar(s, i) : s.stop;
}
#else
std::size_t PairFinder::find_neon(const Search& s, std::size_t from) const { return find_scalar(s, from); }
#endif

}  // namespace winerr
