// fuzz_scanner_reference — the scanner against reference_scanner.h (differential), and
// scan_lines on sub-ranges against the whole scan (the contract in scanner.h).
//
// Input: first byte even → the rest is composed into log-like text (fuzz_text.h); odd → the
// rest is the text, raw. The last bytes (when there are any) choose the scan_lines ranges.
// Any difference aborts with both finding lists printed.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "catalog.h"
#include "fuzz_text.h"
#include "reference_scanner.h"
#include "scanner.h"

namespace {

using winerr::Finding;

std::string show(std::string_view text, const std::vector<Finding>& fs) {
  std::string s;
  for (const Finding& f : fs) {
    s += "  [" + std::to_string(f.begin) + "," + std::to_string(f.end) + ") '" +
         std::string(text.substr(f.begin, std::min<std::size_t>(f.end - f.begin, 60))) + "' " + std::string(f.entry->name) +
         " " + std::string(winerr::to_string(f.form)) + " " + std::string(winerr::to_string(f.confidence)) + "\n";
  }
  return s;
}

bool same(const Finding& a, const Finding& b) {
  return a.begin == b.begin && a.end == b.end && a.entry == b.entry && a.form == b.form && a.confidence == b.confidence;
}
bool same(const std::vector<Finding>& a, const std::vector<Finding>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t k = 0; k < a.size(); ++k)
    if (!same(a[k], b[k])) return false;
  return true;
}

[[noreturn]] void fail(const char* what, std::string_view text, const std::vector<Finding>& got,
                       const std::vector<Finding>& want) {
  std::fprintf(stderr, "fuzz_scanner_reference: %s\ntext (%zu bytes): \"", what, text.size());
  for (unsigned char c : text) {
    if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\') std::fputc(c, stderr);
    else std::fprintf(stderr, "\\x%02x", c);
  }
  std::fprintf(stderr, "\"\ngot:\n%swant:\n%s", show(text, got).c_str(), show(text, want).c_str());
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const winerr::Catalog& cat = winerr::Catalog::embedded();
  FuzzedDataProvider p(data + 1, size - 1);
  std::string text;
  if (data[0] & 1) {
    text = p.ConsumeBytesAsString(p.remaining_bytes() > 8 ? p.remaining_bytes() - 8 : p.remaining_bytes());
  } else {
    text = fuzztext::compose(p, 64);
  }

  const std::vector<Finding> got = winerr::scan(text, cat);
  const std::vector<Finding> want = reference::scan(text, cat);
  if (!same(got, want)) fail("scan() differs from the reference", text, got, want);

  // scan_lines(text, a, b): the findings of the lines that start in [a, b), with the line
  // before a read for context — i.e. exactly those of the whole scan. a is a line start.
  std::vector<std::size_t> starts{0};
  for (std::size_t i = 0; i + 1 < text.size(); ++i)
    if (text[i] == '\n' || (text[i] == '\r' && text[i + 1] != '\n')) starts.push_back(i + 1);
  for (int round = 0; round < 3 && p.remaining_bytes() > 0; ++round) {
    const std::size_t a = starts[p.ConsumeIntegralInRange<std::size_t>(0, starts.size() - 1)];
    std::size_t b = p.ConsumeBool() ? a + p.ConsumeIntegralInRange<std::size_t>(0, 3)
                                    : p.ConsumeIntegralInRange<std::size_t>(a, text.size() + 2);
    std::vector<Finding> part;
    winerr::scan_lines(text, a, b, cat, part);
    std::vector<Finding> expect;
    for (const Finding& f : got) {
      const std::size_t ls = *(std::upper_bound(starts.begin(), starts.end(), f.begin) - 1);  // f's line start
      if (ls >= a && ls < b) expect.push_back(f);
    }
    if (!same(part, expect)) {
      char what[128];
      std::snprintf(what, sizeof what, "scan_lines(text, %zu, %zu) differs from the whole scan's lines in range", a, b);
      fail(what, text, part, expect);
    }
  }
  return 0;
}
