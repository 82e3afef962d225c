// json_input.cpp — see json_input.h.
#include "json_input.h"

#include <cstdint>
#include <cstring>
#include <random>
#include <string_view>
#include <vector>

#include "text/byte_scan.h"
#include "text/utf8.h"

namespace winerr::rpc {

namespace {

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}
// The code unit of "\uXXXX" at s[i] (s[i] == '\\'), or -1.
long escape_unit(const std::string& s, std::size_t i) {
  if (i + 6 > s.size() || s[i] != '\\' || s[i + 1] != 'u') return -1;
  long v = 0;
  for (std::size_t k = i + 2; k < i + 6; ++k) {
    int d = hex_digit(s[k]);
    if (d < 0) return -1;
    v = v * 16 + d;
  }
  return v;
}

// Unescapes the JSON string body t[b, e) (between its quotes) into `out`; false when it holds
// an escape or a byte JSON does not allow (then nlohmann gets to say what is wrong).
// Unescapes the JSON string body t[b, e), handing the result to put(bytes, n) in order: runs
// of plain bytes as they stand, each escape decoded. False when it is not valid JSON.
template <class Put>
bool unescape(const std::string& t, std::size_t b, std::size_t e, Put&& put) {
  const char* d = t.data();
  std::size_t i = b;
  while (i < e) {
    std::size_t j = i;
    while (j < e) {  // to the next escape or control byte; UTF-8 is copied as it is
      j += bytes::plain_json_string_run(d + j, e - j);
      if (j == e || d[j] == '\\' || static_cast<unsigned char>(d[j]) < 0x20) break;
      ++j;
    }
    put(d + i, j - i);
    if (j == e) break;
    if (d[j] != '\\' || j + 1 >= e) return false;  // a raw control character
    const char c = d[j + 1];
    i = j + 2;
    char one = 0;
    switch (c) {
      case '"': one = '"'; break;
      case '\\': one = '\\'; break;
      case '/': one = '/'; break;
      case 'b': one = '\b'; break;
      case 'f': one = '\f'; break;
      case 'n': one = '\n'; break;
      case 'r': one = '\r'; break;
      case 't': one = '\t'; break;
      case 'u': {
        long u = escape_unit(t, j);
        if (u < 0 || j + 6 > e) return false;
        i = j + 6;
        if (u >= 0xD800 && u <= 0xDBFF) {  // repair_and_measure left only whole pairs
          const long low = escape_unit(t, i);
          if (low < 0xDC00 || low > 0xDFFF || i + 6 > e) return false;
          u = 0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00);
          i += 6;
        }
        std::string cp;  // at most 4 bytes: no allocation
        utf8::append(cp, static_cast<std::uint32_t>(u));
        put(cp.data(), cp.size());
        continue;
      }
      default: return false;
    }
    put(&one, 1);
  }
  return true;
}

bool unescape_into(const std::string& t, std::size_t b, std::size_t e, std::string& out) {
  out.reserve(e - b);
  return unescape(t, b, e, [&](const char* p, std::size_t n) { out.append(p, n); });
}

// The same, writing to the front of `t` itself (JSON escapes only ever shrink, so the write
// position never passes the read position): the unescaped text of [b, e) ends up as
// t[0, n). Everything in t before `e` is overwritten; what follows `e` is untouched. Returns n,
// or nothing when the string is not valid JSON (then t[0, e) is garbage).
std::optional<std::size_t> unescape_to_front(std::string& t, std::size_t b, std::size_t e) {
  char* d = t.data();
  std::size_t w = 0;
  const bool ok = unescape(t, b, e, [&](const char* p, std::size_t n) {
    std::memmove(d + w, p, n);  // p may be in t itself, at or after d + w
    w += n;
  });
  if (!ok) return std::nullopt;
  return w;
}

// Strings this long are taken out of the body before nlohmann parses it, and put back into the
// parsed value by move: nlohmann lexes a string byte by byte into a growing buffer and then
// copies it (issue 12 measured about 5 s and 1 GB for a 200 MB didOpen); this is one plain copy.
constexpr std::size_t kLiftedStringBytes = 64 * 1024;
// The marker: NUL, a word, a per-process random number, the index. A client cannot write one
// by chance; a string that only looks like one (another number) is left as it is.
const std::string& lifted_nonce() {
  static const std::string nonce = [] {
    std::random_device rd;
    return std::to_string((static_cast<std::uint64_t>(rd()) << 32) | rd());
  }();
  return nonce;
}
// As JSON text (escaped) for the body, or as the parsed string.
std::string lifted_marker_prefix(bool escaped) {
  return (escaped ? std::string("\\u0000") : std::string(1, '\0')) + "winerr-lifted:" + lifted_nonce() + ":";
}

// The first string of this size or more takes the body's own buffer (unescaped to its front):
// a 200 MB didOpen then never holds the text twice.
constexpr std::size_t kInPlaceStringBytes = std::size_t{1} << 20;

// Replaces every long string value of `body` by a short marker string naming its index in
// `lifted`. Keys and invalid strings stay. `body` is valid-UTF-8 and depth-checked already.
// False when the string unescaped in place turned out invalid JSON (the body is then lost; the
// message would not have parsed either).
bool lift_long_strings(std::string& body, std::vector<std::string>& lifted) {
  std::string out;
  std::size_t copied = 0;
  std::optional<std::size_t> in_place;  // its index in `lifted`
  std::size_t in_place_length = 0;
  for (std::size_t i = 0; i < body.size(); ++i) {
    if (body[i] != '"') continue;
    // The string's end: the next '"' not escaped.
    std::size_t e = i + 1;
    for (;;) {
      const void* q = std::memchr(body.data() + e, '"', body.size() - e);
      if (!q) {  // unterminated: nlohmann reports it
        e = body.size();
        break;
      }
      e = static_cast<std::size_t>(static_cast<const char*>(q) - body.data());
      std::size_t slashes = 0;
      while (e - slashes > i + 1 && body[e - 1 - slashes] == '\\') ++slashes;
      if (slashes % 2 == 0) break;
      ++e;
    }
    if (e == body.size()) break;
    std::size_t after = e + 1;
    while (after < body.size() && (body[after] == ' ' || body[after] == '\t' || body[after] == '\n' || body[after] == '\r')) ++after;
    const bool is_key = after < body.size() && body[after] == ':';
    if (e - i - 1 >= kInPlaceStringBytes && !is_key && !in_place) {
      // Everything before the string goes to `out` first: unescaping overwrites it.
      if (out.empty()) out.reserve(4096);
      out.append(body, copied, i - copied).append("\"").append(lifted_marker_prefix(true)).append(std::to_string(lifted.size())).append("\"");
      copied = e + 1;
      const auto n = unescape_to_front(body, i + 1, e);
      if (!n) return false;
      in_place = lifted.size();
      in_place_length = *n;
      lifted.emplace_back();
    } else if (e - i - 1 >= kLiftedStringBytes && !is_key) {
      std::string value;
      if (unescape_into(body, i + 1, e, value)) {
        if (out.empty()) out.reserve(4096);
        out.append(body, copied, i - copied).append("\"").append(lifted_marker_prefix(true)).append(std::to_string(lifted.size())).append("\"");
        copied = e + 1;
        lifted.push_back(std::move(value));
      }
    }
    i = e;
  }
  if (!lifted.empty()) {
    out.append(body, copied, std::string::npos);  // the rest, after the last lifted string
    if (in_place) {
      body.resize(in_place_length);
      lifted[*in_place] = std::move(body);
    }
    body = std::move(out);
  }
  return true;
}

// Puts the lifted strings back where their markers are.
void restore_long_strings(nlohmann::json& j, std::vector<std::string>& lifted, std::size_t& restored) {
  if (j.is_string()) {
    const std::string& s = j.get_ref<const std::string&>();
    static const std::string mark = lifted_marker_prefix(false);
    if (s.size() > mark.size() && s.size() < mark.size() + 20 && s.compare(0, mark.size(), mark) == 0 &&
        s.find_first_not_of("0123456789", mark.size()) == std::string::npos) {
      const std::size_t n = std::stoul(s.substr(mark.size()));
      if (n < lifted.size()) {
        j = std::move(lifted[n]);
        ++restored;
      }
    }
  } else if (j.is_object() || j.is_array()) {
    for (auto& v : j) restore_long_strings(v, lifted, restored);
  }
}

}  // namespace

std::size_t repair_and_measure(std::string& body, std::size_t& repaired) {
  std::size_t depth = 0, deepest = 0;
  bool in_string = false;
  // Rebuild only if something needs repair; until then `out` stays empty and `copied` marks
  // how much of `body` is already known good.
  std::string out;
  std::size_t copied = 0;
  auto replace = [&](std::size_t from, std::size_t len, std::string_view with) {
    if (out.empty()) out.reserve(body.size() + 16);
    out.append(body, copied, from - copied).append(with);
    copied = from + len;
    ++repaired;
  };
  for (std::size_t i = 0; i < body.size();) {
    if (in_string) {  // most of a large body is the inside of one string: skip it in words
      const std::size_t run = bytes::plain_json_string_run(body.data() + i, body.size() - i);
      i += run;
      if (i == body.size()) break;
    }
    const char c = body[i];
    if (static_cast<unsigned char>(c) >= 0x80) {
      std::size_t n = utf8::sequence_length(body, i);
      if (n == 0) { replace(i, 1, utf8::kReplacement); i += 1; }
      else i += n;
      continue;
    }
    if (in_string) {
      if (c == '"') in_string = false;
      else if (c == '\\') {
        long u = escape_unit(body, i);
        if (u >= 0xD800 && u <= 0xDBFF) {
          long low = escape_unit(body, i + 6);
          if (low >= 0xDC00 && low <= 0xDFFF) { i += 12; continue; }
          replace(i, 6, "\\ufffd");
          i += 6;
          continue;
        }
        if (u >= 0xDC00 && u <= 0xDFFF) { replace(i, 6, "\\ufffd"); i += 6; continue; }
        i += 2;  // skip the escaped character (a '"' or '\\' among them)
        continue;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > deepest) deepest = depth;
      if (deepest > kMaxJsonDepth) return deepest;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
    ++i;
  }
  if (!out.empty() || copied > 0) {
    out.append(body, copied, std::string::npos);
    body.swap(out);
  }
  return deepest;
}

ParsedBody parse_body(std::string body) {
  ParsedBody r;
  if (repair_and_measure(body, r.repaired) > kMaxJsonDepth) {
    r.value = nlohmann::json(nlohmann::json::value_t::discarded);
    r.error = "the message is nested deeper than " + std::to_string(kMaxJsonDepth) + " levels";
    return r;
  }
  std::vector<std::string> lifted;
  if (body.size() >= kLiftedStringBytes && !lift_long_strings(body, lifted)) {
    r.value = nlohmann::json(nlohmann::json::value_t::discarded);
    r.error = "the message is not valid JSON";
    return r;
  }
  r.value = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (r.value.is_discarded()) {
    r.error = "the message is not valid JSON";
    return r;
  }
  if (!lifted.empty()) restore_long_strings(r.value, lifted, r.lifted);
  return r;
}

}  // namespace winerr::rpc
