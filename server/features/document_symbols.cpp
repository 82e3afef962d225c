// document_symbols.cpp — the outline of a log is its failures: one symbol per code, in the
// order of first appearance, named with its count and its first and last line
// ("ERROR_IPSEC_IKE_AUTH_FAIL — 12×, lines 40–19,880"), its occurrences as children.
#include <map>

#include "explanation.h"
#include "features.h"
#include "policy.h"

namespace winerr {

namespace {

// 19880 -> "19,880": the lines of a long log are read more easily grouped.
std::string grouped(std::size_t n) {
  std::string s = std::to_string(n);
  for (std::ptrdiff_t i = static_cast<std::ptrdiff_t>(s.size()) - 3; i > 0; i -= 3) s.insert(static_cast<std::size_t>(i), ",");
  return s;
}

}  // namespace

json document_symbols(const Document& doc, const std::vector<Finding>& findings, const Policy& policy, const Catalog& catalog,
                      PositionEncoding enc) {
  struct Group {
    std::vector<const Finding*> all;
  };
  std::vector<Group> groups;                 // in order of first appearance
  std::map<const Entry*, std::size_t> index;  // entry -> its group
  for (const Visible& v : visible_findings(doc, findings, policy, catalog)) {
    auto [it, fresh] = index.emplace(v.finding->entry, groups.size());
    if (fresh) groups.emplace_back();
    groups[it->second].all.push_back(v.finding);
  }
  json out = json::array();
  for (const Group& g : groups) {
    const Entry& e = *g.all.front()->entry;
    const std::size_t first = doc.lines().line_of(g.all.front()->begin) + 1, last = doc.lines().line_of(g.all.back()->begin) + 1;
    std::string name = std::string(e.name) + " — " + grouped(g.all.size()) + "×, ";
    name += first == last ? "line " + grouped(first) : "lines " + grouped(first) + "–" + grouped(last);
    json children = json::array();
    // Each occurrence, up to kSymbolChildren per code: an outline of 100,000 rows helps no one.
    for (std::size_t i = 0; i < g.all.size() && i < kSymbolChildren; ++i) {
      const Finding& f = *g.all[i];
      const json where = to_json(doc, f.begin, f.end, enc);
      children.push_back({{"name", "line " + grouped(doc.lines().line_of(f.begin) + 1) + ": " + doc.text().substr(f.begin, f.end - f.begin)},
                          {"kind", 14},
                          {"range", where},
                          {"selectionRange", where}});
    }
    out.push_back({{"name", name},
                   {"detail", diagnostic_message(e, false)},
                   {"kind", 14},  // Constant
                   {"range", to_json(doc, g.all.front()->begin, g.all.back()->end, enc)},
                   {"selectionRange", to_json(doc, g.all.front()->begin, g.all.front()->end, enc)},
                   {"children", std::move(children)}});
  }
  return out;
}

}  // namespace winerr
