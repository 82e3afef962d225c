// End-to-end: the summary code lens on the first line, its refresh after a scan, and the
// winerr.showOutline command for a client that sends it to the server. Request -> exact JSON.
#include <catch2/catch.hpp>

#include "../support/lsp_test_client.h"

using namespace lsp_test;

namespace {
struct Session : Editor {
  using Editor::Editor;
  void open(const std::string& uri, const std::string& text, const std::string& language = "log") { Editor::open(uri, language, text); }
  json lenses(const std::string& uri) {
    return c.response(c.request("textDocument/codeLens", {{"textDocument", {{"uri", uri}}}}))["result"];
  }
};
json lens(const std::string& title, const std::string& uri) {
  return json::array({{{"range", lsp_range(0, 0, 0, 0)},
                       {"command", {{"title", title}, {"command", "winerr.showOutline"}, {"arguments", {uri}}}}}});
}
// 13801 three times (decimal, hex, HRESULT), 13806 once, 13868 twice (the name beside it is
// the same mention); the port is no finding.
const std::string kLog =
    "IKE error 13801\n"
    "IKE error 0x35E9 then error 13806\n"
    "error 13868 (ERROR_IPSEC_IKE_POLICY_MATCH)\n"
    "hr=0x800735E9\n"
    "error 13868 again\n"
    "port 13801\n";
}  // namespace

TEST_CASE("code lens: one summary on the first line, the most frequent code first") {
  Session s;
  s.open("file:///a.log", kLog);
  CHECK(s.lenses("file:///a.log") == lens("6 IPsec/IKE errors: 13801 ×3, 13868 ×2, 13806 ×1", "file:///a.log"));
}

TEST_CASE("code lens: none without findings, one for a single finding, and what is ignored is not counted") {
  Session s;
  s.open("file:///none.log", "nothing to see, port 13801\n");
  CHECK(s.lenses("file:///none.log") == json::array());
  s.open("file:///one.log", "error 13801\n");
  CHECK(s.lenses("file:///one.log") == lens("1 IPsec/IKE error: 13801 ×1", "file:///one.log"));
  s.c.notify("workspace/didChangeConfiguration", {{"settings", {{"winerr", {{"ignore", {"13801"}}}}}}});
  s.c.diagnostics("file:///one.log");
  CHECK(s.lenses("file:///one.log") == json::array());
}

TEST_CASE("code lens: a warning code makes it codes, not errors, and past five codes the rest is counted") {
  Session s;
  // Six different error codes and one warning (13025 is WARNING_IPSEC_MM_POLICY_PRUNED).
  s.open("file:///many.log",
         "error 13801\nerror 13806\nerror 13868\nerror 13804\nerror 13805\nerror 13807\nerror 13807\nstatus 0x32E1\n");
  CHECK(s.lenses("file:///many.log") == lens("8 IPsec/IKE codes: 13807 ×2, 13801 ×1, 13806 ×1, 13868 ×1, 13804 ×1, +2 more", "file:///many.log"));
}

TEST_CASE("code lens: a client with refresh support is asked to refresh once the scan is done") {
  Session s(json{{"workspace", {{"codeLens", {{"refreshSupport", true}}}}}});
  s.c.notify("textDocument/didOpen", {{"textDocument", {{"uri", "file:///a.log"}, {"languageId", "log"}, {"version", 1}, {"text", kLog}}}});
  const json refresh = s.c.wait_for([](const json& m) { return m.value("method", "") == "workspace/codeLens/refresh"; });
  CHECK(refresh.contains("id"));
  s.c.send({{"jsonrpc", "2.0"}, {"id", refresh["id"]}, {"result", nullptr}});
  CHECK(s.lenses("file:///a.log") == lens("6 IPsec/IKE errors: 13801 ×3, 13868 ×2, 13806 ×1", "file:///a.log"));
}

TEST_CASE("code lens: winerr.showOutline sent to the server shows the outline as a message") {
  Session s;
  s.open("file:///a.log", kLog);
  const json r = s.c.response(s.c.request("workspace/executeCommand", {{"command", "winerr.showOutline"}, {"arguments", {"file:///a.log"}}}));
  CHECK(r["result"] == nullptr);
  const json m = s.c.wait_for([](const json& x) { return x.value("method", "") == "window/showMessage"; });
  CHECK(m["params"] == json{{"type", 3},
                            {"message", "6 IPsec/IKE errors: 13801 ×3, 13868 ×2, 13806 ×1\n"
                                        "ERROR_IPSEC_IKE_AUTH_FAIL — 3×, lines 1–4\n"
                                        "ERROR_IPSEC_IKE_NO_CERT — 1×, line 2\n"
                                        "ERROR_IPSEC_IKE_POLICY_MATCH — 2×, lines 3–5"}});
  const json bad = s.c.response(s.c.request("workspace/executeCommand", {{"command", "winerr.showOutline"}, {"arguments", {"file:///closed.log"}}}));
  CHECK(bad["error"] == json{{"code", -32602}, {"message", "document not open: file:///closed.log"}});
}
