// document_links.cpp — each finding links to Microsoft's page of its error family (the same
// page as Diagnostic.codeDescription), for clients that open links from the text itself.
#include "features.h"
#include "forms.h"
#include "policy.h"

namespace winerr {

json document_links(const Document& doc, const std::vector<Finding>& findings, const Policy& policy, const Catalog& catalog,
                    PositionEncoding enc, std::size_t max_links) {
  json out = json::array();
  for (const Visible& v : visible_findings(doc, findings, policy, catalog)) {
    if (out.size() >= max_links) break;  // as many as diagnostics are shown (maxDiagnostics)
    const Entry& e = *v.finding->entry;
    out.push_back({{"range", to_json(doc, v.finding->begin, v.finding->end, enc)},
                   {"target", microsoft_page(e.family)},
                   {"tooltip", "Microsoft's page of " + std::string(e.name)}});
  }
  return out;
}

}  // namespace winerr
