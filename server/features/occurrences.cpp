// occurrences.cpp — every mention of the code under the cursor, in any spelling (13801,
// 0x35E9, 0x800735E9, -2147011095, ERROR_IPSEC_IKE_AUTH_FAIL): document highlights in this
// document, references across the open documents. Two catalogs (two folders) may hold the
// same code as different entries, so codes are compared by family and value (key_of).
#include "features.h"

namespace winerr {

std::optional<CodeKey> code_at(const Document& doc, Position pos, PositionEncoding enc, const Catalog& catalog) {
  if (pos.line >= doc.lines().line_count()) return std::nullopt;
  const std::size_t offset = to_offset_clamped(doc.text(), doc.lines(), pos, enc);
  std::vector<Finding> scratch;
  if (const Finding* f = finding_under(doc, pos, offset, catalog, /*with_bare=*/false, scratch)) return key_of(*f->entry);
  return std::nullopt;
}

void add_occurrences(const Document& doc, const CodeKey& code, PositionEncoding enc, std::size_t max, json& out,
                     const std::function<json(json range)>& make) {
  for (const Finding& f : doc.findings()) {
    if (out.size() >= max) return;
    if (!is_bare(f) && key_of(*f.entry) == code) out.push_back(make(to_json(doc, f.begin, f.end, enc)));
  }
}

}  // namespace winerr
