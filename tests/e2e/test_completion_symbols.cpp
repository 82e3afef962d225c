// End-to-end: completion of catalog names and workspace symbols, over real stdio framing,
// request -> exact expected JSON. The matching rules themselves are unit-tested in
// tests/unit/core/test_completion_symbols.cpp.
#include <catch2/catch.hpp>

#include <cctype>
#include <filesystem>
#include <fstream>
#include <unistd.h>

#include "../support/lsp_test_client.h"

using namespace lsp_test;
namespace fs = std::filesystem;

namespace {
struct Session : Editor {
  using Editor::Editor;
  json complete(const std::string& uri, int line, int character) {
    return ask("textDocument/completion", {{"textDocument", {{"uri", uri}}}, {"position", {{"line", line}, {"character", character}}}});
  }
  json symbols(const std::string& query) { return ask("workspace/symbol", {{"query", query}}); }
};

json item(const std::string& name, const std::string& detail, const json& documentation, const std::string& sort, const json& range) {
  return {{"label", name},
          {"kind", 21},
          {"detail", detail},
          {"documentation", documentation},
          {"sortText", sort},
          {"filterText", name},
          {"textEdit", {{"range", range}, {"newText", name}}}};
}
json plain(const std::string& text) { return {{"kind", "plaintext"}, {"value", text}}; }
json symbol(const std::string& name, const std::string& uri, const json& range, const std::string& container) {
  return {{"name", name}, {"kind", 14}, {"location", {{"uri", uri}, {"range", range}}}, {"containerName", container}};
}

fs::path fresh_dir(const std::string& name) {
  fs::path d = fs::temp_directory_path() / ("winerr-complete-" + std::to_string(::getpid()) + "-" + name);
  fs::remove_all(d);
  fs::create_directories(d);
  return d;
}
void write(const fs::path& p, const std::string& text) {
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << text;
}

// An emoji before the word: 4 UTF-8 bytes, 2 UTF-16 units, so the two encodings' ranges differ.
// The word ERROR_IPSEC_IKE_POLICY spans UTF-16 characters 22-44 (UTF-8 bytes 24-46).
const std::string kScript = "# VPN checks\n$m = \"\xF0\x9F\x98\x80\"; if ($r -eq ERROR_IPSEC_IKE_POLICY) { exit 1 }\n";
const std::string kScriptUri = "file:///w/check.ps1";

// What "ERROR_IPSEC_IKE_POLICY" offers: the two names that start with it, then the four whose
// parts hold ERROR, IPSEC, IKE and POLICY, each group by code.
json policy_items(const json& range) {
  return json::array({
      item("ERROR_IPSEC_IKE_POLICY_CHANGE", "13849 (0x3619)", plain("New policy invalidated SAs formed with old policy"), "0000", range),
      item("ERROR_IPSEC_IKE_POLICY_MATCH", "13868 (0x362C)", plain("Policy match error"), "0001", range),
      item("ERROR_IPSEC_IKE_NO_POLICY", "13825 (0x3601)", plain("No policy configured"), "0002", range),
      item("ERROR_IPSEC_IKE_NO_MM_POLICY", "13850 (0x361A)", plain("There is no available Main Mode IKE policy."), "0003", range),
      item("ERROR_IPSEC_IKE_INVALID_POLICY", "13861 (0x3625)", plain("Invalid policy"), "0004", range),
      item("ERROR_IPSEC_IKE_CERT_CHAIN_POLICY_MISMATCH", "13887 (0x363F)",
           plain("Certificate doesn't chain to a trusted root in IPsec policy."), "0005", range),
  });
}

// Line 0: 13801; line 1: its hex and 13806; line 2: the HRESULT of 13801; line 3: the name
// beside a number (one mention); line 4: a port (no finding).
const std::string kLog =
    "IKE error 13801\n"
    "IKE error 0x35E9 then error 13806\n"
    "hr=0x800735E9\n"
    "error 13801 (ERROR_IPSEC_IKE_AUTH_FAIL)\n"
    "port 13801\n";
}  // namespace

TEST_CASE("completion and workspace symbols: initialize offers exactly these capabilities") {
  Process p{{server_binary()}};
  const json caps = p.client->response(p.client->request("initialize", initialize_params()))["result"]["capabilities"];
  CHECK(caps == json{{"positionEncoding", "utf-16"},
                     {"textDocumentSync", {{"openClose", true}, {"change", 2}, {"save", {{"includeText", false}}}}},
                     {"hoverProvider", true},
                     {"workspace", {{"workspaceFolders", {{"supported", true}, {"changeNotifications", true}}}}},
                     {"inlayHintProvider", true},
                     {"codeActionProvider", {{"codeActionKinds", {"refactor.rewrite", "quickfix"}}}},
                     {"executeCommandProvider", {{"commands", {"winerr.explain", "winerr.scanFile"}}}},
                     {"documentSymbolProvider", true},
                     {"documentLinkProvider", {{"resolveProvider", false}}},
                     {"documentHighlightProvider", true},
                     {"referencesProvider", true},
                     {"completionProvider", {{"resolveProvider", false}}},
                     {"workspaceSymbolProvider", true},
                     {"codeLensProvider", {{"resolveProvider", false}}},
                     {"semanticTokensProvider",
                      {{"legend", {{"tokenTypes", {"number", "enumMember", "keyword"}}, {"tokenModifiers", {"error", "warning", "information", "hint"}}}},
                       {"full", {{"delta", true}}},
                       {"range", true}}}});
}

TEST_CASE("completion: catalog names for the typed word in a script, replacing it, UTF-16 positions") {
  Session s;
  s.open(kScriptUri, "powershell", kScript);
  CHECK(s.complete(kScriptUri, 1, 44) == json{{"isIncomplete", false}, {"items", policy_items(lsp_range(1, 22, 1, 44))}});
}

TEST_CASE("completion: the same list with UTF-8 positions, and in lower case") {
  Session s(json{{"general", {{"positionEncodings", {"utf-8", "utf-16"}}}}});
  std::string lower = kScript;
  const std::size_t at = lower.find("ERROR_IPSEC_IKE_POLICY");
  for (std::size_t i = at; i < at + 22; ++i) lower[i] = static_cast<char>(std::tolower(static_cast<unsigned char>(lower[i])));
  s.open(kScriptUri, "powershell", lower);
  // The items replace the typed "error_ipsec_ike_policy" with the name as the catalog spells it.
  CHECK(s.complete(kScriptUri, 1, 46) == json{{"isIncomplete", false}, {"items", policy_items(lsp_range(1, 24, 1, 46))}});
}

TEST_CASE("completion: Markdown documentation for a client that takes it, in a markdown document, and NTSTATUS in hex") {
  Session s(json{{"textDocument", {{"completion", {{"completionItem", {{"documentationFormat", {"markdown", "plaintext"}}}}}}}}});
  const std::string uri = "file:///w/runbook.md";
  s.open(uri, "markdown", "When IKE logs ERROR_IPSEC_IKE_NEG_STATUS_B\nor STATUS_IPSEC_BAD_S\n");
  // A range marker's official text is its own name: the item says what it is, escaped for Markdown.
  CHECK(s.complete(uri, 0, 42) ==
        json{{"isIncomplete", false},
             {"items", {item("ERROR_IPSEC_IKE_NEG_STATUS_BEGIN", "13800 (0x35E8)",
                             {{"kind", "markdown"},
                              {"value", "ERROR\\_IPSEC\\_IKE\\_NEG\\_STATUS\\_BEGIN — a range marker, not a failure: it bounds a block of IKE codes in winerror.h."}},
                             "0000", lsp_range(0, 14, 0, 42))}}});
  CHECK(s.complete(uri, 1, 20) ==
        json{{"isIncomplete", false},
             {"items", {item("STATUS_IPSEC_BAD_SPI", "0xC0360001",
                             {{"kind", "markdown"}, {"value", "The SPI in the packet does not match a valid IPsec SA."}}, "0000",
                             lsp_range(1, 3, 1, 20))}}});
}

TEST_CASE("completion: none in a log or plain text, none for a short word or one that starts no name") {
  Session s;
  s.open("file:///w/a.log", "log", "IKE error ERROR_IPSEC_IKE_POLICY\n");
  s.open("file:///w/a.txt", "plaintext", "ERROR_IPSEC_IKE_POLICY\n");
  CHECK(s.complete("file:///w/a.log", 0, 32).is_null());
  CHECK(s.complete("file:///w/a.txt", 0, 22).is_null());
  s.open(kScriptUri, "powershell", "$a = ER\n$b = IKE_POLICY\n$c = \n");
  // Too short yet: an empty list the client is to ask for again as the user types on.
  CHECK(s.complete(kScriptUri, 0, 7) == json{{"isIncomplete", true}, {"items", json::array()}});
  CHECK(s.complete(kScriptUri, 2, 5) == json{{"isIncomplete", true}, {"items", json::array()}});
  // Parts of names, but not a name's start: typing on will not change that.
  CHECK(s.complete(kScriptUri, 1, 15) == json{{"isIncomplete", false}, {"items", json::array()}});
  // A document that was never opened is an invalid request.
  const json r = s.c.response(s.c.request("textDocument/completion", {{"textDocument", {{"uri", "file:///w/none.ps1"}}}, {"position", {{"line", 0}, {"character", 0}}}}));
  CHECK(r["error"]["code"] == -32602);
}

TEST_CASE("completion: the folder's team catalog names, capped at 200 with the list marked incomplete") {
  const fs::path team_dir = fresh_dir("team"), plain_dir = fresh_dir("plain");
  // 60 names above every embedded Win32 code: "ERROR" now starts 151 + 60 names.
  json entries = json::array();
  for (int v = 14000; v < 14060; ++v)
    entries.push_back({{"value", v}, {"name", "ERROR_TEAM_C" + std::to_string(v)}, {"message", "Team code " + std::to_string(v) + "."}});
  write(team_dir / "team.json", json{{"version", 1}, {"entries", entries}}.dump());
  write(team_dir / ".winerr.json", R"({"catalogPath": "team.json"})");
  Session s(json::object(), nullptr, {team_dir, plain_dir});
  const std::string team_uri = "file://" + (team_dir / "a.ps1").string(), plain_uri = "file://" + (plain_dir / "a.ps1").string();
  s.open(team_uri, "powershell", "ERROR_TEAM_C1400\nERROR\n");
  s.open(plain_uri, "powershell", "ERROR_TEAM_C1400\nERROR\n");
  const json ten = s.complete(team_uri, 0, 16);
  CHECK(ten["isIncomplete"] == false);
  REQUIRE(ten["items"].size() == 10);
  CHECK(ten["items"][0] == item("ERROR_TEAM_C14000", "14000 (0x36B0)", plain("Team code 14000."), "0000", lsp_range(0, 0, 0, 16)));
  CHECK(ten["items"][9]["label"] == "ERROR_TEAM_C14009");
  // The other folder has the embedded catalog only.
  CHECK(s.complete(plain_uri, 0, 16) == json{{"isIncomplete", false}, {"items", json::array()}});
  // 211 names start with ERROR here: the first 200 by code (151 embedded, then the team's
  // 14000-14048), and the client is told to ask again as the word grows.
  const json capped = s.complete(team_uri, 1, 5);
  CHECK(capped["isIncomplete"] == true);
  REQUIRE(capped["items"].size() == 200);
  CHECK(capped["items"][0]["label"] == "ERROR_IPSEC_QM_POLICY_EXISTS");
  CHECK(capped["items"][150]["label"] == "ERROR_IPSEC_DOSP_MAX_PER_IP_RATELIMIT_QUEUES");
  CHECK(capped["items"][151]["label"] == "ERROR_TEAM_C14000");
  CHECK(capped["items"][199] == item("ERROR_TEAM_C14048", "14048 (0x36E0)", plain("Team code 14048."), "0199", lsp_range(1, 0, 1, 5)));
  const json whole = s.complete(plain_uri, 1, 5);
  CHECK(whole["isIncomplete"] == false);
  CHECK(whole["items"].size() == 151);
}

TEST_CASE("workspace symbols: every shown finding of the open documents, in the order they were opened") {
  Session s;
  s.open("file:///w/b.log", "log", "IKE failure 13806 and error 0x35E9\n");
  s.open("file:///w/n.log", "log", kLog);
  // A script outside any file (the URI is its container), with an emoji before the code.
  s.open("untitled:Untitled-1", "powershell", "# \xF0\x9F\x98\x80 -2147011095\n");
  s.open("file:///w/a%20b.log", "log", "error 13868\n");
  const std::string auth = "ERROR_IPSEC_IKE_AUTH_FAIL", cert = "ERROR_IPSEC_IKE_NO_CERT";
  // n.log's line 3 is one mention (the number and its name); the port on line 4 is no finding.
  CHECK(s.symbols("") == json::array({symbol(cert, "file:///w/b.log", lsp_range(0, 12, 0, 17), "b.log"),
                                      symbol(auth, "file:///w/b.log", lsp_range(0, 28, 0, 34), "b.log"),
                                      symbol(auth, "file:///w/n.log", lsp_range(0, 10, 0, 15), "n.log"),
                                      symbol(auth, "file:///w/n.log", lsp_range(1, 10, 1, 16), "n.log"),
                                      symbol(cert, "file:///w/n.log", lsp_range(1, 28, 1, 33), "n.log"),
                                      symbol(auth, "file:///w/n.log", lsp_range(2, 3, 2, 13), "n.log"),
                                      symbol(auth, "file:///w/n.log", lsp_range(3, 6, 3, 11), "n.log"),
                                      symbol(auth, "untitled:Untitled-1", lsp_range(0, 5, 0, 16), "untitled:Untitled-1"),
                                      symbol("ERROR_IPSEC_IKE_POLICY_MATCH", "file:///w/a%20b.log", lsp_range(0, 6, 0, 11), "a b.log")}));
  // Closed: gone. Reopened: last, as it is now the most recently opened.
  // Each close publishes an empty list; take it first, or the reopen's wait would take it and
  // ask before the reopened document is scanned.
  for (const char* closed : {"file:///w/b.log", "file:///w/n.log"}) {
    s.c.notify("textDocument/didClose", {{"textDocument", {{"uri", closed}}}});
    CHECK(s.c.diagnostics(closed)["diagnostics"] == json::array());
  }
  s.open("file:///w/b.log", "log", "IKE failure 13806\n");
  CHECK(s.symbols(" ") == json::array({symbol(auth, "untitled:Untitled-1", lsp_range(0, 5, 0, 16), "untitled:Untitled-1"),
                                       symbol("ERROR_IPSEC_IKE_POLICY_MATCH", "file:///w/a%20b.log", lsp_range(0, 6, 0, 11), "a b.log"),
                                       symbol(cert, "file:///w/b.log", lsp_range(0, 12, 0, 17), "b.log")}));
}

TEST_CASE("workspace symbols: by part of the name, by any spelling of the number, by words of the official text") {
  Session s;
  s.open("file:///w/n.log", "log", kLog);
  s.open("file:///w/b.log", "log", "IKE failure 13806 and error 0x35E9\n");
  const std::string auth = "ERROR_IPSEC_IKE_AUTH_FAIL";
  const json auth_only = json::array({symbol(auth, "file:///w/n.log", lsp_range(0, 10, 0, 15), "n.log"),
                                      symbol(auth, "file:///w/n.log", lsp_range(1, 10, 1, 16), "n.log"),
                                      symbol(auth, "file:///w/n.log", lsp_range(2, 3, 2, 13), "n.log"),
                                      symbol(auth, "file:///w/n.log", lsp_range(3, 6, 3, 11), "n.log"),
                                      symbol(auth, "file:///w/b.log", lsp_range(0, 28, 0, 34), "b.log")});
  for (const char* q : {"auth_FAIL", "13801", "0x35e9", "0x800735E9", "-2147011095", "credentials unacceptable"}) {
    INFO(q);
    CHECK(s.symbols(q) == auth_only);
  }
  // 13806: "IKE failed to find valid machine certificate. …"
  CHECK(s.symbols("machine CERTIFICATE") == json::array({symbol("ERROR_IPSEC_IKE_NO_CERT", "file:///w/n.log", lsp_range(1, 28, 1, 33), "n.log"),
                                                         symbol("ERROR_IPSEC_IKE_NO_CERT", "file:///w/b.log", lsp_range(0, 12, 0, 17), "b.log")}));
  CHECK(s.symbols("1380") == json::array());
  CHECK(s.symbols("certificate credentials") == json::array());
  // A query is required.
  CHECK(s.c.response(s.c.request("workspace/symbol", json::object()))["error"]["code"] == -32602);
}

TEST_CASE("workspace symbols: what the diagnostics hide is not listed — ignored codes, suppressed lines, excluded files") {
  const fs::path root = fresh_dir("hidden");
  write(root / ".winerr.json", R"({"exclude": ["old/**"]})");
  Session s(json::object(), {{"ignore", {"0x35EE"}}}, {root});
  const std::string uri = "file://" + (root / "a.ps1").string();
  s.open(uri, "powershell",
         "if ($hr -eq 0x800735E9) { 'auth' }  # winerr-ignore\n"
         "if ($hr -eq 0x800735EE) { 'cert' }\n"
         "if ($hr -eq 0x8007362C) { 'policy' }\n");
  s.open("file://" + (root / "old" / "b.log").string(), "log", "IKE error 13801\n");
  CHECK(s.symbols("") == json::array({symbol("ERROR_IPSEC_IKE_POLICY_MATCH", uri, lsp_range(2, 12, 2, 22), "a.ps1")}));
}

TEST_CASE("workspace symbols: at most 1000, in open order across documents") {
  Session s;
  std::string six_hundred;
  for (int i = 0; i < 600; ++i) six_hundred += "IKE error 13801\n";
  s.open("file:///w/first.log", "log", six_hundred);
  s.open("file:///w/second.log", "log", six_hundred);
  s.open("file:///w/third.log", "log", "IKE error 13806\n");
  const json got = s.symbols("");
  REQUIRE(got.size() == 1000);
  CHECK(got[599] == symbol("ERROR_IPSEC_IKE_AUTH_FAIL", "file:///w/first.log", lsp_range(599, 10, 599, 15), "first.log"));
  CHECK(got[600] == symbol("ERROR_IPSEC_IKE_AUTH_FAIL", "file:///w/second.log", lsp_range(0, 10, 0, 15), "second.log"));
  CHECK(got[999] == symbol("ERROR_IPSEC_IKE_AUTH_FAIL", "file:///w/second.log", lsp_range(399, 10, 399, 15), "second.log"));
  // The third document's code is still found by a query that leaves the others out.
  CHECK(s.symbols("13806") == json::array({symbol("ERROR_IPSEC_IKE_NO_CERT", "file:///w/third.log", lsp_range(0, 10, 0, 15), "third.log")}));
}
