// End-to-end: winerr.scanFile, for a log the editor will not send. The file is read on the
// server from the URI the client names; its diagnostics are published for that URI and equal
// what the same text gets as an open document. Errors come back in words. Exact JSON.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <unistd.h>

#include "../support/lsp_test_client.h"

using namespace lsp_test;
namespace fs = std::filesystem;

namespace {
const std::string kLog =
    "2026-11-20 08:14:02 IKEEXT: Main mode failure, error code 13801\r\n"
    "caf\xC3\xA9 failed with error 0x35E9\n"
    "hr=0x800735E9 and port 13806\n";
fs::path write_file(const std::string& name, const std::string& text) {
  const fs::path dir = fs::temp_directory_path() / ("winerr-scanfile-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / name, std::ios::binary) << text;
  return dir / name;
}
std::string uri_of(const fs::path& p) { return "file://" + p.string(); }
struct Session {
  Process p{{server_binary()}};
  Client& c = *p.client;
  explicit Session(json caps = json::object()) {
    c.response(c.request("initialize", {{"processId", nullptr}, {"rootUri", nullptr}, {"capabilities", std::move(caps)}}));
  }
  json scan(json argument) {
    return c.response(c.request("workspace/executeCommand", {{"command", "winerr.scanFile"}, {"arguments", {std::move(argument)}}}));
  }
};
}  // namespace

TEST_CASE("scan file: a file on disk gets the diagnostics its text would get open, for its URI") {
  Session s;
  const fs::path file = write_file("vpn.log", kLog);
  const std::string uri = uri_of(file);
  const json r = s.scan(uri);
  CHECK(r["result"] == json{{"uri", uri}, {"bytes", kLog.size()}, {"lines", 3}, {"diagnostics", 3}});
  const json scanned = s.c.diagnostics(uri)["diagnostics"];
  s.c.notify("textDocument/didOpen", {{"textDocument", {{"uri", "file:///same.log"}, {"languageId", "log"}, {"version", 1}, {"text", kLog}}}});
  const json open = s.c.diagnostics("file:///same.log")["diagnostics"];
  REQUIRE(open.size() == 3);
  CHECK(scanned == open);
  // The argument may also be {"uri": …}.
  CHECK(s.scan(json{{"uri", uri}})["result"]["diagnostics"] == 3);
}

TEST_CASE("scan file: what cannot be scanned is refused in words, and the server goes on") {
  Session s;
  const fs::path dir = write_file("x.log", "").parent_path();
  auto error = [&](json argument) { return s.scan(std::move(argument))["error"]; };
  CHECK(error(uri_of(dir / "missing.log")) ==
        json{{"code", -32602}, {"message", "winerr.scanFile: " + (dir / "missing.log").string() + ": no such file"}});
  CHECK(error(uri_of(dir)) == json{{"code", -32602}, {"message", "winerr.scanFile: " + dir.string() + ": not a regular file"}});
  CHECK(error("untitled:Untitled-1") == json{{"code", -32602}, {"message", "winerr.scanFile reads local files only, not untitled:Untitled-1"}});
  CHECK(error(json{{"uri", uri_of(dir / "x.log")}, {"follow", true}}) ==
        json{{"code", -32602}, {"message", "winerr.scanFile: follow is not supported yet; scan again to see what was appended"}});
  CHECK(error(42)["message"] == "winerr.scanFile takes one argument: the file's URI (or {\"uri\": URI})");
  s.c.notify("textDocument/didOpen", {{"textDocument", {{"uri", uri_of(dir / "x.log")}, {"languageId", "log"}, {"version", 1}, {"text", ""}}}});
  CHECK(error(uri_of(dir / "x.log"))["message"] == uri_of(dir / "x.log") + " is open in the editor: its diagnostics come from the editor's text");
  CHECK(s.c.response(s.c.request("shutdown", nullptr))["result"] == nullptr);
}

TEST_CASE("scan file: a client that pulls gets the file's diagnostics pushed, cleared when it opens the file") {
  Session s(json{{"textDocument", {{"diagnostic", json::object()}}}});
  const fs::path file = write_file("pull.log", kLog);
  const std::string uri = uri_of(file);
  CHECK(s.scan(uri)["result"]["diagnostics"] == 3);
  CHECK(s.c.diagnostics(uri)["diagnostics"].size() == 3);
  s.c.notify("textDocument/didOpen", {{"textDocument", {{"uri", uri}, {"languageId", "log"}, {"version", 1}, {"text", kLog}}}});
  CHECK(s.c.diagnostics(uri) == json{{"uri", uri}, {"diagnostics", json::array()}});
}
