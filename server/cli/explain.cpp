// explain.cpp — `winerr-ls explain CODE…` and `winerr-ls catalog --json`.
#include <algorithm>
#include <cctype>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli.h"
#include "common.h"
#include "explanation.h"
#include "forms.h"
#include "jsonrpc.h"

namespace winerr::cli {

namespace {

// One argument in any spelling: name, 13801, 0x35E9, 0x800735E9, -2147011095, 2147956201.
const Entry* lookup(std::string arg, const Catalog& cat) {
  while (!arg.empty() && std::isspace(static_cast<unsigned char>(arg.back()))) arg.pop_back();
  while (!arg.empty() && std::isspace(static_cast<unsigned char>(arg.front()))) arg.erase(0, 1);
  if (arg.empty()) return nullptr;
  std::string upper = arg;
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (const Entry* e = cat.find_name(upper)) return e;
  try {
    std::size_t used = 0;
    long long v;
    if (upper.rfind("0X", 0) == 0) {
      v = static_cast<long long>(std::stoull(upper.substr(2), &used, 16));
      used += 2;
    } else {
      v = std::stoll(upper, &used, 10);
    }
    if (used != upper.size()) return nullptr;
    if (v < 0) v += 0x100000000LL;
    if (v < 0 || v > 0xFFFFFFFFLL) return nullptr;
    if (v <= 0xFFFF) return cat.find(Family::Win32, static_cast<std::uint32_t>(v));
    return cat.find_status32(static_cast<std::uint32_t>(v));
  } catch (...) {
    return nullptr;
  }
}

}  // namespace

int explain(const std::vector<std::string>& args) {
  bool json = false;
  std::string user;
  std::vector<std::string> codes;
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--format" && i + 1 < args.size()) {
      std::string f = args[++i];
      if (f == "json") json = true;
      else if (f != "text") return fail("--format must be text or json, not '" + f + "'");
    } else if (args[i] == "--catalog" && i + 1 < args.size()) {
      user = args[++i];
    } else if (args[i].size() > 1 && args[i][0] == '-' && !std::isdigit(static_cast<unsigned char>(args[i][1]))) {
      return fail("unknown option '" + args[i] + "' (see winerr-ls --help)");
    } else {
      codes.push_back(args[i]);
    }
  }
  if (codes.empty()) return fail("explain needs a code: a name, 13801, 0x35E9, 0x800735E9, -2147011095, or words of its text");
  auto cat = load_catalog(user);
  if (!cat) return 2;
  int rc = 0;
  nlohmann::json out = nlohmann::json::array();
  bool first = true;
  for (const std::string& code : codes) {
    std::vector<const Entry*> hits;
    if (const Entry* e = lookup(code, *cat)) hits.push_back(e);
    else if (code.find_first_of("abcdefghijklmnopqrstuvwxyz ") != std::string::npos) hits = cat->search_text(code);
    if (hits.empty()) {
      rc = fail("unknown code '" + code + "': not in the catalog (Win32 13000-13932, STATUS_IPSEC_*, FWP_E_*), and no text matches it");
      continue;
    }
    if (json) {
      for (auto* e : hits) out.push_back(render_json(*e, *cat));
      continue;
    }
    if (hits.size() > 1) {
      std::cout << (first ? "" : "\n") << hits.size() << " codes match \"" << code << "\":\n";
      for (auto* e : hits) std::cout << "  " << title(*e) << ": " << e->message << "\n";
      std::cout << "Run winerr-ls explain NAME for one of them.\n";
    } else {
      std::cout << (first ? "" : "\n") << render_text(*hits[0], *cat);
    }
    first = false;
  }
  if (json) std::cout << out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  return rc;
}

int catalog(const std::vector<std::string>& args) {
  std::string user;
  bool json = false;
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--json") json = true;
    else if (args[i] == "--catalog" && i + 1 < args.size()) user = args[++i];
    else return fail("unknown argument '" + args[i] + "' to catalog (use --json, --catalog FILE)");
  }
  auto cat = load_catalog(user);
  if (!cat) return 2;
  if (!json) {
    for (auto& e : cat->entries()) std::cout << title(e) << ": " << e.message << "\n";
    return 0;
  }
  nlohmann::json codes = nlohmann::json::array(), neighbours = nlohmann::json::array(), sources = nlohmann::json::array();
  for (auto& e : cat->entries()) (e.family == Family::Win32 ? codes : neighbours).push_back(render_json(e, *cat));
  for (auto& s : cat->sources())
    sources.push_back({{"id", std::string(s.id)}, {"class", std::string(s.klass)}, {"citation", std::string(s.citation)}});
  nlohmann::json aliases = nlohmann::json::object();
  for (auto& [a, t] : Catalog::aliases()) aliases[std::string(a)] = std::string(t);
  std::cout << nlohmann::json{{"codes", codes}, {"neighbours", neighbours}, {"aliases", aliases}, {"sources", sources}}
                   .dump(2, ' ', false, nlohmann::json::error_handler_t::replace)
            << "\n";
  return 0;
}

}  // namespace winerr::cli
