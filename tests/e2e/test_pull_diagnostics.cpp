// End-to-end: pull diagnostics (textDocument/diagnostic, workspace/diagnostic) for a client that
// offers them, and then no publishDiagnostics at all; push for every other client. Exact JSON.
#include <catch2/catch.hpp>

#include "../support/lsp_test_client.h"

using namespace lsp_test;

namespace {
const json kPullCaps = {{"textDocument", {{"diagnostic", {{"dynamicRegistration", false}}}}},
                        {"workspace", {{"diagnostics", {{"refreshSupport", true}}}}}};
struct Session {
  Process p{{server_binary()}};
  Client& c = *p.client;
  json caps;
  explicit Session(json capabilities = kPullCaps) {
    caps = c.response(c.request("initialize", {{"processId", nullptr}, {"rootUri", nullptr}, {"capabilities", std::move(capabilities)}}))["result"]["capabilities"];
  }
  void open(const std::string& uri, const std::string& text, int version = 1) {
    c.notify("textDocument/didOpen", {{"textDocument", {{"uri", uri}, {"languageId", "log"}, {"version", version}, {"text", text}}}});
  }
  json pull(const std::string& uri, const std::string& previous = "") {
    json params = {{"textDocument", {{"uri", uri}}}};
    if (!previous.empty()) params["previousResultId"] = previous;
    return c.response(c.request("textDocument/diagnostic", params));
  }
  bool pushed_any() const {
    for (const json& m : c.seen)
      if (m.value("method", "") == "textDocument/publishDiagnostics") return true;
    return false;
  }
};
// The one diagnostic of "IKE error 13801" at line `line`.
json auth_fail(int line) {
  return {{"range", lsp_range(line, 10, line, 15)},
          {"severity", 1},
          {"code", "ERROR_IPSEC_IKE_AUTH_FAIL"},
          {"codeDescription", {{"href", "https://learn.microsoft.com/en-us/windows/win32/debug/system-error-codes--12000-15999-"}}},
          {"source", "winerr"},
          {"message", "13801 IKE authentication credentials are unacceptable"},
          {"data", {{"value", 13801}, {"family", "win32"}, {"form", "decimal"}, {"confidence", "certain"},
                    {"why", "found as a decimal: the word `error` before it in its sentence"}}}};
}
}  // namespace

TEST_CASE("pull diagnostics: offered only to a client that pulls") {
  CHECK(Session().caps["diagnosticProvider"] == json{{"identifier", "winerr"}, {"interFileDependencies", false}, {"workspaceDiagnostics", true}});
  CHECK_FALSE(Session(json::object()).caps.contains("diagnosticProvider"));
}

TEST_CASE("pull diagnostics: a full report with a resultId, unchanged when the client has it, a new one after an edit") {
  Session s;
  s.open("file:///a.log", "IKE error 13801\n");
  // Asked at once: the answer waits for the scan, then carries the finding.
  const json first = s.pull("file:///a.log");
  REQUIRE(first["result"]["kind"] == "full");
  const std::string id = first["result"]["resultId"];
  CHECK(first["result"] == json{{"kind", "full"}, {"resultId", id}, {"items", {auth_fail(0)}}});
  CHECK(s.pull("file:///a.log", id)["result"] == json{{"kind", "unchanged"}, {"resultId", id}});
  s.c.notify("textDocument/didChange", {{"textDocument", {{"uri", "file:///a.log"}, {"version", 2}}},
                                        {"contentChanges", {{{"range", lsp_range(0, 0, 0, 0)}, {"text", "start\n"}}}}});
  const json after = s.pull("file:///a.log", id);
  const std::string id2 = after["result"]["resultId"];
  CHECK(id2 != id);
  CHECK(after["result"] == json{{"kind", "full"}, {"resultId", id2}, {"items", {auth_fail(1)}}});
  // Never both: not one publishDiagnostics in this session, not even on close.
  s.c.notify("textDocument/didClose", {{"textDocument", {{"uri", "file:///a.log"}}}});
  s.c.response(s.c.request("shutdown", nullptr));
  CHECK_FALSE(s.pushed_any());
}

TEST_CASE("pull diagnostics: workspace/diagnostic reports each open document, unchanged where the client is current") {
  Session s;
  s.open("file:///b.log", "nothing here\n", 7);
  s.open("file:///a.log", "IKE error 13801\n", 3);
  const std::string a = s.pull("file:///a.log")["result"]["resultId"];
  const std::string b = s.pull("file:///b.log")["result"]["resultId"];
  const json got = s.c.response(s.c.request("workspace/diagnostic", {{"previousResultIds", {{{"uri", "file:///b.log"}, {"value", b}}}}}));
  CHECK(got["result"] == json{{"items",
                               {{{"kind", "full"}, {"resultId", a}, {"items", {auth_fail(0)}}, {"uri", "file:///a.log"}, {"version", 3}},
                                {{"kind", "unchanged"}, {"resultId", b}, {"uri", "file:///b.log"}, {"version", 7}}}}});
  CHECK_FALSE(s.pushed_any());
}

TEST_CASE("pull diagnostics: a settings change asks the client to pull again, and the new report shows it") {
  Session s;
  s.open("file:///a.log", "IKE error 13801\n");
  const std::string id = s.pull("file:///a.log")["result"]["resultId"];
  s.c.notify("workspace/didChangeConfiguration", {{"settings", {{"winerr", {{"ignore", {"13801"}}}}}}});
  const json refresh = s.c.wait_for([](const json& m) { return m.value("method", "") == "workspace/diagnostic/refresh"; });
  s.c.send({{"jsonrpc", "2.0"}, {"id", refresh["id"]}, {"result", nullptr}});
  const json now = s.pull("file:///a.log", id);
  CHECK(now["result"]["kind"] == "full");
  CHECK(now["result"]["items"] == json::array());
  CHECK_FALSE(s.pushed_any());
}

TEST_CASE("pull diagnostics: a pull waiting for a scan is answered once, empty, when the document closes first") {
  Session s;
  // Big enough (20 MB) that the scan is still running when the pull and the close arrive; its
  // finding on line 1 would be in the report if the pull were answered by the scan instead.
  std::string big = "IKE error 13801\n";
  for (int i = 0; i < 400000; ++i) big += "2026-11-20 08:14:02.113 IKEEXT line with nothing\n";
  s.open("file:///big.log", big);
  const int id = s.c.request("textDocument/diagnostic", {{"textDocument", {{"uri", "file:///big.log"}}}});
  s.c.notify("textDocument/didClose", {{"textDocument", {{"uri", "file:///big.log"}}}});
  const json r = s.c.response(id);
  CHECK(r["result"]["kind"] == "full");
  CHECK(r["result"]["items"] == json::array());
  // Exactly once: a later request's answer comes, and no second answer to `id` before it.
  const int hover = s.c.request("workspace/diagnostic", json::object());
  s.c.response(hover);
  for (const json& m : s.c.seen) CHECK_FALSE((m.contains("id") && m["id"] == id));
}
