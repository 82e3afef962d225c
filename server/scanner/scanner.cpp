// scanner.cpp — the two stages put together (finder.h, then judge.h, line by line), the
// profile's arithmetic and decisions, and the reasons in words.
#include "scanner.h"

#include <algorithm>
#include <cstring>
#include <memory>
#include <mutex>
#include <thread>

#include "anchors.h"
#include "finder.h"
#include "judge.h"
#include "lexical.h"
#include "line_breaks.h"

namespace winerr {

std::string_view to_string(Form f) {
  switch (f) {
    case Form::Name: return "name";
    case Form::Hex: return "hex";
    case Form::Hresult: return "hresult";
    case Form::HresultDecimal: return "hresult_decimal";
    case Form::Decimal: return "decimal";
  }
  return "";
}
std::string_view to_string(Confidence c) { return c == Confidence::Certain ? "certain" : "possible"; }
std::string_view to_string(Why w) {
  switch (w) {
    case Why::CatalogName: return "name";
    case Why::HresultForm: return "hresult_form";
    case Why::KeyOwns: return "key";
    case Why::WordBefore: return "word_before";
    case Why::WordAfter: return "word_after";
    case Why::WordLater: return "word_later";
    case Why::LeadsLabel: return "leads_label";
    case Why::MessageFollows: return "message_follows";
    case Why::Compared: return "compared";
    case Why::NameBeside: return "name_beside";
    case Why::SameValueBeside: return "same_value_beside";
    case Why::ListContinues: return "list";
    case Why::TableOfCodes: return "table";
    case Why::NoErrorContext: return "no_error_context";
    case Why::NoIpsecContext: return "no_ipsec_context";
    case Why::BareDecimal: return "bare_decimal";
  }
  return "";
}

std::string explain_why(const Finding& f, std::string_view text) {
  std::string cue;
  if (f.cue_length > 0) {
    const auto at = static_cast<std::ptrdiff_t>(f.begin) + f.cue_offset;
    if (at >= 0 && static_cast<std::size_t>(at) + f.cue_length <= text.size())
      cue = "`" + std::string(text.substr(static_cast<std::size_t>(at), f.cue_length)) + "`";
  }
  if (cue.empty()) cue = "a word";
  std::string_view form;
  switch (f.form) {
    case Form::Name: form = "a name"; break;
    case Form::Hex: form = "a hex number"; break;
    case Form::Hresult: form = "an HRESULT"; break;
    case Form::HresultDecimal: form = "a decimal HRESULT"; break;
    case Form::Decimal: form = "a decimal"; break;
  }
  std::string reason;
  switch (f.why) {
    case Why::CatalogName: return "found as a name: it is a catalog name";
    case Why::HresultForm: reason = "the spelling alone says it"; break;
    case Why::KeyOwns: reason = "the key " + cue + " owns it"; break;
    case Why::WordBefore: reason = "the word " + cue + " before it in its sentence"; break;
    case Why::WordAfter: reason = "the word " + cue + " right after it"; break;
    case Why::WordLater: reason = "the word " + cue + " after it in its sentence"; break;
    case Why::LeadsLabel: reason = "it opens a quoted label"; break;
    case Why::MessageFollows: reason = "Windows' text for the code follows it"; break;
    case Why::Compared: reason = "compared with " + cue; break;
    case Why::NameBeside: reason = "the name " + cue + " beside it"; break;
    case Why::SameValueBeside: reason = "written beside " + cue + ", the same code"; break;
    case Why::ListContinues: reason = "it continues the list after " + cue; break;
    case Why::TableOfCodes: reason = "a key of a table of IPsec/IKE codes"; break;
    case Why::NoErrorContext: return "possible: nothing around it says it is an error code";
    case Why::NoIpsecContext: return "possible: no IPsec context in this document";
    case Why::BareDecimal: return "possible: nothing around it says it is a code (shown as decimals is \"any\")";
  }
  return "found as " + std::string(form) + ": " + reason;
}

Profile& Profile::operator+=(const Profile& o) {
  evidence += o.evidence;
  family_decimals += o.family_decimals;
  foreign_numbers += o.foreign_numbers;
  key_rows += o.key_rows;
  key_rows_family += o.key_rows_family;
  return *this;
}
Profile& Profile::operator-=(const Profile& o) {
  evidence -= o.evidence;
  family_decimals -= o.family_decimals;
  foreign_numbers -= o.foreign_numbers;
  key_rows -= o.key_rows;
  key_rows_family -= o.key_rows_family;
  return *this;
}

// Any IPsec word, name or certain hex/HRESULT is enough. Without one, decimals alone make an
// IPsec document only when there are at least three (a thread asking what "13004 and 13005"
// mean, or one code quoted twice, is not yet one) and they outnumber other error numbers (a
// vendor's table of 5-digit errors has many outside 13000–13932 too).
bool Profile::ipsec() const { return evidence > 0 || (family_decimals >= 3 && family_decimals > foreign_numbers); }

// At least three rows keyed by IPsec codes, and at least half of all number-keyed rows (a
// table of primes or zip codes has a few codes among many other numbers).
bool Profile::table_of_codes() const { return key_rows_family >= 3 && 2 * key_rows_family >= key_rows; }

std::optional<Finding> resolve(const Judged& j, const Profile& p) {
  Finding f = j.finding;
  switch (j.verdict) {
    case Verdict::Certain:
      f.confidence = Confidence::Certain;
      return f;
    case Verdict::NeedsIpsec:
      if (p.ipsec()) {
        f.confidence = Confidence::Certain;
      } else {
        f.confidence = Confidence::Possible;
        f.why = Why::NoIpsecContext;
      }
      return f;
    case Verdict::NeedsTable:
      if (p.table_of_codes()) {
        f.confidence = Confidence::Certain;
        f.why = Why::TableOfCodes;
        return f;
      }
      f.confidence = Confidence::Possible;
      f.why = f.form == Form::Hex ? Why::NoErrorContext : Why::BareDecimal;
      return f;
    case Verdict::Possible:
      f.confidence = Confidence::Possible;
      return f;
    case Verdict::Bare:
      f.confidence = Confidence::Possible;
      f.why = Why::BareDecimal;
      return f;
  }
  return std::nullopt;
}

std::vector<Finding> resolve(const std::vector<Judged>& judged, const Profile& p) {
  std::vector<Finding> out;
  out.reserve(judged.size());
  for (const Judged& j : judged)
    if (auto f = resolve(j, p)) out.push_back(*f);
  return out;
}

namespace {

// A line without an anchor adds to the profile at most one thing: a number leading it, which
// counts as a table key (judge.h). Its first token decides, read as the finder reads it.
void count_leading_number(std::string_view t, std::size_t begin, std::size_t end, const Catalog& catalog, Profile& profile,
                          std::vector<Token>& tokens) {
  std::size_t i = begin;
  // Only what may come before a key (the judge's at_key_position) before the first word byte.
  for (; i < end && !is_word_char(static_cast<unsigned char>(t[i])); ++i)
    if (std::string_view(" \t{[(\"'-*#>|").find(t[i]) == std::string_view::npos) return;
  if (i >= end || !is_digit(static_cast<unsigned char>(t[i]))) return;  // a word leads, or nothing
  std::size_t e = i;
  while (e < end && is_word_char(static_cast<unsigned char>(t[e]))) ++e;
  if (glued_after(t, e)) return;  // "2026-11-27 …": a date leads, no key (most log lines)
  // The finder looks at most two bytes past the run (glued_after): read only that far.
  find_tokens(t.substr(0, std::min(t.size(), e + 2)), begin, catalog, tokens);
  if (tokens.empty() || tokens[0].kind != Token::Kind::Number || tokens[0].glued) return;
  ++profile.key_rows;
  if (tokens[0].is_candidate() && (tokens[0].form == Form::Decimal || tokens[0].form == Form::Hex)) ++profile.key_rows_family;
}

// The anchors of a catalog, worked out once per catalog (an edit's rescan of one line must not
// rebuild them), kept for the last few catalogs used. Not thread_local: mingw-w64 crashes at
// the exit of a thread that holds a thread_local object with a destructor (seen under wine).
std::shared_ptr<const Anchors> anchors_for(const Catalog& catalog) {
  static std::mutex mutex;
  static std::vector<std::pair<std::uint64_t, std::shared_ptr<const Anchors>>> cache;  // newest last
  const std::lock_guard<std::mutex> lock(mutex);
  for (auto& [id, anchors] : cache)
    if (id == catalog.id()) return anchors;
  if (cache.size() == 8) cache.erase(cache.begin());
  cache.emplace_back(catalog.id(), std::make_shared<const Anchors>(catalog));
  return cache.back().second;
}

}  // namespace

void scan_lines(std::string_view text, std::size_t begin, std::size_t end, const Catalog& catalog, ScanResult& out) {
  // No line starts in an empty range: scanning line 0 for scan_lines(t, 0, 0) would report
  // that line's findings twice to a caller that splits a rescan at offset 0.
  if (begin >= end || begin > text.size()) return;
  const std::shared_ptr<const Anchors> held = anchors_for(catalog);
  const Anchors& anchors = *held;
  // The lines that start before `end` end by the end of the line holding end - 1: no anchor
  // is looked for beyond it (an edit rescans a few lines of a big document).
  const std::size_t limit = end >= text.size() ? text.size() : line_end_from(text, end - 1);
  std::vector<Token> tokens;
  LineEnds line_ends(text);
  std::size_t anchor = 0;  // the next anchor at or after the line, once looked for
  for (std::size_t i = begin;;) {
    const std::size_t line_end = line_ends.from(i);
    if (anchor < i || i == begin) anchor = anchors.usable() ? anchors.next(text, i, limit) : i;
    if (anchor < line_end || !anchors.usable()) {
      find_tokens(text, i, catalog, tokens);
      judge_line(text, tokens, out);
    } else {
      count_leading_number(text, i, line_end, catalog, out.profile, tokens);
    }
    if (line_end >= text.size()) return;
    i = line_end + 1;
    if (i >= end) return;
  }
}

namespace {
// The start of the first line that begins at or after `pos` (after "\n", "\r\n" or a lone "\r").
std::size_t next_line_start(std::string_view text, std::size_t pos) {
  while (pos < text.size() && text[pos] != '\n' && text[pos] != '\r') ++pos;
  if (pos >= text.size()) return text.size();
  if (text[pos] == '\r' && pos + 1 < text.size() && text[pos + 1] == '\n') ++pos;
  return pos + 1;
}
}  // namespace

std::vector<std::size_t> split_at_lines(std::string_view text, std::size_t parts) {
  std::vector<std::size_t> cuts{0};
  for (std::size_t k = 1; k < parts; ++k) {
    const std::size_t at = next_line_start(text, text.size() / parts * k);
    if (at > cuts.back() && at < text.size()) cuts.push_back(at);
  }
  cuts.push_back(text.size());
  return cuts;
}

ScanResult scan_verdicts(std::string_view text, const Catalog& catalog, unsigned threads) {
  if (threads == 0) threads = std::max(1u, std::min(8u, std::thread::hardware_concurrency()));
  // A line is judged from itself alone and profiles add up, so the text can be cut at line
  // starts and the pieces scanned at once; below kParallelScanBytes a thread costs more than
  // it saves.
  if (threads < 2 || text.size() < kParallelScanBytes) {
    ScanResult r;
    scan_lines(text, 0, text.size(), catalog, r);
    return r;
  }
  const std::vector<std::size_t> cuts = split_at_lines(text, threads);
  std::vector<ScanResult> parts(cuts.size() - 1);
  std::vector<std::thread> pool;
  for (std::size_t i = 1; i < parts.size(); ++i)
    pool.emplace_back([&, i] { scan_lines(text, cuts[i], cuts[i + 1], catalog, parts[i]); });
  scan_lines(text, cuts[0], cuts[1], catalog, parts[0]);
  for (std::thread& t : pool) t.join();
  ScanResult r = std::move(parts[0]);
  std::size_t total = r.judged.size();
  for (std::size_t i = 1; i < parts.size(); ++i) total += parts[i].judged.size();
  r.judged.reserve(total);
  for (std::size_t i = 1; i < parts.size(); ++i) {
    r.judged.insert(r.judged.end(), parts[i].judged.begin(), parts[i].judged.end());
    r.profile += parts[i].profile;
  }
  return r;
}

std::vector<Finding> scan(std::string_view text, const Catalog& catalog, bool with_bare) {
  const ScanResult r = scan_verdicts(text, catalog);
  std::vector<Finding> out = resolve(r.judged, r.profile);
  if (!with_bare) std::erase_if(out, [](const Finding& f) { return is_bare(f); });
  return out;
}

}  // namespace winerr
