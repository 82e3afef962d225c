// End-to-end regressions for the failures an audit found by treating the server as a hostile
// workspace or an odd user would (issue 24). One test case per failure, named after it, run
// against the real binary over stdio or its CLI.
#include <catch2/catch.hpp>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../support/lsp_test_client.h"

using namespace lsp_test;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

namespace {
fs::path fresh_dir(const std::string& name) {
  fs::path d = fs::temp_directory_path() / ("winerr-audit-" + std::to_string(::getpid()) + "-" + name);
  fs::remove_all(d);
  fs::create_directories(d);
  return d;
}
std::string uri_of(const fs::path& p) { return "file://" + p.string(); }

// winerr-ls ARGS (a shell line), stdout and stderr together.
ShellRun cli(const std::string& args) { return run_shell(server_binary() + " " + args + " 2>&1"); }

// A workspace whose .winerr.json is made by `make_config`; a log with error 13801 open in it.
// Asks for the code actions on the finding and checks that the answer comes, that none of them
// edits .winerr.json, and that the server still hovers and shuts down cleanly.
void code_actions_survive(const fs::path& root, const std::string& what) {
  INFO(what);
  const json caps = {{"workspace", {{"workspaceEdit", {{"documentChanges", true}, {"resourceOperations", {"create"}}}}}}};
  Editor e(caps, nullptr, {root});
  const std::string uri = uri_of(root / "vpn.log");
  const json published = e.open(uri, "log", "IKE error 13801\n");
  REQUIRE(published["diagnostics"].size() == 1);
  const json diag = published["diagnostics"][0];
  const auto t0 = std::chrono::steady_clock::now();
  const json actions =
      e.ask("textDocument/codeAction", {{"textDocument", {{"uri", uri}}}, {"range", diag["range"]}, {"context", {{"diagnostics", {diag}}}}});
  CHECK(std::chrono::steady_clock::now() - t0 < 2s);
  REQUIRE(actions.is_array());
  bool line_action = false;
  for (const json& a : actions) {
    const std::string title = a["title"];
    CHECK(title.find("in this workspace") == std::string::npos);
    if (title.find("13801") != std::string::npos) line_action = true;
  }
  CHECK(line_action);  // the other actions are still there
  const json hover = e.ask("textDocument/hover", {{"textDocument", {{"uri", uri}}}, {"position", diag["range"]["start"]}});
  CHECK(hover["contents"]["value"].get<std::string>().find("ERROR_IPSEC_IKE_AUTH_FAIL") != std::string::npos);
  e.c.response(e.c.request("shutdown", nullptr));
  e.c.notify("exit", nullptr);
  CHECK(e.p.wait(3000ms) == 0);
}
}  // namespace

TEST_CASE("audit 1: a .winerr.json that is a FIFO does not block the code actions") {
  const fs::path root = fresh_dir("fifo");
  REQUIRE(::mkfifo((root / ".winerr.json").c_str(), 0600) == 0);
  code_actions_survive(root, ".winerr.json is a FIFO with no writer");
}

TEST_CASE("audit 2: a .winerr.json linked to /dev/zero does not exhaust memory") {
  const fs::path root = fresh_dir("devzero");
  fs::create_symlink("/dev/zero", root / ".winerr.json");
  code_actions_survive(root, ".winerr.json -> /dev/zero");
}

TEST_CASE("audit 3: the 1 MiB cap on .winerr.json holds for the code action too") {
  const fs::path root = fresh_dir("huge");
  {
    // 20 MB of nested arrays inside an object: valid JSON if parsed, refused by size.
    std::ofstream out(root / ".winerr.json", std::ios::binary);
    out << "{\"x\": ";
    const std::string open(10'000'000, '['), close(10'000'000, ']');
    out << open << close << "}";
  }
  code_actions_survive(root, ".winerr.json of 20 MB");
}

TEST_CASE("audit 4: check DIR goes on past a link to itself, saying so on stderr") {
  const fs::path dir = fresh_dir("loopy");
  std::ofstream(dir / "a.log") << "IKE error 13801\n";
  fs::create_symlink("loopy", dir / "loopy");
  std::ofstream(dir / "z.log") << "IKE error 13806\n";
  const ShellRun r = cli("check " + dir.string());
  INFO(r.out);
  CHECK(r.code == 2);  // an entry could not be read, as rg says it
  CHECK(r.out.find("a.log:1:11: error: 13801") != std::string::npos);
  CHECK(r.out.find("z.log:1:11: error: 13806") != std::string::npos);
  CHECK(r.out.find("winerr-ls: cannot read " + (dir / "loopy").string() + ": Too many levels of symbolic links; skipped") !=
        std::string::npos);
}

TEST_CASE("audit 5: check refuses a device that never ends") {
  for (const char* dev : {"/dev/zero", "/dev/urandom"}) {
    INFO(dev);
    const auto t0 = std::chrono::steady_clock::now();
    const ShellRun r = cli(std::string("check ") + dev);
    CHECK(std::chrono::steady_clock::now() - t0 < 2s);
    CHECK(r.code == 2);
    CHECK(r.out == std::string("winerr-ls: cannot read ") + dev + ": not a regular file (a character device)\n");
  }
  // A FIFO named on the command line is a stream the user asked for: read to its end.
  const fs::path dir = fresh_dir("fifo-cli");
  const fs::path fifo = dir / "pipe.log";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  const ShellRun r = cli("check " + fifo.string() + " & printf 'IKE error 13801\\n' > " + fifo.string() + "; wait");
  CHECK(r.out.find("pipe.log:1:11: error: 13801") != std::string::npos);
}

TEST_CASE("audit 6: a one-line log of 5 MB: every code found, a hover at its far end answered with the right range") {
  // x*1000 + " error 13801 " repeated on one line (a minified log): judged in linear time
  // (names listed once per line), positions far along it found from marks (position.h).
  const std::string unit = std::string(1000, 'x') + " error 13801 ";
  std::string text;
  while (text.size() < 5 * 1024 * 1024) text += unit;
  Editor e;
  const std::string uri = "file:///audit6.log";
  const auto t0 = std::chrono::steady_clock::now();
  const json published = e.open(uri, "log", text);
  INFO("didOpen took " << std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0).count() << " ms");
  CHECK(published["diagnostics"].size() == 1001);  // 1000 and the note on the rest
  const std::size_t last = text.rfind("13801");
  const json hover = e.ask("textDocument/hover", {{"textDocument", {{"uri", uri}}}, {"position", {{"line", 0}, {"character", last + 2}}}});
  REQUIRE(hover.is_object());
  CHECK(hover["contents"]["value"].get<std::string>().find("ERROR_IPSEC_IKE_AUTH_FAIL") != std::string::npos);
  CHECK(hover["range"] == json{{"start", {{"line", 0}, {"character", last}}}, {"end", {{"line", 0}, {"character", last + 5}}}});
  // The code actions and highlights there come from the document's findings too (findings_touching, finding_under).
  const json at = {{"line", 0}, {"character", last + 2}};
  const json actions = e.ask("textDocument/codeAction",
                             {{"textDocument", {{"uri", uri}}}, {"range", {{"start", at}, {"end", at}}}, {"context", {{"diagnostics", json::array()}}}});
  REQUIRE(actions.is_array());
  bool explains = false;
  for (const json& a : actions) explains = explains || a["title"].get<std::string>().find("13801") != std::string::npos;
  CHECK(explains);
  const json highlights = e.ask("textDocument/documentHighlight", {{"textDocument", {{"uri", uri}}}, {"position", at}});
  REQUIRE(highlights.is_array());
  CHECK(highlights.size() == text.size() / unit.size() + (text.size() % unit.size() ? 1 : 0));
  e.c.response(e.c.request("shutdown", nullptr));
  e.c.notify("exit", nullptr);
  CHECK(e.p.wait(5000ms) == 0);
}

TEST_CASE("audit 7: end of input or SIGTERM while a big document is scanned: the process ends at once", "[serial]") {
  // A 20 MB one-line log is handed to the scanner thread; once the worker has answered a
  // request sent after the didOpen, the scan runs. The session then ends without waiting
  // for it (run(): a 50 ms grace, then exit), where it used to wait for the whole scan.
  const std::string unit = std::string(1000, 'x') + " error 13801 ";
  std::string text;
  while (text.size() < 20 * 1024 * 1024) text += unit;
  for (const bool sigterm : {false, true}) {
    INFO((sigterm ? "SIGTERM" : "end of input"));
    Editor e;
    e.c.notify("textDocument/didOpen", {{"textDocument", {{"uri", "file:///audit7.log"}, {"languageId", "log"}, {"version", 1}, {"text", text}}}});
    const json answer = e.c.response(e.c.request("winerr/noSuchMethod", json::object()));
    CHECK(answer.contains("error"));  // the worker is past the didOpen: the scan has begun
    const auto t0 = std::chrono::steady_clock::now();
    if (sigterm) ::kill(e.p.pid(), SIGTERM);
    else e.c.close_output();
    const auto code = e.p.wait(5000ms);
    const auto took = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0);
    INFO("exit after " << took.count() << " ms");
    REQUIRE(code);
    CHECK(*code == (sigterm ? 0 : 1));
    CHECK(took < (kSanitized ? 500ms : 150ms));
  }
}

TEST_CASE("audit 8: winerr.scanFile of a 40 MB file without a line break is not held whole") {
  // A code every 100 KB on one line: read in 16 MiB pieces, judged in windows cut after a
  // space. Before, the whole line was kept and copied (a 256 MB file peaked at 503 MB).
  const fs::path dir = fresh_dir("scan8");
  const fs::path file = dir / "one-line.log";
  {
    std::ofstream out(file, std::ios::binary);
    const std::string unit = std::string(100000, 'x') + " error 13801 ";
    for (std::size_t written = 0; written < 40u * 1024 * 1024; written += unit.size()) out << unit;
  }
  Editor e;
  const json r = e.ask("workspace/executeCommand", {{"command", "winerr.scanFile"}, {"arguments", {uri_of(file)}}});
  REQUIRE(r.is_object());
  CHECK(r["lines"] == 1);
  CHECK(r["bytes"] == fs::file_size(file));
  long peak = -1;  // VmHWM: the server's peak resident memory, KiB
  std::ifstream status("/proc/" + std::to_string(e.p.pid()) + "/status");
  for (std::string line; std::getline(status, line);)
    if (line.rfind("VmHWM:", 0) == 0) peak = std::stol(line.substr(6));
  INFO("peak RSS " << peak << " KiB");
  CHECK(peak > 0);
  CHECK(peak < (kSanitized ? 200 : 80) * 1024);
  fs::remove_all(dir);
}

TEST_CASE("audit 9: explain 0x is unknown, not 13909") {
  for (const char* typo : {"0x", "0X", "0x0", "x", "0x-1"}) {
    INFO(typo);
    const ShellRun r = cli(std::string("explain '") + typo + "'");
    CHECK(r.code == 1);
    CHECK(r.out.find("13909") == std::string::npos);
    CHECK(r.out.find("unknown") != std::string::npos);
  }
}

TEST_CASE("audit 10: --listen '' and --port= are usage errors, not a stdio server") {
  CHECK(cli("--listen '' </dev/null") .code == 2);
  CHECK(cli("--listen= </dev/null").code == 2);
  CHECK(cli("--port= </dev/null").code == 2);
  CHECK(cli("--socket= </dev/null").code == 2);
  const ShellRun r = cli("--port= </dev/null");
  CHECK(r.out == "winerr-ls: --socket/--port needs a port number\n");
}
