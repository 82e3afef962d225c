// hover.cpp — the explanation of the code under the cursor. Until the whole-file scan is done
// it scans only the cursor's line, so a hover never waits for that scan; after, it looks the
// finding up (a one-line log of 50 MB would be scanned whole for every hover).
#include "features.h"
#include "explanation.h"

namespace winerr {

json hover(const Document& doc, Position pos, PositionEncoding enc, const Catalog& catalog, const ClientCaps& caps,
           bool bare_decimals) {
  if (pos.line >= doc.lines().line_count()) return nullptr;
  const std::size_t offset = to_offset_clamped(doc.text(), doc.lines(), pos, enc);
  // Once the whole document is scanned, its findings answer (a binary search); before, the
  // cursor's line is scanned. The answer is the same: a line is judged from itself alone.
  std::vector<Finding> found;
  const Finding* hit = nullptr;
  if (doc.findings_ready()) {
    hit = finding_at_sorted(doc.findings(), offset, bare_decimals);
  } else {
    found = scan_line_range(doc, pos.line, pos.line, catalog, bare_decimals);
    hit = finding_at(found, offset);
  }
  if (!hit) return nullptr;
  // A client whose contentFormat leaves out markdown would show the markup as is.
  // The last line says why this token was taken for a code, so a reader can trust it or
  // report it.
  const std::string why = explain_why(*hit, doc.text());
  // The short answer; the full explanation is one `winerr-ls explain` away (it says so).
  json contents = caps.hover_markdown
                      ? json{{"kind", "markdown"}, {"value", render_hover_markdown(*hit->entry, catalog, why)}}
                      : json{{"kind", "plaintext"}, {"value", render_hover_text(*hit->entry, catalog, why)}};
  return {{"contents", std::move(contents)},
          {"range", to_json(doc, hit->begin, hit->end, enc)}};
}

}  // namespace winerr
