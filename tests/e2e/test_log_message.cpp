// End-to-end: problems with what the client sent that cost no answer reach the client's log as
// window/logMessage (type 2, Warning), not only stderr. Exact JSON.
#include <catch2/catch.hpp>

#include "../support/lsp_test_client.h"

using namespace lsp_test;

namespace {
json next_log(Client& c) {
  return c.wait_for([](const json& m) { return m.value("method", "") == "window/logMessage"; })["params"];
}
}  // namespace

TEST_CASE("log messages: a clamped edit and a version that does not increase are logged to the client") {
  Process p{{server_binary()}};
  Client& c = *p.client;
  c.response(c.request("initialize", {{"processId", nullptr}, {"rootUri", nullptr}, {"capabilities", json::object()}}));
  c.notify("textDocument/didOpen", {{"textDocument", {{"uri", "file:///a.log"}, {"languageId", "log"}, {"version", 5}, {"text", "IKE error 13801\n"}}}});
  c.diagnostics("file:///a.log");
  // character 99 is past the end of line 0: the spec says it means the line's end.
  c.notify("textDocument/didChange", {{"textDocument", {{"uri", "file:///a.log"}, {"version", 5}}},
                                     {"contentChanges", {{{"range", lsp_range(0, 99, 0, 99)}, {"text", " again"}}}}});
  CHECK(next_log(c) == json{{"type", 2}, {"message", "winerr-ls: file:///a.log: version 5 does not follow 5; applied anyway"}});
  CHECK(next_log(c) == json{{"type", 2}, {"message", "winerr-ls: file:///a.log: change 1: range 0:99-0:99 is outside the text or inside a character; clamped"}});
  // ...and the edit was applied, the document kept.
  CHECK(c.diagnostics("file:///a.log")["diagnostics"].size() == 1);
}

TEST_CASE("log messages: a frame the server cannot read is logged to the client, and the next one is answered") {
  Process p{{server_binary()}};
  Client& c = *p.client;
  c.response(c.request("initialize", {{"processId", nullptr}, {"rootUri", nullptr}, {"capabilities", json::object()}}));
  c.send_raw("Content-Length: abc\r\n\r\n");
  const json log = next_log(c);
  CHECK(log["type"] == 2);
  CHECK(log["message"].get<std::string>().rfind("winerr-ls: bad frame: ", 0) == 0);
  CHECK(c.response(c.request("shutdown", nullptr))["result"] == nullptr);
}
