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

namespace winerr {

namespace {
bool add_unique(unsigned char* set, std::size_t& n, unsigned char c, std::size_t cap) {
  if (std::find(set, set + n, c) != set + n) return true;
  if (n == cap) return false;
  set[n++] = c;
  return true;
}

constexpr unsigned char fold(unsigned char c) { return static_cast<unsigned char>(c | 0x20); }

#if defined(WINERR_X86)
int lowest_bit(unsigned m) { return __builtin_ctz(m); }
#endif
}  // namespace

PairFinder::PairFinder(const std::vector<std::pair<unsigned char, unsigned char>>& pairs) {
  for (auto [a, b] : pairs) {
    table_.set((std::size_t{a} << 8) | b);
    // The vectors compare bytes with bit 0x20 set (ASCII letters in lower case), so the case
    // variants of a word's pair cost one comparison; the table check is exact.
    vector_ok_ = add_unique(first_, firsts_, fold(a), kMaxBytes) && add_unique(second_, seconds_, fold(b), kMaxBytes) && vector_ok_;
  }
  vector_ok_ = vector_ok_ && firsts_ > 0;
  path_ = vector_ok_ ? best_path() : Path::Scalar;
}

PairFinder::Path PairFinder::best_path() {
#if defined(WINERR_X86) && defined(_WIN32) && defined(__GNUC__) && !defined(__clang__)
  // GCC does not align the Win64 stack to 32 bytes, and an __m256i it spills there is moved
  // with aligned instructions: a crash (GCC bug 54412). SSE2 only on mingw-w64.
  return Path::Sse2;
#elif defined(WINERR_X86)
  static const bool avx2 = __builtin_cpu_supports("avx2");
  return avx2 ? Path::Avx2 : Path::Sse2;
#elif defined(WINERR_NEON)
  return Path::Neon;
#else
  return Path::Scalar;
#endif
}

std::vector<PairFinder::Path> PairFinder::runnable_paths() {
  std::vector<Path> out{Path::Scalar};
#if defined(WINERR_X86)
  out.push_back(Path::Sse2);
  if (best_path() == Path::Avx2) out.push_back(Path::Avx2);
#elif defined(WINERR_NEON)
  out.push_back(Path::Neon);
#endif
  return out;
}

void PairFinder::use_path(Path p) {
  const auto ok = runnable_paths();
  path_ = vector_ok_ && std::find(ok.begin(), ok.end(), p) != ok.end() ? p : Path::Scalar;
}

std::size_t PairFinder::find(const char* p, std::size_t size, std::size_t from, std::size_t to) const {
  // A pair starts at most at size - 2.
  const std::size_t stop = std::min(to, size == 0 ? 0 : size - 1);
  if (from >= stop) return to;
  std::size_t at = stop;
  switch (path_) {
    case Path::Scalar: at = find_scalar(p, stop, from); break;
    case Path::Sse2: at = find_sse2(p, size, stop, from); break;
    case Path::Avx2: at = find_avx2(p, size, stop, from); break;
    case Path::Neon: at = find_neon(p, size, stop, from); break;
  }
  return at >= stop ? to : at;
}

std::size_t PairFinder::find_scalar(const char* p, std::size_t stop, std::size_t from) const {
  for (std::size_t i = from; i < stop; ++i)
    if (is_pair(static_cast<unsigned char>(p[i]), static_cast<unsigned char>(p[i + 1]))) return i;
  return stop;
}

#if defined(WINERR_X86)
std::size_t PairFinder::find_sse2(const char* p, std::size_t size, std::size_t stop, std::size_t from) const {
  __m128i f[kMaxBytes], s[kMaxBytes];
  for (std::size_t k = 0; k < firsts_; ++k) f[k] = _mm_set1_epi8(static_cast<char>(first_[k]));
  for (std::size_t k = 0; k < seconds_; ++k) s[k] = _mm_set1_epi8(static_cast<char>(second_[k]));
  const __m128i low = _mm_set1_epi8(0x20);
  std::size_t i = from;
  // Each block reads p[i, i + 17): the pair of its last lane ends one byte further.
  for (; i + 17 <= size && i < stop; i += 16) {
    const __m128i v0 = _mm_or_si128(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i)), low);
    const __m128i v1 = _mm_or_si128(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i + 1)), low);
    __m128i a = _mm_cmpeq_epi8(v0, f[0]);
    for (std::size_t k = 1; k < firsts_; ++k) a = _mm_or_si128(a, _mm_cmpeq_epi8(v0, f[k]));
    __m128i b = _mm_cmpeq_epi8(v1, s[0]);
    for (std::size_t k = 1; k < seconds_; ++k) b = _mm_or_si128(b, _mm_cmpeq_epi8(v1, s[k]));
    for (auto m = static_cast<unsigned>(_mm_movemask_epi8(_mm_and_si128(a, b))); m != 0; m &= m - 1) {
      const std::size_t j = i + static_cast<std::size_t>(lowest_bit(m));
      if (j >= stop) return stop;
      if (is_pair(static_cast<unsigned char>(p[j]), static_cast<unsigned char>(p[j + 1]))) return j;
    }
  }
  return i < stop ? find_scalar(p, stop, i) : stop;
}

__attribute__((target("avx2"))) std::size_t PairFinder::find_avx2(const char* p, std::size_t size, std::size_t stop,
                                                                   std::size_t from) const {
  __m256i f[kMaxBytes], s[kMaxBytes];
  for (std::size_t k = 0; k < firsts_; ++k) f[k] = _mm256_set1_epi8(static_cast<char>(first_[k]));
  for (std::size_t k = 0; k < seconds_; ++k) s[k] = _mm256_set1_epi8(static_cast<char>(second_[k]));
  const __m256i low = _mm256_set1_epi8(0x20);
  std::size_t i = from;
  for (; i + 33 <= size && i < stop; i += 32) {
    const __m256i v0 = _mm256_or_si256(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + i)), low);
    const __m256i v1 = _mm256_or_si256(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + i + 1)), low);
    __m256i a = _mm256_cmpeq_epi8(v0, f[0]);
    for (std::size_t k = 1; k < firsts_; ++k) a = _mm256_or_si256(a, _mm256_cmpeq_epi8(v0, f[k]));
    __m256i b = _mm256_cmpeq_epi8(v1, s[0]);
    for (std::size_t k = 1; k < seconds_; ++k) b = _mm256_or_si256(b, _mm256_cmpeq_epi8(v1, s[k]));
    for (auto m = static_cast<unsigned>(_mm256_movemask_epi8(_mm256_and_si256(a, b))); m != 0; m &= m - 1) {
      const std::size_t j = i + static_cast<std::size_t>(lowest_bit(m));
      if (j >= stop) return stop;
      if (is_pair(static_cast<unsigned char>(p[j]), static_cast<unsigned char>(p[j + 1]))) return j;
    }
  }
  return i < stop ? find_sse2(p, size, stop, i) : stop;
}
#else
std::size_t PairFinder::find_sse2(const char* p, std::size_t, std::size_t stop, std::size_t from) const {
  return find_scalar(p, stop, from);
}
std::size_t PairFinder::find_avx2(const char* p, std::size_t, std::size_t stop, std::size_t from) const {
  return find_scalar(p, stop, from);
}
#endif

#if defined(WINERR_NEON)
std::size_t PairFinder::find_neon(const char* p, std::size_t size, std::size_t stop, std::size_t from) const {
  uint8x16_t f[kMaxBytes], s[kMaxBytes];
  for (std::size_t k = 0; k < firsts_; ++k) f[k] = vdupq_n_u8(first_[k]);
  for (std::size_t k = 0; k < seconds_; ++k) s[k] = vdupq_n_u8(second_[k]);
  const auto* u = reinterpret_cast<const std::uint8_t*>(p);
  const uint8x16_t low = vdupq_n_u8(0x20);
  std::size_t i = from;
  for (; i + 17 <= size && i < stop; i += 16) {
    const uint8x16_t v0 = vorrq_u8(vld1q_u8(u + i), low), v1 = vorrq_u8(vld1q_u8(u + i + 1), low);
    uint8x16_t a = vceqq_u8(v0, f[0]);
    for (std::size_t k = 1; k < firsts_; ++k) a = vorrq_u8(a, vceqq_u8(v0, f[k]));
    uint8x16_t b = vceqq_u8(v1, s[0]);
    for (std::size_t k = 1; k < seconds_; ++k) b = vorrq_u8(b, vceqq_u8(v1, s[k]));
    // Four bits per lane (the usual NEON stand-in for movemask).
    std::uint64_t m = vget_lane_u64(vreinterpret_u64_u8(vshrn_n_u16(vreinterpretq_u16_u8(vandq_u8(a, b)), 4)), 0);
    for (; m != 0; m &= ~(std::uint64_t{0xF} << (static_cast<unsigned>(__builtin_ctzll(m)) & ~3u))) {
      const std::size_t j = i + (static_cast<std::size_t>(__builtin_ctzll(m)) >> 2);
      if (j >= stop) return stop;
      if (is_pair(static_cast<unsigned char>(p[j]), static_cast<unsigned char>(p[j + 1]))) return j;
    }
  }
  return i < stop ? find_scalar(p, stop, i) : stop;
}
#else
std::size_t PairFinder::find_neon(const char* p, std::size_t, std::size_t stop, std::size_t from) const {
  return find_scalar(p, stop, from);
}
#endif

}  // namespace winerr
