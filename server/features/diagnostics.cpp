// diagnostics.cpp — findings -> Diagnostic[]. Severity says how bad the code is (Error,
// Warning for WARNING_*, Information for range markers) unless the scanner was not sure,
// which is always a Hint so that a guess never squiggles.
#include <algorithm>

#include "features.h"
#include "explanation.h"
#include "forms.h"
#include "policy.h"

namespace winerr {

json diagnostic_json(const Finding& f, int severity, json range, const std::string& why) {
  const Entry& e = *f.entry;
  return {{"range", std::move(range)},
          {"severity", severity},
          {"source", "winerr"},
          {"code", std::string(e.name)},
          {"codeDescription", {{"href", microsoft_page(e.family)}}},
          {"message", diagnostic_message(e, f.confidence == Confidence::Possible)},
          {"data",
           {{"value", e.value},
            {"family", std::string(to_string(e.family))},
            {"form", std::string(to_string(f.form))},
            {"confidence", std::string(to_string(f.confidence))},
            {"why", why}}}};
}

json capped_diagnostics(std::vector<Visible> shown, const Settings& settings, const std::function<json(const Visible&)>& make) {
  const std::size_t total = shown.size();
  // Most severe first, then document order: a cap keeps the errors, not the first lines.
  std::stable_sort(shown.begin(), shown.end(), [](const Visible& a, const Visible& b) { return a.severity < b.severity; });
  if (shown.size() > settings.max_diagnostics) shown.resize(settings.max_diagnostics);
  json out = json::array();
  for (const Visible& v : shown) out.push_back(make(v));
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

json diagnostics(const Document& doc, const std::vector<Finding>& findings, const Settings& settings, const Policy& policy,
                 const Catalog& catalog, PositionEncoding enc) {
  return capped_diagnostics(visible_findings(doc, findings, policy, catalog), settings, [&](const Visible& v) {
    return diagnostic_json(*v.finding, v.severity, to_json(doc, v.finding->begin, v.finding->end, enc), explain_why(*v.finding, doc.text()));
  });
}

}  // namespace winerr
