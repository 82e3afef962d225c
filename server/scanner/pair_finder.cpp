// pair_finder.cpp — see pair_finder.h.
#include "pair_finder.h"

#include <algorithm>

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
    for (std::size_t c = 0; c < 256; ++c) {
      if (p.before[c]) neighbours_[slot_[k]].before[c >> 6] |= std::uint64_t{1} << (c & 63);
      if (p.after[c]) neighbours_[slot_[k]].after[c >> 6] |= std::uint64_t{1} << (c & 63);
    }
  }
  for (std::size_t n = 1; n < neighbours_.size(); ++n)
    for (std::size_t w = 0; w < 4; ++w)
      if (~neighbours_[n].before[w] || ~neighbours_[n].after[w]) any_neighbours_ = false;
  // Buckets by the folded first byte: the distinct ones in order, cut into 8 runs. Pairs that
  // share a first byte share a bucket, and a run holds bytes of one or two high nibbles (the
  // digits, a-o, p-z), so a bucket's tables match few bytes it does not hold.
  std::vector<unsigned char> firsts;
  for (const Pattern& p : patterns) {
    const std::size_t k = (std::size_t{p.first} << 8) | p.second;
    table_[k >> 6] |= std::uint64_t{1} << (k & 63);
    firsts.push_back(fold(p.first));
  }
  std::sort(firsts.begin(), firsts.end());
  firsts.erase(std::unique(firsts.begin(), firsts.end()), firsts.end());
  for (const Pattern& p : patterns) {
    const auto rank = std::lower_bound(firsts.begin(), firsts.end(), fold(p.first)) - firsts.begin();
    const auto bit = static_cast<std::uint8_t>(1u << (static_cast<std::size_t>(rank) * 8 / firsts.size()));
    const unsigned char x = fold(p.first), y = fold(p.second);
    nibbles_[0][x & 0xF] |= bit;
    nibbles_[1][x >> 4] |= bit;
    nibbles_[2][y & 0xF] |= bit;
    nibbles_[3][y >> 4] |= bit;
    // The byte after: a third lookup on the vector paths ("er" of "err" wants an "r" after it).
    for (std::size_t c = 0; c < 256; ++c)
      if (p.after[c]) {
        const unsigned char z = fold(static_cast<unsigned char>(c));
        nibbles_[4][z & 0xF] |= bit;
        nibbles_[5][z >> 4] |= bit;
      }
  }
  path_ = best_path();
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
