// fuzz_scanner_reference — the candidate finder against reference_scanner.h (differential),
// the whole scan against the oracle (tests/oracle: the scanner of main 5184616, every field and
// the profile, exactly), and scan_lines on sub-ranges against the whole scan (the contract in scanner.h: a line is
// judged from itself alone, so any set of whole lines gets the verdicts of the whole scan).
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
#include "finder.h"
#include "fuzz_text.h"
#include "oracle_diff.h"
#include "reference_scanner.h"
#include "scanner.h"
#include "v1_scanner.h"

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
  return a.begin == b.begin && a.end == b.end && a.entry == b.entry && a.form == b.form && a.confidence == b.confidence &&
         a.why == b.why && a.cue_offset == b.cue_offset && a.cue_length == b.cue_length;
}
// The finder's candidates, line by line, in the reference's shape.
std::vector<Finding> finder_candidates(std::string_view text, const winerr::Catalog& cat) {
  std::vector<Finding> out;
  std::vector<winerr::Token> toks;
  std::size_t i = 0;
  for (;;) {
    const std::size_t e = winerr::find_tokens(text, i, cat, toks);
    for (const winerr::Token& k : toks)
      if (k.kind == winerr::Token::Kind::Name || k.is_candidate())
        out.push_back(Finding{k.begin, k.end, k.entry, k.form, winerr::Confidence::Certain});
    if (e >= text.size()) break;
    i = e + 1;
  }
  return out;
}
bool same(const std::vector<Finding>& a, const std::vector<Finding>& b);
// Verdicts as Findings, for comparing and printing; the verdict itself is compared apart.
std::vector<Finding> findings_of(const std::vector<winerr::Judged>& js) {
  std::vector<Finding> out;
  for (const auto& j : js) out.push_back(j.finding);
  return out;
}
bool same_verdicts(const std::vector<winerr::Judged>& a, const std::vector<winerr::Judged>& b) {
  if (a.size() != b.size() || !same(findings_of(a), findings_of(b))) return false;
  for (std::size_t k = 0; k < a.size(); ++k)
    if (a[k].verdict != b[k].verdict) return false;
  return true;
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

  const std::vector<Finding> cands = finder_candidates(text, cat);
  const std::vector<Finding> want_cands = reference::candidates(text, cat);
  if (!same(cands, want_cands)) fail("the finder's candidates differ from the reference", text, cands, want_cands);

  // The oracle: identical verdicts, reasons, cues and profile, in one pass and split.
  const winerr::ScanResult whole = winerr::scan_verdicts(text, cat, 1);
  const winerr::ScanResult oracle = winerr::v1::scan_all(text, cat);
  if (const std::string diff = winerr::v1::first_difference(text, whole, oracle); !diff.empty()) {
    std::fprintf(stderr, "fuzz_scanner_reference: the scan differs from the oracle: %s\n", diff.c_str());
    fail("the scan differs from the oracle (tests/oracle)", text, findings_of(whole.judged), findings_of(oracle.judged));
  }

  // scan_lines(text, a, b): the verdicts of the lines that start in [a, b) — exactly those of
  // the whole scan. a is a line start.
  const std::vector<winerr::Judged> got = winerr::scan_verdicts(text, cat).judged;
  std::vector<std::size_t> starts{0};
  for (std::size_t i = 0; i + 1 < text.size(); ++i)
    if (text[i] == '\n' || (text[i] == '\r' && text[i + 1] != '\n')) starts.push_back(i + 1);
  for (int round = 0; round < 3 && p.remaining_bytes() > 0; ++round) {
    const std::size_t a = starts[p.ConsumeIntegralInRange<std::size_t>(0, starts.size() - 1)];
    std::size_t b = p.ConsumeBool() ? a + p.ConsumeIntegralInRange<std::size_t>(0, 3)
                                    : p.ConsumeIntegralInRange<std::size_t>(a, text.size() + 2);
    winerr::ScanResult part_result;
    winerr::scan_lines(text, a, b, cat, part_result);
    const std::vector<winerr::Judged>& part = part_result.judged;
    std::vector<winerr::Judged> expect;
    for (const winerr::Judged& j : got) {
      const std::size_t ls = *(std::upper_bound(starts.begin(), starts.end(), j.finding.begin) - 1);  // its line start
      if (ls >= a && ls < b) expect.push_back(j);
    }
    if (!same_verdicts(part, expect)) {
      char what[128];
      std::snprintf(what, sizeof what, "scan_lines(text, %zu, %zu) differs from the whole scan's lines in range", a, b);
      fail(what, text, findings_of(part), findings_of(expect));
    }
  }
  return 0;
}
