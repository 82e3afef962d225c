// diagnostics.cpp — findings -> Diagnostic[]. Severity says how bad the code is (Error,
// Warning for WARNING_*, Information for range markers) unless the scanner was not sure,
// which is always a Hint so that a guess never squiggles.
#include <algorithm>

#include "features.h"
#include "explanation.h"
#include "forms.h"

namespace winerr {

int severity_of(const Finding& f) {
  if (f.confidence == Confidence::Possible) return 4;
  switch (f.entry->kind()) {
    case Kind::Error: return 1;
    case Kind::Warning: return 2;
    case Kind::RangeMarker: return 3;
  }
  return 1;
}

json diagnostics(const Document& doc, const std::vector<Finding>& findings, const Settings& settings, PositionEncoding enc) {
  std::vector<const Finding*> shown;
  shown.reserve(std::min(findings.size(), settings.max_diagnostics + 1));
  for (auto& f : findings)
    if (settings.show_possible || f.confidence == Confidence::Certain) shown.push_back(&f);
  const std::size_t total = shown.size();
  // Most severe first, then document order: a cap keeps the errors, not the first lines.
  std::stable_sort(shown.begin(), shown.end(), [](const Finding* a, const Finding* b) { return severity_of(*a) < severity_of(*b); });
  if (shown.size() > settings.max_diagnostics) shown.resize(settings.max_diagnostics);

  json out = json::array();
  for (const Finding* f : shown) {
    const Entry& e = *f->entry;
    json d{{"range", to_json(doc, f->begin, f->end, enc)},
           {"severity", severity_of(*f)},
           {"source", "winerr"},
           {"code", std::string(e.name)},
           {"codeDescription", {{"href", microsoft_page(e.family)}}},
           {"message", one_line(e)},
           {"data",
            {{"value", e.value},
             {"family", std::string(to_string(e.family))},
             {"form", std::string(to_string(f->form))},
             {"confidence", std::string(to_string(f->confidence))},
             {"why", explain_why(*f, doc.text())}}}};
    out.push_back(std::move(d));
  }
  if (total > shown.size()) {
    out.push_back({{"range", {{"start", {{"line", 0}, {"character", 0}}}, {"end", {{"line", 0}, {"character", 0}}}}},
                   {"severity", 3},
                   {"source", "winerr"},
                   {"message", std::to_string(total - shown.size()) + " more error-code findings are not shown (limit winerr.maxDiagnostics = " +
                                   std::to_string(settings.max_diagnostics) +
                                   "). Raise the setting, or run `winerr-ls check FILE` to list them all."}});
  }
  return out;
}

}  // namespace winerr
