// End-to-end: the outline (document symbols), links, highlights and references, over real
// stdio framing, request -> exact expected JSON.
#include <catch2/catch.hpp>

#include <cstdlib>

#include "../support/lsp_test_client.h"

using namespace lsp_test;

namespace {
struct Session : Editor {
  void open(const std::string& uri, const std::string& text) { Editor::open(uri, "log", text); }
};
// Line 0: 13801; line 1: its hex and 13806; line 2: the HRESULT of 13801; line 3: the name
// beside a number (one mention); line 4: a port (no finding).
const std::string kLog =
    "IKE error 13801\n"
    "IKE error 0x35E9 then error 13806\n"
    "hr=0x800735E9\n"
    "error 13801 (ERROR_IPSEC_IKE_AUTH_FAIL)\n"
    "port 13801\n";
const std::string kUri = "file:///n.log";
}  // namespace

TEST_CASE("navigation: the initialize result offers symbols, links, highlights and references") {
  Process p{{server_binary()}};
  auto caps = p.client->response(p.client->request("initialize", {{"processId", nullptr}, {"rootUri", nullptr}, {"capabilities", json::object()}}))["result"]["capabilities"];
  CHECK(caps["documentSymbolProvider"] == true);
  CHECK(caps["documentLinkProvider"] == json{{"resolveProvider", false}});
  CHECK(caps["documentHighlightProvider"] == true);
  CHECK(caps["referencesProvider"] == true);
}

TEST_CASE("navigation: the outline is one symbol per code, with its count, lines and occurrences") {
  Session s;
  s.open(kUri, kLog);
  const json got = s.ask("textDocument/documentSymbol", {{"textDocument", {{"uri", kUri}}}});
  auto child = [](int line, int c1, int c2, const std::string& tok) {
    return json{{"name", "line " + std::to_string(line + 1) + ": " + tok}, {"kind", 14}, {"range", lsp_range(line, c1, line, c2)}, {"selectionRange", lsp_range(line, c1, line, c2)}};
  };
  const json want = json::array({
      {{"name", "ERROR_IPSEC_IKE_AUTH_FAIL — 4×, lines 1–4"},
       {"detail", "13801 IKE authentication credentials are unacceptable"},
       {"kind", 14},
       {"range", lsp_range(0, 10, 3, 11)},
       {"selectionRange", lsp_range(0, 10, 0, 15)},
       {"children", {child(0, 10, 15, "13801"), child(1, 10, 16, "0x35E9"), child(2, 3, 13, "0x800735E9"), child(3, 6, 11, "13801")}}},
      {{"name", "ERROR_IPSEC_IKE_NO_CERT — 1×, line 2"},
       {"detail", "13806 IKE failed to find valid machine certificate. Contact your Network Security Administrator about installing a valid certificate in the appropriate Certificate Store."},
       {"kind", 14},
       {"range", lsp_range(1, 28, 1, 33)},
       {"selectionRange", lsp_range(1, 28, 1, 33)},
       {"children", {child(1, 28, 33, "13806")}}},
  });
  CHECK(got == want);
}

TEST_CASE("navigation: each finding links to Microsoft's page, and highlights are every spelling of the code") {
  Session s;
  s.open(kUri, kLog);
  const json links = s.ask("textDocument/documentLink", {{"textDocument", {{"uri", kUri}}}});
  REQUIRE(links.size() == 5);
  CHECK(links[0] == json{{"range", lsp_range(0, 10, 0, 15)},
                         {"target", "https://learn.microsoft.com/en-us/windows/win32/debug/system-error-codes--12000-15999-"},
                         {"tooltip", "Microsoft's page of ERROR_IPSEC_IKE_AUTH_FAIL"}});
  CHECK(links[2]["range"] == lsp_range(1, 28, 1, 33));
  // On the hex of line 1: 13801 in all five places it is written (the name too), not 13806 or the port.
  const json hl = s.ask("textDocument/documentHighlight", {{"textDocument", {{"uri", kUri}}}, {"position", {{"line", 1}, {"character", 12}}}});
  CHECK(hl == json::array({{{"range", lsp_range(0, 10, 0, 15)}, {"kind", 1}},
                           {{"range", lsp_range(1, 10, 1, 16)}, {"kind", 1}},
                           {{"range", lsp_range(2, 3, 2, 13)}, {"kind", 1}},
                           {{"range", lsp_range(3, 6, 3, 11)}, {"kind", 1}},
                           {{"range", lsp_range(3, 13, 3, 38)}, {"kind", 1}}}));
  // Not on a code: nothing.
  CHECK(s.ask("textDocument/documentHighlight", {{"textDocument", {{"uri", kUri}}}, {"position", {{"line", 4}, {"character", 7}}}}) == json::array());
}

TEST_CASE("navigation: references span the open documents, the asked one first") {
  Session s;
  s.open("file:///b.log", "IKE failure 13806 and error 0x35E9\n");
  s.open(kUri, kLog);
  s.open("file:///a.log", "nothing here\nerror -2147011095\n");
  const json got = s.ask("textDocument/references", {{"textDocument", {{"uri", kUri}}}, {"position", {{"line", 3}, {"character", 20}}},
                                                     {"context", {{"includeDeclaration", true}}}});
  CHECK(got == json::array({{{"uri", kUri}, {"range", lsp_range(0, 10, 0, 15)}},
                            {{"uri", kUri}, {"range", lsp_range(1, 10, 1, 16)}},
                            {{"uri", kUri}, {"range", lsp_range(2, 3, 2, 13)}},
                            {{"uri", kUri}, {"range", lsp_range(3, 6, 3, 11)}},
                            {{"uri", kUri}, {"range", lsp_range(3, 13, 3, 38)}},
                            {{"uri", "file:///a.log"}, {"range", lsp_range(1, 6, 1, 17)}},
                            {{"uri", "file:///b.log"}, {"range", lsp_range(0, 28, 0, 34)}}}));
}

// 20 MB: its scan is still running when the requests below arrive right after didOpen.
TEST_CASE("navigation: the outline and the lens asked for before the scan ends wait for it, and a close answers them empty", "[serial]") {
  std::string big = "IKE error 13801\n";
  while (big.size() < (std::size_t{20} << 20)) big += "2026-11-20 08:14:02.113 IKEEXT 4242 nothing to see on this line\n";
  Process p{{server_binary()}};
  Client& c = *p.client;
  c.response(c.request("initialize", {{"processId", nullptr}, {"rootUri", nullptr}, {"capabilities", json::object()}}));
  c.notify("textDocument/didOpen", {{"textDocument", {{"uri", "file:///big.log"}, {"languageId", "log"}, {"version", 1}, {"text", big}}}});
  const int outline = c.request("textDocument/documentSymbol", {{"textDocument", {{"uri", "file:///big.log"}}}});
  const int lens = c.request("textDocument/codeLens", {{"textDocument", {{"uri", "file:///big.log"}}}});
  const json sym = c.response(outline)["result"];
  REQUIRE(sym.size() == 1);
  CHECK(sym[0]["name"] == "ERROR_IPSEC_IKE_AUTH_FAIL — 1×, line 1");
  CHECK(c.response(lens)["result"][0]["command"]["title"] == "1 IPsec/IKE error: 13801 ×1");
  // The same, but the document closes before its scan ends: empty answers, each exactly once.
  c.notify("textDocument/didOpen", {{"textDocument", {{"uri", "file:///big2.log"}, {"languageId", "log"}, {"version", 1}, {"text", big}}}});
  const int links = c.request("textDocument/documentLink", {{"textDocument", {{"uri", "file:///big2.log"}}}});
  c.notify("textDocument/didClose", {{"textDocument", {{"uri", "file:///big2.log"}}}});
  CHECK(c.response(links)["result"] == json::array());
  c.response(c.request("shutdown", nullptr));
  for (const json& m : c.seen) CHECK_FALSE((m.contains("id") && m["id"] == links));
}
