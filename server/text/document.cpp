// document.cpp — see document.h.
#include "document.h"

#include <algorithm>

namespace winerr {

Document::Document(std::string uri, std::int64_t version, std::string text, std::string language_id)
    : uri_(std::move(uri)), language_id_(std::move(language_id)), version_(version), text_(std::make_shared<const std::string>(std::move(text))), lines_(*text_) {}

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
      text_ = std::make_shared<const std::string>(c.text);
      lines_ = LineIndex(*text_);
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

void Document::replace(std::size_t begin, std::size_t end, const std::string& inserted, const Catalog& catalog) {
  const std::string& old = *text_;
  // Region whose findings may change: from the start of the edited line to the end of the
  // line after the edit (that line's context includes the previous line).
  std::size_t first_line = lines_.line_of(begin);
  // An edit right after a lone "\r" may turn it into "\r\n" and join two lines: start a line
  // earlier, so the region begins at a line start of the new text too.
  if (first_line > 0 && begin == lines_.line_start(first_line) && old[begin - 1] == '\r') --first_line;
  const std::size_t region_begin = lines_.line_start(first_line);
  const std::size_t last_line = lines_.line_of(end);
  const std::size_t region_end_old =
      lines_.next_line_start(std::min(last_line + 1, lines_.line_count() - 1), old.size());

  std::string next;
  next.reserve(old.size() - (end - begin) + inserted.size());
  next.append(old, 0, begin).append(inserted).append(old, end, std::string::npos);
  const auto delta = static_cast<std::ptrdiff_t>(inserted.size()) - static_cast<std::ptrdiff_t>(end - begin);
  text_ = std::make_shared<const std::string>(std::move(next));
  lines_.apply_edit(begin, end, inserted, *text_);
  last_rescanned_ = 0;
  if (!findings_ready_) return;

  const std::size_t region_end_new = static_cast<std::size_t>(static_cast<std::ptrdiff_t>(region_end_old) + delta);
  auto lo = std::lower_bound(findings_.begin(), findings_.end(), region_begin,
                             [](const Finding& f, std::size_t off) { return f.begin < off; });
  auto hi = std::lower_bound(lo, findings_.end(), region_end_old,
                             [](const Finding& f, std::size_t off) { return f.begin < off; });
  std::vector<Finding> fresh;
  scan_lines(*text_, region_begin, region_end_new, catalog, fresh);
  // scan_lines rounds up to whole lines; keep only what starts inside the region.
  std::erase_if(fresh, [&](const Finding& f) { return f.begin >= region_end_new && region_end_new < text_->size(); });
  for (auto it = hi; it != findings_.end(); ++it) {
    it->begin = static_cast<std::size_t>(static_cast<std::ptrdiff_t>(it->begin) + delta);
    it->end = static_cast<std::size_t>(static_cast<std::ptrdiff_t>(it->end) + delta);
  }
  auto pos = findings_.erase(lo, hi);
  findings_.insert(pos, fresh.begin(), fresh.end());
  last_rescanned_ = region_end_new - region_begin;
}

}  // namespace winerr
