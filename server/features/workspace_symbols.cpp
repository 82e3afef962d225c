// workspace_symbols.cpp — workspace/symbol: the mentions of codes in the open documents that
// answer a query, by name, by number or by the words of the official text. Each mention is one
// SymbolInformation, so "go to symbol in workspace" jumps to where a code was logged.
// A document shows what its diagnostics show (visible_findings): an ignored code, a suppressed
// line or a setting's hidden form is not there to find.
#include <algorithm>
#include <map>

#include "features.h"
#include "platform/platform.h"
#include "platform/uri.h"
#include "policy.h"

namespace winerr {

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }
char upper(char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; }

bool icontains(std::string_view hay, std::string_view needle) {
  return std::search(hay.begin(), hay.end(), needle.begin(), needle.end(),
                     [](char a, char b) { return upper(a) == upper(b); }) != hay.end();
}

// What the user sees beside each symbol: the file name, as an editor's tab shows it; the URI
// for a document that is no file (`untitled:Untitled-1`).
std::string container_of(const std::string& uri) {
  if (auto path = platform::uri_to_path(uri)) {
    const std::string name = platform::path_to_utf8(platform::path_from_utf8(*path).filename());
    if (!name.empty()) return name;
  }
  return uri;
}

}  // namespace

SymbolQuery::SymbolQuery(std::string_view query) {
  while (!query.empty() && is_space(query.front())) query.remove_prefix(1);
  while (!query.empty() && is_space(query.back())) query.remove_suffix(1);
  text_ = std::string(query);
  for (std::size_t i = 0; i < query.size();) {
    while (i < query.size() && is_space(query[i])) ++i;
    const std::size_t b = i;
    while (i < query.size() && !is_space(query[i])) ++i;
    if (i > b) words_.emplace_back(query.substr(b, i - b));
  }
}

bool SymbolQuery::matches(const Entry& e, const Catalog& catalog) const {
  if (text_.empty()) return true;
  if (icontains(e.name, text_)) return true;
  // Any spelling of the number (13801, 0x35e9, 0x800735E9, -2147011095, an alias), read the way
  // the settings read a code; compared by key, as the catalog resolving it may not be e's.
  if (const Entry* n = parse_code(text_, catalog); n && key_of(*n) == key_of(e)) return true;
  return std::all_of(words_.begin(), words_.end(), [&](const std::string& w) { return icontains(e.message, w); });
}

void add_workspace_symbols(const Document& doc, const std::vector<Finding>& findings, const Policy& policy,
                           const Catalog& catalog, const SymbolQuery& query, PositionEncoding enc, std::size_t max, json& out) {
  if (out.size() >= max) return;
  // A log holds the same few codes thousands of times: ask the query once per code.
  std::map<const Entry*, bool> answer;
  const std::string container = container_of(doc.uri());
  for (const Visible& v : visible_findings(doc, findings, policy, catalog)) {
    if (out.size() >= max) return;
    const Entry& e = *v.finding->entry;
    auto [it, fresh] = answer.emplace(&e, false);
    if (fresh) it->second = query.matches(e, catalog);
    if (!it->second) continue;
    out.push_back({{"name", std::string(e.name)},
                   {"kind", 14},  // Constant
                   {"location", {{"uri", doc.uri()}, {"range", to_json(doc, v.finding->begin, v.finding->end, enc)}}},
                   {"containerName", container}});
  }
}

}  // namespace winerr
