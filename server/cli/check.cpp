// check.cpp — `winerr-ls check`: findings in files, as gcc-style lines or JSON Lines.
#include <algorithm>
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
#include "scanner.h"

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
  Level fail_on = Level::None;
  std::string catalog;
  std::vector<std::string> paths;
};

void report(const std::string& path, const std::string& text, const Catalog& catalog, const Options& o, bool& tripped) {
  auto findings = scan(text, catalog);
  // Line numbers by walking forward once: findings come in document order.
  std::size_t line = 1, line_start = 0, pos = 0;
  for (const Finding& f : findings) {
    if (o.certain_only && f.confidence == Confidence::Possible) continue;
    for (; pos < f.begin; ++pos)
      if (text[pos] == '\n') { ++line; line_start = pos + 1; }
    const std::size_t col = f.begin - line_start + 1, end_col = f.end - line_start + 1;
    const int sev = severity_of(f);  // the same rule as the server's diagnostics
    if (reaches(sev, o.fail_on)) tripped = true;
    if (o.json) {
      nlohmann::json j{{"path", path}, {"line", line}, {"column", col}, {"end_column", end_col},
                       {"value", f.entry->value}, {"name", std::string(f.entry->name)},
                       {"family", std::string(to_string(f.entry->family))}, {"form", std::string(to_string(f.form))},
                       {"confidence", std::string(to_string(f.confidence))}, {"severity", severity_word(sev)},
                       {"message", one_line(*f.entry)}};
      std::cout << rpc::dump(j) << "\n";
    } else {
      std::cout << path << ":" << line << ":" << col << ": " << severity_word(sev) << ": " << one_line(*f.entry) << " ["
                << f.entry->name << "]" << (f.confidence == Confidence::Possible ? " (possible)" : "") << "\n";
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
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
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
      } else if (a.size() > 1 && a[0] == '-' && a != "-") {
        return fail("unknown option '" + a + "' (see winerr-ls --help)");
      } else {
        o.paths.push_back(a);
      }
    } catch (const std::runtime_error& e) {
      return fail(e.what());
    }
  }
  if (o.paths.empty()) return fail("check needs at least one PATH, or - for standard input");
  auto catalog = load_catalog(o.catalog);
  if (!catalog) return 2;

  bool io_error = false, tripped = false;
  std::ios::sync_with_stdio(false);
  auto check_file = [&](const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::string text;
    if (!in || !read_all(in, text)) {
      fail("cannot read " + p.string());
      io_error = true;
      return;
    }
    report(p.string(), text, *catalog, o, tripped);
  };
  for (const std::string& path : o.paths) {
    if (path == "-") {
      std::string text;
      read_all(std::cin, text);
      report("<stdin>", text, *catalog, o, tripped);
      continue;
    }
    std::error_code ec;
    auto st = std::filesystem::status(path, ec);
    if (ec || !std::filesystem::exists(st)) {
      fail("cannot read " + path + ": no such file or directory");
      io_error = true;
    } else if (std::filesystem::is_directory(st)) {
      std::vector<std::filesystem::path> files;
      for (auto it = std::filesystem::recursive_directory_iterator(path, std::filesystem::directory_options::skip_permission_denied, ec);
           !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
        // Hidden folders (.git, .cache) hold no logs worth reading.
        if (it->is_directory() && it->path().filename().string().starts_with(".")) { it.disable_recursion_pending(); continue; }
        if (it->is_regular_file()) files.push_back(it->path());
      }
      if (ec) { fail("cannot walk " + path + ": " + ec.message()); io_error = true; }
      std::sort(files.begin(), files.end());
      for (auto& f : files) check_file(f);
    } else {
      check_file(path);
    }
  }
  std::cout.flush();
  if (io_error) return 2;
  return tripped ? 1 : 0;
}

}  // namespace winerr::cli
