// inlay_hints.cpp — "13801 ‹ERROR_IPSEC_IKE_AUTH_FAIL›": the name after each numeric code.
// Only after certain findings (a hint is a claim: a possible finding would put a name on what
// may be a port number), and not where the name is already written beside the number.
#include <cctype>

#include "features.h"
#include "policy.h"

namespace winerr {

namespace {

bool word_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

// Does the finding's line spell its name as a whole word? The judge reports a name beside a
// number as Why::NameBeside, but an HRESULT form is certain by its spelling alone and never
// asks for a label ("0x800735E9 (ERROR_IPSEC_IKE_AUTH_FAIL)"), so the line is read too.
bool line_spells_name(const Document& doc, const Finding& f) {
  const std::string_view text(doc.text()), name = f.entry->name;
  const std::size_t line = doc.lines().line_of(f.begin);
  const std::size_t ls = doc.lines().line_start(line), le = doc.lines().content_end(text, line);
  const std::string_view l = text.substr(ls, le - ls);
  for (std::size_t at = l.find(name); at != std::string_view::npos; at = l.find(name, at + 1))
    if ((at == 0 || !word_char(l[at - 1])) && (at + name.size() == l.size() || !word_char(l[at + name.size()]))) return true;
  return false;
}

}  // namespace

json inlay_hints(const Document& doc, Range range, PositionEncoding enc, const Catalog& catalog, const Settings& settings,
                 const Policy& policy) {
  json out = json::array();
  if (!settings.inlay_hints) return out;
  const std::size_t b = to_offset_clamped(doc.text(), doc.lines(), range.start, enc);
  const std::size_t e = to_offset_clamped(doc.text(), doc.lines(), range.end, enc);
  std::vector<Finding> scratch;
  for (const Finding* found : findings_touching(doc, range, b, e, catalog, /*with_bare=*/false, scratch)) {
    const Finding& f = *found;
    if (f.form == Form::Name || f.confidence != Confidence::Certain) continue;
    // A code the settings hide (ignored, off, suppressed) gets no name either.
    if (!policy.severity(f, doc_kind(doc.language_id()), suppressed(doc, f, catalog))) continue;
    if (f.why == Why::NameBeside || line_spells_name(doc, f)) continue;
    out.push_back({{"position", to_json(to_position(doc.text(), doc.lines(), f.end, enc))},
                   {"label", std::string(f.entry->name)},
                   {"kind", 1},
                   {"paddingLeft", true}});
  }
  return out;
}

}  // namespace winerr
