// check.cpp — `winerr-ls check`: findings in files, as gcc-style lines, JSON Lines, one SARIF
// 2.1.0 log, or a summary per file and code (text or JSON).
#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <limits>
#include <sstream>
#include <thread>

#include "cli.h"
#include "common.h"
#include "explanation.h"
#include "features/features.h"
#include "features/file_scan.h"
#include "jsonrpc.h"
#include "platform/platform.h"
#include "scanner.h"
#include "config/config_file.h"
#include "config/glob.h"
#include "document.h"
#include "features/policy.h"
#include "settings.h"
#include "text/utf8.h"
#include "forms.h"
#include "platform/uri.h"
#include "position.h"
#include "version.h"

namespace winerr::cli {

namespace {

enum class Level { None, Error, Warning, Any };

// LSP DiagnosticSeverity 1..4 as words.
const char* severity_word(int s) { return s == 1 ? "error" : s == 2 ? "warning" : s == 3 ? "info" : "hint"; }

bool reaches(int sev, Level l) {
  return (l == Level::Error && sev == 1) || (l == Level::Warning && sev <= 2) || l == Level::Any;
}

enum class Format { Text, Json, Sarif };

struct Options {
  Format format = Format::Text;
  bool summary = false;  // --summary: per file and code, a count and the first and last line
  bool certain_only = false;
  bool color = false;
  bool binary = false;
  bool why = false;  // --why: each finding's reason on the line below it
  bool follow = false;  // --follow: one file, read on as it grows
  Level fail_on = Level::None;
  std::string catalog;
  std::vector<std::string> paths;
};

// A code's number as the diagnostic message writes it: 13801, or an NTSTATUS/FWP value in hex.

// `--format sarif`: every finding of every file in one SARIF 2.1.0 log, printed at the end.
struct SarifLog {
  nlohmann::ordered_json rules = nlohmann::ordered_json::array();
  nlohmann::ordered_json results = nlohmann::ordered_json::array();
  std::map<std::string, std::size_t> rule_index;  // by name: one rule per code that occurs

  std::size_t rule(const Entry& e) {
    const std::string name(e.name);
    if (auto it = rule_index.find(name); it != rule_index.end()) return it->second;
    nlohmann::ordered_json r{{"id", name},
                             {"shortDescription", {{"text", e.message.empty() ? name : std::string(e.message)}}},
                             {"helpUri", microsoft_page(e.family)},
                             {"properties", {{"value", e.value}, {"family", std::string(to_string(e.family))}}}};
    rules.push_back(std::move(r));
    return rule_index[name] = rules.size() - 1;
  }
};

// The artifact URI of a path as given: an absolute path becomes a file: URI
// (file:///var/log/vpn.log); a relative one stays relative (to the folder check ran in), with
// '/' between segments and every other byte but A-Z a-z 0-9 - . _ ~ %-encoded, as
// platform::path_to_uri does (so "logs/vpn client.log" is "logs/vpn%20client.log").
std::string artifact_uri(const std::string& path) {
  if (platform::path_from_utf8(path).is_absolute()) return platform::path_to_uri(path);
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : path) {
    if (c == '\\' && platform::kNativePathStyle == platform::PathStyle::windows) c = '/';
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' ||
        c == '~' || c == '/') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

// `--summary`: per file, per code (in order of first appearance) a count and the first and
// last line; then the same per code over all files.
struct CodeCount {
  const Entry* entry;
  std::size_t count = 0, first_line = 0, last_line = 0, files = 0;
};
struct FileSummary {
  std::string path;
  std::size_t findings = 0;
  std::vector<CodeCount> codes;
};
struct Summary {
  std::vector<FileSummary> files;  // only files with findings

  void add(const std::string& path, const Entry& e, std::size_t line) {
    if (!open_) {
      files.push_back({path, 0, {}});
      open_ = true;
    }
    FileSummary& f = files.back();
    ++f.findings;
    auto it = std::find_if(f.codes.begin(), f.codes.end(), [&](const CodeCount& c) { return c.entry->name == e.name; });
    if (it == f.codes.end()) {
      f.codes.push_back({&e, 0, line, line, 1});
      it = f.codes.end() - 1;
    }
    ++it->count;
    it->last_line = line;
  }
  void end_file() { open_ = false; }  // the next finding starts a new file, even of the same name

  std::vector<CodeCount> totals() const {
    std::vector<CodeCount> all;
    for (const FileSummary& f : files)
      for (const CodeCount& c : f.codes) {
        auto it = std::find_if(all.begin(), all.end(), [&](const CodeCount& a) { return a.entry->name == c.entry->name; });
        if (it == all.end()) all.push_back({c.entry, c.count, 0, 0, 1});
        else { it->count += c.count; ++it->files; }
      }
    return all;
  }
  std::size_t findings() const {
    std::size_t n = 0;
    for (const FileSummary& f : files) n += f.findings;
    return n;
  }

 private:
  bool open_ = false;  // files.back() is the file being read
};

std::string plural(std::size_t n, const char* word) { return std::to_string(n) + " " + word + (n == 1 ? "" : "s"); }

void print_summary_text(const Summary& s) {
  for (const FileSummary& f : s.files) {
    std::cout << f.path << ": " << plural(f.codes.size(), "code") << ", " << plural(f.findings, "finding") << "\n";
    for (const CodeCount& c : f.codes) {
      std::cout << "  " << c.count << " " << c.entry->name << " (" << code_number(*c.entry) << ") ";
      if (c.first_line == c.last_line) std::cout << "line " << c.first_line << "\n";
      else std::cout << "lines " << c.first_line << "-" << c.last_line << "\n";
    }
  }
  const auto totals = s.totals();
  std::cout << "total: " << plural(s.files.size(), "file") << ", " << plural(totals.size(), "code") << ", "
            << plural(s.findings(), "finding") << "\n";
  for (const CodeCount& c : totals)
    std::cout << "  " << c.count << " " << c.entry->name << " (" << code_number(*c.entry) << ") in " << plural(c.files, "file") << "\n";
}

void print_summary_json(const Summary& s) {
  using oj = nlohmann::ordered_json;
  oj files = oj::array();
  for (const FileSummary& f : s.files) {
    oj codes = oj::array();
    for (const CodeCount& c : f.codes)
      codes.push_back({{"name", std::string(c.entry->name)}, {"value", c.entry->value}, {"count", c.count},
                       {"first_line", c.first_line}, {"last_line", c.last_line}});
    files.push_back({{"path", f.path}, {"findings", f.findings}, {"codes", std::move(codes)}});
  }
  oj codes = oj::array();
  const auto totals = s.totals();
  for (const CodeCount& c : totals)
    codes.push_back({{"name", std::string(c.entry->name)}, {"value", c.entry->value}, {"count", c.count}, {"files", c.files}});
  oj out{{"files", std::move(files)},
         {"total", {{"files", s.files.size()}, {"findings", s.findings()}, {"codes", std::move(codes)}}}};
  std::cout << out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
}

void print_sarif(SarifLog& log) {
  using oj = nlohmann::ordered_json;
  oj driver{{"name", "winerr-ls"}, {"version", kVersion}, {"rules", std::move(log.rules)}};
  oj run{{"tool", {{"driver", std::move(driver)}}}, {"columnKind", "utf16CodeUnits"}, {"results", std::move(log.results)}};
  oj out{{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"}, {"version", "2.1.0"}, {"runs", oj::array({std::move(run)})}};
  std::cout << out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
}

// Where a file's findings go besides text and JSON Lines: the SARIF log, the summary.
struct Sinks {
  SarifLog* sarif = nullptr;
  Summary* summary = nullptr;
};

// gcc's colours: bold location, red error, magenta warning; the name in its severity's colour.
const char* severity_color(int s) { return s == 1 ? "\x1b[1;31m" : s == 2 ? "\x1b[1;35m" : s == 3 ? "\x1b[1;36m" : "\x1b[1;32m"; }
constexpr const char* kBold = "\x1b[1m";
constexpr const char* kReset = "\x1b[0m";

// Text as Windows writes it: a UTF-16 LE/BE file with a BOM becomes UTF-8 (unpaired
// surrogates -> U+FFFD, an odd last byte dropped); a UTF-8 BOM is dropped; anything else,
// invalid UTF-8 included, is kept byte for byte (so columns stay byte columns of the file).
std::string decode(std::string raw) {
  auto u = [&](std::size_t i) { return static_cast<unsigned char>(raw[i]); };
  if (raw.size() >= 3 && u(0) == 0xEF && u(1) == 0xBB && u(2) == 0xBF) return raw.substr(3);
  const bool le = raw.size() >= 2 && u(0) == 0xFF && u(1) == 0xFE, be = raw.size() >= 2 && u(0) == 0xFE && u(1) == 0xFF;
  if (!le && !be) return raw;
  std::string out;
  out.reserve(raw.size() / 2 + raw.size() / 8);
  auto unit = [&](std::size_t i) -> std::uint32_t { return le ? (u(i) | u(i + 1) << 8) : (u(i) << 8 | u(i + 1)); };
  for (std::size_t i = 2; i + 1 < raw.size(); i += 2) {
    std::uint32_t c = unit(i);
    if (c >= 0xD800 && c <= 0xDBFF && i + 3 < raw.size()) {
      std::uint32_t lo = unit(i + 2);
      if (lo >= 0xDC00 && lo <= 0xDFFF) {
        c = 0x10000 + ((c - 0xD800) << 10) + (lo - 0xDC00);
        i += 2;
      } else {
        c = 0xFFFD;
      }
    } else if (c >= 0xD800 && c <= 0xDFFF) {
      c = 0xFFFD;
    }
    utf8::append(out, c);
  }
  return out;
}

// What kind of text a file is, by its extension (the CLI has no languageId): logs and plain
// text, markdown, or a script or source file.
std::string language_of(const std::string& path) {
  const std::string ext = platform::path_from_utf8(path).extension().string();
  std::string e;
  for (char c : ext) e += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  if (e == ".md" || e == ".markdown") return "markdown";
  for (const char* s : {".ps1", ".psm1", ".psd1", ".bat", ".cmd", ".sh", ".bash", ".py", ".c", ".h", ".cc", ".cpp", ".cxx",
                        ".hpp", ".hh", ".cs", ".vb", ".vbs", ".go", ".rs", ".js", ".ts", ".lua", ".rb", ".java", ".kt",
                        ".pl", ".php", ".swift", ".fs", ".nim", ".zig", ".ahk", ".au3"})
    if (e == s) return "source";
  return "log";  // logs, plain text, dumps: a code there is a failure
}

// The project settings of a file: the nearest .winerr.json in its folder or above, as the
// editor would apply it to a workspace folder at that place. Cached per folder.
struct Project {
  std::filesystem::path root;  // where the .winerr.json is; empty: none
  Settings settings;
  Policy policy;
};
class Projects {
 public:
  explicit Projects(const Catalog& cat) : cat_(cat) {}
  // Null when a .winerr.json on the way is malformed (reported; the file is then skipped).
  const Project* for_file(const std::filesystem::path& file) {
    std::error_code ec;
    std::filesystem::path dir = std::filesystem::absolute(file, ec).parent_path();
    return for_dir(dir);
  }

 private:
  const Project* for_dir(const std::filesystem::path& dir) {
    if (auto it = cache_.find(dir); it != cache_.end()) return it->second.get();
    std::unique_ptr<Project> p;
    const std::filesystem::path file = dir / ".winerr.json";
    if (stamp_of(file).exists) {
      JsonFile jf = read_json_file(file);
      std::vector<std::string> problems;
      std::optional<Layer> layer;
      if (!jf.value) problems.push_back(jf.error);
      else layer = parse_layer(*jf.value, platform::path_to_utf8(file), cat_, problems);
      for (auto& m : problems) std::cerr << "winerr-ls: " << m << "\n";
      if (layer) {
        p = std::make_unique<Project>();
        p->root = dir;
        p->settings = merge({&*layer});
        p->policy = Policy(p->settings, cat_);
      } else {
        bad_ = true;
      }
    } else if (dir.has_parent_path() && dir.parent_path() != dir) {
      const Project* up = for_dir(dir.parent_path());
      if (up) p = std::make_unique<Project>(*up);
    } else {
      p = std::make_unique<Project>();
      p->policy = Policy(p->settings, cat_);
    }
    return (cache_[dir] = std::move(p)).get();
  }
  const Catalog& cat_;
  std::map<std::filesystem::path, std::unique_ptr<Project>> cache_;

 public:
  bool bad_ = false;  // a malformed .winerr.json was met: exit 2
};

// `raw` is taken (moved) and kept once: a 200 MB log is not copied on its way to the scanner.
// One finding as a text line (or JSON Lines): 1-based line, byte columns.
void print_finding(const std::string& path, std::size_t line, std::size_t col, std::size_t end_col, int sev, const Finding& f,
                   const std::string& why, const Options& o) {
  if (o.format == Format::Json) {
    nlohmann::json j{{"path", path}, {"line", line}, {"column", col}, {"end_column", end_col},
                     {"value", f.entry->value}, {"name", std::string(f.entry->name)},
                     {"family", std::string(to_string(f.entry->family))}, {"form", std::string(to_string(f.form))},
                     {"confidence", std::string(to_string(f.confidence))}, {"severity", severity_word(sev)},
                     {"message", diagnostic_message(*f.entry, f.confidence == Confidence::Possible)}, {"why", why}};
    std::cout << rpc::dump(j) << "\n";
    return;
  }
  const char* on = o.color ? kBold : "";
  const char* sc = o.color ? severity_color(sev) : "";
  const char* off = o.color ? kReset : "";
  // The message names no code (the bracket does, once); " (possible)" stays after the
  // bracket, where scripts reading this output have always found it.
  std::cout << on << path << ":" << line << ":" << col << ":" << off << " " << sc << severity_word(sev) << ":" << off
            << " " << diagnostic_message(*f.entry, false) << " [" << sc << f.entry->name << off << "]"
            << (f.confidence == Confidence::Possible ? " (possible)" : "") << "\n";
  if (o.why) std::cout << "    why: " << why << "\n";
}

// `--follow FILE`, like `tail -f`: the file's findings, then every second those of the lines
// appended since (read from where it stopped; a file that shrank was rotated and is read again
// from its start). Decimals are settled with what the file has said so far. Runs until
// interrupted, or the file goes away (exit 2).
int follow_file(const std::string& path, const Catalog& catalog, const Options& o, const Project& project) {
  FileScanner scanner(platform::path_from_utf8(path), language_of(path), PositionEncoding::Utf8,
                      std::numeric_limits<std::uint64_t>::max());
  std::size_t printed = 0;  // scan().found[0, printed) are settled and printed (or hidden)
  MentionFilter filter(project.policy, doc_kind(language_of(path)));
  for (;;) {
    bool grew = false;
    if (auto error = scanner.read(catalog, /*last_line_too=*/false, &grew)) return fail(path + ": " + *error);
    const FileScan& s = scanner.scan();
    if (s.found.size() < printed) {
      std::cerr << "winerr-ls: " << path << " shrank (rotated?); reading it from the start\n";
      printed = 0;
      filter.restart();
    }
    for (; printed < s.found.size(); ++printed) {
      const ScannedFinding& sf = s.found[printed];
      auto f = resolve(sf.judged, s.profile);
      if (!f) continue;
      const auto sev = filter.next(*f, [&] { return sf.suppressed; });
      if (!sev || (o.certain_only && f->confidence == Confidence::Possible)) continue;
      print_finding(path, sf.start_line + 1, sf.start_character + 1, sf.end_character + 1, *sev, *f, sf.why, o);
    }
    if (grew) std::cout.flush();
    // SIGTERM (Ctrl+C on Windows) ends it cleanly; Ctrl+C on POSIX ends it as for tail -f.
    for (int i = 0; i < 10; ++i) {
      if (platform::stop_requested()) return 0;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  }
}

void report(const std::string& path, std::string raw, const Catalog& catalog, const Options& o, bool& tripped,
            const Project& project, const Sinks& sinks) {
  std::string decoded = decode(std::move(raw));
  const bool binary = decoded.find('\0') != std::string::npos;  // as grep decides it
  if (binary && !o.binary) {
    std::size_t n = 0;
    for (const Finding& f : scan(decoded, catalog))
      if (!(o.certain_only && f.confidence == Confidence::Possible)) ++n;
    if (n) std::cerr << "winerr-ls: " << path << ": binary file matches (" << n << (n == 1 ? " code" : " codes")
                     << "; --binary lists them)\n";
    return;
  }
  // `exclude` globs of the project, over the path relative to its .winerr.json.
  if (!project.root.empty() && !project.settings.exclude.empty()) {
    std::error_code ec;
    const std::string rel =
        std::filesystem::relative(std::filesystem::absolute(platform::path_from_utf8(path), ec), project.root, ec).generic_string();
    for (const std::string& g : project.settings.exclude)
      if (glob_match(g, rel)) return;
  }
  const Document doc(path, 0, std::move(decoded), language_of(path));
  const std::string& text = doc.text();
  // Bare decimals too: the project's policy decides (decimals: "any" shows them).
  auto findings = scan(text, catalog, /*with_bare=*/true);
  // Line numbers from the document's line index (a binary search per finding, not a walk over
  // every byte before it).
  // SARIF columns are UTF-16 code units: counted on from the last finding of the line.
  std::size_t u16_byte = 0, u16_units = 0;
  // The same list as the server's diagnostics: settings, suppression comments, one per mention.
  for (const Visible& v : visible_findings(doc, findings, project.policy, catalog)) {
    const Finding& f = *v.finding;
    if (o.certain_only && f.confidence == Confidence::Possible) continue;
    const std::size_t line_index = doc.lines().line_of(f.begin), line = line_index + 1;
    const std::size_t line_start = doc.lines().line_start(line_index);
    const std::size_t col = f.begin - line_start + 1, end_col = f.end - line_start + 1;
    const int sev = v.severity;
    if (reaches(sev, o.fail_on)) tripped = true;
    if (sinks.summary) {
      sinks.summary->add(path, *f.entry, line);
    } else if (sinks.sarif) {
      if (u16_byte < line_start || u16_byte > f.begin) { u16_byte = line_start; u16_units = 0; }
      const std::string_view tv(text);
      u16_units += count_units(tv.substr(u16_byte, f.begin - u16_byte), PositionEncoding::Utf16);
      u16_byte = f.begin;
      const std::size_t col16 = u16_units + 1, end_col16 = col16 + count_units(tv.substr(f.begin, f.end - f.begin), PositionEncoding::Utf16);
      nlohmann::ordered_json artifact;
      if (path == "<stdin>") artifact = {{"description", {{"text", "standard input"}}}};
      else artifact = {{"uri", artifact_uri(path)}};
      nlohmann::ordered_json r{
          {"ruleId", std::string(f.entry->name)},
          {"ruleIndex", sinks.sarif->rule(*f.entry)},
          {"level", sev == 1 ? "error" : sev == 2 ? "warning" : "note"},
          {"message", {{"text", diagnostic_message(*f.entry, f.confidence == Confidence::Possible)}}},
          {"locations",
           nlohmann::ordered_json::array({{{"physicalLocation",
                                            {{"artifactLocation", std::move(artifact)},
                                             {"region", {{"startLine", line}, {"startColumn", col16}, {"endColumn", end_col16}}}}}}})},
          {"properties", {{"confidence", std::string(to_string(f.confidence))}, {"why", explain_why(f, text)}}}};
      sinks.sarif->results.push_back(std::move(r));
    } else {
      print_finding(path, line, col, end_col, sev, f, explain_why(f, text), o);
    }
  }
}

bool read_all(std::istream& in, std::string& out) {
  std::ostringstream ss;
  ss << in.rdbuf();
  out = ss.str();
  return !in.bad();
}

// A file named on the command line or found in a folder, into `out`; why not in words. A
// regular file goes straight into one buffer of its size. A FIFO named on the command line
// (`check <(zcat old.log.gz)`) is read to its end like `-`: the user asked for that stream. A
// device (/dev/zero, /dev/urandom), a socket or a directory is refused: it may never end.
std::string read_file(const std::filesystem::path& p, std::string& out) {
  std::error_code ec;
  if (std::filesystem::is_fifo(p, ec)) {
    std::ifstream in(p, std::ios::binary);
    if (!in || !read_all(in, out)) return "cannot be read";
    return {};
  }
  platform::RegularFile in;
  if (std::string why = in.open(p); !why.empty()) return why;
  // Sized from the descriptor, read on while it grows: a log still being written is taken as
  // far as it goes.
  // Huge pages asked for before the buffer is first touched: a 4 KiB page fault costs ~10 us
  // on a VM, and a 200 MB log takes 51,200 of them (platform.h).
  out.reserve(static_cast<std::size_t>(in.size()) + 1);
  platform::advise_huge_pages(out.data(), out.capacity());
  out.resize(static_cast<std::size_t>(in.size()) + 1);
  std::size_t got = 0;
  for (;;) {
    if (got == out.size()) out.resize(out.size() * 2);
    const long long n = in.read(out.data() + got, out.size() - got);
    if (n < 0) return "read failed";
    if (n == 0) break;
    got += static_cast<std::size_t>(n);
  }
  out.resize(got);
  return {};
}

}  // namespace

int check(const std::vector<std::string>& args) {
  Options o;
  std::string color = "auto";
  bool options_done = false;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (options_done) { o.paths.push_back(a); continue; }
    auto value = [&](const char* flag) -> std::string {
      if (i + 1 >= args.size()) throw std::runtime_error(std::string(flag) + " needs a value");
      return args[++i];
    };
    try {
      if (a == "--format") {
        std::string f = value("--format");
        if (f == "json") o.format = Format::Json;
        else if (f == "sarif") o.format = Format::Sarif;
        else if (f == "text") o.format = Format::Text;
        else return fail("--format must be text, json or sarif, not '" + f + "'");
      } else if (a == "--fail-on") {
        std::string f = value("--fail-on");
        o.fail_on = f == "error" ? Level::Error : f == "warning" ? Level::Warning : f == "any" ? Level::Any : Level::None;
        if (o.fail_on == Level::None) return fail("--fail-on must be error, warning or any, not '" + f + "'");
      } else if (a == "--catalog") {
        o.catalog = value("--catalog");
      } else if (a == "--certain-only") {
        o.certain_only = true;
      } else if (a == "--summary") {
        o.summary = true;
      } else if (a == "--why") {
        o.why = true;
      } else if (a == "--follow" || a == "-f") {
        o.follow = true;
      } else if (a == "--binary") {
        o.binary = true;
      } else if (a == "--color" || a == "--colour") {
        color = value("--color");
      } else if (a.starts_with("--color=") || a.starts_with("--colour=")) {
        color = a.substr(a.find('=') + 1);
      } else if (a == "--") {
        options_done = true;
      } else if (a.size() > 1 && a[0] == '-' && a != "-") {
        return fail("unknown option '" + a + "' (see winerr-ls check --help)");
      } else {
        o.paths.push_back(a);
      }
    } catch (const std::runtime_error& e) {
      return fail(e.what());
    }
  }
  if (color == "always") {
    o.color = true;
  } else if (color == "auto") {
    const char* no_color = std::getenv("NO_COLOR");  // https://no-color.org: set and not empty
    const char* term = std::getenv("TERM");
    o.color = platform::stdout_is_terminal() && !(no_color && *no_color) && !(term && std::string_view(term) == "dumb");
  } else if (color != "never") {
    return fail("--color must be auto, always or never, not '" + color + "'");
  }
  if (o.summary && o.format == Format::Sarif) return fail("--summary prints text or json, not sarif");
  if (o.paths.empty()) return fail("check needs at least one PATH, or - for standard input");
  if (o.follow && (o.paths.size() != 1 || o.paths[0] == "-" || o.summary || o.format == Format::Sarif))
    return fail("--follow takes one FILE (not -), in text or json format");
  auto catalog = load_catalog(o.catalog);
  if (!catalog) return 2;

  bool io_error = false, tripped = false;
  Projects projects(*catalog);
  if (o.follow) {
    const auto file = platform::path_from_utf8(o.paths[0]);
    const Project* project = projects.for_file(std::filesystem::absolute(file));
    return project ? follow_file(o.paths[0], *catalog, o, *project) : 2;
  }
  SarifLog sarif;
  Summary summary;
  Sinks sinks;
  if (o.summary) sinks.summary = &summary;
  else if (o.format == Format::Sarif) sinks.sarif = &sarif;
  std::ios::sync_with_stdio(false);
  auto check_file = [&](const std::filesystem::path& p) {
    std::string text;
    if (const std::string why = read_file(p, text); !why.empty()) {
      fail("cannot read " + platform::path_to_utf8(p) + ": " + why);
      io_error = true;
      return;
    }
    const Project* project = projects.for_file(p);
    if (!project) return;  // its .winerr.json is malformed (said on stderr)
    report(platform::path_to_utf8(p), std::move(text), *catalog, o, tripped, *project, sinks);
    summary.end_file();
  };
  for (const std::string& path : o.paths) {
    if (path == "-") {
      std::string text;
      read_all(std::cin, text);
      // Standard input is read with the settings of the current folder.
      const Project* project = projects.for_file(std::filesystem::current_path() / "-");
      if (project) report("<stdin>", std::move(text), *catalog, o, tripped, *project, sinks);
      summary.end_file();
      continue;
    }
    std::error_code ec;
    const std::filesystem::path fpath = platform::path_from_utf8(path);  // UTF-8 on Windows too
    auto st = std::filesystem::status(fpath, ec);
    if (ec || !std::filesystem::exists(st)) {
      fail("cannot read " + path + ": no such file or directory");
      io_error = true;
    } else if (std::filesystem::is_directory(st)) {
      std::vector<std::filesystem::path> files;
      // Every call with an error_code: an entry that cannot be looked at (a link to itself:
      // ELOOP) is said on stderr and skipped, as rg does, and the other files are still checked.
      for (auto it = std::filesystem::recursive_directory_iterator(fpath, std::filesystem::directory_options::skip_permission_denied, ec);
           !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
        std::error_code entry_ec;
        const auto entry = it->status(entry_ec);
        if (entry.type() == std::filesystem::file_type::not_found) continue;  // a dangling link: nothing to read
        if (entry_ec) {
          fail("cannot read " + platform::path_to_utf8(it->path()) + ": " + entry_ec.message() + "; skipped");
          io_error = true;
          continue;
        }
        // Hidden folders (.git, .cache) hold no logs worth reading.
        if (std::filesystem::is_directory(entry) && it->path().filename().string().starts_with(".")) { it.disable_recursion_pending(); continue; }
        if (std::filesystem::is_regular_file(entry)) files.push_back(it->path());
      }
      std::sort(files.begin(), files.end());
      for (auto& f : files) check_file(f);
    } else {
      check_file(fpath);
    }
  }
  if (o.summary && o.format == Format::Json) print_summary_json(summary);
  else if (o.summary) print_summary_text(summary);
  else if (o.format == Format::Sarif) print_sarif(sarif);
  std::cout.flush();
  if (io_error || projects.bad_) return 2;
  return tripped ? 1 : 0;
}

}  // namespace winerr::cli
