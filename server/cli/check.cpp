// check.cpp — `winerr-ls check`: findings in files, as gcc-style lines or JSON Lines.
#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli.h"
#include "common.h"
#include "explanation.h"
#include "features/features.h"
#include "jsonrpc.h"
#include "platform/platform.h"
#include "scanner.h"
#include "config/config_file.h"
#include "config/glob.h"
#include "document.h"
#include "features/policy.h"
#include "settings.h"
#include "line_breaks.h"
#include "text/utf8.h"

namespace winerr::cli {

namespace {

enum class Level { None, Error, Warning, Any };

// LSP DiagnosticSeverity 1..4 as words.
const char* severity_word(int s) { return s == 1 ? "error" : s == 2 ? "warning" : s == 3 ? "info" : "hint"; }

bool reaches(int sev, Level l) {
  return (l == Level::Error && sev == 1) || (l == Level::Warning && sev <= 2) || l == Level::Any;
}

struct Options {
  bool json = false;
  bool certain_only = false;
  bool color = false;
  bool binary = false;
  bool why = false;  // --why: each finding's reason on the line below it
  Level fail_on = Level::None;
  std::string catalog;
  std::vector<std::string> paths;
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

void report(const std::string& path, const std::string& raw, const Catalog& catalog, const Options& o, bool& tripped,
            const Project& project) {
  const std::string text = decode(raw);
  const bool binary = text.find('\0') != std::string::npos;  // as grep decides it
  if (binary && !o.binary) {
    std::size_t n = 0;
    for (const Finding& f : scan(text, catalog))
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
  const Document doc(path, 0, text, language_of(path));
  const DocKind kind = doc_kind(doc.language_id());
  // Bare decimals too: the project's policy decides (decimals: "any" shows them).
  auto findings = scan(text, catalog, /*with_bare=*/true);
  // Line numbers by walking forward once: findings come in document order.
  std::size_t line = 1, line_start = 0, pos = 0;
  std::size_t last_shown = findings.size();  // none yet
  for (std::size_t i = 0; i < findings.size(); ++i) {
    const Finding& f = findings[i];
    if (o.certain_only && f.confidence == Confidence::Possible) continue;
    // One mention, one line (as the server's diagnostics): 13801(ERROR_IPSEC_IKE_AUTH_FAIL).
    if (repeats_mention(findings, i) && last_shown == i - 1) continue;
    // The same policy as the server's diagnostics: settings, then suppression comments.
    const auto shown = project.policy.severity(f, kind, suppressed(doc, f, catalog));
    if (!shown) continue;
    last_shown = i;
    for (; pos < f.begin; ++pos)
      if (ends_line(text, pos)) { ++line; line_start = pos + 1; }  // "\n", "\r\n" or a lone "\r"
    const std::size_t col = f.begin - line_start + 1, end_col = f.end - line_start + 1;
    const int sev = *shown;
    if (reaches(sev, o.fail_on)) tripped = true;
    if (o.json) {
      nlohmann::json j{{"path", path}, {"line", line}, {"column", col}, {"end_column", end_col},
                       {"value", f.entry->value}, {"name", std::string(f.entry->name)},
                       {"family", std::string(to_string(f.entry->family))}, {"form", std::string(to_string(f.form))},
                       {"confidence", std::string(to_string(f.confidence))}, {"severity", severity_word(sev)},
                       {"message", diagnostic_message(*f.entry, f.confidence == Confidence::Possible)}, {"why", explain_why(f, text)}};
      std::cout << rpc::dump(j) << "\n";
    } else {
      const char* on = o.color ? kBold : "";
      const char* sc = o.color ? severity_color(sev) : "";
      const char* off = o.color ? kReset : "";
      // The message names no code (the bracket does, once); " (possible)" stays after the
      // bracket, where scripts reading this output have always found it.
      std::cout << on << path << ":" << line << ":" << col << ":" << off << " " << sc << severity_word(sev) << ":" << off
                << " " << diagnostic_message(*f.entry, false) << " [" << sc << f.entry->name << off << "]"
                << (f.confidence == Confidence::Possible ? " (possible)" : "") << "\n";
      if (o.why) std::cout << "    why: " << explain_why(f, text) << "\n";
    }
  }
}

bool read_all(std::istream& in, std::string& out) {
  std::ostringstream ss;
  ss << in.rdbuf();
  out = ss.str();
  return !in.bad();
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
        if (f == "json") o.json = true;
        else if (f != "text") return fail("--format must be text or json, not '" + f + "'");
      } else if (a == "--fail-on") {
        std::string f = value("--fail-on");
        o.fail_on = f == "error" ? Level::Error : f == "warning" ? Level::Warning : f == "any" ? Level::Any : Level::None;
        if (o.fail_on == Level::None) return fail("--fail-on must be error, warning or any, not '" + f + "'");
      } else if (a == "--catalog") {
        o.catalog = value("--catalog");
      } else if (a == "--certain-only") {
        o.certain_only = true;
      } else if (a == "--why") {
        o.why = true;
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
  if (o.paths.empty()) return fail("check needs at least one PATH, or - for standard input");
  auto catalog = load_catalog(o.catalog);
  if (!catalog) return 2;

  bool io_error = false, tripped = false;
  Projects projects(*catalog);
  std::ios::sync_with_stdio(false);
  auto check_file = [&](const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::string text;
    if (!in || !read_all(in, text)) {
      fail("cannot read " + platform::path_to_utf8(p));
      io_error = true;
      return;
    }
    const Project* project = projects.for_file(p);
    if (!project) return;  // its .winerr.json is malformed (said on stderr)
    report(platform::path_to_utf8(p), text, *catalog, o, tripped, *project);
  };
  for (const std::string& path : o.paths) {
    if (path == "-") {
      std::string text;
      read_all(std::cin, text);
      // Standard input is read with the settings of the current folder.
      const Project* project = projects.for_file(std::filesystem::current_path() / "-");
      if (project) report("<stdin>", text, *catalog, o, tripped, *project);
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
      for (auto it = std::filesystem::recursive_directory_iterator(fpath, std::filesystem::directory_options::skip_permission_denied, ec);
           !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
        // Hidden folders (.git, .cache) hold no logs worth reading.
        if (it->is_directory() && it->path().filename().string().starts_with(".")) { it.disable_recursion_pending(); continue; }
        if (it->is_regular_file()) files.push_back(it->path());
      }
      if (ec) { fail("cannot walk " + path + ": " + ec.message()); io_error = true; }
      std::sort(files.begin(), files.end());
      for (auto& f : files) check_file(f);
    } else {
      check_file(fpath);
    }
  }
  std::cout.flush();
  if (io_error || projects.bad_) return 2;
  return tripped ? 1 : 0;
}

}  // namespace winerr::cli
