// End-to-end: code actions rewrite a code as another spelling of the same number, by
// language, from the document as it is now; hover content format; inlay hint rules.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "../support/lsp_test_client.h"

using namespace lsp_test;

namespace {
std::string binary() { return server_binary(); }
json range(int l1, int c1, int l2, int c2) { return lsp_range(l1, c1, l2, c2); }
struct Session {
  Process p{{binary()}};
  Client& c = *p.client;
  explicit Session(json capabilities = json::object()) {
    c.response(c.request("initialize", {{"processId", nullptr}, {"rootUri", nullptr}, {"capabilities", capabilities}}));
  }
  void open(const std::string& uri, const std::string& language, const std::string& text, int version = 1) {
    c.notify("textDocument/didOpen", {{"textDocument", {{"uri", uri}, {"languageId", language}, {"version", version}, {"text", text}}}});
    c.diagnostics(uri);
  }
  json actions(const std::string& uri, json r, json diagnostics = json::array()) {
    return c.response(c.request("textDocument/codeAction", {{"textDocument", {{"uri", uri}}}, {"range", r}, {"context", {{"diagnostics", diagnostics}}}}))["result"];
  }
};
// Every token also gets "Explain …", whose command shows the full explanation.
json explain13801() {
  const std::string t = "Explain 13801 (ERROR_IPSEC_IKE_AUTH_FAIL)";
  return {{"title", t}, {"kind", "quickfix"},
          {"command", {{"title", t}, {"command", "winerr.explain"}, {"arguments", {"ERROR_IPSEC_IKE_AUTH_FAIL"}}}}};
}
json action(const std::string& uri, json r, const std::string& text) {
  return {{"title", "Replace with " + text}, {"kind", "refactor.rewrite"}, {"edit", {{"changes", {{uri, {{{"range", r}, {"newText", text}}}}}}}}};
}
}  // namespace

TEST_CASE("code actions: rewrites keep the number, by language") {
  Session s;
  struct Row {
    const char* language;
    std::string text;
    json token;  // its range
    std::vector<std::string> rewrites;
  };
  std::vector<Row> rows = {
      {"powershell", "if ($rc -eq 13801) { exit 1 }", range(0, 12, 0, 17), {"0x35E9"}},
      {"powershell", "$hr = 0x800735E9  # IKE failed", range(0, 6, 0, 16), {"-2147011095"}},
      {"python", "if hr == -2147011095:  # IKE error", range(0, 9, 0, 20), {"0x800735E9"}},
      {"python", "status = 0x35E9  # error", range(0, 9, 0, 15), {"13801"}},
      {"c", "rc = 13801; /* error code */", range(0, 5, 0, 10), {"0x35E9", "ERROR_IPSEC_IKE_AUTH_FAIL"}},
      {"cpp", "if (hr == 0x800735E9) fail();", range(0, 10, 0, 20), {"-2147011095", "HRESULT_FROM_WIN32(ERROR_IPSEC_IKE_AUTH_FAIL)"}},
      {"powershell", "Write-Host 'ERROR_IPSEC_IKE_AUTH_FAIL'", range(0, 12, 0, 37), {"13801"}},
      {"log", "IKE failed, error 13801", range(0, 18, 0, 23), {}},
      {"plaintext", "IKE failed, error 13801", range(0, 18, 0, 23), {}},
  };
  int n = 0;
  for (auto& row : rows) {
    INFO(row.language << ": " << row.text);
    const std::string uri = "file:///ca" + std::to_string(n++);
    s.open(uri, row.language, row.text);
    json expected = json::array();
    for (auto& t : row.rewrites) expected.push_back(action(uri, row.token, t));
    expected.push_back(explain13801());  // in logs too, where there are no rewrites
    // Scripts and source also get a suppression comment in their own syntax; logs do not.
    const std::string language = row.language;
    const std::string marker = language == "powershell" || language == "python" ? "#" : language == "c" || language == "cpp" ? "//" : "";
    if (!marker.empty()) {
      const int eol = static_cast<int>(row.text.size());
      expected.push_back({{"title", "Ignore 13801 on this line"}, {"kind", "quickfix"},
                          {"edit", {{"changes", {{uri, {{{"range", range(0, eol, 0, eol)}, {"newText", "  " + marker + " winerr-ignore 13801"}}}}}}}}});
    }
    // Asked for the token's own range, and for a cursor inside it: the same answer.
    CHECK(s.actions(uri, row.token) == expected);
    const int mid = (row.token["start"]["character"].get<int>() + row.token["end"]["character"].get<int>()) / 2;
    CHECK(s.actions(uri, range(0, mid, 0, mid)) == expected);
  }
}

TEST_CASE("code actions: from the text as it is now, without Diagnostic.data, versioned where supported") {
  Session s(json{{"workspace", {{"workspaceEdit", {{"documentChanges", true}}}}}});
  const std::string uri = "file:///stale.ps1";
  s.open(uri, "powershell", "err 13801\n", 1);
  // The client's diagnostic for 13801 at 0:4-0:9; then "x " is inserted in front of it.
  json diag = {{"range", range(0, 4, 0, 9)}, {"source", "winerr"}, {"message", "13801"}};
  s.c.notify("textDocument/didChange", {{"textDocument", {{"uri", uri}, {"version", 2}}}, {"contentChanges", {{{"range", range(0, 0, 0, 0)}, {"text", "x "}}}}});
  s.c.diagnostics(uri);
  // The stale range 0:4-0:9 now covers "r 138": the action rewrites the token where it is now.
  json r = range(0, 6, 0, 11);
  json expected = json::array({{{"title", "Replace with 0x35E9"}, {"kind", "refactor.rewrite"},
                                {"edit", {{"documentChanges", {{{"textDocument", {{"uri", uri}, {"version", 2}}},
                                                                {"edits", {{{"range", r}, {"newText", "0x35E9"}}}}}}}}}},
                               explain13801(),
                               {{"title", "Ignore 13801 on this line"}, {"kind", "quickfix"},
                                {"edit", {{"documentChanges", {{{"textDocument", {{"uri", uri}, {"version", 2}}},
                                                                {"edits", {{{"range", range(0, 11, 0, 11)}, {"newText", "  # winerr-ignore 13801"}}}}}}}}}}});
  CHECK(s.actions(uri, range(0, 4, 0, 9), {diag}) == expected);
  // With a current diagnostic (no data field at all), the action carries it.
  json current = {{"range", r}, {"source", "winerr"}, {"message", "13801"}};
  expected[0]["diagnostics"] = json::array({current});
  expected[1]["diagnostics"] = json::array({current});
  expected[2]["diagnostics"] = json::array({current});
  CHECK(s.actions(uri, r, {current}) == expected);
  // Nothing there: no actions.
  CHECK(s.actions(uri, range(0, 0, 0, 1)) == json::array());
}

TEST_CASE("hover: plain text for a client that takes only plaintext") {
  Session s(json{{"textDocument", {{"hover", {{"contentFormat", {"plaintext"}}}}}}});
  s.open("file:///h.log", "log", "error 13801\n");
  auto h = s.c.response(s.c.request("textDocument/hover", {{"textDocument", {{"uri", "file:///h.log"}}}, {"position", {{"line", 0}, {"character", 8}}}}));
  CHECK(h["result"]["contents"]["kind"] == "plaintext");
  const std::string v = h["result"]["contents"]["value"];
  CHECK(v.find("IKE authentication credentials are unacceptable") != std::string::npos);
  CHECK(v.find("**") == std::string::npos);
  CHECK(v.find("###") == std::string::npos);
}

TEST_CASE("inlay hints: certain findings only, none where the name is already written") {
  Session s;
  const std::string text = "error 13801\nvalue 0x35E9\n13801 (ERROR_IPSEC_IKE_AUTH_FAIL)\n";
  s.open("file:///i.log", "log", text);
  auto hints = s.c.response(s.c.request("textDocument/inlayHint", {{"textDocument", {{"uri", "file:///i.log"}}}, {"range", range(0, 0, 3, 0)}}))["result"];
  // Line 0: certain (an error word). Line 1: a bare hex is only possible. Line 2: named already.
  CHECK(hints == json::array({{{"position", {{"line", 0}, {"character", 11}}}, {"label", "ERROR_IPSEC_IKE_AUTH_FAIL"}, {"kind", 1}, {"paddingLeft", true}}}));
}

TEST_CASE("settings: a client that supports it is asked to refresh inlay hints after a change") {
  Session s(json{{"workspace", {{"inlayHint", {{"refreshSupport", true}}}}}});
  s.c.notify("workspace/didChangeConfiguration", {{"settings", {{"winerr", {{"inlayHints", false}}}}}});
  auto r = s.c.wait_for([](const json& m) { return m.value("method", "") == "workspace/inlayHint/refresh"; });
  CHECK(r["id"] == "winerr-1");
  // A wrong type names the setting and what it wants.
  s.c.notify("workspace/didChangeConfiguration", {{"settings", {{"winerr", {{"maxDiagnostics", "many"}}}}}});
  auto m = s.c.wait_for([](const json& x) { return x.value("method", "") == "window/showMessage"; });
  CHECK(m["params"]["message"] ==
        "winerr-ls: settings (workspace/didChangeConfiguration): 'maxDiagnostics' must be a non-negative integer; the last "
        "good settings stay in force");
}

TEST_CASE("explain: winerr.explain shows the full explanation as a document, or as a message") {
  {
    Session s(json{{"window", {{"showDocument", {{"support", true}}}}}});
    auto r = s.c.response(s.c.request("workspace/executeCommand", {{"command", "winerr.explain"}, {"arguments", {"0x35E9"}}}));
    // The server asks the client to show <temp>/winerr-ls/ERROR_IPSEC_IKE_AUTH_FAIL.md.
    const json show = s.c.wait_for([](const json& m) { return m.value("method", "") == "window/showDocument"; });
    const std::string uri = show["params"]["uri"];
    CHECK(uri.rfind("file://", 0) == 0);
    CHECK(uri.size() > 30);
    CHECK(uri.substr(uri.size() - 29) == "/ERROR_IPSEC_IKE_AUTH_FAIL.md");
    CHECK(show["params"]["takeFocus"] == true);
    CHECK(r["result"] == json{{"uri", uri}});
    std::ifstream in(uri.substr(7));
    std::stringstream md;
    md << in.rdbuf();
    CHECK(md.str().find("IKE authentication credentials are unacceptable") != std::string::npos);
  }
  {
    Session s;  // no showDocument: the plain text as a message
    auto r = s.c.response(s.c.request("workspace/executeCommand", {{"command", "winerr.explain"}, {"arguments", {"13801"}}}));
    CHECK(r["result"].is_null());
    const json m = s.c.wait_for([](const json& x) { return x.value("method", "") == "window/showMessage"; });
    CHECK(m["params"]["type"] == 3);
    CHECK(m["params"]["message"].get<std::string>().find("IKE authentication credentials are unacceptable") != std::string::npos);
    // A bad argument or an unknown command is an error naming what was wrong.
    auto bad = s.c.response(s.c.request("workspace/executeCommand", {{"command", "winerr.explain"}, {"arguments", {"99999"}}}));
    CHECK(bad["error"] == json{{"code", -32602}, {"message", "'99999' is no code of the catalog"}});
    auto unknown = s.c.response(s.c.request("workspace/executeCommand", {{"command", "winerr.nope"}}));
    CHECK(unknown["error"]["code"] == -32602);
  }
}
