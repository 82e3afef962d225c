// inlay_hints.cpp — "13801 ‹ERROR_IPSEC_IKE_AUTH_FAIL›": the name after each numeric code.
// Only after certain findings (a hint is a claim: a possible finding would put a name on what
// may be a port number), and not where the line already spells the name out.
#include "features.h"
#include "policy.h"

namespace winerr {

json inlay_hints(const Document& doc, Range range, PositionEncoding enc, const Catalog& catalog, const Settings& settings,
                 const Policy& policy) {
  json out = json::array();
  if (!settings.inlay_hints) return out;
  const std::size_t b = to_offset_clamped(doc.text(), doc.lines(), range.start, enc);
  const std::size_t e = to_offset_clamped(doc.text(), doc.lines(), range.end, enc);
  std::vector<Finding> scanned;
  const std::vector<Finding>* findings = &doc.findings();
  if (!doc.findings_ready()) {
    scanned = scan_line_range(doc, range.start.line, range.end.line, catalog);
    findings = &scanned;
  }
  for (auto& f : *findings) {
    if (f.end < b || f.begin > e || f.form == Form::Name || f.confidence != Confidence::Certain) continue;
    // A code the settings hide (ignored, off, suppressed) gets no name either.
    if (!policy.severity(f, doc_kind(doc.language_id()), suppressed(doc, f, catalog))) continue;
    const std::size_t line = doc.lines().line_of(f.begin);
    const std::string_view text(doc.text());
    const std::size_t ls = doc.lines().line_start(line), le = doc.lines().content_end(text, line);
    if (text.substr(ls, le - ls).find(f.entry->name) != std::string_view::npos) continue;
    out.push_back({{"position", to_json(to_position(doc.text(), doc.lines(), f.end, enc))},
                   {"label", std::string(f.entry->name)},
                   {"kind", 1},
                   {"paddingLeft", true}});
  }
  return out;
}

}  // namespace winerr
