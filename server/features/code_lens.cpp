// code_lens.cpp — the summary lens: one line above the first line of a document sums up its
// failures ("14 IPsec/IKE errors: 13801 ×12, 13868 ×2"), and its command reveals the outline.
// Counted over what the diagnostics show (ignored codes and suppressed lines left out), not
// capped by maxDiagnostics: the point of a summary is the whole document.
#include <algorithm>
#include <map>

#include "features.h"
#include "forms.h"
#include "policy.h"

namespace winerr {

std::string summary_title(const Document& doc, const std::vector<Finding>& findings, const Policy& policy, const Catalog& catalog) {
  struct Count {
    const Entry* entry;
    std::size_t n = 0, first = 0;  // first: order of first appearance, for ties
  };
  std::vector<Count> counts;
  std::map<const Entry*, std::size_t> index;
  std::size_t total = 0;
  bool only_errors = true;
  for (const Visible& v : visible_findings(doc, findings, policy, catalog)) {
    const Entry* e = v.finding->entry;
    auto [it, fresh] = index.emplace(e, counts.size());
    if (fresh) counts.push_back({e, 0, counts.size()});
    ++counts[it->second].n;
    ++total;
    only_errors = only_errors && e->kind() == Kind::Error;
  }
  if (total == 0) return "";
  // Most frequent first: the code a reader should look at leads.
  std::stable_sort(counts.begin(), counts.end(), [](const Count& a, const Count& b) { return a.n > b.n; });
  // "errors" only when every one is an error code; a WARNING_IPSEC_… is no error.
  std::string title = std::to_string(total) + " IPsec/IKE " + (only_errors ? "error" : "code") + (total == 1 ? "" : "s") + ": ";
  for (std::size_t i = 0; i < counts.size() && i < kSummaryLensCodes; ++i)
    title += (i ? ", " : "") + code_number(*counts[i].entry) + " ×" + std::to_string(counts[i].n);
  if (counts.size() > kSummaryLensCodes) title += ", +" + std::to_string(counts.size() - kSummaryLensCodes) + " more";
  return title;
}

json code_lenses(const Document& doc, const std::vector<Finding>& findings, const Policy& policy, const Catalog& catalog) {
  const std::string title = summary_title(doc, findings, policy, catalog);
  if (title.empty()) return json::array();
  const json start = {{"line", 0}, {"character", 0}};
  return json::array({{{"range", {{"start", start}, {"end", start}}},
                       {"command", {{"title", title}, {"command", kShowOutlineCommand}, {"arguments", json::array({doc.uri()})}}}}});
}

}  // namespace winerr
