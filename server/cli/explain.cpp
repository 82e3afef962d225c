// explain.cpp — `winerr-ls explain CODE…` and `winerr-ls catalog --json`.
#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <string_view>
#include <utility>
#include <vector>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli.h"
#include "common.h"
#include "explanation.h"
#include "forms.h"
#include "jsonrpc.h"

namespace winerr::cli {

namespace {

std::string trimmed(std::string s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.pop_back();
  std::size_t b = 0;
  while (b < s.size() && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  return s.substr(b);
}

std::string upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

bool all_of(std::string_view s, int (*pred)(int)) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [&](char c) { return pred(static_cast<unsigned char>(c)) != 0; });
}

// Prefixes a pasted name may lack: IKE_AUTH_FAIL, ipsec_ike_auth_fail -> ERROR_IPSEC_IKE_AUTH_FAIL.
constexpr std::string_view kNamePrefixes[] = {"", "ERROR_", "ERROR_IPSEC_", "STATUS_IPSEC_", "STATUS_", "FWP_E_"};

const Entry* by_value(unsigned long long v, const Catalog& cat) {
  if (v > 0xFFFFFFFFULL) return nullptr;
  if (v <= 0xFFFF) return cat.find(Family::Win32, static_cast<std::uint32_t>(v));
  return cat.find_status32(static_cast<std::uint32_t>(v));
}

// One argument in any spelling: name (ERROR_ optional, any case), 13801, 0x35E9, 0X35e9,
// 0x800735E9, 80073655 (8 hex digits), hr=0x80073655, -2147011095, 2147956201.
const Entry* lookup(const std::string& arg, const Catalog& cat) {
  std::string a = trimmed(arg);
  // "hr=0x80073655", "error: 13801", "status=0xC0360001": drop the key.
  if (auto k = a.find_first_of("=:"); k != std::string::npos && k > 0 &&
                                       all_of(std::string_view(a).substr(0, k), [](int c) { return std::isalnum(c) || c == '_' ? 1 : 0; }))
    a = trimmed(a.substr(k + 1));
  if (a.empty()) return nullptr;
  const std::string up = upper(a);
  for (std::string_view prefix : kNamePrefixes)
    if (const Entry* e = cat.find_name(std::string(prefix) + up)) return e;
  try {
    if (up.starts_with("0X") && all_of(std::string_view(up).substr(2), std::isxdigit))
      return by_value(std::stoull(up.substr(2), nullptr, 16), cat);
    const bool negative = up.starts_with("-");
    const std::string digits = negative ? up.substr(1) : up;
    if (all_of(digits, std::isdigit)) {
      unsigned long long v = std::stoull(digits);
      if (negative) {
        if (v == 0 || v > 0x80000000ULL) return nullptr;
        v = 0x100000000ULL - v;
      }
      if (const Entry* e = by_value(v, cat)) return e;
      if (!negative && digits.size() == 8) return by_value(std::stoull(digits, nullptr, 16), cat);  // 80073655
      return nullptr;
    }
    // Hex without 0x: 800735E9 (8 digits) or a shorter value with a letter in it (35E9).
    if (!negative && all_of(up, std::isxdigit) && up.size() <= 8) return by_value(std::stoull(up, nullptr, 16), cat);
  } catch (...) {
  }
  return nullptr;
}

// Whether an argument that is no code spelling holds words to look for in the codes' texts:
// a run of three letters or more. "0x", "0x0g" or "x" are typos of a number, and a search for
// them would match some text that happens to hold "0x" (it once answered "0x" with 13909).
bool has_word(std::string_view s) {
  std::size_t run = 0;
  for (char c : s) {
    run = std::isalpha(static_cast<unsigned char>(c)) ? run + 1 : 0;
    if (run >= 3) return true;
  }
  return false;
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diag = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diag = up;
    }
  }
  return row[b.size()];
}

// The closest known codes to an unknown argument: by name (edit distance to the name or to
// it without its prefix; a name that contains the argument counts as close), or, for a
// number near the IPsec block, the nearest values. At most three.
std::vector<const Entry*> closest(const std::string& arg, const Catalog& cat) {
  std::string a = upper(trimmed(arg));
  if (auto k = a.find_first_of("=:"); k != std::string::npos) a = trimmed(a.substr(k + 1));
  std::vector<std::pair<std::size_t, const Entry*>> scored;
  if (all_of(a, std::isdigit) && a.size() <= 6) {
    const long long v = std::stoll(a);
    for (const Entry& e : cat.entries())
      if (e.family == Family::Win32 && std::llabs(static_cast<long long>(e.value) - v) <= 3)
        scored.push_back({static_cast<std::size_t>(std::llabs(static_cast<long long>(e.value) - v)), &e});
  } else if (a.size() >= 3 && all_of(a, [](int c) { return std::isalnum(c) || c == '_' ? 1 : 0; })) {
    const std::size_t limit = std::max<std::size_t>(2, a.size() / 4);
    for (const Entry& e : cat.entries()) {
      std::size_t best = std::string_view(e.name).find(a) != std::string_view::npos ? 0 : limit + 1;
      for (std::string_view prefix : kNamePrefixes)
        if (e.name.starts_with(prefix)) best = std::min(best, edit_distance(a, e.name.substr(prefix.size())));
      if (best <= limit) scored.push_back({best, &e});
    }
  }
  std::stable_sort(scored.begin(), scored.end(), [](auto& x, auto& y) { return x.first < y.first; });
  std::vector<const Entry*> out;
  for (auto& [d, e] : scored)
    if (out.size() < 3) out.push_back(e);
  return out;
}

// A citation from SOURCES.tsv as a title and where to read it: the first http(s) address, else
// the `repository`, `path` it names. The title is the first sentence of what is left.
std::pair<std::string, std::string> title_and_where(std::string_view citation) {
  std::string rest(citation), where;
  std::size_t at = rest.find("https://");
  if (at == std::string::npos) at = rest.find("http://");
  if (at != std::string::npos) {
    std::size_t end = at;
    while (end < rest.size() && !std::isspace(static_cast<unsigned char>(rest[end])) && rest[end] != '`') ++end;
    where = rest.substr(at, end - at);
    while (!where.empty() && std::string_view(".,;").find(where.back()) != std::string_view::npos) where.pop_back();
    if (!where.empty() && where.back() == ')' && where.find('(') == std::string::npos) where.pop_back();
    rest.erase(at, where.size());
  }
  // `repo`, `path`: kept as the place to read it when there is no address, dropped from the title
  for (std::size_t b; (b = rest.find('`')) != std::string::npos;) {
    std::size_t e = rest.find('`', b + 1);
    if (e == std::string::npos) { rest.erase(b, 1); continue; }
    if (at == std::string::npos) {
      if (!where.empty()) where += ' ';
      where.append(rest, b + 1, e - b - 1);
    }
    rest.erase(b, e - b + 1);
  }
  std::string t;
  for (std::size_t pos = 0; pos < rest.size() && t.empty();) {  // the first non-empty sentence
    std::size_t dot = rest.find(". ", pos);
    while (dot != std::string::npos && dot >= 3 && (rest.compare(dot - 3, 3, "e.g") == 0 || rest.compare(dot - 3, 3, "i.e") == 0))
      dot = rest.find(". ", dot + 2);
    t = trimmed(rest.substr(pos, dot == std::string::npos ? std::string::npos : dot - pos));
    while (!t.empty() && std::string_view(" .,:;(").find(t.back()) != std::string_view::npos) t.pop_back();
    while (!t.empty() && std::string_view(" .,:;)").find(t.front()) != std::string_view::npos) t.erase(0, 1);
    for (std::string_view tail : {" read via", " read through", " via the mirror"})
      if (t.ends_with(tail)) t = trimmed(t.substr(0, t.size() - tail.size()));
    while (!t.empty() && std::string_view(" .,:;(").find(t.back()) != std::string_view::npos) t.pop_back();
    if (dot == std::string::npos) break;
    pos = dot + 2;
  }
  if (t.empty()) std::swap(t, where);
  return {t, where};
}

// Every source id an entry's printed claims cite, in order of first appearance.
void collect_sources(const Entry& e, std::vector<std::string>& ids) {
  auto add = [&](const Claim& c) {
    std::string_view s = c.sources;
    while (!s.empty()) {
      auto comma = s.find(',');
      std::string id = trimmed(std::string(s.substr(0, comma)));
      if (!id.empty() && std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
      if (comma == std::string_view::npos) break;
      s.remove_prefix(comma + 1);
    }
  };
  for (const Claim* c : {&e.summary, &e.meaning, &e.where}) add(*c);
  for (auto& c : e.causes) add(c);
  for (auto& c : e.checks) add(c);
  for (auto& r : e.related) add(r.why);
}

}  // namespace

int explain(const std::vector<std::string>& args) {
  bool json = false, options_done = false;
  std::string user;
  std::vector<std::string> codes;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (options_done) {
      codes.push_back(a);
    } else if (a == "--") {
      options_done = true;
    } else if (a == "--format" || a == "--catalog") {
      if (i + 1 >= args.size()) return fail(a + " needs a value (see winerr-ls explain --help)");
      const std::string& v = args[++i];
      if (a == "--catalog") user = v;
      else if (v == "json") json = true;
      else if (v != "text") return fail("--format must be text or json, not '" + v + "'");
    } else if (a.size() > 1 && a[0] == '-' && !std::isdigit(static_cast<unsigned char>(a[1]))) {
      return fail("unknown option '" + a + "' (see winerr-ls explain --help)");
    } else {
      codes.push_back(a);
    }
  }
  if (codes.empty()) return fail("explain needs a code: a name, 13801, 0x35E9, 0x800735E9, -2147011095, or words of its text");
  auto cat = load_catalog(user);
  if (!cat) return 2;
  int rc = 0;
  nlohmann::json out = nlohmann::json::array();
  std::vector<std::string> cited;
  bool first = true;
  for (const std::string& code : codes) {
    std::vector<const Entry*> hits;
    if (const Entry* e = lookup(code, *cat)) hits.push_back(e);
    else if (has_word(code)) hits = cat->search_text(code);
    if (hits.empty()) {
      std::string msg = "winerr-ls: unknown code '" + code + "': not in the catalog (Win32 13000-13932, STATUS_IPSEC_*, FWP_E_*), and no text matches it";
      auto near = closest(code, *cat);
      for (std::size_t k = 0; k < near.size(); ++k)
        msg += std::string(k == 0 ? "; did you mean " : k + 1 == near.size() ? " or " : ", ") + title(*near[k]);
      std::cerr << msg << (near.empty() ? "" : "?") << "\n";
      rc = 1;
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
      collect_sources(*hits[0], cited);
    }
    first = false;
  }
  if (json) {
    std::cout << out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  } else if (!cited.empty()) {
    // The [TAGS] above, spelled out: what each source is and where to read it.
    std::cout << "\nSources:\n";
    for (const std::string& id : cited) {
      const Source* src = cat->find_source(id);
      if (!src) { std::cout << "  [" << id << "]\n"; continue; }
      auto [t, where] = title_and_where(src->citation);
      std::cout << "  [" << id << "] " << t << "\n";
      if (!where.empty()) std::cout << "      " << where << "\n";
    }
  }
  std::cout.flush();
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
