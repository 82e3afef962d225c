// fuzz_text.h — turns fuzzer bytes into text that looks like the logs winerr-ls reads:
// context words, catalog names, every spelling of catalog codes, separators, Unicode and
// malformed bytes. Raw bytes alone rarely spell "error 0x000035e9"; composing from these
// pieces reaches the scanner's rules in a few thousand executions.
#pragma once

#include <fuzzer/FuzzedDataProvider.h>

#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "catalog.h"

namespace fuzztext {

inline const std::vector<const winerr::Entry*>& entries() {
  static const std::vector<const winerr::Entry*> all = [] {
    std::vector<const winerr::Entry*> v;
    for (const auto& e : winerr::Catalog::embedded().entries()) v.push_back(&e);
    return v;
  }();
  return all;
}

constexpr std::string_view kWords[] = {
    "error", "Error", "ERROR", "errors", "err", "code", "Code", "status", "Status", "reason", "failed", "failure",
    "fail", "win32", "errno", "hr", "HR", "hresult", "HRESULT", "rc", "ret", "result", "returned", "NTSTATUS",
    "winerror", "GetLastError", "dwError", "lastErrorCode", "IkeErrorCode", "hrStatus", "ErrorCode",
    "address", "addr", "offset", "port", "Port", "pid", "size", "bytes", "len", "line", "version", "build", "id",
    "ms", "page", "issue", "count", "ip", "seq", "index", "tcp", "udp", "listen", "year", "ipaddress", "baseOffset",
    "kb", "s", "times", "items", "packets", "us", "hours", "m", "the", "with", "and", "IKEEXT", "RasClient",
    "is", "a", "of", "on", "x", "L", "u32", "i32", "UL", "_", "e", "f", "abcdefabcdefabcdefabcdefabcdefabcdefab"};

constexpr std::string_view kSeparators[] = {
    " ", " ", " ", "  ", "\t", "\n", "\n", "\r\n", "\r", ":", ": ", "=", "(", ")", " (", ",", ", ", "/", ";", "|",
    ".", "-", " -", "%", "@", "\\", "#", "$", "&", "+", "[", "]", "\"", "'", "0x", "x", std::string_view("\0", 1), "\xff", "\xc3\xa9",
    "\xe2\x82\xac", "\xf0\x9f\x98\x80", "\xed\xa0\x80", "\xc0\xaf", "\xf4\x90\x80\x80", "\xe2\x82", "\x80"};

inline std::string hex(std::uint64_t v, int width, bool upper) {
  char buf[32];
  std::snprintf(buf, sizeof buf, upper ? "%0*llX" : "%0*llx", width, static_cast<unsigned long long>(v));
  return buf;
}

// One spelling of one code (or of a near miss).
inline std::string number(FuzzedDataProvider& p) {
  const auto& es = entries();
  const winerr::Entry& e = *es[p.ConsumeIntegralInRange<std::size_t>(0, es.size() - 1)];
  const std::uint32_t status = e.family == winerr::Family::Win32 ? e.hresult() : e.value;
  const int delta = p.ConsumeIntegralInRange<int>(-1, 1) * (p.ConsumeBool() ? 1 : 0);
  const std::uint32_t v = e.value + static_cast<std::uint32_t>(delta);
  const bool upper = p.ConsumeBool();
  static constexpr std::string_view suffixes[] = {"", "", "", "L", "UL", "u", "ull", "u32", "i32", "i128", "usize", "LLLL"};
  std::string s;
  switch (p.ConsumeIntegralInRange<int>(0, 11)) {
    case 0: s = std::to_string(v); break;
    case 1: s = (upper ? "0X" : "0x") + hex(v, p.ConsumeIntegralInRange<int>(0, 9), upper); break;
    case 2: s = "0x" + hex(status + static_cast<std::uint32_t>(delta), 8, upper); break;
    case 3: s = hex(status, 8, upper); break;  // bare 800735E9
    case 4: s = std::to_string(static_cast<std::int32_t>(status)); break;
    case 5: s = std::to_string(status); break;
    case 6: s = std::to_string(p.ConsumeIntegral<std::uint32_t>()); break;
    case 7: s = "0x" + hex(p.ConsumeIntegral<std::uint64_t>() >> p.ConsumeIntegralInRange<int>(0, 63), 1, upper); break;
    case 8: s = std::string(e.name); break;
    case 9: s = std::string(e.name).substr(0, e.name.size() - 1); break;
    case 10: s = "-" + std::to_string(p.ConsumeIntegralInRange<std::uint64_t>(0, 4294967296ull)); break;
    default: s = std::to_string(p.ConsumeIntegralInRange<int>(0, 99999)); break;
  }
  s += suffixes[p.ConsumeIntegralInRange<std::size_t>(0, std::size(suffixes) - 1)];
  return s;
}

// Text of up to `max_pieces` pieces.
inline std::string compose(FuzzedDataProvider& p, std::size_t max_pieces) {
  std::string out;
  const std::size_t pieces = p.ConsumeIntegralInRange<std::size_t>(0, max_pieces);
  for (std::size_t k = 0; k < pieces && p.remaining_bytes() > 0; ++k) {
    switch (p.ConsumeIntegralInRange<int>(0, 9)) {
      case 0: case 1: case 2: out += kWords[p.ConsumeIntegralInRange<std::size_t>(0, std::size(kWords) - 1)]; break;
      case 3: case 4: case 5: out += kSeparators[p.ConsumeIntegralInRange<std::size_t>(0, std::size(kSeparators) - 1)]; break;
      case 6: case 7: out += number(p); break;
      case 8: {
        const auto& aliases = winerr::Catalog::aliases();
        if (!aliases.empty() && p.ConsumeBool())
          out += aliases[p.ConsumeIntegralInRange<std::size_t>(0, aliases.size() - 1)].first;
        else
          out += " ";
        break;
      }
      default: out += p.ConsumeBytesAsString(p.ConsumeIntegralInRange<std::size_t>(0, 6)); break;
    }
  }
  return out;
}

}  // namespace fuzztext
