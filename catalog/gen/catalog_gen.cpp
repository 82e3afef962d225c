// catalog_gen — build-time generator: validates catalog/data and emits the constexpr tables
// that catalog.cpp includes. Runs on every build where the data changed (CMake
// add_custom_command), so a bad row fails the build with `file:line: error: …` instead of
// shipping a wrong explanation. Nothing it writes is committed.
//
// usage: catalog_gen OUT.inc CODES.tsv NEIGHBOURS.tsv SOURCES.tsv EXPLAIN.txt… [--allow-missing-explanations]
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace {

int g_errors = 0;
void error(const std::string& where, const std::string& what) {
  if (++g_errors <= 60) std::cerr << where << ": error: " << what << "\n";
}
std::string at(const std::string& file, int line) { return file + ":" + std::to_string(line); }

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : s) {
    if (c == sep) { out.push_back(cur); cur.clear(); } else cur += c;
  }
  out.push_back(cur);
  return out;
}
std::string trim(const std::string& s) {
  auto b = s.find_first_not_of(" \t\r");
  if (b == std::string::npos) return "";
  auto e = s.find_last_not_of(" \t\r");
  return s.substr(b, e - b + 1);
}

// Reads a TSV with '#' comments and a header row; returns rows with their line numbers.
struct Row { int line; std::vector<std::string> cells; };
std::vector<Row> read_tsv(const std::string& path, const std::vector<std::string>& header) {
  std::ifstream in(path, std::ios::binary);
  if (!in) { error(path, "cannot open"); return {}; }
  std::vector<Row> rows;
  std::string line;
  int n = 0;
  bool saw_header = false;
  while (std::getline(in, line)) {
    ++n;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    auto cells = split(line, '\t');
    if (!saw_header) {
      saw_header = true;
      if (cells != header) {
        std::string want;
        for (auto& h : header) want += (want.empty() ? "" : "<TAB>") + h;
        error(at(path, n), "header must be: " + want);
      }
      continue;
    }
    if (cells.size() != header.size()) {
      error(at(path, n), "expected " + std::to_string(header.size()) + " tab-separated columns, found " +
                             std::to_string(cells.size()));
      continue;
    }
    rows.push_back({n, cells});
  }
  return rows;
}

bool parse_uint(const std::string& s, int base, uint64_t& out) {
  if (s.empty()) return false;
  try {
    size_t used = 0;
    out = std::stoull(s, &used, base);
    return used == s.size();
  } catch (...) { return false; }
}

// C++ string literal; non-ASCII bytes as octal escapes (three digits, so a following digit
// cannot be swallowed the way it would be after a \x escape).
std::string lit(const std::string& s) {
  std::string o = "\"";
  char buf[8];
  for (unsigned char c : s) {
    if (c == '"' || c == '\\') { o += '\\'; o += static_cast<char>(c); }
    else if (c < 0x20 || c >= 0x7f) { std::snprintf(buf, sizeof buf, "\\%03o", c); o += buf; }
    else o += static_cast<char>(c);
  }
  return o + "\"";
}

struct Claim { std::string text, sources; };
struct Related { uint32_t value; Claim why; int line; };
struct Explanation {
  std::string file; int line = 0; uint32_t value = 0; std::string name;
  std::vector<Claim> summary, meaning, where, causes, checks;
  std::vector<Related> related;
};
struct Code { uint32_t value; std::string name, sub_range; bool marker; std::string message; int line; };
struct Neighbour { std::string family; uint32_t value; std::string name, message, source; uint32_t counterpart; };

const std::map<std::string, std::string> kSubRangeEnum = {
    {"policy-store", "PolicyStore"}, {"ike-core", "IkeCore"}, {"ike-extended", "IkeExtended"},
    {"kernel-drop", "KernelDrop"}, {"dos-protection", "DosProtection"}};

std::string expected_sub_range(uint32_t v) {
  if (v >= 13000 && v <= 13025) return "policy-store";
  if (v >= 13800 && v <= 13897) return "ike-core";
  if (v >= 13898 && v <= 13909) return "ike-extended";
  if (v >= 13910 && v <= 13918) return "kernel-drop";
  if (v >= 13925 && v <= 13932) return "dos-protection";
  return "";
}

// Splits "text [A,B]" into claim text and sources; validates ids.
bool parse_claim(const std::string& body, const std::set<std::string>& ids, const std::string& where, Claim& out) {
  auto open = body.rfind('[');
  if (body.empty() || body.back() != ']' || open == std::string::npos) {
    error(where, "claim must end with its source ids in brackets, e.g. [WIN32-MSG]");
    return false;
  }
  out.text = trim(body.substr(0, open));
  std::string list = body.substr(open + 1, body.size() - open - 2);
  out.sources.clear();
  for (auto& id : split(list, ',')) {
    std::string t = trim(id);
    if (!ids.count(t)) error(where, "unknown source id '" + t + "' (add it to catalog/SOURCES.tsv first)");
    out.sources += (out.sources.empty() ? "" : ",") + t;
  }
  if (out.text.empty()) error(where, "claim text is empty");
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  bool allow_missing = false;
  args.erase(std::remove_if(args.begin(), args.end(), [&](const std::string& a) {
               if (a == "--allow-missing-explanations") { allow_missing = true; return true; }
               return false;
             }), args.end());
  if (args.size() < 4) {
    std::cerr << "usage: catalog_gen OUT.inc CODES.tsv NEIGHBOURS.tsv SOURCES.tsv [EXPLAIN.txt…]\n";
    return 2;
  }
  const std::string out_path = args[0], codes_path = args[1], nb_path = args[2], src_path = args[3];

  // --- sources ---
  std::set<std::string> source_ids;
  std::vector<std::vector<std::string>> sources;
  for (auto& r : read_tsv(src_path, {"id", "class", "citation"})) {
    if (!source_ids.insert(r.cells[0]).second) error(at(src_path, r.line), "duplicate source id " + r.cells[0]);
    if (r.cells[2].empty()) error(at(src_path, r.line), "source " + r.cells[0] + " has no citation");
    sources.push_back(r.cells);
  }

  // --- codes ---
  std::vector<Code> codes;
  std::set<std::string> names;
  uint32_t prev = 0;
  for (auto& r : read_tsv(codes_path, {"value", "name", "sub_range", "marker", "message"})) {
    const auto w = at(codes_path, r.line);
    uint64_t v = 0;
    if (!parse_uint(r.cells[0], 10, v) || v < 13000 || v > 13999) { error(w, "value must be a decimal in 13000-13999"); continue; }
    Code c{static_cast<uint32_t>(v), r.cells[1], r.cells[2], r.cells[3] == "yes", r.cells[4], r.line};
    if (c.value <= prev) error(w, "values must be unique and ascending (" + r.cells[0] + " after " + std::to_string(prev) + ")");
    prev = c.value;
    if ((c.name.rfind("ERROR_IPSEC_", 0) != 0 && c.name.rfind("WARNING_IPSEC_", 0) != 0) ||
        c.name.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_") != std::string::npos)
      error(w, "name must be ERROR_IPSEC_… or WARNING_IPSEC_… in capitals: " + c.name);
    if (!names.insert(c.name).second) error(w, "duplicate name " + c.name);
    if (!kSubRangeEnum.count(c.sub_range)) error(w, "unknown sub_range " + c.sub_range);
    else if (expected_sub_range(c.value) != c.sub_range)
      error(w, "sub_range " + c.sub_range + " does not fit value " + r.cells[0]);
    if (r.cells[3] != "yes" && r.cells[3] != "no") error(w, "marker must be yes or no");
    if (c.marker && c.message != c.name) error(w, "a range marker's official text is its own name");
    if (c.message.empty()) error(w, "message is empty");
    codes.push_back(c);
  }
  if (codes.size() != 153) error(codes_path, "expected the 153 codes of 13000-13932, found " + std::to_string(codes.size()));
  std::map<uint32_t, const Code*> code_by_value;
  for (auto& c : codes) code_by_value[c.value] = &c;

  // --- neighbours ---
  std::vector<Neighbour> neighbours;
  std::set<uint32_t> nb_values;
  for (auto& r : read_tsv(nb_path, {"family", "value", "name", "message", "source", "counterpart"})) {
    const auto w = at(nb_path, r.line);
    Neighbour n{r.cells[0], 0, r.cells[2], r.cells[3], r.cells[4], 0};
    uint64_t v = 0;
    if (r.cells[1].rfind("0x", 0) != 0 || r.cells[1].size() != 10 || !parse_uint(r.cells[1].substr(2), 16, v)) {
      error(w, "value must be 0x followed by 8 hex digits");
      continue;
    }
    n.value = static_cast<uint32_t>(v);
    if (n.family == "ntstatus") {
      if ((n.value >> 28) != 0xC || n.name.rfind("STATUS_IPSEC_", 0) != 0) error(w, "an NTSTATUS neighbour is 0xC…… and named STATUS_IPSEC_…");
    } else if (n.family == "fwp") {
      if ((n.value >> 16) != 0x8032 || n.name.rfind("FWP_E_", 0) != 0) error(w, "an FWP neighbour is 0x8032…… and named FWP_E_…");
    } else error(w, "family must be ntstatus or fwp");
    if (!nb_values.insert(n.value).second) error(w, "duplicate value " + r.cells[1]);
    if (!names.insert(n.name).second) error(w, "duplicate name " + n.name);
    if (!source_ids.count(n.source)) error(w, "unknown source id " + n.source);
    if (!r.cells[5].empty()) {
      if (!parse_uint(r.cells[5], 10, v) || !code_by_value.count(static_cast<uint32_t>(v))) error(w, "counterpart must be a catalog value");
      else n.counterpart = static_cast<uint32_t>(v);
    }
    neighbours.push_back(n);
  }

  // --- explanations ---
  std::map<uint32_t, Explanation> explained;
  for (size_t i = 4; i < args.size(); ++i) {
    std::ifstream in(args[i], std::ios::binary);
    if (!in) { error(args[i], "cannot open"); continue; }
    std::string line;
    int n = 0;
    Explanation* cur = nullptr;
    while (std::getline(in, line)) {
      ++n;
      if (!line.empty() && line.back() == '\r') line.pop_back();
      const auto w = at(args[i], n);
      if (trim(line).empty() || line[0] == '#') continue;
      if (line.find('\t') != std::string::npos) error(w, "tab character (use spaces)");
      if (line.rfind("== ", 0) == 0) {
        auto parts = split(trim(line.substr(3)), ' ');
        uint64_t v = 0;
        if (parts.size() != 2 || !parse_uint(parts[0], 10, v)) { error(w, "header must be '== VALUE NAME'"); cur = nullptr; continue; }
        auto it = code_by_value.find(static_cast<uint32_t>(v));
        if (it == code_by_value.end()) { error(w, "value " + parts[0] + " is not in codes.tsv"); cur = nullptr; continue; }
        if (it->second->name != parts[1]) error(w, "name " + parts[1] + " does not match codes.tsv (" + it->second->name + ")");
        if (explained.count(it->first)) error(w, "second record for " + parts[0]);
        cur = &explained[it->first];
        cur->file = args[i]; cur->line = n; cur->value = it->first; cur->name = parts[1];
        continue;
      }
      if (!cur) { error(w, "field line before any '== VALUE NAME' header"); continue; }
      auto colon = line.find(':');
      if (colon == std::string::npos) { error(w, "expected 'field: text [SOURCES]'"); continue; }
      std::string field = trim(line.substr(0, colon)), body = trim(line.substr(colon + 1));
      Claim c;
      if (field == "related") {
        auto sp = body.find(' ');
        uint64_t v = 0;
        if (sp == std::string::npos || !parse_uint(body.substr(0, sp), 10, v) || !code_by_value.count(static_cast<uint32_t>(v))) {
          error(w, "related must start with a catalog value: 'related: 13806 why… [SRC]'");
          continue;
        }
        if (parse_claim(trim(body.substr(sp + 1)), source_ids, w, c)) cur->related.push_back({static_cast<uint32_t>(v), c, n});
        continue;
      }
      std::vector<Claim>* dst = field == "summary" ? &cur->summary : field == "meaning" ? &cur->meaning
                               : field == "where" ? &cur->where : field == "cause" ? &cur->causes
                               : field == "check" ? &cur->checks : nullptr;
      if (!dst) { error(w, "unknown field '" + field + "' (summary, meaning, where, cause, check, related)"); continue; }
      if (parse_claim(body, source_ids, w, c)) dst->push_back(c);
    }
  }
  // Identical official texts (13809-13812, 13814/13815) may share meaning and steps.
  auto twins = [](uint32_t a, uint32_t b) {
    auto grp = [](uint32_t v) { return (v >= 13809 && v <= 13812) ? 1 : (v == 13814 || v == 13815) ? 2 : 0; };
    return grp(a) != 0 && grp(a) == grp(b);
  };
  std::map<std::string, uint32_t> seen_meaning, seen_checks;
  for (auto& c : codes) {
    auto it = explained.find(c.value);
    if (it == explained.end()) {
      if (!allow_missing) error(codes_path + ":" + std::to_string(c.line), "no explanation record for " + std::to_string(c.value) + " " + c.name);
      continue;
    }
    auto& e = it->second;
    const auto w = at(e.file, e.line);
    if (e.summary.size() != 1) error(w, c.name + ": needs exactly one summary");
    if (e.meaning.size() != 1) error(w, c.name + ": needs exactly one meaning");
    if (e.where.size() != 1) error(w, c.name + ": needs exactly one where");
    if (e.causes.empty()) error(w, c.name + ": needs at least one cause");
    if (e.checks.empty()) error(w, c.name + ": needs at least one check");
    if (c.marker || e.meaning.empty()) continue;
    std::string checks;
    for (auto& k : e.checks) checks += k.text + "\n";
    auto m = seen_meaning.emplace(e.meaning[0].text, c.value);
    if (!m.second && !twins(m.first->second, c.value))
      error(w, c.name + ": same meaning as " + std::to_string(m.first->second) + "; say what is specific to this code");
    auto k = seen_checks.emplace(checks, c.value);
    if (!k.second && !twins(k.first->second, c.value))
      error(w, c.name + ": same list of checks as " + std::to_string(k.first->second) + "; say what is specific to this code");
  }

  if (g_errors) {
    std::cerr << "catalog_gen: " << g_errors << " error(s) in the catalog data; nothing generated\n";
    return 1;
  }

  // --- emit ---
  std::ostringstream o;
  o << "// Generated by catalog/gen/catalog_gen.cpp from catalog/data. Do not edit, do not commit.\n"
       "namespace gen {  // inside namespace winerr\n\n";
  std::vector<std::string> claims, related;
  auto add_claims = [&](const std::vector<Claim>& v) {
    size_t b = claims.size();
    for (auto& c : v) claims.push_back("{" + lit(c.text) + ", " + lit(c.sources) + "}");
    return "std::span<const Claim>(kClaims + " + std::to_string(b) + ", " + std::to_string(v.size()) + ")";
  };
  auto one = [&](const std::vector<Claim>& v) {
    return v.empty() ? std::string("{}") : "{" + lit(v[0].text) + ", " + lit(v[0].sources) + "}";
  };
  std::ostringstream entries;
  for (auto& c : codes) {
    static const Explanation none;
    auto it = explained.find(c.value);
    const Explanation& e = it == explained.end() ? none : it->second;
    std::string causes = add_claims(e.causes), checks = add_claims(e.checks);
    size_t rb = related.size();
    for (auto& r : e.related)
      related.push_back("{" + std::to_string(r.value) + "u, {" + lit(r.why.text) + ", " + lit(r.why.sources) + "}}");
    entries << "  Entry{Family::Win32, " << c.value << "u, " << lit(c.name) << ", " << lit(c.message) << ", \"WIN32-MSG\", SubRange::"
            << kSubRangeEnum.at(c.sub_range) << ", " << (c.marker ? "true" : "false") << ", 0u, " << one(e.summary) << ", "
            << one(e.meaning) << ", " << one(e.where) << ", " << causes << ", " << checks << ", std::span<const RelatedCode>(kRelated + "
            << rb << ", " << e.related.size() << "), {}, {}, {}},\n";
  }
  for (auto& n : neighbours)
    entries << "  Entry{Family::" << (n.family == "ntstatus" ? "NtStatus" : "Fwp") << ", " << n.value << "u, " << lit(n.name) << ", "
            << lit(n.message) << ", " << lit(n.source) << ", SubRange::None, false, " << n.counterpart
            << "u, {}, {}, {}, {}, {}, {}, {}, {}, {}},\n";
  // Arrays must not be empty; a sentinel keeps them valid while explanations are missing.
  o << "inline constexpr Claim kClaims[] = {\n";
  for (auto& c : claims) o << "  " << c << ",\n";
  o << "  {}};\n\ninline constexpr RelatedCode kRelated[] = {\n";
  for (auto& r : related) o << "  " << r << ",\n";
  o << "  {}};\n\ninline constexpr Entry kEntries[] = {\n" << entries.str() << "};\n\n";
  o << "inline constexpr Source kSources[] = {\n";
  for (auto& s : sources) o << "  {" << lit(s[0]) << ", " << lit(s[1]) << ", " << lit(s[2]) << "},\n";
  o << "};\n\ninline constexpr int kExplainedCodes = " << explained.size() << ";\n\n}  // namespace gen\n";

  // Write only when changed, so an unchanged catalog does not rebuild its dependents.
  std::string text = o.str();
  {
    std::ifstream old(out_path, std::ios::binary);
    std::stringstream prev_text;
    prev_text << old.rdbuf();
    if (old && prev_text.str() == text) return 0;
  }
  std::ofstream out(out_path, std::ios::binary);
  out << text;
  return out ? 0 : 1;
}
