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
// Whether diagnostics for `uri` arrive within `wait` (a followed file looked at again).
bool published_within(Client& c, const std::string& uri, std::chrono::milliseconds wait) {
  try {
    c.wait_for([&](const json& m) { return m.value("method", "") == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri; }, wait);
    return true;
  } catch (const std::exception&) {
    return false;
  }
}
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
  CHECK(r["result"] == json{{"uri", uri}, {"bytes", kLog.size()}, {"lines", 3}, {"diagnostics", 3}, {"following", false}});
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
  CHECK(error(uri_of(dir)) == json{{"code", -32602}, {"message", "winerr.scanFile: " + dir.string() + ": not a regular file (a directory)"}});
  CHECK(error("untitled:Untitled-1") == json{{"code", -32602}, {"message", "winerr.scanFile reads local files only, not untitled:Untitled-1"}});
  CHECK(error(json{{"uri", uri_of(dir / "x.log")}, {"follow", "yes"}}) ==
        json{{"code", -32602}, {"message", "winerr.scanFile: follow must be true or false"}});
  CHECK(error(42)["message"] == "winerr.scanFile takes one argument: the file's URI (or {\"uri\": URI, \"follow\": true})");
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

TEST_CASE("scan file: a followed log is scanned again as it grows, until follow: false") {
  Session s;
  const fs::path file = write_file("growing.log", "IKE error 13801\n");
  const std::string uri = uri_of(file);
  CHECK(s.scan(json{{"uri", uri}, {"follow", true}})["result"] ==
        json{{"uri", uri}, {"bytes", 16}, {"lines", 1}, {"diagnostics", 1}, {"following", true}});
  CHECK(s.c.diagnostics(uri)["diagnostics"].size() == 1);
  std::ofstream(file, std::ios::binary | std::ios::app) << "IKE failed: error 0x35EE\n";
  // Looked at again within a second or so: the new line's finding is published with the old.
  const json grown = s.c.diagnostics(uri)["diagnostics"];
  REQUIRE(grown.size() == 2);
  CHECK(grown[1]["range"] == lsp_range(1, 18, 1, 24));
  CHECK(s.scan(json{{"uri", uri}, {"follow", false}})["result"] == json{{"uri", uri}, {"following", false}});
  std::ofstream(file, std::ios::binary | std::ios::app) << "IKE error 13806\n";
  // Not followed any more: no publish for it in the next 2.5 s.
  CHECK_FALSE(published_within(s.c, uri, 2500ms));
}

TEST_CASE("scan file: opening a followed file in the editor stops the following") {
  Session s;
  const fs::path file = write_file("opened.log", "IKE error 13801\n");
  const std::string uri = uri_of(file);
  CHECK(s.scan(json{{"uri", uri}, {"follow", true}})["result"]["following"] == true);
  s.c.diagnostics(uri);
  s.c.notify("textDocument/didOpen", {{"textDocument", {{"uri", uri}, {"languageId", "log"}, {"version", 1}, {"text", "nothing\n"}}}});
  CHECK(s.c.diagnostics(uri)["diagnostics"] == json::array());  // the editor's text: no finding
  std::ofstream(file, std::ios::binary | std::ios::app) << "IKE error 13806\n";
  CHECK_FALSE(published_within(s.c, uri, 2500ms));
}
