// document.cpp — see document.h.
#include "document.h"

#include <algorithm>

namespace winerr {

Document::Document(std::string uri, std::int64_t version, std::string text, std::string language_id)
    : uri_(std::move(uri)), language_id_(std::move(language_id)), version_(version), text_(std::make_shared<std::string>(std::move(text))), lines_(*text_) {
  may_hold_suppression_ = text_->find(kSuppressionMarker) != std::string::npos;
}

std::vector<std::string> Document::apply(std::int64_t version, const std::vector<TextChange>& changes,
                                         PositionEncoding enc, const Catalog& catalog) {
  std::vector<std::string> notes;
  if (version <= version_)
    notes.push_back("version " + std::to_string(version) + " does not follow " + std::to_string(version_) + "; applied anyway");
  std::size_t rescanned = 0;
  auto show = [](Position p) { return std::to_string(p.line) + ":" + std::to_string(p.character); };
  for (std::size_t k = 0; k < changes.size(); ++k) {
    const TextChange& c = changes[k];
    if (!c.range) {
      text_ = std::make_shared<std::string>(c.text);
      lines_ = LineIndex(*text_);
      may_hold_suppression_ = text_->find(kSuppressionMarker) != std::string::npos;
      invalidate_findings();
      continue;
    }
    const std::string& t = *text_;
    const ClampedOffset start = to_offset(t, lines_, c.range->start, enc), stop = to_offset(t, lines_, c.range->end, enc);
    std::size_t b = start.offset, e = stop.offset;
    if (!start.exact || !stop.exact)
      notes.push_back("change " + std::to_string(k + 1) + ": range " + show(c.range->start) + "-" + show(c.range->end) +
                      " is outside the text or inside a character; clamped");
    if (b > e) {
      std::swap(b, e);
      notes.push_back("change " + std::to_string(k + 1) + ": range start after its end; ends swapped");
    }
    replace(b, e, c.text, catalog);
    rescanned += last_rescanned_;
  }
  version_ = version;
  last_rescanned_ = rescanned;
  return notes;
}

void Document::set_scan(ScanResult r) {
  scan_ = std::move(r);
  findings_ = resolve(scan_.judged, scan_.profile);
  findings_ready_ = true;
  last_resolved_ = scan_.judged.size();
}

namespace {
// [lo, hi) of the items whose begin offset lies in [b, e); items are in text order.
template <class V, class Begin>
std::pair<typename V::iterator, typename V::iterator> span_of(V& v, std::size_t b, std::size_t e, Begin begin_of) {
  auto lo = std::lower_bound(v.begin(), v.end(), b, [&](const auto& x, std::size_t off) { return begin_of(x) < off; });
  auto hi = std::lower_bound(lo, v.end(), e, [&](const auto& x, std::size_t off) { return begin_of(x) < off; });
  return {lo, hi};
}
void shift(Finding& f, std::ptrdiff_t delta) {
  f.begin = static_cast<std::size_t>(static_cast<std::ptrdiff_t>(f.begin) + delta);
  f.end = static_cast<std::size_t>(static_cast<std::ptrdiff_t>(f.end) + delta);
}
}  // namespace

void Document::replace(std::size_t begin, std::size_t end, const std::string& inserted, const Catalog& catalog) {
  const std::string& old = *text_;
  // The edited lines are rescanned (a line is judged from itself alone). An edit right after
  // a lone "\r" may turn it into "\r\n" and join two lines: start a line earlier, so the
  // region begins at a line start of the new text too; and end after the following line, as
  // an edit can also split the last line or join it with the next.
  std::size_t first_line = lines_.line_of(begin);
  if (first_line > 0 && begin == lines_.line_start(first_line) && old[begin - 1] == '\r') --first_line;
  const std::size_t region_begin = lines_.line_start(first_line);
  const std::size_t last_line = lines_.line_of(end);
  const std::size_t region_end_old =
      lines_.next_line_start(std::min(last_line + 1, lines_.line_count() - 1), old.size());

  const auto delta = static_cast<std::ptrdiff_t>(inserted.size()) - static_cast<std::ptrdiff_t>(end - begin);
  // The old region's share of the profile, read before its text goes.
  ScanResult old_part;
  if (findings_ready_) scan_lines(old, region_begin, region_end_old, catalog, old_part);
  if (text_.use_count() == 1) {
    // Only this document holds the text: a local edit moves the tail, no whole copy.
    text_->replace(begin, end - begin, inserted);
  } else {
    std::string next;
    next.reserve(old.size() - (end - begin) + inserted.size());
    next.append(old, 0, begin).append(inserted).append(old, end, std::string::npos);
    text_ = std::make_shared<std::string>(std::move(next));
  }
  lines_.apply_edit(begin, end, inserted, *text_);
  if (!may_hold_suppression_) {
    // A marker can only have appeared in the inserted text or across its two seams.
    const std::size_t reach = kSuppressionMarker.size() - 1;
    const std::size_t from = begin > reach ? begin - reach : 0;
    const std::size_t to = std::min(text_->size(), begin + inserted.size() + reach);
    may_hold_suppression_ = std::string_view(*text_).substr(from, to - from).find(kSuppressionMarker) != std::string_view::npos;
  }
  last_rescanned_ = 0;
  last_resolved_ = 0;
  if (!findings_ready_) return;

  const std::size_t region_end_new = static_cast<std::size_t>(static_cast<std::ptrdiff_t>(region_end_old) + delta);
  ScanResult fresh;
  scan_lines(*text_, region_begin, region_end_new, catalog, fresh);
  const bool was_ipsec = scan_.profile.ipsec(), was_table = scan_.profile.table_of_codes();
  scan_.profile -= old_part.profile;
  scan_.profile += fresh.profile;

  auto judged_begin = [](const Judged& j) { return j.finding.begin; };
  auto [jlo, jhi] = span_of(scan_.judged, region_begin, region_end_old, judged_begin);
  for (auto it = jhi; it != scan_.judged.end(); ++it) shift(it->finding, delta);
  auto jpos = scan_.judged.erase(jlo, jhi);
  scan_.judged.insert(jpos, fresh.judged.begin(), fresh.judged.end());
  last_rescanned_ = region_end_new - region_begin;

  if (scan_.profile.ipsec() != was_ipsec || scan_.profile.table_of_codes() != was_table) {
    // The document's verdict moved (its first IKE word, its last one): every decimal is
    // judged again from the stored verdicts, without reading the text.
    findings_ = resolve(scan_.judged, scan_.profile);
    last_resolved_ = scan_.judged.size();
    return;
  }
  auto finding_begin = [](const Finding& f) { return f.begin; };
  auto [flo, fhi] = span_of(findings_, region_begin, region_end_old, finding_begin);
  for (auto it = fhi; it != findings_.end(); ++it) shift(*it, delta);
  auto fpos = findings_.erase(flo, fhi);
  const std::vector<Finding> resolved = resolve(fresh.judged, scan_.profile);
  findings_.insert(fpos, resolved.begin(), resolved.end());
  last_resolved_ = fresh.judged.size();
}

}  // namespace winerr
