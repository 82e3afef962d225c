// policy.cpp — see policy.h.
#include "policy.h"

#include <algorithm>
#include <cstring>

namespace winerr {

namespace {
std::map<CodeKey, Severity> resolve_codes(const std::map<std::string, Severity>& m, const Catalog& cat) {
  std::map<CodeKey, Severity> out;
  for (auto& [code, sev] : m)
    if (const Entry* e = parse_code(code, cat)) out[key_of(*e)] = sev;
  return out;
}
}  // namespace

Policy::Policy(const Settings& s, const Catalog& cat)
    : fallback_(s.severity.fallback), kind_fallback_(s.severity.by_kind_fallback), forms_(s.forms), decimals_(s.decimals),
      show_possible_(s.show_possible) {
  for (const std::string& code : s.ignore)
    if (const Entry* e = parse_code(code, cat)) ignore_.insert(key_of(*e));
  codes_ = resolve_codes(s.severity.codes, cat);
  for (auto& [kind, m] : s.severity.by_kind_codes) kind_codes_[kind] = resolve_codes(m, cat);
}

int default_severity(const Finding& f, DocKind kind) {
  if (f.confidence == Confidence::Possible) return 4;
  if (kind != DocKind::Log) return 3;
  switch (f.entry->kind()) {
    case Kind::Error: return 1;
    case Kind::Warning: return 2;
    case Kind::RangeMarker: return 3;
  }
  return 1;
}

std::optional<int> Policy::severity(const Finding& f, DocKind kind, bool is_suppressed) const {
  if (is_suppressed || !forms_.count(f.form)) return std::nullopt;
  if (f.form == Form::Decimal && decimals_ == Decimals::Off) return std::nullopt;
  if (is_bare(f) && decimals_ != Decimals::Any) return std::nullopt;
  const CodeKey key = key_of(*f.entry);
  if (ignore_.count(key)) return std::nullopt;
  if (f.confidence == Confidence::Possible && !show_possible_) return std::nullopt;
  // The most specific rule wins: this kind and code, this code, this kind's "*", "*".
  std::optional<Severity> rule;
  if (auto k = kind_codes_.find(kind); k != kind_codes_.end())
    if (auto c = k->second.find(key); c != k->second.end()) rule = c->second;
  if (!rule)
    if (auto c = codes_.find(key); c != codes_.end()) rule = c->second;
  if (!rule)
    if (auto k = kind_fallback_.find(kind); k != kind_fallback_.end()) rule = k->second;
  if (!rule) rule = fallback_;
  if (rule == Severity::Off) return std::nullopt;
  // A possible finding stays a Hint whatever its code's rule says: a guess never squiggles.
  if (!rule || f.confidence == Confidence::Possible) return default_severity(f, kind);
  return static_cast<int>(*rule);
}

namespace {

// Is b's token the cue that a was found by?
bool cued_by(const Finding& a, const Finding& b) {
  if (a.why != Why::NameBeside && a.why != Why::SameValueBeside) return false;
  const std::ptrdiff_t cue = static_cast<std::ptrdiff_t>(a.begin) + a.cue_offset;
  return cue == static_cast<std::ptrdiff_t>(b.begin) && a.cue_length == b.end - b.begin;
}

}  // namespace

bool same_mention(const Finding& a, const Finding& b) { return a.entry == b.entry && (cued_by(a, b) || cued_by(b, a)); }

bool repeats_mention(const std::vector<Finding>& findings, std::size_t i) {
  return i > 0 && i < findings.size() && same_mention(findings[i - 1], findings[i]);
}

std::vector<Visible> visible_findings(const Document& doc, const std::vector<Finding>& findings, const Policy& policy,
                                      const Catalog& catalog) {
  return visible_findings(doc, findings, policy, catalog, 0, findings.size(), findings.size());
}

std::vector<Visible> visible_findings(const Document& doc, const std::vector<Finding>& findings, const Policy& policy,
                                      const Catalog& catalog, std::size_t first, std::size_t last, std::size_t max) {
  std::vector<Visible> out;
  MentionFilter filter(policy, doc_kind(doc.language_id()));
  last = std::min(last, findings.size());
  // Whether a finding repeats the mention before it depends on whether that one is shown, and
  // so on back: start where the chain of spellings starts, which depends on nothing before.
  std::size_t i = std::min(first, last);
  while (i > 0 && repeats_mention(findings, i)) --i;
  for (; i < last && out.size() < max; ++i) {
    const Finding& f = findings[i];
    if (auto sev = filter.next(f, [&] { return suppressed(doc, f, catalog); }); sev && i >= first) out.push_back({&f, *sev});
  }
  return out;
}

namespace {

constexpr std::string_view kMarker = kSuppressionMarker;
constexpr std::string_view kNextLine = "-next-line";

// The bytes of line `line` (without its ending).
std::string_view line_text(const Document& doc, std::size_t line) {
  const std::string_view t(doc.text());
  const std::size_t b = doc.lines().line_start(line), e = doc.lines().content_end(t, line);
  return t.substr(b, e - b);
}

// Is there a comment marker before position `at` of the line?
bool after_comment_marker(std::string_view line, std::size_t at) {
  const std::string_view before = line.substr(0, at);
  for (std::string_view m : {"#", "//", "--", ";", "'", "::", "<!--", "/*", "%", "REM ", "rem ", "Rem "})
    if (before.find(m) != std::string_view::npos) return true;
  return false;
}

// Does `line` carry the marker (with or without -next-line, as asked) that covers `f`?
bool covers(std::string_view line, bool next_line, const Finding& f, const Catalog& cat) {
  for (std::size_t at = line.find(kMarker); at != std::string_view::npos; at = line.find(kMarker, at + 1)) {
    std::size_t p = at + kMarker.size();
    const bool is_next = line.substr(p, kNextLine.size()) == kNextLine;
    if (is_next) p += kNextLine.size();
    if (is_next != next_line || !after_comment_marker(line, at)) continue;
    if (p < line.size() && line[p] != ' ' && line[p] != '\t' && line[p] != ':') continue;  // winerr-ignored…
    // The codes it names, up to the end of the line or of the comment.
    bool named_any = false, named_this = false;
    while (p < line.size()) {
      while (p < line.size() && (line[p] == ' ' || line[p] == '\t' || line[p] == ',' || line[p] == ':')) ++p;
      std::size_t q = p;
      while (q < line.size() && line[q] != ' ' && line[q] != '\t' && line[q] != ',') ++q;
      if (q == p) break;
      const Entry* e = parse_code(std::string(line.substr(p, q - p)), cat);
      if (!e) break;  // the rest is prose ("winerr-ignore: known flaky peer") or a comment end
      named_any = true;
      named_this = named_this || key_of(*e) == key_of(*f.entry);
      p = q;
    }
    if (!named_any || named_this) return true;
  }
  return false;
}

}  // namespace

bool suppressed(const Document& doc, const Finding& f, const Catalog& cat) {
  if (!doc.may_hold_suppression()) return false;  // no marker anywhere: no line to read
  const std::size_t line = doc.lines().line_of(f.begin);
  const std::string_view here = line_text(doc, line);
  if (here.find(kMarker) != std::string_view::npos && covers(here, false, f, cat)) return true;
  if (line == 0) return false;
  const std::string_view above = line_text(doc, line - 1);
  return above.find(kMarker) != std::string_view::npos && covers(above, true, f, cat);
}

}  // namespace winerr
