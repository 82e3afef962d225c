// json_input.cpp — see json_input.h.
#include "json_input.h"

#include <cstdint>

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
  r.value = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (r.value.is_discarded()) r.error = "the message is not valid JSON";
  return r;
}

}  // namespace winerr::rpc
