// oracle_diff.h — compares a scan with the oracle's (v1_scanner.h) in every field the
// contract names: each verdict's range, entry, form, confidence, reason, cue and verdict, and
// the profile. Used by the differential unit test and fuzz_scanner_reference.
#pragma once

#include <algorithm>
#include <string>
#include <string_view>

#include "scanner.h"

namespace winerr::v1 {

inline std::string describe(std::string_view text, const Judged& j) {
  const Finding& f = j.finding;
  std::string s = "[" + std::to_string(f.begin) + "," + std::to_string(f.end) + ") '";
  if (f.begin <= f.end && f.end <= text.size()) s += std::string(text.substr(f.begin, std::min<std::size_t>(f.end - f.begin, 60)));
  s += "' " + std::string(f.entry ? f.entry->name : "(no entry)") + " " + std::string(to_string(f.form)) + " " +
       std::string(to_string(f.confidence)) + " " + std::string(to_string(f.why)) + " cue " + std::to_string(f.cue_offset) + "+" +
       std::to_string(f.cue_length) + " verdict " + std::to_string(static_cast<int>(j.verdict));
  return s;
}

inline std::string describe(const Profile& p) {
  return "evidence " + std::to_string(p.evidence) + ", family_decimals " + std::to_string(p.family_decimals) + ", foreign_numbers " +
         std::to_string(p.foreign_numbers) + ", key_rows " + std::to_string(p.key_rows) + ", key_rows_family " +
         std::to_string(p.key_rows_family);
}

inline bool same(const Judged& a, const Judged& b) {
  const Finding &x = a.finding, &y = b.finding;
  return x.begin == y.begin && x.end == y.end && x.entry == y.entry && x.form == y.form && x.confidence == y.confidence &&
         x.why == y.why && x.cue_offset == y.cue_offset && x.cue_length == y.cue_length && a.verdict == b.verdict;
}

// Empty when `got` equals `want` (the oracle's) in every field; else the first difference.
inline std::string first_difference(std::string_view text, const ScanResult& got, const ScanResult& want) {
  const std::size_t n = std::min(got.judged.size(), want.judged.size());
  for (std::size_t k = 0; k < n; ++k)
    if (!same(got.judged[k], want.judged[k]))
      return "verdict " + std::to_string(k) + ":\n  got  " + describe(text, got.judged[k]) + "\n  want " + describe(text, want.judged[k]);
  if (got.judged.size() != want.judged.size()) {
    const bool more = got.judged.size() > want.judged.size();
    return std::to_string(got.judged.size()) + " verdicts, the oracle has " + std::to_string(want.judged.size()) + "; first " +
           (more ? "extra: " : "missing: ") + describe(text, more ? got.judged[n] : want.judged[n]);
  }
  if (!(got.profile == want.profile)) return "profile:\n  got  " + describe(got.profile) + "\n  want " + describe(want.profile);
  return {};
}

}  // namespace winerr::v1
