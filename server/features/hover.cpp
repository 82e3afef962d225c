// hover.cpp — the explanation of the code under the cursor (finding_under: never waits for
// the whole-file scan, and never rescans a line once it is done).
#include "features.h"
#include "explanation.h"

namespace winerr {

json hover(const Document& doc, Position pos, PositionEncoding enc, const Catalog& catalog, const ClientCaps& caps,
           bool bare_decimals) {
  if (pos.line >= doc.lines().line_count()) return nullptr;
  const std::size_t offset = to_offset_clamped(doc.text(), doc.lines(), pos, enc);
  std::vector<Finding> scratch;
  const Finding* hit = finding_under(doc, pos, offset, catalog, bare_decimals, scratch);
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
